package vm

import (
	"strconv"
	"weak"

	"github.com/tidelua/tide/internal/bytecode"
	"github.com/tidelua/tide/internal/value"
)

// Creation sites of tables (Options.TrackSites), for the largest tables of
// the memory report.
//
// Recording where every table was made costs the constructor a map
// insertion, so it is opt-in: OP_NEWTABLE's helper (newTable) tests the
// option and calls recordTableSite, which is not inlined, only when it is
// on; the dispatch loop itself is unchanged. The side table (weakMap) is
// keyed by weak pointers so that it keeps no table alive, and stays
// within about twice the number of tables Go has not freed (plus a
// floor). Tables made by library functions (table.pack, the host) have no
// site.

// site is a position in a function's code: the prototype and the index of
// an instruction.
type site struct {
	proto *bytecode.Proto
	pc    int32
}

// String returns "source:line", or "?" when unknown.
func (s site) String() string {
	if s.proto == nil {
		return "?"
	}
	ln := s.proto.LineDefined
	if int(s.pc) >= 0 && int(s.pc) < len(s.proto.Lines) {
		ln = int(s.proto.Lines[s.pc])
	}
	return chunkID(s.proto.Source) + ":" + strconv.Itoa(ln)
}

// weakMap maps objects to facts about them without keeping them alive:
// its keys are weak pointers. Entries of freed objects are purged when
// the map has doubled since the last purge and at each census; Go maps
// never shrink, so a purge that leaves less than a quarter of the peak
// copies the survivors into a new map.
type weakMap[K, V any] struct {
	m         map[weak.Pointer[K]]V
	purgeNext int // size at which to purge
	peak      int // largest size since the map was made
}

// purgeFloor is the least size at which a weakMap is purged.
const purgeFloor = 1024

// put records v for k.
func (w *weakMap[K, V]) put(k *K, v V) {
	if w.m == nil {
		w.m = make(map[weak.Pointer[K]]V)
		w.purgeNext = purgeFloor
	}
	if len(w.m) >= w.purgeNext {
		w.purge()
	}
	w.m[weak.Make(k)] = v
	w.peak = max(w.peak, len(w.m))
}

// get returns what was recorded for k; w may be nil.
func (w *weakMap[K, V]) get(k *K) (V, bool) {
	if w == nil || len(w.m) == 0 {
		var zero V
		return zero, false
	}
	v, ok := w.m[weak.Make(k)]
	return v, ok
}

// purge drops the entries of freed objects.
func (w *weakMap[K, V]) purge() {
	for k := range w.m {
		if k.Value() == nil {
			delete(w.m, k)
		}
	}
	if len(w.m) < w.peak/4 {
		m := make(map[weak.Pointer[K]]V, len(w.m))
		for k, v := range w.m {
			m[k] = v
		}
		w.m = m
		w.peak = len(w.m)
	}
	w.purgeNext = max(2*len(w.m), purgeFloor)
}

// siteTable maps tables to where they were made.
type siteTable = weakMap[value.Table, site]

// currentSite returns the position of the innermost Lua frame of l, or
// the zero site when there is none.
func (l *Thread) currentSite() site {
	for i := min(l.ci, len(l.frames)-1); i > 0; i-- {
		if f := &l.frames[i]; f.cl != nil && f.cl.Proto != nil {
			return site{proto: f.cl.Proto, pc: int32(max(f.pc-1, 0))}
		}
	}
	return site{}
}

// recordTableSite records that t was just made by the current Lua frame
// of l (a table constructor).
//
//go:noinline
func (l *Thread) recordTableSite(t *value.Table) {
	c := &l.st.gc.col
	if c.sites == nil {
		c.sites = new(siteTable)
	}
	c.sites.put(t, l.currentSite())
}

// tableSite returns where t was made, "" when unknown.
func (st *State) tableSite(t *value.Table) string {
	if p, ok := st.gc.col.sites.get(t); ok && p.proto != nil {
		return p.String()
	}
	return ""
}

// TableSite returns where t was made by a table constructor
// ("source:line"), or "" when unknown: Options.TrackSites was off, or a
// library function made it.
func (st *State) TableSite(t *value.Table) string { return st.tableSite(t) }
