-- loops: numeric for loops, integer and float arithmetic, locals.
local n = tonumber(arg and arg[1]) or 50000000
local isum, fsum = 0, 0.0
for i = 1, n do
  isum = (isum + i * 7) % 1000003
  fsum = fsum + (i & 255) * 0.5
end
local k = 0
while k < n // 10 do k = k + 1 end
print("checksum", isum, string.format("%.1f", fsum), k)
