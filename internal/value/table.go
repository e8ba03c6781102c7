package value

// Table is a Lua table: an array part for keys 1..n and a hash part.
//
// CONTRACT (used by the vm and stdlib; keep these signatures):
//   - Keys are normalised: a float key with an integer value is stored as
//     that integer (t[1.0] is t[1]).
//   - Set/SetInt/SetStr with a nil value removes the entry (the slot may stay
//     as a dead key so that Next keeps working during traversal).
//   - Callers never pass a nil or NaN key to Set (the vm raises "index is
//     nil" / "index is NaN" first); Get with such keys returns nil.
//   - Next(Nil) starts a traversal; Next returns ok=false when the key is not
//     present in the table (the vm raises "invalid key to 'next'"), and a nil
//     next key when the traversal is over.
//   - Len returns a border (§3.4.7), using the array part when possible.
//
// TEMPORARY naive implementation; replaced by the array+open-addressing one.
type Table struct {
	Meta *Table // metatable, or nil

	arr  []Value
	keys []Value
	vals map[tkey]int // index into keys/hvals
	hval []Value
}

type tkey struct {
	p any
	n uint64
	s string
}

func mkey(k Value) tkey {
	if k.IsString() {
		return tkey{s: k.AsString(), n: 1}
	}
	if k.IsFloat() {
		if i, ok := FloatToInt(k.AsFloat()); ok {
			k = Int(i)
		}
	}
	return tkey{p: k.p, n: k.n}
}

// NewTable returns a table with room for narr array items and nhash others.
func NewTable(narr, nhash int) *Table {
	return &Table{arr: make([]Value, 0, narr), vals: make(map[tkey]int, nhash)}
}

// Get returns t[k] without metamethods.
func (t *Table) Get(k Value) Value {
	if k.IsInt() {
		return t.GetInt(k.AsInt())
	}
	if k.IsFloat() {
		if i, ok := FloatToInt(k.AsFloat()); ok {
			return t.GetInt(i)
		}
	}
	if i, ok := t.vals[mkey(k)]; ok {
		return t.hval[i]
	}
	return Nil
}

// GetInt returns t[i] without metamethods.
func (t *Table) GetInt(i int64) Value {
	if uint64(i-1) < uint64(len(t.arr)) {
		return t.arr[i-1]
	}
	if j, ok := t.vals[mkey(Int(i))]; ok {
		return t.hval[j]
	}
	return Nil
}

// GetStr returns t[s] without metamethods.
func (t *Table) GetStr(s string) Value {
	if i, ok := t.vals[tkey{s: s, n: 1}]; ok {
		return t.hval[i]
	}
	return Nil
}

// Set assigns t[k] = v without metamethods. k must not be nil or NaN.
func (t *Table) Set(k, v Value) {
	if k.IsFloat() {
		if i, ok := FloatToInt(k.AsFloat()); ok {
			k = Int(i)
		}
	}
	if k.IsInt() {
		t.SetInt(k.AsInt(), v)
		return
	}
	t.setHash(k, v)
}

func (t *Table) setHash(k, v Value) {
	mk := mkey(k)
	if i, ok := t.vals[mk]; ok {
		t.hval[i] = v
		return
	}
	if v.IsNil() {
		return
	}
	t.vals[mk] = len(t.keys)
	t.keys = append(t.keys, k)
	t.hval = append(t.hval, v)
}

// SetInt assigns t[i] = v without metamethods.
func (t *Table) SetInt(i int64, v Value) {
	if uint64(i-1) < uint64(len(t.arr)) {
		t.arr[i-1] = v
		return
	}
	if i == int64(len(t.arr))+1 && !v.IsNil() {
		if _, ok := t.vals[mkey(Int(i))]; !ok {
			t.arr = append(t.arr, v)
			return
		}
	}
	t.setHash(Int(i), v)
}

// SetStr assigns t[s] = v without metamethods.
func (t *Table) SetStr(s string, v Value) { t.setHash(String(s), v) }

// Len returns a border of t (the # operator without __len).
func (t *Table) Len() int64 {
	n := int64(len(t.arr))
	for n > 0 && t.arr[n-1].IsNil() {
		n--
	}
	if n == int64(len(t.arr)) {
		for !t.GetInt(n + 1).IsNil() {
			n++
		}
	}
	return n
}

// Next returns the entry after key k in traversal order (Nil starts).
// ok is false if k is not a key of t.
func (t *Table) Next(k Value) (nk, nv Value, ok bool) {
	i := 0
	if !k.IsNil() {
		if k.IsFloat() {
			if f, ok := FloatToInt(k.AsFloat()); ok {
				k = Int(f)
			}
		}
		if k.IsInt() && uint64(k.AsInt()-1) < uint64(len(t.arr)) {
			i = int(k.AsInt())
		} else {
			j, found := t.vals[mkey(k)]
			if !found {
				return Nil, Nil, false
			}
			i = len(t.arr) + j + 1
		}
	}
	for ; i < len(t.arr); i++ {
		if !t.arr[i].IsNil() {
			return Int(int64(i + 1)), t.arr[i], true
		}
	}
	for j := i - len(t.arr); j < len(t.keys); j++ {
		if !t.hval[j].IsNil() {
			return t.keys[j], t.hval[j], true
		}
	}
	return Nil, Nil, true
}
