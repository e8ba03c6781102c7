-- dies at top level with a string error: message with position and a traceback
print("before the error")
error("fatal message") -- ERROR "fatal message"
print("never printed")
