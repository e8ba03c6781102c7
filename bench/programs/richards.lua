-- richards: Martin Richards' operating-system simulation, object-oriented
-- through metatables (classes, methods, polymorphic task objects). Each
-- round schedules the same six tasks; one round must end with 2322 queued
-- packets and 928 holds.
local n = tonumber(arg and arg[1]) or 200

local ID_IDLE, ID_WORKER, ID_HANDLER_A, ID_HANDLER_B, ID_DEVICE_A, ID_DEVICE_B = 1, 2, 3, 4, 5, 6
local KIND_DEVICE, KIND_WORK = 0, 1
local DATA_SIZE = 4
local COUNT = 1000

local floor = math.floor

-- xor16 is a ~ b for 16-bit values, written with arithmetic so that Lua
-- 5.1 engines can run the program (math.floor keeps the values integers
-- in Lua 5.4).
local function xor16(a, b)
  local r, bit = 0, 1
  for _ = 1, 16 do
    if a % 2 ~= b % 2 then r = r + bit end
    a = floor(a / 2)
    b = floor(b / 2)
    bit = bit * 2
  end
  return r
end

local function class(parent)
  local c = {}
  c.__index = c
  if parent then setmetatable(c, {__index = parent}) end
  return c
end

local Packet = class()
function Packet.new(link, id, kind)
  local a2 = {}
  for i = 1, DATA_SIZE do a2[i] = 0 end
  return setmetatable({link = link, id = id, kind = kind, a1 = 0, a2 = a2}, Packet)
end
function Packet:addTo(queue)
  self.link = nil
  if queue == nil then return self end
  local next = queue
  local peek = next.link
  while peek ~= nil do next = peek; peek = next.link end
  next.link = self
  return queue
end

-- A task control block: its state is three flags, as in the original.
local Tcb = class()
function Tcb.new(link, id, priority, queue, task)
  return setmetatable({link = link, id = id, priority = priority, queue = queue, task = task,
    packetPending = queue ~= nil, taskWaiting = true, taskHolding = false}, Tcb)
end
function Tcb:setRunning() self.packetPending, self.taskWaiting, self.taskHolding = false, false, false end
function Tcb:markAsNotHeld() self.taskHolding = false end
function Tcb:markAsHeld() self.taskHolding = true end
function Tcb:markAsSuspended() self.taskWaiting = true end
function Tcb:markAsRunnable() self.packetPending = true end
function Tcb:isHeldOrSuspended()
  return self.taskHolding or (self.taskWaiting and not self.packetPending)
end
function Tcb:run()
  local packet
  if self.taskWaiting and self.packetPending and not self.taskHolding then
    packet = self.queue
    self.queue = packet.link
    self.taskWaiting = false
    self.packetPending = self.queue ~= nil
  end
  return self.task:run(packet)
end
function Tcb:checkPriorityAdd(task, packet)
  if self.queue == nil then
    self.queue = packet
    self:markAsRunnable()
    if self.priority > task.priority then return self end
  else
    self.queue = packet:addTo(self.queue)
  end
  return task
end

local Scheduler = class()
function Scheduler.new()
  return setmetatable({queueCount = 0, holdCount = 0, blocks = {}, list = nil,
    currentTcb = nil, currentId = nil}, Scheduler)
end
function Scheduler:addTask(id, priority, queue, task)
  self.currentTcb = Tcb.new(self.list, id, priority, queue, task)
  self.list = self.currentTcb
  self.blocks[id] = self.currentTcb
end
function Scheduler:addRunningTask(id, priority, queue, task)
  self:addTask(id, priority, queue, task)
  self.currentTcb:setRunning()
end
function Scheduler:schedule()
  self.currentTcb = self.list
  while self.currentTcb ~= nil do
    local tcb = self.currentTcb
    if tcb:isHeldOrSuspended() then
      self.currentTcb = tcb.link
    else
      self.currentId = tcb.id
      self.currentTcb = tcb:run()
    end
  end
end
function Scheduler:release(id)
  local tcb = self.blocks[id]
  if tcb == nil then return tcb end
  tcb:markAsNotHeld()
  if tcb.priority > self.currentTcb.priority then return tcb end
  return self.currentTcb
end
function Scheduler:holdCurrent()
  self.holdCount = self.holdCount + 1
  self.currentTcb:markAsHeld()
  return self.currentTcb.link
end
function Scheduler:suspendCurrent()
  self.currentTcb:markAsSuspended()
  return self.currentTcb
end
function Scheduler:queue(packet)
  local t = self.blocks[packet.id]
  if t == nil then return t end
  self.queueCount = self.queueCount + 1
  packet.link = nil
  packet.id = self.currentId
  return t:checkPriorityAdd(self.currentTcb, packet)
end

local Task = class()

local IdleTask = class(Task)
function IdleTask.new(s, v1, count) return setmetatable({s = s, v1 = v1, count = count}, IdleTask) end
function IdleTask:run(packet)
  self.count = self.count - 1
  if self.count == 0 then return self.s:holdCurrent() end
  local v1 = self.v1
  if v1 % 2 == 0 then
    self.v1 = floor(v1 / 2)
    return self.s:release(ID_DEVICE_A)
  end
  self.v1 = xor16(floor(v1 / 2), 53256) -- 0xD008
  return self.s:release(ID_DEVICE_B)
end

local DeviceTask = class(Task)
function DeviceTask.new(s) return setmetatable({s = s, v1 = nil}, DeviceTask) end
function DeviceTask:run(packet)
  if packet == nil then
    local v = self.v1
    if v == nil then return self.s:suspendCurrent() end
    self.v1 = nil
    return self.s:queue(v)
  end
  self.v1 = packet
  return self.s:holdCurrent()
end

local WorkerTask = class(Task)
function WorkerTask.new(s, v1, v2) return setmetatable({s = s, v1 = v1, v2 = v2}, WorkerTask) end
function WorkerTask:run(packet)
  if packet == nil then return self.s:suspendCurrent() end
  if self.v1 == ID_HANDLER_A then self.v1 = ID_HANDLER_B else self.v1 = ID_HANDLER_A end
  packet.id = self.v1
  packet.a1 = 0
  local a2, v2 = packet.a2, self.v2
  for i = 1, DATA_SIZE do
    v2 = v2 + 1
    if v2 > 26 then v2 = 1 end
    a2[i] = v2
  end
  self.v2 = v2
  return self.s:queue(packet)
end

local HandlerTask = class(Task)
function HandlerTask.new(s) return setmetatable({s = s, v1 = nil, v2 = nil}, HandlerTask) end
function HandlerTask:run(packet)
  if packet ~= nil then
    if packet.kind == KIND_WORK then self.v1 = packet:addTo(self.v1) else self.v2 = packet:addTo(self.v2) end
  end
  local v1 = self.v1
  if v1 ~= nil then
    local count = v1.a1
    if count < DATA_SIZE then
      local v2 = self.v2
      if v2 ~= nil then
        self.v2 = v2.link
        v2.a1 = v1.a2[count + 1]
        v1.a1 = count + 1
        return self.s:queue(v2)
      end
    else
      self.v1 = v1.link
      return self.s:queue(v1)
    end
  end
  return self.s:suspendCurrent()
end

local function richards()
  local s = Scheduler.new()
  s:addRunningTask(ID_IDLE, 0, nil, IdleTask.new(s, 1, COUNT))
  local q = Packet.new(nil, ID_WORKER, KIND_WORK)
  q = Packet.new(q, ID_WORKER, KIND_WORK)
  s:addTask(ID_WORKER, 1000, q, WorkerTask.new(s, ID_HANDLER_A, 0))
  q = Packet.new(nil, ID_DEVICE_A, KIND_DEVICE)
  q = Packet.new(q, ID_DEVICE_A, KIND_DEVICE)
  q = Packet.new(q, ID_DEVICE_A, KIND_DEVICE)
  s:addTask(ID_HANDLER_A, 2000, q, HandlerTask.new(s))
  q = Packet.new(nil, ID_DEVICE_B, KIND_DEVICE)
  q = Packet.new(q, ID_DEVICE_B, KIND_DEVICE)
  q = Packet.new(q, ID_DEVICE_B, KIND_DEVICE)
  s:addTask(ID_HANDLER_B, 3000, q, HandlerTask.new(s))
  s:addTask(ID_DEVICE_A, 4000, nil, DeviceTask.new(s))
  s:addTask(ID_DEVICE_B, 5000, nil, DeviceTask.new(s))
  s:schedule()
  return s.queueCount, s.holdCount
end

local queued, held = 0, 0
for _ = 1, n do
  local q, h = richards()
  if q ~= 2322 or h ~= 928 then error("richards: wrong result " .. q .. " " .. h) end
  queued, held = queued + q, held + h
end
print("checksum", queued, held)
