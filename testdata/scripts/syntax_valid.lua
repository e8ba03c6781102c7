-- unusual but valid syntax: everything here must load
local cases = {
  "",
  ";;;",
  "return",
  "return;",
  "local a <const> = 1 return a",
  "local a <close> = nil",
  "local a, b <const>, c = 1, 2, 3",
  "f = function(...) return ... end",
  "x = {} x.y = {} x.y.z = 1",
  "x = {[1]=1, 2; 3, n=4,}",
  "do ::a:: end do ::a:: end",
  "goto l; ::l::",
  "repeat local x = 1 until x == 1",
  "for i = 1, 2 do local i = i end",
  "x = -2^-2",
  "x = not not nil",
  "x = ('a'):rep(2)",
  "x = #'abc' + - - 1",
  "a, b = b, a",
  "local function f() return f end",
  "x = {f = function() end}",
  "s = [[a]] .. [=[b]=]",
  "x = 1 // 2 >> 1 ~ 3",
  "f{1} f'x' f[[y]]",
  "a.b.c:d 'e' {f}",
  "return (f())",
  "while false do break end",
  "if a then elseif b then elseif c then else end",
}
for i, src in ipairs(cases) do
  local f, err = load(src, "=valid")
  print(i, type(f), err)
end
