-- ngx.re on RE2: match, find, gmatch, sub, gsub, options, the dialect's limits
local function caps(m)
  if not m then return "nil" end
  local out = {}
  for i = 0, #m do out[#out + 1] = tostring(m[i]) end
  return table.concat(out, "|")
end

return {
  ["/match"] = {content = function()
    local m = ngx.re.match("hello 1234 world", [[(\d+)\s+(?<word>\w+)]])
    ngx.say(caps(m), " ", m.word)
    ngx.say(caps(ngx.re.match("HeLLo", "hello", "i")), " ", caps(ngx.re.match("HeLLo", "hello")))
    ngx.say(caps(ngx.re.match("ab", "(a)(x)?(b)")))
    local ctx = {pos = 3}
    local m2 = ngx.re.match("a1b2c3", [[\d]], "jo", ctx)
    ngx.say(m2[0], " ", ctx.pos)
    ngx.say(caps(ngx.re.match("line1\nline2", "^line2$", "m")), " ", caps(ngx.re.match("line1\nline2", "^line2$")))
    ngx.say(caps(ngx.re.match("a\nb", "a.b", "s")), " ", caps(ngx.re.match("a\nb", "a.b")))
    ngx.say(caps(ngx.re.match("foo123", [[ \d+  # digits
      ]], "x")))
    ngx.say(caps(ngx.re.match("xabc", "abc", "a")), " ", caps(ngx.re.match("abcx", "abc", "a")))
    ngx.say(caps(ngx.re.match("héllo", "h.llo", "u")))
  end},
  ["/find"] = {content = function()
    local from, to = ngx.re.find("hello 1234", [[\d+]])
    ngx.say(from, " ", to)
    from, to = ngx.re.find("hello 1234", [[(\d)(\d+)]], "jo", nil, 2)
    ngx.say(from, " ", to)
    ngx.say(tostring(ngx.re.find("hello", [[\d]])))
    from, to = ngx.re.find("abc", "")
    ngx.say(from, " ", to)
  end},
  ["/gmatch"] = {content = function()
    local out = {}
    for m in ngx.re.gmatch("k1=v1, k2=v2", [[(\w+)=(\w+)]]) do
      out[#out + 1] = m[1] .. ":" .. m[2]
    end
    ngx.say(table.concat(out, " "))
    local it = ngx.re.gmatch("aXbX", "X")
    ngx.say(it()[0], " ", it()[0], " ", tostring(it()))
  end},
  ["/sub"] = {content = function()
    ngx.say(ngx.re.sub("hello world", "o", "0"))
    ngx.say(ngx.re.gsub("hello world", "o", "0"))
    ngx.say(ngx.re.gsub("john smith", [[(\w+) (\w+)]], "$2, $1 [$0] ${1}x $$"))
    ngx.say(ngx.re.gsub("a1b22", [[\d+]], function(m) return "<" .. m[0] .. ">" end))
    ngx.say(ngx.re.gsub("baaac", "a*", "-"))
    ngx.say(ngx.re.gsub("aaa", "^a", "b"))
    ngx.say(ngx.re.gsub("x", "y", "z"))
    ngx.say(ngx.re.gsub("k=v", [[(?<key>\w+)=(?<val>\w+)]], "${val}=${key}"))
  end},
  ["/split"] = {content = function()
    local ngx_re = require("ngx.re")
    ngx.say(table.concat(ngx_re.split("a,b,,c", ","), "|"))
    ngx.say(table.concat(ngx_re.split("a1b2c", [[(\d)]]), "|"))
    ngx.say(table.concat(ngx_re.split("a,b,c,d", ",", nil, nil, 2), "|"))
    ngx.say(#ngx_re.split("abc", ""))
  end},
  ["/errors"] = {content = function()
    local m, err = ngx.re.match("aa", [[(a)\1]])
    ngx.say(tostring(m), " ", err)
    m, err = ngx.re.match("ab", "a(?=b)")
    ngx.say(tostring(m), " ", err)
    m, err = ngx.re.match("ab", "(?<!x)b")
    ngx.say(tostring(m), " ", err)
    m, err = ngx.re.match("ab", "(")
    ngx.say(tostring(m), " ", err)
    m, err = ngx.re.match("ab", "a", "z")
    ngx.say(tostring(m), " ", err)
    local s, n, err2 = ngx.re.gsub("ab", "a", "$x")
    ngx.say(tostring(s), " ", tostring(n), " ", err2)
    local from, to, err3 = ngx.re.find("ab", "a++")
    ngx.say(tostring(from), " ", tostring(to), " ", err3)
  end},
}
--> GET /match
--< 200
--< B 1234 world|1234|world world\nHeLLo nil\nab|a|false|b\n2 5\nline2 nil\na\nb nil\n123\nnil abc\nhéllo\n
--> GET /find
--< 200
--< B 7 10\n8 10\nnil\n1 0\n
--> GET /gmatch
--< 200
--< B k1:v1 k2:v2\nX X nil\n
--> GET /sub
--< 200
--< B hell0 world1\nhell0 w0rld2\nsmith, john [john smith] johnx $1\na<1>b<22>2\n-b-c-3\nbaa1\nx0\nv=k1\n
--> GET /split
--< 200
--< B a|b||c\na|1|b|2|c\na|b,c,d\n3\n
--> GET /errors
--< 200
--< ~ ^nil failed to compile regex "\(a\)\\1": backreference \\1 not supported
--< ~ \nnil failed to compile regex "a\(\?=b\)": lookahead \(\?= not supported
--< ~ \nnil failed to compile regex "\(\?<!x\)b": lookbehind \(\?<! not supported
--< ~ \nnil failed to compile regex "\(": missing closing \)
--< ~ \nnil unknown flag "z" \(flags "z"\)
--< ~ \nnil nil failed to compile the replacement template
--< ~ \nnil nil failed to compile regex "a\+\+": possessive quantifier
