package string

import (
	"fmt"
	"math"
	"strings"

	"github.com/tidelua/tide/internal/stdlib/check"
	"github.com/tidelua/tide/internal/value"
	"github.com/tidelua/tide/internal/vm"
)

// string.pack, string.unpack and string.packsize (§6.4.2), following
// lstrlib.c on a 64-bit little-endian machine: native sizes are those of
// LP64 C (short 2, int 4, long 8, size_t 8), native alignment 8.

type kOption int

const (
	kInt kOption = iota
	kUint
	kFloat
	kNumber
	kDouble
	kChar
	kString
	kZstr
	kPadding
	kPaddAlign
	kNop
)

const (
	maxIntSize  = 16 // MAXINTSIZE
	szInt       = 8  // size of a lua_Integer
	nativeAlign = 8  // offsetof(struct cD, u)
)

// header is the state of a format string being read.
type header struct {
	fmt      string
	little   bool
	maxAlign int
}

func newHeader(f string) *header {
	if i := strings.IndexByte(f, 0); i >= 0 {
		f = f[:i] // the C code stops at the first NUL
	}
	return &header{fmt: f, little: true, maxAlign: 1}
}

func isDigitByte(c byte) bool { return '0' <= c && c <= '9' }

// getNum reads an optional decimal size (getnum).
func (h *header) getNum(df int) int {
	if len(h.fmt) == 0 || !isDigitByte(h.fmt[0]) {
		return df
	}
	a := 0
	for {
		a = a*10 + int(h.fmt[0]-'0')
		h.fmt = h.fmt[1:]
		if len(h.fmt) == 0 || !isDigitByte(h.fmt[0]) || a > (maxStringSize-9)/10 {
			return a
		}
	}
}

func (h *header) getNumLimit(df int) (int, error) {
	sz := h.getNum(df)
	if sz > maxIntSize || sz <= 0 {
		return 0, fmt.Errorf("integral size (%d) out of limits [1,%d]", sz, maxIntSize)
	}
	return sz, nil
}

// getOption reads one option and its size (getoption).
func (h *header) getOption() (kOption, int, error) {
	opt := h.fmt[0]
	h.fmt = h.fmt[1:]
	var err error
	size := 0
	switch opt {
	case 'b':
		return kInt, 1, nil
	case 'B':
		return kUint, 1, nil
	case 'h':
		return kInt, 2, nil
	case 'H':
		return kUint, 2, nil
	case 'l', 'j':
		return kInt, 8, nil
	case 'L', 'J', 'T':
		return kUint, 8, nil
	case 'f':
		return kFloat, 4, nil
	case 'n':
		return kNumber, 8, nil
	case 'd':
		return kDouble, 8, nil
	case 'i':
		size, err = h.getNumLimit(4)
		return kInt, size, err
	case 'I':
		size, err = h.getNumLimit(4)
		return kUint, size, err
	case 's':
		size, err = h.getNumLimit(8)
		return kString, size, err
	case 'c':
		size = h.getNum(-1)
		if size == -1 {
			return kChar, 0, errString("missing size for format option 'c'")
		}
		return kChar, size, nil
	case 'z':
		return kZstr, 0, nil
	case 'x':
		return kPadding, 1, nil
	case 'X':
		return kPaddAlign, 0, nil
	case ' ':
	case '<', '=':
		h.little = true
	case '>':
		h.little = false
	case '!':
		h.maxAlign, err = h.getNumLimit(nativeAlign)
		if err != nil {
			return kNop, 0, err
		}
	default:
		return kNop, 0, fmt.Errorf("invalid format option '%c'", opt)
	}
	return kNop, 0, nil
}

// getDetails reads an option and computes the padding needed to align it
// at offset total (getdetails).
func (h *header) getDetails(total int) (opt kOption, size, ntoalign int, err error) {
	opt, size, err = h.getOption()
	if err != nil {
		return
	}
	align := size
	if opt == kPaddAlign {
		var next kOption
		if len(h.fmt) == 0 {
			return opt, 0, 0, vm.ArgError(1, "invalid next option for option 'X'")
		}
		if next, align, err = h.getOption(); err != nil {
			return
		}
		if next == kChar || align == 0 {
			return opt, 0, 0, vm.ArgError(1, "invalid next option for option 'X'")
		}
	}
	if align <= 1 || opt == kChar {
		return opt, size, 0, nil
	}
	if align > h.maxAlign {
		align = h.maxAlign
	}
	if align&(align-1) != 0 {
		return opt, 0, 0, vm.ArgError(1, "format asks for alignment not power of 2")
	}
	return opt, size, (align - total&(align-1)) & (align - 1), nil
}

// packInt appends n as a size-byte integer; bytes beyond 8 are the sign
// extension.
func packInt(b []byte, n uint64, little bool, size int, neg bool) []byte {
	buf := make([]byte, size)
	for i := 0; i < size; i++ {
		var c byte
		switch {
		case i < szInt:
			c = byte(n >> (8 * i))
		case neg:
			c = 0xff
		}
		if little {
			buf[i] = c
		} else {
			buf[size-1-i] = c
		}
	}
	return append(b, buf...)
}

func strPack(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	f, err := check.String(args, 1)
	if err != nil {
		return nil, err
	}
	// The reference pushes a nil mark after the arguments: a missing
	// argument is reported as "got nil".
	args = append(args[:len(args):len(args)], value.Nil)
	h := newHeader(f)
	var b []byte
	arg := 1
	total := 0
	for len(h.fmt) > 0 {
		opt, size, ntoalign, err := h.getDetails(total)
		if err != nil {
			return nil, err
		}
		total += ntoalign + size
		for range ntoalign {
			b = append(b, 0)
		}
		arg++
		switch opt {
		case kInt:
			n, err := check.Int(args, arg)
			if err != nil {
				return nil, err
			}
			if size < szInt {
				lim := int64(1) << (size*8 - 1)
				if n < -lim || n >= lim {
					return nil, vm.ArgError(arg, "integer overflow")
				}
			}
			b = packInt(b, uint64(n), h.little, size, n < 0)
		case kUint:
			n, err := check.Int(args, arg)
			if err != nil {
				return nil, err
			}
			if size < szInt && uint64(n) >= uint64(1)<<(size*8) {
				return nil, vm.ArgError(arg, "unsigned overflow")
			}
			b = packInt(b, uint64(n), h.little, size, false)
		case kFloat:
			x, err := check.Float(args, arg)
			if err != nil {
				return nil, err
			}
			b = packInt(b, uint64(math.Float32bits(float32(x))), h.little, 4, false)
		case kNumber, kDouble:
			x, err := check.Float(args, arg)
			if err != nil {
				return nil, err
			}
			b = packInt(b, math.Float64bits(x), h.little, 8, false)
		case kChar:
			s, err := check.String(args, arg)
			if err != nil {
				return nil, err
			}
			if len(s) > size {
				return nil, vm.ArgError(arg, "string longer than given size")
			}
			if b, err = l.State().Grow(b, size); err != nil {
				return nil, err
			}
			b = append(b, s...)
			for i := len(s); i < size; i++ {
				b = append(b, 0)
			}
		case kString:
			s, err := check.String(args, arg)
			if err != nil {
				return nil, err
			}
			if size < 8 && uint64(len(s)) >= uint64(1)<<(size*8) {
				return nil, vm.ArgError(arg, "string length does not fit in given size")
			}
			if b, err = l.State().Grow(b, size+len(s)); err != nil {
				return nil, err
			}
			b = packInt(b, uint64(len(s)), h.little, size, false)
			b = append(b, s...)
			total += len(s)
		case kZstr:
			s, err := check.String(args, arg)
			if err != nil {
				return nil, err
			}
			if strings.IndexByte(s, 0) >= 0 {
				return nil, vm.ArgError(arg, "string contains zeros")
			}
			b = append(b, s...)
			b = append(b, 0)
			total += len(s) + 1
		case kPadding:
			b = append(b, 0)
			arg--
		default:
			arg--
		}
	}
	return l.Ret1(value.OwnedBytes(b)), nil
}

func strPackSize(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	f, err := check.String(args, 1)
	if err != nil {
		return nil, err
	}
	h := newHeader(f)
	total := 0
	for len(h.fmt) > 0 {
		opt, size, ntoalign, err := h.getDetails(total)
		if err != nil {
			return nil, err
		}
		if opt == kString || opt == kZstr {
			return nil, vm.ArgError(1, "variable-length format")
		}
		size += ntoalign
		if total > maxStringSize-size {
			return nil, vm.ArgError(1, "format result too large")
		}
		total += size
	}
	return l.Ret1(value.Int(int64(total))), nil
}

// unpackInt reads a size-byte integer (unpackint).
func unpackInt(s string, little bool, size int, signed bool) (int64, error) {
	var res uint64
	limit := min(size, szInt)
	at := func(i int) byte {
		if little {
			return s[i]
		}
		return s[size-1-i]
	}
	for i := limit - 1; i >= 0; i-- {
		res = res<<8 | uint64(at(i))
	}
	if size < szInt {
		if signed {
			mask := uint64(1) << (size*8 - 1)
			res = (res ^ mask) - mask
		}
	} else if size > szInt {
		var mask byte
		if signed && int64(res) < 0 {
			mask = 0xff
		}
		for i := limit; i < size; i++ {
			if at(i) != mask {
				return 0, fmt.Errorf("%d-byte integer does not fit into Lua Integer", size)
			}
		}
	}
	return int64(res), nil
}

func strUnpack(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	f, err := check.String(args, 1)
	if err != nil {
		return nil, err
	}
	data, err := check.String(args, 2)
	if err != nil {
		return nil, err
	}
	i, err := check.OptInt(args, 3, 1)
	if err != nil {
		return nil, err
	}
	ld := len(data)
	pos := int(posRelat(i, ld) - 1)
	if posRelat(i, ld)-1 > int64(ld) {
		return nil, vm.ArgError(3, "initial position out of string")
	}
	h := newHeader(f)
	var res []value.Value
	for len(h.fmt) > 0 {
		opt, size, ntoalign, err := h.getDetails(pos)
		if err != nil {
			return nil, err
		}
		if ntoalign+size > ld-pos {
			return nil, vm.ArgError(2, "data string too short")
		}
		pos += ntoalign
		switch opt {
		case kInt, kUint:
			n, err := unpackInt(data[pos:pos+size], h.little, size, opt == kInt)
			if err != nil {
				return nil, err
			}
			res = append(res, value.Int(n))
		case kFloat:
			n, _ := unpackInt(data[pos:pos+4], h.little, 4, false)
			res = append(res, value.Float(float64(math.Float32frombits(uint32(n)))))
		case kNumber, kDouble:
			n, _ := unpackInt(data[pos:pos+8], h.little, 8, false)
			res = append(res, value.Float(math.Float64frombits(uint64(n))))
		case kChar:
			res = append(res, value.String(data[pos:pos+size]))
		case kString:
			n, err := unpackInt(data[pos:pos+size], h.little, size, false)
			if err != nil {
				return nil, err
			}
			if uint64(n) > uint64(ld-pos-size) {
				return nil, vm.ArgError(2, "data string too short")
			}
			res = append(res, value.String(data[pos+size:pos+size+int(n)]))
			pos += int(n)
		case kZstr:
			n := strings.IndexByte(data[pos:], 0)
			if n < 0 {
				return nil, vm.ArgError(2, "unfinished string for format 'z'")
			}
			res = append(res, value.String(data[pos:pos+n]))
			pos += n + 1
		}
		pos += size
	}
	res = append(res, value.Int(int64(pos+1)))
	return res, nil
}
