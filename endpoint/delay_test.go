package endpoint

import (
	"bufio"
	"net"
	"net/http"
	"net/netip"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestDelayedPerClient is the attack run's F5 (a): one client can no longer
// hold every delayed-request slot; another client still gets one. Clients
// are told apart by X-Forwarded-For from a trusted proxy (the test's own
// loopback address).
func TestDelayedPerClient(t *testing.T) {
	t.Parallel()
	shutdown := make(chan struct{})
	srv := newServer(t, Config{
		MaxDelayed: 8, MaxDelayedPerClient: 2,
		TrustedProxies: []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8"), netip.MustParsePrefix("::1/128")},
		Shutdown:       shutdown,
	})
	defer close(shutdown) // ends the sleeps the test leaves behind
	c := newClient(srv)
	from := func(ip string) http.Header { return http.Header{"X-Forwarded-For": {ip}} }

	for range 2 {
		go func() {
			req, _ := http.NewRequest(http.MethodGet, srv.URL+"/status/200?sleep=10000", nil)
			req.Header = from("198.51.100.1")
			if resp, err := c.Do(req); err == nil { // it ends at the shutdown
				resp.Body.Close()
			}
		}()
	}
	time.Sleep(500 * time.Millisecond) // both sleepers are in
	resp, body := do(t, c, http.MethodGet, srv.URL+"/status/200?sleep=1", from("198.51.100.1"))
	checkProblem(t, resp, body, http.StatusServiceUnavailable, "from your address")
	if resp, _ := do(t, c, http.MethodGet, srv.URL+"/status/200?sleep=1", from("198.51.100.2")); resp.StatusCode != 200 {
		t.Errorf("another client's delayed request got %d, want 200", resp.StatusCode)
	}
	if resp, _ := do(t, c, http.MethodGet, srv.URL+"/status/200?sleep=1", from("2001:db8:1:2::1")); resp.StatusCode != 200 {
		t.Errorf("an IPv6 client's delayed request got %d, want 200", resp.StatusCode)
	}
}

// TestDelayedBodyRead is the attack run's F5 (b): a POST whose body is
// still arriving, from a client that then leaves, does not hold a slot for
// the whole sleep.
func TestDelayedBodyRead(t *testing.T) {
	t.Parallel()
	srv := newServer(t, Config{MaxDelayed: 1})
	addr := strings.TrimPrefix(srv.URL, "http://")
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	conn.Write([]byte("POST /status/200?sleep=8000 HTTP/1.1\r\nHost: t\r\nContent-Length: 100\r\n\r\nabc")) //nolint:errcheck // seen below
	time.Sleep(200 * time.Millisecond)
	conn.Close()
	c := newClient(srv)
	deadline := time.Now().Add(3 * time.Second)
	for {
		resp, _ := do(t, c, http.MethodGet, srv.URL+"/status/204?sleep=1", nil)
		if resp.StatusCode == http.StatusNoContent {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("the only slot is still held 3 s after the client left: %d", resp.StatusCode)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// TestDelayedBodyTooLarge: a delayed request's body is read first, and one
// over 1 MiB gets a 413.
func TestDelayedBodyTooLarge(t *testing.T) {
	t.Parallel()
	srv := newServer(t, Config{})
	c := newClient(srv)
	req, _ := http.NewRequest(http.MethodPost, srv.URL+"/status/200?sleep=1", strings.NewReader(strings.Repeat("a", maxDrain+1)))
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("status %d, want 413", resp.StatusCode)
	}
	req, _ = http.NewRequest(http.MethodPost, srv.URL+"/status/201?sleep=1", strings.NewReader("small"))
	if resp, err = c.Do(req); err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusCreated {
		t.Errorf("a small body: status %d, want 201", resp.StatusCode)
	}
}

// TestSleepShutdown is the attack run's F12: when Config.Shutdown closes,
// sleeping requests end at once with 503 and Connection: close.
func TestSleepShutdown(t *testing.T) {
	t.Parallel()
	shutdown := make(chan struct{})
	srv := newServer(t, Config{MaxSleep: time.Minute, Shutdown: shutdown})
	addr := strings.TrimPrefix(srv.URL, "http://")
	for _, target := range []string{"/status/200?sleep=30000", "/status/103?sleep=30000"} {
		conn, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		conn.Write([]byte("GET " + target + " HTTP/1.1\r\nHost: t\r\n\r\n")) //nolint:errcheck // seen below
		go func() { time.Sleep(300 * time.Millisecond); closeOnce(shutdown) }()
		conn.SetReadDeadline(time.Now().Add(5 * time.Second)) //nolint:errcheck // the read fails instead
		br := bufio.NewReader(conn)
		var resp *http.Response
		for {
			resp, err = http.ReadResponse(br, nil)
			if err != nil {
				t.Fatalf("%s: no response within 5 s of the shutdown: %v", target, err)
			}
			if resp.StatusCode >= 200 {
				break
			}
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusServiceUnavailable || !resp.Close {
			t.Errorf("%s: status %d, close %v; want 503 with Connection: close", target, resp.StatusCode, resp.Close)
		}
	}
}

var closeMu sync.Mutex

func closeOnce(ch chan struct{}) {
	closeMu.Lock()
	defer closeMu.Unlock()
	select {
	case <-ch:
	default:
		close(ch)
	}
}
