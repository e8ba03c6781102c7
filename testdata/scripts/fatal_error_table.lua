-- an error object that is a table without __tostring
print("about to fail")
error({code = 42})
