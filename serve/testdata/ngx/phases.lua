-- phase order, ngx.ctx shared by the phases, early exits, filters, log
local function trace(name)
  local t = ngx.ctx.trace or {}
  t[#t + 1] = name
  ngx.ctx.trace = t
end

return {
  init = function()
    INIT_PHASE = ngx.get_phase()
  end,
  ["/order"] = {
    rewrite = function() trace("rewrite") end,
    access = function() trace("access") end,
    content = function()
      trace("content")
      ngx.header["X-Init"] = INIT_PHASE
      ngx.say(table.concat(ngx.ctx.trace, ","))
    end,
    header_filter = function() trace("header_filter") end,
    body_filter = function() trace("body_filter") end,
    log = function()
      trace("log")
      ngx.log(ngx.NOTICE, "order: ", table.concat(ngx.ctx.trace, ","), " status ", ngx.status)
    end,
  },
  ["/deny"] = {
    access = function()
      if ngx.var.arg_key ~= "secret" then
        return ngx.exit(ngx.HTTP_FORBIDDEN)
      end
    end,
    content = function() ngx.say("welcome") end,
    log = function() ngx.log(ngx.INFO, "deny log ran with status ", ngx.status) end,
  },
  ["/return_status"] = {
    rewrite = function() return 401 end,
    content = function() ngx.say("not reached") end,
  },
  ["/ok_continues"] = {
    rewrite = function() ngx.ctx.n = 1; ngx.exit(ngx.OK) end,
    access = function() ngx.ctx.n = ngx.ctx.n + 1; return ngx.exit(0) end,
    content = function() ngx.say("n=", ngx.ctx.n, " phase=", ngx.get_phase()) end,
  },
  ["/access_says"] = {
    access = function()
      ngx.say("from access")
      ngx.exit(ngx.HTTP_OK)
    end,
    content = function() ngx.say("not reached") end,
  },
  ["/filters"] = {
    content = function()
      ngx.say("hello")
      ngx.say("world")
    end,
    header_filter = function()
      ngx.status = 203
      ngx.header["X-Filtered"] = ngx.get_phase()
      ngx.header.content_length = nil
    end,
    body_filter = function()
      local chunk, eof = ngx.arg[1], ngx.arg[2]
      if eof then
        ngx.arg[1] = chunk .. "[eof]"
      else
        ngx.arg[1] = chunk:upper()
      end
    end,
  },
  ["/filter_error_page"] = {
    access = function() ngx.exit(ngx.HTTP_NOT_FOUND) end,
    header_filter = function() ngx.header["X-Seen"] = tostring(ngx.status) end,
  },
  ["/no_content"] = {
    access = function() end,
  },
  ["/log_error"] = {
    content = function() ngx.say("fine") end,
    log = function() error("log phase failure") end,
  },
  ["/ctx_reset"] = {
    content = function()
      ngx.say(tostring(ngx.ctx.seen))
      ngx.ctx.seen = true
    end,
  },
  ["/ctx_replace"] = {
    access = function() ngx.ctx = {who = "access"} end,
    content = function() ngx.say(ngx.ctx.who) end,
  },
  ["/ngx_error"] = {
    access = function() ngx.exit(ngx.ERROR) end,
  },
  ["/access_error"] = {
    access = function() local t = nil; return t.x end,
    content = function() ngx.say("not reached") end,
  },
}
--> GET /order
--< 200
--< H X-Init: init
--< B rewrite,access,content\n
--< L order: rewrite,access,content,header_filter,body_filter,body_filter,log status 200
--> GET /deny
--< 403
--< ~ 403 Forbidden
--< L deny log ran with status 403
--> GET /deny?key=secret
--< 200
--< B welcome\n
--> GET /return_status
--< 401
--< ~ 401 Unauthorized
--> GET /ok_continues
--< 200
--< B n=2 phase=content\n
--> GET /access_says
--< 200
--< B from access\n
--> GET /filters
--< 203
--< H X-Filtered: header_filter
--< B HELLO\nWORLD\n[eof]
--> GET /filter_error_page
--< 404
--< H X-Seen: 404
--> GET /no_content
--< 404
--> GET /log_error
--< 200
--< B fine\n
--< L log phase error.*log phase failure
--> GET /ctx_reset
--< 200
--< B nil\n
--> GET /ctx_reset
--< 200
--< B nil\n
--> GET /ctx_replace
--< 200
--< B access\n
--> GET /ngx_error
--< 500
--< ~ 500 Internal Server Error
--> GET /access_error
--< 500
--< L attempt to index a nil value
