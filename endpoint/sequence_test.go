package endpoint

import (
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestSequenceOrder(t *testing.T) {
	t.Parallel()
	srv := newServer(t, Config{})
	c := newClient(srv)
	url := srv.URL + "/status/503,429,503,200?sequence=order-1"
	want := []int{503, 429, 503, 200, 200, 200} // the last code repeats
	for i, code := range want {
		resp, body := do(t, c, "GET", url, nil)
		if resp.StatusCode != code {
			t.Fatalf("request %d: %d, want %d; body %s", i+1, resp.StatusCode, code, body)
		}
		// The headers come from the catalogue's rules, as without a sequence.
		if ra := resp.Header.Get("Retry-After"); (code == 503 || code == 429) != (ra != "") {
			t.Errorf("request %d (%d): Retry-After %q", i+1, code, ra)
		}
		if cc := resp.Header.Get("Cache-Control"); cc != "no-store" {
			t.Errorf("request %d: Cache-Control %q, want no-store", i+1, cc)
		}
	}
	// Another key, and the same key with other codes, start afresh.
	for _, u := range []string{"/status/503,429,503,200?sequence=order-2", "/status/500,200?sequence=order-1"} {
		resp, _ := do(t, c, "GET", srv.URL+u, nil)
		if resp.StatusCode == 200 {
			t.Errorf("%s: 200, want the first code of a fresh sequence", u)
		}
	}
	// Without ?sequence= the same path picks at random, with a seed reproducibly.
	resp, _ := do(t, c, "GET", srv.URL+"/status/503,200?seed=1", nil)
	if resp.StatusCode != 503 && resp.StatusCode != 200 {
		t.Errorf("without a sequence: %d", resp.StatusCode)
	}
	// A sequence of one code, and options as usual.
	resp, _ = do(t, c, "GET", srv.URL+"/status/503?sequence=one&header=Retry-After:0", nil)
	if resp.StatusCode != 503 || resp.Header.Get("Retry-After") != "0" {
		t.Errorf("one code with ?header=: %d, Retry-After %q", resp.StatusCode, resp.Header.Get("Retry-After"))
	}
}

func TestSequenceBadInput(t *testing.T) {
	t.Parallel()
	srv := newServer(t, Config{})
	c := newClient(srv)
	for _, tc := range []struct{ name, path, want string }{
		{"weights", "/status/503:1,200:1?sequence=k", "without weights"},
		{"empty-key", "/status/503,200?sequence=", "1 to 64"},
		{"long-key", "/status/503,200?sequence=" + strings.Repeat("k", 65), "1 to 64"},
		{"bad-char", "/status/503,200?sequence=a%2Fb", "only letters"},
		{"twice", "/status/503,200?sequence=a&sequence=b", "once"},
		{"bad-code", "/status/503,abc?sequence=k", "abc"},
	} {
		t.Run("error/"+tc.name, func(t *testing.T) {
			resp, body := do(t, c, "GET", srv.URL+tc.path, nil)
			checkProblem(t, resp, body, http.StatusBadRequest, tc.want)
		})
	}
}

func TestSequenceBounds(t *testing.T) {
	t.Parallel()
	srv := newServer(t, Config{Sequences: SequenceLimits{PerClient: 2, Total: 3, TTL: time.Hour}})
	c := newClient(srv)
	get := func(key string) (*http.Response, []byte) {
		return do(t, c, "GET", srv.URL+"/status/503,200?sequence="+key, nil)
	}
	for _, k := range []string{"a", "b"} {
		if resp, _ := get(k); resp.StatusCode != 503 {
			t.Fatalf("key %s: %d, want 503", k, resp.StatusCode)
		}
	}
	resp, body := get("c")
	checkProblem(t, resp, body, http.StatusTooManyRequests, "2 sequences running")
	if n, err := strconv.Atoi(resp.Header.Get("Retry-After")); err != nil || n < 3000 || n > 3600 {
		t.Errorf("Retry-After %q, want the seconds until the first sequence ends", resp.Header.Get("Retry-After"))
	}
	// A running key goes on.
	if resp, _ := get("a"); resp.StatusCode != 200 {
		t.Errorf("key a after the refusal: %d, want 200", resp.StatusCode)
	}
}

// TestSequenceState drives the state directly, with a clock of its own.
func TestSequenceState(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	s := newSequences(SequenceLimits{PerClient: 2, Total: 3, TTL: time.Minute}, func() time.Time { return now })
	next := func(client, key string, codes ...int) (int, error) { return s.next(client, key, codes) }
	must := func(client, key string, want int, codes ...int) {
		t.Helper()
		got, err := next(client, key, codes...)
		if err != nil || got != want {
			t.Fatalf("%s/%s: %d, %v; want %d", client, key, got, err, want)
		}
	}
	must("c1", "k", 503, 503, 200)
	must("c1", "k", 200, 503, 200)
	must("c2", "k", 503, 503, 200) // keys are per client
	must("c1", "j", 500, 500, 200)
	var full *errSequenceFull
	if _, err := next("c1", "x", 200); !errors.As(err, &full) || full.status != http.StatusTooManyRequests {
		t.Fatalf("a third key for c1: %v, want 429", err)
	}
	if _, err := next("c3", "x", 200); !errors.As(err, &full) || full.status != http.StatusServiceUnavailable {
		t.Fatalf("a fourth key in all: %v, want 503", err)
	}
	if full.wait <= 0 || full.wait > time.Minute {
		t.Errorf("503 wait %s, want up to the TTL", full.wait)
	}
	// Expiry: after the TTL the sequence starts again and frees its room.
	now = now.Add(time.Minute)
	must("c1", "k", 503, 503, 200)
	must("c3", "x", 200, 200)
	if s.count > 3 {
		t.Errorf("%d sequences kept, more than the total of 3", s.count)
	}
	now = now.Add(2 * time.Minute)
	s.sweep(now)
	if s.count != 0 || len(s.clients) != 0 {
		t.Errorf("after every TTL: %d sequences of %d clients kept", s.count, len(s.clients))
	}
}

func TestSequenceConcurrentClients(t *testing.T) {
	t.Parallel()
	srv := newServer(t, Config{})
	const clients, steps = 16, 4
	var wg sync.WaitGroup
	errs := make(chan error, clients)
	for i := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c := newClient(srv)
			url := fmt.Sprintf("%s/status/500,502,503,200?sequence=client-%d", srv.URL, i)
			for step, want := range []int{500, 502, 503, 200}[:steps] {
				resp, err := c.Get(url)
				if err != nil {
					errs <- err
					return
				}
				resp.Body.Close()
				if resp.StatusCode != want {
					errs <- fmt.Errorf("client %d step %d: %d, want %d", i, step+1, resp.StatusCode, want)
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

func TestSequenceRecorder(t *testing.T) {
	t.Parallel()
	// The embeddable handler keeps sequences without a server around it.
	h := New(Config{})
	for i, want := range []int{503, 200} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", "/status/503,200?sequence=rec", nil))
		if rec.Code != want {
			t.Fatalf("request %d: %d, want %d", i+1, rec.Code, want)
		}
	}
}

func FuzzSequenceParam(f *testing.F) {
	for _, s := range []string{"sequence=a", "sequence=", "sequence=a&sequence=b", "x=1&sequence=a%20b", "sequence=" + string(make([]byte, 70))} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, q string) {
		key, ok, err := sequenceParam(q)
		if err != nil && ok {
			t.Fatalf("%q: both a key and an error", q)
		}
		if ok && (key == "" || len(key) > maxSequenceKey) {
			t.Fatalf("%q: key %q out of bounds", q, key)
		}
	})
}
