package bytecode

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/tidelua/tide/internal/value"
)

// Disassemble writes a listing of p and its nested functions in the style
// of `luac -l -l`: a header per function, one line per instruction with
// its index, line, opcode, operands and a comment (constants, jump
// targets, metamethod events), then the constants, locals and upvalues.
//
// Where luac prints memory addresses, the listing prints a stable function
// id instead ("main", "F1", "F1.2": the path of indexes in Protos), so that
// listings can be compared in tests.
func Disassemble(w io.Writer, p *Proto) {
	d := &disasm{w: w}
	d.function(p, "main", true)
}

type disasm struct {
	w   io.Writer
	err error
}

func (d *disasm) printf(format string, args ...any) {
	if d.err == nil {
		_, d.err = fmt.Fprintf(d.w, format, args...)
	}
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

func childID(id string, i int) string {
	if id == "main" {
		return "F" + strconv.Itoa(i+1)
	}
	return id + "." + strconv.Itoa(i+1)
}

func sourceName(s string) string {
	switch {
	case strings.HasPrefix(s, "@"), strings.HasPrefix(s, "="):
		return s[1:]
	case strings.HasPrefix(s, "\x1b"):
		return "(bstring)"
	}
	return "(string)"
}

func (d *disasm) function(p *Proto, id string, isMain bool) {
	kind := "function"
	if isMain {
		kind = "main"
	}
	n := len(p.Code)
	d.printf("\n%s <%s:%d,%d> (%d instruction%s, %s)\n", kind, sourceName(p.Source),
		p.LineDefined, p.LastLineDefined, n, plural(n), id)
	vararg := ""
	if p.IsVararg {
		vararg = "+"
	}
	d.printf("%d%s param%s, %d slot%s, %d upvalue%s, %d local%s, %d constant%s, %d function%s\n",
		p.NumParams, vararg, plural(p.NumParams), p.MaxStackSize, plural(p.MaxStackSize),
		len(p.Upvalues), plural(len(p.Upvalues)), len(p.LocVars), plural(len(p.LocVars)),
		len(p.Constants), plural(len(p.Constants)), len(p.Protos), plural(len(p.Protos)))
	for pc := range p.Code {
		d.printf("%s\n", InstructionString(p, pc, id))
	}
	d.printf("constants (%d) for %s:\n", len(p.Constants), id)
	for i, k := range p.Constants {
		d.printf("\t%d\t%s\t%s\n", i, constType(k), constString(k))
	}
	d.printf("locals (%d) for %s:\n", len(p.LocVars), id)
	for i, lv := range p.LocVars {
		d.printf("\t%d\t%s\t%d\t%d\n", i, lv.Name, lv.StartPC+1, lv.EndPC+1)
	}
	d.printf("upvalues (%d) for %s:\n", len(p.Upvalues), id)
	for i, u := range p.Upvalues {
		d.printf("\t%d\t%s\t%d\t%d\n", i, u.Name, b2i(u.InStack), u.Index)
	}
	for i, c := range p.Protos {
		d.function(c, childID(id, i), false)
	}
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

func constType(k value.Value) string {
	switch k.Type() {
	case value.TypeNil:
		return "N"
	case value.TypeBoolean:
		return "B"
	case value.TypeInteger:
		return "I"
	case value.TypeFloat:
		return "F"
	case value.TypeString:
		return "S"
	}
	return "?"
}

// constString prints a constant as luac does.
func constString(k value.Value) string {
	switch k.Type() {
	case value.TypeNil:
		return "nil"
	case value.TypeBoolean:
		if k.AsBool() {
			return "true"
		}
		return "false"
	case value.TypeInteger:
		return strconv.FormatInt(k.AsInt(), 10)
	case value.TypeFloat:
		f := k.AsFloat()
		switch {
		case math.IsInf(f, 1):
			return "inf"
		case math.IsInf(f, -1):
			return "-inf"
		case math.IsNaN(f):
			return "nan"
		}
		s := strconv.FormatFloat(f, 'g', 14, 64)
		if mant, exp, ok := strings.Cut(s, "e"); ok { // C's %.14g exponent has two digits at least
			sign := exp[0]
			digits := exp[1:]
			if len(digits) < 2 {
				digits = "0" + digits
			}
			s = mant + "e" + string(sign) + digits
		}
		if !strings.ContainsAny(s, ".eni") {
			s += ".0"
		}
		return s
	case value.TypeString:
		return quoteString(k.AsString())
	}
	return "?"
}

func quoteString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch c {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\a':
			b.WriteString(`\a`)
		case '\b':
			b.WriteString(`\b`)
		case '\f':
			b.WriteString(`\f`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		case '\v':
			b.WriteString(`\v`)
		default:
			if c >= 0x20 && c < 0x7f {
				b.WriteByte(c)
			} else {
				fmt.Fprintf(&b, `\%03d`, c)
			}
		}
	}
	b.WriteByte('"')
	return b.String()
}

func (p *Proto) constant(i int) string {
	if i >= 0 && i < len(p.Constants) {
		return constString(p.Constants[i])
	}
	return "?"
}

func (p *Proto) upvalName(i int) string {
	if i >= 0 && i < len(p.Upvalues) && p.Upvalues[i].Name != "" {
		return p.Upvalues[i].Name
	}
	return "-"
}

func eventName(c int) string {
	if c >= 0 && c < NumTM {
		return TMNames[c]
	}
	return "?"
}

// InstructionString formats instruction pc of p as one listing line:
// "\t<pc+1>\t[<line>]\t<OPNAME>\t<operands>\t; <comment>". id names p's
// nested functions in CLOSURE comments (see Disassemble).
func InstructionString(p *Proto, pc int, id string) string {
	i := p.Code[pc]
	op := i.Op()
	a, b, c, k := i.A(), i.B(), i.C(), i.K()
	isk := ""
	if k {
		isk = "k"
	}
	extra := func() int {
		if pc+1 < len(p.Code) && p.Code[pc+1].Op() == OpExtraArg {
			return p.Code[pc+1].Ax()
		}
		return 0
	}
	var args, com string
	switch op {
	case OpMove, OpUnm, OpBNot, OpNot, OpLen, OpConcat:
		args = fmt.Sprintf("%d %d", a, b)
	case OpLoadI, OpLoadF:
		args = fmt.Sprintf("%d %d", a, i.SBx())
	case OpLoadK:
		args = fmt.Sprintf("%d %d", a, i.Bx())
		com = p.constant(i.Bx())
	case OpLoadKX:
		args = fmt.Sprintf("%d", a)
		com = p.constant(extra())
	case OpLoadFalse, OpLFalseSkip, OpLoadTrue, OpClose, OpTBC, OpReturn1, OpVarargPrep:
		args = fmt.Sprintf("%d", a)
	case OpLoadNil:
		args = fmt.Sprintf("%d %d", a, b)
		com = fmt.Sprintf("%d out", b+1)
	case OpGetUpval, OpSetUpval:
		args = fmt.Sprintf("%d %d", a, b)
		com = p.upvalName(b)
	case OpGetTabUp:
		args = fmt.Sprintf("%d %d %d", a, b, c)
		com = p.upvalName(b) + " " + p.constant(c)
	case OpGetTable, OpGetI, OpAdd, OpSub, OpMul, OpMod, OpPow, OpDiv, OpIDiv, OpBAnd, OpBOr,
		OpBXor, OpShl, OpShr:
		args = fmt.Sprintf("%d %d %d", a, b, c)
	case OpGetField:
		args = fmt.Sprintf("%d %d %d", a, b, c)
		com = p.constant(c)
	case OpSetTabUp:
		args = fmt.Sprintf("%d %d %d%s", a, b, c, isk)
		com = p.upvalName(a) + " " + p.constant(b)
		if k {
			com += " " + p.constant(c)
		}
	case OpSetTable, OpSetI:
		args = fmt.Sprintf("%d %d %d%s", a, b, c, isk)
		if k {
			com = p.constant(c)
		}
	case OpSetField:
		args = fmt.Sprintf("%d %d %d%s", a, b, c, isk)
		com = p.constant(b)
		if k {
			com += " " + p.constant(c)
		}
	case OpNewTable:
		args = fmt.Sprintf("%d %d %d", a, b, c)
		com = fmt.Sprintf("%d", c+extra()*(MaxC+1))
	case OpSelf:
		args = fmt.Sprintf("%d %d %d%s", a, b, c, isk)
		if k {
			com = p.constant(c)
		}
	case OpAddI, OpShrI, OpShlI:
		args = fmt.Sprintf("%d %d %d", a, b, i.SC())
	case OpAddK, OpSubK, OpMulK, OpModK, OpPowK, OpDivK, OpIDivK, OpBAndK, OpBOrK, OpBXorK:
		args = fmt.Sprintf("%d %d %d", a, b, c)
		com = p.constant(c)
	case OpMMBin:
		args = fmt.Sprintf("%d %d %d", a, b, c)
		com = eventName(c)
	case OpMMBinI:
		args = fmt.Sprintf("%d %d %d %d", a, i.SB(), c, b2i(k))
		com = eventName(c)
		if k {
			com += " flip"
		}
	case OpMMBinK:
		args = fmt.Sprintf("%d %d %d %d", a, b, c, b2i(k))
		com = eventName(c) + " " + p.constant(b)
		if k {
			com += " flip"
		}
	case OpJmp:
		args = fmt.Sprintf("%d", i.SJ())
		com = fmt.Sprintf("to %d", i.SJ()+pc+2)
	case OpEq, OpLt, OpLe:
		args = fmt.Sprintf("%d %d %d", a, b, b2i(k))
	case OpEqK:
		args = fmt.Sprintf("%d %d %d", a, b, b2i(k))
		com = p.constant(b)
	case OpEqI, OpLtI, OpLeI, OpGtI, OpGeI:
		args = fmt.Sprintf("%d %d %d", a, i.SB(), b2i(k))
	case OpTest:
		args = fmt.Sprintf("%d %d", a, b2i(k))
	case OpTestSet:
		args = fmt.Sprintf("%d %d %d", a, b, b2i(k))
	case OpCall:
		args = fmt.Sprintf("%d %d %d", a, b, c)
		if b == 0 {
			com = "all in "
		} else {
			com = fmt.Sprintf("%d in ", b-1)
		}
		if c == 0 {
			com += "all out"
		} else {
			com += fmt.Sprintf("%d out", c-1)
		}
	case OpTailCall:
		args = fmt.Sprintf("%d %d %d%s", a, b, c, isk)
		com = fmt.Sprintf("%d in", b-1)
	case OpReturn:
		args = fmt.Sprintf("%d %d %d%s", a, b, c, isk)
		if b == 0 {
			com = "all out"
		} else {
			com = fmt.Sprintf("%d out", b-1)
		}
	case OpReturn0:
	case OpForLoop, OpTForLoop:
		args = fmt.Sprintf("%d %d", a, i.Bx())
		com = fmt.Sprintf("to %d", pc-i.Bx()+2)
	case OpForPrep:
		args = fmt.Sprintf("%d %d", a, i.Bx())
		com = fmt.Sprintf("exit to %d", pc+i.Bx()+3)
	case OpTForPrep:
		args = fmt.Sprintf("%d %d", a, i.Bx())
		com = fmt.Sprintf("to %d", pc+i.Bx()+2)
	case OpTForCall:
		args = fmt.Sprintf("%d %d", a, c)
	case OpSetList:
		args = fmt.Sprintf("%d %d %d", a, b, c)
		if k {
			com = fmt.Sprintf("%d", c+extra()*(MaxC+1))
		}
	case OpClosure:
		args = fmt.Sprintf("%d %d", a, i.Bx())
		com = childID(id, i.Bx())
	case OpVararg:
		args = fmt.Sprintf("%d %d", a, c)
		if c == 0 {
			com = "all out"
		} else {
			com = fmt.Sprintf("%d out", c-1)
		}
	case OpExtraArg:
		args = fmt.Sprintf("%d", i.Ax())
	default:
		args = fmt.Sprintf("%d %d %d", a, b, c)
	}
	line := "[-]"
	if pc < len(p.Lines) && p.Lines[pc] > 0 {
		line = fmt.Sprintf("[%d]", p.Lines[pc])
	}
	s := fmt.Sprintf("\t%d\t%s\t%-9s\t%s", pc+1, line, op.String(), args)
	if com != "" {
		s += "\t; " + com
	}
	return s
}
