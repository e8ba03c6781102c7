-- errors whose position spans lines: 'end' expected (to close ... at line N)
local src = [[
local x = 1
function f()
  if x then
    print(x)
  -- missing end here
end
]]
print(load(src, "=multi"))
print(load("while x do\n\n\n", "=w"))
print(load("repeat\n x = 1\n\n", "=r"))
print(load("f(\n1,\n2\n", "=call"))
print(load("t = {\n1,\n2\n", "=tbl"))
print(load("x = (1 +\n2\n", "=paren"))
print(load("for i = 1, 3 do\nif i then\nend\n", "=for"))
print(load("do\ndo\nend", "=do"))
print(load("local s = [==[\nabc\n]]\n", "=long"))
