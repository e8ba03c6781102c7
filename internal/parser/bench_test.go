package parser

import (
	"fmt"
	"strings"
	"testing"
)

// benchSource generates about size bytes of varied Lua code.
func benchSource(size int) []byte {
	var b strings.Builder
	for i := 0; b.Len() < size; i++ {
		fmt.Fprintf(&b, `
local function f%d(a, b, ...)
  local t = {1, 2.5, "str%d", x = a, [b] = {...}, n = select("#", ...)}
  for i = 1, #t do
    if t[i] ~= nil and type(t[i]) == "number" then
      t.sum = (t.sum or 0) + t[i] * 2 ^ -i // 3 %% 7
    elseif a.b.c:method("x", 'y', [[z]]) then
      t[#t + 1] = a .. b .. tostring(i)
    else
      break
    end
  end
  for k, v in pairs(t) do print(k, v) end
  while a < b do a = a + 1 end
  repeat b = b - 1 until b <= 0
  return t, function(x) return x * %d end
end
-- comment %d
`, i, i, i, i)
	}
	return []byte(b.String())
}

func BenchmarkParse(b *testing.B) {
	src := benchSource(100 << 10)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(src, "=bench"); err != nil {
			b.Fatal(err)
		}
	}
}
