package iolib

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/tidelua/tide/internal/value"
	"github.com/tidelua/tide/internal/vm"
)

// runOps applies the operations coded in ops to s: reads in every format,
// seeks and writes (only on files). It must never panic.
func runOps(t *testing.T, l *vm.Thread, s *stream, ops []byte) {
	t.Helper()
	formats := [...]value.Value{value.String("n"), value.String("l"), value.String("L"), value.String("a"), value.String("*n")}
	for _, b := range ops {
		arg := int64(b / 10)
		var err error
		switch b % 10 {
		case 0, 1, 2, 3:
			_, _, err = read(l, s, formats[b%10:b%10+1], 1)
		case 4:
			_, _, err = read(l, s, []value.Value{value.Int(arg)}, 1)
		case 5:
			_, _, err = read(l, s, formats[:], 1)
		case 6:
			s.seek(arg, io.SeekStart)
		case 7:
			s.seek(-arg, io.SeekCurrent)
		case 8:
			_, err = write(s, []value.Value{value.String("x\n"), value.Int(arg), value.Float(0.5)}, 0)
		case 9:
			_, _, err = read(l, s, nil, 1)
		}
		if err != nil {
			t.Fatalf("op %d: %v", b, err)
		}
	}
}

// FuzzRead reads random contents with random formats, through a file
// open for update (with seeks and writes in between) and through a plain
// reader (standard input). Reads must not panic, and the file's contents
// read back must be what is on disk.
func FuzzRead(f *testing.F) {
	f.Add([]byte("12 0x1F -3.5e2 .5\nline\n\nlast"), []byte{0, 0, 1, 2, 3})
	f.Add([]byte("abc\ndef\n"), []byte{1, 8, 9, 7 + 20, 2, 6, 3})
	f.Add([]byte("  +0x1p4 99999999999999999999 1e 0x"), []byte{0, 0, 0, 0, 5, 14, 4})
	f.Add(bytes.Repeat([]byte("9"), 300), []byte{0, 0, 3})
	f.Add([]byte{}, []byte{0, 1, 2, 3, 4, 5, 9})
	f.Fuzz(func(t *testing.T, data, ops []byte) {
		if len(ops) > 64 {
			ops = ops[:64]
		}
		st := vm.NewState(vm.Options{MemoryLimit: 256 << 20})
		l := st.Main()

		in := &stream{kind: kindStd, canRead: true, src: bytes.NewReader(data)}
		runOps(t, l, in, ops)

		name := filepath.Join(t.TempDir(), "f")
		if err := os.WriteFile(name, data, 0o644); err != nil {
			t.Fatal(err)
		}
		osf, err := os.OpenFile(name, os.O_RDWR, 0)
		if err != nil {
			t.Fatal(err)
		}
		s := &stream{kind: kindFile, osf: osf, canRead: true, canWrite: true}
		defer s.closeFile()
		runOps(t, l, s, ops)
		if _, err := s.seek(0, io.SeekStart); err != nil {
			t.Fatal(err)
		}
		res, ioErr, err := read(l, s, []value.Value{value.String("a")}, 1)
		if err != nil || ioErr != nil {
			t.Fatal(err, ioErr)
		}
		disk, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if got := res[0].AsString(); got != string(disk) {
			t.Errorf("read back %q, the file holds %q", got, disk)
		}
	})
}
