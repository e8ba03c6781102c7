package iolib

import (
	"bufio"
	"io"
	"unsafe"

	"github.com/tidelua/tide/internal/value"
	"github.com/tidelua/tide/internal/vm"
)

// read implements liolib.c's g_read: it reads the given formats in order
// and stops at the first that fails, whose result becomes nil. first is
// the argument number of formats[0], for messages. An I/O error is
// returned as ioErr (the caller turns it into fail, message, errno);
// argument and memory errors as err.
func read(l *vm.Thread, s *stream, formats []value.Value, first int) (res []value.Value, ioErr, err error) {
	st := l.State()
	if len(formats) == 0 {
		v, ok, ioErr, err := readLine(st, s, true)
		if err != nil || ioErr != nil {
			return nil, ioErr, err
		}
		if !ok {
			v = value.Nil
		}
		return l.Ret1(v), nil, nil
	}
	res = l.RetN(len(formats))
	ok := true
	k := 0
	for ; k < len(formats) && ok; k++ {
		f := formats[k]
		var v value.Value
		if f.IsNumber() {
			n, isInt := value.ToInteger(f)
			if !isInt {
				return nil, nil, vm.ArgError(first+k, "number has no integer representation")
			}
			if n == 0 {
				v, ok, ioErr = testEOF(s)
			} else {
				v, ok, ioErr, err = readChars(st, s, n)
			}
		} else {
			if !f.IsString() {
				return nil, nil, argTypeError(f, first+k, "string")
			}
			p := f.AsString()
			if len(p) > 0 && p[0] == '*' {
				p = p[1:] // Lua 5.1's "*l" forms
			}
			c := byte(0)
			if len(p) > 0 {
				c = p[0]
			}
			switch c {
			case 'n':
				v, ok, ioErr = readNumber(s)
			case 'l':
				v, ok, ioErr, err = readLine(st, s, true)
			case 'L':
				v, ok, ioErr, err = readLine(st, s, false)
			case 'a':
				v, ioErr, err = readAll(st, s)
				ok = true
			default:
				return nil, nil, vm.ArgError(first+k, "invalid format")
			}
		}
		if err != nil || ioErr != nil {
			return nil, ioErr, err
		}
		res[k] = v
	}
	if !ok {
		res[k-1] = value.Nil
	}
	return res[:k], nil, nil
}

// argTypeError is vm.TypeError for a value that is not in an argument
// window (the formats a lines iterator keeps).
func argTypeError(v value.Value, n int, expected string) error {
	args := make([]value.Value, n)
	args[n-1] = v
	return vm.TypeError(args, n, expected)
}

// testEOF is read(0): "" unless at end of file.
func testEOF(s *stream) (value.Value, bool, error) {
	r, err := s.reader()
	if err != nil {
		return value.Nil, false, err
	}
	if _, err := r.Peek(1); err != nil {
		if err == io.EOF {
			return value.Nil, false, nil
		}
		return value.Nil, false, err
	}
	return value.String(""), true, nil
}

// readChars reads up to n bytes; it fails at end of file. As the
// reference reserves the whole count before reading, a count that cannot
// be allocated (a negative one is a huge size_t) is a memory error.
func readChars(st *vm.State, s *stream, n int64) (value.Value, bool, error, error) {
	if err := st.CheckAlloc(n); err != nil {
		return value.Nil, false, nil, err
	}
	r, err := s.reader()
	if err != nil {
		return value.Nil, false, err, nil
	}
	if n <= int64(r.Size()) {
		b, err := r.Peek(int(n))
		if len(b) == 0 {
			if err == io.EOF {
				err = nil
			}
			return value.Nil, false, err, nil
		}
		v := value.String(string(b))
		r.Discard(len(b))
		if err != nil && err != io.EOF {
			return value.Nil, false, err, nil
		}
		return v, true, nil, nil
	}
	var buf []byte
	for int64(len(buf)) < n {
		if len(buf) == cap(buf) {
			more := int(min(n-int64(len(buf)), int64(max(len(buf), readBufSize))))
			if buf, err = st.Grow(buf, more); err != nil {
				return value.Nil, false, nil, err
			}
		}
		end := int(min(int64(cap(buf)), n))
		m, err := r.Read(buf[len(buf):end])
		buf = buf[:len(buf)+m]
		if err == io.EOF {
			break
		}
		if err != nil {
			return value.Nil, false, err, nil
		}
	}
	if len(buf) == 0 {
		return value.Nil, false, nil, nil
	}
	return finish(st, buf), true, nil, nil
}

// finish turns a buffer that is never written again into a string value:
// without a copy when the buffer is not much bigger than its contents.
func finish(st *vm.State, buf []byte) value.Value {
	if len(buf) == 0 {
		return value.String("")
	}
	if len(buf) < 1024 || (cap(buf)-len(buf) > len(buf)/2 && st.CheckAlloc(int64(len(buf))) == nil) {
		return value.String(string(buf))
	}
	return value.String(unsafe.String(&buf[0], len(buf)))
}

// readLine reads a line, without its newline when chop is set. It fails
// only at end of file with nothing read.
func readLine(st *vm.State, s *stream, chop bool) (value.Value, bool, error, error) {
	r, err := s.reader()
	if err != nil {
		return value.Nil, false, err, nil
	}
	b, err := r.ReadSlice('\n')
	if err == nil { // the common case: a whole line in the buffer
		if chop {
			b = b[:len(b)-1]
		}
		return value.String(string(b)), true, nil, nil
	}
	if err != bufio.ErrBufferFull {
		if err != io.EOF {
			return value.Nil, false, err, nil
		}
		return value.String(string(b)), len(b) > 0, nil, nil
	}
	// a line longer than the buffer: collect it under the memory check
	var buf []byte
	for {
		if buf, err = st.Grow(buf, len(b)+1); err != nil {
			return value.Nil, false, nil, err
		}
		buf = append(buf, b...)
		b, err = r.ReadSlice('\n')
		if err != bufio.ErrBufferFull {
			break
		}
	}
	if err != nil && err != io.EOF {
		return value.Nil, false, err, nil
	}
	if buf, err = st.Grow(buf, len(b)); err != nil {
		return value.Nil, false, nil, err
	}
	buf = append(buf, b...)
	if chop && len(buf) > 0 && buf[len(buf)-1] == '\n' {
		buf = buf[:len(buf)-1]
	}
	return finish(st, buf), true, nil, nil
}

// readAll reads the rest of the file; it never fails (an empty string at
// end of file).
func readAll(st *vm.State, s *stream) (value.Value, error, error) {
	r, err := s.reader()
	if err != nil {
		return value.Nil, err, nil
	}
	hint := r.Buffered()
	if s.osf != nil {
		if fi, err := s.osf.Stat(); err == nil && fi.Mode().IsRegular() {
			if pos, err := s.osf.Seek(0, io.SeekCurrent); err == nil && fi.Size() > pos {
				hint += int(min(fi.Size()-pos, 1<<40))
			}
		}
	}
	var buf []byte
	if hint > 0 {
		if buf, err = st.Grow(nil, hint+1); err != nil {
			return value.Nil, nil, err
		}
	}
	for {
		if len(buf) == cap(buf) {
			if buf, err = st.Grow(buf, max(len(buf), 4096)); err != nil {
				return value.Nil, nil, err
			}
		}
		m, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+m]
		if err == io.EOF {
			break
		}
		if err != nil {
			return value.Nil, err, nil
		}
	}
	return finish(st, buf), nil, nil
}

// maxNumeral is L_MAXLENNUM: the longest numeral read("n") accepts.
const maxNumeral = 200

// numReader is liolib.c's RN: the numeral read so far and one character
// of look-ahead.
type numReader struct {
	r   *bufio.Reader
	c   int // look-ahead; -1 at end of file or error
	n   int
	bad bool // longer than maxNumeral
	err error
	buf [maxNumeral]byte
}

func (rn *numReader) getc() int {
	b, err := rn.r.ReadByte()
	if err != nil {
		if err != io.EOF {
			rn.err = err
		}
		return -1
	}
	return int(b)
}

// next accepts the look-ahead into the numeral and reads another.
func (rn *numReader) next() bool {
	if rn.n >= maxNumeral {
		rn.bad = true
		return false
	}
	rn.buf[rn.n] = byte(rn.c)
	rn.n++
	rn.c = rn.getc()
	return true
}

// test2 accepts the look-ahead if it is a or b.
func (rn *numReader) test2(a, b byte) bool {
	if rn.c == int(a) || rn.c == int(b) {
		return rn.next()
	}
	return false
}

func (rn *numReader) digits(hex bool) int {
	count := 0
	for {
		c := rn.c
		ok := c >= '0' && c <= '9'
		if hex && !ok {
			ok = c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
		}
		if !ok || !rn.next() {
			return count
		}
		count++
	}
}

func isCSpace(c int) bool { return c == ' ' || c >= '\t' && c <= '\r' }

// readNumber is read("n") (liolib.c read_number): it reads the longest
// prefix that looks like a numeral, at most 200 characters, and converts
// it with Lua's rules; what was read stays consumed when it is not a
// valid numeral.
func readNumber(s *stream) (value.Value, bool, error) {
	r, err := s.reader()
	if err != nil {
		return value.Nil, false, err
	}
	rn := &s.num
	*rn = numReader{r: r}
	for {
		rn.c = rn.getc()
		if !isCSpace(rn.c) {
			break
		}
	}
	count := 0
	hex := false
	rn.test2('-', '+')
	if rn.test2('0', '0') {
		if rn.test2('x', 'X') {
			hex = true
		} else {
			count = 1
		}
	}
	count += rn.digits(hex)
	if rn.test2('.', '.') {
		count += rn.digits(hex)
	}
	if count > 0 {
		exp := byte('e')
		if hex {
			exp = 'p'
		}
		if rn.test2(exp, exp-'a'+'A') {
			rn.test2('-', '+')
			rn.digits(false)
		}
	}
	if rn.c >= 0 {
		r.UnreadByte()
	}
	err, rn.err, rn.r = rn.err, nil, nil
	if err != nil {
		return value.Nil, false, err
	}
	if rn.bad {
		return value.Nil, false, nil
	}
	if rn.n == 0 {
		return value.Nil, false, nil
	}
	// the conversion keeps nothing of its argument
	v, ok := value.StringToNumber(unsafe.String(&rn.buf[0], rn.n))
	if !ok {
		return value.Nil, false, nil
	}
	return v, true, nil
}
