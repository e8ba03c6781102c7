// Package vm runs compiled Lua 5.4 code: the dispatch loop, calls and
// returns, metamethods, error unwinding, protected calls, coroutines,
// tracebacks and quotas. It takes *bytecode.Proto values (from
// internal/compiler, through State.Load) and the value representation of
// internal/value; the standard library packages sit on top of it through
// the contract in api.go. It must not import the standard library packages
// nor the root package.
//
// # The machine
//
// Each Thread (the main one and every coroutine) owns one value stack
// ([]value.Value, grown by reallocation) and one []frame call stack. A Lua
// frame's registers are a window on the value stack starting at its base;
// the dispatch loop holds them as a *[256]value.Value (the stack always
// keeps 256 slots above a Lua frame's base) so register operands need no
// bounds checks. Anything that can grow the stack (calls, metamethods,
// varargs) invalidates the window: the loop re-slices after it.
//
// Calls between Lua functions do not recurse in Go: OP_CALL pushes a frame
// and the loop continues with the callee; OP_RETURN pops it and moves the
// results to the slot of the called function, as lvm.c does. A vararg
// function's extra arguments stay below its base (frame.nextra of them).
// Tail calls reuse the frame, so tail recursion runs in constant space.
// Go functions (GoFunction, see Fn) get a frame too, for tracebacks and
// error positions, and receive their arguments as a window on the stack.
//
// Nested Go-level calls (Thread.Call from a Go function, __close during
// error unwinding, __gc,
// xpcall message handlers, metamethods that are Go functions) run a nested
// loop; they are limited to 200 levels ("C stack overflow"), like
// LUAI_MAXCCALLS. Lua stack use is limited to 1,000,000 slots ("stack
// overflow"), like LUAI_MAXSTACK.
//
// Upvalues: an open Upvalue points into the value stack of the thread that
// owns the variable (Thread.openUpvals, sorted by slot; re-pointed when the
// stack moves); OP_CLOSE and returns close them by copying the value into
// the Upvalue. Closures share Upvalue objects.
//
// # Errors
//
// Errors are Go panics carrying a *LuaError inside the package, recovered
// at the loop's boundary (Thread.execute) and at the public entry points.
// pcall and xpcall do not recurse: they turn their own frame into a
// protected-call marker and the loop calls the protected function as an
// ordinary frame; on an error the loop unwinds to the innermost marker,
// closing upvalues and running pending __close handlers, and gives the
// marker its results (false, error). The xpcall message handler runs at the
// error point, before unwinding, so tracebacks see the whole stack. Quota
// errors (*QuotaError) are not caught by markers. Go panics in Go functions
// and runtime errors in the vm become Lua errors whose message starts with
// "go panic:" and carries the Go stack.
//
// Messages follow the reference exactly: variable names ("local 'x'",
// "global 'x'", "field 'y'", "upvalue 'z'", "method 'm'", "constant 'c'")
// are recovered from the bytecode like ldebug.c's getobjname, and Go
// function argument errors are named after how the function was called.
//
// # Coroutines
//
// A coroutine is a Thread with its own stacks. Resume runs its frames in a
// nested loop; coroutine.yield (a Go function returning Thread.Yield) makes
// the loop return to Resume, leaving the frames in place, and the next
// Resume delivers its arguments as the results of that yield call. Yields
// cross pcall/xpcall markers, generic-for iterators, __call, and the
// metamethods the loop runs as frames: __index, __newindex, arithmetic and
// bitwise events, __unm, __bnot, __len, __eq, __lt, __le, __concat, and
// __close on a normal block exit, break or return (a frame flagged
// fFinishMM completes the interrupted instruction when it returns, like
// luaV_finishOp; for OP_CLOSE and OP_RETURN it runs the instruction
// again). A yield from inside a nested Go-level call (a comparator of
// table.sort, a gsub callback, __close while an error unwinds, __tostring...)
// fails with "attempt to yield across a C-call boundary".
//
// # Collection
//
// Go frees memory. Weak tables and __gc finalizers need answers Go does not
// give, so the vm traces a State's object graph itself (collect.go: roots,
// an explicit work list, ephemeron convergence) in full, atomic
// collections run by collectgarbage, automatically after Go's own cycles
// once a State has a weak table or a finalizer (checked at the instruction
// budget countdown, so the loop pays nothing extra), and at Close for the
// remaining finalizers (gc.go).
package vm
