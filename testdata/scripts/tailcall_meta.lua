-- tail calls through __call and to varied callees keep the stack flat
local counter = setmetatable({}, {__call = function(self, n)
  if n == 0 then return "call done" end
  return self(n - 1)
end})
print(counter(200000))
local function viaPcall(n)
  if n == 0 then return "pcall done" end
  return viaPcall(n - 1)
end
print(pcall(viaPcall, 500000))
local t = {}
function t.a(n) if n == 0 then return "a done" end return t.b(n - 1) end
function t.b(n) return t.a(n) end
print(t.a(300000))
