package reliability

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
)

// TestOversizedRequests checks the server's size limits: a header block
// over its MaxHeaderBytes (16 KiB) gets 431 from net/http, even when it is
// far larger and the server stops reading; a request target over 8 KiB gets
// a 414 problem; requests just under the limits are served.
func TestOversizedRequests(t *testing.T) {
	s := startServer(t)
	long := func(n int) string { return strings.Repeat("a", n) }
	bigHeaders := func(n, size int) []string {
		h := make([]string, n)
		for i := range h {
			h[i] = fmt.Sprintf("X-Big-%d: %s", i, long(size))
		}
		return h
	}
	tests := []struct {
		name    string
		target  string
		headers []string
		want    int
		problem bool // the answer is application/problem+json
	}{
		{name: "ok/header-8KiB", target: "/status/200", headers: bigHeaders(1, 8<<10), want: 200},
		{name: "error/headers-32KiB", target: "/status/200", headers: bigHeaders(4, 8<<10), want: 431},
		{name: "error/header-1MiB", target: "/status/200", headers: bigHeaders(1, 1<<20), want: 431},
		{name: "ok/path-4KiB", target: "/status/200/" + long(4<<10), want: 200},
		{name: "error/path-10KiB", target: "/status/200/" + long(10<<10), want: 414, problem: true},
		{name: "error/query-10KiB", target: "/status/200?x=" + long(10<<10), want: 414, problem: true},
		{name: "error/path-10KiB-page", target: "/" + long(10<<10), want: 414, problem: true},
		{name: "error/path-64KiB", target: "/status/200/" + long(64<<10), want: 431},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := rawRequest(t, s.addr, tt.target, tt.headers)
			if resp.StatusCode != tt.want {
				t.Fatalf("status %d, want %d; body %.200q", resp.StatusCode, tt.want, body)
			}
			if ct := resp.Header.Get("Content-Type"); tt.problem && !strings.HasPrefix(ct, "application/problem+json") {
				t.Errorf("Content-Type %q, want application/problem+json", ct)
			}
			if strings.Contains(body, long(1<<10)) {
				t.Errorf("the answer reflects the oversized input: %.200q", body)
			}
		})
	}

	// The server is still well.
	resp, body := rawRequest(t, s.addr, "/healthz", nil)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET /healthz after the oversized requests: %d %.200q", resp.StatusCode, body)
	}
}

// rawRequest sends GET target with extra header lines on a new connection
// and reads the response. The request is written while the response is read,
// since the server may answer (and stop reading) before it has it all.
func rawRequest(t *testing.T, addr, target string, headers []string) (*http.Response, string) {
	t.Helper()
	c, err := net.DialTimeout("tcp", addr, 10*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(20 * time.Second)) //nolint:errcheck // a fresh TCP connection
	var b strings.Builder
	b.WriteString("GET " + target + " HTTP/1.1\r\nHost: " + addr + "\r\nConnection: close\r\n")
	for _, h := range headers {
		b.WriteString(h + "\r\n")
	}
	b.WriteString("\r\n")
	wrote := make(chan struct{})
	go func() {
		defer close(wrote)
		io.WriteString(c, b.String()) //nolint:errcheck // the server may hang up before reading it all
	}()
	resp, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil {
		t.Fatalf("reading the response to a %d-byte request: %v", b.Len(), err)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	resp.Body.Close()
	if err != nil {
		t.Fatalf("reading the body: %v", err)
	}
	c.Close()
	<-wrote
	return resp, string(body)
}
