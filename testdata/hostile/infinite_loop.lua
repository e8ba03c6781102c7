-- expect: instruction
while true do end
