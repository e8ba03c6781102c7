-- error raised inside a metamethod: the traceback includes the metamethod
local mt = {__index = function(t, k)
  error("no field " .. k) -- ERROR "no field name"
end}
local obj = setmetatable({}, mt)
print("accessing")
print(obj.name)
