local a = 1
local function f()
  local b = 2
  local function g()
    local c = 3
    return function() return a + b + c end
  end
  return g
end
local function rec(n) if n > 0 then return rec(n - 1) end return 0 end
x = function() a = 2 end
local t = {}
function t.f() return t end
function t:g() return self end
