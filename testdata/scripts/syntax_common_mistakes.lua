-- operators and statements from other languages are rejected
local cases = {
  "a = 1 ++ 2",
  "a += 1",
  "a = 2 ** 3",
  "a = !b",
  "if a != b then end",
  "if a && b then end",
  "if (a) { }",
  "a = b ? 1 : 2",
  "continue",
  "function f() {}",
  "var x = 1",
  "local x = 1;;; local y = 2",
  "for i = 0; i < 10; i++ do end",
  "x = [1, 2, 3]",
  "x = 'a' + 'b'",
  "return nil, -- trailing comma\n",
  "elif x then end",
  "a = 1 === 1",
  "else",
}
for i, src in ipairs(cases) do
  local f, err = load(src, "=mistake")
  print(i, type(f), err)
end
