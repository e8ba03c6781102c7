-- a tiny recursive-descent parser for a JSON subset
local function parse(s)
  local pos = 1
  local function ws() pos = s:find("%S", pos) or #s + 1 end
  local value
  local function str()
    local e = s:find('"', pos + 1, true)
    local v = s:sub(pos + 1, e - 1)
    pos = e + 1
    return v
  end
  local function num()
    local n = s:match("^-?%d+%.?%d*[eE]?[-+]?%d*", pos)
    pos = pos + #n
    return tonumber(n)
  end
  local function arr()
    pos = pos + 1
    local t = {}
    ws()
    if s:sub(pos, pos) == "]" then pos = pos + 1 return t end
    while true do
      t[#t + 1] = value()
      ws()
      local c = s:sub(pos, pos)
      pos = pos + 1
      if c == "]" then return t end
      if c ~= "," then error("expected ',' at " .. (pos - 1)) end
    end
  end
  local function obj()
    pos = pos + 1
    local t = {}
    ws()
    if s:sub(pos, pos) == "}" then pos = pos + 1 return t end
    while true do
      ws()
      local k = str()
      ws()
      pos = pos + 1 -- ':'
      t[k] = value()
      ws()
      local c = s:sub(pos, pos)
      pos = pos + 1
      if c == "}" then return t end
    end
  end
  function value()
    ws()
    local c = s:sub(pos, pos)
    if c == "{" then return obj()
    elseif c == "[" then return arr()
    elseif c == '"' then return str()
    elseif s:find("^true", pos) then pos = pos + 4 return true
    elseif s:find("^false", pos) then pos = pos + 5 return false
    else return num() end
  end
  return value()
end
local doc = parse('{"name": "tide", "nums": [1, 2.5, -3, 1e3], "ok": true, "nested": {"a": []}}')
print(doc.name, #doc.nums, doc.nums[1], doc.nums[2], doc.nums[3], doc.nums[4], doc.ok, #doc.nested.a)
print(math.type(doc.nums[1]), math.type(doc.nums[4]))
print(pcall(parse, "[1 2]"))
