package profile

import (
	"compress/gzip"
	"io"
)

// The pprof format is a gzipped protocol buffer of the message Profile in
// github.com/google/pprof/proto/profile.proto. These are the field numbers
// written here.
const (
	// Profile
	fieldSampleType    = 1  // repeated ValueType
	fieldSample        = 2  // repeated Sample
	fieldMapping       = 3  // repeated Mapping
	fieldLocation      = 4  // repeated Location
	fieldFunction      = 5  // repeated Function
	fieldStringTable   = 6  // repeated string
	fieldTimeNanos     = 9  // int64
	fieldDurationNanos = 10 // int64
	fieldPeriodType    = 11 // ValueType
	fieldPeriod        = 12 // int64

	// ValueType
	fieldVTType = 1 // string index
	fieldVTUnit = 2 // string index

	// Sample
	fieldSampleLocation = 1 // repeated uint64, packed
	fieldSampleValue    = 2 // repeated int64, packed

	// Mapping
	fieldMapID           = 1 // uint64
	fieldMapFilename     = 5 // string index
	fieldMapHasFunctions = 7 // bool
	fieldMapHasFilenames = 8 // bool
	fieldMapHasLines     = 9 // bool

	// Location
	fieldLocID      = 1 // uint64
	fieldLocMapping = 2 // uint64
	fieldLocLine    = 4 // repeated Line

	// Line
	fieldLineFunction = 1 // uint64
	fieldLineLine     = 2 // int64

	// Function
	fieldFuncID       = 1 // uint64
	fieldFuncName     = 2 // string index
	fieldFuncSysName  = 3 // string index
	fieldFuncFilename = 4 // string index
)

// protoBuf appends protocol buffer fields to a byte slice.
type protoBuf struct{ b []byte }

func (p *protoBuf) varint(x uint64) {
	for x >= 0x80 {
		p.b = append(p.b, byte(x)|0x80)
		x >>= 7
	}
	p.b = append(p.b, byte(x))
}

// uint writes a varint field; zero values are left out, as proto3 does.
func (p *protoBuf) uint(field int, x uint64) {
	if x == 0 {
		return
	}
	p.varint(uint64(field)<<3 | 0)
	p.varint(x)
}

func (p *protoBuf) int(field int, x int64) { p.uint(field, uint64(x)) }

// bytes writes a length-delimited field (a string or a sub-message).
func (p *protoBuf) bytes(field int, b []byte) {
	p.varint(uint64(field)<<3 | 2)
	p.varint(uint64(len(b)))
	p.b = append(p.b, b...)
}

// packed writes a packed repeated varint field.
func (p *protoBuf) packed(field int, xs []uint64) {
	var sub protoBuf
	for _, x := range xs {
		sub.varint(x)
	}
	p.bytes(field, sub.b)
}

// msg writes a sub-message built by fill.
func (p *protoBuf) msg(field int, fill func(m *protoBuf)) {
	var sub protoBuf
	fill(&sub)
	p.bytes(field, sub.b)
}

// pprofBuilder collects the string, function and location tables.
type pprofBuilder struct {
	out     protoBuf // the Profile message
	body    protoBuf // samples
	tables  protoBuf // locations and functions
	strings []string
	strIdx  map[string]int
	funcs   map[[2]string]uint64 // (name, file) -> id
	locs    map[locKey]uint64    // -> id
}

type locKey struct {
	fn   uint64
	line int
}

func newPprofBuilder() *pprofBuilder {
	b := &pprofBuilder{
		strIdx: map[string]int{},
		funcs:  map[[2]string]uint64{},
		locs:   map[locKey]uint64{},
	}
	b.str("") // index 0 is the empty string
	return b
}

func (b *pprofBuilder) str(s string) int64 {
	if i, ok := b.strIdx[s]; ok {
		return int64(i)
	}
	i := len(b.strings)
	b.strings = append(b.strings, s)
	b.strIdx[s] = i
	return int64(i)
}

func (b *pprofBuilder) function(name, file string) uint64 {
	k := [2]string{name, file}
	if id, ok := b.funcs[k]; ok {
		return id
	}
	id := uint64(len(b.funcs) + 1)
	b.funcs[k] = id
	nameIdx, fileIdx := b.str(name), b.str(file)
	b.tables.msg(fieldFunction, func(m *protoBuf) {
		m.uint(fieldFuncID, id)
		m.int(fieldFuncName, nameIdx)
		m.int(fieldFuncSysName, nameIdx)
		m.int(fieldFuncFilename, fileIdx)
	})
	return id
}

func (b *pprofBuilder) location(f Frame) uint64 {
	fn := b.function(f.Function, f.Source)
	k := locKey{fn, f.Line}
	if id, ok := b.locs[k]; ok {
		return id
	}
	id := uint64(len(b.locs) + 1)
	b.locs[k] = id
	b.tables.msg(fieldLocation, func(m *protoBuf) {
		m.uint(fieldLocID, id)
		m.uint(fieldLocMapping, 1)
		m.msg(fieldLocLine, func(l *protoBuf) {
			l.uint(fieldLineFunction, fn)
			l.int(fieldLineLine, int64(f.Line))
		})
	})
	return id
}

func (b *pprofBuilder) valueType(field int, typ, unit string) {
	t, u := b.str(typ), b.str(unit)
	b.out.msg(field, func(m *protoBuf) {
		m.int(fieldVTType, t)
		m.int(fieldVTUnit, u)
	})
}

// writePprof writes the samples for which value returns non-zero values
// as a gzipped pprof profile with the given sample types (pairs of type
// and unit).
func (p *Profile) writePprof(w io.Writer, types [][2]string, periodType [2]string, period int64, value func(s *Sample) []int64) error {
	b := newPprofBuilder()
	for _, t := range types {
		b.valueType(fieldSampleType, t[0], t[1])
	}
	var ids []uint64
	var vals []uint64
	for i := range p.Samples {
		s := &p.Samples[i]
		vs := value(s)
		zero := true
		for _, v := range vs {
			if v != 0 {
				zero = false
			}
		}
		if zero || len(s.Stack) == 0 {
			continue
		}
		ids = ids[:0]
		for _, f := range s.Stack {
			ids = append(ids, b.location(f))
		}
		vals = vals[:0]
		for _, v := range vs {
			vals = append(vals, uint64(v))
		}
		b.body.msg(fieldSample, func(m *protoBuf) {
			m.packed(fieldSampleLocation, ids)
			m.packed(fieldSampleValue, vals)
		})
	}
	// one mapping for all locations, so that pprof knows the symbols are
	// resolved already and does not look for a binary
	mapName := b.str("lua")
	b.out.msg(fieldMapping, func(m *protoBuf) {
		m.uint(fieldMapID, 1)
		m.int(fieldMapFilename, mapName)
		m.uint(fieldMapHasFunctions, 1)
		m.uint(fieldMapHasFilenames, 1)
		m.uint(fieldMapHasLines, 1)
	})
	b.out.b = append(b.out.b, b.body.b...)
	b.out.b = append(b.out.b, b.tables.b...)
	b.out.int(fieldTimeNanos, p.Start.UnixNano())
	b.out.int(fieldDurationNanos, int64(p.Duration))
	b.valueType(fieldPeriodType, periodType[0], periodType[1])
	b.out.int(fieldPeriod, period)
	// the string table last: valueType above may have added strings
	for _, s := range b.strings {
		b.out.bytes(fieldStringTable, []byte(s))
	}
	zw := gzip.NewWriter(w)
	if _, err := zw.Write(b.out.b); err != nil {
		return err
	}
	return zw.Close()
}

// WritePprof writes the CPU samples as a gzipped pprof profile with the
// sample types samples/count and cpu/nanoseconds, which go tool pprof
// opens: functions are the Lua functions as Frame.Function names them,
// with their source file and the sampled lines.
func (p *Profile) WritePprof(w io.Writer) error {
	period := int64(p.Period)
	return p.writePprof(w, [][2]string{{"samples", "count"}, {"cpu", "nanoseconds"}},
		[2]string{"cpu", "nanoseconds"}, period,
		func(s *Sample) []int64 { return []int64{s.Count, s.Count * period} })
}

// WriteAllocPprof writes the allocation samples as a gzipped pprof
// profile with the sample type alloc_space/bytes.
func (p *Profile) WriteAllocPprof(w io.Writer) error {
	return p.writePprof(w, [][2]string{{"alloc_space", "bytes"}},
		[2]string{"space", "bytes"}, 1,
		func(s *Sample) []int64 { return []int64{s.Bytes} })
}
