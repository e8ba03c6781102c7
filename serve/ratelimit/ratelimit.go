// Package ratelimit provides rate limiters for tide serve, keyed by any
// string the handler chooses (a client address, a user, an API key) and
// backed by a shared dict ([shdict.Dict]), so that a limit holds across
// every State and goroutine of the process. Three algorithms:
//
//   - [TokenBucket]: rate tokens per second refill a bucket of burst
//     tokens; a request takes n. Implemented as GCRA (the generic cell
//     rate algorithm), which keeps one number per key (the theoretical
//     arrival time) and is exactly equivalent to a continuously refilled
//     bucket.
//   - [FixedWindow]: at most limit requests per window, windows aligned
//     on the clock (a 60 s window starts at each wall-clock minute).
//     Cheap, but allows up to 2*limit across a window boundary.
//   - [SlidingWindow]: the two-window weighted approximation of a sliding
//     window: the count of the current fixed window plus the previous
//     window's count weighted by the share of the previous window still
//     inside the sliding window (the requests of the previous window are
//     assumed evenly spread). It smooths the boundary burst of the fixed
//     window at the cost of two counters per key.
//
// Every decision is one atomic read-modify-write of the key's entry in
// the dict ([shdict.Dict.UpdateBytes]): concurrent takes never admit more
// than the limit. The state is an integer (and the window index in the
// entry's flags) with an expiry, so idle keys vanish from the dict.
// Limiters sharing a dict must use distinct prefixes unless they are
// meant to share their counts.
//
// Lua code gets the limiters through [Open]:
//
//	local ratelimit = require "tide.ratelimit"
//	local rl = ratelimit.token_bucket{dict = "limits", rate = 10, burst = 20}
//	local ok, retry_after, remaining = rl:take(ngx.var.remote_addr)
//	if not ok then return 429, "slow down", {["retry-after"] = math.ceil(retry_after)} end
//
// The package uses only package tide, package shdict and the standard
// library.
package ratelimit

import (
	"errors"
	"fmt"
	"math"
	"time"

	"github.com/tidelua/tide/serve/shdict"
)

// Result is the outcome of a take.
type Result struct {
	// Allowed reports whether the request is admitted (its n units are
	// taken).
	Allowed bool
	// RetryAfter is, for a denied request, the time after which the same
	// request would be admitted if nothing else is taken meanwhile; 0
	// when allowed.
	RetryAfter time.Duration
	// Remaining is how many units could still be taken now, after this
	// request.
	Remaining int64
}

// Limiter is what the three limiters have in common.
type Limiter interface {
	// Take takes n units (n >= 0; 0 only reports the state) for key.
	Take(key string, n int64) (Result, error)
	// Reset forgets key's state.
	Reset(key string) error
}

// ErrExceedsLimit is what Take returns for an n larger than the limit or
// burst: such a request can never be admitted.
var ErrExceedsLimit = errors.New("n exceeds the limit")

// errNegative is what Take returns for a negative n.
var errNegative = errors.New("n must not be negative")

// maxCount bounds window limits: the sliding window packs two counts in
// one integer.
const maxCount = math.MaxInt32

// keyBuf builds prefix+key in buf without allocating (for keys that fit).
func keyBuf(buf []byte, prefix, key string) []byte {
	return append(append(buf[:0], prefix...), key...)
}

// TokenBucket admits requests while tokens remain in a bucket of Burst
// tokens refilled at Rate tokens per second. Its methods are safe for
// concurrent use.
type TokenBucket struct {
	dict     *shdict.Dict
	prefix   string
	rate     float64
	burst    int64
	interval int64 // ns per token
	tau      int64 // burst * interval: how far the arrival time may run ahead
}

// NewTokenBucket returns a token bucket limiter keeping its state in d
// under prefix+key: rate tokens per second (> 0), at most burst (>= 1)
// at once. The time resolution is a nanosecond per token.
func NewTokenBucket(d *shdict.Dict, prefix string, rate float64, burst int64) (*TokenBucket, error) {
	if d == nil {
		return nil, errors.New("ratelimit: no dict")
	}
	if !(rate > 0) || math.IsInf(rate, 0) {
		return nil, fmt.Errorf("ratelimit: rate must be a positive number (got %v)", rate)
	}
	if burst < 1 {
		return nil, fmt.Errorf("ratelimit: burst must be at least 1 (got %d)", burst)
	}
	interval := 1e9 / rate
	if interval < 1 {
		interval = 1
	}
	if interval*float64(burst) >= math.MaxInt64/4 {
		return nil, errors.New("ratelimit: rate too small for the burst")
	}
	return &TokenBucket{dict: d, prefix: prefix, rate: rate, burst: burst,
		interval: int64(interval), tau: int64(interval) * burst}, nil
}

// Take takes n tokens for key.
func (l *TokenBucket) Take(key string, n int64) (Result, error) {
	switch {
	case n < 0:
		return Result{}, errNegative
	case n > l.burst:
		return Result{}, ErrExceedsLimit
	}
	var res Result
	var buf [128]byte
	_, err := l.dict.UpdateBytes(keyBuf(buf[:], l.prefix, key), func(now time.Duration, e shdict.Entry) (shdict.Entry, bool) {
		t := int64(now)
		tat := t // theoretical arrival time: when the bucket is full again
		if e.Value.Kind() == shdict.KindInt && e.Value.AsInt() > t {
			tat = e.Value.AsInt()
		}
		next := tat + n*l.interval
		if next-t > l.tau {
			res = Result{RetryAfter: time.Duration(next - t - l.tau), Remaining: (l.tau - (tat - t)) / l.interval}
			return e, false
		}
		res = Result{Allowed: true, Remaining: (l.tau - (next - t)) / l.interval}
		if n == 0 {
			return e, false
		}
		return shdict.Entry{Value: shdict.Int(next), TTL: time.Duration(next - t)}, true
	})
	if err != nil {
		return Result{}, err
	}
	return res, nil
}

// Reset forgets key's state: its bucket is full again.
func (l *TokenBucket) Reset(key string) error { return l.dict.Delete(l.prefix + key) }

// window is what the two window limiters share.
type window struct {
	dict      *shdict.Dict
	prefix    string
	limit     int64
	size      int64 // ns
	epochUnix int64 // the dict's epoch on the wall clock, ns
}

func newWindow(d *shdict.Dict, prefix string, limit int64, size time.Duration) (window, error) {
	if d == nil {
		return window{}, errors.New("ratelimit: no dict")
	}
	if limit < 1 || limit > maxCount {
		return window{}, fmt.Errorf("ratelimit: limit must be between 1 and %d (got %d)", maxCount, limit)
	}
	if size <= 0 {
		return window{}, fmt.Errorf("ratelimit: window must be positive (got %v)", size)
	}
	return window{dict: d, prefix: prefix, limit: limit, size: int64(size), epochUnix: d.Epoch().UnixNano()}, nil
}

// position returns the index of the window holding dict time now and
// how far into it now is.
func (w *window) position(now time.Duration) (index, elapsed int64) {
	t := w.epochUnix + int64(now)
	index = t / w.size
	if t%w.size < 0 {
		index--
	}
	return index, t - index*w.size
}

// Reset forgets key's counts.
func (w *window) Reset(key string) error { return w.dict.Delete(w.prefix + key) }

// FixedWindow admits at most Limit requests per window, windows aligned
// on the wall clock. Its methods are safe for concurrent use.
type FixedWindow struct{ window }

// NewFixedWindow returns a fixed window limiter keeping its state in d
// under prefix+key: at most limit (1 to 2^31-1) units per window.
func NewFixedWindow(d *shdict.Dict, prefix string, limit int64, size time.Duration) (*FixedWindow, error) {
	w, err := newWindow(d, prefix, limit, size)
	if err != nil {
		return nil, err
	}
	return &FixedWindow{w}, nil
}

// Take takes n units for key in the current window.
func (l *FixedWindow) Take(key string, n int64) (Result, error) {
	switch {
	case n < 0:
		return Result{}, errNegative
	case n > l.limit:
		return Result{}, ErrExceedsLimit
	}
	var res Result
	var buf [128]byte
	_, err := l.dict.UpdateBytes(keyBuf(buf[:], l.prefix, key), func(now time.Duration, e shdict.Entry) (shdict.Entry, bool) {
		index, elapsed := l.position(now)
		count := int64(0)
		if e.Value.Kind() == shdict.KindInt && e.Flags == index {
			count = e.Value.AsInt()
		}
		left := time.Duration(l.size - elapsed)
		if count+n > l.limit {
			res = Result{RetryAfter: left, Remaining: l.limit - count}
			return e, false
		}
		res = Result{Allowed: true, Remaining: l.limit - count - n}
		if n == 0 {
			return e, false
		}
		return shdict.Entry{Value: shdict.Int(count + n), Flags: index, TTL: left}, true
	})
	if err != nil {
		return Result{}, err
	}
	return res, nil
}

// SlidingWindow admits at most Limit requests in any window of its size,
// estimated from the counts of the current and previous fixed windows
// (see the package comment). Its methods are safe for concurrent use.
type SlidingWindow struct{ window }

// NewSlidingWindow returns a sliding window limiter keeping its state in
// d under prefix+key: at most limit (1 to 2^31-1) units per window.
func NewSlidingWindow(d *shdict.Dict, prefix string, limit int64, size time.Duration) (*SlidingWindow, error) {
	w, err := newWindow(d, prefix, limit, size)
	if err != nil {
		return nil, err
	}
	return &SlidingWindow{w}, nil
}

// Take takes n units for key.
func (l *SlidingWindow) Take(key string, n int64) (Result, error) {
	switch {
	case n < 0:
		return Result{}, errNegative
	case n > l.limit:
		return Result{}, ErrExceedsLimit
	}
	var res Result
	var buf [128]byte
	_, err := l.dict.UpdateBytes(keyBuf(buf[:], l.prefix, key), func(now time.Duration, e shdict.Entry) (shdict.Entry, bool) {
		index, elapsed := l.position(now)
		var prev, cur int64
		if e.Value.Kind() == shdict.KindInt {
			packed := uint64(e.Value.AsInt())
			switch e.Flags {
			case index:
				prev, cur = int64(packed>>32), int64(packed&math.MaxUint32)
			case index - 1:
				prev = int64(packed & math.MaxUint32)
			}
		}
		size := float64(l.size)
		weight := (size - float64(elapsed)) / size // share of the previous window still inside
		estimate := float64(prev)*weight + float64(cur)
		if estimate+float64(n) > float64(l.limit) {
			res = Result{RetryAfter: l.retryAfter(prev, cur, n, elapsed), Remaining: remaining(float64(l.limit) - estimate)}
			return e, false
		}
		res = Result{Allowed: true, Remaining: remaining(float64(l.limit) - estimate - float64(n))}
		if n == 0 {
			return e, false
		}
		cur += n
		return shdict.Entry{Value: shdict.Int(int64(uint64(prev)<<32 | uint64(cur))), Flags: index,
			TTL: time.Duration(2*l.size - elapsed)}, true
	})
	if err != nil {
		return Result{}, err
	}
	return res, nil
}

// retryAfter is when a denied take of n would fit, if nothing else is
// taken: later in this window as the previous window's weight decays, or
// in the next window, where this window's count becomes the previous one.
func (l *SlidingWindow) retryAfter(prev, cur, n, elapsed int64) time.Duration {
	size := float64(l.size)
	if cur+n <= l.limit && prev > 0 {
		// weight(t) <= (limit-cur-n)/prev, weight(t) = 1 - t/size
		t := math.Ceil(size * (1 - float64(l.limit-cur-n)/float64(prev)))
		return time.Duration(max(int64(t)-elapsed, 1))
	}
	// In the next window: cur*(1 - t/size) + n <= limit.
	t := 0.0
	if cur > 0 {
		t = math.Max(0, math.Ceil(size*(1-float64(l.limit-n)/float64(cur))))
	}
	return time.Duration(l.size - elapsed + int64(t))
}

// remaining rounds a count of units left down, never below 0.
func remaining(f float64) int64 {
	if f <= 0 {
		return 0
	}
	return int64(f)
}
