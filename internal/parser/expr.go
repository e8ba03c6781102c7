package parser

import (
	"github.com/tidelua/tide/internal/ast"
	"github.com/tidelua/tide/internal/token"
)

// body parses a function's parameters and body after its name; start is the
// position of the 'function' keyword and line the line the reference
// reports in "'end' expected (to close 'function' at line N)". A non-nil
// self makes it a method with self as first parameter.
func (p *parser) body(start token.Pos, self *ast.Name, name string, line int) *ast.Function {
	f := &ast.Function{Span: ast.Span{From: start}, Name: name}
	outerVars, outerLine := p.nvars, p.fline
	p.nvars, p.fline = 0, line
	p.checkNext(token.LParen)
	if self != nil {
		f.IsMethod = true
		f.Params = append(f.Params, self)
		p.newLocal(1)
	}
	if p.tok.Kind != token.RParen {
		for {
			switch p.tok.Kind {
			case token.Name:
				f.Params = append(f.Params, p.checkName())
				p.newLocal(1)
			case token.Dots:
				p.next()
				f.IsVararg = true
			default:
				p.errorNear("<name> or '...' expected")
			}
			if f.IsVararg || !p.testNext(token.Comma) {
				break
			}
		}
	}
	p.checkNext(token.RParen)
	outer := p.vararg
	p.vararg = f.IsVararg
	f.Body = p.block()
	p.vararg = outer
	p.nvars, p.fline = outerVars, outerLine
	p.checkMatch(token.End, token.Function, line)
	f.To = p.prevEnd
	return f
}

// exprList parses "e1, e2, ...".
func (p *parser) exprList() []ast.Expr {
	list := p.list1(p.expr())
	for p.testNext(token.Comma) {
		list = append(list, p.expr())
	}
	return list
}

func (p *parser) expr() ast.Expr {
	e, _ := p.subExpr(0)
	return e
}

// Operator priorities (left, right) of lparser.c: a right priority lower
// than the left one makes the operator right associative.
var binPriority = [...]struct{ left, right int }{
	ast.OpOr: {1, 1}, ast.OpAnd: {2, 2},
	ast.OpLt: {3, 3}, ast.OpGt: {3, 3}, ast.OpLe: {3, 3}, ast.OpGe: {3, 3}, ast.OpNe: {3, 3}, ast.OpEq: {3, 3},
	ast.OpBOr: {4, 4}, ast.OpBXor: {5, 5}, ast.OpBAnd: {6, 6}, ast.OpShl: {7, 7}, ast.OpShr: {7, 7},
	ast.OpConcat: {9, 8},
	ast.OpAdd:    {10, 10}, ast.OpSub: {10, 10},
	ast.OpMul: {11, 11}, ast.OpDiv: {11, 11}, ast.OpIDiv: {11, 11}, ast.OpMod: {11, 11},
	ast.OpPow: {14, 13},
}

// unaryPriority is the priority of every unary operator.
const unaryPriority = 12

// noBinOp marks a token that is no binary operator.
const noBinOp ast.BinOp = 255

func binOp(k token.Kind) ast.BinOp {
	switch k {
	case token.Plus:
		return ast.OpAdd
	case token.Minus:
		return ast.OpSub
	case token.Star:
		return ast.OpMul
	case token.Slash:
		return ast.OpDiv
	case token.DSlash:
		return ast.OpIDiv
	case token.Percent:
		return ast.OpMod
	case token.Caret:
		return ast.OpPow
	case token.Concat:
		return ast.OpConcat
	case token.Eq:
		return ast.OpEq
	case token.Ne:
		return ast.OpNe
	case token.Lt:
		return ast.OpLt
	case token.Le:
		return ast.OpLe
	case token.Gt:
		return ast.OpGt
	case token.Ge:
		return ast.OpGe
	case token.And:
		return ast.OpAnd
	case token.Or:
		return ast.OpOr
	case token.Amp:
		return ast.OpBAnd
	case token.Pipe:
		return ast.OpBOr
	case token.Tilde:
		return ast.OpBXor
	case token.Shl:
		return ast.OpShl
	case token.Shr:
		return ast.OpShr
	}
	return noBinOp
}

// subExpr parses an expression whose binary operators all bind tighter
// than limit, and returns it with the first operator it did not take
// (lparser.c subexpr).
func (p *parser) subExpr(limit int) (ast.Expr, ast.BinOp) {
	p.enter()
	var e ast.Expr
	var uop ast.UnOp
	isUnary := true
	switch p.tok.Kind {
	case token.Minus:
		uop = ast.OpNeg
	case token.Not:
		uop = ast.OpNot
	case token.Hash:
		uop = ast.OpLen
	case token.Tilde:
		uop = ast.OpBNot
	default:
		isUnary = false
	}
	if isUnary {
		start := p.tok.Pos
		p.next()
		x, _ := p.subExpr(unaryPriority)
		e = &ast.Unary{Span: ast.Span{From: start, To: x.End()}, Op: uop, X: x}
	} else {
		e = p.simpleExpr()
	}
	op := binOp(p.tok.Kind)
	for op != noBinOp && binPriority[op].left > limit {
		opPos := p.tok.Pos
		p.next()
		r, nextOp := p.subExpr(binPriority[op].right)
		b := p.binaries.new()
		*b = ast.Binary{Span: ast.Span{From: e.Pos(), To: r.End()}, Op: op, OpPos: opPos, L: e, R: r}
		e = b
		op = nextOp
	}
	p.leave()
	return e, op
}

// simpleExpr parses a literal, a constructor, a function or a suffixed
// expression.
func (p *parser) simpleExpr() ast.Expr {
	t := p.tok
	sp := ast.Span{From: t.Pos, To: t.End}
	var e ast.Expr
	switch t.Kind {
	case token.Float:
		n := p.nums.new()
		n.Span, n.Float = sp, t.Float
		e = n
	case token.Int:
		n := p.nums.new()
		n.Span, n.IsInt, n.Int = sp, true, t.Int
		e = n
	case token.String:
		e = p.str(sp, t.Str)
	case token.Nil:
		e = &ast.Nil{Span: sp}
	case token.True:
		e = &ast.True{Span: sp}
	case token.False:
		e = &ast.False{Span: sp}
	case token.Dots:
		if !p.vararg {
			p.errorNear("cannot use '...' outside a vararg function")
		}
		e = &ast.Vararg{Span: sp}
	case token.LBrace:
		return p.constructor()
	case token.Function:
		p.next()
		return p.body(sp.From, nil, "", p.lx.Line())
	default:
		return p.suffixedExpr()
	}
	p.next()
	return e
}

// primaryExpr parses a name or a parenthesised expression.
func (p *parser) primaryExpr() ast.Expr {
	switch p.tok.Kind {
	case token.Name:
		return p.checkName()
	case token.LParen:
		line := p.lx.Line()
		start := p.tok.Pos
		p.next()
		x := p.expr()
		p.checkMatch(token.RParen, token.LParen, line)
		return &ast.Paren{Span: p.span(start), X: x}
	}
	p.errorNear("unexpected symbol")
	return nil
}

// suffixedExpr parses a primary expression followed by field selections,
// indexing, calls and method calls.
func (p *parser) suffixedExpr() ast.Expr {
	line := p.lx.Line()
	e := p.primaryExpr()
	for {
		switch p.tok.Kind {
		case token.Dot:
			p.next()
			key := p.checkName()
			x := p.indexes.new()
			*x = ast.Index{Span: ast.Span{From: e.Pos(), To: key.To}, X: e, Key: p.str(key.Span, key.Name)}
			e = x
		case token.LBracket:
			p.next()
			key := p.expr()
			p.checkNext(token.RBracket)
			x := p.indexes.new()
			*x = ast.Index{Span: ast.Span{From: e.Pos(), To: p.prevEnd}, X: e, Key: key}
			e = x
		case token.Colon:
			p.next()
			name := p.checkName()
			args := p.callArgs(line)
			e = &ast.MethodCall{
				Span: ast.Span{From: e.Pos(), To: p.prevEnd},
				Recv: e,
				Name: &ast.String{Span: name.Span, Value: name.Name},
				Args: args,
			}
		case token.LParen, token.String, token.LBrace:
			args := p.callArgs(line)
			c := p.calls.new()
			*c = ast.Call{Span: ast.Span{From: e.Pos(), To: p.prevEnd}, Fn: e, Args: args}
			e = c
		default:
			return e
		}
	}
}

// callArgs parses "(args)", a table constructor or a string literal; line
// is where the called expression started (lparser.c funcargs).
func (p *parser) callArgs(line int) []ast.Expr {
	switch p.tok.Kind {
	case token.LParen:
		p.next()
		var args []ast.Expr
		if p.tok.Kind != token.RParen {
			args = p.exprList()
		}
		p.checkMatch(token.RParen, token.LParen, line)
		return args
	case token.LBrace:
		return p.list1(p.constructor())
	case token.String:
		s := p.str(ast.Span{From: p.tok.Pos, To: p.tok.End}, p.tok.Str)
		p.next()
		return p.list1(s)
	}
	p.errorNear("function arguments expected")
	return nil
}

// constructor parses a table constructor "{ fields }".
func (p *parser) constructor() ast.Expr {
	line := p.lx.Line()
	t := &ast.Table{Span: ast.Span{From: p.tok.Pos}}
	p.checkNext(token.LBrace)
	for p.tok.Kind != token.RBrace {
		t.Fields = append(t.Fields, p.field())
		if !p.testNext(token.Comma) && !p.testNext(token.Semi) {
			break
		}
	}
	p.checkMatch(token.RBrace, token.LBrace, line)
	t.To = p.prevEnd
	return t
}

// field parses one field of a table constructor.
func (p *parser) field() ast.Field {
	switch p.tok.Kind {
	case token.Name:
		if p.lx.Peek().Kind != token.Assign {
			return ast.Field{Kind: ast.FieldList, Value: p.expr()}
		}
		n := p.checkName()
		p.next() // '='
		return ast.Field{
			Kind:  ast.FieldNamed,
			Key:   &ast.String{Span: n.Span, Value: n.Name},
			Value: p.expr(),
		}
	case token.LBracket:
		p.next()
		key := p.expr()
		p.checkNext(token.RBracket)
		p.checkNext(token.Assign)
		return ast.Field{Kind: ast.FieldKeyed, Key: key, Value: p.expr()}
	}
	return ast.Field{Kind: ast.FieldList, Value: p.expr()}
}
