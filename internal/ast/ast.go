// Package ast declares the syntax tree of a Lua 5.4 chunk.
//
// The parser produces it; the compiler consumes it. Every node records its
// start and end token.Pos. The tree makes no scoping decisions: a Name is just
// an identifier, and the compiler decides whether it is a local, an upvalue
// or a global (_ENV.name).
//
// This package imports only token.
package ast

import "github.com/tidelua/tide/internal/token"

// Node is any syntax tree node.
type Node interface {
	Pos() token.Pos // first byte of the node
	End() token.Pos // first byte after the node
}

// Expr is an expression node.
type Expr interface {
	Node
	exprNode()
}

// Stat is a statement node.
type Stat interface {
	Node
	statNode()
}

// Span is embedded in every node to record its extent.
type Span struct {
	From, To token.Pos
}

// Pos returns the node's start.
func (s Span) Pos() token.Pos { return s.From }

// End returns the position just after the node.
func (s Span) End() token.Pos { return s.To }

// Chunk is a whole compilation unit: a vararg main function.
type Chunk struct {
	Name  string      // chunk name ("@file.lua", "=stdin", ...)
	File  *token.File // line table for positions in this chunk
	Block *Block
}

// Block is a sequence of statements; it is also a scope.
type Block struct {
	Span
	Stats []Stat
}

// ---- Expressions ----

// Nil is the literal nil.
type Nil struct{ Span }

// True is the literal true.
type True struct{ Span }

// False is the literal false.
type False struct{ Span }

// Vararg is the expression "...".
type Vararg struct{ Span }

// Number is a numeric literal; IsInt selects Int or Float.
type Number struct {
	Span
	IsInt bool
	Int   int64
	Float float64
}

// String is a string literal after escape processing.
type String struct {
	Span
	Value string
}

// Name is an identifier used as an expression.
type Name struct {
	Span
	Name string
}

// Function is a function constructor: "function (params) body end".
// For "function a.b:m() end" the parser adds the implicit "self" parameter
// first in Params and sets IsMethod.
type Function struct {
	Span
	Params   []*Name
	IsVararg bool
	IsMethod bool
	Body     *Block
	// Name is a display name for debugging, e.g. "a.b:m"; may be empty.
	Name string
}

// FieldKind tells how a table constructor field gives its key.
type FieldKind uint8

// Field kinds of a table constructor.
const (
	FieldList  FieldKind = iota // { v }
	FieldNamed                  // { name = v }; Key is a *String
	FieldKeyed                  // { [k] = v }
)

// Field is one entry of a table constructor.
type Field struct {
	Kind  FieldKind
	Key   Expr // nil for FieldList
	Value Expr
}

// Table is a table constructor "{ ... }".
type Table struct {
	Span
	Fields []Field
}

// BinOp is a binary operator.
type BinOp uint8

// Binary operators, in no particular order.
const (
	OpAdd BinOp = iota
	OpSub
	OpMul
	OpDiv
	OpIDiv
	OpMod
	OpPow
	OpConcat
	OpEq
	OpNe
	OpLt
	OpLe
	OpGt
	OpGe
	OpAnd
	OpOr
	OpBAnd
	OpBOr
	OpBXor
	OpShl
	OpShr
)

var binOpText = [...]string{
	OpAdd: "+", OpSub: "-", OpMul: "*", OpDiv: "/", OpIDiv: "//", OpMod: "%", OpPow: "^",
	OpConcat: "..", OpEq: "==", OpNe: "~=", OpLt: "<", OpLe: "<=", OpGt: ">", OpGe: ">=",
	OpAnd: "and", OpOr: "or", OpBAnd: "&", OpBOr: "|", OpBXor: "~", OpShl: "<<", OpShr: ">>",
}

func (op BinOp) String() string { return binOpText[op] }

// Binary is "L op R". OpPos is the position of the operator token (the
// reference attributes errors in binary operations to the operator's line).
type Binary struct {
	Span
	Op    BinOp
	OpPos token.Pos
	L, R  Expr
}

// UnOp is a unary operator.
type UnOp uint8

// Unary operators.
const (
	OpNeg  UnOp = iota // -
	OpNot              // not
	OpLen              // #
	OpBNot             // ~
)

var unOpText = [...]string{OpNeg: "-", OpNot: "not", OpLen: "#", OpBNot: "~"}

func (op UnOp) String() string { return unOpText[op] }

// Unary is "op X".
type Unary struct {
	Span
	Op UnOp
	X  Expr
}

// Index is "X[Key]" or "X.name" (then Key is a *String).
type Index struct {
	Span
	X   Expr
	Key Expr
}

// Call is "Fn(Args)", "Fn{...}" or "Fn'str'". Line attribution follows the
// reference: the call belongs to the line where the called expression starts.
type Call struct {
	Span
	Fn   Expr
	Args []Expr
}

// MethodCall is "Recv:Name(Args)".
type MethodCall struct {
	Span
	Recv Expr
	Name *String
	Args []Expr
}

// Paren is a parenthesised expression "(X)", which truncates X to one value.
type Paren struct {
	Span
	X Expr
}

func (*Nil) exprNode()        {}
func (*True) exprNode()       {}
func (*False) exprNode()      {}
func (*Vararg) exprNode()     {}
func (*Number) exprNode()     {}
func (*String) exprNode()     {}
func (*Name) exprNode()       {}
func (*Function) exprNode()   {}
func (*Table) exprNode()      {}
func (*Binary) exprNode()     {}
func (*Unary) exprNode()      {}
func (*Index) exprNode()      {}
func (*Call) exprNode()       {}
func (*MethodCall) exprNode() {}
func (*Paren) exprNode()      {}

// ---- Statements ----

// Attrib is a local variable attribute.
type Attrib uint8

// Local variable attributes.
const (
	AttribNone  Attrib = iota
	AttribConst        // <const>
	AttribClose        // <close>
)

// LocalName is one name in a local declaration, with its attribute.
type LocalName struct {
	Name   *Name
	Attrib Attrib
}

// Local is "local n1 <attr>, n2 = e1, e2".
type Local struct {
	Span
	Names []LocalName
	Exprs []Expr
}

// Assign is "t1, t2 = e1, e2"; every target is a *Name or *Index.
type Assign struct {
	Span
	Targets []Expr
	Exprs   []Expr
}

// CallStat is a function call used as a statement; Call is *Call or *MethodCall.
type CallStat struct {
	Span
	Call Expr
}

// Do is "do Body end".
type Do struct {
	Span
	Body *Block
}

// While is "while Cond do Body end".
type While struct {
	Span
	Cond Expr
	Body *Block
}

// Repeat is "repeat Body until Cond"; Cond sees Body's locals.
type Repeat struct {
	Span
	Body *Block
	Cond Expr
}

// If is "if Conds[0] then Blocks[0] elseif Conds[1] then Blocks[1] ... else Else end".
type If struct {
	Span
	Conds  []Expr
	Thens  []token.Pos // the 'then' keyword after each condition
	Blocks []*Block
	Else   *Block // nil when absent
}

// NumericFor is "for Var = Start, Limit, Step do Body end"; Step may be nil.
type NumericFor struct {
	Span
	Var                *Name
	Start, Limit, Step Expr
	Body               *Block
}

// GenericFor is "for Names in Exprs do Body end".
type GenericFor struct {
	Span
	Names []*Name
	Exprs []Expr
	Body  *Block
}

// FuncStat is "function Target() end" where Target is a *Name or an *Index
// chain ("a.b.c"); for "a.b:m" Target is the Index "a.b.m" and Func.IsMethod
// is set.
type FuncStat struct {
	Span
	Target Expr
	Func   *Function
}

// LocalFunction is "local function Name() end"; Name is in scope in Func.
type LocalFunction struct {
	Span
	Name *Name
	Func *Function
}

// Return is "return Exprs"; it is always the last statement of a block.
type Return struct {
	Span
	Exprs []Expr
}

// Break is "break".
type Break struct{ Span }

// Goto is "goto Label".
type Goto struct {
	Span
	Label string
}

// Label is "::Name::".
type Label struct {
	Span
	Name string
}

func (*Local) statNode()         {}
func (*Assign) statNode()        {}
func (*CallStat) statNode()      {}
func (*Do) statNode()            {}
func (*While) statNode()         {}
func (*Repeat) statNode()        {}
func (*If) statNode()            {}
func (*NumericFor) statNode()    {}
func (*GenericFor) statNode()    {}
func (*FuncStat) statNode()      {}
func (*LocalFunction) statNode() {}
func (*Return) statNode()        {}
func (*Break) statNode()         {}
func (*Goto) statNode()          {}
func (*Label) statNode()         {}
