-- runtime error in nested function calls: traceback shows each level
local config
local function read(key)
  return config[key] -- ERROR "attempt to index a nil value \(upvalue 'config'\)"
end
local function start()
  print("starting")
  return read("port")
end
start()
