package ast

import (
	"testing"

	"github.com/tidelua/tide/internal/token"
)

func TestBinOpString(t *testing.T) {
	tests := []struct {
		op   BinOp
		want string
	}{
		{OpAdd, "+"}, {OpSub, "-"}, {OpMul, "*"}, {OpDiv, "/"}, {OpIDiv, "//"},
		{OpMod, "%"}, {OpPow, "^"}, {OpConcat, ".."}, {OpEq, "=="}, {OpNe, "~="},
		{OpLt, "<"}, {OpLe, "<="}, {OpGt, ">"}, {OpGe, ">="}, {OpAnd, "and"},
		{OpOr, "or"}, {OpBAnd, "&"}, {OpBOr, "|"}, {OpBXor, "~"}, {OpShl, "<<"},
		{OpShr, ">>"},
	}
	if len(tests) != len(binOpText) {
		t.Fatalf("test covers %d operators, ast declares %d", len(tests), len(binOpText))
	}
	for _, tc := range tests {
		t.Run(tc.want, func(t *testing.T) {
			if got := tc.op.String(); got != tc.want {
				t.Errorf("BinOp(%d).String() = %q, want %q", uint8(tc.op), got, tc.want)
			}
		})
	}
}

// TestBinOpMatchesToken checks that each binary operator prints as the
// token that spells it.
func TestBinOpMatchesToken(t *testing.T) {
	toks := map[BinOp]token.Kind{
		OpAdd: token.Plus, OpSub: token.Minus, OpMul: token.Star, OpDiv: token.Slash,
		OpIDiv: token.DSlash, OpMod: token.Percent, OpPow: token.Caret, OpConcat: token.Concat,
		OpEq: token.Eq, OpNe: token.Ne, OpLt: token.Lt, OpLe: token.Le, OpGt: token.Gt,
		OpGe: token.Ge, OpAnd: token.And, OpOr: token.Or, OpBAnd: token.Amp, OpBOr: token.Pipe,
		OpBXor: token.Tilde, OpShl: token.Shl, OpShr: token.Shr,
	}
	for op, k := range toks {
		if op.String() != k.String() {
			t.Errorf("BinOp %q spelled by token %q", op, k)
		}
	}
}

func TestUnOpString(t *testing.T) {
	tests := []struct {
		op   UnOp
		want string
	}{
		{OpNeg, "-"}, {OpNot, "not"}, {OpLen, "#"}, {OpBNot, "~"},
	}
	if len(tests) != len(unOpText) {
		t.Fatalf("test covers %d operators, ast declares %d", len(tests), len(unOpText))
	}
	for _, tc := range tests {
		if got := tc.op.String(); got != tc.want {
			t.Errorf("UnOp(%d).String() = %q, want %q", uint8(tc.op), got, tc.want)
		}
	}
}

func TestSpan(t *testing.T) {
	tests := []struct {
		name     string
		n        Node
		from, to token.Pos
	}{
		{"zero", &Nil{}, token.NoPos, token.NoPos},
		{"nil", &Nil{Span{1, 4}}, 1, 4},
		{"binary", &Binary{Span: Span{From: 3, To: 10}, Op: OpAdd, OpPos: 5}, 3, 10},
		{"block", &Block{Span: Span{From: 1, To: 100}}, 1, 100},
		{"return", &Return{Span: Span{From: 7, To: 13}}, 7, 13},
		{"bare span", Span{From: 2, To: 2}, 2, 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.n.Pos(); got != tc.from {
				t.Errorf("Pos() = %d, want %d", got, tc.from)
			}
			if got := tc.n.End(); got != tc.to {
				t.Errorf("End() = %d, want %d", got, tc.to)
			}
		})
	}
}

// TestNodeKinds checks which node types are expressions and which are
// statements: every expression type satisfies Expr and not Stat, every
// statement type satisfies Stat and not Expr, and Block satisfies neither.
// Each node reports the span it was built with.
func TestNodeKinds(t *testing.T) {
	sp := Span{From: 11, To: 22}
	exprs := map[string]Node{
		"Nil": &Nil{sp}, "True": &True{sp}, "False": &False{sp}, "Vararg": &Vararg{sp},
		"Number":     &Number{Span: sp, IsInt: true, Int: 1},
		"String":     &String{Span: sp, Value: "s"},
		"Name":       &Name{Span: sp, Name: "x"},
		"Function":   &Function{Span: sp},
		"Table":      &Table{Span: sp, Fields: []Field{{Kind: FieldList}}},
		"Binary":     &Binary{Span: sp},
		"Unary":      &Unary{Span: sp},
		"Index":      &Index{Span: sp},
		"Call":       &Call{Span: sp},
		"MethodCall": &MethodCall{Span: sp},
		"Paren":      &Paren{Span: sp},
	}
	stats := map[string]Node{
		"Local":         &Local{Span: sp},
		"Assign":        &Assign{Span: sp},
		"CallStat":      &CallStat{Span: sp},
		"Do":            &Do{Span: sp},
		"While":         &While{Span: sp},
		"Repeat":        &Repeat{Span: sp},
		"If":            &If{Span: sp},
		"NumericFor":    &NumericFor{Span: sp},
		"GenericFor":    &GenericFor{Span: sp},
		"FuncStat":      &FuncStat{Span: sp},
		"LocalFunction": &LocalFunction{Span: sp},
		"Return":        &Return{Span: sp},
		"Break":         &Break{sp},
		"Goto":          &Goto{Span: sp, Label: "l"},
		"Label":         &Label{Span: sp, Name: "l"},
	}
	checkSpan := func(t *testing.T, n Node) {
		t.Helper()
		if n.Pos() != sp.From || n.End() != sp.To {
			t.Errorf("span = [%d,%d), want [%d,%d)", n.Pos(), n.End(), sp.From, sp.To)
		}
	}
	for name, n := range exprs {
		t.Run("expr/"+name, func(t *testing.T) {
			e, ok := n.(Expr)
			if !ok {
				t.Fatalf("%T is not an Expr", n)
			}
			// Calling the marker method is what makes it an Expr.
			e.exprNode()
			if _, ok := n.(Stat); ok {
				t.Errorf("%T is also a Stat", n)
			}
			checkSpan(t, n)
		})
	}
	for name, n := range stats {
		t.Run("stat/"+name, func(t *testing.T) {
			s, ok := n.(Stat)
			if !ok {
				t.Fatalf("%T is not a Stat", n)
			}
			s.statNode()
			if _, ok := n.(Expr); ok {
				t.Errorf("%T is also an Expr", n)
			}
			checkSpan(t, n)
		})
	}
	var blk Node = &Block{Span: sp}
	if _, ok := blk.(Expr); ok {
		t.Error("*Block is an Expr")
	}
	if _, ok := blk.(Stat); ok {
		t.Error("*Block is a Stat")
	}
	checkSpan(t, blk)
}

// TestTreeShape builds the tree of a small chunk by hand and checks that
// the typed fields hold what the parser's contract says: assignment
// targets are *Name or *Index, CallStat holds a *Call or *MethodCall.
func TestTreeShape(t *testing.T) {
	// local t <const> = {} ; t.x = -1 ; t:m("a")
	f := token.NewFile("=shape")
	x := &Name{Span: Span{13, 14}, Name: "t"}
	chunk := &Chunk{Name: "=shape", File: f, Block: &Block{
		Span: Span{1, 40},
		Stats: []Stat{
			&Local{Span: Span{1, 22}, Names: []LocalName{{Name: x, Attrib: AttribConst}},
				Exprs: []Expr{&Table{Span: Span{20, 22}}}},
			&Assign{Span: Span{24, 32},
				Targets: []Expr{&Index{X: &Name{Name: "t"}, Key: &String{Value: "x"}}},
				Exprs:   []Expr{&Unary{Op: OpNeg, X: &Number{IsInt: true, Int: 1}}}},
			&CallStat{Span: Span{34, 40}, Call: &MethodCall{Recv: &Name{Name: "t"},
				Name: &String{Value: "m"}, Args: []Expr{&String{Value: "a"}}}},
		},
	}}
	if chunk.File.Name != chunk.Name {
		t.Errorf("file name %q, chunk name %q", chunk.File.Name, chunk.Name)
	}
	for i, s := range chunk.Block.Stats {
		switch s := s.(type) {
		case *Local:
			if s.Names[0].Attrib != AttribConst || s.Names[0].Name.Name != "t" {
				t.Errorf("stat %d: local %+v", i, s.Names[0])
			}
		case *Assign:
			for _, tg := range s.Targets {
				switch tg.(type) {
				case *Name, *Index:
				default:
					t.Errorf("stat %d: assignment target %T", i, tg)
				}
			}
			if u, ok := s.Exprs[0].(*Unary); !ok || u.Op.String() != "-" {
				t.Errorf("stat %d: value %T", i, s.Exprs[0])
			}
		case *CallStat:
			if mc, ok := s.Call.(*MethodCall); !ok || mc.Name.Value != "m" || len(mc.Args) != 1 {
				t.Errorf("stat %d: call %#v", i, s.Call)
			}
		default:
			t.Errorf("stat %d: unexpected %T", i, s)
		}
		if s.Pos() >= s.End() {
			t.Errorf("stat %d: empty span [%d,%d)", i, s.Pos(), s.End())
		}
	}
}
