-- ngx.say/print/flush, ngx.status, ngx.header, ngx.exit, ngx.redirect
return {
  ["/say"] = {content = function()
    ngx.say("hello, ", "world")
    ngx.print({"a", {"b", 1}}, true, nil)
    ngx.say()
    ngx.say(ngx.null)
  end},
  ["/status"] = {content = function()
    ngx.status = ngx.HTTP_CREATED
    ngx.header["X-One"] = "1"
    ngx.header.x_two = 2
    ngx.header["Set-Cookie"] = {"a=1", "b=2"}
    ngx.header.content_type = "application/x-test"
    ngx.header["X-Gone"] = "soon"
    ngx.header["X-Gone"] = nil
    ngx.say(ngx.status, " ", ngx.header.x_one, " ", #ngx.header["set-cookie"])
  end},
  ["/exit404"] = {content = function()
    ngx.exit(ngx.HTTP_NOT_FOUND)
    ngx.say("not reached")
  end},
  ["/exit200"] = {content = function()
    ngx.say("partial")
    ngx.exit(ngx.HTTP_OK)
    ngx.say("not reached")
  end},
  ["/exit204"] = {content = function()
    ngx.exit(204)
  end},
  ["/redirect"] = {content = function()
    return ngx.redirect("/elsewhere?x=1")
  end},
  ["/redirect301"] = {content = function()
    ngx.redirect("https://example.com/", ngx.HTTP_MOVED_PERMANENTLY)
  end},
  ["/flush"] = {content = function()
    ngx.say("first")
    ngx.flush(true)
    ngx.status = 500 -- too late: logged, ignored
    ngx.say("second")
  end},
  ["/headers_sent"] = {content = function()
    local before = ngx.headers_sent
    ngx.print("x")
    ngx.say(" ", tostring(before), " ", tostring(ngx.headers_sent))
  end},
  ["/plain"] = function()
    -- a plain handler may answer through ngx too
    ngx.status = 202
    ngx.say("plain ", ngx.get_phase())
  end,
  ["/pcall_exit"] = {content = function()
    ngx.say("a")
    pcall(ngx.exit, 200) -- as in OpenResty, pcall cannot stop the exit
    ngx.say("b")
  end},
  ["/error"] = {content = function()
    ngx.say("lost")
    error("boom")
  end},
  ["/error_after_flush"] = {content = function()
    ngx.say("sent")
    ngx.flush()
    error("late boom")
  end},
  ["/close"] = {content = function()
    ngx.exit(444)
  end},
  ["/eof"] = {content = function()
    ngx.say("done")
    ngx.eof()
    local ok, err = ngx.say("after eof")
    ngx.log(ngx.INFO, "after eof: ", tostring(ok), " ", err)
  end},
}
--> GET /say
--< 200
--< H Content-Type: text/plain; charset=utf-8
--< B hello, world\nab1truenil\nnull\n
--> GET /status
--< 201
--< H X-One: 1
--< H X-Two: 2
--< H Set-Cookie: a=1, b=2
--< H Content-Type: application/x-test
--< !H X-Gone
--< B 201 1 2\n
--> GET /exit404
--< 404
--< H Content-Type: text/html
--< ~ <title>404 Not Found</title>
--> GET /exit200
--< 200
--< B partial\n
--> GET /exit204
--< 204
--< B
--> GET /redirect
--< 302
--< H Location: /elsewhere?x=1
--< ~ 302 Found
--> GET /redirect301
--< 301
--< H Location: https://example.com/
--> GET /flush
--< 200
--< B first\nsecond\n
--< L attempt to set ngx.status after sending out response headers
--> GET /headers_sent
--< 200
--< B x false true\n
--> GET /plain
--< 202
--< B plain content\n
--> GET /pcall_exit
--< 200
--< B a\n
--> GET /error
--< 500
--< B Internal Server Error\n
--< L boom
--> GET /error_after_flush
--< -1
--> GET /close
--< -1
--> GET /eof
--< 200
--< B done\n
--< L after eof: nil seen eof
