-- An OpenResty-style application for tide serve: run it with
--
--   tide serve examples/serve/ngx
--
-- and try
--
--   curl localhost:8080/hello?name=tide
--   curl -H 'X-Api-Key: demo' localhost:8080/api/items/42
--   curl localhost:8080/api/items/42          (403: no key)
--   curl localhost:8080/hits
return {
  lang = "luajit",               -- handlers written for OpenResty (LuaJIT)
  shared_dicts = {stats = "1m"}, -- ngx.shared.stats, shared by every State
  states = 4,
  limits = {time = "5s"},
  app = "handlers.lua",
}
