package bytecode

import "github.com/tidelua/tide/internal/value"

// Proto is a compiled function prototype. It is immutable once the compiler
// returns it and may be shared by any number of states and goroutines.
type Proto struct {
	Source          string // chunk name ("@file.lua", "=stdin", "[string \"...\"]" is derived when printing)
	LineDefined     int    // 0 for the main chunk
	LastLineDefined int
	NumParams       int
	IsVararg        bool
	MaxStackSize    int // registers needed (>= 2)

	Code      []Instruction
	Constants []value.Value // only nil, booleans, integers, floats and strings
	// KeyHashes[i] is value.StringHash of Constants[i] when that is a
	// string, else 0: table accesses with constant keys skip hashing.
	KeyHashes []uint64
	Upvalues  []UpvalueDesc
	Protos    []*Proto

	// Debug information.
	Lines   []int32 // Lines[pc] is the source line of Code[pc]
	LocVars []LocVar
}

// UpvalueDesc describes how a closure captures one upvalue when it is created.
type UpvalueDesc struct {
	Name    string
	InStack bool // true: captures register Index of the enclosing function; false: its upvalue Index
	Index   int
	Kind    VarKind
}

// VarKind is the kind of a local variable (lparser.h VDKREG...).
type VarKind uint8

// Variable kinds.
const (
	VarRegular VarKind = iota
	VarConst           // <const> (compile-time constant or read-only)
	VarToClose         // <close>
	VarCTC             // compile-time constant, has no register
)

// LocVar is a local variable's name and the pc range where it is active:
// StartPC is the first pc where it is live, EndPC the first pc where it is dead.
type LocVar struct {
	Name    string
	StartPC int
	EndPC   int
	Reg     int // register holding it (not in the reference; cheap to keep)
}

// HashKeys fills in KeyHashes for p and its nested functions.
func (p *Proto) HashKeys() {
	p.KeyHashes = make([]uint64, len(p.Constants))
	for i, c := range p.Constants {
		if c.IsString() {
			p.KeyHashes[i] = value.StringHash(c.AsString())
		}
	}
	for _, q := range p.Protos {
		q.HashKeys()
	}
}
