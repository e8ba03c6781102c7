package bytecode

import (
	"encoding/binary"
	"hash/crc32"
	"math"
	"strconv"

	"github.com/tidelua/tide/internal/value"
)

// FormatError reports a binary chunk that Undump cannot load. Its message
// follows lundump.c: "chunk: bad binary format (why)".
type FormatError struct {
	Chunk string // the chunk name as messages show it ("binary string", "file.lua")
	Why   string // "truncated chunk", "checksum mismatch", ...
}

func (e *FormatError) Error() string { return e.Chunk + ": bad binary format (" + e.Why + ")" }

// maxDumpDepth bounds the nesting of functions in a binary chunk, so that
// decoding recursion stays shallow (the compiler's own limit is lower).
const maxDumpDepth = 250

// Undump decodes a binary chunk made by Dump. chunkname is the name load
// was given; errors name the chunk as lundump.c does ("binary string" when
// the name is the chunk itself). Undump never panics, and what it
// allocates is bounded by a small multiple of len(data): every count and
// length is checked against the input that remains before anything is
// allocated. The result is not verified: call Verify before running it,
// and HashKeys.
func Undump(data []byte, chunkname string) (*Proto, error) {
	r := &reader{data: data, name: DumpChunkName(chunkname)}
	if err := r.header(); err != nil {
		return nil, err
	}
	sumOK := len(data) >= headerSize+trailerSize &&
		crc32.ChecksumIEEE(data[:len(data)-trailerSize]) == binary.LittleEndian.Uint32(data[len(data)-trailerSize:])
	if sumOK {
		r.data = data[:len(data)-trailerSize]
	}
	p := r.function("=?", 0)
	if r.err == nil && r.pos != len(r.data) && sumOK {
		r.fail("malformed chunk: extra bytes")
	}
	if !sumOK {
		// Tell a cut-short chunk from a damaged one.
		if r.err != nil && r.err.Why == "truncated chunk" {
			return nil, r.err
		}
		if r.err == nil && len(r.data)-r.pos < trailerSize {
			return nil, &FormatError{r.name, "truncated chunk"}
		}
		return nil, &FormatError{r.name, "checksum mismatch"}
	}
	if r.err != nil {
		return nil, r.err
	}
	return p, nil
}

// DumpChunkName is the chunk name lundump.c puts in its messages: the name
// without its "@" or "=", or "binary string" when the name is the chunk.
func DumpChunkName(chunkname string) string {
	switch {
	case len(chunkname) > 0 && (chunkname[0] == '@' || chunkname[0] == '='):
		return chunkname[1:]
	case len(chunkname) > 0 && chunkname[0] == Signature[0]:
		return "binary string"
	}
	return chunkname
}

type reader struct {
	data []byte
	pos  int
	name string
	err  *FormatError
}

func (r *reader) fail(why string) {
	if r.err == nil {
		r.err = &FormatError{r.name, why}
	}
}

func (r *reader) header() *FormatError {
	d := r.data
	// Compare what there is, so that a short prefix reads as truncated.
	for i := 0; i < len(Signature); i++ {
		if i >= len(d) {
			return &FormatError{r.name, "truncated chunk"}
		}
		if d[i] != Signature[i] {
			return &FormatError{r.name, "not a binary chunk"}
		}
	}
	n := len(Signature)
	if len(d) <= n {
		return &FormatError{r.name, "truncated chunk"}
	}
	if d[n] != DumpVersion {
		return &FormatError{r.name, "version mismatch"}
	}
	if len(d) <= n+1 {
		return &FormatError{r.name, "truncated chunk"}
	}
	switch d[n+1] {
	case DumpFormat:
	case 0:
		return &FormatError{r.name, "not a tide chunk: precompiled by the reference Lua?"}
	default:
		return &FormatError{r.name, "format mismatch"}
	}
	for i := 0; i < len(DumpMagic); i++ {
		if n+2+i >= len(d) {
			return &FormatError{r.name, "truncated chunk"}
		}
		if d[n+2+i] != DumpMagic[i] {
			return &FormatError{r.name, "format mismatch"}
		}
	}
	if len(d) < headerSize {
		return &FormatError{r.name, "truncated chunk"}
	}
	if v := d[headerSize-1]; v != FormatVersion {
		if v > FormatVersion {
			return &FormatError{r.name, "made by a newer tide: format version " + strconv.Itoa(int(v)) +
				", this tide reads version " + strconv.Itoa(FormatVersion)}
		}
		return &FormatError{r.name, "format version mismatch"}
	}
	r.pos = headerSize
	return nil
}

func (r *reader) left() int { return len(r.data) - r.pos }

func (r *reader) byte() byte {
	if r.err != nil {
		return 0
	}
	if r.pos >= len(r.data) {
		r.fail("truncated chunk")
		return 0
	}
	b := r.data[r.pos]
	r.pos++
	return b
}

func (r *reader) uint() uint64 {
	if r.err != nil {
		return 0
	}
	x, n := binary.Uvarint(r.data[r.pos:])
	switch {
	case n == 0:
		r.fail("truncated chunk")
		return 0
	case n < 0:
		r.fail("malformed chunk: integer overflow")
		return 0
	}
	r.pos += n
	return x
}

// int reads an unsigned integer that must not exceed max.
func (r *reader) int(max int) int {
	x := r.uint()
	if x > uint64(max) {
		r.fail("malformed chunk: integer out of range")
		return 0
	}
	return int(x)
}

// count reads the number of items that follow, each taking at least
// minSize bytes: a count the remaining input cannot hold is truncation.
func (r *reader) count(minSize int) int {
	x := r.uint()
	if r.err != nil {
		return 0
	}
	if x > uint64(r.left()/minSize) {
		r.fail("truncated chunk")
		return 0
	}
	return int(x)
}

func (r *reader) u32() uint32 {
	if r.err != nil {
		return 0
	}
	if r.left() < 4 {
		r.fail("truncated chunk")
		return 0
	}
	x := binary.LittleEndian.Uint32(r.data[r.pos:])
	r.pos += 4
	return x
}

func (r *reader) u64() uint64 {
	if r.err != nil {
		return 0
	}
	if r.left() < 8 {
		r.fail("truncated chunk")
		return 0
	}
	x := binary.LittleEndian.Uint64(r.data[r.pos:])
	r.pos += 8
	return x
}

// bytes reads a string; ok is false when it is absent.
func (r *reader) bytes() (b []byte, ok bool) {
	n := r.uint()
	if r.err != nil || n == 0 {
		return nil, false
	}
	n--
	if n > uint64(r.left()) {
		r.fail("truncated chunk")
		return nil, false
	}
	b = r.data[r.pos : r.pos+int(n)]
	r.pos += int(n)
	return b, true
}

func (r *reader) str() string {
	b, _ := r.bytes()
	return string(b)
}

func (r *reader) function(psource string, depth int) *Proto {
	if depth > maxDumpDepth {
		r.fail("malformed chunk: functions nested too deeply")
		return nil
	}
	p := &Proto{}
	if b, ok := r.bytes(); ok {
		p.Source = string(b)
	} else {
		p.Source = psource
	}
	p.LineDefined = r.int(math.MaxInt32)
	p.LastLineDefined = r.int(math.MaxInt32)
	p.NumParams = int(r.byte())
	p.IsVararg = r.byte() != 0
	p.MaxStackSize = int(r.byte())

	if n := r.count(4); n > 0 {
		p.Code = make([]Instruction, n)
		for i := range p.Code {
			p.Code[i] = Instruction(r.u32())
		}
	}

	if n := r.count(1); n > 0 {
		p.Constants = make([]value.Value, n)
		for i := range p.Constants {
			switch tag := r.byte(); tag {
			case tagNil:
			case tagFalse:
				p.Constants[i] = value.False
			case tagTrue:
				p.Constants[i] = value.True
			case tagInt:
				p.Constants[i] = value.Int(int64(r.u64()))
			case tagFloat:
				p.Constants[i] = value.Float(math.Float64frombits(r.u64()))
			case tagString:
				b, ok := r.bytes()
				if !ok && r.err == nil {
					r.fail("malformed chunk: absent string constant")
				}
				p.Constants[i] = value.String(string(b))
			default:
				r.fail("malformed chunk: bad constant tag")
			}
			if r.err != nil {
				return nil
			}
		}
	}

	if n := r.count(3); n > 0 {
		p.Upvalues = make([]UpvalueDesc, n)
		for i := range p.Upvalues {
			u := &p.Upvalues[i]
			u.InStack = r.byte() != 0
			u.Index = int(r.byte())
			u.Kind = VarKind(r.byte())
		}
	}

	// A function takes at least 14 bytes (all counts zero).
	if n := r.count(14); n > 0 {
		p.Protos = make([]*Proto, n)
		for i := range p.Protos {
			p.Protos[i] = r.function(p.Source, depth+1)
			if r.err != nil {
				return nil
			}
		}
	}

	if n := r.count(1); n > 0 {
		p.Lines = make([]int32, n)
		prev := int64(p.LineDefined)
		for i := range p.Lines {
			z := r.uint()
			prev += int64(z>>1) ^ -int64(z&1)
			if prev < math.MinInt32 || prev > math.MaxInt32 {
				r.fail("malformed chunk: bad line information")
				return nil
			}
			p.Lines[i] = int32(prev)
		}
	}

	if len(p.Lines) == 0 && len(p.Code) > 0 {
		// Stripped: every line is unknown. The reference reports
		// currentline -1 for such functions ("?:-1: msg"); without a
		// table the vm would show the line the function starts at.
		p.Lines = make([]int32, len(p.Code))
		for i := range p.Lines {
			p.Lines[i] = -1
		}
	}

	if n := r.count(4); n > 0 {
		p.LocVars = make([]LocVar, n)
		for i := range p.LocVars {
			lv := &p.LocVars[i]
			lv.Name = r.str()
			lv.StartPC = r.int(math.MaxInt32)
			lv.EndPC = r.int(math.MaxInt32)
			lv.Reg = r.int(MaxRegisters)
		}
	}

	if n := r.count(1); n > 0 {
		if n != len(p.Upvalues) {
			r.fail("malformed chunk: bad upvalue names")
			return nil
		}
		for i := range p.Upvalues {
			p.Upvalues[i].Name = r.str()
		}
	}
	if r.err != nil {
		return nil
	}
	return p
}
