package reliability

import (
	"bufio"
	"bytes"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"

	"github.com/httpstatus/httpstatus/endpoint"
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
}

func benchServe(b *testing.B, h http.Handler, path string) {
	srv := httptest.NewServer(h)
	defer srv.Close()
	addr := srv.Listener.Addr().String()
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
