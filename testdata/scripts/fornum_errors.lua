-- numeric for argument errors
print(pcall(function() for i = 1, 10, 0 do end end))
print(pcall(function() for i = 1.0, 10, 0.0 do end end))
print(pcall(function() for i = "a", 10 do end end))
print(pcall(function() for i = 1, {} do end end))
print(pcall(function() for i = 1, 10, nil do end end))
print(pcall(function() for i = nil, 2 do end end))
print(pcall(function() for i = "1", 2 do print("string init", i) end end))
print(pcall(function() for i = 1, "2" do end end))
