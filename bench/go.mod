module github.com/tidelua/tide/bench

go 1.26

replace github.com/tidelua/tide => ..
