-- a hand-written quicksort on a deterministic pseudo-random array
local seed = 12345
local function rand(n)
  seed = (seed * 1103515245 + 12345) % 2147483648
  return seed % n
end
local function qsort(t, lo, hi)
  if lo >= hi then return end
  local p, i = t[(lo + hi) // 2], lo
  local j = hi
  while i <= j do
    while t[i] < p do i = i + 1 end
    while t[j] > p do j = j - 1 end
    if i <= j then t[i], t[j] = t[j], t[i]; i = i + 1; j = j - 1 end
  end
  qsort(t, lo, j); qsort(t, i, hi)
end
local t = {}
for i = 1, 2000 do t[i] = rand(100000) end
qsort(t, 1, #t)
local sorted = true
for i = 2, #t do if t[i - 1] > t[i] then sorted = false end end
print(sorted, t[1], t[1000], t[2000])
