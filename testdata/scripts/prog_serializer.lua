-- serialise nested tables deterministically (sorted keys)
local function serialize(v, indent)
  indent = indent or ""
  local tv = type(v)
  if tv == "string" then return string.format("%q", v)
  elseif tv ~= "table" then return tostring(v) end
  local keys = {}
  for k in pairs(v) do keys[#keys + 1] = k end
  table.sort(keys, function(a, b)
    if type(a) == type(b) then return a < b end
    return type(a) == "number"
  end)
  local out = {"{"}
  for _, k in ipairs(keys) do
    local ks = type(k) == "string" and k or "[" .. tostring(k) .. "]"
    out[#out + 1] = indent .. "  " .. ks .. " = " .. serialize(v[k], indent .. "  ") .. ","
  end
  out[#out + 1] = indent .. "}"
  return table.concat(out, "\n")
end
print(serialize({
  name = "tide", version = 5.4, tags = {"lua", "go"}, nested = {deep = {deeper = true}},
  [10] = "ten", [1.5] = "float key", quote = 'say "hi"\n',
}))
