-- lexical errors reported by load
local cases = {
  "x = 'unfinished",
  'x = "unfinished\nnext"',
  "x = [[unfinished",
  "x = 'bad \\q escape'",
  "x = @",
  "x = $",
  "x = 3e",
  "x = 0x1.8pz",
  "x = ~= ~ 1",
  "x = '\\300'",
  "x = '\\u{110000000}'",
  "x = 'abc\\",
  "x = [==[ ]] ",
  "--[==[ ",
  "x = 1 ` 2",
}
for i, src in ipairs(cases) do
  print(i, load(src, "=src"))
end
