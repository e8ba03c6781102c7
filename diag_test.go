package tide_test

import (
	"context"
	"errors"
	"os/exec"
	"strings"
	"testing"

	"github.com/tidelua/tide"
)

func doString(t *testing.T, s *tide.State, src string) {
	t.Helper()
	if err := s.DoString(context.Background(), src, "=t"); err != nil {
		t.Fatal(err)
	}
}

func TestMemoryReport(t *testing.T) {
	for _, track := range []bool{false, true} {
		s := tide.NewState(tide.Options{TrackSites: track})
		doString(t, s, `
keep = {}
for i = 1, 10000 do
  keep[i] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}
end`)
		r := s.MemoryReport()
		if r == nil {
			t.Fatal("no report")
		}
		if len(r.Objects) == 0 || r.Objects[0].Kind != "tables" || r.Objects[0].Count < 10000 {
			t.Fatalf("objects: %+v", r.Objects)
		}
		var sum int64
		for _, o := range r.Objects {
			sum += o.Bytes
		}
		if sum != r.LuaLive || r.LuaLive <= 0 {
			t.Errorf("LuaLive %d, objects sum to %d", r.LuaLive, sum)
		}
		if len(r.Largest) != 10 || r.Largest[0].ArrayLen < 10000 {
			t.Fatalf("largest: %+v", r.Largest)
		}
		wantSite := ""
		if track {
			wantSite = "t:2"
		}
		if r.Largest[0].Site != wantSite {
			t.Errorf("TrackSites %v: site %q, want %q", track, r.Largest[0].Site, wantSite)
		}
		if r.HeapInUse <= 0 || r.HeapInUse != r.HeapObjects+r.HeapUnused || r.GC.HeapGoal <= 0 || r.Verdict == "" {
			t.Errorf("Go figures: %+v", r)
		}
		text := r.String()
		for _, h := range []string{"memory report\n", "Lua heap", "largest tables:", "Go runtime", "heap in use", "heap idle", "released to the OS", "goroutine stacks", "process RSS", "where the memory goes:", "=> mostly", "GC statistics:", "Go cycles", "heap goal", "tide collections"} {
			if !strings.Contains(text, h) {
				t.Errorf("report lacks %q:\n%s", h, text)
			}
		}
		var b strings.Builder
		if n, err := r.WriteTo(&b); err != nil || n != int64(len(text)) || b.String() != text {
			t.Errorf("WriteTo wrote %d bytes, err %v", n, err)
		}
		s.Close()
		if s.MemoryReport() != nil || s.Coroutines() != nil {
			t.Error("report of a closed State")
		}
	}
}

func TestCoroutines(t *testing.T) {
	s := tide.NewState(tide.Options{})
	defer s.Close()
	doString(t, s, `
queue = {}
local function job(n)
  local state = n
  coroutine.yield()
end
local co = coroutine.create(job)
coroutine.resume(co, 1)
table.insert(queue, co)
local dropped = coroutine.create(job)
coroutine.resume(dropped, 2)
dropped = nil
`)
	cs := s.Coroutines()
	if len(cs) != 1 {
		t.Fatalf("inventory %+v, want the queued coroutine only", cs)
	}
	c := cs[0]
	if c.Status != "suspended" || c.Created != "t:7" || c.Where != "t:5" || len(c.Frames) != 2 {
		t.Errorf("inventory entry %+v", c)
	}
	want := "suspended, created at t:7, age "
	if got := c.String(); !strings.HasPrefix(got, want) || !strings.HasSuffix(got, ", at t:5\n\t[C]: in function 'coroutine.yield'\n\tt:5: in function <t:3>") {
		t.Errorf("String() = %q", got)
	}
	var b strings.Builder
	if err := tide.WriteCoroutines(&b, cs); err != nil || !strings.HasPrefix(b.String(), "coroutines: 1 live\n#1 suspended, created at t:7") {
		t.Errorf("WriteCoroutines: %q, %v", b.String(), err)
	}
}

// TestCoroutinesFromHostFunction checks the inventory taken while Lua
// code calls the host.
func TestCoroutinesFromHostFunction(t *testing.T) {
	s := tide.NewState(tide.Options{})
	defer s.Close()
	var got []tide.CoroutineInfo
	s.SetFunction("inventory", func(s *tide.State, args []tide.Value) ([]tide.Value, error) {
		got = s.Coroutines()
		if r := s.MemoryReport(); r == nil {
			return nil, errors.New("no memory report inside a call")
		}
		return nil, nil
	})
	doString(t, s, `
local co = coroutine.wrap(function()
  inventory()
end)
co()`)
	if len(got) != 1 || got[0].Status != "running" || got[0].Where != "t:3" {
		t.Errorf("inventory %+v", got)
	}
}

const localsScript = `
local function check(n, label)
  local limit = 10
  if n > limit then
    error("too big: " .. n)
  end
end
local count = 42
check(count, "answer")
`

func TestTracebackLocals(t *testing.T) {
	s := tide.NewState(tide.Options{TracebackLocals: true})
	defer s.Close()
	err := s.DoString(context.Background(), localsScript, "=t")
	var e *tide.Error
	if !errors.As(err, &e) {
		t.Fatalf("error %v", err)
	}
	for _, h := range []string{
		"\tt:5: in local 'check'\n\t\tn = 42\n\t\tlabel = \"answer\"\n\t\tlimit = 10\n",
		"\tt:9: in main chunk\n\t\tcheck = function: 0x",
		"\t\tcount = 42\n\t[C]: in ?",
	} {
		if !strings.Contains(e.Traceback, h) {
			t.Errorf("traceback lacks %q:\n%s", h, e.Traceback)
		}
	}
}

// TestTracebackWithoutLocals checks that without the option the
// traceback is the reference's.
func TestTracebackWithoutLocals(t *testing.T) {
	lua, err := exec.LookPath("lua5.4")
	if err != nil {
		t.Skip("lua5.4 not on PATH")
	}
	cmd := exec.Command(lua, "-e", strings.ReplaceAll(localsScript, "\n", " "))
	cmd.Args[0] = "lua5.4"
	out, _ := cmd.CombinedOutput()
	ref := string(out)
	s := tide.NewState(tide.Options{})
	defer s.Close()
	err = s.DoString(context.Background(), strings.ReplaceAll(localsScript, "\n", " "), "=(command line)")
	var e *tide.Error
	if !errors.As(err, &e) {
		t.Fatalf("error %v", err)
	}
	got := "lua5.4: " + e.Message + "\n" + e.Traceback + "\n"
	if got != ref {
		t.Errorf("traceback:\n%s\nlua5.4:\n%s", got, ref)
	}
}

// TestWriteCoroutinesSummary checks the summary of a long inventory.
func TestWriteCoroutinesSummary(t *testing.T) {
	s := tide.NewState(tide.Options{})
	defer s.Close()
	doString(t, s, `
pending = {}
local function wait() coroutine.yield() end
for i = 1, 150 do
  local co = coroutine.create(wait)
  coroutine.resume(co)
  pending[i] = co
end
pending.other = coroutine.create(wait)
`)
	var b strings.Builder
	if err := tide.WriteCoroutines(&b, s.Coroutines()); err != nil {
		t.Fatal(err)
	}
	want := "coroutines: 151 live\nby status, creation site and position:\n" +
		"     150  suspended, created at t:5, at t:3\n" +
		"       1  suspended, created at t:9\n" +
		"#1 suspended, created at t:5, age "
	if got := b.String(); !strings.HasPrefix(got, want) || !strings.HasSuffix(got, "\n... and 51 more\n") {
		t.Errorf("got:\n%s", got)
	}
}
