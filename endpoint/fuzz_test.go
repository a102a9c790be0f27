package endpoint

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"
)

// FuzzHandler checks that no method, path, query or Accept makes the
// endpoint panic, or answer 5xx when the request did not ask for it.
func FuzzHandler(f *testing.F) {
	for _, s := range [][4]string{
		{"GET", "/status/404", "", ""},
		{"HEAD", "/status/200:0.9,500:0.1?seed=3", "application/json", ""},
		{"POST", "/status/103?then=503&sleep=1", "text/html", ""},
		{"GET", "/status/101", "", "websocket"},
		{"OPTIONS", "/status/206/x/y?header=X-A:1&header=X-A:2", "application/problem+json", ""},
		{"GET", "/status/302?location=//evil.example", "*/*", ""},
		{"GET", "/status/999", "", ""},
		{"DELETE", "/status/405?sleep=-1", "", ""},
		{"GET", "/status/416,206?seed=-9", "text/plain;q=0.1, text/html", ""},
	} {
		f.Add(s[0], s[1], s[2], s[3])
	}
	h := New(Config{MaxSleep: 2 * time.Millisecond})
	f.Fuzz(func(t *testing.T, method, target, accept, upgrade string) {
		path, query, _ := strings.Cut(target, "?")
		r := &http.Request{
			Method:     method,
			URL:        &url.URL{Path: path, RawQuery: query},
			Proto:      "HTTP/1.1",
			ProtoMajor: 1,
			ProtoMinor: 1,
			Header:     http.Header{"Accept": {accept}},
			Body:       http.NoBody,
			Host:       "test",
			RemoteAddr: "192.0.2.1:1234",
		}
		if upgrade != "" {
			r.Header.Set("Connection", "upgrade")
			r.Header.Set("Upgrade", upgrade)
		}
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)

		code := w.Code
		if code >= 500 && !strings.Contains(target, strconv.Itoa(code)) {
			t.Fatalf("%s %q: %d, which was not asked for; body %s", method, target, code, w.Body)
		}
		if code == http.StatusBadRequest && !strings.Contains(target, "400") {
			// An error of the endpoint is a problem, in the form Accept picks.
			ct := w.Header().Get("Content-Type")
			if ct != typeProblem && ct != typeJSON && ct != typeText || accept == "" && ct != typeProblem {
				t.Errorf("%s %q (Accept %q): a 400 in %q, not a problem", method, target, accept, ct)
			}
		}
		if loc := w.Header().Get("Location"); loc != "" && (!strings.HasPrefix(loc, "/") || strings.HasPrefix(loc, "//") || strings.Contains(loc, `\`)) {
			t.Errorf("%s %q: Location %q leaves this server", method, target, loc)
		}
		for name, vs := range w.Header() {
			for _, v := range vs {
				if strings.ContainsAny(v, "\r\n\x00") {
					t.Errorf("%s %q: header %s holds a control character: %q", method, target, name, v)
				}
			}
		}
	})
}
