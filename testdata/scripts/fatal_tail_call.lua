-- an error after tail calls: the traceback mentions the tail calls
local function c() error("deep in tail calls") end -- ERROR "deep in tail calls"
local function b() return c() end
local function a() return b() end
print("calling")
a()
