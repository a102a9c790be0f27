// Command httpstatus is the HTTP status code reference: look codes up,
// search them, list them, and serve the reference website, JSON API and test
// endpoint. See the README or httpstatus --help.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/httpstatus/httpstatus/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := cli.Main(ctx, os.Args[1:], os.Getenv, os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
