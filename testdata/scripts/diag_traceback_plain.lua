-- Without --traceback-locals, an uncaught error's traceback is exactly
-- lua5.4's, although every frame has local variables of several types.
local config = {name = "svc", retries = 3}
local function parse(line, n)
  local fields = {}
  local text = string.rep("x", 80)
  for i = 1, n do
    fields[i] = line:sub(i, i)
  end
  error("bad field " .. #fields)
end
local function load_all(lines)
  local count = 0
  for _, l in ipairs(lines) do
    count = count + 1
    parse(l, 2)
  end
  return count
end
print("start")
load_all({"ab", "cd"})
