local v1 = 0
repeat
local g = function()
while x do
local function f() return v0 end
break
local function f() return v0 end
x = v1
end
local v1 = 3
::c::
end
if x then
do
local v1 = 1
local v2 = 2
::a::
end
local g = function()
local v3 = 1
end
local v2 = 1
::c::
else
local g = function()
::a::
end
::c::
end
until v0
local v0 = 1
::a::
