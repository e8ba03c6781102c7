package value

import (
	"iter"
	"math"
	"math/bits"
	"unsafe"
)

// Table is a Lua table: an array part for keys 1..n and a hash part.
//
// Semantics the vm and the standard library rely on:
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
// nil. The hash part is the reference's open-addressing scatter table with
// Brent's variation (ltable.c): a power-of-two array of {key, value, next}
// nodes where each key lives in its main position or in a chain that starts
// there, chained through in-array offsets; a collision takes a free node
// found by a cursor moving down from the top (lastFree), and a colliding key
// that is not in its own main position is moved out of the way. Load factor
// up to 1, no allocation per entry, no Go maps.
//
// Removing an entry keeps its key in the node (a dead key) so that Next can
// continue from it; a dead key's node is reused when the same key is stored
// again or when a new key has that node as main position, and dropped by the
// next rehash.
//
// Sizes and positions follow the reference: a table grows only when a new
// key finds no free node, and then rehash counts the integer keys and gives
// the array part the largest power of two n such that more than n/2 of the
// slots 1..n would be in use (computesizes); everything else goes to a hash
// part of the next power of two. Integer, float and boolean keys have the
// reference's main positions. So t[#t+1] = v loops stay in the array part,
// and the borders returned by Len and the order of Next agree with lua5.4
// whenever lua5.4's own results are deterministic (no string or object keys
// in the hash part: the reference seeds its string hash at random).
//
// There is no size ceiling here: growth beyond 2^26 array slots or hash nodes
// works like any other growth. Memory quotas are the vm's job (it checks
// table constructor sizes and can account for growth with [Table.Footprint]).
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
// Weak tables (__mode) and finalizers are the vm's collector's business; it
// walks and clears entries through the methods of tablegc.go.
//
// A Table is not safe for concurrent use: even Get and Len may update the
// length hint. The zero Table is not usable; create tables with [NewTable].
type Table struct {
	Meta  *Table // metatable, or nil
	Flags uint8  // metamethod absence cache, see the type comment
	mark  uint32 // collector epoch that last reached t (see tablegc.go)

	arr   []Value // array part, keys 1..len(arr)
	limit int     // length hint, the reference's alimit (see Len)

	node     []node // hash part; dummyNode when there is none
	lastFree int    // free nodes are searched for below this index
	modD     uint64 // (len(node)-1)|1, the divisor of hashmod
	modM     uint64 // 2^64/modD rounded up, for fastMod
}

// node is one slot of the hash part. key.p == nil marks a free node; a
// non-nil key with a nil val is a dead key. next is the offset of the next
// node in the chain, 0 at its end.
type node struct {
	key, val Value
	next     int32
}

// dummyNode is the hash part of tables without one: a single free node, so
// lookups need no length check. It is never written: insertion finds no
// free node in it and rehashes first.
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

// setNodeSize gives t an empty hash part of n nodes rounded up to a power of
// two (setnodevector).
func (t *Table) setNodeSize(n int) {
	if n <= 0 {
		t.node = dummyNode[:]
		t.lastFree = 0
		t.modD, t.modM = 1, 0
		return
	}
	size := 1 << bits.Len(uint(n-1))
	t.node = make([]node, size)
	t.lastFree = size
	t.modD = uint64(size-1) | 1
	t.modM = math.MaxUint64/t.modD + 1
}

// isDummy reports whether t has no hash part.
func (t *Table) isDummy() bool { return &t.node[0] == &dummyNode[0] }

// fastMod returns x % t.modD for x < 2^32 (Lemire's method).
func (t *Table) fastMod(x uint32) int {
	hi, _ := bits.Mul64(t.modM*uint64(x), t.modD)
	return int(hi)
}

// mainInt is the main position of integer key i (hashint).
func (t *Table) mainInt(i int64) int {
	if uint64(i) <= math.MaxInt32 {
		return t.fastMod(uint32(i))
	}
	return int(uint64(i) % t.modD)
}

// floatHashInt is l_hashfloat: a hash of a non-integral float made from its
// exponent and the first 31 bits of its mantissa.
func floatHashInt(f float64) uint32 {
	m, e := math.Frexp(f)
	m *= 2147483648 // -(INT_MIN)
	if !(m >= -9223372036854775808.0 && m < 9223372036854775808.0) {
		return 0 // inf or NaN (never keys)
	}
	u := uint32(e) + uint32(int64(m))
	if u <= math.MaxInt32 {
		return u
	}
	return ^u
}

// mainPosition returns the main position of normalised key k
// (mainposition).
func (t *Table) mainPosition(k Value) int {
	mask := len(t.node) - 1
	switch k.p {
	case unsafe.Pointer(&intTag):
		return t.mainInt(int64(k.n))
	case unsafe.Pointer(&floatTag):
		return t.fastMod(floatHashInt(k.AsFloat()))
	case unsafe.Pointer(&boolTag):
		return int(k.n) & mask
	}
	if k.n>>kindShift == uint64(TypeString) {
		return int(StringHash(k.AsString())) & mask
	}
	return int(objectHash(k.p)) & mask
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

// find returns the node of normalised key k (live or dead), or -1.
func (t *Table) find(k Value) int {
	nodes := t.node
	j := t.mainPosition(k)
	for {
		n := &nodes[j]
		if keyEqual(n.key, k) {
			return j
		}
		if n.next == 0 {
			return -1
		}
		j += int(n.next)
	}
}

// findInt returns the node of integer key i, or -1.
func (t *Table) findInt(i int64) int {
	nodes := t.node
	j := t.mainInt(i)
	for {
		n := &nodes[j]
		if n.key.p == unsafe.Pointer(&intTag) && n.key.n == uint64(i) {
			return j
		}
		if n.next == 0 {
			return -1
		}
		j += int(n.next)
	}
}

// findStr returns the node of string key s, or -1.
func (t *Table) findStr(s string) int { return t.findStrH(s, StringHash(s)) }

// findStrH is findStr for a key whose StringHash h is already known.
func (t *Table) findStrH(s string, h uint64) int {
	nodes := t.node
	kn := uint64(TypeString)<<kindShift | uint64(len(s))
	kp := unsafe.Pointer(unsafe.StringData(s))
	j := int(h) & (len(nodes) - 1)
	for {
		n := &nodes[j]
		if n.key.n == kn {
			if n.key.p == kp || len(s) == 0 {
				return j
			}
			if n.key.p != unsafe.Pointer(&intTag) && n.key.p != unsafe.Pointer(&floatTag) &&
				unsafe.String((*byte)(n.key.p), len(s)) == s {
				return j
			}
		}
		if n.next == 0 {
			return -1
		}
		j += int(n.next)
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
	if j := t.find(k); j >= 0 {
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

// GetStrH is GetStr for a key whose StringHash h is already known (the vm
// keeps the hashes of a function's constant keys, see
// bytecode.Proto.KeyHashes), so that the lookup skips hashing.
func (t *Table) GetStrH(s string, h uint64) Value {
	if j := t.findStrH(s, h); j >= 0 {
		return t.node[j].val
	}
	return Nil
}

// SetStrH is SetStr for a key whose StringHash h is already known.
func (t *Table) SetStrH(s string, h uint64, v Value) {
	if t.Flags != 0 && len(s) >= 2 && s[0] == '_' && s[1] == '_' {
		t.Flags = 0
	}
	if j := t.findStrH(s, h); j >= 0 {
		t.node[j].val = v
		return
	}
	if !v.IsNil() {
		t.newKey(String(s), v)
	}
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
	if j := t.find(k); j >= 0 {
		t.node[j].val = v
		return
	}
	if !v.IsNil() {
		t.newKey(k, v)
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
		t.newKey(Int(i), v)
	}
}

// SetStr assigns t[s] = v without metamethods.
func (t *Table) SetStr(s string, v Value) { t.SetStrH(s, StringHash(s), v) }

// getFreePos returns a free node, searching down from lastFree, or -1
// (getfreepos).
func (t *Table) getFreePos() int {
	for t.lastFree > 0 {
		t.lastFree--
		if t.node[t.lastFree].key.p == nil {
			return t.lastFree
		}
	}
	return -1
}

// newKey inserts the absent normalised key k with non-nil value v in the
// hash part (luaH_newkey). If there is no free node it rehashes, which may
// move k's place to the array part.
func (t *Table) newKey(k, v Value) {
	nodes := t.node
	mp := t.mainPosition(k)
	if nodes[mp].val.p != nil || t.isDummy() {
		// The main position is taken: find a free node.
		f := t.getFreePos()
		if f < 0 {
			t.rehash(k)
			t.Set(k, v)
			return
		}
		other := t.mainPosition(nodes[mp].key)
		if other != mp {
			// The colliding node is out of its main position: move it to
			// the free node and put k in its place.
			for other+int(nodes[other].next) != mp {
				other += int(nodes[other].next)
			}
			nodes[other].next = int32(f - other)
			nodes[f] = nodes[mp]
			if nodes[mp].next != 0 {
				nodes[f].next += int32(mp - f)
				nodes[mp].next = 0
			}
			nodes[mp].val = Nil
		} else {
			// The colliding node is in its main position: k goes to the
			// free node, chained right after it.
			if nodes[mp].next != 0 {
				nodes[f].next = int32(mp + int(nodes[mp].next) - f)
			}
			nodes[mp].next = int32(f - mp)
			mp = f
		}
	}
	nodes[mp].key = k
	nodes[mp].val = v
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
		if n.val.p != nil {
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
	t.resize(asize, total-na)
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

// Resize gives t an array part of exactly narr slots and a hash part of at
// least nhash nodes (rounded up to a power of two), moving entries between
// the parts as needed (luaH_resize). Entries are never lost: the hash part
// is made larger than nhash if the entries need it.
func (t *Table) Resize(narr, nhash int) {
	narr = max(narr, 0)
	need := 0
	for i := narr; i < len(t.arr); i++ {
		if !t.arr[i].IsNil() {
			need++
		}
	}
	for i := range t.node {
		n := &t.node[i]
		if n.val.p != nil && !(n.key.p == unsafe.Pointer(&intTag) && uint64(int64(n.key.n)-1) < uint64(narr)) {
			need++
		}
	}
	t.resize(narr, max(nhash, need))
}

// resize is luaH_resize; nhash must leave room for the entries.
func (t *Table) resize(narr, nhash int) {
	oldArr := t.arr
	oldNode := t.node
	if narr != len(oldArr) {
		arr := make([]Value, narr)
		copy(arr, oldArr)
		t.arr = arr
	}
	t.limit = narr
	t.setNodeSize(nhash)
	// Array items beyond the new size go to the hash part, then the old
	// nodes are reinserted in node order, as the reference does.
	for i := narr; i < len(oldArr); i++ {
		if v := oldArr[i]; !v.IsNil() {
			t.newKey(Int(int64(i+1)), v)
		}
	}
	for i := range oldNode {
		if n := &oldNode[i]; n.val.p != nil {
			k := n.key
			if k.p == unsafe.Pointer(&intTag) {
				if i := int64(k.n); uint64(i-1) < uint64(narr) {
					t.arr[i-1] = n.val
					continue
				}
			}
			t.newKey(k, n.val)
		}
	}
}

// ResizeArray sets the size of the array part to n, keeping the hash part's
// size (luaH_resizearray; the vm's SETLIST uses it when a constructor has
// more items than its size hint).
func (t *Table) ResizeArray(n int) {
	t.Resize(n, t.HashCap())
}

// ArrayLen returns the size of the array part (slots 1..ArrayLen(), some of
// which may hold nil).
func (t *Table) ArrayLen() int { return len(t.arr) }

// HashCap returns the number of nodes in the hash part (0 when the table
// has none).
func (t *Table) HashCap() int {
	if t.isDummy() {
		return 0
	}
	return len(t.node)
}

// Footprint returns an estimate in bytes of the memory held by t itself
// (not by the strings and objects it refers to), for memory accounting.
func (t *Table) Footprint() int64 {
	const tableSize = int64(unsafe.Sizeof(Table{}))
	const valueSize = int64(unsafe.Sizeof(Value{}))
	const nodeSize = int64(unsafe.Sizeof(node{}))
	return tableSize + valueSize*int64(cap(t.arr)) + nodeSize*int64(t.HashCap())
}

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
	if t.isDummy() || t.GetInt(int64(limit)+1).IsNil() {
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
		s := t.find(k)
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
