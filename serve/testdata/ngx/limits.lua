-- the body limit through ngx.req.read_body, HEAD, unknown ngx names
--! body=16 states=1
return {
  ["POST /read"] = {content = function()
    ngx.req.read_body()
    ngx.say("read ", #ngx.req.get_body_data())
  end},
  ["/head"] = {content = function()
    ngx.header["X-Method"] = ngx.req.get_method()
    ngx.say("body not sent for HEAD")
  end},
  ["/unknown"] = {content = function()
    return ngx.foo()
  end},
  ["/global"] = {content = function()
    leaked = 1
    ngx.say("ok")
  end},
}
--> POST /read
--> B 0123456789
--< 200
--< B read 10\n
--> POST /read
--> B 0123456789abcdefghijklmnop
--< 413
--> HEAD /head
--< 200
--< H X-Method: HEAD
--< B
--> GET /unknown
--< 500
--< L ngx.foo is not supported by tide serve
--> GET /global
--< 200
--< L global variable written during a request.*"name":"leaked"
