-- matrix multiplication and determinant with integers and floats
local function matmul(a, b)
  local n, m, p = #a, #b, #b[1]
  local c = {}
  for i = 1, n do
    c[i] = {}
    for j = 1, p do
      local s = 0
      for k = 1, m do s = s + a[i][k] * b[k][j] end
      c[i][j] = s
    end
  end
  return c
end
local function det(m)
  local n = #m
  if n == 1 then return m[1][1] end
  local d = 0
  for j = 1, n do
    local sub = {}
    for i = 2, n do
      local row = {}
      for k = 1, n do if k ~= j then row[#row + 1] = m[i][k] end end
      sub[#sub + 1] = row
    end
    d = d + ((j % 2 == 1) and 1 or -1) * m[1][j] * det(sub)
  end
  return d
end
local a = {{1, 2}, {3, 4}}
local b = {{5, 6}, {7, 8}}
local c = matmul(a, b)
print(c[1][1], c[1][2], c[2][1], c[2][2])
print(det(a), det({{2, 0, 1}, {1, 3, 2}, {1, 1, 1}}), det({{0.5, 1}, {1, 0.5}}))
local id = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}
local m = {{1, 2, 3}, {4, 5, 6}, {7, 8, 10}}
local r = matmul(m, id)
print(r[3][3], det(m))
