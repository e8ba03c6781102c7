-- tide serve's configuration for the benchmark app. TIDE_BENCH_API=ngx in the
-- environment serves handlers_ngx.lua (the OpenResty handlers nginx
-- runs) instead of app.lua (tide's own handler API).
local routes
if os.getenv("TIDE_BENCH_API") == "ngx" then
  local H = require "handlers_ngx"
  routes = {
    ["GET /plain"] = {content = H.plain},
    ["POST /echo"] = {content = H.echo},
    ["GET /counter"] = {content = H.counter},
    ["GET /limited"] = {content = H.limited},
  }
end

return {
  app = "app.lua",
  routes = routes,
  shared_dicts = {counters = "1m", limits = "1m"},
}
