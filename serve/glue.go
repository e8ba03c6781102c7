package serve

// glueSource is the Lua side of the request and response API. It runs
// once in each State, after the application loaded, with the host
// functions of the State's worker; it returns the dispatch function the
// server calls for every request. Building req and res in Lua keeps the
// per-request work on the host side to a few string arguments; query,
// headers and body are fetched from the host on first access only.
const glueSource = `
local host = ...
local setmetatable, rawset, select, tostring, type, next =
      setmetatable, rawset, select, tostring, type, next
local concat = table.concat
local hqueryall, hjson, hwrite, hprint, hglobal =
      host.query_all, host.json, host.write, host.print, host.global

local lazy = {query = host.query, headers = host.headers, body = host.body}
local methods = {
  query_all = function(self, name) return hqueryall(name) end,
  json = function(self) return hjson() end,
}
local reqmt = {__index = function(self, k)
  local f = lazy[k]
  if f then
    local v = f()
    rawset(self, k, v)
    return v
  end
  return methods[k]
end}

local resmt = {__index = {
  write = function(self, ...)
    hwrite(self.status, self.headers, ...)
    return self
  end,
}}

print = function(...)
  local n = select("#", ...)
  local t = {...}
  for i = 1, n do t[i] = tostring(t[i]) end
  hprint(concat(t, "\t", 1, n))
end

if getmetatable(_G) == nil then
  setmetatable(_G, {__newindex = function(t, k, v)
    hglobal(tostring(k))
    rawset(t, k, v)
  end})
end

return function(handler, method, path, remote)
  local req = setmetatable({method = method, path = path, remote_addr = remote}, reqmt)
  local res = setmetatable({status = 200, headers = {}}, resmt)
  local a, b, c = handler(req, res)
  local rh = res.headers
  if type(rh) == "table" and next(rh) == nil then rh = nil end
  return a, b, c, res.status, rh
end
`
