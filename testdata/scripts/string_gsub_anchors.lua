-- anchors, frontier patterns and balanced matches in gsub
print(("aaa"):gsub("^a", "b"), ("aaa"):gsub("a$", "b"), ("a$"):gsub("%$", "D"))
print(("THE (quick) (brown) fox"):gsub("%b()", "[]"))
print(("foo bar baz"):gsub("%f[%a]%a", string.upper))
print(("THE END"):gsub("%f[%a]", "|"), ("x1y2"):gsub("%f[%d]", "#"))
print(("one two"):gsub("(%w+)", "<%1>"), ("abc"):gsub("", "."))
print(("abc"):gsub(".-", "-"), ("abc"):gsub("b*", "X"))
print(("hello world"):gsub("o", {o = "0"}), ("key=val"):gsub("(%w+)=(%w+)", "%2=%1"))
print(string.gsub("abc", "(b)", "%0%1"))
