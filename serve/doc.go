// Package serve is tide's HTTP application server: it runs a Lua
// application (a handler function or a table of routes) on a pool of
// tide States, one request per State at a time, with per-request quotas,
// JSON logs, Prometheus metrics, health endpoints and graceful drain.
// The tide command's "tide serve" is a thin layer over it; embedders may
// run a [Server] in their own program. It uses only package tide and the
// Go standard library.
//
// # Applications
//
// An application is a Lua file, or a directory holding tide.conf.lua (a
// configuration, below) or else app.lua. The file returns either
//
//   - a handler, function(req, res), or
//   - a table of routes mapping "METHOD /path" (or "/path", any method)
//     to handlers: {["GET /hello"] = fn, ["/static/*"] = fn}.
//
// A path ending in "/*" is a prefix route: "/static/*" matches "/static"
// and every path under "/static/"; "/*" matches everything. Precedence:
// an exact route beats any prefix route; among prefix routes the longest
// prefix wins; at equal paths a route naming the method beats one for any
// method. HEAD requests match GET routes. A path matched only by routes
// of other methods gets 405 with an Allow header; no match at all is 404.
//
// The application runs once per State, when the State is created: what
// its module level computes (caches, compiled templates, required
// modules) lives on across the requests that State serves, as in an
// OpenResty worker. Globals created while serving a request are logged
// as warnings (the global table gets a __newindex guard once the app is
// loaded, unless the app gave it a metatable of its own; assignments to
// globals that already exist are not seen).
//
// # Request
//
// A handler receives req, a table with
//
//	req.method, req.path, req.remote_addr   strings
//	req.query        first value of each query parameter: {name = "v"}
//	req.headers      request headers, lower-case names; repeated headers
//	                 are joined with ", "
//	req.body         the body as a string, read on first access; past the
//	                 body limit the request ends with 413
//	req:query_all(name)  every value of a query parameter, a sequence
//	req:json()       the body decoded with tide's JSON module, or nil and
//	                 an error message
//
// query, headers and body are computed on first access and kept in req.
// req must not be used once its handler has returned.
//
// # Response
//
// The handler returns the response:
//
//	return "body"                      -- 200, text/plain
//	return 201, "body", {["x-id"] = 7} -- status, body, headers
//	return {ok = true}                 -- a table body is sent as JSON
//
// or uses res, its second argument: res.status (default 200) and
// res.headers (a table; a header value may be a sequence for repeated
// headers) apply to the response, and res:write(s) streams s to the
// client at once (the status and headers are sent on the first write;
// later changes to them are ignored). Returned values override res.status
// and res.headers entries. A handler returning nothing sends res.status
// with an empty body, or ends the streamed response. Content-Type
// defaults to "text/plain; charset=utf-8" (application/json for a table
// body). print in a handler writes to the error log.
//
// # Failures and quotas
//
// A handler raising an error gets 500 and its message and traceback go
// to the error log. Every request runs under the per-request time limit
// (a context deadline) and, when configured, an instruction budget and
// the States' memory limit; a handler stopped by one gets 503 and a log
// line, and its State is discarded (a fresh one replaces it), so a
// runaway handler disturbs nothing else. The quotas cost next to nothing
// (checks at calls and loop back-edges). os.exit in a handler is an error like any other (500); a
// handler whose client went away is stopped. A request waiting for a free
// State longer than its time limit also gets 503. A streamed response
// that fails after its first write is cut short (the connection is
// aborted).
//
// # Configuration
//
// A configuration file is Lua returning a table; every field is optional:
//
//	return {
//	  listen = ":8080",         -- address of the server
//	  admin = "127.0.0.1:9090", -- separate listener for the admin endpoints
//	  states = 4,               -- Lua States (default GOMAXPROCS)
//	  drain = "10s",            -- drain timeout at shutdown
//	  app = "app.lua",          -- the application file, relative to the config
//	  routes = {...},           -- or routes (or handler) given here directly
//	  limits = {
//	    time = "5s",            -- per request (a duration or seconds)
//	    instructions = 1e8,     -- per request (0: none)
//	    memory = "64MiB",       -- live Lua heap of each State
//	    body = "1MiB",          -- request body
//	    header = "64KiB",       -- request header
//	  },
//	}
//
// Sizes are bytes or strings with a unit (B, KB, MB, GB, KiB, MiB, GiB).
// Command-line options override the file. The configuration runs in each
// State like the application (its routes are functions of that State);
// without routes or handler it loads app (default "app.lua").
//
// # Admin endpoints
//
// /healthz answers 200 while the process is up; /readyz 200 once the
// application is loaded and 503 while draining; /metrics the Prometheus
// text format (requests by route and status, a latency histogram by
// route, requests in flight, quota stops by kind, handler errors, State
// pool usage). They are served on the application's listener (taking
// precedence over its routes) unless a separate admin listener is given.
//
// # Shutdown
//
// When the context given to [Server.Serve] is done, /readyz turns 503;
// after Options.DrainDelay the listener closes, requests in flight finish,
// and Serve returns, at the latest after Options.Drain, when running
// handlers are stopped.
package serve
