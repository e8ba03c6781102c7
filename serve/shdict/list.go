package shdict

import "strings"

// deque is a list entry's items: a ring buffer growing by doubling.
type deque struct {
	items []Value
	head  int
	n     int
}

func (q *deque) grow() {
	size := 2 * len(q.items)
	if size == 0 {
		size = 4
	}
	items := make([]Value, size)
	for i := range q.n {
		items[i] = q.items[(q.head+i)%len(q.items)]
	}
	q.items, q.head = items, 0
}

func (q *deque) pushFront(v Value) {
	if q.n == len(q.items) {
		q.grow()
	}
	q.head = (q.head - 1 + len(q.items)) % len(q.items)
	q.items[q.head] = v
	q.n++
}

func (q *deque) pushBack(v Value) {
	if q.n == len(q.items) {
		q.grow()
	}
	q.items[(q.head+q.n)%len(q.items)] = v
	q.n++
}

func (q *deque) popFront() Value {
	v := q.items[q.head]
	q.items[q.head] = Nil
	q.head = (q.head + 1) % len(q.items)
	q.n--
	return v
}

func (q *deque) popBack() Value {
	i := (q.head + q.n - 1) % len(q.items)
	v := q.items[i]
	q.items[i] = Nil
	q.n--
	return v
}

// LPush inserts v (a number or a string) at the head of the list stored
// under key, creating the list when the key is absent or expired, and
// returns the list's new length. A key holding a value gives
// [ErrNotList]; other values [ErrBadValue]. Pushing never evicts live
// entries: when expired ones do not make room it fails with [ErrNoMemory].
func (d *Dict) LPush(key string, v Value) (int, error) { return d.push(key, v, true) }

// RPush is [Dict.LPush] at the tail of the list.
func (d *Dict) RPush(key string, v Value) (int, error) { return d.push(key, v, false) }

func (d *Dict) push(key string, v Value, front bool) (int, error) {
	if err := checkKey(key); err != nil {
		return 0, err
	}
	if !v.IsNumber() && v.kind != KindString {
		return 0, ErrBadValue
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	c := clk{d: d}
	d.reap(&c, 2)
	e := d.m[key]
	if e != nil && c.expired(e) {
		d.remove(e)
		e = nil
	}
	need := itemCost(v)
	if e == nil {
		size := EntryOverhead + int64(len(key))
		if _, ok := d.makeRoom(&c, size+need, nil, false); !ok {
			return 0, ErrNoMemory
		}
		e = &entry{key: strings.Clone(key), size: size, list: &deque{}}
		d.m[e.key] = e
		d.pushFront(e)
		d.used += size
	} else {
		if e.list == nil {
			return 0, ErrNotList
		}
		d.touch(e)
		if _, ok := d.makeRoom(&c, need, e, false); !ok {
			return 0, ErrNoMemory
		}
	}
	v.s = keepString(Nil, v)
	if front {
		e.list.pushFront(v)
	} else {
		e.list.pushBack(v)
	}
	e.size += need
	d.used += need
	return e.list.n, nil
}

// LPop removes and returns the head of the list stored under key; Nil
// when the key is absent or expired. A key holding a value gives
// [ErrNotList]. Popping the last item removes the key.
func (d *Dict) LPop(key string) (Value, error) { return d.pop(key, true) }

// RPop is [Dict.LPop] at the tail of the list.
func (d *Dict) RPop(key string) (Value, error) { return d.pop(key, false) }

func (d *Dict) pop(key string, front bool) (Value, error) {
	if err := checkKey(key); err != nil {
		return Nil, err
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	c := clk{d: d}
	d.reap(&c, 2)
	e := d.m[key]
	if e == nil || c.expired(e) {
		return Nil, nil
	}
	if e.list == nil {
		return Nil, ErrNotList
	}
	var v Value
	if front {
		v = e.list.popFront()
	} else {
		v = e.list.popBack()
	}
	if e.list.n == 0 {
		d.remove(e)
		return v, nil
	}
	d.touch(e)
	c2 := itemCost(v)
	e.size -= c2
	d.used -= c2
	return v, nil
}

// LLen returns the length of the list stored under key, 0 when the key
// is absent or expired; a key holding a value gives [ErrNotList].
func (d *Dict) LLen(key string) (int, error) {
	if err := checkKey(key); err != nil {
		return 0, err
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	c := clk{d: d}
	d.reap(&c, 2)
	e := d.m[key]
	if e == nil || c.expired(e) {
		return 0, nil
	}
	if e.list == nil {
		return 0, ErrNotList
	}
	d.touch(e)
	return e.list.n, nil
}
