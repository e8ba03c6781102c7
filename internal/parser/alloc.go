package parser

import "github.com/tidelua/tide/internal/ast"

// slab hands out pointers into chunks of nodes, so that the common nodes
// cost one allocation per slabSize instead of one each. A chunk stays alive
// while any of its nodes is referenced, which suits a syntax tree.
// Chunks start small, so that parsing a tiny chunk stays cheap, and
// double up to slabSize.
type slab[T any] struct {
	free []T
	next int // size of the next chunk
}

const slabSize = 128

func (s *slab[T]) new() *T {
	if len(s.free) == 0 {
		s.next = min(max(2*s.next, 4), slabSize)
		s.free = make([]T, s.next)
	}
	p := &s.free[0]
	s.free = s.free[1:]
	return p
}

// nodes holds the slabs of the node types that dominate real code.
type nodes struct {
	names    slab[ast.Name]
	strs     slab[ast.String]
	nums     slab[ast.Number]
	indexes  slab[ast.Index]
	calls    slab[ast.Call]
	binaries slab[ast.Binary]
	exprs    slab[[1]ast.Expr] // backing store for one-element expression lists
}

// list1 returns a one-element expression list; appending to it copies.
func (n *nodes) list1(e ast.Expr) []ast.Expr {
	p := n.exprs.new()
	p[0] = e
	return p[:]
}

func (n *nodes) name(sp ast.Span, s string) *ast.Name {
	x := n.names.new()
	x.Span, x.Name = sp, s
	return x
}

func (n *nodes) str(sp ast.Span, s string) *ast.String {
	x := n.strs.new()
	x.Span, x.Value = sp, s
	return x
}
