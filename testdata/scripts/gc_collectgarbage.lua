-- collectgarbage options: only types and stable results are printed
print(type(collectgarbage("count")), math.type(collectgarbage("count")))
print(collectgarbage("count") > 0)
print(collectgarbage())
print(collectgarbage("collect"))
print(type(collectgarbage("isrunning")))
print(pcall(collectgarbage, "bogus"))
print(type(collectgarbage("incremental")))
