-- short comment
print(1) -- trailing comment
--[[ long
comment ]] print(2)
--[==[ long comment
with ]] inside ]==] print(3)
--[ not a long comment
print(4)
---[[ this is a short comment, so the next line runs
print(5)
--]]
--[=[
print("not printed")
--]=]
print(6) --[[ inline ]] print(7)
print(load("--[[ unfinished"))
