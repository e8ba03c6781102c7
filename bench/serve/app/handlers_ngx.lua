-- The four benchmark endpoints as OpenResty content handlers, written
-- against the ngx API only. nginx runs them (see run.sh's nginx.conf),
-- and so does tide serve with TIDE_BENCH_API=ngx (see tide.conf.lua).
local cjson = require "cjson"
local bucket = require "bucket"

-- the rate limit: RATE tokens per second per key, bursts of BURST
local RATE, BURST = 100, 100

local H = {}

function H.plain()
  ngx.header.content_type = "text/plain"
  ngx.print("hello, world")
end

function H.echo()
  ngx.req.read_body()
  local ok, v = pcall(cjson.decode, ngx.req.get_body_data() or "")
  if not ok then
    ngx.status = 400
    ngx.print(v)
    return
  end
  ngx.header.content_type = "application/json"
  ngx.print(cjson.encode(v))
end

function H.counter()
  local n = ngx.shared.counters:incr("hits", 1, 0)
  ngx.header.content_type = "text/plain"
  ngx.print(n)
end

function H.limited()
  local key = ngx.var.arg_key or "anon"
  local ok, left = bucket.take(ngx.shared.limits, key, RATE, BURST, ngx.now())
  ngx.header.content_type = "text/plain"
  if not ok then
    ngx.status = 429
    ngx.header["Retry-After"] = math.ceil(left)
    ngx.print("slow down")
    return
  end
  ngx.print("ok")
end

return H
