package vm

import (
	"errors"
	"strings"
	"testing"

	"github.com/tidelua/tide/internal/value"
)

// TestExitError checks that an *ExitError returned by a Go function goes
// through protected calls, metamethods and coroutines to the host, and how
// pending to-be-closed variables are treated on the way.
func TestExitError(t *testing.T) {
	tests := []struct {
		name, src, out string
		code           int
	}{
		{"plain", `exit(3)`, "", 3},
		{"pcall", `print(pcall(exit, 4)) print("after")`, "", 4},
		{"xpcall", `print(xpcall(exit, print, 5))`, "", 5},
		{"nested pcall", `print(pcall(pcall, function() exit(6) end))`, "", 6},
		{"metamethod", `local t = setmetatable({}, {__index = function() exit(7) end}) print(pcall(function() return t.x end))`, "", 7},
		{"skips __close", `local x <close> = setmetatable({}, {__close = function() print("closed") end}) exit(9)`, "", 9},
		{"runs __close", `local x <close> = setmetatable({}, {__close = function(_, e) print("closed", e) end})
			pcall(function() local y <close> = setmetatable({}, {__close = function() print("inner") end}) exit(10, true) end)`,
			"inner\nclosed\tnil\n", 10},
		{"exit in __close", `local y <close> = setmetatable({}, {__close = function() print("y") end})
			local x <close> = setmetatable({}, {__close = function() exit(12) end})
			exit(11, true)`, "", 12},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var out strings.Builder
			st := newTestState(&out)
			st.SetGlobal("exit", NewGoFunction("exit", func(l *Thread, args []value.Value) ([]value.Value, error) {
				return nil, &ExitError{Code: int(args[0].AsInt()), Close: len(args) > 1 && args[1].Truthy()}
			}))
			fn, err := st.Load([]byte(tc.src), "=t", "t", value.Nil)
			if err != nil {
				t.Fatal(err)
			}
			_, err = st.Main().Call(fn)
			var ee *ExitError
			if !errors.As(err, &ee) {
				t.Fatalf("error %v (%T), want an *ExitError", err, err)
			}
			if ee.Code != tc.code || out.String() != tc.out {
				t.Errorf("code %d, output %q; want %d, %q", ee.Code, out.String(), tc.code, tc.out)
			}
			if got := ee.Error(); got != "exit status "+itoa(tc.code) {
				t.Errorf("Error() = %q", got)
			}
			// the State is still usable
			fn, _ = st.Load([]byte(`print("ok")`), "=t", "t", value.Nil)
			if _, err := st.Main().Call(fn); err != nil {
				t.Errorf("after the exit: %v", err)
			}
		})
	}
}

func itoa(n int) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}
