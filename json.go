package tide

import (
	"github.com/tidelua/tide/internal/stdlib/jsonlib"
	"github.com/tidelua/tide/internal/vm"
)

// JSONNull is JSON null as a Lua value (json.null in Lua): DecodeJSON
// gives it for null, and EncodeJSON writes it as null.
var JSONNull = Value{v: jsonlib.Null}

// JSONEmptyArray is json.empty_array: EncodeJSON writes it as [].
var JSONEmptyArray = Value{v: jsonlib.EmptyArray}

// EncodeJSON returns v as JSON text, with the conventions and settings of
// the State's json module (see require("json") in the README): arrays are
// tables with keys 1..n, an empty table is {} unless marked as an array,
// object keys come out sorted. Cycles, functions and NaN are errors.
func (s *State) EncodeJSON(v Value) (text string, err error) {
	if s.closed {
		return "", errClosed
	}
	defer func() {
		if p := recover(); p != nil {
			text, err = "", internalError(p)
		}
	}()
	return jsonlib.Encode(s.thread(), v.lua())
}

// DecodeJSON parses JSON text into a Lua value: objects and arrays become
// tables (arrays marked so that they encode back as arrays), null becomes
// JSONNull. A malformed text gives an error naming the byte position.
func (s *State) DecodeJSON(text string) (v Value, err error) {
	if s.closed {
		return Value{}, errClosed
	}
	defer func() {
		if p := recover(); p != nil {
			v, err = Value{}, internalError(p)
		}
	}()
	lv, err := jsonlib.Decode(s.thread(), text)
	if err != nil {
		return Value{}, err
	}
	return s.hold(lv), nil
}

// thread is the thread host calls run on: the one running a host Function
// that calls back, else the main thread.
func (s *State) thread() *vm.Thread {
	if l := s.running.Load(); l != nil {
		return l
	}
	return s.vm.Main()
}
