-- expect: instruction
while true do local co = coroutine.wrap(function() coroutine.yield() end) co() end
