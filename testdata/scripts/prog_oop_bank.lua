-- a small object-oriented program with inheritance and error handling
local Account = {}
Account.__index = Account
function Account.new(owner, balance)
  return setmetatable({owner = owner, balance = balance or 0, history = {}}, Account)
end
function Account:deposit(v)
  if v <= 0 then error("invalid deposit amount: " .. v, 2) end
  self.balance = self.balance + v
  self.history[#self.history + 1] = "+" .. v
end
function Account:withdraw(v)
  if v > self.balance then error({code = "INSUFFICIENT", need = v - self.balance}) end
  self.balance = self.balance - v
  self.history[#self.history + 1] = "-" .. v
end
Account.__tostring = function(a) return a.owner .. ": " .. a.balance end
local Savings = setmetatable({}, {__index = Account})
Savings.__index = Savings
Savings.__tostring = Account.__tostring
function Savings.new(owner, balance, rate)
  local s = Account.new(owner, balance)
  s.rate = rate
  return setmetatable(s, Savings)
end
function Savings:addInterest() self:deposit(self.balance * self.rate) end
local a = Account.new("ann", 100)
a:deposit(50)
a:withdraw(30)
print(tostring(a), table.concat(a.history, " "))
local ok, e = pcall(a.withdraw, a, 1000)
print(ok, e.code, e.need)
print(pcall(a.deposit, a, -5))
local s = Savings.new("sam", 1000, 0.05)
s:addInterest()
print(tostring(s), s.balance, math.type(s.balance))
