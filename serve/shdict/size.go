package shdict

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// sizeUnits are the suffixes ParseSize accepts: tide's units and nginx's
// single letters (k, m, g: powers of 1024, as in lua_shared_dict).
var sizeUnits = []struct {
	name string
	n    int64
}{
	{"GiB", 1 << 30}, {"MiB", 1 << 20}, {"KiB", 1 << 10},
	{"GB", 1e9}, {"MB", 1e6}, {"KB", 1e3},
	{"g", 1 << 30}, {"G", 1 << 30}, {"m", 1 << 20}, {"M", 1 << 20}, {"k", 1 << 10}, {"K", 1 << 10},
	{"B", 1},
}

// ParseSize reads a size in bytes: a positive number with an optional
// unit, B, KB, MB, GB (powers of 1000), KiB, MiB, GiB or nginx's k, m, g
// (powers of 1024, either case): "10m", "512k", "64MiB", "1.5MB", "4096".
func ParseSize(s string) (int64, error) {
	num, unit := strings.TrimSpace(s), int64(1)
	for _, u := range sizeUnits {
		if n, ok := strings.CutSuffix(num, u.name); ok {
			num, unit = strings.TrimSpace(n), u.n
			break
		}
	}
	f, err := strconv.ParseFloat(num, 64)
	if err != nil || !(f > 0) || math.IsInf(f, 0) || f*float64(unit) >= math.MaxInt64 || f*float64(unit) < 1 {
		return 0, fmt.Errorf("bad size %q (a size such as 10m, 512k or 64MiB expected)", s)
	}
	return int64(f * float64(unit)), nil
}

// ParseSpec reads a dict specification NAME=SIZE, as tide serve's
// --shared-dict option takes it: "cache=10m".
func ParseSpec(spec string) (name string, size int64, err error) {
	name, sz, ok := strings.Cut(spec, "=")
	name = strings.TrimSpace(name)
	if !ok || name == "" {
		return "", 0, fmt.Errorf("bad shared dict %q (NAME=SIZE expected, e.g. cache=10m)", spec)
	}
	size, err = ParseSize(sz)
	if err != nil {
		return "", 0, fmt.Errorf("shared dict %q: %w", name, err)
	}
	return name, size, nil
}
