package oslib

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/tidelua/tide/internal/stdlib/base"
	strlib "github.com/tidelua/tide/internal/stdlib/string"
	"github.com/tidelua/tide/internal/testutil"
	"github.com/tidelua/tide/internal/value"
	"github.com/tidelua/tide/internal/vm"
)

// diffScript normalises pseudo-random date tables with os.time and formats
// the results and pseudo-random times with every conversion, local and
// UTC; it also resolves times in daylight-saving gaps and overlaps.
const diffScript = `
local seed = 12345
local function rnd(a, b)
  seed = (seed * 1103515245 + 12345) % 2147483648
  return a + seed % (b - a + 1)
end
local function show(t)
  return string.format("%s-%s-%s %s:%s:%s yd=%s wd=%s dst=%s",
    t.year, t.month, t.day, t.hour, t.min, t.sec, t.yday, t.wday, tostring(t.isdst))
end
local fmt = "%a %A %b %B %c %C %d %D %e %F %g %G %h %H %I %j %m %M %p %r %R %S %T %u %U %V %w %W %x %X %y %Y %z %Z %%"
for i = 1, 150 do
  local t = {year = rnd(1890, 2100), month = rnd(-3, 15), day = rnd(-3, 33),
    hour = rnd(-2, 26), min = rnd(-5, 65), sec = rnd(-5, 65)}
  local r = rnd(0, 2)
  if r == 1 then t.isdst = true elseif r == 2 then t.isdst = false end
  local ok, v = pcall(os.time, t)
  print(ok, v, show(t))
  if ok then print(os.date(fmt, v)) print(os.date("!" .. fmt, v)) end
end
for _, f in ipairs{{2021, 3, 14, 2, 30}, {2021, 11, 7, 1, 30}, {2021, 3, 28, 2, 30},
    {2021, 10, 31, 2, 30}, {2021, 3, 28, 1, 30}, {2021, 10, 31, 1, 30}, {2021, 4, 4, 2, 15},
    {2021, 10, 3, 2, 15}, {2021, 9, 26, 2, 50}} do
  for _, d in ipairs{"nil", "true", "false"} do
    local t = {year = f[1], month = f[2], day = f[3], hour = f[4], min = f[5]}
    if d == "true" then t.isdst = true elseif d == "false" then t.isdst = false end
    print("gap", d, pcall(os.time, t))
    print(show(t))
  end
end
for i = 1, 150 do
  local v = rnd(-2147483647, 2147483647) * rnd(1, 200)
  print(os.date(fmt, v), os.date("!" .. fmt, v))
end
`

// TestDifferential runs diffScript under lua5.4 with TZ set to several
// zones and in-process with the same zone, and compares the outputs.
func TestDifferential(t *testing.T) {
	lua, err := exec.LookPath("lua5.4")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("the differential test needs lua5.4")
		}
		t.Skip("lua5.4 is not installed")
	}
	script := filepath.Join(t.TempDir(), "dates.lua")
	testutil.NoError(t, os.WriteFile(script, []byte(diffScript), 0o644))
	for _, zone := range []string{"UTC", "America/New_York", "Europe/London", "Australia/Lord_Howe", "Pacific/Chatham", "America/Sao_Paulo"} {
		t.Run(zone, func(t *testing.T) {
			t.Parallel()
			loc, err := time.LoadLocation(zone)
			testutil.NoError(t, err)
			if _, err := os.Stat(filepath.Join("/usr/share/zoneinfo", zone)); err != nil {
				t.Skipf("the system has no zoneinfo for %s", zone)
			}
			cmd := exec.Command(lua, script)
			cmd.Env = append(os.Environ(), "TZ="+zone)
			want, err := cmd.Output()
			testutil.NoError(t, err)

			var out bytes.Buffer
			st := vm.NewState(vm.Options{Stdout: &out})
			base.Open(st)
			strlib.Open(st)
			open(st, &clock{loc: loc, now: time.Now})
			fn, err := st.Load([]byte(diffScript), "=dates", "t", value.Nil)
			testutil.NoError(t, err)
			_, err = st.Main().Call(fn)
			testutil.NoError(t, err)
			testutil.EqualText(t, "output", out.String(), string(want))
		})
	}
}
