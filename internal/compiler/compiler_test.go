package compiler

import (
	"errors"
	"testing"

	"github.com/tidelua/tide/internal/ast"
	bc "github.com/tidelua/tide/internal/bytecode"
	"github.com/tidelua/tide/internal/parser"
)

func mustCompile(t *testing.T, src string) *bc.Proto {
	t.Helper()
	chunk, err := parser.Parse([]byte(src), "=test")
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	p, err := Compile(chunk)
	if err != nil {
		t.Fatalf("compile: %v", err)
	}
	return p
}

func TestMainFunction(t *testing.T) {
	p := mustCompile(t, "")
	if !p.IsVararg || p.NumParams != 0 || p.LineDefined != 0 || p.Source != "=test" {
		t.Errorf("main: vararg %v params %d line %d source %q", p.IsVararg, p.NumParams, p.LineDefined, p.Source)
	}
	want := []bc.UpvalueDesc{{Name: "_ENV", InStack: true, Index: 0, Kind: bc.VarRegular}}
	if len(p.Upvalues) != 1 || p.Upvalues[0] != want[0] {
		t.Errorf("upvalues %+v, want %+v", p.Upvalues, want)
	}
	code := []bc.Instruction{bc.ABC(bc.OpVarargPrep, 0, 0, 0, false), bc.ABC(bc.OpReturn, 0, 1, 1, false)}
	if len(p.Code) != len(code) || p.Code[0] != code[0] || p.Code[1] != code[1] {
		t.Errorf("code %v, want %v", p.Code, code)
	}
}

func TestDebugInfo(t *testing.T) {
	p := mustCompile(t, "local a <const> = {}\nlocal b <close> = nil\nlocal k <const> = 3\n"+
		"local function f(x, y)\n  return a, x + y + k\nend\n")
	wantLocals := []bc.LocVar{
		{Name: "a", StartPC: 3, EndPC: 7, Reg: 0}, // as luac -l -l (which adds 1)
		{Name: "b", StartPC: 4, EndPC: 7, Reg: 1},
		{Name: "f", StartPC: 6, EndPC: 7, Reg: 2},
	}
	if len(p.LocVars) != len(wantLocals) {
		t.Fatalf("locals %+v, want %+v", p.LocVars, wantLocals)
	}
	for i, lv := range wantLocals {
		if p.LocVars[i] != lv {
			t.Errorf("local %d = %+v, want %+v", i, p.LocVars[i], lv)
		}
	}
	f := p.Protos[0]
	if f.LineDefined != 4 || f.LastLineDefined != 6 || f.NumParams != 2 || f.IsVararg {
		t.Errorf("f: lines %d-%d params %d vararg %v", f.LineDefined, f.LastLineDefined, f.NumParams, f.IsVararg)
	}
	if len(f.Upvalues) != 1 || f.Upvalues[0] != (bc.UpvalueDesc{Name: "a", InStack: true, Index: 0, Kind: bc.VarConst}) {
		t.Errorf("f upvalues %+v", f.Upvalues)
	}
	if len(p.Lines) != len(p.Code) {
		t.Errorf("%d lines for %d instructions", len(p.Lines), len(p.Code))
	}
}

// The compiler accepts trees built by hand (no token.File, no positions).
func TestHandBuiltTree(t *testing.T) {
	x := &ast.Name{Name: "x"}
	chunk := &ast.Chunk{Name: "=hand", Block: &ast.Block{Stats: []ast.Stat{
		&ast.Local{Names: []ast.LocalName{{Name: x}}, Exprs: []ast.Expr{&ast.Number{IsInt: true, Int: 7}}},
		&ast.Return{Exprs: []ast.Expr{&ast.Binary{Op: ast.OpAdd, L: &ast.Name{Name: "x"}, R: &ast.Name{Name: "y"}}}},
	}}}
	p, err := Compile(chunk)
	if err != nil {
		t.Fatal(err)
	}
	ops := []bc.Opcode{bc.OpVarargPrep, bc.OpLoadI, bc.OpGetTabUp, bc.OpAdd, bc.OpMMBin, bc.OpReturn, bc.OpReturn}
	if len(p.Code) != len(ops) {
		t.Fatalf("code %v", p.Code)
	}
	for i, op := range ops {
		if p.Code[i].Op() != op {
			t.Errorf("pc %d: %v, want %v", i, p.Code[i].Op(), op)
		}
	}
}

// A malformed tree is reported as an InternalError, never a panic.
func TestMalformedTree(t *testing.T) {
	for name, chunk := range map[string]*ast.Chunk{
		"nil chunk":      nil,
		"nil expression": {Name: "=bad", Block: &ast.Block{Stats: []ast.Stat{&ast.Return{Exprs: []ast.Expr{nil}}}}},
		"nil statement":  {Name: "=bad", Block: &ast.Block{Stats: []ast.Stat{nil}}},
		"nil block":      {Name: "=ok"},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := Compile(chunk)
			var ie *InternalError
			if name == "nil block" {
				if err != nil {
					t.Errorf("empty chunk: %v", err)
				}
				return
			}
			if !errors.As(err, &ie) {
				t.Errorf("got %v, want an InternalError", err)
			}
		})
	}
}
