package parser

import (
	"fmt"

	"github.com/tidelua/tide/internal/ast"
)

// children lists the direct child nodes of n (test helper).
func children(n ast.Node) []ast.Node {
	var out []ast.Node
	add := func(ns ...ast.Node) {
		for _, c := range ns {
			if c != nil {
				out = append(out, c)
			}
		}
	}
	exprs := func(list []ast.Expr) {
		for _, e := range list {
			add(e)
		}
	}
	switch n := n.(type) {
	case *ast.Block:
		for _, s := range n.Stats {
			add(s)
		}
	case *ast.Function:
		for _, p := range n.Params {
			add(p)
		}
		add(n.Body)
	case *ast.Table:
		for _, f := range n.Fields {
			if f.Key != nil {
				add(f.Key)
			}
			add(f.Value)
		}
	case *ast.Binary:
		add(n.L, n.R)
	case *ast.Unary:
		add(n.X)
	case *ast.Index:
		add(n.X, n.Key)
	case *ast.Call:
		add(n.Fn)
		exprs(n.Args)
	case *ast.MethodCall:
		add(n.Recv, n.Name)
		exprs(n.Args)
	case *ast.Paren:
		add(n.X)
	case *ast.Local:
		for _, ln := range n.Names {
			add(ln.Name)
		}
		exprs(n.Exprs)
	case *ast.Assign:
		exprs(n.Targets)
		exprs(n.Exprs)
	case *ast.CallStat:
		add(n.Call)
	case *ast.Do:
		add(n.Body)
	case *ast.While:
		add(n.Cond, n.Body)
	case *ast.Repeat:
		add(n.Body, n.Cond)
	case *ast.If:
		for i, c := range n.Conds {
			add(c, n.Blocks[i])
		}
		if n.Else != nil {
			add(n.Else)
		}
	case *ast.NumericFor:
		add(n.Var, n.Start, n.Limit)
		if n.Step != nil {
			add(n.Step)
		}
		add(n.Body)
	case *ast.GenericFor:
		for _, nm := range n.Names {
			add(nm)
		}
		exprs(n.Exprs)
		add(n.Body)
	case *ast.FuncStat:
		add(n.Target, n.Func)
	case *ast.LocalFunction:
		add(n.Name, n.Func)
	case *ast.Return:
		exprs(n.Exprs)
	}
	return out
}

// checkSpans verifies that every node has a valid span inside its parent's
// and inside the source.
func checkSpans(n ast.Node, srcLen int) error {
	if n.Pos() < 1 || n.Pos() > n.End() || int(n.End()) > srcLen+1 {
		return fmt.Errorf("%T: bad span %d..%d (source %d bytes)", n, n.Pos(), n.End(), srcLen)
	}
	for _, c := range children(n) {
		if c.Pos() < n.Pos() || c.End() > n.End() {
			return fmt.Errorf("%T %d..%d outside parent %T %d..%d", c, c.Pos(), c.End(), n, n.Pos(), n.End())
		}
		if err := checkSpans(c, srcLen); err != nil {
			return err
		}
	}
	return nil
}
