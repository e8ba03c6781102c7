// Package shdict provides shared dictionaries for tide serve: maps from
// string keys to values (nil, booleans, integers, floats, strings) and
// lists, shared by every tide State and goroutine of a process, with
// OpenResty's ngx.shared.DICT semantics: per-entry expiry and user flags,
// a capacity in bytes with exact accounting, and least-recently-used
// eviction when a store needs room.
//
// Go code uses a [Dict] directly ([New], [Dict.Get], [Dict.Set],
// [Dict.Incr], ...); Lua code gets the dicts through [Open], which makes
// the table that tide serve exposes as tide.shared and ngx.shared:
//
//	local cache = ngx.shared.cache
//	local ok, err, forcible = cache:set("user:1", body, 60) -- 60 s
//	local hits = cache:incr("hits", 1, 0)
//
// Differences from OpenResty: numbers keep Lua 5.4's integer/float
// subtype (incr of integers gives an integer); free_space counts exact
// bytes (OpenResty counts free 4 KiB pages); a store that needs room
// reclaims expired entries from the least recently used end before
// evicting live ones and never evicts for an entry that cannot fit at
// all; expiry has nanosecond resolution (OpenResty: milliseconds).
//
// The package uses only package tide and the standard library.
package shdict
