// Package tide is a Lua 5.4 interpreter written in Go: this package is its
// embedding API.
//
// A [State] is one Lua universe with the standard libraries opened. Run code
// with [State.DoString] and [State.DoFile]; failures are a [*SyntaxError]
// (the chunk did not compile) or an [*Error] (the Lua code raised an error;
// it carries the message and the traceback the lua program would print).
//
//	s := tide.NewState(tide.Options{Stdout: os.Stdout})
//	defer s.Close()
//	if err := s.DoString(ctx, `print("hello from Lua")`, "=hello"); err != nil {
//		log.Fatal(err)
//	}
//
// Values cross the boundary as [Value] handles. [State.ToValue] and
// [State.FromValue] convert Go values (structs with `lua` tags, maps,
// slices) both ways; [State.NewFunction] (fast) and [State.NewFunc]
// (reflection) make Go functions callable from Lua, [State.Preload] offers
// Go modules to require, [State.NewUserdata] wraps Go values with methods,
// and [State.EncodeJSON]/[State.DecodeJSON] speak JSON.
//
// Compile a script once into a [Program] and run it in many States; a
// [Pool] hands States to many goroutines (a State is for one goroutine at
// a time: [ErrConcurrentUse]). Every run takes a context: cancelling it
// stops running code. [Options] set quotas (MaxInstructions, MemoryLimit,
// MaxCallDepth) whose stops pcall cannot catch ([QuotaError]), a sandbox
// for untrusted code (Sandbox), the file system Lua code sees (FS), and
// whether binary chunks load (AllowBinaryChunks, off by default).
package tide
