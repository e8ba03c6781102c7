-- simple escape sequences in short strings
local s = "a\tb\nc\\d\"e\'f"
print(s)
print(#"\a\b\f\n\r\t\v\\\"\'")
for i = 1, #"\a\b\f\n\r\t\v" do
  print(i, string.byte("\a\b\f\n\r\t\v", i))
end
print('single \'quoted\' "inner"')
print("double 'inner' \"q\"")
print("line1\
line2")
print(#"\
", string.byte("\
"))
