-- error with level 2 blames the caller
local function check(x)
  if type(x) ~= "number" then
    error("number expected, got " .. type(x), 2)
  end
end
local function api(v)
  check(v) -- ERROR "number expected, got string"
end
print("checking")
api("str")
