package reliability

import (
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"
)

// readHeaderTimeout is the server's http.Server.ReadHeaderTimeout
// (internal/server).
const readHeaderTimeout = 5 * time.Second

// TestSlowHeaders is slowloris: 50 connections send a request line or
// headers a few bytes at a time and never finish them. The server must close
// each within its ReadHeaderTimeout (plus a margin for a loaded machine),
// never answer the unfinished request, and serve a normal request while
// they are all open.
func TestSlowHeaders(t *testing.T) {
	const (
		conns  = 50
		tick   = 500 * time.Millisecond
		margin = 5 * time.Second
		// giveUp bounds each slow client: it stops sending and reading then.
		giveUp = readHeaderTimeout + margin + 5*time.Second
	)
	s := startServer(t)

	type result struct {
		closedAfter time.Duration
		reply       string
		err         error // not nil if the server did not close it
	}
	results := make(chan result, conns)
	for i := range conns {
		c, err := net.DialTimeout("tcp", s.addr, 10*time.Second)
		if err != nil {
			t.Fatalf("connection %d: %v", i, err)
		}
		defer c.Close()
		// Half trickle the request line itself, half complete it and then
		// trickle header lines.
		var first string
		var next func(n int) string
		if i%2 == 0 {
			line := "GET /healthz HTTP/1.1" // never ended by CRLF
			first = line[:1]
			next = func(n int) string {
				if n+1 < len(line) {
					return line[n+1 : n+2]
				}
				return "1"
			}
		} else {
			first = "GET /healthz HTTP/1.1\r\nHost: " + s.addr + "\r\n"
			next = func(n int) string { return fmt.Sprintf("X-Slow-%d: x\r\n", n) }
		}
		go func() {
			start := time.Now()
			c.SetDeadline(start.Add(giveUp)) //nolint:errcheck // a fresh TCP connection
			closed := make(chan struct{})
			go func() { // the writer: one piece a tick until the server hangs up
				if _, err := io.WriteString(c, first); err != nil {
					return
				}
				tk := time.NewTicker(tick)
				defer tk.Stop()
				for n := 0; n < int(giveUp/tick); n++ {
					select {
					case <-closed:
						return
					case <-tk.C:
					}
					if _, err := io.WriteString(c, next(n)); err != nil {
						return
					}
				}
			}()
			reply, err := io.ReadAll(io.LimitReader(c, 4096))
			close(closed)
			var ne net.Error
			if errors.As(err, &ne) && ne.Timeout() {
				err = fmt.Errorf("still open after %s: %w", time.Since(start).Round(time.Millisecond), err)
			} else {
				err = nil // EOF or a reset: the server closed it
			}
			results <- result{time.Since(start), string(reply), err}
		}()
	}

	// With every slow connection open, a normal request is served.
	time.Sleep(time.Second)
	client := &http.Client{Timeout: 10 * time.Second}
	resp, err := client.Get(s.url + "/status/200")
	if err != nil {
		t.Fatalf("a normal request beside %d slow connections: %v", conns, err)
	}
	io.Copy(io.Discard, resp.Body) //nolint:errcheck // only the status matters
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("a normal request beside %d slow connections: %d, want 200", conns, resp.StatusCode)
	}
	if open := conns - len(results); open < conns/2 {
		t.Errorf("only %d slow connections were still open when the normal request was served", open)
	} else {
		t.Logf("a normal request was served with %d slow connections open", open)
	}

	var times []time.Duration
	deadline := time.After(giveUp + 10*time.Second)
	for range conns {
		select {
		case r := <-results:
			if r.err != nil {
				t.Errorf("slow connection: %v", r.err)
				continue
			}
			if r.closedAfter > readHeaderTimeout+margin {
				t.Errorf("slow connection closed after %s, want within %s + %s", r.closedAfter.Round(time.Millisecond), readHeaderTimeout, margin)
			}
			if strings.HasPrefix(r.reply, "HTTP/1.1 2") {
				t.Errorf("an unfinished request was answered: %.100q", r.reply)
			}
			times = append(times, r.closedAfter)
		case <-deadline:
			t.Fatalf("slow connections not done after %s", giveUp+10*time.Second)
		}
	}
	if len(times) > 0 {
		slices.Sort(times)
		t.Logf("closed %d slow connections after %s (first) to %s (last)", len(times),
			times[0].Round(time.Millisecond), times[len(times)-1].Round(time.Millisecond))
	}
}
