-- ngx.socket.tcp against the test's echo server (?echo=host:port)
--! timeout=1s
local function connect()
  local host, port = ngx.var.arg_echo:match("^(.*):(%d+)$")
  local sock = ngx.socket.tcp()
  sock:settimeout(2000)
  local ok, err = sock:connect(host, tonumber(port))
  if not ok then
    ngx.say("connect failed: ", err)
    return ngx.exit(200)
  end
  return sock
end

return {
  ["/lines"] = {content = function()
    local sock = connect()
    ngx.say(sock:send("hello\n"), " ", sock:send({"multi", "part", "\n"}))
    ngx.say(sock:receive())
    ngx.say(sock:receive("*l"))
    sock:send("bye\n")
    ngx.say(sock:receive("*a"))
    local data, err, partial = sock:receive()
    ngx.say(tostring(data), " ", err, " [", tostring(partial), "]")
    ngx.say(sock:close())
  end},
  ["/bytes"] = {content = function()
    local sock = connect()
    sock:send("blob 10\n")
    ngx.say(sock:receive(4), " ", sock:receive(6))
    local reader = sock:receiveuntil("--END--")
    ngx.say(reader())
    local data, err, partial = sock:receive(100)
    ngx.say(tostring(data), " ", err, " ", partial)
    ngx.say(sock:setkeepalive())
  end},
  ["/until_size"] = {content = function()
    local sock = connect()
    sock:send("blob 5\n")
    local reader = sock:receiveuntil("--END--", {inclusive = false})
    local parts = {}
    while true do
      local chunk, err = reader(2)
      if not chunk then
        if err then parts[#parts + 1] = "err:" .. err end
        break
      end
      parts[#parts + 1] = chunk
    end
    ngx.say(table.concat(parts, ","))
    ngx.say(sock:receive("*a"))
  end},
  ["/timeout"] = {content = function()
    local sock = connect()
    sock:settimeout(100)
    sock:send("silent\n")
    local data, err = sock:receive()
    ngx.say(tostring(data), " ", err)
  end},
  ["/request_deadline"] = {content = function()
    local sock = connect()
    sock:settimeout(10000) -- the request's time limit (1s) comes first
    sock:send("silent\n")
    sock:receive()
    ngx.say("not reached")
  end},
  ["/refused"] = {content = function()
    local sock = ngx.socket.tcp()
    local ok, err = sock:connect("127.0.0.1", 1)
    ngx.say(tostring(ok), " ", err)
    ngx.say(sock:send("x"))
  end},
  ["/in_timer"] = {content = function()
    local echo = ngx.var.arg_echo
    ngx.timer.at(0, function(premature)
      local host, port = echo:match("^(.*):(%d+)$")
      local sock = ngx.socket.tcp()
      sock:connect(host, tonumber(port))
      sock:send("from timer\n")
      ngx.log(ngx.WARN, "timer socket got: ", (sock:receive()))
    end)
    ngx.say("scheduled")
  end},
}
--> GET /lines?echo=$ECHO
--< 200
--< B 6 10\necho: hello\necho: multipart\nbye\n\nnil closed []\nnilclosed\n
--> GET /bytes?echo=$ECHO
--< 200
--< B xxxx xxxxxx\n\nnil closed tail\nnilclosed\n
--> GET /until_size?echo=$ECHO
--< 200
--< B xx,xx,x\ntail\n
--> GET /timeout?echo=$ECHO
--< 200
--< B nil timeout\n
--> GET /request_deadline?echo=$ECHO
--< 503
--> GET /refused
--< 200
--< B nil connection refused\nnilclosed\n
--> GET /in_timer?echo=$ECHO
--< 200
--< B scheduled\n
--< L timer socket got: echo: from timer
