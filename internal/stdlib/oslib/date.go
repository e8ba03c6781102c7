package oslib

import (
	"errors"
	"strconv"
	"strings"

	"github.com/tidelua/tide/internal/stdlib/check"
	"github.com/tidelua/tide/internal/value"
	"github.com/tidelua/tide/internal/vm"
)

// strftimeOptions lists the conversions os.date accepts, as loslib.c's
// LUA_STRFTIMEOPTIONS for C99: one-character conversions, then "||" and
// the two-character ones (E and O modifiers).
const strftimeOptions = "aAbBcCdDeFgGhHIjmMnprRStTuUVwWxXyYzZ%" +
	"||" + "EcECExEXEyEY" + "OdOeOHOIOmOMOSOuOUOVOwOWOy"

var errDateResult = errors.New("date result cannot be represented in this installation")

// date is os.date([format [, t]]).
func (c *clock) date(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	format, err := check.OptString(args, 1, "%c")
	if err != nil {
		return nil, err
	}
	var t int64
	if check.IsNoneOrNil(args, 2) {
		t = c.now().Unix()
	} else if t, err = check.Int(args, 2); err != nil {
		return nil, err
	}
	loc := c.loc
	if strings.HasPrefix(format, "!") {
		loc = nil
		format = format[1:]
	}
	stm, ok := convert(t, loc)
	if !ok {
		return nil, errDateResult
	}
	if cString(format) == "*t" {
		tbl := value.NewTable(0, 9)
		setAllFields(&stm, true, func(k string, v value.Value) error {
			tbl.SetStr(k, v)
			return nil
		})
		return l.Ret1(value.TableValue(tbl)), nil
	}
	out := make([]byte, 0, len(format)+16)
	for i := 0; i < len(format); {
		if format[i] != '%' {
			out = append(out, format[i])
			i++
			continue
		}
		i++
		conv := matchOption(format[i:])
		if conv == "" {
			return nil, vm.ArgError(1, "invalid conversion specifier '%"+cString(format[i:])+"'")
		}
		i += len(conv)
		out = strftime(out, conv[len(conv)-1], &stm)
	}
	return l.Ret1(value.Bytes(out)), nil
}

// cString returns s up to its first NUL byte, as C sees a Lua string.
func cString(s string) string {
	if i := strings.IndexByte(s, 0); i >= 0 {
		return s[:i]
	}
	return s
}

// matchOption returns the conversion (with its modifier) at the start of
// s, or "" when none is valid (loslib.c checkoption).
func matchOption(s string) string {
	n := 1
	for i := 0; i < len(strftimeOptions) && n <= len(s); {
		if strftimeOptions[i] == '|' {
			n++
			i += n
			continue
		}
		if strftimeOptions[i:i+n] == s[:n] {
			return s[:n]
		}
		i += n
	}
	return ""
}

var (
	weekdayNames = [7]string{"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"}
	monthNames   = [12]string{"January", "February", "March", "April", "May", "June",
		"July", "August", "September", "October", "November", "December"}
)

// strftime appends conversion c of glibc's strftime in the C locale (the
// E and O modifiers change nothing there) for the broken-down time t.
func strftime(b []byte, c byte, t *tm) []byte {
	// glibc computes the printed year in a C int: it wraps for the very
	// largest years
	year := int64(int32(t.year + 1900))
	switch c {
	case 'a':
		return append(b, weekdayNames[t.wday][:3]...)
	case 'A':
		return append(b, weekdayNames[t.wday]...)
	case 'b', 'h':
		return append(b, monthNames[t.mon][:3]...)
	case 'B':
		return append(b, monthNames[t.mon]...)
	case 'c':
		b = strftime(b, 'a', t)
		b = append(b, ' ')
		b = strftime(b, 'b', t)
		b = append(b, ' ')
		b = strftime(b, 'e', t)
		b = append(b, ' ')
		b = strftime(b, 'T', t)
		b = append(b, ' ')
		return strftime(b, 'Y', t)
	case 'C':
		return strconv.AppendInt(b, floorDiv(year, 100), 10)
	case 'd':
		return pad(b, t.mday, 2, '0')
	case 'D', 'x':
		b = strftime(b, 'm', t)
		b = append(b, '/')
		b = strftime(b, 'd', t)
		b = append(b, '/')
		return strftime(b, 'y', t)
	case 'e':
		return pad(b, t.mday, 2, ' ')
	case 'F':
		b = strftime(b, 'Y', t)
		b = append(b, '-')
		b = strftime(b, 'm', t)
		b = append(b, '-')
		return strftime(b, 'd', t)
	case 'g':
		y, _ := isoWeek(t)
		return pad(b, floorMod(int64(int32(y+1900)), 100), 2, '0')
	case 'G':
		y, _ := isoWeek(t)
		return strconv.AppendInt(b, int64(int32(y+1900)), 10)
	case 'H':
		return pad(b, t.hour, 2, '0')
	case 'I':
		h := t.hour % 12
		if h == 0 {
			h = 12
		}
		return pad(b, h, 2, '0')
	case 'j':
		return pad(b, t.yday+1, 3, '0')
	case 'm':
		return pad(b, t.mon+1, 2, '0')
	case 'M':
		return pad(b, t.min, 2, '0')
	case 'n':
		return append(b, '\n')
	case 'p':
		if t.hour < 12 {
			return append(b, "AM"...)
		}
		return append(b, "PM"...)
	case 'r':
		b = strftime(b, 'I', t)
		b = append(b, ':')
		b = strftime(b, 'M', t)
		b = append(b, ':')
		b = strftime(b, 'S', t)
		b = append(b, ' ')
		return strftime(b, 'p', t)
	case 'R':
		b = strftime(b, 'H', t)
		b = append(b, ':')
		return strftime(b, 'M', t)
	case 'S':
		return pad(b, t.sec, 2, '0')
	case 't':
		return append(b, '\t')
	case 'T', 'X':
		b = strftime(b, 'H', t)
		b = append(b, ':')
		b = strftime(b, 'M', t)
		b = append(b, ':')
		return strftime(b, 'S', t)
	case 'u':
		return strconv.AppendInt(b, (t.wday+6)%7+1, 10)
	case 'U':
		return pad(b, (t.yday-t.wday+7)/7, 2, '0')
	case 'V':
		_, w := isoWeek(t)
		return pad(b, w, 2, '0')
	case 'w':
		return strconv.AppendInt(b, t.wday, 10)
	case 'W':
		return pad(b, (t.yday-(t.wday+6)%7+7)/7, 2, '0')
	case 'y':
		return pad(b, floorMod(t.year+1900, 100), 2, '0')
	case 'Y':
		return strconv.AppendInt(b, year, 10)
	case 'z':
		off := t.gmtoff
		sign := byte('+')
		if off < 0 {
			sign, off = '-', -off
		}
		off /= 60
		b = append(b, sign)
		return pad(b, off/60*100+off%60, 4, '0')
	case 'Z':
		return append(b, t.zone...)
	case '%':
		return append(b, '%')
	}
	return b
}

// pad appends n (not negative) right-aligned in width characters, filled
// with fill.
func pad(b []byte, n int64, width int, fill byte) []byte {
	var digits [20]byte
	s := strconv.AppendInt(digits[:0], n, 10)
	for i := len(s); i < width; i++ {
		b = append(b, fill)
	}
	return append(b, s...)
}

// isoWeekDays returns the number of days from the Monday of ISO week 1 of
// the year to the day yday (negative before it), for a day of the week
// wday (0 = Sunday).
func isoWeekDays(yday, wday int64) int64 {
	// ISO week 1 is the week with the year's first Thursday; the large
	// multiple of 7 keeps the left operand of % positive.
	const big = 382 * 7
	return yday - (yday-wday+4+big)%7 + 3
}

// isoWeek returns the ISO 8601 week-based year (counted from 1900, as
// tm.year) and week number of t.
func isoWeek(t *tm) (year, week int64) {
	year = t.year
	days := isoWeekDays(t.yday, t.wday)
	if days < 0 {
		// the last week of the previous year
		year--
		days = isoWeekDays(t.yday+yearDays(year), t.wday)
	} else if d := isoWeekDays(t.yday-yearDays(year), t.wday); d >= 0 {
		// the first week of the next year
		year++
		days = d
	}
	return year, days/7 + 1
}

// yearDays returns the length of the year (counted from 1900).
func yearDays(year int64) int64 {
	if isLeap(year + 1900) {
		return 366
	}
	return 365
}
