package bench

import (
	"io"
	"testing"

	shopify "github.com/Shopify/go-lua"
	"github.com/arnodel/golua/lib"
	rt "github.com/arnodel/golua/runtime"
	gopher "github.com/yuin/gopher-lua"
)

// The same measures as BenchmarkNewState and BenchmarkCallGoToLua, for the
// Go peers, so that tide's figures have a scale: creating a state with the
// standard libraries opened, and calling function(x) return x + 1 end
// from Go with one argument and one result.

func BenchmarkPeerNewState(b *testing.B) {
	b.Run("gopher-lua", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			gopher.NewState().Close()
		}
	})
	b.Run("go-lua", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			shopify.OpenLibraries(shopify.NewState())
		}
	})
	b.Run("golua", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			r := rt.New(io.Discard)
			lib.LoadAll(r)()
			r.Close(nil)
		}
	})
}

const peerAddOne = `function add1(x) return x + 1 end`

func BenchmarkPeerCallGoToLua(b *testing.B) {
	b.Run("gopher-lua", func(b *testing.B) {
		l := gopher.NewState()
		defer l.Close()
		if err := l.DoString(peerAddOne); err != nil {
			b.Fatal(err)
		}
		fn := l.GetGlobal("add1")
		p := gopher.P{Fn: fn, NRet: 1, Protect: true}
		b.ReportAllocs()
		for b.Loop() {
			if err := l.CallByParam(p, gopher.LNumber(41)); err != nil {
				b.Fatal(err)
			}
			l.Pop(1)
		}
	})
	b.Run("go-lua", func(b *testing.B) {
		l := shopify.NewState()
		shopify.OpenLibraries(l)
		if err := shopify.DoString(l, peerAddOne); err != nil {
			b.Fatal(err)
		}
		b.ReportAllocs()
		for b.Loop() {
			l.Global("add1")
			l.PushInteger(41)
			if err := l.ProtectedCall(1, 1, 0); err != nil {
				b.Fatal(err)
			}
			l.Pop(1)
		}
	})
	b.Run("golua", func(b *testing.B) {
		r := rt.New(io.Discard)
		defer r.Close(nil)
		defer lib.LoadAll(r)()
		chunk, err := r.LoadFromSourceOrCode("add1", []byte("return function(x) return x + 1 end"), "t", rt.TableValue(r.GlobalEnv()), false)
		if err != nil {
			b.Fatal(err)
		}
		fn, err := rt.Call1(r.MainThread(), rt.FunctionValue(chunk))
		if err != nil {
			b.Fatal(err)
		}
		arg := rt.IntValue(41)
		b.ReportAllocs()
		for b.Loop() {
			if _, err := rt.Call1(r.MainThread(), fn, arg); err != nil {
				b.Fatal(err)
			}
		}
	})
}
