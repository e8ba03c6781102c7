-- arithmetic on a string that is not a number, inside a method
local Account = {balance = "lots"}
function Account:deposit(n)
  self.balance = self.balance + n -- ERROR "attempt to add a 'string' with a 'number'"
end
print("depositing")
Account:deposit(10)
