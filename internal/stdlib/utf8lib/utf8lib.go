// Package utf8lib is Lua's UTF-8 library (§6.5): utf8.char, charpattern,
// codes, codepoint, len and offset, following lutf8lib.c exactly.
//
// Strict functions accept code points up to U+10FFFF except surrogates;
// with lax set they accept Lua 5.4's extended encoding, sequences of up to
// six bytes for values up to 0x7FFFFFFF. Overlong encodings are always
// invalid.
package utf8lib

import (
	"errors"

	"github.com/tidelua/tide/internal/stdlib/check"
	"github.com/tidelua/tide/internal/value"
	"github.com/tidelua/tide/internal/vm"
)

const (
	maxUnicode = 0x10FFFF
	maxUTF     = 0x7FFFFFFF

	// charPattern matches one UTF-8 sequence (UTF8PATT).
	charPattern = "[\x00-\x7F\xC2-\xFD][\x80-\xBF]*"

	// maxResults is how many values codepoint may return at once, like
	// the reference's luaL_checkstack against LUAI_MAXSTACK.
	maxResults = 1000000 - 100
)

var errInvalid = errors.New("invalid UTF-8 code")

// Open registers the utf8 table in st's globals.
func Open(st *vm.State) {
	t := value.NewTable(0, 8)
	reg := vm.Registrar(t, "utf8")
	reg("offset", byteOffset)
	reg("codepoint", codepoint)
	reg("char", utfChar)
	reg("len", utfLen)
	// The iterators are stateless, like the reference's light C functions.
	iterStrict := vm.NewGoFunction("for iterator", func(l *vm.Thread, args []value.Value) ([]value.Value, error) {
		return iterAux(l, args, true)
	})
	iterLax := vm.NewGoFunction("for iterator", func(l *vm.Thread, args []value.Value) ([]value.Value, error) {
		return iterAux(l, args, false)
	})
	reg("codes", func(l *vm.Thread, args []value.Value) ([]value.Value, error) {
		return codes(l, args, iterStrict, iterLax)
	})
	t.SetStr("charpattern", value.String(charPattern))
	st.Globals().SetStr("utf8", value.TableValue(t))
}

// posRelat turns a negative position into one from the end of a string of
// length n (u_posrelat); too negative gives 0.
func posRelat(pos int64, n int) int64 {
	switch {
	case pos >= 0:
		return pos
	case -uint64(pos) > uint64(n):
		return 0
	}
	return int64(n) + pos + 1
}

func isCont(s string, i int) bool { return i < len(s) && s[i]&0xC0 == 0x80 }

// at returns s[i], or 0 past the end (C strings end with a zero byte).
func at(s string, i int) uint32 {
	if i < len(s) {
		return uint32(s[i])
	}
	return 0
}

// limits are the smallest values that need 1..5 continuation bytes:
// anything smaller is an overlong encoding.
var limits = [6]uint32{^uint32(0), 0x80, 0x800, 0x10000, 0x200000, 0x4000000}

// decode decodes the sequence at s[i:] (utf8_decode). It returns the value
// and the index after the sequence, or ok false when the sequence is
// invalid. Arithmetic is on 32 bits, as utfint in the reference.
func decode(s string, i int, strict bool) (code uint32, next int, ok bool) {
	c := at(s, i)
	var res uint32
	if c < 0x80 {
		res = c
	} else {
		count := 0
		for ; c&0x40 != 0; c <<= 1 {
			count++
			cc := at(s, i+count)
			if cc&0xC0 != 0x80 {
				return 0, 0, false
			}
			res = res<<6 | cc&0x3F
		}
		res |= (c & 0x7F) << (count * 5)
		if count > 5 || res > maxUTF || res < limits[count] {
			return 0, 0, false
		}
		i += count
	}
	if strict && (res > maxUnicode || 0xD800 <= res && res <= 0xDFFF) {
		return 0, 0, false
	}
	return res, i + 1, true
}

// bytesPerUnit is how many bytes len and offset scan per unit of the
// instruction quota: decoding a byte costs a small part of an instruction.
const bytesPerUnit = 16

// chargeBytes bills a scan of n bytes to the instruction quota.
func chargeBytes(l *vm.Thread, n int64) error {
	if n < bytesPerUnit*check.ChargeInterval || !check.Charging(l) {
		return nil
	}
	return check.Charge(l, n/bytesPerUnit)
}

// utfLen is utf8.len(s [, i [, j [, lax]]]).
func utfLen(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	s, err := check.String(args, 1)
	if err != nil {
		return nil, err
	}
	i, err := check.OptInt(args, 2, 1)
	if err != nil {
		return nil, err
	}
	j, err := check.OptInt(args, 3, -1)
	if err != nil {
		return nil, err
	}
	posi := posRelat(i, len(s))
	posj := posRelat(j, len(s))
	lax := check.Arg(args, 4).Truthy()
	if posi < 1 || posi-1 > int64(len(s)) {
		return nil, vm.ArgError(2, "initial position out of bounds")
	}
	posi--
	posj--
	if posj >= int64(len(s)) {
		return nil, vm.ArgError(3, "final position out of bounds")
	}
	if err := chargeBytes(l, posj-posi+1); err != nil {
		return nil, err
	}
	n := int64(0)
	for p := int(posi); int64(p) <= posj; n++ {
		_, next, ok := decode(s, p, !lax)
		if !ok {
			return l.Ret(value.Nil, value.Int(int64(p)+1)), nil
		}
		p = next
	}
	return l.Ret1(value.Int(n)), nil
}

// codepoint is utf8.codepoint(s [, i [, j [, lax]]]).
func codepoint(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	s, err := check.String(args, 1)
	if err != nil {
		return nil, err
	}
	i, err := check.OptInt(args, 2, 1)
	if err != nil {
		return nil, err
	}
	posi := posRelat(i, len(s))
	j, err := check.OptInt(args, 3, posi)
	if err != nil {
		return nil, err
	}
	pose := posRelat(j, len(s))
	lax := check.Arg(args, 4).Truthy()
	if posi < 1 {
		return nil, vm.ArgError(2, "out of bounds")
	}
	if pose > int64(len(s)) {
		return nil, vm.ArgError(3, "out of bounds")
	}
	if posi > pose {
		return nil, nil
	}
	if pose-posi >= 1<<31-1 {
		return nil, errors.New("string slice too long")
	}
	if pose-posi+1 > maxResults {
		return nil, errors.New("stack overflow (string slice too long)")
	}
	if err := check.Charge(l, pose-posi+1); err != nil {
		return nil, err
	}
	// At most one value per byte; a small slice comes from the thread's
	// result buffer, a large one is not kept after the call.
	size := int(pose - posi + 1)
	var out []value.Value
	if size <= 256 {
		out = l.RetN(size)
	} else {
		out = make([]value.Value, size)
	}
	n := 0
	for p := int(posi - 1); p < int(pose); n++ {
		code, next, ok := decode(s, p, !lax)
		if !ok {
			return nil, errInvalid
		}
		out[n] = value.Int(int64(code))
		p = next
	}
	return out[:n], nil
}

// appendUTF8 appends x in the 5.4 extended encoding (luaO_utf8esc): up to
// six bytes for values up to 0x7FFFFFFF.
func appendUTF8(b []byte, x uint32) []byte {
	if x < 0x80 {
		return append(b, byte(x))
	}
	var buf [8]byte
	n := len(buf)
	mfb := uint32(0x3f) // largest value the first byte can still hold
	for {
		n--
		buf[n] = byte(0x80 | x&0x3f)
		x >>= 6
		mfb >>= 1
		if x <= mfb {
			break
		}
	}
	n--
	buf[n] = byte(^mfb<<1 | x)
	return append(b, buf[n:]...)
}

func charArg(args []value.Value, n int) (uint32, error) {
	c, err := check.Int(args, n)
	if err != nil {
		return 0, err
	}
	if uint64(c) > maxUTF {
		return 0, vm.ArgError(n, "value out of range")
	}
	return uint32(c), nil
}

// utfChar is utf8.char(...).
func utfChar(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	var small [64]byte
	b := small[:0]
	for n := 1; n <= len(args); n++ {
		c, err := charArg(args, n)
		if err != nil {
			return nil, err
		}
		b = appendUTF8(b, c)
	}
	return l.Ret1(value.Bytes(b)), nil
}

// byteOffset is utf8.offset(s, n [, i]).
func byteOffset(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	s, err := check.String(args, 1)
	if err != nil {
		return nil, err
	}
	n, err := check.Int(args, 2)
	if err != nil {
		return nil, err
	}
	def := int64(1)
	if n < 0 {
		def = int64(len(s)) + 1
	}
	i, err := check.OptInt(args, 3, def)
	if err != nil {
		return nil, err
	}
	posi := posRelat(i, len(s))
	if posi < 1 || posi-1 > int64(len(s)) {
		return nil, vm.ArgError(3, "position out of bounds")
	}
	if err := chargeBytes(l, int64(len(s))); err != nil {
		return nil, err
	}
	p := int(posi - 1)
	if n == 0 {
		for p > 0 && isCont(s, p) {
			p--
		}
	} else {
		if isCont(s, p) {
			return nil, errors.New("initial position is a continuation byte")
		}
		if n < 0 {
			for n < 0 && p > 0 {
				p--
				for p > 0 && isCont(s, p) {
					p--
				}
				n++
			}
		} else {
			n--
			for n > 0 && p < len(s) {
				p++
				for isCont(s, p) {
					p++
				}
				n--
			}
		}
	}
	if n == 0 {
		return l.Ret1(value.Int(int64(p) + 1)), nil
	}
	return l.Ret1(value.Nil), nil
}

// codes is utf8.codes(s [, lax]): the iterator, s and 0.
func codes(l *vm.Thread, args []value.Value, iterStrict, iterLax value.Value) ([]value.Value, error) {
	lax := check.Arg(args, 2).Truthy()
	if _, err := check.String(args, 1); err != nil {
		return nil, err
	}
	it := iterStrict
	if lax {
		it = iterLax
	}
	return l.Ret(it, args[0], value.Int(0)), nil
}

// iterAux is one step of utf8.codes (iter_aux).
func iterAux(l *vm.Thread, args []value.Value, strict bool) ([]value.Value, error) {
	s, err := check.String(args, 1)
	if err != nil {
		return nil, err
	}
	var n uint64
	if v, ok := value.ToInteger(check.Arg(args, 2)); ok {
		n = uint64(v)
	}
	if n < uint64(len(s)) {
		for isCont(s, int(n)) {
			n++
		}
	}
	if n >= uint64(len(s)) {
		return nil, nil
	}
	code, _, ok := decode(s, int(n), strict)
	if !ok {
		return nil, errInvalid
	}
	return l.Ret(value.Int(int64(n)+1), value.Int(int64(code))), nil
}
