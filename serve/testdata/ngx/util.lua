-- encodings, digests, clock, constants, log, worker, config
local function hex(s)
  return (s:gsub(".", function(c) return string.format("%02x", c:byte()) end))
end

return {
  ["/codec"] = {content = function()
    ngx.say(ngx.encode_base64("hello?"), " ", ngx.encode_base64("ab"), " ", ngx.encode_base64("ab", true))
    ngx.say(ngx.decode_base64("aGVsbG8/"), " ", ngx.decode_base64("YWI"), " ", tostring(ngx.decode_base64("!!!")))
    ngx.say(ngx.md5("hello"), " ", hex(ngx.md5_bin("hello")))
    ngx.say(hex(ngx.sha1_bin("hello")), " ", ngx.crc32_short("hello"), " ", ngx.crc32_long("hello"))
    ngx.say(hex(ngx.hmac_sha1("key", "The quick brown fox jumps over the lazy dog")))
    ngx.say(ngx.escape_uri("a b&c=d/é~"), " ", ngx.unescape_uri("a%20b+c%2Fd%zz"))
    ngx.say(ngx.encode_args({b = "x y", a = {1, 2}, flag = true, off = false}))
    local t = ngx.decode_args("x=1&y=2&x=3&z")
    ngx.say(table.concat(t.x, ","), " ", t.y, " ", tostring(t.z))
    ngx.say(ngx.quote_sql_str("it's a \"test\"\n\\"))
  end},
  ["/clock"] = {content = function()
    local now, t = ngx.now(), ngx.time()
    ngx.update_time()
    ngx.say(math.type(t), " ", math.abs(now - t) < 2, " ", type(now))
    ngx.say(ngx.today():match("^%d%d%d%d%-%d%d%-%d%d$") ~= nil, " ",
      ngx.localtime():match("^%d%d%d%d%-%d%d%-%d%d %d%d:%d%d:%d%d$") ~= nil, " ",
      ngx.utctime():match("^%d%d%d%d%-%d%d%-%d%d %d%d:%d%d:%d%d$") ~= nil)
    ngx.say(ngx.http_time(1290079655), " | ", ngx.cookie_time(1290079655))
    ngx.say(ngx.parse_http_time("Thu, 18 Nov 2010 11:27:35 GMT"), " ", tostring(ngx.parse_http_time("junk")))
  end},
  ["/consts"] = {content = function()
    ngx.say(ngx.OK, " ", ngx.ERROR, " ", ngx.AGAIN, " ", ngx.DONE, " ", ngx.DECLINED)
    ngx.say(ngx.STDERR, ngx.EMERG, ngx.ALERT, ngx.CRIT, ngx.ERR, ngx.WARN, ngx.NOTICE, ngx.INFO, ngx.DEBUG)
    ngx.say(ngx.HTTP_OK, " ", ngx.HTTP_NOT_FOUND, " ", ngx.HTTP_INTERNAL_SERVER_ERROR, " ", ngx.HTTP_TOO_MANY_REQUESTS, " ", ngx.HTTP_GET, " ", ngx.HTTP_POST)
    ngx.say(ngx.config.subsystem, " ", ngx.config.ngx_lua_version, " ", type(ngx.config.prefix()))
    ngx.say(ngx.worker.count(), " ", ngx.worker.id() < ngx.worker.count(), " ", ngx.worker.pid() > 0, " ", tostring(ngx.worker.exiting()))
    ngx.say(require("ngx") == ngx, " ", ngx.null == require("cjson").null)
  end},
  ["/log"] = {content = function()
    ngx.log(ngx.ERR, "failure ", 42, " ", nil, " ", true)
    ngx.log(ngx.WARN, "careful")
    ngx.say("logged")
  end},
  ["/unsupported"] = {content = function()
    ngx.location.capture("/x")
  end},
  ["/unsupported_req"] = {content = function()
    ngx.req.socket()
  end},
  ["/bad_arg"] = {content = function()
    ngx.md5({})
  end},
}
--! states=3
--> GET /codec
--< 200
--< B aGVsbG8/ YWI= YWI\nhello? ab nil\n5d41402abc4b2a76b9719d911017c592 5d41402abc4b2a76b9719d911017c592\naaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d 907060870 907060870\nde7c9b85b8b78aa6bc8a7a36f70a90701c9db4d9\na%20b%26c%3Dd%2F%C3%A9~ a b c/d%zz\na=1&a=2&b=x%20y&flag\n1,3 2 true\n'it\'s a \"test\"\\n\\\\'\n
--> GET /clock
--< 200
--< B integer true number\ntrue true true\nThu, 18 Nov 2010 11:27:35 GMT | Thu, 18-Nov-10 11:27:35 GMT\n1290079655 nil\n
--> GET /consts
--< 200
--< B 0 -1 -2 -4 -5\n012345678\n200 404 500 429 2 8\nhttp 10026 string\n3 true true false\ntrue true\n
--> GET /log
--< 200
--< L "level":"ERROR","msg":"ngx.log","level":"error","text":"failure 42 nil true"
--< L "msg":"ngx.log","level":"warn","text":"careful"
--> GET /unsupported
--< 500
--< L ngx.location is not supported by tide serve
--> GET /unsupported_req
--< 500
--< L ngx.req.socket is not supported by tide serve
--> GET /bad_arg
--< 500
--< L bad argument #1 to 'md5' \(string expected, got table\)
