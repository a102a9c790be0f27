package reliability

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptrace"
	"os"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// TestShutdownUnderLoad sends SIGTERM while 50 requests for
// /status/200?sleep=2000 are in flight: every one must be answered at once
// with 503 and Connection: close (the shutdown ends sleeps early), new
// connections must be refused from then on, and the process must exit with
// status 0.
func TestShutdownUnderLoad(t *testing.T) {
	const (
		inflight = 50
		sleep    = 2 * time.Second
	)
	if _, err := os.Stat("/proc/net/tcp"); err != nil {
		t.Skip("needs /proc/net/tcp to see that the server has read the requests")
	}
	s := startServer(t, "--max-delayed-per-client", strconv.Itoa(inflight)) // one client here
	_, portText, _ := net.SplitHostPort(s.addr)
	port, err := strconv.Atoi(portText)
	if err != nil {
		t.Fatal(err)
	}

	// A new connection per request, so that none sits idle (and is closed
	// by the shutdown) before its request is read.
	tr := &http.Transport{DisableKeepAlives: true, DisableCompression: true}
	client := &http.Client{Transport: tr, Timeout: 30 * time.Second}
	type result struct {
		code  int
		close bool
		done  time.Time
		err   error
	}
	results := make([]result, inflight)
	var wrote, wg sync.WaitGroup
	wrote.Add(inflight)
	for i := range results {
		wg.Go(func() {
			var once sync.Once
			written := func() { once.Do(wrote.Done) }
			defer written() // on failure too, so that nothing waits forever
			trace := &httptrace.ClientTrace{WroteRequest: func(httptrace.WroteRequestInfo) { written() }}
			ctx := httptrace.WithClientTrace(context.Background(), trace)
			req, err := http.NewRequestWithContext(ctx, http.MethodGet, fmt.Sprintf("%s/status/200?sleep=%d", s.url, sleep/time.Millisecond), nil)
			if err != nil {
				results[i].err = err
				return
			}
			resp, err := client.Do(req)
			results[i].done = time.Now()
			if err != nil {
				results[i].err = err
				return
			}
			io.Copy(io.Discard, resp.Body) //nolint:errcheck // only the status matters
			resp.Body.Close()
			results[i].code, results[i].close = resp.StatusCode, resp.Close
		})
	}
	if !waitGroup(&wrote, 20*time.Second) {
		t.Fatal("the requests were not all written within 20 s")
	}
	// Wait until the server has read every request: all its connections on
	// the port are established with nothing left in their receive queues.
	ready := false
	for range 200 {
		est, unread, err := serverSockets(port)
		if err != nil {
			t.Fatal(err)
		}
		if est >= inflight && unread == 0 {
			ready = true
			break
		}
		time.Sleep(25 * time.Millisecond)
	}
	if !ready {
		t.Fatalf("the server had not read all %d requests within 5 s", inflight)
	}

	sigAt := time.Now()
	s.signal(syscall.SIGTERM)
	select {
	case <-s.shuttingDown:
	case <-time.After(10 * time.Second):
		t.Fatalf("no \"shutting down\" log line within 10 s of SIGTERM\n%s", s.logTail())
	}
	// New connections are refused while the requests in flight finish.
	refusedAt := time.Time{}
	for range 100 {
		if refused(s.addr) {
			refusedAt = time.Now()
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	if refusedAt.IsZero() {
		t.Errorf("new connections were still accepted 2 s after the server logged \"shutting down\"")
	}

	if !waitGroup(&wg, 30*time.Second) {
		t.Fatalf("the requests in flight had not finished 30 s after SIGTERM\n%s", s.logTail())
	}
	var lastDone time.Time
	for i, r := range results {
		switch {
		case r.err != nil:
			t.Errorf("in-flight request %d: %v", i, r.err)
		case r.code != http.StatusServiceUnavailable || !r.close:
			t.Errorf("in-flight request %d: status %d (close %v), want 503 with Connection: close", i, r.code, r.close)
		case r.done.Sub(sigAt) >= sleep:
			t.Errorf("in-flight request %d: answered %s after SIGTERM, not before its sleep ended", i, r.done.Sub(sigAt))
		case !r.done.After(sigAt):
			t.Errorf("in-flight request %d finished before SIGTERM: the test did not test the shutdown", i)
		}
		if r.done.After(lastDone) {
			lastDone = r.done
		}
	}
	if !refusedAt.IsZero() && lastDone.After(refusedAt) {
		t.Logf("new connections refused %s after SIGTERM, while requests were in flight (the last finished %s after it)",
			refusedAt.Sub(sigAt).Round(time.Millisecond), lastDone.Sub(sigAt).Round(time.Millisecond))
	}

	exited, err := s.wait(stopTimeout)
	if !exited {
		t.Fatalf("the server had not exited %s after SIGTERM\n%s", stopTimeout, s.logTail())
	}
	if err != nil {
		t.Errorf("the server exited with %v, want status 0\n%s", err, s.logTail())
	}
	t.Logf("exited %s after SIGTERM", time.Since(sigAt).Round(time.Millisecond))
	if !refused(s.addr) {
		t.Errorf("a new connection was accepted after the server exited")
	}
}

// serverSockets counts the established TCP sockets on 127.0.0.1 with local
// port port, and how many of them hold received bytes not yet read.
func serverSockets(port int) (established, unread int, err error) {
	b, err := os.ReadFile("/proc/net/tcp")
	if err != nil {
		return 0, 0, err
	}
	want := fmt.Sprintf(":%04X", port)
	for _, line := range strings.Split(string(b), "\n")[1:] {
		f := strings.Fields(line)
		// sl local_address rem_address st tx_queue:rx_queue ...
		if len(f) < 5 || !strings.HasSuffix(f[1], want) || f[3] != "01" {
			continue
		}
		established++
		if _, rx, _ := strings.Cut(f[4], ":"); strings.Trim(rx, "0") != "" {
			unread++
		}
	}
	return established, unread, nil
}
