package shdict_test

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/tidelua/tide"
	"github.com/tidelua/tide/serve/shdict"
)

func Example() {
	cache := shdict.New("cache", 10<<20) // 10 MiB
	cache.Set("greeting", shdict.String("hello"), time.Minute, 0)
	hits, _, _ := cache.Incr("hits", shdict.Int(1), shdict.Int(0), 0)
	v, _, _ := cache.Get("greeting")
	fmt.Println(v, hits)
	// Output: hello 1
}

func ExampleOpen() {
	dicts := map[string]*shdict.Dict{"cache": shdict.New("cache", 1<<20)}
	s := tide.NewState(tide.Options{Stdout: os.Stdout})
	defer s.Close()
	shared, err := shdict.Open(s, dicts)
	if err != nil {
		panic(err)
	}
	s.SetGlobal("shared", shared) // tide serve: tide.shared and ngx.shared
	err = s.DoString(context.Background(), `
local cache = shared.cache
print(cache:set("user:1", "Ada", 60))
print(cache:add("user:1", "Bob"))
print(cache:incr("visits", 1, 0), cache:incr("visits", 1))
`, "=example")
	if err != nil {
		panic(err)
	}
	v, _, _ := dicts["cache"].Get("visits") // the Go side sees the same dict
	fmt.Println(v.Kind(), v)
	// Output:
	// true	nil	false
	// false	exists	false
	// 1	2
	// integer 2
}
