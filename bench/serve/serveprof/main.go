// Command serveprof runs tide's server (package serve) in-process under
// the Go CPU profiler, so that a load from loadgen shows where tide serve
// spends its time per request:
//
//	serveprof -listen 127.0.0.1:18480 -cpuprofile cpu.out -for 8s bench/serve/app &
//	loadgen -addr 127.0.0.1:18480 -path /plain -d 5s
//	go tool pprof -top serveprof cpu.out
//
// It serves for the -for duration (the profile covers all of it), then
// drains and writes the profile. The access log goes to -access-log
// (default: discarded, unlike tide serve, which writes it to stdout;
// use a file to include its cost).
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/pprof"
	"time"

	"github.com/tidelua/tide/serve"
)

func main() {
	listen := flag.String("listen", "127.0.0.1:18480", "address to serve on")
	states := flag.Int("states", 0, "Lua States (0: GOMAXPROCS)")
	cpuprofile := flag.String("cpuprofile", "cpu.out", "CPU profile file")
	memprofile := flag.String("memprofile", "", "allocation profile file, written at the end")
	dur := flag.Duration("for", 10*time.Second, "how long to serve")
	accessLog := flag.String("access-log", "", "access log file (default: discarded)")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: serveprof [options] APP")
		os.Exit(2)
	}
	if err := run(flag.Arg(0), *listen, *states, *cpuprofile, *memprofile, *accessLog, *dur); err != nil {
		fmt.Fprintln(os.Stderr, "serveprof:", err)
		os.Exit(1)
	}
}

func run(app, listen string, states int, cpuprofile, memprofile, accessLog string, dur time.Duration) error {
	var access io.Writer = io.Discard
	if accessLog != "" {
		f, err := os.Create(accessLog)
		if err != nil {
			return err
		}
		defer f.Close()
		access = f
	}
	srv, err := serve.New(serve.Options{App: app, Listen: listen, States: states, AccessLog: access})
	if err != nil {
		return err
	}
	f, err := os.Create(cpuprofile)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := pprof.StartCPUProfile(f); err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(context.Background(), dur)
	defer cancel()
	err = srv.ListenAndServe(ctx)
	pprof.StopCPUProfile()
	if memprofile != "" {
		m, merr := os.Create(memprofile)
		if merr != nil {
			return merr
		}
		defer m.Close()
		if merr := pprof.Lookup("allocs").WriteTo(m, 0); merr != nil {
			return merr
		}
	}
	return err
}
