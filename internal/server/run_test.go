package server

import (
	"bytes"
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer is a bytes.Buffer safe for a logger and a test at once.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// startRun runs Run on a free port and returns its base URL, its log and a
// function that stops it and returns Run's error.
func startRun(t *testing.T) (string, *syncBuffer, func() error) {
	t.Helper()
	var logBuf syncBuffer
	logger := slog.New(slog.NewTextHandler(&logBuf, nil))
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- Run(ctx, Config{Addr: "127.0.0.1:0"}, logger) }()
	re := regexp.MustCompile(`listening on (http://127\.0\.0\.1:[0-9]+)`)
	deadline := time.Now().Add(20 * time.Second)
	for {
		if m := re.FindStringSubmatch(logBuf.String()); m != nil {
			stop := func() error {
				cancel()
				select {
				case err := <-done:
					return err
				case <-time.After(20 * time.Second):
					t.Fatal("Run did not return after its context ended")
					return nil
				}
			}
			return m[1], &logBuf, stop
		}
		select {
		case err := <-done:
			t.Fatalf("Run returned early: %v", err)
		default:
		}
		if time.Now().After(deadline) {
			cancel()
			t.Fatalf("no listening line in the log: %s", logBuf.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestRun(t *testing.T) {
	t.Parallel()
	base, logBuf, stop := startRun(t)

	resp, err := http.Get(base + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Errorf("/healthz: %d", resp.StatusCode)
	}

	// Oversized headers: Go's server answers 431 past MaxHeaderBytes.
	req, _ := http.NewRequest("GET", base+"/", nil)
	req.Header.Set("X-Big", strings.Repeat("a", maxHeaderBytes+8<<10))
	resp, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusRequestHeaderFieldsTooLarge {
		t.Errorf("oversized headers: %d, want 431", resp.StatusCode)
	}

	// An overlong URI under the header limit: 414.
	resp, err = http.Get(base + "/search?q=" + strings.Repeat("a", maxURIBytes+1))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusRequestURITooLong {
		t.Errorf("overlong URI: %d, want 414", resp.StatusCode)
	}

	if err := stop(); err != nil {
		t.Errorf("Run after a clean shutdown: %v", err)
	}
	log := logBuf.String()
	for _, want := range []string{"msg=request method=GET path=/healthz status=200 bytes=3 duration=", "status=414"} {
		if !strings.Contains(log, want) {
			t.Errorf("the log lacks %q:\n%s", want, log)
		}
	}
}

func TestRunBadAddr(t *testing.T) {
	t.Parallel()
	err := Run(context.Background(), Config{Addr: "127.0.0.1:notaport"}, nil)
	if err == nil {
		t.Fatal("Run on a bad address returned nil")
	}
}

// TestRunGraceful checks that requests in flight are answered during
// shutdown: a sleeping one of the test endpoint at once, with 503 and
// Connection: close, however long its sleep (the attack run's F12).
func TestRunGraceful(t *testing.T) {
	t.Parallel()
	base, _, stop := startRun(t)
	type result struct {
		code  int
		close bool
		at    time.Duration
	}
	got := make(chan result, 1)
	start := time.Now()
	go func() {
		resp, err := http.Get(base + "/status/200?sleep=10000")
		if err != nil {
			got <- result{code: -1}
			return
		}
		resp.Body.Close()
		got <- result{resp.StatusCode, resp.Close, time.Since(start)}
	}()
	time.Sleep(300 * time.Millisecond)
	if err := stop(); err != nil {
		t.Errorf("Run: %v", err)
	}
	if r := <-got; r.code != http.StatusServiceUnavailable || !r.close || r.at > 8*time.Second {
		t.Errorf("the sleeping request got %d (close %v) after %s; want 503 with Connection: close before its sleep ended", r.code, r.close, r.at)
	}
}

// FuzzAPI sends any path and query to the handler: no panic, no 5xx.
func FuzzAPI(f *testing.F) {
	for _, s := range [][2]string{
		{"/api/v1/codes/404", ""}, {"/api/v1/search", "q=rate+limit&limit=5"}, {"/search", "q=%3Cscript%3E"},
		{"/4xx", ""}, {"/api/v1/codes/abc", ""}, {"/status/418", "sleep=0"}, {"/", ""},
	} {
		f.Add(s[0], s[1])
	}
	h, err := New(Config{MaxSleep: time.Millisecond})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, path, query string) {
		u := &url.URL{Path: "/" + strings.TrimPrefix(path, "/"), RawQuery: query}
		r := httptest.NewRequest("GET", "/", nil)
		r.URL = u
		r.RequestURI = u.RequestURI()
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		if w.Code >= 500 && !strings.HasPrefix(u.Path, "/status/") {
			t.Errorf("GET %s: %d", r.RequestURI, w.Code)
		}
	})
}
