package oslib

import (
	"errors"
	"math"
	"time"

	"github.com/tidelua/tide/internal/stdlib/check"
	"github.com/tidelua/tide/internal/value"
	"github.com/tidelua/tide/internal/vm"
)

// clock holds what os.time and os.date need: the local time zone, the
// current time and the offset guess that glibc's mktime keeps from one
// call to the next (it decides which side of a spring-forward gap a
// missing local time lands on). One clock belongs to one State.
type clock struct {
	loc   *time.Location
	now   func() time.Time
	guess int64 // mktime's localtime_offset: t - (fields read as UTC)
}

// tm is C's struct tm with wide fields: year counts from 1900, mon from 0,
// yday from 0, wday from 0 (Sunday); isdst is -1 when unknown.
type tm struct {
	year, mon, mday, hour, min, sec int64
	yday, wday                      int64
	isdst                           int
	gmtoff                          int64
	zone                            string
}

var errTimeResult = errors.New("time result cannot be represented in this installation")

// time is os.time([t]): the current time, or the time the table t
// describes in the local time zone, normalising t's fields in place
// (mktime).
func (c *clock) time(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	if check.IsNoneOrNil(args, 1) {
		return l.Ret1(value.Int(c.now().Unix())), nil
	}
	if _, err := check.Table(args, 1); err != nil {
		return nil, err
	}
	tv := args[0]
	var req tm
	var err error
	if req.year, err = getField(l, tv, "year", -1, 1900); err != nil {
		return nil, err
	}
	if req.mon, err = getField(l, tv, "month", -1, 1); err != nil {
		return nil, err
	}
	if req.mday, err = getField(l, tv, "day", -1, 0); err != nil {
		return nil, err
	}
	if req.hour, err = getField(l, tv, "hour", 12, 0); err != nil {
		return nil, err
	}
	if req.min, err = getField(l, tv, "min", 0, 0); err != nil {
		return nil, err
	}
	if req.sec, err = getField(l, tv, "sec", 0, 0); err != nil {
		return nil, err
	}
	v, err := l.Index(tv, value.String("isdst"))
	if err != nil {
		return nil, err
	}
	req.isdst = -1
	if !v.IsNil() {
		req.isdst = 0
		if v.Truthy() {
			req.isdst = 1
		}
	}
	t, norm, ok := c.mktime(req)
	if !ok {
		// mktime left the fields alone and loslib.c stores them back
		// anyway; yday and wday are whatever its uninitialised struct
		// held, which tide leaves out
		norm = req
	}
	err = setAllFields(&norm, ok, func(k string, v value.Value) error {
		return l.SetIndex(tv, value.String(k), v)
	})
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, errTimeResult
	}
	if t == -1 { // mktime's error value, even when it is the right answer
		return nil, errTimeResult
	}
	return l.Ret1(value.Int(t)), nil
}

// getField reads a date field like loslib.c's getfield: an integer within
// C int range after subtracting delta, or d when absent (d < 0: required).
func getField(l *vm.Thread, tv value.Value, key string, d, delta int64) (int64, error) {
	v, err := l.Index(tv, value.String(key))
	if err != nil {
		return 0, err
	}
	n, ok := value.ToInteger(v)
	if !ok {
		if !v.IsNil() {
			return 0, errors.New("field '" + key + "' is not an integer")
		}
		if d < 0 {
			return 0, errors.New("field '" + key + "' missing in date table")
		}
		return d, nil
	}
	if n >= 0 && n-delta > math.MaxInt32 || n < 0 && n < math.MinInt32+delta {
		return 0, errors.New("field '" + key + "' is out-of-bound")
	}
	return n - delta, nil
}

// setAllFields stores the fields of a date table with set (loslib.c
// setallfields; os.time's set honours __newindex as lua_setfield does),
// leaving out yday and wday unless withDays.
func setAllFields(t *tm, withDays bool, set func(key string, v value.Value) error) error {
	fields := [...]struct {
		key string
		v   int64
	}{
		{"year", t.year + 1900}, {"month", t.mon + 1}, {"day", t.mday},
		{"hour", t.hour}, {"min", t.min}, {"sec", t.sec},
		{"yday", t.yday + 1}, {"wday", t.wday + 1},
	}
	n := len(fields)
	if !withDays {
		n -= 2
	}
	for _, f := range fields[:n] {
		if err := set(f.key, value.Int(f.v)); err != nil {
			return err
		}
	}
	if t.isdst < 0 {
		return nil
	}
	return set("isdst", value.Bool(t.isdst != 0))
}

// ---- calendar arithmetic (proleptic Gregorian, any int64 day count) ----

func floorDiv(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

func floorMod(a, b int64) int64 { return a - floorDiv(a, b)*b }

// daysFromCivil returns the number of days from 1970-01-01 to the given
// date (y is the full year, m 1..12, d 1..31).
func daysFromCivil(y, m, d int64) int64 {
	if m <= 2 {
		y--
	}
	era := floorDiv(y, 400)
	yoe := y - era*400                     // [0, 399]
	mp := (m + 9) % 12                     // March = 0
	doy := (153*mp+2)/5 + d - 1            // [0, 365]
	doe := yoe*365 + yoe/4 - yoe/100 + doy // [0, 146096]
	return era*146097 + doe - 719468
}

// civilFromDays is the inverse of daysFromCivil.
func civilFromDays(z int64) (y, m, d int64) {
	z += 719468
	era := floorDiv(z, 146097)
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d = doy - (153*mp+2)/5 + 1
	m = mp + 3
	if m > 12 {
		m -= 12
	}
	y = yoe + era*400
	if m <= 2 {
		y++
	}
	return y, m, d
}

func isLeap(y int64) bool { return y%4 == 0 && (y%100 != 0 || y%400 == 0) }

// secsOf returns the seconds since the epoch of a broken-down time read as
// UTC, from a year (since 1900) and a day of the year that need not be in
// range (ydhms_diff against the epoch).
func secsOf(year, yday, hour, min, sec int64) int64 {
	days := daysFromCivil(year+1900, 1, 1) + yday
	return ((days*24+hour)*60+min)*60 + sec
}

// maxConvert bounds the times convert accepts: far past every time whose
// year fits a C int, and far within what package time handles.
const maxConvert = 1 << 56

// convert breaks t down in loc (localtime_r), or in UTC when loc is nil
// (gmtime_r, zone "GMT"). It fails, as glibc does, when the year does not
// fit a C int.
func convert(t int64, loc *time.Location) (tm, bool) {
	var r tm
	if t > maxConvert || t < -maxConvert {
		return r, false
	}
	r.zone = "GMT"
	if loc != nil {
		lt := time.Unix(t, 0).In(loc)
		var off int
		r.zone, off = lt.Zone()
		r.gmtoff = int64(off)
		if lt.IsDST() {
			r.isdst = 1
		}
	}
	local := t + r.gmtoff
	days := floorDiv(local, 86400)
	s := local - days*86400
	y, m, d := civilFromDays(days)
	r.year = y - 1900
	if r.year > math.MaxInt32 || r.year < math.MinInt32 {
		return r, false
	}
	r.mon, r.mday = m-1, d
	r.hour, r.min, r.sec = s/3600, s/60%60, s%60
	r.yday = days - daysFromCivil(y, 1, 1)
	r.wday = floorMod(days+4, 7) // 1970-01-01 was a Thursday
	return r, true
}

// rangedConvert is convert that, when t cannot be broken down, moves t
// to the representable time nearest to it between 0 and t (glibc's
// ranged_convert, used while mktime searches).
func rangedConvert(t *int64, loc *time.Location) (tm, bool) {
	if r, ok := convert(*t, loc); ok {
		return r, true
	}
	bad, good := *t, int64(0)
	var goodTM tm
	found := false
	for {
		mid := (good >> 1) + (bad >> 1) + ((good | bad) & 1)
		if mid == good || mid == bad {
			break
		}
		if r, ok := convert(mid, loc); ok {
			good, goodTM, found = mid, r, true
		} else {
			bad = mid
		}
	}
	if !found {
		return tm{}, false
	}
	*t = good
	return goodTM, true
}

// isdstDiffer reports whether two isdst values are known and different.
func isdstDiffer(a, b int) bool { return (a == 0) != (b == 0) && a >= 0 && b >= 0 }

// mktime converts the broken-down local time req to a time, returning it
// with the normalised fields; ok is false when glibc's mktime fails
// (EOVERFLOW). It follows glibc's algorithm step by step, so that times
// in a daylight-saving gap or with an isdst that does not match resolve
// as lua5.4 on glibc resolves them.
func (c *clock) mktime(req tm) (t int64, res tm, ok bool) {
	loc := c.loc
	secRequested := req.sec
	sec := min(max(req.sec, 0), 59)
	monRem := req.mon % 12
	monYears := req.mon / 12
	if monRem < 0 {
		monRem += 12
		monYears--
	}
	year := req.year + monYears
	yday := daysFromCivil(year+1900, monRem+1, 1) - daysFromCivil(year+1900, 1, 1) + req.mday - 1
	want := secsOf(year, yday, req.hour, req.min, sec)
	diff := func(r *tm) int64 { return want - secsOf(r.year, r.yday, r.hour, r.min, r.sec) }

	t0 := want + c.guess
	t, t1, t2 := t0, t0, t0
	dst2 := false
	probes := 6
	for {
		r, ok := rangedConvert(&t, loc)
		if !ok {
			return 0, tm{}, false
		}
		res = r
		dt := diff(&res)
		if dt == 0 {
			break
		}
		cur := res.isdst != 0
		if t == t1 && t != t2 && (res.isdst < 0 ||
			(req.isdst < 0 && (!dst2 || cur)) ||
			(req.isdst >= 0 && (req.isdst != 0) != cur)) {
			// oscillating around a spring-forward gap
			goto found
		}
		probes--
		if probes == 0 {
			return 0, tm{}, false
		}
		t1, t2, t, dst2 = t2, t, t+dt, cur
	}
	if isdstDiffer(req.isdst, res.isdst) {
		// The fields name a time of the other kind (standard or summer)
		// than the one they fall in: use the offset of the nearest time of
		// the requested kind.
		const stride = 601200
		const durationMax = 457243209
		const deltaBound = durationMax/2 + stride
		dstDifference := int64(b2i(req.isdst == 0) - b2i(res.isdst == 0))
		for delta := int64(stride); delta < deltaBound; delta += stride {
			for _, dir := range [2]int64{-1, 1} {
				ot := t + delta*dir
				otm, ok := rangedConvert(&ot, loc)
				if !ok {
					return 0, tm{}, false
				}
				if isdstDiffer(req.isdst, otm.isdst) {
					continue
				}
				gt := ot + diff(&otm)
				if r, ok := convert(gt, loc); ok {
					t, res = gt, r
					goto found
				}
			}
		}
		// none nearby: assume a one-hour difference
		t += 3600 * dstDifference
		r, ok := convert(t, loc)
		if !ok {
			return 0, tm{}, false
		}
		res = r
	}
found:
	c.guess = t - want
	if secRequested != res.sec {
		adj := b2i64(sec == 0 && res.sec == 60) - sec + secRequested
		t += adj
		r, ok := convert(t, loc)
		if !ok {
			return 0, tm{}, false
		}
		res = r
	}
	return t, res, true
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

func b2i64(b bool) int64 { return int64(b2i(b)) }
