package shdict

import (
	"errors"
	"math"
	"strings"
	"sync"
	"time"
)

// Memory accounting. An entry costs EntryOverhead + len(key) bytes, plus
// len(value) for a string value; a list entry costs EntryOverhead +
// len(key) plus ListItemOverhead + len(item) for each string item
// (ListItemOverhead for a number). Booleans and numbers live in the
// overhead. EntryOverhead approximates what the Go heap holds for an
// entry besides its bytes (the entry record with its value, flags,
// expiry and LRU links, about 100 bytes, plus its slot in the key index).
const (
	EntryOverhead    = 128
	ListItemOverhead = 32
	// MaxKeyLen is the longest key, in bytes, as in OpenResty.
	MaxKeyLen = 65535
)

// Errors the operations return. Their texts are the messages OpenResty's
// ngx.shared.DICT methods return, which the Lua binding passes on.
var (
	ErrNotFound   = errors.New("not found")
	ErrExists     = errors.New("exists")
	ErrNoMemory   = errors.New("no memory")
	ErrNotNumber  = errors.New("not a number")
	ErrNotList    = errors.New("value not a list")
	ErrIsList     = errors.New("value is a list")
	ErrEmptyKey   = errors.New("empty key")
	ErrKeyTooLong = errors.New("key too long")
	ErrNilValue   = errors.New("attempt to add or replace nil values")
	ErrBadValue   = errors.New("bad value type")
)

// Options configure a [Dict]. The zero value uses the system clock.
type Options struct {
	// Clock, when set, is the dict's time source (tests inject one to
	// exercise expiry without sleeping); nil means time.Now. Only its
	// differences matter: the dict measures time from its first reading.
	// It is called under the dict's lock from any goroutine, so it must
	// be safe for concurrent use and must not call the dict.
	Clock func() time.Time
}

// Dict is a shared dictionary: a map from string keys to [Value]s and
// lists, each entry with optional user flags and an expiry time, holding
// at most Capacity bytes by the accounting of [EntryOverhead]. When a
// store needs room, expired entries and then the least recently used
// ones are evicted (the safe_* operations evict only expired ones).
// Reads and writes move an entry to the most recently used end.
//
// A Dict is safe for use by any number of goroutines: every operation is
// atomic (one mutex per dict). Expired entries are kept until their room
// is needed (GetStale still sees them), reclaimed a few at a time by the
// operations, or removed by [Dict.FlushExpired].
type Dict struct {
	name     string
	capacity int64
	clock    func() time.Time
	epoch    time.Time

	mu        sync.Mutex
	m         map[string]*entry
	root      entry // LRU ring sentinel: root.next is the most recently used
	used      int64
	evictions uint64
}

// entry is one key's record; list entries hold their items in list.
type entry struct {
	key        string
	val        Value
	list       *deque
	flags      int64
	expires    int64 // dict time in ns; 0 never, flushed after FlushAll
	size       int64
	prev, next *entry
}

// flushed marks entries expired by FlushAll: earlier than any time.
const flushed = math.MinInt64

// New returns an empty dict named name holding at most capacity bytes,
// using the system clock.
func New(name string, capacity int64) *Dict {
	return NewWithOptions(name, capacity, Options{})
}

// NewWithOptions returns an empty dict named name holding at most
// capacity bytes, configured by opts.
func NewWithOptions(name string, capacity int64, opts Options) *Dict {
	if capacity < 0 {
		capacity = 0
	}
	d := &Dict{name: name, capacity: capacity, clock: opts.Clock, m: make(map[string]*entry)}
	if d.clock != nil {
		d.epoch = d.clock()
	} else {
		d.epoch = time.Now()
	}
	d.root.next, d.root.prev = &d.root, &d.root
	return d
}

// Name returns the dict's name.
func (d *Dict) Name() string { return d.name }

// Capacity returns the dict's capacity in bytes.
func (d *Dict) Capacity() int64 { return d.capacity }

// FreeSpace returns the bytes not used by entries (expired entries not
// yet reclaimed still use theirs).
func (d *Dict) FreeSpace() int64 {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.capacity - d.used
}

// Stats describe a dict's use at one moment.
type Stats struct {
	Capacity  int64  // bytes
	Used      int64  // bytes used by entries, expired ones included
	Keys      int    // entries, expired ones included
	Evictions uint64 // unexpired entries evicted to make room, since creation
}

// Stats returns the dict's current use, for metrics.
func (d *Dict) Stats() Stats {
	d.mu.Lock()
	defer d.mu.Unlock()
	return Stats{Capacity: d.capacity, Used: d.used, Keys: len(d.m), Evictions: d.evictions}
}

// Epoch returns the clock reading at the dict's creation: the origin of
// the times [Dict.Update] passes to its function.
func (d *Dict) Epoch() time.Time { return d.epoch }

// Now returns the dict's current time: the time elapsed since its epoch.
func (d *Dict) Now() time.Duration { return time.Duration(d.now()) }

func (d *Dict) now() int64 {
	if d.clock == nil {
		return int64(time.Since(d.epoch))
	}
	return int64(d.clock().Sub(d.epoch))
}

// clk reads the dict's clock at most once per operation, and only when
// an entry with an expiry time is looked at.
type clk struct {
	d  *Dict
	t  int64
	ok bool
}

func (c *clk) now() int64 {
	if !c.ok {
		c.t, c.ok = c.d.now(), true
	}
	return c.t
}

func (c *clk) expired(e *entry) bool { return e.expires != 0 && e.expires <= c.now() }

// expiresAt is the expiry time of an entry stored at now with ttl.
func expiresAt(now int64, ttl time.Duration) int64 {
	if ttl <= 0 {
		return 0
	}
	if now > math.MaxInt64-int64(ttl) {
		return math.MaxInt64
	}
	if t := now + int64(ttl); t != 0 {
		return t
	}
	return 1
}

func checkKey(key string) error {
	switch {
	case key == "":
		return ErrEmptyKey
	case len(key) > MaxKeyLen:
		return ErrKeyTooLong
	}
	return nil
}

// cost is what an entry for key holding v uses.
func cost(key string, v Value) int64 { return EntryOverhead + int64(len(key)) + int64(len(v.s)) }

func itemCost(v Value) int64 { return ListItemOverhead + int64(len(v.s)) }

// LRU ring operations; the caller holds d.mu.

func (d *Dict) unlink(e *entry) {
	e.prev.next = e.next
	e.next.prev = e.prev
}

func (d *Dict) pushFront(e *entry) {
	e.prev = &d.root
	e.next = d.root.next
	d.root.next.prev = e
	d.root.next = e
}

func (d *Dict) touch(e *entry) {
	if d.root.next != e {
		d.unlink(e)
		d.pushFront(e)
	}
}

// remove drops e from the dict.
func (d *Dict) remove(e *entry) {
	d.unlink(e)
	delete(d.m, e.key)
	d.used -= e.size
	*e = entry{}
}

// reap removes up to n expired entries from the least recently used end,
// stopping at the first live one (OpenResty does the same on each call).
func (d *Dict) reap(c *clk, n int) {
	for range n {
		e := d.root.prev
		if e == &d.root || e.expires == 0 || !c.expired(e) {
			return
		}
		d.remove(e)
	}
}

// makeRoom frees entries from the least recently used end until need
// more bytes fit: expired ones always, live ones only when evict is set.
// keep (the entry being rewritten, at the front) is never removed.
func (d *Dict) makeRoom(c *clk, need int64, keep *entry, evict bool) (forcible, ok bool) {
	for d.used+need > d.capacity {
		e := d.root.prev
		if e == &d.root || e == keep {
			return forcible, false
		}
		if !c.expired(e) {
			if !evict {
				return forcible, false
			}
			forcible = true
			d.evictions++
		}
		d.remove(e)
	}
	return forcible, true
}

// put stores v under key, over e (the key's current entry, or nil),
// evicting when allowed. On failure the old entry is gone, as in
// OpenResty (a store replaces by removing first).
func (d *Dict) put(c *clk, key string, e *entry, v Value, ttl time.Duration, flags int64, evict bool) (forcible bool, err error) {
	size := cost(key, v)
	if size > d.capacity {
		if e != nil {
			d.remove(e)
		}
		return false, ErrNoMemory
	}
	if e != nil {
		d.touch(e)
		var ok bool
		forcible, ok = d.makeRoom(c, size-e.size, e, evict)
		if !ok {
			d.remove(e)
			return forcible, ErrNoMemory
		}
		d.used += size - e.size
		e.size = size
		e.list = nil
	} else {
		var ok bool
		forcible, ok = d.makeRoom(c, size, nil, evict)
		if !ok {
			return forcible, ErrNoMemory
		}
		e = &entry{key: strings.Clone(key), size: size}
		d.m[e.key] = e
		d.pushFront(e)
		d.used += size
	}
	v.s = keepString(e.val, v)
	e.val = v
	e.flags = flags
	e.expires = 0
	if ttl > 0 {
		e.expires = expiresAt(c.now(), ttl)
	}
	return forcible, nil
}

// keepString returns the string the dict keeps for v (stored over old):
// old's copy when equal, else a copy of its own, so that the dict never
// holds on to a larger buffer the caller's string may be part of.
func keepString(old, v Value) string {
	if v.kind != KindString {
		return ""
	}
	if old.kind == KindString && old.s == v.s {
		return old.s
	}
	return strings.Clone(v.s)
}

// store modes.
const (
	opSet = iota
	opAdd
	opReplace
)

func (d *Dict) store(mode int, evict bool, key string, v Value, ttl time.Duration, flags int64) (forcible bool, err error) {
	if err := checkKey(key); err != nil {
		return false, err
	}
	if v.kind == KindNil && mode != opSet {
		return false, ErrNilValue
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	c := clk{d: d}
	d.reap(&c, 2)
	e := d.m[key]
	live := e != nil && !c.expired(e)
	switch {
	case mode == opReplace && !live:
		return false, ErrNotFound
	case mode == opAdd && live:
		return false, ErrExists
	case v.kind == KindNil:
		if e != nil {
			d.remove(e)
		}
		return false, nil
	}
	return d.put(&c, key, e, v, ttl, flags, evict)
}

// Set stores v under key whatever the key holds, with user flags and an
// expiry ttl from now (0 or less: none). When the dict is full it evicts
// expired and then least recently used entries; forcible reports that
// live entries were evicted. A nil v deletes the key. It fails with
// [ErrNoMemory] only for an entry larger than the dict (the key's old
// entry is then removed), or with a key error ([ErrEmptyKey],
// [ErrKeyTooLong]).
func (d *Dict) Set(key string, v Value, ttl time.Duration, flags int64) (forcible bool, err error) {
	return d.store(opSet, true, key, v, ttl, flags)
}

// SafeSet is [Dict.Set] without evicting live entries: when expired
// entries do not make enough room it fails with [ErrNoMemory].
func (d *Dict) SafeSet(key string, v Value, ttl time.Duration, flags int64) error {
	_, err := d.store(opSet, false, key, v, ttl, flags)
	return err
}

// Add is [Dict.Set] for a key that is absent or expired; otherwise it
// fails with [ErrExists]. v must not be nil ([ErrNilValue]).
func (d *Dict) Add(key string, v Value, ttl time.Duration, flags int64) (forcible bool, err error) {
	return d.store(opAdd, true, key, v, ttl, flags)
}

// SafeAdd is [Dict.Add] without evicting live entries.
func (d *Dict) SafeAdd(key string, v Value, ttl time.Duration, flags int64) error {
	_, err := d.store(opAdd, false, key, v, ttl, flags)
	return err
}

// Replace is [Dict.Set] for a key that holds a live entry; otherwise it
// fails with [ErrNotFound]. v must not be nil ([ErrNilValue]).
func (d *Dict) Replace(key string, v Value, ttl time.Duration, flags int64) (forcible bool, err error) {
	return d.store(opReplace, true, key, v, ttl, flags)
}

// Delete removes key (a value or a list); an absent key is no error.
func (d *Dict) Delete(key string) error {
	_, err := d.store(opSet, false, key, Nil, 0, 0)
	return err
}

// Get returns the value of key and its user flags; Nil when the key is
// absent or expired. A list gives [ErrIsList].
func (d *Dict) Get(key string) (v Value, flags int64, err error) {
	if err := checkKey(key); err != nil {
		return Nil, 0, err
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	c := clk{d: d}
	d.reap(&c, 2)
	e := d.m[key]
	if e == nil || c.expired(e) {
		return Nil, 0, nil
	}
	d.touch(e)
	if e.list != nil {
		return Nil, 0, ErrIsList
	}
	return e.val, e.flags, nil
}

// GetStale is [Dict.Get] that also returns expired entries not yet
// reclaimed, with stale set.
func (d *Dict) GetStale(key string) (v Value, flags int64, stale bool, err error) {
	if err := checkKey(key); err != nil {
		return Nil, 0, false, err
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	c := clk{d: d}
	e := d.m[key]
	if e == nil {
		return Nil, 0, false, nil
	}
	d.touch(e)
	if e.list != nil {
		return Nil, 0, false, ErrIsList
	}
	return e.val, e.flags, c.expired(e), nil
}

// Incr adds delta (a number) to the number stored under key and returns
// the sum: integers add as integers (wrapping around), a float operand
// makes a float. The entry keeps its flags and expiry. When the key is
// absent or expired, a nil init fails with [ErrNotFound]; a number init
// stores init+delta with flags 0 and expiry initTTL (0: none), evicting
// if needed (forcible as for Set). A non-number value gives
// [ErrNotNumber]; a non-number delta or init [ErrBadValue].
func (d *Dict) Incr(key string, delta, init Value, initTTL time.Duration) (v Value, forcible bool, err error) {
	if err := checkKey(key); err != nil {
		return Nil, false, err
	}
	if !delta.IsNumber() || !init.IsNil() && !init.IsNumber() {
		return Nil, false, ErrBadValue
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	c := clk{d: d}
	d.reap(&c, 2)
	e := d.m[key]
	if e != nil && !c.expired(e) {
		if e.list != nil || !e.val.IsNumber() {
			return Nil, false, ErrNotNumber
		}
		d.touch(e)
		e.val = add(e.val, delta)
		return e.val, false, nil
	}
	if init.IsNil() {
		return Nil, false, ErrNotFound
	}
	v = add(init, delta)
	forcible, err = d.put(&c, key, e, v, initTTL, 0, true)
	if err != nil {
		return Nil, forcible, err
	}
	return v, forcible, nil
}

// TTL returns the time key has left to live, 0 for an entry that never
// expires; [ErrNotFound] for an absent or expired key.
func (d *Dict) TTL(key string) (time.Duration, error) {
	if err := checkKey(key); err != nil {
		return 0, err
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	c := clk{d: d}
	e := d.m[key]
	if e == nil || c.expired(e) {
		return 0, ErrNotFound
	}
	d.touch(e)
	if e.expires == 0 {
		return 0, nil
	}
	return time.Duration(e.expires - c.now()), nil
}

// Expire sets the expiry of key's live entry to ttl from now (0 or less:
// never); [ErrNotFound] for an absent or expired key.
func (d *Dict) Expire(key string, ttl time.Duration) error {
	if err := checkKey(key); err != nil {
		return err
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	c := clk{d: d}
	e := d.m[key]
	if e == nil || c.expired(e) {
		return ErrNotFound
	}
	d.touch(e)
	e.expires = 0
	if ttl > 0 {
		e.expires = expiresAt(c.now(), ttl)
	}
	return nil
}

// FlushAll marks every entry expired. Their memory is reclaimed when room
// is needed or by [Dict.FlushExpired]; GetStale sees them meanwhile.
func (d *Dict) FlushAll() {
	d.mu.Lock()
	defer d.mu.Unlock()
	for e := d.root.next; e != &d.root; e = e.next {
		e.expires = flushed
	}
}

// FlushExpired removes expired entries, at most max of them (0 or less:
// all), least recently used first, and returns how many it removed.
func (d *Dict) FlushExpired(max int) int {
	d.mu.Lock()
	defer d.mu.Unlock()
	c := clk{d: d}
	n := 0
	for e := d.root.prev; e != &d.root; {
		prev := e.prev
		if c.expired(e) {
			d.remove(e)
			n++
			if n == max {
				break
			}
		}
		e = prev
	}
	return n
}

// Keys returns the keys of live entries, least recently used first, at
// most max of them (0 or less: all). It walks the whole dict under its
// lock: avoid it on large dicts in hot paths.
func (d *Dict) Keys(max int) []string {
	d.mu.Lock()
	defer d.mu.Unlock()
	c := clk{d: d}
	var keys []string
	for e := d.root.prev; e != &d.root; e = e.prev {
		if !c.expired(e) {
			keys = append(keys, e.key)
			if len(keys) == max {
				break
			}
		}
	}
	return keys
}

// Entry is the state of a key as [Dict.Update] shows it to its function
// and takes it back.
type Entry struct {
	Value Value         // Nil: the key is absent or expired (in), delete it (out)
	Flags int64         // user flags
	TTL   time.Duration // time left to live (in), expiry from now (out); 0: none
}

// Update is an atomic read-modify-write of key: fn receives the dict's
// current time ([Dict.Now]) and the key's entry and returns the entry to
// store and true (a Nil value deletes the key), or false to leave the
// dict unchanged. It runs under the dict's lock: it must be short and
// must not call the dict. Storing evicts as [Dict.Set] does. A list gives
// [ErrIsList] without calling fn.
func (d *Dict) Update(key string, fn func(now time.Duration, e Entry) (Entry, bool)) (forcible bool, err error) {
	if err := checkKey(key); err != nil {
		return false, err
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	c := clk{d: d}
	d.reap(&c, 2)
	return d.update(&c, d.m[key], key, nil, fn)
}

// UpdateBytes is [Dict.Update] with the key given as bytes, which it
// copies only when it creates the entry: a caller building keys in a
// buffer (prefix + name) looks them up without allocating.
func (d *Dict) UpdateBytes(key []byte, fn func(now time.Duration, e Entry) (Entry, bool)) (forcible bool, err error) {
	switch {
	case len(key) == 0:
		return false, ErrEmptyKey
	case len(key) > MaxKeyLen:
		return false, ErrKeyTooLong
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	c := clk{d: d}
	d.reap(&c, 2)
	return d.update(&c, d.m[string(key)], "", key, fn)
}

// update runs an Update on e, the entry of key (given as key, or as kb
// when key is ""); the caller holds d.mu.
func (d *Dict) update(c *clk, e *entry, key string, kb []byte, fn func(now time.Duration, e Entry) (Entry, bool)) (forcible bool, err error) {
	var ent Entry
	live := e != nil && !c.expired(e)
	if live {
		if e.list != nil {
			return false, ErrIsList
		}
		ent = Entry{Value: e.val, Flags: e.flags}
		if e.expires != 0 {
			ent.TTL = time.Duration(e.expires - c.now())
		}
	}
	ent, write := fn(time.Duration(c.now()), ent)
	if !write {
		if live {
			d.touch(e)
		}
		return false, nil
	}
	if ent.Value.IsNil() {
		if e != nil {
			d.remove(e)
		}
		return false, nil
	}
	if e != nil && e.list == nil && e.size == cost(e.key, ent.Value) {
		// Same size: rewrite in place (the common case of counters).
		d.touch(e)
		ent.Value.s = keepString(e.val, ent.Value)
		e.val, e.flags, e.expires = ent.Value, ent.Flags, expiresAt(c.now(), ent.TTL)
		return false, nil
	}
	if e != nil {
		key = e.key
	} else if kb != nil {
		key = string(kb)
	}
	return d.put(c, key, e, ent.Value, ent.TTL, ent.Flags, true)
}
