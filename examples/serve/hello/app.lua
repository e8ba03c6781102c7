-- A tide serve application: run it with
--
--   tide serve examples/serve/hello
--
-- and try
--
--   curl localhost:8080/hello?name=tide
--   curl -d '{"a": 1}' localhost:8080/echo
--   curl localhost:8080/count
--   curl localhost:8080/metrics

-- Module-level state lives as long as the State: each of the server's
-- States keeps its own counter, as each OpenResty worker would.
local served = 0

local routes = {}

routes["GET /hello"] = function(req)
  local name = req.query.name or "world"
  return "hello, " .. name .. "!\n"
end

-- A table body is sent as JSON.
routes["POST /echo"] = function(req)
  local body, err = req:json()
  if err then
    return 400, err .. "\n"
  end
  return {received = body, agent = req.headers["user-agent"]}
end

routes["GET /count"] = function(req, res)
  served = served + 1
  res.headers["cache-control"] = "no-store"
  return 200, "this State served /count " .. served .. " times\n"
end

-- Everything else under /static/ streams its answer.
routes["/static/*"] = function(req, res)
  res.headers["content-type"] = "text/plain"
  res:write("you asked for ")
  res:write(req.path, "\n")
end

return routes
