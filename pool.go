package tide

import (
	"context"
	"errors"
	"sync"
)

// PoolOptions configure a [Pool].
type PoolOptions struct {
	// State are the options of every State the pool creates.
	State Options
	// MaxIdle bounds the States kept for reuse; 0 means 8.
	MaxIdle int
	// Reset gives every Get a fresh State: a State that was used is closed
	// instead of reused, so nothing a script left behind (globals,
	// metatables, module caches) reaches the next user. For tenants that
	// must not see each other's data. Without it, States keep their
	// globals and module caches between uses, as server workers do.
	Reset bool
	// Init, when set, prepares each new State (registers functions, loads
	// modules) before its first use; an error makes Get fail.
	Init func(s *State) error
}

// Pool hands out ready States to many goroutines. A State is used by one
// goroutine at a time: Get it, use it, Put it back. The zero Pool is not
// usable; call NewPool.
type Pool struct {
	opts   PoolOptions
	mu     sync.Mutex
	idle   []*State
	closed bool
}

// ErrPoolClosed is returned by Get after Close.
var ErrPoolClosed = errors.New("tide: pool closed")

// NewPool returns an empty Pool; States are created on demand.
func NewPool(opts PoolOptions) *Pool {
	if opts.MaxIdle <= 0 {
		opts.MaxIdle = 8
	}
	return &Pool{opts: opts}
}

// Get returns an idle State, or a new one prepared by Init.
func (p *Pool) Get() (*State, error) {
	p.mu.Lock()
	if p.closed {
		p.mu.Unlock()
		return nil, ErrPoolClosed
	}
	if n := len(p.idle); n > 0 {
		s := p.idle[n-1]
		p.idle[n-1] = nil
		p.idle = p.idle[:n-1]
		p.mu.Unlock()
		return s, nil
	}
	p.mu.Unlock()
	s := NewState(p.opts.State)
	if p.opts.Init != nil {
		if err := p.opts.Init(s); err != nil {
			s.Close()
			return nil, err
		}
	}
	return s, nil
}

// Put gives back a State obtained from Get. With Reset, or when the pool
// has enough idle States or is closed, the State is closed instead.
func (p *Pool) Put(s *State) {
	if s == nil {
		return
	}
	if p.opts.Reset {
		s.Close()
		return
	}
	p.mu.Lock()
	if p.closed || len(p.idle) >= p.opts.MaxIdle || s.closed {
		p.mu.Unlock()
		s.Close()
		return
	}
	p.idle = append(p.idle, s)
	p.mu.Unlock()
}

// Do runs fn with a State from the pool and puts it back.
func (p *Pool) Do(ctx context.Context, fn func(ctx context.Context, s *State) error) error {
	s, err := p.Get()
	if err != nil {
		return err
	}
	defer p.Put(s)
	return fn(ctx, s)
}

// Close closes the idle States; States still out are closed when they
// are Put back.
func (p *Pool) Close() {
	p.mu.Lock()
	idle := p.idle
	p.idle, p.closed = nil, true
	p.mu.Unlock()
	for _, s := range idle {
		s.Close()
	}
}
