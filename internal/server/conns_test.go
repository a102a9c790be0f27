package server

import (
	"bytes"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestCapListener: beyond the per-client cap a new connection is closed at
// accept and the refusal logged; closing one frees its place; at three
// quarters of the overall cap the pressure is logged.
func TestCapListener(t *testing.T) {
	t.Parallel()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var logBuf bytes.Buffer
	logger := slog.New(slog.NewTextHandler(writerFunc(func(p []byte) (int, error) {
		mu.Lock()
		defer mu.Unlock()
		return logBuf.Write(p)
	}), nil))
	cl := newCapListener(ln, 4, 3, nil, logger)
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}), ConnState: cl.connState}
	go srv.Serve(cl) //nolint:errcheck // closed below
	t.Cleanup(func() { srv.Close() })

	served := func(c net.Conn) bool {
		if c == nil {
			return false
		}
		c.SetDeadline(time.Now().Add(5 * time.Second)) //nolint:errcheck // the read fails instead
		if _, err := c.Write([]byte("GET / HTTP/1.1\r\nHost: x\r\n\r\n")); err != nil {
			return false
		}
		buf := make([]byte, 12)
		n, _ := c.Read(buf)
		return strings.HasPrefix(string(buf[:n]), "HTTP/1.1 200")
	}
	dial := func() net.Conn {
		c, err := net.Dial("tcp", ln.Addr().String())
		if err != nil {
			// A connection refused at accept may be reset before the dial
			// returns.
			t.Logf("dial: %v", err)
			return nil
		}
		t.Cleanup(func() { c.Close() })
		return c
	}
	a, b, c, d := dial(), dial(), dial(), dial()
	if !served(a) || !served(b) || !served(c) {
		t.Fatal("the first three connections of a client were not served")
	}
	if served(d) {
		t.Error("a fourth connection of one client was served with a per-client cap of 3")
	}
	a.Close()
	time.Sleep(100 * time.Millisecond) // the server sees the close
	if !served(dial()) {
		t.Error("a connection was not served after one of the three closed")
	}
	mu.Lock()
	log := logBuf.String()
	mu.Unlock()
	for _, want := range []string{"connection cap reached", "refused_per_client=1", "idle ones now time out sooner"} {
		if !strings.Contains(log, want) {
			t.Errorf("the log lacks %q:\n%s", want, log)
		}
	}
}

type writerFunc func([]byte) (int, error)

func (f writerFunc) Write(p []byte) (int, error) { return f(p) }
