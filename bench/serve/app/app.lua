-- The four benchmark endpoints in tide serve's own handler API; run.sh
-- serves this directory (tide.conf.lua declares the shared dicts). The
-- same endpoints in the ngx API are in handlers_ngx.lua.
local bucket = require "bucket"

-- the rate limit: RATE tokens per second per key, bursts of BURST
local RATE, BURST = 100, 100

-- tide serve offers the shared dicts as ngx.shared; without them the
-- two routes that need them answer 501 (run.sh then shows them n/a)
local ngx = rawget(_G, "ngx") or {}
local shared = ngx.shared or {}
local counters, limits = shared.counters, shared.limits
local now = ngx.now or os.time
local NO_DICTS = "no shared dict in this server"

return {
  ["GET /plain"] = function()
    return "hello, world"
  end,

  ["POST /echo"] = function(req)
    local v, err = req:json()
    if v == nil then
      return 400, err
    end
    return v -- a table is sent as JSON
  end,

  ["GET /counter"] = function()
    if not counters then return 501, NO_DICTS end
    return tostring(counters:incr("hits", 1, 0))
  end,

  ["GET /limited"] = function(req)
    if not limits then return 501, NO_DICTS end
    local ok, left = bucket.take(limits, req.query.key or "anon", RATE, BURST, now())
    if not ok then
      return 429, "slow down", {["retry-after"] = math.ceil(left)}
    end
    return "ok"
  end,
}
