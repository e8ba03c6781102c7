-- \xXX escapes
print("\x41\x42\x43", "\x61\x62\x63")
print(#"\x00\x01\xff", string.byte("\x00\x01\xff", 1, -1))
print("\x4A\x4a" == "JJ")
local ok, msg = load('return "\\x4g"')
print(ok, msg)
print(load('return "\\x"'))
print(load('return "\\x5"'))
