package serve

import (
	"fmt"
	"net/http"
	"sort"
	"strings"
)

// route is one entry of the application's routes table.
type route struct {
	key    string // the key as written in the table, "GET /hello"; "" for a single handler
	method string // "" for any method
	path   string // the exact path, or the prefix (ending in "/") of a prefix route
	prefix bool
	index  int // the handler's index in every worker's handlers
	stats  *routeStats
}

// router picks the route of a request. Exact routes are in a map by
// path; prefix routes are sorted longest prefix first. At equal paths,
// routes naming a method come before routes for any method.
type router struct {
	routes []*route            // all routes, in handler index order
	exact  map[string][]*route // exact routes by path
	prefix []*route            // prefix routes, longest prefix first
}

// newRouter builds the router of a routes table's keys; single (keys
// nil) is a router sending everything to handler 0.
func newRouter(keys []string, m *metrics) (*router, error) {
	rt := &router{exact: map[string][]*route{}}
	if keys == nil {
		r := &route{key: "", path: "/", prefix: true, stats: m.route("/*")}
		rt.routes = []*route{r}
		rt.prefix = rt.routes
		return rt, nil
	}
	sort.Strings(keys)
	for i, k := range keys {
		r, err := parseRoute(k)
		if err != nil {
			return nil, err
		}
		r.index = i
		r.stats = m.route(k)
		rt.routes = append(rt.routes, r)
		if r.prefix {
			rt.prefix = append(rt.prefix, r)
		} else {
			rt.exact[r.path] = append(rt.exact[r.path], r)
		}
	}
	for _, rs := range rt.exact {
		sortRoutes(rs)
		for i := 1; i < len(rs); i++ {
			if rs[i].method == rs[i-1].method {
				return nil, fmt.Errorf("routes %q and %q are the same route", rs[i-1].key, rs[i].key)
			}
		}
	}
	sortRoutes(rt.prefix)
	for i := 1; i < len(rt.prefix); i++ {
		a, b := rt.prefix[i-1], rt.prefix[i]
		if a.path == b.path && a.method == b.method {
			return nil, fmt.Errorf("routes %q and %q are the same route", a.key, b.key)
		}
	}
	return rt, nil
}

// sortRoutes orders routes longest path first, then method-specific
// before any method.
func sortRoutes(rs []*route) {
	sort.SliceStable(rs, func(i, j int) bool {
		if len(rs[i].path) != len(rs[j].path) {
			return len(rs[i].path) > len(rs[j].path)
		}
		return rs[i].method != "" && rs[j].method == ""
	})
}

// parseRoute reads a routes table key: "[METHOD ]/path[/*]".
func parseRoute(key string) (*route, error) {
	r := &route{key: key}
	p := key
	if m, rest, ok := strings.Cut(key, " "); ok {
		if m == "" || strings.ToUpper(m) != m || strings.ContainsAny(m, "/ \t") {
			return nil, fmt.Errorf("route %q: bad method %q (upper case expected, as in \"GET /path\")", key, m)
		}
		r.method, p = m, strings.TrimSpace(rest)
	}
	if !strings.HasPrefix(p, "/") || strings.ContainsAny(p, " \t\r\n") {
		return nil, fmt.Errorf("route %q: path must start with '/' (as in \"GET /path\" or \"/prefix/*\")", key)
	}
	if strings.HasSuffix(p, "*") {
		if !strings.HasSuffix(p, "/*") {
			return nil, fmt.Errorf("route %q: '*' only ends a prefix route (\"/prefix/*\")", key)
		}
		r.prefix, p = true, strings.TrimSuffix(p, "*")
	}
	if strings.Contains(p, "*") {
		return nil, fmt.Errorf("route %q: '*' only ends a prefix route (\"/prefix/*\")", key)
	}
	r.path = p
	return r, nil
}

// matches reports whether a request method fits the route.
func (r *route) matches(method string) bool {
	return r.method == "" || r.method == method || (method == http.MethodHead && r.method == http.MethodGet)
}

// match returns the route for a request, or nil and the methods of the
// routes whose path matched (for a 405's Allow header; empty for 404).
func (rt *router) match(method, path string) (*route, []string) {
	var allow []string
	for _, r := range rt.exact[path] {
		if r.matches(method) {
			return r, nil
		}
		allow = append(allow, r.method)
	}
	for _, r := range rt.prefix {
		if !strings.HasPrefix(path, r.path) && path+"/" != r.path {
			continue
		}
		if r.matches(method) {
			return r, nil
		}
		allow = append(allow, r.method)
	}
	return nil, allow
}
