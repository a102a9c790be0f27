package reliability

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/httpstatus/httpstatus/endpoint"
	"github.com/httpstatus/httpstatus/internal/cli"
	site "github.com/httpstatus/httpstatus/internal/server"
)

// These benchmarks exist for CPU profiles of the server (which exposes no
// pprof), to explain bench/server.sh's figures:
//
//	go test ./test/reliability -run '^$' -bench Serve/status-200 -cpuprofile cpu.out
//	go tool pprof -top -cum cpu.out

// benchPaths are the URLs bench/server.sh measures.
var benchPaths = []struct{ name, path string }{
	{"status-200", "/status/200"},
	{"status-418", "/status/418"},
	{"home", "/"},
	{"page-404", "/404"},
	{"api-code-404", "/api/v1/codes/404"},
}

// bareBody is bench/bare's response body.
const bareBody = "200 OK\n\nThe request succeeded; what the content holds depends on the method.\n\nMore: /200\n"

// bareHandler is bench/bare's handler: the ceiling for net/http.
func bareHandler() http.Handler {
	length := strconv.Itoa(len(bareBody))
	return http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		h := w.Header()
		h["Content-Type"] = []string{"text/plain; charset=utf-8"}
		h["Content-Length"] = []string{length}
		w.WriteHeader(http.StatusOK)
		io.WriteString(w, bareBody) //nolint:errcheck // benchmark
	})
}

// fixedHandler answers every request with the status, header fields and
// body of one response of h to GET path, copied once: the ceiling for
// net/http sending that response (net/http's cost grows with the number of
// header fields, and the site's /status/200 has many more than bare's).
func fixedHandler(b *testing.B, h http.Handler, path string) http.Handler {
	b.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
	res := rec.Result()
	body := rec.Body.Bytes()
	type field struct {
		name  string
		value []string
	}
	var fields []field
	for name, v := range res.Header {
		fields = append(fields, field{name, slices.Clip(v)})
	}
	return http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		h := w.Header()
		for _, f := range fields {
			h[f.name] = f.value
		}
		w.WriteHeader(res.StatusCode)
		w.Write(body) //nolint:errcheck // benchmark
	})
}

// siteHandler is the whole site as `httpstatus serve` runs it, logging one
// text line per request (to nowhere, as the benchmark script does).
func siteHandler(b *testing.B) http.Handler {
	b.Helper()
	h, err := site.New(site.Config{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		b.Fatal(err)
	}
	return h
}

// BenchmarkHandler calls the handlers directly with a recorder: the cost of
// our code alone, without sockets or net/http's response writer.
func BenchmarkHandler(b *testing.B) {
	full := siteHandler(b)
	quiet, err := site.New(site.Config{})
	if err != nil {
		b.Fatal(err)
	}
	handlers := []struct {
		name string
		h    http.Handler
	}{
		{"site", full},
		{"site-nolog", quiet},
	}
	type benchPath struct {
		name, path, acceptEncoding string
	}
	var paths []benchPath
	for _, p := range benchPaths {
		paths = append(paths, benchPath{p.name, p.path, ""})
	}
	// Search (built per request) and the 404 pages (rendered once for an
	// unknown path, per request for an unknown code) are not in
	// bench/server.sh: measured here, without and with gzip.
	for _, p := range []benchPath{
		{"api-search", "/api/v1/search?q=rate+limit", ""},
		{"search-page", "/search?q=not+found", ""},
		{"not-found", "/no-such-page", ""},
		{"not-found-code", "/299", ""},
	} {
		paths = append(paths, p, benchPath{p.name + "-gzip", p.path, "gzip"})
	}
	for _, hd := range handlers {
		for _, p := range paths {
			b.Run(hd.name+"/"+p.name, func(b *testing.B) {
				benchRecorder(b, hd.h, p.path, p.acceptEncoding)
			})
		}
	}
	b.Run("endpoint/status-200", func(b *testing.B) {
		benchRecorder(b, endpoint.New(endpoint.Config{}), "/status/200", "")
	})
	b.Run("bare/status-200", func(b *testing.B) {
		benchRecorder(b, bareHandler(), "/status/200", "")
	})
	b.Run("fixed/status-200", func(b *testing.B) {
		benchRecorder(b, fixedHandler(b, full, "/status/200"), "/status/200", "")
	})
}

// benchRecorder sends GET path, with an Accept-Encoding unless it is "".
func benchRecorder(b *testing.B, h http.Handler, path, acceptEncoding string) {
	req := httptest.NewRequest(http.MethodGet, path, nil)
	if acceptEncoding != "" {
		req.Header.Set("Accept-Encoding", acceptEncoding)
	}
	b.ReportAllocs()
	for b.Loop() {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		if w.Code >= 500 {
			b.Fatalf("GET %s: %d", path, w.Code)
		}
	}
}

// BenchmarkServe serves over loopback TCP through net/http, as in
// production, with keep-alive clients that write a fixed request and skim
// the response, so that a profile shows the server's side: ours against
// the bare handler.
func BenchmarkServe(b *testing.B) {
	full := siteHandler(b)
	for _, p := range benchPaths {
		b.Run("site/"+p.name, func(b *testing.B) { benchServe(b, full, p.path) })
	}
	b.Run("bare/status-200", func(b *testing.B) { benchServe(b, bareHandler(), "/status/200") })
	b.Run("fixed/status-200", func(b *testing.B) { benchServe(b, fixedHandler(b, full, "/status/200"), "/status/200") })
	// `httpstatus serve` itself, in this process: its connection caps,
	// timeouts and buffered request log (to nowhere) included.
	b.Run("serve/status-200", func(b *testing.B) { benchAddr(b, startServe(b), "/status/200") })
}

// startServe runs `httpstatus serve --addr 127.0.0.1:0` in this process
// until the benchmark ends, and returns its address.
func startServe(b *testing.B) string {
	b.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	addrc := make(chan string, 1)
	stderr := writerFunc(func(p []byte) (int, error) {
		if m := listeningRE.FindSubmatch(p); m != nil {
			select {
			case addrc <- string(m[1]):
			default:
			}
		}
		return len(p), nil
	})
	done := make(chan int, 1)
	go func() {
		done <- cli.Main(ctx, []string{"serve", "--addr", "127.0.0.1:0"}, func(string) string { return "" },
			strings.NewReader(""), io.Discard, stderr)
	}()
	b.Cleanup(func() { cancel(); <-done })
	select {
	case addr := <-addrc:
		return addr
	case code := <-done:
		b.Fatalf("serve exited with %d", code)
	case <-time.After(startTimeout):
		b.Fatal("serve did not start")
	}
	return ""
}

type writerFunc func([]byte) (int, error)

func (f writerFunc) Write(p []byte) (int, error) { return f(p) }

func benchServe(b *testing.B, h http.Handler, path string) {
	srv := httptest.NewServer(h)
	defer srv.Close()
	benchAddr(b, srv.Listener.Addr().String(), path)
}

// benchAddr sends GET path to the server at addr from 8 keep-alive
// connections per CPU.
func benchAddr(b *testing.B, addr, path string) {
	request := []byte("GET " + path + " HTTP/1.1\r\nHost: " + addr + "\r\nUser-Agent: bench\r\n\r\n")
	b.ReportAllocs()
	b.SetParallelism(8) // 8 connections per CPU
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			b.Error(err)
			return
		}
		defer c.Close()
		br := bufio.NewReaderSize(c, 64<<10)
		for pb.Next() {
			if _, err := c.Write(request); err != nil {
				b.Error(err)
				return
			}
			if err := skimResponse(br); err != nil {
				b.Error(err)
				return
			}
		}
	})
}

// skimResponse reads one response with a Content-Length and discards it.
func skimResponse(br *bufio.Reader) error {
	length := -1
	for first := true; ; first = false {
		line, err := br.ReadSlice('\n')
		if err != nil {
			return err
		}
		if first {
			if !bytes.HasPrefix(line, []byte("HTTP/1.1 ")) {
				return io.ErrUnexpectedEOF
			}
			continue
		}
		if len(line) <= 2 {
			break
		}
		if name, value, ok := bytes.Cut(line, []byte(":")); ok && bytes.EqualFold(name, []byte("Content-Length")) {
			if length, err = strconv.Atoi(string(bytes.TrimSpace(value))); err != nil {
				return err
			}
		}
	}
	if length < 0 {
		return io.ErrUnexpectedEOF
	}
	_, err := br.Discard(length)
	return err
}

// BenchmarkServeMemory serves pipelined requests through net/http over an
// in-memory connection: what the server does per request without the
// system calls and the client, which a loaded machine makes noisy in
// BenchmarkServe. Compare ours with bare and fixed in the same run.
func BenchmarkServeMemory(b *testing.B) {
	full := siteHandler(b)
	b.Run("site/status-200", func(b *testing.B) { benchMemory(b, full, "/status/200") })
	b.Run("bare/status-200", func(b *testing.B) { benchMemory(b, bareHandler(), "/status/200") })
	b.Run("fixed/status-200", func(b *testing.B) { benchMemory(b, fixedHandler(b, full, "/status/200"), "/status/200") })
}

func benchMemory(b *testing.B, h http.Handler, path string) {
	request := []byte("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nUser-Agent: bench\r\n\r\n")
	b.ReportAllocs()
	ln := &memListener{conns: make(chan net.Conn, 1), done: make(chan struct{})}
	srv := &http.Server{Handler: h}
	go srv.Serve(ln) //nolint:errcheck // ends with Close
	defer srv.Close()
	b.ResetTimer()
	c := &memConn{request: request, left: b.N, closed: make(chan struct{})}
	ln.conns <- c
	<-c.closed
	b.StopTimer()
	if c.written == 0 {
		b.Fatal("nothing written")
	}
}

// memListener hands out the connections sent on conns.
type memListener struct {
	conns chan net.Conn
	done  chan struct{}
}

func (l *memListener) Accept() (net.Conn, error) {
	select {
	case c := <-l.conns:
		return c, nil
	case <-l.done:
		return nil, net.ErrClosed
	}
}
func (l *memListener) Close() error   { close(l.done); return nil }
func (l *memListener) Addr() net.Addr { return &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 8080} }

// memConn reads as left copies of request, back to back, then EOF, and
// discards what is written to it.
type memConn struct {
	request []byte
	off     int // into request
	left    int
	written int64
	mu      sync.Mutex
	closed  chan struct{}
	once    sync.Once
}

func (c *memConn) Read(p []byte) (int, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	n := 0
	for n < len(p) && c.left > 0 {
		k := copy(p[n:], c.request[c.off:])
		n += k
		if c.off += k; c.off == len(c.request) {
			c.off = 0
			c.left--
		}
	}
	if n == 0 {
		return 0, io.EOF
	}
	return n, nil
}

func (c *memConn) Write(p []byte) (int, error) {
	c.mu.Lock()
	c.written += int64(len(p))
	c.mu.Unlock()
	return len(p), nil
}

func (c *memConn) Close() error                     { c.once.Do(func() { close(c.closed) }); return nil }
func (c *memConn) LocalAddr() net.Addr              { return &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 8080} }
func (c *memConn) RemoteAddr() net.Addr             { return &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 40000} }
func (c *memConn) SetDeadline(time.Time) error      { return nil }
func (c *memConn) SetReadDeadline(time.Time) error  { return nil }
func (c *memConn) SetWriteDeadline(time.Time) error { return nil }
