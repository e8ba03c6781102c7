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
// The API is deliberately small for now: running chunks, calling functions,
// reading and writing globals through opaque [Value] handles. Everything
// else lives in internal packages, one per stage (lexer, parser, compiler,
// vm, standard libraries).
package tide
