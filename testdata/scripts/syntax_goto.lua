-- goto and label errors found at compile time
local cases = {
  "goto l1",
  "do goto l2 end",
  "::a:: ::a::",
  "::a:: do ::a:: end",
  "goto f; local x; ::f:: print(x)",
  "do goto f; local x; ::f:: end",
  "repeat goto cont; local y; ::cont:: until y",
  "local function f() goto out end ::out::",
  "for i = 1, 2 do ::x:: end goto x",
  "::l:: ::m:: goto l",
  "goto = 1",
  "::1::",
  ":: a ::",
  "::a",
}
for i, src in ipairs(cases) do
  local f, err = load(src, "=goto")
  print(i, type(f), err)
end
