-- mandelbrot: tight float loops and comparisons; counts the points of an
-- n x n grid that stay bounded for 50 iterations.
local n = tonumber(arg and arg[1]) or 1100

local inside, iters = 0, 0
for y = 0, n - 1 do
  local ci = 2.0 * y / n - 1.0
  for x = 0, n - 1 do
    local cr = 2.0 * x / n - 1.5
    local zr, zi, zr2, zi2 = 0.0, 0.0, 0.0, 0.0
    local k = 0
    while k < 50 and zr2 + zi2 <= 4.0 do
      zi = 2.0 * zr * zi + ci
      zr = zr2 - zi2 + cr
      zr2, zi2 = zr * zr, zi * zi
      k = k + 1
    end
    iters = iters + k
    if k == 50 then inside = inside + 1 end
  end
end
print("checksum", inside, iters)
