-- require, package.loaded, package.preload, package.searchpath and the
-- error messages, with package.path and cpath set so the output does not
-- depend on the installation's default paths.
package.path = "./?.lua;./fixtures/?.lua"
package.cpath = "./?.so"

local m, where = require("module")
print(m.name, m.add(2, 3), where)
print(package.loaded.module == m, require("module") == m)
print(select("#", require("module")))
print(fixture_global)

-- dotted names map to directories
local m2 = require("fixtures.module")
print(m2 ~= m, m2.name)

-- preload
local calls = 0
package.preload.virtual = function(name, extra)
  calls = calls + 1
  return {name = name, extra = extra}
end
local v, extra = require("virtual")
print(v.name, v.extra, extra, calls)
require("virtual")
print(calls)

-- a loader returning nothing stores true
package.preload.empty = function() end
print(require("empty"), package.loaded.empty)

-- a loader that sets package.loaded itself
package.preload.selfset = function(name) package.loaded[name] = "set" end
print(require("selfset"))

-- not found: every searcher says what it tried
print(pcall(require, "no.such.mod"))

-- syntax and runtime errors in the module
print(pcall(require, "syntax_error"))
print(pcall(require, "runtime_error"))

-- searchpath
print(package.searchpath("fixtures.module", package.path))
print(package.searchpath("x", "a/?.lua;b/?.lua"))
print(package.searchpath("a_b", "?.lua", "_", "-"))

-- argument errors
print(pcall(require))
print(pcall(package.searchpath))
print(type(package.config), #package.searchers, type(package.loaded._G))
print(package.loaded.string == string, package.loaded._G == _G)
