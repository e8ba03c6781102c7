-- syntax errors in statements
local cases = {
  "if x then",
  "if x print(1) end",
  "if x then else else end",
  "while true do",
  "while true print(1) end",
  "repeat x = 1",
  "for i = 1 do end",
  "for i = 1, 2, 3, 4 do end",
  "for i in do end",
  "for 1 = 1, 2 do end",
  "for i, j = 1, 2 do end",
  "function f( end",
  "function (x) end",
  "function f() return 1 print(2) end",
  "do return; x = 1 end",
  "local = 1",
  "local x <foo> = 1",
  "local x <const>",
  "local x <const> = 1; x = 2",
  "local function f() end f = 1 local x <close> = nil x = 2",
  "break",
  "do break end",
  "goto nowhere",
  "x = 1 end",
  "end",
  "elseif",
  "local 1 = 2",
  "return 1; return 2",
  "local a <const>, b <close> = 1",
  "local a <close>, b <close> = 1, 2",
}
for i, src in ipairs(cases) do
  local f, err = load(src, "=stat")
  print(i, type(f), err)
end
