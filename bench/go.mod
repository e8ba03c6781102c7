module github.com/tidelua/tide/bench

go 1.26

replace github.com/tidelua/tide => ..

require (
	github.com/Shopify/go-lua v0.0.0-20250718183320-1e37f32ad7d0
	github.com/arnodel/golua v0.1.0
	github.com/tidelua/tide v0.0.0-00010101000000-000000000000
	github.com/yuin/gopher-lua v1.1.2
)

require github.com/arnodel/strftime v0.1.6 // indirect
