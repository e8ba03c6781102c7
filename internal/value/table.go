package value

import (
	"iter"
	"math/bits"
	"unsafe"
)

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
// # Layout
//
// The array part is a []Value holding keys 1..len(arr); its slots may hold
// nil. The hash part is an open-addressing table of {key, value} nodes with
// linear probing; its physical size is a power of two and twice its logical
// capacity (the reference's node count), so probes always meet an empty slot
// and the load factor stays at or below 1/2. Removing an entry keeps its key
// in the node (a dead key) so that Next can continue from it; dead keys are
// reused by later insertions on the same probe path and dropped by the next
// rehash.
//
// Sizes follow the reference (ltable.c): a table grows only when a new key
// finds the hash part full, and then rehash counts the integer keys and
// gives the array part the largest power of two n such that more than n/2
// of the slots 1..n would be in use (computesizes); everything else goes to a
// hash part of the next power of two. So t[#t+1] = v loops stay in the array
// part, and the borders returned by Len agree with lua5.4 in the cases where
// the reference's answer depends only on the sequence of operations.
//
// There is no size ceiling here: growth beyond 2^26 array slots or hash nodes
// works like any other growth. Memory quotas are the vm's job (it checks
// table constructor sizes and can account for Resize).
//
// # Metamethod cache
//
// Flags caches absent metamethods when the table is used as a metatable, like
// the reference's Table.flags: bit i set means that the metamethod for event
// i (the first 8 events, __index, __newindex, __gc, __mode, __len, __eq, ...,
// in the order the vm defines) is known to be absent. The vm sets the bits;
// every raw store into the table with a string key beginning with "__"
// (Set, SetStr) clears all of them, so a cached "absent" is never stale.
//
// Weak tables (__mode) and finalizers are not implemented yet; they would add
// a mode field here and let the collector clear entries.
//
// A Table is not safe for concurrent use: even Get and Len may update the
// length hint. The zero Table is not usable; create tables with [NewTable].
type Table struct {
	Meta  *Table // metatable, or nil
	Flags uint8  // metamethod absence cache, see the type comment

	shift uint8 // 64 - log2(len(node)): slot index = hash >> shift

	arr   []Value // array part, keys 1..len(arr)
	limit int     // length hint, the reference's alimit (see Len)

	node  []node // hash part; dummyNode when empty
	hcap  int    // logical capacity: keys (live or dead) the hash part may hold
	hused int    // nodes holding a key, live or dead
}

// node is one slot of the hash part. key.p == nil marks an empty slot; a
// non-nil key with a nil val is a dead key.
type node struct {
	key, val Value
}

// dummyNode is the hash part of tables without one: a single empty slot, so
// lookups need no length check. It is never written: insertion always finds
// hcap == 0 and rehashes first.
var dummyNode = [1]node{}

// maxABits bounds the array part to 2^maxABits slots, as MAXABITS in the
// reference.
const maxABits = 31

// NewTable returns a table with room for narr array items and nhash others
// (the size hints of a table constructor; negative hints count as 0).
func NewTable(narr, nhash int) *Table {
	t := &Table{}
	t.setNodeSize(nhash)
	if narr > 0 {
		t.arr = make([]Value, narr)
		t.limit = narr
	}
	return t
}

// setNodeSize gives t an empty hash part able to hold n keys (rounded up to
// a power of two, as luaH_resize).
func (t *Table) setNodeSize(n int) {
	t.hused = 0
	if n <= 0 {
		t.node = dummyNode[:]
		t.shift = 64
		t.hcap = 0
		return
	}
	lg := bits.Len(uint(n - 1)) // ceil(log2(n))
	t.hcap = 1 << lg
	t.node = make([]node, 2<<lg)
	t.shift = uint8(64 - (lg + 1))
}

// normKey converts an integral float key to an integer key.
func normKey(k Value) Value {
	if k.p == unsafe.Pointer(&floatTag) {
		if i, ok := FloatToInt(k.AsFloat()); ok {
			return Int(i)
		}
	}
	return k
}

// keyEqual compares two normalised keys.
func keyEqual(a, b Value) bool {
	if a.n != b.n {
		return false
	}
	if a.p == b.p {
		return true
	}
	// Same n, different p: only two strings with equal content are equal.
	// (Booleans never share n with a string; numbers must be excluded
	// before reading bytes through p.)
	return a.n>>kindShift == uint64(TypeString) &&
		a.p != unsafe.Pointer(&intTag) && a.p != unsafe.Pointer(&floatTag) &&
		b.p != unsafe.Pointer(&intTag) && b.p != unsafe.Pointer(&floatTag) &&
		a.AsString() == b.AsString()
}

// find returns the slot of normalised key k (live or dead), or -1.
func (t *Table) find(k Value, h uint64) int {
	nodes := t.node
	mask := uint64(len(nodes) - 1)
	j := h >> t.shift
	for {
		n := &nodes[j&mask]
		if n.key.p == nil {
			return -1
		}
		if keyEqual(n.key, k) {
			return int(j & mask)
		}
		j++
	}
}

// findInt returns the slot of integer key i, or -1.
func (t *Table) findInt(i int64) int {
	nodes := t.node
	mask := uint64(len(nodes) - 1)
	j := intHash(i) >> t.shift
	for {
		n := &nodes[j&mask]
		if n.key.p == unsafe.Pointer(&intTag) && n.key.n == uint64(i) {
			return int(j & mask)
		}
		if n.key.p == nil {
			return -1
		}
		j++
	}
}

// findStr returns the slot of string key s, or -1.
func (t *Table) findStr(s string) int {
	nodes := t.node
	mask := uint64(len(nodes) - 1)
	kn := uint64(TypeString)<<kindShift | uint64(len(s))
	kp := unsafe.Pointer(unsafe.StringData(s))
	j := StringHash(s) >> t.shift
	for {
		n := &nodes[j&mask]
		if n.key.n == kn {
			if n.key.p == kp || len(s) == 0 {
				return int(j & mask)
			}
			if n.key.p != unsafe.Pointer(&intTag) && n.key.p != unsafe.Pointer(&floatTag) &&
				unsafe.String((*byte)(n.key.p), len(s)) == s {
				return int(j & mask)
			}
		} else if n.key.p == nil {
			return -1
		}
		j++
	}
}

// Get returns t[k] without metamethods.
func (t *Table) Get(k Value) Value {
	switch k.p {
	case unsafe.Pointer(&intTag):
		return t.GetInt(int64(k.n))
	case unsafe.Pointer(&floatTag):
		if i, ok := FloatToInt(k.AsFloat()); ok {
			return t.GetInt(i)
		}
	case nil:
		return Nil
	}
	if k.n>>kindShift == uint64(TypeString) && k.p != unsafe.Pointer(&boolTag) &&
		k.p != unsafe.Pointer(&floatTag) {
		return t.GetStr(k.AsString())
	}
	if j := t.find(k, keyHash(k)); j >= 0 {
		return t.node[j].val
	}
	return Nil
}

// GetInt returns t[i] without metamethods.
func (t *Table) GetInt(i int64) Value {
	if uint64(i-1) < uint64(t.limit) {
		return t.arr[i-1]
	}
	return t.getIntSlow(i)
}

// getIntSlow looks up integer keys beyond the length hint.
func (t *Table) getIntSlow(i int64) Value {
	if uint64(i-1) < uint64(len(t.arr)) {
		t.limit = int(i) // as luaH_getint: '#t' is probably here now
		return t.arr[i-1]
	}
	if j := t.findInt(i); j >= 0 {
		return t.node[j].val
	}
	return Nil
}

// GetStr returns t[s] without metamethods.
func (t *Table) GetStr(s string) Value {
	if j := t.findStr(s); j >= 0 {
		return t.node[j].val
	}
	return Nil
}

// Set assigns t[k] = v without metamethods. k must not be nil or NaN (such
// calls are ignored).
func (t *Table) Set(k, v Value) {
	switch k.p {
	case unsafe.Pointer(&intTag):
		t.SetInt(int64(k.n), v)
		return
	case unsafe.Pointer(&floatTag):
		f := k.AsFloat()
		if i, ok := FloatToInt(f); ok {
			t.SetInt(i, v)
			return
		}
		if f != f {
			return
		}
	case nil:
		return
	}
	if k.n>>kindShift == uint64(TypeString) && k.p != unsafe.Pointer(&boolTag) &&
		k.p != unsafe.Pointer(&floatTag) {
		t.SetStr(k.AsString(), v)
		return
	}
	h := keyHash(k)
	if j := t.find(k, h); j >= 0 {
		t.node[j].val = v
		return
	}
	if !v.IsNil() {
		t.insert(k, v, h)
	}
}

// SetInt assigns t[i] = v without metamethods.
func (t *Table) SetInt(i int64, v Value) {
	if uint64(i-1) < uint64(t.limit) {
		t.arr[i-1] = v
		return
	}
	t.setIntSlow(i, v)
}

// setIntSlow stores integer keys beyond the length hint.
func (t *Table) setIntSlow(i int64, v Value) {
	if uint64(i-1) < uint64(len(t.arr)) {
		t.limit = int(i)
		t.arr[i-1] = v
		return
	}
	if j := t.findInt(i); j >= 0 {
		t.node[j].val = v
		return
	}
	if !v.IsNil() {
		t.insert(Int(i), v, intHash(i))
	}
}

// SetStr assigns t[s] = v without metamethods.
func (t *Table) SetStr(s string, v Value) {
	if t.Flags != 0 && len(s) >= 2 && s[0] == '_' && s[1] == '_' {
		t.Flags = 0
	}
	if j := t.findStr(s); j >= 0 {
		t.node[j].val = v
		return
	}
	if !v.IsNil() {
		t.insert(String(s), v, StringHash(s))
	}
}

// insert adds the absent normalised key k with non-nil value v; h is its
// hash. When the hash part is full it rehashes first, which may move k's
// place to the array part.
func (t *Table) insert(k, v Value, h uint64) {
	nodes := t.node
	mask := uint64(len(nodes) - 1)
	j := h >> t.shift
	// Reuse the first dead key on the probe path: k is absent, so no live
	// copy of it lies further on.
	for {
		n := &nodes[j&mask]
		if n.key.p == nil {
			break
		}
		if n.val.p == nil {
			n.key, n.val = k, v
			return
		}
		j++
	}
	if t.hused >= t.hcap {
		t.rehash(k)
		if k.p == unsafe.Pointer(&intTag) {
			if i := int64(k.n); uint64(i-1) < uint64(len(t.arr)) {
				t.arr[i-1] = v
				return
			}
		}
		t.rawInsert(k, v, h)
		return
	}
	n := &nodes[j&mask]
	n.key, n.val = k, v
	t.hused++
}

// rawInsert puts absent key k in the first empty slot of its probe path;
// the caller guarantees room.
func (t *Table) rawInsert(k, v Value, h uint64) {
	nodes := t.node
	mask := uint64(len(nodes) - 1)
	j := h >> t.shift
	for nodes[j&mask].key.p != nil {
		j++
	}
	nodes[j&mask] = node{k, v}
	t.hused++
}

// ceilLog2 returns ceil(log2(x)) for x >= 1.
func ceilLog2(x uint64) int { return bits.Len64(x - 1) }

// countInt adds integer key k to nums when it is a candidate for the array
// part (countint).
func countInt(k int64, nums *[maxABits + 1]int) int {
	if k >= 1 && k <= 1<<maxABits {
		nums[ceilLog2(uint64(k))]++
		return 1
	}
	return 0
}

// rehash resizes t for the insertion of the extra key ek (rehash).
func (t *Table) rehash(ek Value) {
	var nums [maxABits + 1]int
	// Count the array part by slices (2^(lg-1), 2^lg] (numusearray).
	na := 0
	for lg, ttlg, i := 0, 1, 1; lg <= maxABits; lg, ttlg = lg+1, ttlg*2 {
		lim := ttlg
		if lim > len(t.arr) {
			lim = len(t.arr)
			if i > lim {
				break
			}
		}
		c := 0
		for ; i <= lim; i++ {
			if !t.arr[i-1].IsNil() {
				c++
			}
		}
		nums[lg] += c
		na += c
	}
	total := na
	// Count the hash part (numusehash).
	for i := range t.node {
		n := &t.node[i]
		if n.key.p != nil && n.val.p != nil {
			if n.key.p == unsafe.Pointer(&intTag) {
				na += countInt(int64(n.key.n), &nums)
			}
			total++
		}
	}
	if ek.p == unsafe.Pointer(&intTag) {
		na += countInt(int64(ek.n), &nums)
	}
	total++
	asize, na := computeSizes(&nums, na)
	t.Resize(asize, total-na)
}

// computeSizes returns the optimal array size for the integer keys counted
// in nums (na of them in all) and how many keys will go to it
// (computesizes): the largest power of two n such that more than n/2 of the
// slots 1..n are in use.
func computeSizes(nums *[maxABits + 1]int, na int) (size, inArray int) {
	a := 0
	for i, twotoi := 0, 1; i <= maxABits && na > twotoi/2; i, twotoi = i+1, twotoi*2 {
		a += nums[i]
		if a > twotoi/2 {
			size = twotoi
			inArray = a
		}
	}
	return size, inArray
}

// Resize gives t an array part of exactly narr slots and a hash part for
// nhash keys (rounded up to a power of two), moving entries between the
// parts as needed (luaH_resize). Entries are never lost.
func (t *Table) Resize(narr, nhash int) {
	if narr < 0 {
		narr = 0
	}
	oldArr := t.arr
	oldNode := t.node
	if narr != len(oldArr) {
		arr := make([]Value, narr)
		copy(arr, oldArr)
		t.arr = arr
	}
	t.limit = narr
	t.setNodeSize(nhash)
	// Array items beyond the new size go to the hash part.
	for i := narr; i < len(oldArr); i++ {
		if v := oldArr[i]; !v.IsNil() {
			t.reinsert(Int(int64(i+1)), v)
		}
	}
	for i := range oldNode {
		n := &oldNode[i]
		if n.key.p != nil && n.val.p != nil {
			t.reinsert(n.key, n.val)
		}
	}
}

// reinsert stores a live entry during Resize.
func (t *Table) reinsert(k, v Value) {
	if k.p == unsafe.Pointer(&intTag) {
		if i := int64(k.n); uint64(i-1) < uint64(len(t.arr)) {
			t.arr[i-1] = v
			return
		}
	}
	if t.hused >= t.hcap {
		// Only when Resize was asked for too small a hash part.
		t.grow()
	}
	t.rawInsert(k, v, keyHash(k))
}

// grow doubles the hash part, keeping the array part.
func (t *Table) grow() {
	old := t.node
	t.setNodeSize(max(1, 2*t.hcap))
	for i := range old {
		if n := &old[i]; n.key.p != nil && n.val.p != nil {
			t.rawInsert(n.key, n.val, keyHash(n.key))
		}
	}
}

// ResizeArray sets the size of the array part to n, keeping the hash part's
// capacity (luaH_resizearray; the vm's SETLIST uses it when a constructor
// has more items than its size hint).
func (t *Table) ResizeArray(n int) {
	t.Resize(n, t.hcap)
}

// ArrayLen returns the size of the array part (slots 1..ArrayLen(), some of
// which may hold nil).
func (t *Table) ArrayLen() int { return len(t.arr) }

// HashCap returns the capacity of the hash part (the reference's node
// count; 0 when the table has no hash part).
func (t *Table) HashCap() int { return t.hcap }

// Append stores v at t[#t+1] (table.insert(t, v) without metamethods).
func (t *Table) Append(v Value) {
	t.SetInt(t.Len()+1, v)
}

// binSearch returns a border in arr[i:j] given that arr[i-1] is non-nil
// (or i == 0) and arr[j-1] is nil (binsearch).
func binSearch(arr []Value, i, j uint) uint {
	for j-i > 1 {
		m := (i + j) / 2
		if arr[m-1].IsNil() {
			j = m
		} else {
			i = m
		}
	}
	return i
}

func isPow2(x uint) bool { return x&(x-1) == 0 }

// Len returns a border of t (the # operator without __len), with the
// reference's algorithm (luaH_getn) so that the border chosen in tables with
// holes agrees with lua5.4: the length hint limit (alimit) is tried first,
// then a binary search in the array part when its last element is nil, and
// an unbounded search in the hash part otherwise. Like the reference, Len
// may move the hint, and GetInt/SetInt move it up to the keys they touch.
func (t *Table) Len() int64 {
	arr := t.arr
	asize := uint(len(arr))
	limit := uint(t.limit)
	if limit > 0 && arr[limit-1].IsNil() {
		// There is a border before limit.
		if limit >= 2 && !arr[limit-2].IsNil() {
			if isPow2(asize) && !isPow2(limit-1) {
				t.limit = int(limit - 1)
			}
			return int64(limit - 1)
		}
		border := binSearch(arr, 0, limit)
		if isPow2(asize) && border > asize/2 {
			t.limit = int(border)
		}
		return int64(border)
	}
	// limit is 0 or arr[limit-1] is present.
	if limit != asize {
		if arr[limit].IsNil() {
			return int64(limit)
		}
		if arr[asize-1].IsNil() {
			border := binSearch(arr, limit, asize)
			t.limit = int(border)
			return int64(border)
		}
		limit = asize
		t.limit = int(limit)
	}
	if t.hcap == 0 || t.GetInt(int64(limit)+1).IsNil() {
		return int64(limit)
	}
	return t.hashSearch(uint64(limit))
}

// hashSearch finds a border beyond the array part, given that t[j+1] is
// present (hash_search): double j until t[j] is absent, then binary search.
func (t *Table) hashSearch(j uint64) int64 {
	const maxInt = 1<<63 - 1
	var i uint64
	if j == 0 {
		j++
	}
	for {
		i = j
		if j <= maxInt/2 {
			j *= 2
		} else {
			j = maxInt
			if t.GetInt(int64(j)).IsNil() {
				break
			}
			return int64(j)
		}
		if t.GetInt(int64(j)).IsNil() {
			break
		}
	}
	for j-i > 1 {
		m := (i + j) / 2
		if t.GetInt(int64(m)).IsNil() {
			j = m
		} else {
			i = m
		}
	}
	return int64(i)
}

// Next returns the entry after key k in traversal order (Nil starts).
// ok is false if k is not a key of t.
//
// The order is the array part (ascending keys), then the hash part in slot
// order. Assigning nil to, or changing the value of, existing fields during
// a traversal is allowed (§6.1 next): removed keys stay in place as dead
// keys until the next rehash, which only an insertion can cause.
func (t *Table) Next(k Value) (nk, nv Value, ok bool) {
	var i int // array index to resume from
	var j int // node index to resume from
	switch {
	case k.p == nil:
	default:
		k = normKey(k)
		if k.p == unsafe.Pointer(&intTag) && uint64(int64(k.n)-1) < uint64(len(t.arr)) {
			i = int(int64(k.n))
			break
		}
		s := t.find(k, keyHash(k))
		if s < 0 {
			return Nil, Nil, false
		}
		i = len(t.arr)
		j = s + 1
	}
	for ; i < len(t.arr); i++ {
		if v := t.arr[i]; !v.IsNil() {
			return Int(int64(i + 1)), v, true
		}
	}
	for ; j < len(t.node); j++ {
		if n := &t.node[j]; n.val.p != nil {
			return n.key, n.val, true
		}
	}
	return Nil, Nil, true
}

// All returns an iterator over the live entries of t in Next order. The
// loop body may assign nil or new values to existing fields, as with Next.
func (t *Table) All() iter.Seq2[Value, Value] {
	return func(yield func(k, v Value) bool) {
		for i := 0; i < len(t.arr); i++ {
			if v := t.arr[i]; !v.IsNil() && !yield(Int(int64(i+1)), v) {
				return
			}
		}
		nodes := t.node
		for j := range nodes {
			n := &nodes[j]
			if n.val.p != nil && !yield(n.key, n.val) {
				return
			}
			if &t.node[0] != &nodes[0] {
				return // rehashed by an insertion in the loop body
			}
		}
	}
}
