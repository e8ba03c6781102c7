package shdict

import "fmt"

// CheckInvariants verifies the dict's bookkeeping: the LRU ring holds
// exactly the map's entries and the accounted bytes are their sum, each
// entry's size matching the accounting formula.
func (d *Dict) CheckInvariants() error {
	d.mu.Lock()
	defer d.mu.Unlock()
	n, sum := 0, int64(0)
	for e := d.root.next; e != &d.root; e = e.next {
		if e.next.prev != e {
			return fmt.Errorf("broken ring at %q", e.key)
		}
		if d.m[e.key] != e {
			return fmt.Errorf("entry %q in the ring but not in the map", e.key)
		}
		want := cost(e.key, e.val)
		if e.list != nil {
			want = EntryOverhead + int64(len(e.key))
			for i := range e.list.n {
				want += itemCost(e.list.items[(e.list.head+i)%len(e.list.items)])
			}
		}
		if e.size != want {
			return fmt.Errorf("entry %q accounts %d bytes, want %d", e.key, e.size, want)
		}
		n++
		sum += e.size
	}
	if n != len(d.m) {
		return fmt.Errorf("%d entries in the ring, %d in the map", n, len(d.m))
	}
	if sum != d.used {
		return fmt.Errorf("used %d, entries sum to %d", d.used, sum)
	}
	if d.used > d.capacity {
		return fmt.Errorf("used %d over capacity %d", d.used, d.capacity)
	}
	return nil
}
