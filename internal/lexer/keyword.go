package lexer

import "github.com/tidelua/tide/internal/token"

// keyword returns the kind of a reserved word, or token.Name. A switch is
// faster than a map lookup and does not allocate.
func keyword(w []byte) token.Kind {
	if len(w) < 2 || len(w) > 8 || w[0] < 'a' || w[0] > 'w' {
		return token.Name
	}
	switch string(w) {
	case "and":
		return token.And
	case "break":
		return token.Break
	case "do":
		return token.Do
	case "else":
		return token.Else
	case "elseif":
		return token.Elseif
	case "end":
		return token.End
	case "false":
		return token.False
	case "for":
		return token.For
	case "function":
		return token.Function
	case "goto":
		return token.Goto
	case "if":
		return token.If
	case "in":
		return token.In
	case "local":
		return token.Local
	case "nil":
		return token.Nil
	case "not":
		return token.Not
	case "or":
		return token.Or
	case "repeat":
		return token.Repeat
	case "return":
		return token.Return
	case "then":
		return token.Then
	case "true":
		return token.True
	case "until":
		return token.Until
	case "while":
		return token.While
	}
	return token.Name
}
