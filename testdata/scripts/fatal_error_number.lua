-- a numeric error value is shown as a string message
print("about to fail")
error(404)
