package parser

import (
	"github.com/tidelua/tide/internal/ast"
	"github.com/tidelua/tide/internal/token"
)

// blockFollow reports whether the current token ends a block.
func (p *parser) blockFollow(withUntil bool) bool {
	switch p.tok.Kind {
	case token.Else, token.Elseif, token.End, token.EOF:
		return true
	case token.Until:
		return withUntil
	}
	return false
}

// block parses a statement list (lparser.c statlist) up to a token that
// ends it.
func (p *parser) block() *ast.Block {
	b := &ast.Block{Span: ast.Span{From: p.tok.Pos}}
	outerVars := p.nvars
	defer func() { p.nvars = outerVars }()
	for !p.blockFollow(true) {
		if p.tok.Kind == token.Return {
			p.statement(b)
			break // 'return' must be the last statement
		}
		p.statement(b)
	}
	b.To = p.prevEnd
	if b.To < b.From {
		b.To = b.From
	}
	return b
}

// statement parses one statement and appends it to b (';' adds nothing).
func (p *parser) statement(b *ast.Block) {
	line := p.lx.Line()
	start := p.tok.Pos
	p.enter()
	var s ast.Stat
	switch p.tok.Kind {
	case token.Semi:
		p.next()
	case token.If:
		s = p.ifStat(line)
	case token.While:
		p.next()
		cond := p.expr()
		p.checkNext(token.Do)
		body := p.block()
		p.checkMatch(token.End, token.While, line)
		s = &ast.While{Span: p.span(start), Cond: cond, Body: body}
	case token.Do:
		p.next()
		body := p.block()
		p.checkMatch(token.End, token.Do, line)
		s = &ast.Do{Span: p.span(start), Body: body}
	case token.For:
		s = p.forStat(line)
	case token.Repeat:
		p.next()
		body := p.block()
		p.checkMatch(token.Until, token.Repeat, line)
		cond := p.expr()
		s = &ast.Repeat{Span: p.span(start), Body: body, Cond: cond}
	case token.Function:
		s = p.funcStat(line)
	case token.Local:
		p.next()
		if p.tok.Kind == token.Function {
			funcPos := p.tok.Pos
			p.next()
			s = p.localFunc(start, funcPos)
		} else {
			s = p.localStat(start)
		}
	case token.DColon:
		p.next()
		name := p.checkName()
		p.checkNext(token.DColon)
		b.Stats = append(b.Stats, &ast.Label{Span: p.span(start), Name: name.Name})
		// Like the reference, parse the no-op statements that follow a
		// label here (they count as nested levels).
		for p.tok.Kind == token.Semi || p.tok.Kind == token.DColon {
			p.statement(b)
		}
	case token.Return:
		p.next()
		s = p.retStat(start)
	case token.Break:
		p.next()
		s = &ast.Break{Span: p.span(start)}
	case token.Goto:
		p.next()
		name := p.checkName()
		s = &ast.Goto{Span: p.span(start), Label: name.Name}
	default:
		s = p.exprStat()
	}
	if s != nil {
		b.Stats = append(b.Stats, s)
	}
	p.leave()
}

// span returns the span from start to the end of the last token consumed.
func (p *parser) span(start token.Pos) ast.Span {
	return ast.Span{From: start, To: p.prevEnd}
}

func (p *parser) ifStat(line int) ast.Stat {
	s := &ast.If{Span: ast.Span{From: p.tok.Pos}}
	for {
		// the current token is 'if' or 'elseif'
		p.next()
		s.Conds = append(s.Conds, p.expr())
		s.Thens = append(s.Thens, p.tok.Pos)
		p.checkNext(token.Then)
		s.Blocks = append(s.Blocks, p.block())
		if p.tok.Kind != token.Elseif {
			break
		}
	}
	if p.testNext(token.Else) {
		s.Else = p.block()
	}
	p.checkMatch(token.End, token.If, line)
	s.To = p.prevEnd
	return s
}

func (p *parser) forStat(line int) ast.Stat {
	start := p.tok.Pos
	p.next()
	v := p.checkName()
	outerVars := p.nvars
	var s ast.Stat
	switch p.tok.Kind {
	case token.Assign:
		p.newLocal(4) // three hidden control variables and v
		p.next()
		f := &ast.NumericFor{Var: v}
		f.Start = p.expr()
		p.checkNext(token.Comma)
		f.Limit = p.expr()
		if p.testNext(token.Comma) {
			f.Step = p.expr()
		}
		f.Body = p.forBody()
		s = f
	case token.Comma, token.In:
		f := &ast.GenericFor{Names: []*ast.Name{v}}
		p.newLocal(5) // four hidden control variables and v
		for p.testNext(token.Comma) {
			f.Names = append(f.Names, p.checkName())
			p.newLocal(1)
		}
		p.checkNext(token.In)
		f.Exprs = p.exprList()
		f.Body = p.forBody()
		s = f
	default:
		p.errorNear("'=' or 'in' expected")
	}
	p.checkMatch(token.End, token.For, line)
	p.nvars = outerVars
	switch f := s.(type) {
	case *ast.NumericFor:
		f.Span = p.span(start)
	case *ast.GenericFor:
		f.Span = p.span(start)
	}
	return s
}

func (p *parser) forBody() *ast.Block {
	p.checkNext(token.Do)
	return p.block()
}

// funcStat parses "function a.b:c() ... end".
func (p *parser) funcStat(line int) ast.Stat {
	start := p.tok.Pos
	p.next()
	n := p.checkName()
	var target ast.Expr = n
	name := n.Name
	isMethod := false
	for p.tok.Kind == token.Dot || p.tok.Kind == token.Colon {
		isMethod = p.tok.Kind == token.Colon
		sep := p.tok.Kind.String()
		p.next()
		key := p.checkName()
		target = &ast.Index{
			Span: ast.Span{From: n.From, To: key.To},
			X:    target,
			Key:  &ast.String{Span: key.Span, Value: key.Name},
		}
		name += sep + key.Name
		if isMethod {
			break
		}
	}
	var self *ast.Name
	if isMethod {
		key := target.(*ast.Index).Key
		self = &ast.Name{Span: ast.Span{From: key.Pos(), To: key.End()}, Name: "self"}
	}
	f := p.body(start, self, name, line)
	return &ast.FuncStat{Span: p.span(start), Target: target, Func: f}
}

// localFunc parses "local function f() ... end"; 'local function' has
// been consumed and the 'function' keyword is at funcPos.
func (p *parser) localFunc(start, funcPos token.Pos) ast.Stat {
	n := p.checkName()
	p.newLocal(1)
	f := p.body(funcPos, nil, n.Name, p.lx.Line())
	return &ast.LocalFunction{Span: p.span(start), Name: n, Func: f}
}

// localStat parses "local a <attr>, b = exprs"; 'local' has been consumed.
func (p *parser) localStat(start token.Pos) ast.Stat {
	s := &ast.Local{}
	hasClose := false
	for {
		n := p.checkName()
		p.newLocal(1)
		attr := p.attrib()
		if attr == ast.AttribClose {
			if hasClose {
				p.semError("multiple to-be-closed variables in local list")
			}
			hasClose = true
		}
		s.Names = append(s.Names, ast.LocalName{Name: n, Attrib: attr})
		if !p.testNext(token.Comma) {
			break
		}
	}
	if p.testNext(token.Assign) {
		s.Exprs = p.exprList()
	}
	s.Span = p.span(start)
	return s
}

// attrib parses an optional "<const>" or "<close>".
func (p *parser) attrib() ast.Attrib {
	if !p.testNext(token.Lt) {
		return ast.AttribNone
	}
	n := p.checkName()
	p.checkNext(token.Gt)
	switch n.Name {
	case "const":
		return ast.AttribConst
	case "close":
		return ast.AttribClose
	}
	p.semError("unknown attribute '" + n.Name + "'")
	return ast.AttribNone
}

// retStat parses the rest of "return exprs [;]".
func (p *parser) retStat(start token.Pos) ast.Stat {
	s := &ast.Return{}
	if !p.blockFollow(true) && p.tok.Kind != token.Semi {
		s.Exprs = p.exprList()
	}
	p.testNext(token.Semi)
	s.Span = p.span(start)
	return s
}

// exprStat parses a function call statement or an assignment.
func (p *parser) exprStat() ast.Stat {
	start := p.tok.Pos
	e := p.suffixedExpr()
	if p.tok.Kind == token.Assign || p.tok.Kind == token.Comma {
		return p.assignment(start, e)
	}
	switch e.(type) {
	case *ast.Call, *ast.MethodCall:
		return &ast.CallStat{Span: p.span(start), Call: e}
	}
	p.errorNear("syntax error")
	return nil
}

func isVar(e ast.Expr) bool {
	switch e.(type) {
	case *ast.Name, *ast.Index:
		return true
	}
	return false
}

// assignment parses the rest of "t1, t2 = e1, e2" after the first target,
// counting one nesting level per extra target like lparser.c restassign.
func (p *parser) assignment(start token.Pos, first ast.Expr) ast.Stat {
	if !isVar(first) {
		p.errorNear("syntax error")
	}
	s := &ast.Assign{Targets: []ast.Expr{first}}
	levels := 0
	for p.testNext(token.Comma) {
		e := p.suffixedExpr()
		p.enter()
		levels++
		if !isVar(e) {
			p.errorNear("syntax error")
		}
		s.Targets = append(s.Targets, e)
	}
	p.checkNext(token.Assign)
	s.Exprs = p.exprList()
	p.depth -= levels
	s.Span = p.span(start)
	return s
}
