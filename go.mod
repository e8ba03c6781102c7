module github.com/tidelua/tide

go 1.26
