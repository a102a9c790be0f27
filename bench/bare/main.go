// Command bare is the benchmark's ceiling for Go's HTTP stack: a minimal
// net/http server that answers every request with one fixed 200 text/plain
// response, about the size of httpstatus's /status/200 body. bench/server.sh
// runs it beside httpstatus and go-httpbin.
//
//	go run ./bench/bare -addr 127.0.0.1:8081
//
// It prints "listening on http://ADDR" to stderr once it accepts connections
// and exits on SIGINT or SIGTERM.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strconv"
	"syscall"
	"time"
)

// body is as long as httpstatus's text/plain /status/200 body (89 bytes).
const body = "200 OK\n\nThe request succeeded; what the content holds depends on the method.\n\nMore: /200\n"

func main() {
	addr := flag.String("addr", "127.0.0.1:8081", "the address to listen on, host:port (port 0 picks one)")
	flag.Parse()
	if err := run(*addr); err != nil {
		fmt.Fprintln(os.Stderr, "bare:", err)
		os.Exit(1)
	}
}

func run(addr string) error {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	length := strconv.Itoa(len(body))
	srv := &http.Server{
		Handler: http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
			h := w.Header()
			h["Content-Type"] = []string{"text/plain; charset=utf-8"}
			h["Content-Length"] = []string{length}
			w.WriteHeader(http.StatusOK)
			io.WriteString(w, body) //nolint:errcheck // the client has gone; nothing to do
		}),
		ReadHeaderTimeout: 5 * time.Second,
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	fmt.Fprintln(os.Stderr, "listening on http://"+ln.Addr().String())
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	return srv.Shutdown(sctx)
}
