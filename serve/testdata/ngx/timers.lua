-- ngx.timer.at/every (run in their State once it is free), ngx.shared, ngx.sleep
--! states=2 dict=store=1m timeout=1s
local store = ngx.shared.store

local function wait_for(key, want)
  for _ = 1, 200 do
    local v = store:get(key)
    if v ~= nil and (want == nil or v >= want) then return v end
    ngx.sleep(0.01)
  end
  return "timed out"
end

return {
  ["/at"] = {content = function()
    local ok, err = ngx.timer.at(0, function(premature, a, b)
      store:set("at", (premature and "premature " or "ran ") .. a .. b .. " " .. ngx.get_phase())
      ngx.ctx.x = 1
    end, "x", 1)
    ngx.say(ok, " ", tostring(err))
  end},
  ["/at_check"] = {content = function()
    ngx.say(wait_for("at"))
  end},
  ["/every"] = {content = function()
    store:set("ticks", 0)
    ngx.say(ngx.timer.every(0.01, function(premature)
      if not premature then store:incr("ticks", 1) end
    end))
  end},
  ["/every_check"] = {content = function()
    ngx.say(wait_for("ticks", 3) >= 3)
  end},
  ["/bad"] = {content = function()
    ngx.say(pcall(ngx.timer.at, -1, print))
    ngx.say(pcall(ngx.timer.every, 0, print))
    ngx.say(pcall(ngx.timer.at, 1, "nope"))
  end},
  ["/timer_error"] = {content = function()
    ngx.timer.at(0, function() error("timer failed") end)
    ngx.timer.at(0, function() ngx.say("no request here") end)
    ngx.say("ok")
  end},
  ["/shared"] = {content = function()
    local d = ngx.shared.store
    d:set("k", "v", 10)
    ngx.say(d:get("k"), " ", d:incr("n", 5, 10), " ", d:incr("n", 1), " ", tostring(d:get("none")))
    ngx.say(d:add("k", "w"))
    ngx.say(pcall(function() return ngx.shared.nothere:get("x") end))
  end},
  ["/ratelimit"] = {access = function()
    local rl = require("tide.ratelimit").fixed_window{dict = "store", prefix = "rl:", limit = 2, window = 3600}
    local ok = rl:take(ngx.var.arg_key)
    if not ok then return ngx.exit(ngx.HTTP_TOO_MANY_REQUESTS) end
  end, content = function() ngx.say("admitted") end},
  ["/counts"] = {content = function()
    local before = ngx.timer.pending_count()
    ngx.timer.at(30, function() end)
    ngx.say(ngx.timer.pending_count() - before, " ", ngx.timer.running_count())
  end},
  ["/sleep"] = {content = function()
    local t0 = ngx.now()
    ngx.sleep(0.05)
    ngx.say(ngx.now() - t0 >= 0.04)
  end},
  ["/sleep_forever"] = {content = function()
    ngx.sleep(60)
  end},
}
--> GET /at
--< 200
--< B 1 nil\n
--> GET /at_check
--< 200
--< B ran x1 timer\n
--> GET /every
--< 200
--< B 1\n
--> GET /every_check
--< 200
--< B true\n
--> GET /bad
--< 200
--< B falsebad argument #1 to 'at' (bad delay)\nfalsebad argument #1 to 'every' (bad delay)\nfalsebad argument #2 to 'at' (function expected, got string)\n
--> GET /timer_error
--< 200
--< B ok\n
--< L timer error.*timer failed
--< L ngx.say: API disabled in the context of timer
--> GET /shared
--< 200
--< ~ ^v 15 16 nil\nfalseexistsfalse\nfalse.*attempt to index a nil value \(field 'nothere'\)
--> GET /ratelimit?key=a
--< 200
--> GET /ratelimit?key=a
--< 200
--> GET /ratelimit?key=a
--< 429
--> GET /ratelimit?key=b
--< 200
--< B admitted\n
--> GET /counts
--< 200
--< B 1 0\n
--> GET /sleep
--< 200
--< B true\n
--> GET /sleep_forever
--< 503
