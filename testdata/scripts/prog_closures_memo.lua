-- higher-order functions: memoize, compose, curry, fold
local function memoize(f)
  local cache, calls = {}, 0
  return function(n)
    local v = cache[n]
    if v == nil then calls = calls + 1; v = f(n); cache[n] = v end
    return v
  end, function() return calls end
end
local slow_sq = function(n) return n * n end
local msq, ncalls = memoize(slow_sq)
for i = 1, 10 do msq(i % 3) end
print(msq(2), ncalls())
local function compose(...)
  local fs = {...}
  return function(x)
    for i = #fs, 1, -1 do x = fs[i](x) end
    return x
  end
end
local inc = function(x) return x + 1 end
local dbl = function(x) return x * 2 end
print(compose(inc, dbl)(5), compose(dbl, inc)(5), compose()(7))
local function curry(f, n)
  n = n or 2
  local function helper(args, k)
    return function(x)
      local a = {table.unpack(args)}
      a[#a + 1] = x
      if k == 1 then return f(table.unpack(a)) end
      return helper(a, k - 1)
    end
  end
  return helper({}, n)
end
print(curry(function(a, b, c) return a .. b .. c end, 3)("x")("y")("z"))
local function fold(f, acc, t) for _, v in ipairs(t) do acc = f(acc, v) end return acc end
print(fold(function(a, b) return a + b end, 0, {1, 2, 3, 4}), fold(math.max, -math.huge, {3, 9, 2}))
