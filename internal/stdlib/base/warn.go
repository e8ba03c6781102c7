package base

import (
	"github.com/tidelua/tide/internal/stdlib/check"
	"github.com/tidelua/tide/internal/value"
	"github.com/tidelua/tide/internal/vm"
)

// warner is the state of warn(): off until "@on", as in lua.c without -W.
// An embedder enables warnings by calling the global warn with "@on".
type warner struct {
	on bool
}

func newWarner() *warner { return &warner{} }

func (w *warner) warn(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	if _, err := check.String(args, 1); err != nil {
		return nil, err
	}
	for i := 2; i <= len(args); i++ {
		if _, err := check.String(args, i); err != nil {
			return nil, err
		}
	}
	if len(args) == 1 {
		if s, _ := value.ToStringCoerce(args[0]); len(s) > 0 && s[0] == '@' {
			switch s[1:] {
			case "on":
				w.on = true
			case "off":
				w.on = false
			}
			return nil, nil
		}
	}
	if !w.on {
		return nil, nil
	}
	b := []byte("Lua warning: ")
	for _, a := range args {
		s, _ := value.ToStringCoerce(a)
		b = append(b, s...)
	}
	b = append(b, '\n')
	_, err := stderr(l.State()).Write(b)
	return nil, err
}
