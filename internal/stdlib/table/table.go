// Package table is Lua's table library (§6.6): table.insert, remove,
// concat, unpack, pack, sort and move. Like ltablib.c it reads and writes
// elements through metamethods (lua_geti/lua_seti); tables without a
// metatable take a raw fast path.
package table

import (
	"fmt"
	"math"
	"unsafe"

	"github.com/tidelua/tide/internal/stdlib/check"
	"github.com/tidelua/tide/internal/value"
	"github.com/tidelua/tide/internal/vm"
)

// Open registers the table library in st's globals.
func Open(st *vm.State) {
	t := value.NewTable(0, 8)
	reg := vm.Registrar(t, "table")
	reg("insert", tabInsert)
	reg("remove", tabRemove)
	reg("concat", tabConcat)
	reg("unpack", tabUnpack)
	reg("pack", tabPack)
	reg("sort", tabSort)
	reg("move", tabMove)
	st.Globals().SetStr("table", value.TableValue(t))
}

// Access kinds required by checkTab (TAB_R, TAB_W, TAB_L).
const (
	needRead = 1 << iota
	needWrite
	needLen
)

// seq reads and writes the integer keys of a table-like value.
type seq struct {
	l   *vm.Thread
	v   value.Value
	raw *value.Table // non-nil when v is a table without metatable
}

func newSeq(l *vm.Thread, v value.Value) seq {
	s := seq{l: l, v: v}
	if t := v.ToTable(); t != nil && t.Meta == nil {
		s.raw = t
	}
	return s
}

func (s seq) get(i int64) (value.Value, error) {
	if s.raw != nil {
		return s.raw.GetInt(i), nil
	}
	return s.l.Index(s.v, value.Int(i))
}

func (s seq) set(i int64, x value.Value) error {
	if s.raw != nil {
		s.raw.SetInt(i, x)
		return nil
	}
	return s.l.SetIndex(s.v, value.Int(i), x)
}

// length is luaL_len: # with __len, which must give an integer.
func (s seq) length() (int64, error) {
	if s.raw != nil {
		return s.raw.Len(), nil
	}
	n, err := s.l.Len(s.v)
	if err != nil {
		return 0, err
	}
	if i, ok := value.ToInteger(n); ok && (n.IsNumber() || n.IsString()) {
		return i, nil
	}
	return 0, errString("object length is not an integer")
}

// checkTab accepts a table, or a value whose metatable has the
// metamethods needed for the access (ltablib.c checktab).
func checkTab(l *vm.Thread, args []value.Value, n int, what int) (seq, error) {
	v := check.Arg(args, n)
	if v.IsTable() {
		return newSeq(l, v), nil
	}
	if n-1 < len(args) && !v.IsNil() {
		if mt := l.Metatable(v); mt != nil &&
			(what&needRead == 0 || !mt.GetStr("__index").IsNil()) &&
			(what&needWrite == 0 || !mt.GetStr("__newindex").IsNil()) &&
			(what&needLen == 0 || !mt.GetStr("__len").IsNil()) {
			return newSeq(l, v), nil
		}
	}
	return seq{}, vm.TypeError(args, n, "table")
}

// getn is aux_getn: checkTab plus the length.
func getn(l *vm.Thread, args []value.Value, what int) (seq, int64, error) {
	s, err := checkTab(l, args, 1, what|needLen)
	if err != nil {
		return s, 0, err
	}
	n, err := s.length()
	return s, n, err
}

func tabInsert(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	s, e, err := getn(l, args, needRead|needWrite)
	if err != nil {
		return nil, err
	}
	e++ // first empty element
	var pos int64
	switch len(args) {
	case 2:
		pos = e
	case 3:
		if pos, err = check.Int(args, 2); err != nil {
			return nil, err
		}
		if uint64(pos)-1 >= uint64(e) {
			return nil, vm.ArgError(2, "position out of bounds")
		}
		for i := e; i > pos; i-- {
			if (e-i)%check.ChargeInterval == check.ChargeInterval-1 {
				if err := check.Charge(l, check.ChargeInterval); err != nil {
					return nil, err
				}
			}
			v, err := s.get(i - 1)
			if err != nil {
				return nil, err
			}
			if err := s.set(i, v); err != nil {
				return nil, err
			}
		}
	default:
		return nil, errString("wrong number of arguments to 'insert'")
	}
	return nil, s.set(pos, args[len(args)-1])
}

func tabRemove(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	s, size, err := getn(l, args, needRead|needWrite)
	if err != nil {
		return nil, err
	}
	pos, err := check.OptInt(args, 2, size)
	if err != nil {
		return nil, err
	}
	if pos != size && uint64(pos)-1 > uint64(size) {
		return nil, vm.ArgError(1, "position out of bounds")
	}
	res, err := s.get(pos)
	if err != nil {
		return nil, err
	}
	for ; pos < size; pos++ {
		if pos%check.ChargeInterval == 0 {
			if err := check.Charge(l, check.ChargeInterval); err != nil {
				return nil, err
			}
		}
		v, err := s.get(pos + 1)
		if err != nil {
			return nil, err
		}
		if err := s.set(pos, v); err != nil {
			return nil, err
		}
	}
	if err := s.set(pos, value.Nil); err != nil {
		return nil, err
	}
	return l.Ret1(res), nil
}

func tabConcat(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	s, last, err := getn(l, args, needRead)
	if err != nil {
		return nil, err
	}
	sep, err := check.OptString(args, 2, "")
	if err != nil {
		return nil, err
	}
	i, err := check.OptInt(args, 3, 1)
	if err != nil {
		return nil, err
	}
	if last, err = check.OptInt(args, 4, last); err != nil {
		return nil, err
	}
	var b []byte
	add := func(i int64) error {
		if i%check.ChargeInterval == 0 {
			if err := check.Charge(l, check.ChargeInterval); err != nil {
				return err
			}
		}
		v, err := s.get(i)
		if err != nil {
			return err
		}
		var str string
		ok := true
		switch {
		case v.IsString():
			str = v.AsString()
		case v.IsNumber():
			str = l.State().NumberToString(v) // per the language mode
		default:
			ok = false
		}
		if !ok {
			return fmt.Errorf("invalid value (%s) at index %d in table for 'concat'", v.TypeName(), i)
		}
		if b, err = l.State().Grow(b, len(str)+len(sep)); err != nil {
			return err
		}
		b = append(b, str...)
		return nil
	}
	for ; i < last; i++ {
		if err := add(i); err != nil {
			return nil, err
		}
		b = append(b, sep...)
	}
	if i == last {
		if err := add(i); err != nil {
			return nil, err
		}
	}
	return l.Ret1(value.String(unsafe.String(unsafe.SliceData(b), len(b)))), nil
}

// maxUnpack approximates the reference's stack limit (LUAI_MAXSTACK)
// that bounds the number of values table.unpack can return.
const maxUnpack = 1000000 - 50

func tabUnpack(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	s := newSeq(l, check.Arg(args, 1))
	i, err := check.OptInt(args, 2, 1)
	if err != nil {
		return nil, err
	}
	var e int64
	if check.IsNoneOrNil(args, 3) {
		if e, err = s.length(); err != nil {
			return nil, err
		}
	} else if e, err = check.Int(args, 3); err != nil {
		return nil, err
	}
	if i > e {
		return nil, nil
	}
	n := uint64(e) - uint64(i)
	if n >= maxUnpack {
		return nil, errString("too many results to unpack")
	}
	if s.raw != nil {
		res := l.RetN(int(n + 1))
		for k := range res {
			res[k] = s.raw.GetInt(i + int64(k))
		}
		return res, nil
	}
	res := make([]value.Value, n+1)
	for k := range res {
		if res[k], err = s.get(i + int64(k)); err != nil {
			return nil, err
		}
	}
	return res, nil
}

func tabPack(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	t := value.NewTable(len(args), 1)
	for i, v := range args {
		t.SetInt(int64(i+1), v)
	}
	t.SetStr("n", value.Int(int64(len(args))))
	return l.Ret1(value.TableValue(t)), nil
}

func tabMove(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	f, err := check.Int(args, 2)
	if err != nil {
		return nil, err
	}
	e, err := check.Int(args, 3)
	if err != nil {
		return nil, err
	}
	t, err := check.Int(args, 4)
	if err != nil {
		return nil, err
	}
	tt := 1
	if !check.IsNoneOrNil(args, 5) {
		tt = 5
	}
	src, err := checkTab(l, args, 1, needRead)
	if err != nil {
		return nil, err
	}
	dst, err := checkTab(l, args, tt, needWrite)
	if err != nil {
		return nil, err
	}
	if e >= f {
		if !(f > 0 || e < math.MaxInt64+f) {
			return nil, vm.ArgError(3, "too many elements to move")
		}
		n := e - f + 1
		if t > math.MaxInt64-n+1 {
			return nil, vm.ArgError(4, "destination wrap around")
		}
		forward := t > e || t <= f
		if !forward && tt != 1 && !value.RawEqual(args[0], args[tt-1]) {
			same, err := l.Equal(args[0], args[tt-1])
			if err != nil {
				return nil, err
			}
			forward = !same
		}
		if forward {
			for i := int64(0); i < n; i++ {
				if i%check.ChargeInterval == check.ChargeInterval-1 {
					if err := check.Charge(l, check.ChargeInterval); err != nil {
						return nil, err
					}
				}
				v, err := src.get(f + i)
				if err != nil {
					return nil, err
				}
				if err := dst.set(t+i, v); err != nil {
					return nil, err
				}
			}
		} else {
			for i := n - 1; i >= 0; i-- {
				if i%check.ChargeInterval == 0 {
					if err := check.Charge(l, check.ChargeInterval); err != nil {
						return nil, err
					}
				}
				v, err := src.get(f + i)
				if err != nil {
					return nil, err
				}
				if err := dst.set(t+i, v); err != nil {
					return nil, err
				}
			}
		}
	}
	return l.Ret1(args[tt-1]), nil
}

// errString is a plain error: the vm prefixes it with the caller's
// position, like luaL_error.
type errString string

func (e errString) Error() string { return string(e) }
