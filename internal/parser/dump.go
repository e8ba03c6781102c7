package parser

import (
	"math"
	"strconv"
	"strings"

	"github.com/tidelua/tide/internal/ast"
)

// Dump returns a one-line S-expression of a syntax tree, for golden tests
// and debugging. Positions are left out. Examples of its forms:
//
//	(block (local (x y<const>) (1 "s")) (return (+ x (neg 2.0))))
//	(call f a (index t "k") (method o "m" ...))
//	(function "a.b:m" (self x ...) (block))
//
// Dump accepts any node of package ast; nil prints as "nil?".
func Dump(n ast.Node) string {
	var d dumper
	d.node(n)
	return d.String()
}

type dumper struct{ strings.Builder }

func (d *dumper) open(head string) {
	d.WriteByte('(')
	d.WriteString(head)
}

func (d *dumper) close() { d.WriteByte(')') }

func (d *dumper) sp() { d.WriteByte(' ') }

func (d *dumper) exprs(list []ast.Expr) {
	d.WriteByte('(')
	for i, e := range list {
		if i > 0 {
			d.sp()
		}
		d.node(e)
	}
	d.WriteByte(')')
}

func (d *dumper) args(list []ast.Expr) {
	for _, e := range list {
		d.sp()
		d.node(e)
	}
}

func (d *dumper) block(b *ast.Block) {
	if b == nil {
		d.WriteString("nil?")
		return
	}
	d.open("block")
	for _, s := range b.Stats {
		d.sp()
		d.node(s)
	}
	d.close()
}

// formatFloat prints f so that it reads as a float: 1.0, 0.5, 1e+100, inf.
func formatFloat(f float64) string {
	switch {
	case math.IsInf(f, 1):
		return "inf"
	case math.IsInf(f, -1):
		return "-inf"
	case f != f:
		return "nan"
	}
	s := strconv.FormatFloat(f, 'g', -1, 64)
	if !strings.ContainsAny(s, ".e") {
		s += ".0"
	}
	return s
}

var unName = [...]string{ast.OpNeg: "neg", ast.OpNot: "not", ast.OpLen: "len", ast.OpBNot: "bnot"}

func (d *dumper) node(n ast.Node) {
	switch n := n.(type) {
	case nil:
		d.WriteString("nil?")
	case *ast.Block:
		d.block(n)
	case *ast.Nil:
		d.WriteString("nil")
	case *ast.True:
		d.WriteString("true")
	case *ast.False:
		d.WriteString("false")
	case *ast.Vararg:
		d.WriteString("...")
	case *ast.Number:
		if n.IsInt {
			d.WriteString(strconv.FormatInt(n.Int, 10))
		} else {
			d.WriteString(formatFloat(n.Float))
		}
	case *ast.String:
		d.WriteString(strconv.Quote(n.Value))
	case *ast.Name:
		d.WriteString(n.Name)
	case *ast.Function:
		d.open("function ")
		d.WriteString(strconv.Quote(n.Name))
		d.WriteString(" (")
		for i, p := range n.Params {
			if i > 0 {
				d.sp()
			}
			d.WriteString(p.Name)
		}
		if n.IsVararg {
			if len(n.Params) > 0 {
				d.sp()
			}
			d.WriteString("...")
		}
		d.WriteString(") ")
		d.block(n.Body)
		d.close()
	case *ast.Table:
		d.open("table")
		for _, f := range n.Fields {
			d.sp()
			switch f.Kind {
			case ast.FieldList:
				d.node(f.Value)
			case ast.FieldNamed:
				d.open("named ")
				d.node(f.Key)
				d.sp()
				d.node(f.Value)
				d.close()
			default:
				d.open("keyed ")
				d.node(f.Key)
				d.sp()
				d.node(f.Value)
				d.close()
			}
		}
		d.close()
	case *ast.Binary:
		d.open(n.Op.String())
		d.sp()
		d.node(n.L)
		d.sp()
		d.node(n.R)
		d.close()
	case *ast.Unary:
		d.open(unName[n.Op])
		d.sp()
		d.node(n.X)
		d.close()
	case *ast.Index:
		d.open("index ")
		d.node(n.X)
		d.sp()
		d.node(n.Key)
		d.close()
	case *ast.Call:
		d.open("call ")
		d.node(n.Fn)
		d.args(n.Args)
		d.close()
	case *ast.MethodCall:
		d.open("method ")
		d.node(n.Recv)
		d.sp()
		d.node(n.Name)
		d.args(n.Args)
		d.close()
	case *ast.Paren:
		d.open("paren ")
		d.node(n.X)
		d.close()
	case *ast.Local:
		d.open("local (")
		for i, ln := range n.Names {
			if i > 0 {
				d.sp()
			}
			d.WriteString(ln.Name.Name)
			switch ln.Attrib {
			case ast.AttribConst:
				d.WriteString("<const>")
			case ast.AttribClose:
				d.WriteString("<close>")
			}
		}
		d.WriteString(") ")
		d.exprs(n.Exprs)
		d.close()
	case *ast.Assign:
		d.open("assign ")
		d.exprs(n.Targets)
		d.sp()
		d.exprs(n.Exprs)
		d.close()
	case *ast.CallStat:
		d.node(n.Call)
	case *ast.Do:
		d.open("do ")
		d.block(n.Body)
		d.close()
	case *ast.While:
		d.open("while ")
		d.node(n.Cond)
		d.sp()
		d.block(n.Body)
		d.close()
	case *ast.Repeat:
		d.open("repeat ")
		d.block(n.Body)
		d.sp()
		d.node(n.Cond)
		d.close()
	case *ast.If:
		d.open("if")
		for i, c := range n.Conds {
			d.sp()
			d.node(c)
			d.sp()
			d.block(n.Blocks[i])
		}
		if n.Else != nil {
			d.WriteString(" else ")
			d.block(n.Else)
		}
		d.close()
	case *ast.NumericFor:
		d.open("fornum ")
		d.node(n.Var)
		d.sp()
		d.node(n.Start)
		d.sp()
		d.node(n.Limit)
		if n.Step != nil {
			d.sp()
			d.node(n.Step)
		}
		d.sp()
		d.block(n.Body)
		d.close()
	case *ast.GenericFor:
		d.open("forin (")
		for i, nm := range n.Names {
			if i > 0 {
				d.sp()
			}
			d.WriteString(nm.Name)
		}
		d.WriteString(") ")
		d.exprs(n.Exprs)
		d.sp()
		d.block(n.Body)
		d.close()
	case *ast.FuncStat:
		d.open("funcstat ")
		d.node(n.Target)
		d.sp()
		d.node(n.Func)
		d.close()
	case *ast.LocalFunction:
		d.open("localfunc ")
		d.node(n.Name)
		d.sp()
		d.node(n.Func)
		d.close()
	case *ast.Return:
		d.open("return")
		d.args(n.Exprs)
		d.close()
	case *ast.Break:
		d.WriteString("(break)")
	case *ast.Goto:
		d.WriteString("(goto " + n.Label + ")")
	case *ast.Label:
		d.WriteString("(label " + n.Name + ")")
	default:
		d.WriteString("?")
	}
}
