-- multiple results in calls, table constructors and returns
local function none() end
local function one() return 1 end
local function many() return 1, 2, 3 end
print(none())
print(one(), many())
print(many(), one())
print((many()))
print(({many()})[3], ({many()})[4] == nil, #{many()}, #{many(), many()}, #{(many())})
print(select('#', none()), select('#', (none())))
local t = {none()}
print(#t)
local function wrap(...) return ... end
print(wrap(many()))
print(wrap(many(), many()))
print(#{wrap()}, select('#', wrap(nil)))
local function tail() return many() end
print(tail())
local function adj() return (many()) end
print(adj())
print(string.format("%d %d %d", many()))
print(math.max(many()), math.min(many(), 0))
