-- results adjusted in various syntactic positions
local function mr() return "a", "b" end
local t = {mr(), mr(), x = mr()}
print(#t, t[1], t[2], t[3], t.x)
local s = mr() .. mr()
print(s)
print(#{mr(), nil}, (mr()))
local function id(...) return ... end
print(id(mr()), id((mr())))
local x, y, z = mr(), "c"
print(x, y, z)
if mr() then print("truthy first value") end
local r = {pcall(mr)}
print(#r, r[1], r[2], r[3])
print(string.format("%s%s", mr()), ("x"):rep(2, (mr())))
