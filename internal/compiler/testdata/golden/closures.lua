local x = 1
local function f(a)
  local y = a
  return function(b)
    x = x + y + b
    return x
  end
end
for i = 1, 3 do
  local c = i
  g = function() return c + i end
end
do
  local z = 1
  h = function() return z end
end
local k <const> = "str"
local n <const> = 10
local function useconst() return k, n, n + 1 end
function obj.method(self, a) return self.v + a end
function obj.sub:m(a) return self.v + a end
local cl <close> = nil
