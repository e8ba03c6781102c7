-- json: a JSON encoder and decoder in pure Lua: string scanning with
-- string.byte/find/sub, escapes, recursion, table building, sorted keys
-- and number formatting, round-tripping a generated document.
local n = tonumber(arg and arg[1]) or 150

local escapes = {['"'] = '\\"', ['\\'] = '\\\\', ['\n'] = '\\n', ['\t'] = '\\t', ['\r'] = '\\r'}

local encode

local function encode_string(s, out)
  out[#out + 1] = '"' .. string.gsub(s, '[%c"\\]', function(c)
    return escapes[c] or string.format("\\u%04x", string.byte(c))
  end) .. '"'
end

local function encode_value(v, out)
  local tv = type(v)
  if tv == "string" then
    encode_string(v, out)
  elseif tv == "number" then
    if v == math.floor(v) and v > -1e15 and v < 1e15 then
      out[#out + 1] = string.format("%d", v)
    else
      out[#out + 1] = string.format("%.14g", v)
    end
  elseif tv == "boolean" then
    out[#out + 1] = v and "true" or "false"
  elseif v == nil then
    out[#out + 1] = "null"
  elseif #v > 0 then
    out[#out + 1] = "["
    for i = 1, #v do
      if i > 1 then out[#out + 1] = "," end
      encode_value(v[i], out)
    end
    out[#out + 1] = "]"
  else
    local keys = {}
    for k in pairs(v) do keys[#keys + 1] = k end
    table.sort(keys)
    out[#out + 1] = "{"
    for i, k in ipairs(keys) do
      if i > 1 then out[#out + 1] = "," end
      encode_string(k, out)
      out[#out + 1] = ":"
      encode_value(v[k], out)
    end
    out[#out + 1] = "}"
  end
end

function encode(v)
  local out = {}
  encode_value(v, out)
  return table.concat(out)
end

local decode_value

local function skip(s, i)
  return string.find(s, "[^ \t\r\n]", i) or #s + 1
end

local unescapes = {['"'] = '"', ['\\'] = '\\', ['/'] = '/', n = '\n', t = '\t', r = '\r', b = '\b', f = '\f'}

local function decode_string(s, i)
  -- i is just after the opening quote
  local parts = {}
  while true do
    local j = string.find(s, '["\\]', i)
    if not j then error("unterminated string") end
    parts[#parts + 1] = string.sub(s, i, j - 1)
    if string.byte(s, j) == 34 then return table.concat(parts), j + 1 end
    local e = string.sub(s, j + 1, j + 1)
    if e == "u" then
      parts[#parts + 1] = string.char(tonumber(string.sub(s, j + 2, j + 5), 16))
      i = j + 6
    else
      parts[#parts + 1] = unescapes[e] or error("bad escape")
      i = j + 2
    end
  end
end

function decode_value(s, i)
  i = skip(s, i)
  local c = string.byte(s, i)
  if c == 123 then -- {
    local obj = {}
    i = skip(s, i + 1)
    if string.byte(s, i) == 125 then return obj, i + 1 end
    while true do
      local k
      k, i = decode_string(s, skip(s, i) + 1)
      i = skip(s, i) + 1 -- the colon
      obj[k], i = decode_value(s, i)
      i = skip(s, i)
      c = string.byte(s, i)
      if c == 125 then return obj, i + 1 end
      i = i + 1 -- the comma
    end
  elseif c == 91 then -- [
    local arr = {}
    i = skip(s, i + 1)
    if string.byte(s, i) == 93 then return arr, i + 1 end
    while true do
      arr[#arr + 1], i = decode_value(s, i)
      i = skip(s, i)
      c = string.byte(s, i)
      if c == 93 then return arr, i + 1 end
      i = i + 1
    end
  elseif c == 34 then
    return decode_string(s, i + 1)
  elseif c == 116 then
    return true, i + 4
  elseif c == 102 then
    return false, i + 5
  elseif c == 110 then
    return nil, i + 4
  end
  local j = string.find(s, "[^%-+.%deE]", i) or #s + 1
  return tonumber(string.sub(s, i, j - 1)), j
end

local function decode(s)
  local v = decode_value(s, 1)
  return v
end

local function document(seed)
  local items = {}
  for i = 1, 60 do
    items[i] = {
      id = seed * 1000 + i,
      name = "item \"" .. i .. "\"\tname",
      price = i * 1.25 + seed,
      tags = {"a" .. i % 5, "b" .. i % 3, "c"},
      active = i % 2 == 0,
      dims = {w = i, h = i * 2, d = i / 4},
    }
  end
  return {version = seed, items = items, meta = {source = "bench\n", count = #items}}
end

local total = 0
for r = 1, n do
  local doc = document(r)
  local s = encode(doc)
  for _ = 1, 3 do
    local back = decode(s)
    s = encode(back)
  end
  local back = decode(s)
  total = (total + #s + back.items[r % 60 + 1].id + back.meta.count) % 1000000007
end
print("checksum", total, encode(decode('{"a":[1,2.5,"x\\u0041\\n",true,false,{}],"b":{"c":-3.5}}')))
