package compiler

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	bc "github.com/tidelua/tide/internal/bytecode"
	"github.com/tidelua/tide/internal/parser"
)

// FuzzCompile parses and compiles arbitrary input. Invariants: no panic
// and no internal error; a successful compile yields a well-formed Proto.
func FuzzCompile(f *testing.F) {
	for _, dir := range []string{"testdata/golden", "../../testdata/scripts"} {
		files, _ := filepath.Glob(filepath.Join(dir, "*.lua"))
		for _, file := range files {
			if src, err := os.ReadFile(file); err == nil {
				f.Add(src)
			}
		}
	}
	for _, tc := range errorTests {
		if len(tc.src) < 4096 {
			f.Add([]byte(tc.src))
		}
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		done := make(chan struct{})
		timer := time.AfterFunc(20*time.Second, func() {
			select {
			case <-done:
			default:
				panic(fmt.Sprintf("parse+compile hangs on %q", src))
			}
		})
		defer func() {
			close(done)
			timer.Stop()
		}()
		chunk, err := parser.Parse(src, "=fuzz")
		if err != nil {
			return
		}
		p, err := Compile(chunk)
		if err != nil {
			var ie *InternalError
			if errors.As(err, &ie) {
				t.Fatalf("internal error: %v", err)
			}
			return
		}
		if err := verify(p); err != nil {
			t.Fatalf("bad proto: %v", err)
		}
	})
}

// verify checks structural invariants of a compiled function: operand
// ranges, jump targets, debug info sizes.
func verify(p *bc.Proto) error {
	n := len(p.Code)
	if len(p.Lines) != n {
		return fmt.Errorf("%d lines for %d instructions", len(p.Lines), n)
	}
	if p.MaxStackSize > bc.MaxRegisters || p.MaxStackSize < 2 {
		return fmt.Errorf("max stack size %d", p.MaxStackSize)
	}
	if n == 0 {
		return fmt.Errorf("empty code")
	}
	if op := p.Code[n-1].Op(); op != bc.OpReturn && op != bc.OpReturn0 && op != bc.OpReturn1 {
		return fmt.Errorf("last instruction is %v", op)
	}
	reg := func(pc, r int) error {
		if r < 0 || r >= p.MaxStackSize {
			return fmt.Errorf("pc %d (%v): register %d out of %d", pc, p.Code[pc].Op(), r, p.MaxStackSize)
		}
		return nil
	}
	kst := func(pc, k int) error {
		if k < 0 || k >= len(p.Constants) {
			return fmt.Errorf("pc %d (%v): constant %d out of %d", pc, p.Code[pc].Op(), k, len(p.Constants))
		}
		return nil
	}
	target := func(pc, t int) error {
		if t < 0 || t >= n {
			return fmt.Errorf("pc %d (%v): jump to %d out of %d", pc, p.Code[pc].Op(), t, n)
		}
		return nil
	}
	for pc, in := range p.Code {
		var err error
		switch op := in.Op(); op {
		case bc.OpJmp:
			err = target(pc, pc+1+in.SJ())
		case bc.OpForLoop, bc.OpTForLoop:
			err = target(pc, pc+1-in.Bx())
		case bc.OpForPrep:
			err = target(pc, pc+1+in.Bx())
		case bc.OpTForPrep:
			err = target(pc, pc+1+in.Bx())
		case bc.OpLoadK:
			err = kst(pc, in.Bx())
		case bc.OpGetTabUp, bc.OpGetField:
			err = kst(pc, in.C())
		case bc.OpSetTabUp, bc.OpSetField:
			err = kst(pc, in.B())
		case bc.OpClosure:
			if in.Bx() >= len(p.Protos) {
				err = fmt.Errorf("pc %d: closure %d out of %d", pc, in.Bx(), len(p.Protos))
			}
		case bc.OpMove, bc.OpGetUpval, bc.OpLoadI, bc.OpLoadF, bc.OpLoadTrue, bc.OpLoadFalse,
			bc.OpNewTable, bc.OpAdd, bc.OpAddI, bc.OpAddK, bc.OpConcat, bc.OpNot, bc.OpLen:
			err = reg(pc, in.A())
		case bc.OpLoadNil:
			err = reg(pc, in.A()+in.B())
		}
		if err == nil && isTestOp(in.Op()) {
			if pc+1 >= n || p.Code[pc+1].Op() != bc.OpJmp {
				err = fmt.Errorf("pc %d: test %v not followed by a jump", pc, in.Op())
			}
		}
		if err != nil {
			return err
		}
	}
	for _, lv := range p.LocVars {
		if lv.StartPC < 0 || lv.EndPC > n || lv.StartPC > lv.EndPC {
			return fmt.Errorf("local %q range %d..%d of %d", lv.Name, lv.StartPC, lv.EndPC, n)
		}
	}
	for _, c := range p.Protos {
		if err := verify(c); err != nil {
			return fmt.Errorf("function at line %d: %w", c.LineDefined, err)
		}
	}
	return nil
}

func TestVerifyGolden(t *testing.T) {
	files, _ := filepath.Glob("testdata/golden/*.lua")
	for _, file := range files {
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		chunk, err := parser.Parse(src, "=test")
		if err != nil {
			t.Fatal(err)
		}
		p, err := Compile(chunk)
		if err != nil {
			t.Fatal(err)
		}
		if err := verify(p); err != nil {
			t.Errorf("%s: %v", file, err)
		}
	}
}
