-- errors raised by and about metamethods
local function try(f) print(select(2, pcall(f))) end
try(function() return setmetatable({}, {__index = function(t, k) return k.x end}).foo end)
try(function() local o = setmetatable({}, {__add = function(a, b) return a.v + b end}) return o + 1 end)
try(function() local o = setmetatable({}, {__call = 1}) return o() end)
try(function() local o = setmetatable({}, {__eq = function() error("eq err", 0) end}) return o == {} end)
try(function() local o = setmetatable({}, {__lt = function() error("lt err") end}) return o < o end)
try(function() local o = setmetatable({}, {__len = function() error("len err", 2) end}) return #o end)
try(function() local o = setmetatable({}, {__unm = "notfn"}) return -o end)
try(function() local o = setmetatable({}, {__concat = function() error() end}) return o .. "" end)
try(function() local o = setmetatable({}, {__newindex = function() error("ro", 2) end}) o.x = 1 end)
