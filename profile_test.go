package tide_test

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"io"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/tidelua/tide"
)

// profScript spends most of its time in hot(), until enough() says so.
const profScript = `
local function hot(n)
  local s = 0
  for i = 1, n do s = s + i % 7 end
  return s
end
local function cold(n)
  local t = {}
  for i = 1, n do t[i] = {i} end
  return t
end
local rounds = 0
repeat
  hot(20000)
  cold(200)
  rounds = rounds + 1
until enough() and rounds >= 3
`

// profState returns a State with enough(), which turns true once d has
// passed.
func profState(d time.Duration) *tide.State {
	s := tide.NewState(tide.Options{})
	start := time.Now()
	s.SetFunction("enough", func(s *tide.State, args []tide.Value) ([]tide.Value, error) {
		return []tide.Value{tide.Bool(time.Since(start) >= d)}, nil
	})
	return s
}

func TestProfile(t *testing.T) {
	s := profState(300 * time.Millisecond)
	defer s.Close()
	if err := s.StartProfile(tide.ProfileOptions{Alloc: true}); err != nil {
		t.Fatal(err)
	}
	if err := s.DoString(context.Background(), profScript, "=prof"); err != nil {
		t.Fatal(err)
	}
	p, err := s.StopProfile()
	if err != nil {
		t.Fatal(err)
	}
	total := p.TotalSamples()
	if total < 50 || p.Period != time.Millisecond || p.Duration <= 0 {
		t.Fatalf("%d samples, period %v, duration %v", total, p.Period, p.Duration)
	}
	var withHot, bytesTotal int64
	for _, sm := range p.Samples {
		for _, f := range sm.Stack {
			if f.Function == "hot (prof:2)" {
				withHot += sm.Count
				if f.Source != "prof" || f.Line < 2 || f.Line > 6 {
					t.Errorf("hot frame %+v", f)
				}
				break
			}
		}
		bytesTotal += sm.AllocBytes
	}
	if withHot*10 < total*7 {
		t.Errorf("hot on the stack in %d of %d samples", withHot, total)
	}
	if top := p.Top(1); len(top) != 1 || top[0].Function != "hot (prof:2)" || top[0].Self*10 < total*7 {
		t.Errorf("top entry %+v of %d samples", top, total)
	}
	if bytesTotal == 0 {
		t.Error("no allocation recorded")
	}

	t.Run("top", func(t *testing.T) {
		var b strings.Builder
		if err := p.WriteTop(&b, 20); err != nil {
			t.Fatal(err)
		}
		if !regexp.MustCompile(`(?m)^ +\d+ +\d+\.\d\d% +\d+\.\d\d% +\d+ +\d+\.\d\d%  hot \(prof:2\)$`).MatchString(b.String()) {
			t.Errorf("top table:\n%s", b.String())
		}
	})
	t.Run("folded", func(t *testing.T) {
		var b strings.Builder
		if err := p.WriteFolded(&b); err != nil {
			t.Fatal(err)
		}
		line := regexp.MustCompile(`^main chunk \(prof\)(;[^;]+)* [1-9]\d*$`)
		var sum int64
		for _, l := range strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n") {
			if !line.MatchString(l) {
				t.Errorf("folded line %q", l)
			}
			var n int64
			for _, c := range l[strings.LastIndexByte(l, ' ')+1:] {
				n = n*10 + int64(c-'0')
			}
			sum += n
		}
		if sum != total {
			t.Errorf("folded counts sum to %d, want %d", sum, total)
		}
	})
	t.Run("svg", func(t *testing.T) {
		var b bytes.Buffer
		if err := p.WriteSVG(&b); err != nil {
			t.Fatal(err)
		}
		d := xml.NewDecoder(&b)
		var titles []string
		inTitle := false
		for {
			tok, err := d.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("SVG is not well-formed: %v", err)
			}
			switch tok := tok.(type) {
			case xml.StartElement:
				inTitle = tok.Name.Local == "title"
			case xml.CharData:
				if inTitle {
					titles = append(titles, string(tok))
				}
			case xml.EndElement:
				inTitle = false
			}
		}
		found := false
		for _, ti := range titles {
			found = found || strings.HasPrefix(ti, "hot (prof:2) (")
		}
		if !found {
			t.Errorf("no frame of hot among %q", titles)
		}
	})
	t.Run("pprof", func(t *testing.T) {
		for _, w := range []func(io.Writer) error{p.WritePprof, p.WriteAllocPprof} {
			var b bytes.Buffer
			if err := w(&b); err != nil {
				t.Fatal(err)
			}
			if b.Len() < 20 || b.Bytes()[0] != 0x1f || b.Bytes()[1] != 0x8b {
				t.Errorf("not a gzipped profile: % x", b.Bytes()[:min(b.Len(), 8)])
			}
		}
	})
}

func TestProfileErrors(t *testing.T) {
	s := profState(0)
	if _, err := s.StopProfile(); !errors.Is(err, tide.ErrNotProfiling) {
		t.Errorf("StopProfile before StartProfile: %v", err)
	}
	if err := s.StartProfile(tide.ProfileOptions{Hz: 1 << 30}); err == nil {
		t.Error("an absurd rate was accepted")
	}
	if err := s.StartProfile(tide.ProfileOptions{Hz: 100}); err != nil {
		t.Fatal(err)
	}
	if err := s.StartProfile(tide.ProfileOptions{}); !errors.Is(err, tide.ErrProfiling) {
		t.Errorf("second StartProfile: %v", err)
	}
	// the profiler may be stopped and started from a host function
	s.SetFunction("restart", func(s *tide.State, args []tide.Value) ([]tide.Value, error) {
		if _, err := s.StopProfile(); err != nil {
			return nil, err
		}
		return nil, s.StartProfile(tide.ProfileOptions{})
	})
	if err := s.DoString(context.Background(), "restart()", "=t"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.StopProfile(); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if err := s.StartProfile(tide.ProfileOptions{}); err == nil {
		t.Error("StartProfile on a closed State succeeded")
	}
}
