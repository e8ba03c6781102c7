package bytecode

import (
	"encoding/binary"
	"hash/crc32"
	"math"
)

// Binary chunks.
//
// Dump serialises a Proto in tide's own format, which string.dump returns
// and load accepts back (Undump). It is not the reference's luac format:
// tide's instruction set and debug data differ in details, so a chunk
// precompiled by the reference Lua is recognised and refused.
//
// Layout (integers are unsigned LEB128 varints unless said otherwise):
//
//	header   "\x1bLua" 0x54 'T' "tide" FormatVersion
//	function source: string or absent (stripped, or the same as the parent's)
//	         linedefined lastlinedefined
//	         numparams:byte isvararg:byte maxstacksize:byte
//	         #code, code (4 bytes little-endian each)
//	         #constants, constants (tag byte, then the value)
//	         #upvalues, upvalues (instack:byte index:byte kind:byte)
//	         #protos, protos (functions, recursively)
//	         #lines, lines (zig-zag deltas from the previous line)
//	         #locvars, locvars (name startpc endpc reg)
//	         #upvalue names, names
//	trailer  CRC-32 (IEEE) of everything before it, 4 bytes little-endian
//
// A string is its length plus one followed by its bytes; 0 means absent.

// Header bytes of a tide binary chunk.
const (
	// Signature starts every binary chunk, as in the reference (LUA_SIGNATURE).
	Signature = "\x1bLua"
	// DumpVersion is the Lua version byte (LUAC_VERSION for 5.4).
	DumpVersion = 0x54
	// DumpFormat is the format byte; the reference writes 0 (LUAC_FORMAT).
	DumpFormat = 'T'
	// DumpMagic follows the format byte.
	DumpMagic = "tide"
	// FormatVersion is the version of tide's payload layout.
	FormatVersion = 1

	headerSize  = len(Signature) + 2 + len(DumpMagic) + 1
	trailerSize = 4
)

// Constant tags.
const (
	tagNil = iota
	tagFalse
	tagTrue
	tagInt
	tagFloat
	tagString
)

// Dump returns the binary chunk for p and its nested functions. With
// strip, debug information is left out: line information, local variable
// names and upvalue names; the source becomes "=?" when loaded back.
func Dump(p *Proto, strip bool) []byte {
	d := dumper{strip: strip}
	d.buf = make([]byte, 0, 64+8*len(p.Code))
	d.buf = append(d.buf, Signature...)
	d.buf = append(d.buf, DumpVersion, DumpFormat)
	d.buf = append(d.buf, DumpMagic...)
	d.buf = append(d.buf, FormatVersion)
	d.function(p, "", true)
	return binary.LittleEndian.AppendUint32(d.buf, crc32.ChecksumIEEE(d.buf))
}

type dumper struct {
	buf   []byte
	strip bool
}

func (d *dumper) uint(x uint64) { d.buf = binary.AppendUvarint(d.buf, x) }

func (d *dumper) int(x int) { d.uint(uint64(x)) }

func (d *dumper) str(s string) {
	d.uint(uint64(len(s)) + 1)
	d.buf = append(d.buf, s...)
}

func (d *dumper) function(p *Proto, psource string, isMain bool) {
	if d.strip || (!isMain && p.Source == psource) {
		d.uint(0)
	} else {
		d.str(p.Source)
	}
	d.int(p.LineDefined)
	d.int(p.LastLineDefined)
	d.buf = append(d.buf, byte(p.NumParams), b2byte(p.IsVararg), byte(p.MaxStackSize))

	d.int(len(p.Code))
	for _, i := range p.Code {
		d.buf = binary.LittleEndian.AppendUint32(d.buf, uint32(i))
	}

	d.int(len(p.Constants))
	for _, k := range p.Constants {
		switch {
		case k.IsNil():
			d.buf = append(d.buf, tagNil)
		case k.IsBool():
			if k.AsBool() {
				d.buf = append(d.buf, tagTrue)
			} else {
				d.buf = append(d.buf, tagFalse)
			}
		case k.IsInt():
			d.buf = append(d.buf, tagInt)
			d.buf = binary.LittleEndian.AppendUint64(d.buf, uint64(k.AsInt()))
		case k.IsFloat():
			d.buf = append(d.buf, tagFloat)
			d.buf = binary.LittleEndian.AppendUint64(d.buf, math.Float64bits(k.AsFloat()))
		case k.IsString():
			d.buf = append(d.buf, tagString)
			d.str(k.AsString())
		default:
			// The compiler makes no other constants; keep the chunk loadable.
			d.buf = append(d.buf, tagNil)
		}
	}

	d.int(len(p.Upvalues))
	for _, u := range p.Upvalues {
		d.buf = append(d.buf, b2byte(u.InStack), byte(u.Index), byte(u.Kind))
	}

	d.int(len(p.Protos))
	for _, q := range p.Protos {
		d.function(q, p.Source, false)
	}

	if d.strip {
		d.uint(0) // lines
		d.uint(0) // locvars
		d.uint(0) // upvalue names
		return
	}
	d.int(len(p.Lines))
	prev := int64(p.LineDefined)
	for _, l := range p.Lines {
		delta := int64(l) - prev
		d.uint(uint64(delta<<1) ^ uint64(delta>>63))
		prev = int64(l)
	}
	d.int(len(p.LocVars))
	for _, lv := range p.LocVars {
		d.str(lv.Name)
		d.int(lv.StartPC)
		d.int(lv.EndPC)
		d.int(lv.Reg)
	}
	d.int(len(p.Upvalues))
	for _, u := range p.Upvalues {
		d.str(u.Name)
	}
}

func b2byte(b bool) byte {
	if b {
		return 1
	}
	return 0
}

// IsBinaryChunk reports whether src starts like a binary chunk (its first
// byte is the signature's escape character, as load checks).
func IsBinaryChunk(src []byte) bool { return len(src) > 0 && src[0] == Signature[0] }
