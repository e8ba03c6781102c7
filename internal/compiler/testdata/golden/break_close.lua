for k,v in pairs(t) do local function g() return v end; if k then break end end
while x do local y; local function g() return y end; if y then break end end
