package string

import (
	"math"
	"strconv"
	"strings"

	"github.com/tidelua/tide/internal/stdlib/check"
	"github.com/tidelua/tide/internal/value"
	"github.com/tidelua/tide/internal/vm"
)

// string.format (lstrlib.c str_format, Lua 5.4.4 rules).

// Valid flags per conversion (L_FMTFLAGS*).
const (
	flagsF = "-+ #0" // a A e E f g G
	flagsX = "-#0"   // o x X
	flagsI = "-+ 0"  // d i
	flagsU = "-0"    // u
	flagsC = "-"     // c p s
)

// maxFormat is the reference's MAX_FORMAT: a longer specification is
// rejected with "invalid format string to 'format'".
const maxFormat = 32

func strFormat(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	fs, err := check.String(args, 1)
	if err != nil {
		return nil, err
	}
	var b []byte
	arg := 1
	for i := 0; i < len(fs); {
		c := fs[i]
		i++
		if c != '%' {
			b = append(b, c)
			continue
		}
		if i < len(fs) && fs[i] == '%' {
			b = append(b, '%')
			i++
			continue
		}
		arg++
		if arg > len(args) {
			return nil, vm.ArgError(arg, "no value")
		}
		// getformat: span flags, digits and '.', then the conversion.
		n := 0
		for i+n < len(fs) && strings.IndexByte("-+ #0123456789.", fs[i+n]) >= 0 {
			n++
		}
		n++
		if n >= maxFormat-10 {
			return nil, errString("invalid format (too long)")
		}
		end := min(i+n, len(fs))
		form := fs[i-1 : end] // from the '%' to the conversion
		conv := byte(0)
		if i+n-1 < len(fs) {
			conv = fs[i+n-1]
		}
		i = end
		v := args[arg-1]
		switch conv {
		case 'c':
			sp, err := parseSpec(form, flagsC, false)
			if err != nil {
				return nil, err
			}
			x, err := check.Int(args, arg)
			if err != nil {
				return nil, err
			}
			b = sp.pad(b, "", string([]byte{byte(x)}), false)
		case 'd', 'i', 'u', 'o', 'x', 'X':
			x, err := check.Int(args, arg)
			if err != nil {
				return nil, err
			}
			flags := flagsX
			switch conv {
			case 'd', 'i':
				flags = flagsI
			case 'u':
				flags = flagsU
			}
			sp, err := parseSpec(form, flags, true)
			if err != nil {
				return nil, err
			}
			b = sp.formatInt(b, x)
		case 'a', 'A', 'e', 'E', 'f', 'g', 'G':
			var x float64
			if conv != 'a' && conv != 'A' {
				if x, err = check.Float(args, arg); err != nil {
					return nil, err
				}
			}
			sp, err := parseSpec(form, flagsF, true)
			if err != nil {
				return nil, err
			}
			if conv == 'a' || conv == 'A' {
				if x, err = check.Float(args, arg); err != nil {
					return nil, err
				}
			}
			b = sp.formatFloat(b, x)
		case 'p':
			sp, err := parseSpec(form, flagsC, false)
			if err != nil {
				return nil, err
			}
			b = sp.pad(b, "", vm.Address(v), false)
		case 'q':
			if len(form) > 2 {
				return nil, errString("specifier '%q' cannot have modifiers")
			}
			b, err = addLiteral(l, b, args, arg)
			if err != nil {
				return nil, err
			}
		case 's':
			s, err := toString(l, v)
			if err != nil {
				return nil, err
			}
			if len(form) == 2 {
				b = append(b, s...)
				break
			}
			if strings.IndexByte(s, 0) >= 0 {
				return nil, vm.ArgError(arg, "string contains zeros")
			}
			sp, err := parseSpec(form, flagsC, true)
			if err != nil {
				return nil, err
			}
			if sp.prec < 0 && len(s) >= 100 {
				b = append(b, s...)
				break
			}
			if sp.prec >= 0 && len(s) > sp.prec {
				s = s[:sp.prec]
			}
			b = sp.pad(b, "", s, false)
		default:
			return nil, errString("invalid conversion '" + form + "' to 'format'")
		}
	}
	return l.Ret1(value.OwnedBytes(b)), nil
}

// parseSpec checks form ("%-5.2f") against the flags valid for its
// conversion (checkformat: at most two digits of width and of precision)
// and parses it.
func parseSpec(form, flags string, precision bool) (spec, error) {
	sp := spec{prec: -1, conv: form[len(form)-1]}
	i := 1
	for i < len(form) && strings.IndexByte(flags, form[i]) >= 0 {
		switch form[i] {
		case '-':
			sp.minus = true
		case '+':
			sp.plus = true
		case ' ':
			sp.space = true
		case '#':
			sp.sharp = true
		case '0':
			sp.zero = true
		}
		i++
	}
	digits := func() int {
		n := 0
		for k := 0; k < 2 && i < len(form) && isDigit(form[i]); k++ {
			n = n*10 + int(form[i]-'0')
			i++
		}
		return n
	}
	if i < len(form) && form[i] != '0' {
		sp.width = digits()
		if i < len(form) && form[i] == '.' && precision {
			i++
			sp.prec = digits()
		}
	}
	if i != len(form)-1 || !isAlpha(form[i]) {
		return sp, errString("invalid conversion specification: '" + form + "'")
	}
	return sp, nil
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }
func isAlpha(c byte) bool { return 'a' <= c|0x20 && c|0x20 <= 'z' }

// toString converts v as luaL_tolstring: strings and numbers directly,
// everything else through the vm (__tostring, __name).
func toString(l *vm.Thread, v value.Value) (string, error) {
	if v.IsString() {
		if mt := l.State().StringMeta(); mt == nil || mt.GetStr("__tostring").IsNil() {
			return v.AsString(), nil
		}
	} else if v.IsNumber() {
		return l.State().NumberToString(v), nil // per the language mode
	} else if v.IsNil() {
		return "nil", nil
	} else if v.IsBool() {
		if v.AsBool() {
			return "true", nil
		}
		return "false", nil
	}
	return l.ToString(v)
}

// addLiteral appends argument arg in a form Lua can read back (%q).
func addLiteral(l *vm.Thread, b []byte, args []value.Value, arg int) ([]byte, error) {
	v := args[arg-1]
	switch {
	case v.IsString():
		return appendQuoted(b, v.AsString()), nil
	case v.IsInt():
		n := v.AsInt()
		if n == math.MinInt64 {
			return append(b, "0x8000000000000000"...), nil
		}
		return strconv.AppendInt(b, n, 10), nil
	case v.IsFloat():
		f := v.AsFloat()
		switch {
		case math.IsInf(f, 1):
			return append(b, "1e9999"...), nil
		case math.IsInf(f, -1):
			return append(b, "-1e9999"...), nil
		case math.IsNaN(f):
			return append(b, "(0/0)"...), nil
		}
		sp := spec{prec: -1, conv: 'a'}
		return sp.formatFloat(b, f), nil
	case v.IsNil(), v.IsBool():
		s, _ := toString(l, v)
		return append(b, s...), nil
	}
	return nil, vm.ArgError(arg, "value has no literal form")
}

// appendQuoted appends s between double quotes with the escapes of
// lstrlib.c addquoted.
func appendQuoted(b []byte, s string) []byte {
	b = append(b, '"')
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '"' || c == '\\' || c == '\n':
			b = append(b, '\\', c)
		case c < 0x20 || c == 0x7f:
			b = append(b, '\\')
			if i+1 < len(s) && isDigit(s[i+1]) {
				b = append(b, '0'+c/100, '0'+c/10%10, '0'+c%10)
			} else {
				b = strconv.AppendInt(b, int64(c), 10)
			}
		default:
			b = append(b, c)
		}
	}
	return append(b, '"')
}
