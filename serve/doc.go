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
//	  lang = "luajit",          -- language mode of the States ("lua5.4" default)
//	  shared_dicts = {cache = "10m"},  -- ngx.shared.cache (--shared-dict cache=10m)
//	  init = function() end,    -- run once per State at load (see Phases)
//	  init_worker = function() end,
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
// # Phases
//
// A route may map to a table of phase handlers instead of a function,
// as OpenResty's *_by_lua directives do:
//
//	["/api/*"] = {
//	  rewrite = fn, access = fn, content = fn,
//	  header_filter = fn, body_filter = fn, log = fn,
//	}
//
// Phase handlers take no arguments and use the ngx API. rewrite, access
// and content run in that order; rewrite and access end the request
// with ngx.exit(status) for a status of 200 or more (or by returning
// such a status), and go on to the next phase with ngx.exit(ngx.OK).
// A route without content answers 404. ngx.exit(status) with status
// 300 or more before any output sends nginx's error page for it;
// ngx.exit(444) closes the connection. header_filter runs once, when the
// headers are committed (the first output, ngx.flush, or the end), and
// may still change ngx.status and ngx.header; body_filter runs for each
// chunk of output (each ngx.say/ngx.print, then a last empty chunk with
// ngx.arg[2] = true) and may replace ngx.arg[1]. log runs after the
// response is sent; its errors are logged and change nothing. ngx.ctx is
// one table per request, shared by its phases.
//
// init and init_worker (configuration fields, or keys of the routes
// table) run in each State when it loads, after the application's main
// chunk: OpenResty's init_by_lua runs once in the master process and
// forks its heap into the workers, but tide's States share no heap, so
// "init" runs once per State and "init_worker" is the same moment. Use
// them to fill module-level caches and to start timers (one set per
// State, as OpenResty starts one per worker).
//
// # The ngx API
//
// The global ngx (also require("ngx")) exists in every State, for phase
// handlers and plain handlers alike (a plain handler that returns
// nothing after using ngx.say or ngx.exit answers through ngx). It
// implements this subset of OpenResty's API with its semantics:
//
//	output    ngx.say, ngx.print (buffered; strings, numbers, booleans,
//	          nil, ngx.null and nested arrays of them), ngx.flush (sends
//	          what is buffered: the response becomes chunked), ngx.eof,
//	          ngx.exit, ngx.redirect(uri [, status]), ngx.status,
//	          ngx.header (get/set/remove; "_" in names becomes "-"; a
//	          table value is a repeated header), ngx.headers_sent
//	request   ngx.req.get_method, get_uri_args([max]), set_uri_args,
//	          get_headers([max [, raw]]), set_header, clear_header,
//	          read_body, discard_body, get_body_data, get_body_file (nil),
//	          get_post_args([max]), http_version, start_time,
//	          is_internal, raw_header
//	variables ngx.var: arg_*, http_*, cookie_*, sent_http_*, uri,
//	          document_uri, request_uri, args (writable), query_string,
//	          is_args, host, server_name, request_method, scheme, https,
//	          server_protocol, server_addr, server_port, remote_addr,
//	          remote_port, content_type, content_length, request_body,
//	          request_time, msec, status, bytes_sent, time_local,
//	          time_iso8601, request; other names are per-request
//	          variables the handlers set
//	context   ngx.ctx, ngx.get_phase, ngx.shared.DICT (package
//	          serve/shdict), ngx.null; require "tide.ratelimit"
//	          (package serve/ratelimit) on the same dicts
//	timers    ngx.timer.at, ngx.timer.every, running_count,
//	          pending_count; ngx.sleep
//	sockets   ngx.socket.tcp: connect (host, port or "unix:/path"),
//	          send, receive ("*l", "*a", n), receiveany, receiveuntil
//	          (with inclusive and a size), settimeout(ms), settimeouts,
//	          setkeepalive (closes: no connection pool yet), close
//	clock     ngx.now, time, update_time, today, localtime, utctime,
//	          http_time, cookie_time, parse_http_time
//	codecs    ngx.encode_base64, decode_base64, md5, md5_bin, sha1_bin,
//	          crc32_short, crc32_long, hmac_sha1, escape_uri,
//	          unescape_uri, encode_args, decode_args, quote_sql_str
//	regex     ngx.re.match, find, gmatch, sub, gsub (below), and
//	          lua-resty-core's split (require "ngx.re")
//	logging   ngx.log(level, ...) with ngx.STDERR, EMERG, ALERT, CRIT,
//	          ERR, WARN, NOTICE, INFO, DEBUG: JSON lines in the error log
//	constants ngx.OK, ERROR, AGAIN, DONE, DECLINED, ngx.HTTP_* statuses
//	          and methods (OpenResty's numbers)
//	process   ngx.worker.id (the State's number), count (--states), pid,
//	          exiting; ngx.config.subsystem ("http"), ngx_lua_version,
//	          nginx_version, debug, prefix()
//
// Any other name of ngx or its tables raises "ngx.foo is not supported
// by tide serve" (ngx.location.capture, ngx.exec, ngx.req.socket, ...).
//
// Differences from OpenResty: ngx.exit unwinds the handler as OpenResty's
// does (pcall cannot catch it: tide.Unwind), but __close handlers of the
// frames it leaves still run. Calls
// that wait (ngx.sleep, socket I/O) block their State's goroutine, never
// another request; while ngx.sleep waits, its State's due timers run. A
// timer runs in the State that created it (its function belongs to that
// State), once the State is free: a timer that falls due while its State
// serves a request waits for the request to end or to sleep. At shutdown,
// after the requests drained, pending timers run once with premature =
// true; the timers of a State discarded after a quota stop are dropped.
// ngx.now reads the clock at each call. ngx.encode_args orders the keys.
// Open sockets are closed when their request or timer ends.
//
// ngx.re uses Go's regexp package (RE2, linear time) with OpenResty's
// options: "i", "m", "s", "x" (whitespace and # comments dropped outside
// classes), "a" (anchored), "u"/"U" (matching is always UTF-8), and "j",
// "o", "d", "D", "J" (accepted, no effect). Captures are a table with
// [0], the numbered groups (false when a group did not take part) and
// the named groups ((?<name>...) or (?P<name>...)); sub/gsub templates
// take $0-$9, ${n}, ${name} and $$. Unlike PCRE, backreferences (,
// \k<name>), lookahead, lookbehind, atomic groups and possessive
// quantifiers are unsupported: the functions return nil and an error
// naming the construct. Without "u", "." still matches a UTF-8 character
// rather than a byte. With ctx.pos, matching starts at that position on
// the rest of the subject, where ^ and \b see a start.
//
// With lang = "luajit" (or --lang luajit) the States run in
// tide.CompatLuaJIT: numbers print as LuaJIT prints them (ngx.say(10/2)
// prints 5), and the Lua 5.1 globals and the bit library exist.
//
// # The tide module
//
// require("tide") gives, besides its diagnostics, four libraries for
// handlers:
//
// tide.metrics defines metrics shared by all the States and written out
// in /metrics after the server's own:
//
//	local m = require("tide").metrics
//	local hits = m.counter("app_hits_total", "Hits.", {"route", "code"})
//	local queue = m.gauge("app_queue", "Queue length.")    -- no labels
//	local lat = m.histogram("app_seconds", "Latency.", {"op"}, {0.1, 1})
//	hits:inc(1, {route = "/a", code = 200})  -- or hits:inc({...}): by 1
//	queue:set(3); queue:inc(); queue:dec(2)  -- [n] defaults to 1
//	lat:observe(0.02, {op = "read"})
//	hits:get({route = "/a", code = 200}), queue:get()
//
// counter, gauge and histogram take a name (Prometheus syntax; the
// prefix tide_ is the server's), a help text, label names and, for
// histograms, bucket upper bounds (default .005 to 10 seconds). Every
// State runs the application, so defining a metric again returns the
// same one; a definition with another kind, labels or buckets is an
// error. Updates give every label of the metric (numbers and booleans
// are converted); a missing label is an error, and so is an unknown one
// or a value that is not UTF-8 (checked when a label set is first
// seen). A metric keeps at most 1000 label sets: further ones go to a
// series whose labels are all "_overflow", and a warning is logged once.
// A server holds at most 1000 metrics.
//
// tide.http is an HTTP client with one connection pool per server:
//
//	local res, err = tide.http.request{method = "POST", url = u,
//	  query = {q = "x"}, headers = {["X-Id"] = "7"}, body = "text",
//	  timeout = 2, max_body = 1 << 20, redirects = false}
//	local res, err = tide.http.get(u [, opts])
//	local res, err = tide.http.post(u, body [, opts])
//	-- res.status, res.headers (lower-case names, repeated headers
//	-- joined with ", "), res.body
//
// A table body is sent as JSON (Content-Type application/json unless
// set); a header value may be a sequence (a repeated header); Host sets
// the request's host. timeout (seconds, default 30) bounds the whole
// exchange, body included, and so do the request's time limit and its
// client going away (the call waits in its State's goroutine only).
// Redirects are followed (at most 10) unless redirects = false. A body
// over max_body bytes (default 16MiB) is an error. Failures (network,
// timeout, body too large, a malformed URL) return nil and a message
// ("timeout" for the call's own timeout); wrong argument types raise.
//
// tide.codec: base64_encode (standard alphabet, padded), base64url_encode
// (URL alphabet, unpadded), base64_decode and base64url_decode (padding
// optional), hex_encode/decode, md5, sha1, sha256 (lower-case hex;
// md5_bin, sha1_bin, sha256_bin give the raw bytes), hmac_sha1(key,
// msg), hmac_sha256 (and their _bin), crc32 (an integer) and
// constant_time_equal(a, b). Decoders return nil and a message for
// malformed input.
//
// tide.log.debug, info, warn and error(msg [, fields]) write a JSON line
// to the error log: msg, then the request's path (in a request), then
// the fields sorted by name. Strings, numbers and booleans stay as they
// are, tables become JSON, other values their tostring; a field named
// time, level, msg or path gets a "_" prefix. Debug lines are dropped
// at the error log's default level (info).
//
// # Admin endpoints
//
// /healthz answers 200 while the process is up; /readyz 200 once the
// application is loaded and 503 while draining; /metrics the Prometheus
// text format (requests by route and status, a latency histogram by
// route, requests in flight, quota stops by kind, handler errors, State
// pool usage; then the handlers' tide.metrics). They are served on the application's listener (taking
// precedence over its routes) unless a separate admin listener is given.
//
// # Shutdown
//
// When the context given to [Server.Serve] is done, /readyz turns 503;
// after Options.DrainDelay the listener closes, requests in flight finish,
// and Serve returns, at the latest after Options.Drain, when running
// handlers are stopped.
package serve
