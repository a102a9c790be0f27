package reliability

import (
	"context"
	"io"
	"net/http"
	"net/http/httptrace"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// TestDelayedFlood sends 300 requests for /status/200?sleep=2000 at once to
// a server started with --max-delayed 64. The endpoint must hold the bound:
// the first 64 sleep and get 200, the excess get 503 with Retry-After at
// once, nothing hangs, the server's memory stays bounded, and once the flood
// is over its slots are free again.
func TestDelayedFlood(t *testing.T) {
	const (
		maxDelayed = 64
		clients    = 300
		sleep      = 2 * time.Second
		maxRSS     = 100 << 20
		// lateAfter: a request written this long after the first may find
		// a slot that an early one freed, so it is not held to the bound.
		lateAfter = sleep / 2
	)
	// One client here: its share is the whole bound (per-client shares
	// have a test of their own).
	s := startServer(t, "--max-delayed", strconv.Itoa(maxDelayed), "--max-delayed-per-client", strconv.Itoa(maxDelayed),
		"--max-conns-per-client", strconv.Itoa(2*clients))

	tr := &http.Transport{MaxIdleConnsPerHost: clients, DisableCompression: true}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr, Timeout: 30 * time.Second}

	// The server's memory, sampled until the flood is over.
	var peakRSS int64
	stopSampling := make(chan struct{})
	sampled := make(chan struct{})
	go func() {
		defer close(sampled)
		tk := time.NewTicker(100 * time.Millisecond)
		defer tk.Stop()
		for {
			if rss, _, err := s.memory(); err == nil && rss > peakRSS {
				peakRSS = rss
			}
			select {
			case <-stopSampling:
				return
			case <-tk.C:
			}
		}
	}()

	type result struct {
		code       int
		retryAfter string
		wrote      atomic.Int64 // UnixNano; set by the transport's writer
		done       time.Time
		err        error
	}
	results := make([]result, clients)
	url := s.url + "/status/200?sleep=" + strconv.Itoa(int(sleep/time.Millisecond))
	start := make(chan struct{})
	var wg sync.WaitGroup
	for i := range results {
		wg.Go(func() {
			r := &results[i]
			trace := &httptrace.ClientTrace{WroteRequest: func(httptrace.WroteRequestInfo) { r.wrote.Store(time.Now().UnixNano()) }}
			req, err := http.NewRequestWithContext(httptrace.WithClientTrace(context.Background(), trace), http.MethodGet, url, nil)
			if err != nil {
				r.err = err
				return
			}
			<-start
			resp, err := client.Do(req)
			r.done = time.Now()
			if err != nil {
				r.err = err
				return
			}
			io.Copy(io.Discard, resp.Body) //nolint:errcheck // only the status matters
			resp.Body.Close()
			r.code, r.retryAfter = resp.StatusCode, resp.Header.Get("Retry-After")
		})
	}
	began := time.Now()
	close(start)
	finished := waitGroup(&wg, 60*time.Second)
	close(stopSampling)
	<-sampled
	if !finished {
		t.Fatalf("the flood's requests had not all finished after 60 s: something hangs\n%s", s.logTail())
	}
	took := time.Since(began)

	var n200, n503, late int
	var firstWrote int64
	for i := range results {
		if w := results[i].wrote.Load(); results[i].err == nil && (firstWrote == 0 || w < firstWrote) {
			firstWrote = w
		}
	}
	for i := range results {
		r := &results[i]
		wrote := time.Unix(0, r.wrote.Load())
		switch {
		case r.err != nil:
			t.Errorf("request %d: %v", i, r.err)
		case r.code == http.StatusOK:
			n200++
		case r.code == http.StatusServiceUnavailable:
			n503++
			if n, err := strconv.Atoi(r.retryAfter); err != nil || n < 0 {
				t.Errorf("request %d: 503 with Retry-After %q, want a number of seconds", i, r.retryAfter)
			}
			if d := r.done.Sub(wrote); d >= sleep {
				t.Errorf("request %d: the 503 took %s, as long as the sleep it refused", i, d)
			}
		default:
			t.Errorf("request %d: status %d, want 200 or 503", i, r.code)
		}
		if r.err == nil && wrote.Sub(time.Unix(0, firstWrote)) > lateAfter {
			late++
		}
	}
	_, peak := s.mustMemory()
	t.Logf("%d requests in %s: %d × 200, %d × 503, %d written later than %s; server RSS peak %s (sampled %s)",
		clients, took.Round(time.Millisecond), n200, n503, late, lateAfter, mb(peak), mb(peakRSS))
	if n200 < maxDelayed {
		t.Errorf("%d requests got 200, want at least %d (--max-delayed)", n200, maxDelayed)
	}
	if n200 > maxDelayed+late {
		t.Errorf("%d requests got 200, more than --max-delayed %d (+ %d written late): the bound did not hold", n200, maxDelayed, late)
	}
	if n503 == 0 {
		t.Errorf("no request got 503: the flood did not reach the bound")
	}
	if peak > maxRSS {
		t.Errorf("server RSS peaked at %s, want under %s", mb(peak), mb(maxRSS))
	}

	// The slots are free again.
	resp, err := client.Get(s.url + "/status/200?sleep=10")
	if err != nil {
		t.Fatalf("a delayed request after the flood: %v", err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("a delayed request after the flood: %d, want 200", resp.StatusCode)
	}
}
