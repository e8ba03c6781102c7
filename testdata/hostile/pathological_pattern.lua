-- expect: instruction
string.find(("a"):rep(300000), ".-.-.-.-.-b")
