package bytecode

// Instruction is one encoded 32-bit instruction.
type Instruction uint32

// Field sizes and limits.
const (
	SizeOp = 7
	SizeA  = 8
	SizeB  = 8
	SizeC  = 8
	SizeBx = SizeC + SizeB + 1
	SizeAx = SizeBx + SizeA
	SizesJ = SizeBx + SizeA

	PosOp = 0
	PosA  = PosOp + SizeOp
	PosK  = PosA + SizeA
	PosB  = PosK + 1
	PosC  = PosB + SizeB
	PosBx = PosK
	PosAx = PosA
	PossJ = PosA

	MaxA      = 1<<SizeA - 1
	MaxB      = 1<<SizeB - 1
	MaxC      = 1<<SizeC - 1
	MaxBx     = 1<<SizeBx - 1
	MaxAx     = 1<<SizeAx - 1
	MaxsJ     = 1<<SizesJ - 1
	OffsetsBx = MaxBx >> 1 // sBx is stored as sBx + OffsetsBx
	OffsetsJ  = MaxsJ >> 1
	OffsetsC  = MaxC >> 1 // sC/sB are stored as value + OffsetsC

	// MaxRegisters is the largest number of registers a function may use
	// (the reference's MAXREGS is 255).
	MaxRegisters = 255
	// FieldsPerFlush is how many list items SETLIST stores at once (LFIELDS_PER_FLUSH).
	FieldsPerFlush = 50
)

// Op returns the opcode.
func (i Instruction) Op() Opcode { return Opcode(i & (1<<SizeOp - 1)) }

// A returns operand A.
func (i Instruction) A() int { return int(i>>PosA) & MaxA }

// B returns operand B.
func (i Instruction) B() int { return int(i>>PosB) & MaxB }

// C returns operand C.
func (i Instruction) C() int { return int(i>>PosC) & MaxC }

// K returns the k bit.
func (i Instruction) K() bool { return i&(1<<PosK) != 0 }

// SB returns operand B read as a signed value.
func (i Instruction) SB() int { return i.B() - OffsetsC }

// SC returns operand C read as a signed value.
func (i Instruction) SC() int { return i.C() - OffsetsC }

// Bx returns operand Bx.
func (i Instruction) Bx() int { return int(i>>PosBx) & MaxBx }

// SBx returns operand sBx.
func (i Instruction) SBx() int { return i.Bx() - OffsetsBx }

// Ax returns operand Ax.
func (i Instruction) Ax() int { return int(i>>PosAx) & MaxAx }

// SJ returns operand sJ.
func (i Instruction) SJ() int { return int(i>>PossJ)&MaxsJ - OffsetsJ }

// ABC encodes an iABC instruction.
func ABC(op Opcode, a, b, c int, k bool) Instruction {
	var kb Instruction
	if k {
		kb = 1 << PosK
	}
	return Instruction(op) | Instruction(a)<<PosA | kb | Instruction(b)<<PosB | Instruction(c)<<PosC
}

// ABx encodes an iABx instruction.
func ABx(op Opcode, a, bx int) Instruction {
	return Instruction(op) | Instruction(a)<<PosA | Instruction(bx)<<PosBx
}

// AsBx encodes an iAsBx instruction.
func AsBx(op Opcode, a, sbx int) Instruction { return ABx(op, a, sbx+OffsetsBx) }

// Ax encodes an iAx instruction.
func Ax(op Opcode, ax int) Instruction { return Instruction(op) | Instruction(ax)<<PosAx }

// SJ encodes an isJ instruction.
func SJ(op Opcode, sj int) Instruction {
	return Instruction(op) | Instruction(sj+OffsetsJ)<<PossJ
}

// SetA returns i with operand A replaced.
func (i Instruction) SetA(a int) Instruction {
	return i&^(MaxA<<PosA) | Instruction(a)<<PosA
}

// SetB returns i with operand B replaced.
func (i Instruction) SetB(b int) Instruction {
	return i&^(MaxB<<PosB) | Instruction(b)<<PosB
}

// SetC returns i with operand C replaced.
func (i Instruction) SetC(c int) Instruction {
	return i&^(MaxC<<PosC) | Instruction(c)<<PosC
}

// SetK returns i with the k bit set to k.
func (i Instruction) SetK(k bool) Instruction {
	if k {
		return i | 1<<PosK
	}
	return i &^ (1 << PosK)
}

// SetBx returns i with operand Bx replaced.
func (i Instruction) SetBx(bx int) Instruction {
	return i&^(MaxBx<<PosBx) | Instruction(bx)<<PosBx
}

// SetSJ returns i with operand sJ replaced.
func (i Instruction) SetSJ(sj int) Instruction {
	return i&^(MaxsJ<<PossJ) | Instruction(sj+OffsetsJ)<<PossJ
}
