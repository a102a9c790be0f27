package server

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/httpstatus/httpstatus"
)

func TestRetryPage(t *testing.T) {
	t.Parallel()
	srv := newTestServer(t)
	resp, body := do(t, srv, "GET", "/retry", nil)
	if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
		t.Fatalf("/retry: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	page := string(body)
	for _, c := range httpstatus.RetryClients() {
		// Every client, with the version checked and a link to its source.
		for _, want := range []string{`id="client-` + c.ID + `"`, c.Version[:min(len(c.Version), 20)], `<a href="https://`} {
			if !strings.Contains(page, want) {
				t.Errorf("/retry lacks %q for %s", want, c.ID)
			}
		}
	}
	for _, want := range []string{`id="c503"`, `id="c429"`, `<abbr title="only when the response has a Retry-After`, "Disagree", "RFC 9110, Section 9.2.2"} {
		if !strings.Contains(page, want) {
			t.Errorf("/retry lacks %q", want)
		}
	}
	if strings.Contains(page, `id="c404"`) {
		t.Error("/retry has a row for 404, which no client retries")
	}
	// Code pages link to their row, or to the page when no client retries them.
	_, body = do(t, srv, "GET", "/503", nil)
	if !strings.Contains(string(body), `href="/retry#c503"`) || !strings.Contains(string(body), "Retry, in short") {
		t.Error("/503 does not link to its row of /retry")
	}
	_, body = do(t, srv, "GET", "/401", nil)
	if !strings.Contains(string(body), "change its credentials") || !strings.Contains(string(body), `href="/retry"`) {
		t.Error("/401 does not say what must change, or does not link /retry")
	}
}

func TestRetryAPI(t *testing.T) {
	t.Parallel()
	srv := newTestServer(t)
	_, body := do(t, srv, "GET", "/api/v1/retry/501", nil)
	var r httpstatus.CodeRetries
	if err := json.Unmarshal(body, &r); err != nil {
		t.Fatal(err)
	}
	if r.Code != 501 || !r.Disagree || len(r.Clients) != len(httpstatus.RetryClients()) || r.Facts.When != httpstatus.RetryAfterChange {
		t.Errorf("/api/v1/retry/501: %+v", r)
	}
}

func TestRedirectRoutes(t *testing.T) {
	t.Parallel()
	srv := newTestServer(t)
	for path, want := range map[string]string{
		"/redirect/2":          "/redirect/1",
		"/redirect/1?code=307": "/redirect/0?code=307",
		"/redirect/loop":       "/redirect/loop",
	} {
		for _, method := range []string{"GET", "POST", "DELETE"} {
			resp, _ := do(t, srv, method, path, nil)
			if resp.StatusCode/100 != 3 || resp.Header.Get("Location") != want {
				t.Errorf("%s %s: %d Location %q, want %s", method, path, resp.StatusCode, resp.Header.Get("Location"), want)
			}
		}
	}
	resp, body := do(t, srv, "POST", "/redirect/0", nil)
	if resp.StatusCode != 200 || !strings.Contains(string(body), `"method":"POST"`) {
		t.Errorf("POST /redirect/0: %d %s", resp.StatusCode, body)
	}
	resp, _ = do(t, srv, "GET", "/redirect/51", nil)
	if resp.StatusCode != 400 || resp.Header.Get("Content-Type") != "application/problem+json" {
		t.Errorf("/redirect/51: %d %s, want a 400 problem", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	// Sequences work through the server as through the bare endpoint.
	for i, want := range []int{503, 503, 200} {
		resp, _ := do(t, srv, "GET", "/status/503,503,200?sequence=server-test", nil)
		if resp.StatusCode != want {
			t.Fatalf("request %d of the sequence: %d, want %d", i+1, resp.StatusCode, want)
		}
	}
}
