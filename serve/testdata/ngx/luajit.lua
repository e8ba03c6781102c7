-- lang = "luajit": numbers print as in LuaJIT, 5.1 globals, bit
--! lang=luajit
return {
  ["/"] = {content = function()
    ngx.say(10 / 2, " ", 7 / 2, " ", tostring(3.0))
    ngx.say(unpack({1, 2}))
    ngx.say(bit.band(12, 10), " ", type(loadstring), " ", table.getn({1, 2, 3}))
  end},
}
--> GET /
--< 200
--< B 5 3.5 3\n12\n8 function 3\n
