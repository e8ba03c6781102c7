package value

import "unsafe"

// Support for the vm's collector (weak tables, finalizers, heap walks).
// These methods expose a table's raw slots without any copying so that a
// mark phase over millions of tables stays cheap; nothing here allocates.

// Mark records that the collection with the given epoch reached t. It
// reports whether t was not yet marked in that epoch. Epoch 0 is never
// used by a collector, so fresh tables start unmarked.
func (t *Table) Mark(epoch uint32) bool {
	if t.mark == epoch {
		return false
	}
	t.mark = epoch
	return true
}

// Marked reports whether t was marked in the given epoch.
func (t *Table) Marked(epoch uint32) bool { return t.mark == epoch }

// ArrayPart returns the array part itself (keys 1..len), not a copy. Slots
// may hold nil. The caller may read it and set slots to nil, nothing else.
func (t *Table) ArrayPart() []Value { return t.arr }

// NodeCount returns the number of slots of the hash part, to be visited
// with [Table.Node] (a table without a hash part has one free slot).
func (t *Table) NodeCount() int { return len(t.node) }

// Node returns the key and value of hash slot i. The value is nil for free
// slots and dead keys; only slots with a non-nil value are entries.
func (t *Table) Node(i int) (k, v Value) {
	n := &t.node[i]
	return n.key, n.val
}

// deadKeyTag marks a hash slot whose key was dropped by the collector: the
// node stays in its chain (so lookups and Next keep working) but no longer
// refers to the key's object, which Go may then free.
var deadKeyTag byte

// ClearNode removes the entry in hash slot i, as assigning nil would. With
// dropKey the key itself is forgotten too: use it only for keys nobody can
// reach any more (a collected key of a weak table), since Next cannot
// continue a traversal from a dropped key.
func (t *Table) ClearNode(i int, dropKey bool) {
	n := &t.node[i]
	n.val = Nil
	if dropKey && n.key.p != nil {
		// n == 0 and a private tag: equal to no key a caller can build, and
		// never looked at as a type because its value is nil.
		n.key = Value{p: unsafe.Pointer(&deadKeyTag)}
	}
}

// Relocate gives t fresh copies of its array and hash parts, each no
// larger than maxBytes (larger parts stay where they are), with the same
// length, capacity, layout and contents, every key and value passed
// through conv (which may return an equal value in a fresh allocation,
// or v itself). Nothing observable changes: a next loop in progress goes
// on where it was. It returns the bytes allocated for the copies. For the
// defragmentation of a State's heap: survivors copied out of spans that
// are mostly garbage let Go give those spans back.
func (t *Table) Relocate(maxBytes int, conv func(Value) Value) (moved int) {
	const valueBytes, nodeBytes = int(unsafe.Sizeof(Value{})), int(unsafe.Sizeof(node{}))
	if old := t.arr; cap(old) > 0 {
		a := old
		if cap(old)*valueBytes <= maxBytes {
			a = make([]Value, len(old), cap(old))
			moved += cap(a) * valueBytes
		}
		full := a[:cap(a)]
		for i, v := range old[:cap(old)] {
			full[i] = conv(v)
		}
		t.arr = a
	}
	if t.HashCap() > 0 { // a table without a hash part shares dummyNode
		nodes := t.node
		if cap(nodes)*nodeBytes <= maxBytes {
			nodes = make([]node, len(t.node), cap(t.node))
			copy(nodes[:cap(nodes)], t.node[:cap(t.node)])
			moved += cap(nodes) * nodeBytes
		}
		full := nodes[:cap(nodes)]
		for i := range full {
			full[i].key = conv(full[i].key)
			full[i].val = conv(full[i].val)
		}
		t.node = nodes
	}
	return moved
}

// NodeSize is the size of one slot of a table's hash part, in bytes.
const NodeSize = unsafe.Sizeof(node{})

// PartsData returns the addresses of t's array and hash parts (nil when
// it has none), to tell whether Relocate moved them.
func (t *Table) PartsData() (arr, hash unsafe.Pointer) {
	if cap(t.arr) > 0 {
		arr = unsafe.Pointer(unsafe.SliceData(t.arr))
	}
	if t.HashCap() > 0 {
		hash = unsafe.Pointer(unsafe.SliceData(t.node))
	}
	return arr, hash
}
