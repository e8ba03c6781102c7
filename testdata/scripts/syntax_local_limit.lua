-- "too many local variables" (limit 200, counting the hidden variables of for loops) is reported where the reference reports it, also in chunks with a later syntax error
local function locals(n, sep)
  local t = {}
  for i = 1, n do t[i] = "a" .. i end
  return "local " .. table.concat(t, sep or ", ")
end
local function try(name, src)
  local f, err = load(src, "=" .. name)
  print(name, f and "ok" or err)
end
for _, tail in ipairs{"", " = 1 +"} do
  for _, n in ipairs{199, 200, 201} do
    try("main " .. n .. tail, locals(n) .. tail)
    try("func " .. n .. tail, "local function f(x)\n" .. locals(n - 1) .. tail .. "\nend")
    try("method " .. n .. tail, "local t = {} function t:m(x)\n" .. locals(n - 2) .. tail .. "\nend")
    try("numfor " .. n .. tail, "for i = 1, 2 do\n" .. locals(n - 4) .. tail .. "\nend")
    try("genfor " .. n .. tail, "for k, v in pairs{} do\n" .. locals(n - 6) .. tail .. "\nend")
    try("params " .. n .. tail, "return function(" .. locals(n):sub(7) .. ")" .. tail .. " end")
    try("block " .. n .. tail, locals(100) .. "\ndo " .. locals(100) .. " end\n" .. locals(n - 100) .. tail)
    try("nested " .. n .. tail, locals(150) .. "\nlocal function g() " .. locals(n) .. tail .. " end")
    try("separate " .. n .. tail, locals(n - 1, "\nlocal ") .. "\nlocal function z() end" .. tail)
    try("forlimit " .. n .. tail, locals(n - 4) .. "\nfor i = 1, 2 do end\nfor i = 1, 2 do end" .. tail)
  end
end
