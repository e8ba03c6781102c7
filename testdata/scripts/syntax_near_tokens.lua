-- the "near" part of messages for different kinds of tokens
local cases = {
  "x = = 1",
  "x = 1 1",
  "x = 'str' 1",
  "x = 1.5 2",
  "x = a b",
  "x = nil nil",
  "x = ... ...",
  "x = [[long]] 1",
  "x = 1 and",
  "local function",
  "local function end",
  "x = 12345678901234567890 y",
  "x = 0x10 y",
  "x = 'a\\tb' 1",
  "x = '" .. string.rep("z", 100) .. "' 1",
  "x = 1 ::",
  "x = 1 <=",
  "return",
  "return;;",
  "x = }",
}
for i, src in ipairs(cases) do
  local f, err = load(src, "=near")
  print(i, type(f), err)
end
