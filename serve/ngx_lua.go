package serve

// ngxSource builds the ngx module in a State from the host functions of
// its worker (see worker.ngxHost). It runs once per State, before the
// application loads, and returns the module, which becomes the global
// ngx and require("ngx"). Tables whose fields are computed per request
// (ngx.header, ngx.var, ngx.status, ngx.ctx) are proxies calling the
// host; every table of the module raises "ngx.foo is not supported by
// tide serve" for a name it does not have.
const ngxSource = `
local host, consts = ...
local setmetatable, rawset, error, tostring, type, pairs =
      setmetatable, rawset, error, tostring, type, pairs

local function strict(t, prefix, dyn)
  return setmetatable(t, {__index = function(_, k)
    if dyn then
      local f = dyn[k]
      if f then return f() end
    end
    error(prefix .. tostring(k) .. " is not supported by tide serve", 2)
  end})
end

local getmetatable = getmetatable
local ngx = {}
for k, v in pairs(consts) do ngx[k] = v end
for k, v in pairs(host.top) do ngx[k] = v end

local hget, hset, hvget, hvset = host.header_get, host.header_set, host.var_get, host.var_set
ngx.header = setmetatable({}, {
  __index = function(_, k) return hget(k) end,
  __newindex = function(_, k, v) hset(k, v) end,
})
ngx.var = setmetatable({}, {
  __index = function(_, k) return hvget(k) end,
  __newindex = function(_, k, v) hvset(k, v) end,
})
ngx.arg = host.arg
ngx.req = strict(host.req, "ngx.req.")
ngx.re = strict(host.re, "ngx.re.")
ngx.timer = strict(host.timer, "ngx.timer.")
ngx.worker = strict(host.worker, "ngx.worker.")
ngx.socket = strict({tcp = host.tcp}, "ngx.socket.")
ngx.config = strict(host.config, "ngx.config.")
ngx.shared = host.shared
ngx.null = host.null

local hstatus, hsetstatus, hctx, hsetctx = host.status_get, host.status_set, host.ctx_get, host.ctx_set
local dyn = {
  status = hstatus,
  ctx = hctx,
  headers_sent = host.headers_sent,
  is_subrequest = function() return false end,
}
local mt = getmetatable(strict({}, "ngx.", dyn))
mt.__newindex = function(t, k, v)
  if k == "status" then hsetstatus(v)
  elseif k == "ctx" then hsetctx(v)
  else rawset(t, k, v) end
end
setmetatable(ngx, mt)

-- ngx.req.get_headers's table finds "Content_Type" as "content-type"
local rawget = rawget
local hmt = {__index = function(t, k)
  if type(k) == "string" then
    local n = k:lower():gsub("_", "-")
    if n ~= k then return rawget(t, n) end
  end
end}
local hgetheaders = host.req.get_headers
host.req.get_headers = function(...)
  local t, err = hgetheaders(...)
  return setmetatable(t, hmt), err
end
return ngx
`
