-- The handlers: OpenResty phase handlers, as they would appear in
-- access_by_lua_block, content_by_lua_block and log_by_lua_block.
local cjson = require("cjson")
local stats = ngx.shared.stats

local keys = {demo = "demo user"}

return {
  init_worker = function()
    -- one timer per State, as OpenResty starts one per worker
    if ngx.worker.id() == 0 then
      ngx.timer.every(60, function(premature)
        if premature then return end
        ngx.log(ngx.INFO, "hits so far: ", stats:get("hits") or 0)
      end)
    end
  end,

  ["GET /hello"] = {
    content = function()
      local name = ngx.var.arg_name or "world"
      ngx.say("hello, ", ngx.unescape_uri(name), "!")
    end,
  },

  ["/api/*"] = {
    access = function()
      local user = keys[ngx.var.http_x_api_key or ""]
      if not user then
        return ngx.exit(ngx.HTTP_FORBIDDEN)
      end
      ngx.ctx.user = user
    end,
    content = function()
      local m = ngx.re.match(ngx.var.uri, [[^/api/items/(?<id>\d+)$]], "jo")
      if not m then
        return ngx.exit(ngx.HTTP_NOT_FOUND)
      end
      ngx.header.content_type = "application/json"
      ngx.say(cjson.encode({id = tonumber(m.id), user = ngx.ctx.user, half = m.id / 2}))
    end,
    header_filter = function()
      ngx.header["X-Served-By"] = "tide/" .. ngx.worker.id()
    end,
    log = function()
      stats:incr("hits", 1, 0)
    end,
  },

  ["GET /hits"] = function()
    ngx.say(stats:get("hits") or 0)
  end,
}
