-- several closures share one upvalue; it survives the creating function
local function make()
  local shared = 0
  local inc = function() shared = shared + 1 end
  local dec = function() shared = shared - 1 end
  local get = function() return shared end
  return inc, dec, get
end
local inc, dec, get = make()
inc(); inc(); inc(); dec()
print(get())
-- nested closures reach through several levels
local function outer()
  local x = 1
  return function()
    local y = 10
    return function()
      x = x + 1; y = y + 1
      return x + y
    end
  end
end
local mid = outer()
local in1, in2 = mid(), mid()
print(in1(), in1(), in2(), in1())
-- upvalue captured while still a local of the running function
local function f()
  local a = 1
  local g = function() return a end
  a = 2
  local r1 = g()
  a = 3
  return r1, g()
end
print(f())
