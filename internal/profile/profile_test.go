package profile

import (
	"bytes"
	"compress/gzip"
	"encoding/xml"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

// testProfile is main -> hot (90 samples, two lines) and main -> cold
// (10), with a recursive stack and some allocation.
func testProfile() *Profile {
	main := Frame{Function: "main chunk (t.lua)", Source: "t.lua", Line: 20}
	hot := func(line int) Frame { return Frame{Function: "hot (t.lua:5)", Source: "t.lua", Line: line} }
	cold := Frame{Function: "cold (t.lua:1)", Source: "t.lua", Line: 2}
	rep := Frame{Function: "string.rep", Source: "[C]"}
	return &Profile{
		Period:   time.Millisecond,
		Start:    time.Unix(1700000000, 0),
		Duration: 150 * time.Millisecond,
		Samples: []Sample{
			{Stack: []Frame{hot(6), main}, Count: 60, Bytes: 1 << 20},
			{Stack: []Frame{hot(7), main}, Count: 20},
			{Stack: []Frame{hot(6), hot(8), main}, Count: 10},
			{Stack: []Frame{cold, main}, Count: 8},
			{Stack: []Frame{rep, cold, main}, Count: 2, Bytes: 4096},
			{Stack: []Frame{main}, Bytes: 512},
		},
	}
}

func TestTop(t *testing.T) {
	p := testProfile()
	got := p.Top(0)
	want := []Entry{
		{"hot (t.lua:5)", 90, 90},
		{"cold (t.lua:1)", 8, 10},
		{"string.rep", 2, 2},
		{"main chunk (t.lua)", 0, 100},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Top(0) = %v, want %v", got, want)
	}
	if got := p.Top(2); len(got) != 2 {
		t.Errorf("Top(2) has %d entries", len(got))
	}
	if p.TotalCount() != 100 || p.TotalBytes() != 1<<20+4096+512 {
		t.Errorf("totals %d %d", p.TotalCount(), p.TotalBytes())
	}
	var b strings.Builder
	if err := p.WriteTop(&b, 20); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(b.String(), "\n")
	wantLines := []string{
		"100 samples at 1000 Hz over 0.15s",
		"    flat   flat%    sum%      cum    cum%  function",
		"      90  90.00%  90.00%       90  90.00%  hot (t.lua:5)",
		"       8   8.00%  98.00%       10  10.00%  cold (t.lua:1)",
		"       2   2.00% 100.00%        2   2.00%  string.rep",
		"       0   0.00% 100.00%      100 100.00%  main chunk (t.lua)",
		"",
	}
	if !reflect.DeepEqual(lines, wantLines) {
		t.Errorf("WriteTop:\n%s\nwant:\n%s", b.String(), strings.Join(wantLines, "\n"))
	}
	var empty strings.Builder
	(&Profile{Period: time.Millisecond}).WriteTop(&empty, 20)
	if empty.String() != "0 samples at 1000 Hz over 0.00s\n" {
		t.Errorf("empty WriteTop: %q", empty.String())
	}
}

func TestFolded(t *testing.T) {
	p := testProfile()
	p.Samples = append(p.Samples, Sample{Stack: []Frame{{Function: "odd;name\nx"}}, Count: 1})
	var b strings.Builder
	if err := p.WriteFolded(&b); err != nil {
		t.Fatal(err)
	}
	want := `main chunk (t.lua);cold (t.lua:1) 8
main chunk (t.lua);cold (t.lua:1);string.rep 2
main chunk (t.lua);hot (t.lua:5) 80
main chunk (t.lua);hot (t.lua:5);hot (t.lua:5) 10
odd:name x 1
`
	if b.String() != want {
		t.Errorf("WriteFolded:\n%s\nwant:\n%s", b.String(), want)
	}
}

func TestSVG(t *testing.T) {
	for _, tc := range []struct {
		name string
		p    *Profile
		has  []string
	}{
		{"samples", testProfile(), []string{
			"<title>hot (t.lua:5) (90 samples, 90.00%)</title>",
			"<title>all (100 samples, 100.00%)</title>",
			">hot (t.lua:5)</text>",
		}},
		{"escaping", &Profile{Samples: []Sample{{Stack: []Frame{{Function: `a<b>&"c"`}}, Count: 3}}}, []string{
			"a&lt;b&gt;&amp;",
		}},
		{"empty", &Profile{}, []string{">no samples</text>"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := tc.p.WriteSVG(&b); err != nil {
				t.Fatal(err)
			}
			if err := wellFormed(b.Bytes()); err != nil {
				t.Fatalf("not well-formed XML: %v\n%s", err, b.String())
			}
			for _, h := range tc.has {
				if !strings.Contains(b.String(), h) {
					t.Errorf("SVG lacks %q", h)
				}
			}
			if strings.Contains(b.String(), "href") || strings.Contains(b.String(), "<script") {
				t.Error("SVG refers to external resources")
			}
		})
	}
}

// wellFormed decodes a whole XML document, checking that the root is an
// svg element.
func wellFormed(doc []byte) error {
	d := xml.NewDecoder(bytes.NewReader(doc))
	root := ""
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		if se, ok := tok.(xml.StartElement); ok && root == "" {
			root = se.Name.Local
		}
	}
	if root != "svg" {
		return errors.New("root element is " + root)
	}
	return nil
}

// The decoder below reads back the fields WritePprof writes.

type pbField struct {
	num  int
	wire int
	v    uint64 // varint
	b    []byte // length-delimited
}

func pbFields(t *testing.T, b []byte) []pbField {
	t.Helper()
	var fs []pbField
	for len(b) > 0 {
		key, n := pbVarint(b)
		if n == 0 {
			t.Fatal("bad varint")
		}
		b = b[n:]
		f := pbField{num: int(key >> 3), wire: int(key & 7)}
		switch f.wire {
		case 0:
			f.v, n = pbVarint(b)
			if n == 0 {
				t.Fatal("bad varint")
			}
			b = b[n:]
		case 2:
			l, n := pbVarint(b)
			if n == 0 || uint64(len(b)-n) < l {
				t.Fatal("bad length")
			}
			f.b = b[n : n+int(l)]
			b = b[n+int(l):]
		default:
			t.Fatalf("unexpected wire type %d", f.wire)
		}
		fs = append(fs, f)
	}
	return fs
}

func pbVarint(b []byte) (uint64, int) {
	var x uint64
	for i := 0; i < len(b) && i < 10; i++ {
		x |= uint64(b[i]&0x7f) << (7 * i)
		if b[i] < 0x80 {
			return x, i + 1
		}
	}
	return 0, 0
}

func pbPacked(t *testing.T, b []byte) []uint64 {
	var xs []uint64
	for len(b) > 0 {
		x, n := pbVarint(b)
		if n == 0 {
			t.Fatal("bad packed varint")
		}
		xs = append(xs, x)
		b = b[n:]
	}
	return xs
}

// decodedSample is a sample read back: function names and lines,
// innermost first, and values.
type decodedSample struct {
	stack  string
	values []uint64
}

// decodePprof reads a gzipped profile back into its sample types and
// samples.
func decodePprof(t *testing.T, data []byte) (types []string, samples []decodedSample) {
	t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	raw, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	var strs []string
	type fn struct{ name, file uint64 }
	funcs := map[uint64]fn{}
	type loc struct{ fn, line uint64 }
	locs := map[uint64]loc{}
	var rawSamples, rawTypes [][]byte
	for _, f := range pbFields(t, raw) {
		switch f.num {
		case fieldStringTable:
			strs = append(strs, string(f.b))
		case fieldSampleType:
			rawTypes = append(rawTypes, f.b)
		case fieldSample:
			rawSamples = append(rawSamples, f.b)
		case fieldFunction:
			var id uint64
			var v fn
			for _, g := range pbFields(t, f.b) {
				switch g.num {
				case fieldFuncID:
					id = g.v
				case fieldFuncName:
					v.name = g.v
				case fieldFuncFilename:
					v.file = g.v
				}
			}
			funcs[id] = v
		case fieldLocation:
			var id uint64
			var v loc
			for _, g := range pbFields(t, f.b) {
				switch g.num {
				case fieldLocID:
					id = g.v
				case fieldLocLine:
					for _, h := range pbFields(t, g.b) {
						switch h.num {
						case fieldLineFunction:
							v.fn = h.v
						case fieldLineLine:
							v.line = h.v
						}
					}
				}
			}
			locs[id] = v
		}
	}
	if len(strs) == 0 || strs[0] != "" {
		t.Fatal("string table must start with the empty string")
	}
	str := func(i uint64) string {
		if i >= uint64(len(strs)) {
			t.Fatalf("string index %d out of range", i)
		}
		return strs[i]
	}
	for _, b := range rawTypes {
		var typ, unit uint64
		for _, g := range pbFields(t, b) {
			switch g.num {
			case fieldVTType:
				typ = g.v
			case fieldVTUnit:
				unit = g.v
			}
		}
		types = append(types, str(typ)+"/"+str(unit))
	}
	for _, b := range rawSamples {
		var s decodedSample
		var names []string
		for _, g := range pbFields(t, b) {
			switch g.num {
			case fieldSampleLocation:
				for _, id := range pbPacked(t, g.b) {
					l, ok := locs[id]
					if !ok {
						t.Fatalf("unknown location %d", id)
					}
					f, ok := funcs[l.fn]
					if !ok {
						t.Fatalf("unknown function %d", l.fn)
					}
					names = append(names, str(f.name)+"@"+str(f.file)+":"+itoa(l.line))
				}
			case fieldSampleValue:
				s.values = pbPacked(t, g.b)
			}
		}
		s.stack = strings.Join(names, " < ")
		samples = append(samples, s)
	}
	return types, samples
}

func itoa(x uint64) string {
	if x == 0 {
		return "0"
	}
	var b []byte
	for ; x > 0; x /= 10 {
		b = append([]byte{byte('0' + x%10)}, b...)
	}
	return string(b)
}

func TestPprof(t *testing.T) {
	p := testProfile()
	var cpu, alloc bytes.Buffer
	if err := p.WritePprof(&cpu); err != nil {
		t.Fatal(err)
	}
	if err := p.WriteAllocPprof(&alloc); err != nil {
		t.Fatal(err)
	}
	types, samples := decodePprof(t, cpu.Bytes())
	if want := []string{"samples/count", "cpu/nanoseconds"}; !reflect.DeepEqual(types, want) {
		t.Errorf("CPU sample types %v, want %v", types, want)
	}
	wantCPU := []decodedSample{
		{"hot (t.lua:5)@t.lua:6 < main chunk (t.lua)@t.lua:20", []uint64{60, 60e6}},
		{"hot (t.lua:5)@t.lua:7 < main chunk (t.lua)@t.lua:20", []uint64{20, 20e6}},
		{"hot (t.lua:5)@t.lua:6 < hot (t.lua:5)@t.lua:8 < main chunk (t.lua)@t.lua:20", []uint64{10, 10e6}},
		{"cold (t.lua:1)@t.lua:2 < main chunk (t.lua)@t.lua:20", []uint64{8, 8e6}},
		{"string.rep@[C]:0 < cold (t.lua:1)@t.lua:2 < main chunk (t.lua)@t.lua:20", []uint64{2, 2e6}},
	}
	if !reflect.DeepEqual(samples, wantCPU) {
		t.Errorf("CPU samples:\n%v\nwant:\n%v", samples, wantCPU)
	}
	types, samples = decodePprof(t, alloc.Bytes())
	if want := []string{"alloc_space/bytes"}; !reflect.DeepEqual(types, want) {
		t.Errorf("alloc sample types %v, want %v", types, want)
	}
	wantAlloc := []decodedSample{
		{"hot (t.lua:5)@t.lua:6 < main chunk (t.lua)@t.lua:20", []uint64{1 << 20}},
		{"string.rep@[C]:0 < cold (t.lua:1)@t.lua:2 < main chunk (t.lua)@t.lua:20", []uint64{4096}},
		{"main chunk (t.lua)@t.lua:20", []uint64{512}},
	}
	if !reflect.DeepEqual(samples, wantAlloc) {
		t.Errorf("alloc samples:\n%v\nwant:\n%v", samples, wantAlloc)
	}
}

// TestPprofTool opens the profile with go tool pprof, when the go command
// is at hand.
func TestPprofTool(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go tool pprof")
	}
	goCmd, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command on PATH")
	}
	file := filepath.Join(t.TempDir(), "cpu.pb.gz")
	var b bytes.Buffer
	if err := testProfile().WritePprof(&b); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(goCmd, "tool", "pprof", "-top", file).CombinedOutput()
	if err != nil {
		t.Fatalf("go tool pprof: %v\n%s", err, out)
	}
	for _, want := range []string{"Type: cpu", "90ms", "hot (t.lua:5)", "main chunk (t.lua)", "string.rep"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("pprof -top output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(string(out), "Main binary filename not available") {
		t.Errorf("pprof looked for a binary:\n%s", out)
	}
}
