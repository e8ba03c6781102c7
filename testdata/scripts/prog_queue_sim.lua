-- an event simulation with a binary heap priority queue
local Heap = {}
Heap.__index = Heap
function Heap.new() return setmetatable({n = 0}, Heap) end
function Heap:push(pri, val)
  self.n = self.n + 1
  local i = self.n
  self[i] = {pri, val}
  while i > 1 do
    local p = i // 2
    if self[p][1] <= self[i][1] then break end
    self[p], self[i] = self[i], self[p]
    i = p
  end
end
function Heap:pop()
  if self.n == 0 then return nil end
  local top = self[1]
  self[1] = self[self.n]
  self[self.n] = nil
  self.n = self.n - 1
  local i = 1
  while true do
    local l, r, s = 2 * i, 2 * i + 1, i
    if l <= self.n and self[l][1] < self[s][1] then s = l end
    if r <= self.n and self[r][1] < self[s][1] then s = r end
    if s == i then break end
    self[s], self[i] = self[i], self[s]
    i = s
  end
  return top[1], top[2]
end
local h = Heap.new()
local events = {{5, "e"}, {1, "a"}, {3, "c"}, {2, "b"}, {4, "d"}, {0.5, "first"}, {10, "last"}}
for _, ev in ipairs(events) do h:push(ev[1], ev[2]) end
local out = {}
while true do
  local p, v = h:pop()
  if not p then break end
  out[#out + 1] = v .. "@" .. p
end
print(table.concat(out, " "))
