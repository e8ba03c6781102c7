-- word frequency count with patterns and sorted output
local text = [[
It was the best of times, it was the worst of times, it was the age of wisdom,
it was the age of foolishness, it was the epoch of belief, it was the epoch of
incredulity, it was the season of Light, it was the season of Darkness
]]
local freq = {}
for word in text:lower():gmatch("%a+") do freq[word] = (freq[word] or 0) + 1 end
local words = {}
for w in pairs(freq) do words[#words + 1] = w end
table.sort(words, function(a, b)
  if freq[a] ~= freq[b] then return freq[a] > freq[b] end
  return a < b
end)
for i = 1, 8 do print(string.format("%-12s %3d", words[i], freq[words[i]])) end
print(#words)
local caps = text:gsub("(%a)(%a*)", function(first, rest) return first:upper() .. rest end)
print(caps:sub(1, 40))
