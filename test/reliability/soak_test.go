package reliability

import (
	"context"
	"errors"
	"io"
	"net/http"
	"os"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// TestSoak runs 64 connections against a mix of the API, the pages and the
// test endpoint for 30 s (HTTPSTATUS_SOAK_DURATION), after a 5 s warm-up.
// Every request must get the status its URL calls for (no 5xx unasked, no
// transport error), and the server's memory must stay flat: its RSS at the
// end within 1.5× its RSS after the warm-up. Skipped under -short.
func TestSoak(t *testing.T) {
	if testing.Short() {
		t.Skip("the soak is skipped under -short")
	}
	duration := 30 * time.Second
	if v := os.Getenv("HTTPSTATUS_SOAK_DURATION"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d <= 0 {
			t.Fatalf("HTTPSTATUS_SOAK_DURATION=%q: want a positive Go duration such as 30s or 2m", v)
		}
		duration = d
	}
	const (
		workers    = 64
		warmup     = 5 * time.Second
		maxGrowth  = 1.5
		maxErrLogs = 10
	)
	s := startServer(t)

	targets := []struct {
		path string
		want int
	}{
		{"/", 200},
		{"/404", 200},
		{"/4xx", 200},
		{"/guide", 200},
		{"/search?q=not+found", 200},
		{"/search?q=tea+pot", 200},
		{"/no-such-page", 404},
		{"/static/app.js", 200},
		{"/static/style.css", 200},
		{"/opensearch.xml", 200},
		{"/healthz", 200},
		{"/api/v1/codes", 200},
		{"/api/v1/codes/404", 200},
		{"/api/v1/codes/999", 200},
		{"/api/v1/codes/abc", 400},
		{"/api/v1/classes", 200},
		{"/api/v1/search?q=teapot", 200},
		{"/api/v1/search?q=rate+limit", 200},
		{"/api/v1/openapi.json", 200},
		{"/api/nope", 404},
		{"/status/200", 200},
		{"/status/418", 418},
		{"/status/503", 503}, // asked for
		{"/status/204", 204},
		{"/status/301?location=/guide", 301},
		{"/status/200?sleep=20", 200}, // at most 8 workers per client address: never 503 here
		{"/status/abc", 400},
	}

	// The workers are clients of 8 addresses, 8 each: a worker has a
	// connection of its own, so no address has more than 8 requests
	// sleeping at once (--max-delayed-per-client's default).
	clients := make([]*http.Client, workers)
	for i := range clients {
		tr := from(2 + i%8)
		tr.DisableCompression = false
		defer tr.CloseIdleConnections()
		clients[i] = &http.Client{
			Transport:     tr,
			Timeout:       15 * time.Second,
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		}
	}

	var (
		requests, failures atomic.Int64
		next               atomic.Uint64
		logMu              sync.Mutex
		logged             int
	)
	fail := func(format string, args ...any) {
		failures.Add(1)
		logMu.Lock()
		defer logMu.Unlock()
		if logged < maxErrLogs {
			t.Errorf(format, args...)
			logged++
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), warmup+duration)
	defer cancel()
	var wg sync.WaitGroup
	for w := range workers {
		client := clients[w]
		wg.Go(func() {
			for ctx.Err() == nil {
				tg := targets[next.Add(1)%uint64(len(targets))]
				req, err := http.NewRequestWithContext(ctx, http.MethodGet, s.url+tg.path, nil)
				if err != nil {
					fail("%s: %v", tg.path, err)
					return
				}
				resp, err := client.Do(req)
				if err != nil {
					if ctx.Err() != nil && errors.Is(err, context.DeadlineExceeded) {
						return // the soak is over
					}
					fail("GET %s: %v", tg.path, err)
					continue
				}
				_, err = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if err != nil && ctx.Err() != nil {
					return
				}
				requests.Add(1)
				switch {
				case err != nil:
					fail("GET %s: reading the body: %v", tg.path, err)
				case resp.StatusCode != tg.want:
					fail("GET %s: status %d, want %d", tg.path, resp.StatusCode, tg.want)
				}
			}
		})
	}

	// Memory: after the warm-up, then every second, then at the end.
	select {
	case <-time.After(warmup):
	case <-ctx.Done():
	}
	base, _ := s.mustMemory()
	baseRequests := requests.Load()
	soakStart := time.Now()
	maxRSS := base
	tk := time.NewTicker(time.Second)
	for ctx.Err() == nil {
		select {
		case <-tk.C:
			if rss, _, err := s.memory(); err == nil && rss > maxRSS {
				maxRSS = rss
			}
		case <-ctx.Done():
		}
	}
	tk.Stop()
	end, peak := s.mustMemory()
	maxRSS = max(maxRSS, end)
	if !waitGroup(&wg, 30*time.Second) {
		t.Fatalf("the soak's workers had not stopped 30 s after its end: a request hangs")
	}
	n := requests.Load() - baseRequests
	t.Logf("soak: %d requests in %s after a %s warm-up (%.0f req/s, %d workers, %d URLs), %d failures; RSS %s after warm-up, %s at the end, %s max, %s peak (VmHWM)",
		n, duration, warmup, float64(n)/time.Since(soakStart).Seconds(), workers, len(targets), failures.Load(),
		mb(base), mb(end), mb(maxRSS), mb(peak))
	if f := failures.Load(); f > 0 {
		t.Errorf("%d of %d requests failed (the first %d are above)", f, requests.Load(), min(f, maxErrLogs))
	}
	if float64(end) > maxGrowth*float64(base) {
		t.Errorf("RSS grew from %s after the warm-up to %s at the end, more than %.1f×", mb(base), mb(end), maxGrowth)
	}
	if requests.Load() == 0 {
		t.Errorf("no request completed")
	}
}
