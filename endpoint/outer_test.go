package endpoint

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

// TestInterimKeepsOuterHeaders: after an interim response, the final one
// still carries the headers a handler around the endpoint set (the attack
// run's F4: a clear of the header map wiped the site's CSP and
// X-Frame-Options).
func TestInterimKeepsOuterHeaders(t *testing.T) {
	t.Parallel()
	ep := New(Config{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Frame-Options", "DENY")
		w.Header().Set("Content-Security-Policy", "default-src 'self'")
		ep.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	c := newClient(srv)
	for _, target := range []string{"/status/100", "/status/102", "/status/103", "/status/150", "/status/100?then=404"} {
		t.Run("ok"+target, func(t *testing.T) {
			t.Parallel()
			resp, _ := do(t, c, http.MethodGet, srv.URL+target, http.Header{"Accept": {"text/html"}})
			if resp.StatusCode < 200 {
				t.Fatalf("status %d, want a final one", resp.StatusCode)
			}
			for _, name := range []string{"X-Frame-Options", "Content-Security-Policy"} {
				if resp.Header.Get(name) == "" {
					t.Errorf("the final %d has no %s; headers %v", resp.StatusCode, name, resp.Header)
				}
			}
			if target == "/status/103" && resp.Header.Get("Link") != "" {
				t.Errorf("the final response kept the 103's Link %q", resp.Header.Get("Link"))
			}
		})
	}
}
