package ratelimit_test

import (
	"fmt"
	"time"

	"github.com/tidelua/tide/serve/ratelimit"
	"github.com/tidelua/tide/serve/shdict"
)

func ExampleTokenBucket() {
	limits := shdict.New("limits", 1<<20)
	rl, err := ratelimit.NewTokenBucket(limits, "login:", 1, 2) // 1/s, bursts of 2
	if err != nil {
		panic(err)
	}
	for range 3 {
		r, _ := rl.Take("203.0.113.7", 1)
		fmt.Println(r.Allowed, r.Remaining, r.RetryAfter.Round(100*time.Millisecond))
	}
	// Output:
	// true 1 0s
	// true 0 0s
	// false 0 1s
}
