-- method_calls: method dispatch through __index, closures and self.
local n = tonumber(arg and arg[1]) or 6000000

local Account = {}
Account.__index = Account
function Account.new(b) return setmetatable({balance = b, ops = 0}, Account) end
function Account:deposit(v) self.balance = self.balance + v; self.ops = self.ops + 1 end
function Account:withdraw(v)
  if v <= self.balance then self.balance = self.balance - v end
  self.ops = self.ops + 1
end
function Account:get() return self.balance end

local Savings = setmetatable({}, {__index = Account})
Savings.__index = Savings
function Savings.new(b) return setmetatable(Account.new(b), Savings) end
function Savings:interest()
  if self:get() < 1000000000 then self:deposit(self:get() // 100) else self:withdraw(self:get() // 2) end
end

local a, s = Account.new(0), Savings.new(1000)
for i = 1, n do
  a:deposit(i % 13)
  a:withdraw(i % 7)
  if i % 1000 == 0 then s:interest() end
end
print("checksum", a:get(), a.ops, s:get(), s.ops)
