-- line numbers in error messages for statements spanning lines
local t = {}
print(pcall(function()
  local x = 1 +
    2 +
    t.missing
end))
print(pcall(function()
  local v = t
    .a
    .b
end))
print(pcall(function()
  t.fn(
    1,
    2
  )
end))
print(pcall(function()
  return "a"
    .. "b"
    .. nil
end))
print(pcall(function()
  error(
    "multi-line error call"
  )
end))
print(pcall(function()
  local s = "str"
  for i = 1, 2 do
    s = s .. i
  end
  return s + 1
end))
