-- ngx.req and ngx.var
local function show(t)
  local keys = {}
  for k in pairs(t) do keys[#keys + 1] = k end
  table.sort(keys)
  local out = {}
  for _, k in ipairs(keys) do
    local v = t[k]
    if type(v) == "table" then v = "{" .. table.concat(v, ",") .. "}" end
    out[#out + 1] = k .. "=" .. tostring(v)
  end
  return table.concat(out, " ")
end

return {
  ["/args"] = {content = function()
    local args, err = ngx.req.get_uri_args()
    ngx.say(ngx.req.get_method(), " ", show(args), " ", tostring(err))
    local few, err2 = ngx.req.get_uri_args(2)
    ngx.say(show(few), " ", err2)
  end},
  ["/set_args"] = {rewrite = function()
    ngx.req.set_uri_args({b = "x y", a = 1})
  end, content = function()
    ngx.say(ngx.var.args, " ", ngx.var.arg_b, " ", ngx.req.get_uri_args().b)
    ngx.req.set_uri_args("q=1")
    ngx.say(ngx.var.args)
  end},
  ["/headers"] = {content = function()
    local h = ngx.req.get_headers()
    ngx.say(h["x-one"], " ", h.X_One, " ", h["X-ONE"], " ", table.concat(h["x-multi"], "|"), " ", h.host)
    local raw = ngx.req.get_headers(0, true)
    ngx.say(tostring(raw["X-One"]))
    local _, err = ngx.req.get_headers(1)
    ngx.say(err)
  end},
  ["/set_header"] = {rewrite = function()
    ngx.req.set_header("X-Added", "yes")
    ngx.req.set_header("X-One", nil)
    ngx.req.clear_header("X-Two")
  end, content = function()
    local h = ngx.req.get_headers()
    ngx.say(h["x-added"], " ", tostring(h["x-one"]), " ", tostring(h["x-two"]), " ", ngx.var.http_x_added)
  end},
  ["POST /body"] = {content = function()
    ngx.say(tostring(ngx.req.get_body_data()))
    ngx.req.read_body()
    ngx.say(ngx.req.get_body_data())
    local args = ngx.req.get_post_args()
    ngx.say(show(args))
  end},
  ["POST /post_unread"] = {content = function()
    local args, err = ngx.req.get_post_args()
    ngx.say(tostring(args), " ", err)
  end},
  ["/vars"] = {content = function()
    local v = ngx.var
    ngx.say(v.request_method, " ", v.uri, " ", v.request_uri, " ", v.args)
    ngx.say(v.arg_a, " ", v.arg_b, " ", tostring(v.arg_none))
    ngx.say(v.http_user_agent, " ", v.http_x_custom_header, " ", tostring(v.http_none))
    ngx.say(v.cookie_session, " ", v.cookie_theme, " ", tostring(v.cookie_none))
    ngx.say(v.remote_addr, " ", v.host, " ", v.scheme, " ", v.server_port == ngx.var.server_port and "port" or "?")
    ngx.say(v.request_time:match("^%d+%.%d%d%d$") and "time ok" or v.request_time, " ", v.is_args, " ", v.server_protocol)
    v.my_var = "mine"
    ngx.say(v.my_var, " ", tostring(v.unknown_var))
    ngx.say(type(tonumber(v.server_port)), " ", tonumber(v.remote_port) and "rport" or "?")
  end},
  ["/var_readonly"] = {content = function()
    ngx.var.uri = "/x"
  end},
  ["/noargs"] = {content = function()
    ngx.say(tostring(ngx.var.args), " [", ngx.var.is_args, "]")
  end},
  ["/misc"] = {content = function()
    ngx.say(ngx.req.http_version(), " ", type(ngx.req.start_time()), " ", tostring(ngx.req.is_internal()))
    ngx.say((ngx.req.raw_header():match("^GET /misc HTTP/1.1\r\n")) and "raw ok" or ngx.req.raw_header())
  end},
}
--> GET /args?a=1&b=two+words&b=3&flag&empty=&c=%41
--< 200
--< B GET a=1 b={two words,3} c=A empty= flag=true nil\na=1 b=two words truncated\n
--> GET /set_args?old=1
--< 200
--< B a=1&b=x%20y x%20y x y\nq=1\n
--> GET /headers
--> H X-One: 1
--> H X-Multi: a
--> H X-Multi: b
--> H Host: example.test
--< 200
--< B 1 1 1 a|b example.test\n1\ntruncated\n
--> GET /set_header
--> H X-One: 1
--> H X-Two: 2
--< 200
--< B yes nil nil yes\n
--> POST /body
--> H Content-Type: application/x-www-form-urlencoded
--> B a=1&b=hello+there&a=2
--< 200
--< B nil\na=1&b=hello+there&a=2\na={1,2} b=hello there\n
--> POST /post_unread
--> B x=1
--< 200
--< B nil request body not read yet: call ngx.req.read_body() first\n
--> GET /vars?a=1&b=x%20y
--> H User-Agent: tester
--> H X-Custom-Header: custom
--> H Cookie: session=abc; theme=dark
--> H Host: Example.TEST:8080
--< 200
--< B GET /vars /vars?a=1&b=x%20y a=1&b=x%20y\n1 x%20y nil\ntester custom nil\nabc dark nil\n127.0.0.1 example.test http port\ntime ok ? HTTP/1.1\nmine nil\nnumber rport\n
--> GET /var_readonly
--< 500
--< L variable \\"uri\\" not changeable
--> GET /noargs
--< 200
--< B nil []\n
--> GET /misc
--< 200
--< B 1.1 number false\nraw ok\n
