-- culprit names for upvalues, constants and method calls
local up = nil
local uptbl = {}
local function f1() return up.x end
local function f2() return uptbl.inner.x end
local function f3() up() end
local function f4() return up + 1 end
local function f5() return #up end
local function f6() return up .. "" end
local function f7() uptbl:go() end
local function f8() return uptbl.a.b end
for _, f in ipairs({f1, f2, f3, f4, f5, f6, f7, f8}) do
  print(select(2, pcall(f)))
end
print(select(2, pcall(function() return ("abc").x.y end)))
print(select(2, pcall(function() return (nil).x end)))
print(select(2, pcall(function() return _ENV.nope.x end)))
print(select(2, pcall(function() local _ENV = {}; return nope.x end)))
