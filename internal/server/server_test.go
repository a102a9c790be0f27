package server

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

var (
	testOnce    sync.Once
	testHandler http.Handler
	testErr     error
)

// newTestServer starts a server on the shared handler (rendering the site
// once for the whole package).
func newTestServer(t *testing.T) *httptest.Server {
	t.Helper()
	testOnce.Do(func() { testHandler, testErr = New(Config{}) })
	if testErr != nil {
		t.Fatalf("New: %v", testErr)
	}
	srv := httptest.NewServer(testHandler)
	t.Cleanup(srv.Close)
	return srv
}

// client sends requests as they are: no redirects followed, no automatic
// gzip.
var client = &http.Client{
	Transport:     &http.Transport{DisableCompression: true},
	CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	Timeout:       30 * time.Second,
}

func do(t *testing.T, srv *httptest.Server, method, path string, header http.Header) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequestWithContext(context.Background(), method, srv.URL+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	for k, vs := range header {
		for _, v := range vs {
			req.Header.Add(k, v)
		}
	}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("%s %s: reading body: %v", method, path, err)
	}
	return resp, body
}

func checkSecurityHeaders(t *testing.T, h http.Header) {
	t.Helper()
	want := map[string]string{
		"Content-Security-Policy": contentSecurityPolicy,
		"X-Content-Type-Options":  "nosniff",
		"Referrer-Policy":         "no-referrer",
		"X-Frame-Options":         "DENY",
	}
	for k, v := range want {
		if got := h.Get(k); got != v {
			t.Errorf("%s = %q, want %q", k, got, v)
		}
	}
	if csp := h.Get("Content-Security-Policy"); strings.Contains(csp, "unsafe-inline") {
		t.Errorf("CSP allows unsafe-inline: %q", csp)
	}
}

type routeCase struct {
	name     string
	method   string
	path     string
	header   http.Header
	status   int
	ctype    string   // prefix of Content-Type
	contains []string // in the body
	allow    string
	location string
}

var routeCases = []routeCase{
	// Pages.
	{name: "ok/home", path: "/", status: 200, ctype: "text/html", contains: []string{"<h1>HTTP status codes</h1>", `action="/search"`, `rel="search"`, "Vendor and unofficial codes", "Most common"}},
	{name: "ok/404", path: "/404", status: 200, ctype: "text/html", contains: []string{"Not Found", `href="/status/404"`, `data-try="/status/404"`, `aria-label="Breadcrumb"`, `href="/4xx"`, "http.StatusNotFound", `class="copy"`,
		`<pre class="http" id="example-request-text-0" tabindex="0" aria-labelledby="example-request-0"><code><span class="start">GET /`, `data-copy-from="example-request-text-0"`, `>Copy as curl</button>`}},
	{name: "ok/401-try", path: "/401", status: 200, ctype: "text/html", contains: []string{`data-try-query="?header=WWW-Authenticate:Bearer%20realm%3D%22httpstatus%22"`}},
	{name: "ok/429", path: "/429", status: 200, ctype: "text/html", contains: []string{"Too Many Requests", `<th scope="row"><a href="/headers/retry-after"><code>Retry-After</code></a></th>`}},
	{name: "ok/418", path: "/418", status: 200, ctype: "text/html", contains: []string{"teapot"}},
	{name: "ok/413-versions", path: "/413", status: 200, ctype: "text/html", contains: []string{"<h4>Versions</h4>", "<code>HttpStatus.PAYLOAD_TOO_LARGE</code>: since Spring Framework 4.1, deprecated in 7.0, use HttpStatus.CONTENT_TOO_LARGE.", `href="https://github.com/rack/rack/blob/v3.1.0/lib/rack/utils.rb" rel="external">Source</a>`}},
	{name: "ok/4xx", path: "/4xx", status: 200, ctype: "text/html", contains: []string{"Client Error", `href="/404"`}},
	{name: "ok/1xx", path: "/1xx", status: 200, ctype: "text/html"},
	{name: "ok/2xx", path: "/2xx", status: 200, ctype: "text/html"},
	{name: "ok/3xx", path: "/3xx", status: 200, ctype: "text/html"},
	{name: "ok/5xx", path: "/5xx", status: 200, ctype: "text/html"},
	{name: "ok/guide", path: "/guide", status: 200, ctype: "text/html", contains: []string{"REST/JSON API guide", "Common confusions", `scope="row"`}},
	{name: "ok/search", path: "/search?q=teapot", status: 200, ctype: "text/html", contains: []string{`id="results"`, `href="/418"`}},
	{name: "ok/search-signal", path: "/search?q=" + url.QueryEscape("curl: (52) Empty reply from server"), status: 200, ctype: "text/html", contains: []string{`class="matched"`, "curl", `href="/000"`, "<dt>Fix</dt>"}},
	{name: "ok/503-seen", path: "/503", status: 200, ctype: "text/html", contains: []string{`id="seen"`, "Where you will see it", "Heroku", "H12"}},
	{name: "ok/search-code", path: "/search?q=404", status: 302, ctype: "text/html", location: "/404"},
	{name: "ok/search-code-spaces", path: "/search?q=+404+", status: 302, ctype: "text/html", location: "/404"},
	{name: "ok/search-class", path: "/search?q=4XX", status: 302, ctype: "text/html", location: "/4xx"},
	{name: "ok/search-unknown-code", path: "/search?q=777", status: 200, ctype: "text/html"},
	{name: "ok/search-one-box", path: "/search?q=rate+limit", status: 200, ctype: "text/html", contains: []string{`role="search" aria-label="Site"`, `id="live-results"`}},
	{name: "ok/search-empty", path: "/search", status: 200, ctype: "text/html", contains: []string{`name="q"`}},
	{name: "ok/search-nothing", path: "/search?q=zzzzqqqq", status: 200, ctype: "text/html", contains: []string{"Nothing found"}},
	{name: "ok/search-suggest", path: "/search?q=teapott+brewwing", status: 200, ctype: "text/html"},
	{name: "ok/healthz", path: "/healthz", status: 200, ctype: "text/plain", contains: []string{"ok"}},
	{name: "ok/opensearch", path: "/opensearch.xml", status: 200, ctype: "application/opensearchdescription+xml", contains: []string{"/search?q={searchTerms}", "OpenSearchDescription"}},
	{name: "ok/style", path: "/static/style.css", status: 200, ctype: "text/css"},
	{name: "ok/app", path: "/static/app.js", status: 200, ctype: "text/javascript", contains: []string{"textContent"}},
	{name: "ok/favicon", path: "/static/favicon.svg", status: 200, ctype: "image/svg+xml"},
	{name: "ok/status-418", path: "/status/418", status: 418},
	{name: "ok/status-redirect", path: "/status", status: 301, location: "/status/"},
	{name: "redirect/4XX", path: "/4XX", status: 301, location: "/4xx"},

	// API.
	{name: "ok/api-codes", path: "/api/v1/codes", status: 200, ctype: "application/json", contains: []string{`"code": 404`}},
	{name: "ok/api-404", path: "/api/v1/codes/404", status: 200, ctype: "application/json", contains: []string{`"name": "Not Found"`}},
	{name: "ok/api-classes", path: "/api/v1/classes", status: 200, ctype: "application/json", contains: []string{`"class": "4xx"`}},
	{name: "ok/api-search", path: "/api/v1/search?q=teapot&limit=3", status: 200, ctype: "application/json", contains: []string{`"code": 418`}},
	{name: "ok/api-search-nothing", path: "/api/v1/search?q=zzzzqqqq", status: 200, ctype: "application/json", contains: []string{"[]"}},
	{name: "ok/openapi", path: "/api/v1/openapi.json", status: 200, ctype: "application/json", contains: []string{`"openapi": "3.1.0"`}},
	{name: "ok/preflight", method: "OPTIONS", path: "/api/v1/codes", header: http.Header{"Origin": {"https://example.com"}, "Access-Control-Request-Method": {"GET"}}, status: 204},

	// Errors.
	{name: "error/page-abc", path: "/abc", status: 404, ctype: "text/html", contains: []string{"Page not found", `href="/404"`}},
	{name: "error/page-4044", path: "/4044", status: 404, ctype: "text/html", contains: []string{"Page not found"}},
	{name: "error/page-299", path: "/299", status: 404, ctype: "text/html", contains: []string{"299 is not in the catalogue", `href="/2xx"`}},
	{name: "error/page-nested", path: "/a/b/c", status: 404, ctype: "text/html", contains: []string{"Page not found"}},
	{name: "error/page-trailing", path: "/404/", status: 404, ctype: "text/html"},
	{name: "error/static-missing", path: "/static/nope.css", status: 404, ctype: "text/html"},
	{name: "ok/favicon-ico", path: "/favicon.ico", status: 200, ctype: "image/x-icon"},
	{name: "ok/headers", path: "/headers", status: 200, ctype: "text/html", contains: []string{"<h1>Header fields</h1>", `href="/headers/retry-after"`, `href="/headers/www-authenticate"`}},
	{name: "ok/header-retry-after", path: "/headers/retry-after", status: 200, ctype: "text/html", contains: []string{"Retry-After", `id="should"`, `id="may"`, `href="/429"`, `href="/503"`, `href="/413"`, "RFC 9110, Section 10.2.3"}},
	{name: "ok/header-content-length", path: "/headers/content-length", status: 200, ctype: "text/html", contains: []string{`id="must-not"`, `href="/204"`, `id="rules"`}},
	{name: "redirect/header-case", path: "/headers/Retry-After", status: 301, location: "/headers/retry-after"},
	{name: "ok/api-headers", path: "/api/v1/headers", status: 200, ctype: "application/json", contains: []string{`"name": "Retry-After"`}},
	{name: "ok/api-header", path: "/api/v1/headers/Retry-After", status: 200, ctype: "application/json", contains: []string{`"code": 429`}},
	{name: "error/api-abc", path: "/api/v1/codes/abc", status: 400, ctype: "application/problem+json", contains: []string{"not a status code: ", `"status":400`}},
	{name: "error/api-1234", path: "/api/v1/codes/1234", status: 400, ctype: "application/problem+json", contains: []string{"not a status code: "}},
	{name: "error/api-299", path: "/api/v1/codes/299", status: 404, ctype: "application/problem+json", contains: []string{"299"}},
	{name: "error/api-unknown", path: "/api/v2/codes", status: 404, ctype: "application/problem+json"},
	{name: "error/header-unknown", path: "/headers/x-nope", status: 404, ctype: "text/html", contains: []string{"Page not found"}},
	{name: "error/header-nested", path: "/headers/retry-after/x", status: 404, ctype: "text/html"},
	{name: "error/api-header-unknown", path: "/api/v1/headers/x-nope", status: 404, ctype: "application/problem+json"},
	{name: "error/api-unknown-v1", path: "/api/v1/nope", status: 404, ctype: "application/problem+json"},
	{name: "error/api-search-no-q", path: "/api/v1/search", status: 400, ctype: "application/problem+json", contains: []string{"q is required"}},
	{name: "error/api-search-blank-q", path: "/api/v1/search?q=+", status: 400, ctype: "application/problem+json"},
	{name: "error/api-search-limit-x", path: "/api/v1/search?q=a&limit=x", status: 400, ctype: "application/problem+json", contains: []string{"limit"}},
	{name: "error/api-search-limit-0", path: "/api/v1/search?q=a&limit=0", status: 400, ctype: "application/problem+json"},
	{name: "error/api-search-limit-101", path: "/api/v1/search?q=a&limit=101", status: 400, ctype: "application/problem+json"},
	{name: "error/post-home", method: "POST", path: "/", status: 405, ctype: "application/problem+json", allow: "GET, HEAD"},
	{name: "error/delete-404", method: "DELETE", path: "/404", status: 405, ctype: "application/problem+json", allow: "GET, HEAD"},
	{name: "error/post-search", method: "POST", path: "/search?q=x", status: 405, ctype: "application/problem+json", allow: "GET, HEAD"},
	{name: "error/post-api-codes", method: "POST", path: "/api/v1/codes", status: 405, ctype: "application/problem+json", allow: "GET, HEAD, OPTIONS"},
	{name: "error/put-api-code", method: "PUT", path: "/api/v1/codes/404", status: 405, ctype: "application/problem+json", allow: "GET, HEAD, OPTIONS"},
	{name: "error/414", path: "/search?q=" + strings.Repeat("a", 9000), status: 414, ctype: "application/problem+json"},
	{name: "error/414-api", path: "/api/v1/search?q=" + strings.Repeat("a", 9000), status: 414, ctype: "application/problem+json"},
}

func TestRoutes(t *testing.T) {
	t.Parallel()
	srv := newTestServer(t)
	for _, tc := range routeCases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			method := tc.method
			if method == "" {
				method = http.MethodGet
			}
			resp, body := do(t, srv, method, tc.path, tc.header)
			if resp.StatusCode != tc.status {
				t.Fatalf("status %d, want %d; body %.300s", resp.StatusCode, tc.status, body)
			}
			if !strings.HasPrefix(resp.Header.Get("Content-Type"), tc.ctype) {
				t.Errorf("Content-Type %q, want %q", resp.Header.Get("Content-Type"), tc.ctype)
			}
			for _, s := range tc.contains {
				if !bytes.Contains(body, []byte(s)) {
					t.Errorf("body lacks %q", s)
				}
			}
			if got := resp.Header.Get("Allow"); got != tc.allow && tc.allow != "" {
				t.Errorf("Allow %q, want %q", got, tc.allow)
			}
			if got := resp.Header.Get("Location"); got != tc.location {
				t.Errorf("Location %q, want %q", got, tc.location)
			}
			checkSecurityHeaders(t, resp.Header)
			if resp.StatusCode >= 500 {
				t.Errorf("a server error: %d", resp.StatusCode)
			}
			ct := resp.Header.Get("Content-Type")
			if strings.HasPrefix(ct, "application/problem+json") {
				var p struct {
					Type, Title, Detail string
					Status              int
				}
				if err := json.Unmarshal(body, &p); err != nil {
					t.Fatalf("problem body: %v", err)
				}
				if p.Status != tc.status || p.Title == "" || p.Detail == "" {
					t.Errorf("problem %+v, want status %d with a title and a reason", p, tc.status)
				}
			}
			if resp.StatusCode == 200 && strings.HasPrefix(ct, "text/html") {
				checkPage(t, body)
			}
		})
	}
}

// checkPage checks what every page must have: a skip link, main, one h1,
// headings in order, the search link, the data version, and nothing inline
// that the CSP would block.
func checkPage(t *testing.T, body []byte) {
	t.Helper()
	s := string(body)
	for _, want := range []string{`class="skip" href="#content"`, `<main id="content"`, `<link rel="search"`, "Data: IANA", `<html lang="en">`, `name="viewport"`} {
		if !strings.Contains(s, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	if n := strings.Count(s, "<h1"); n != 1 {
		t.Errorf("%d h1 elements, want 1", n)
	}
	level := 0
	for _, m := range regexp.MustCompile(`<h([1-6])`).FindAllStringSubmatch(s, -1) {
		l := int(m[1][0] - '0')
		if l > level+1 {
			t.Errorf("heading h%d after h%d", l, level)
		}
		level = l
	}
	for _, bad := range []string{"<style", "<script>"} {
		if strings.Contains(s, bad) {
			t.Errorf("page has %q, which the CSP forbids", bad)
		}
	}
	if m := regexp.MustCompile(`<[a-z][^>]*\s(style|on[a-z]+)=[^>]*>`).FindString(s); m != "" {
		t.Errorf("page has an inline style or handler, which the CSP forbids: %s", m)
	}
	if strings.Contains(s, `href="javascript:`) {
		t.Error("page has a javascript: link")
	}
	ids := map[string]bool{}
	for _, m := range regexp.MustCompile(` id="([^"]+)"`).FindAllStringSubmatch(s, -1) {
		if ids[m[1]] {
			t.Errorf("duplicate id %q", m[1])
		}
		ids[m[1]] = true
	}
	for _, m := range regexp.MustCompile(`<input id="([^"]+)"`).FindAllStringSubmatch(s, -1) {
		if !strings.Contains(s, `<label for="`+m[1]+`"`) {
			t.Errorf("input %q has no label", m[1])
		}
	}
}

// TestCodePages checks every code page and every API code response.
func TestCodePages(t *testing.T) {
	t.Parallel()
	srv := newTestServer(t)
	s, _ := build("")
	n := 0
	for p := range s.res {
		if !regexp.MustCompile(`^/[0-9]{3}$`).MatchString(p) {
			continue
		}
		n++
		resp, body := do(t, srv, "GET", p, nil)
		if resp.StatusCode != 200 {
			t.Errorf("%s: %d", p, resp.StatusCode)
			continue
		}
		checkPage(t, body)
		if !bytes.Contains(body, []byte(`href="/status`+p+`"`)) {
			t.Errorf("%s: no try-it link", p)
		}
		resp, _ = do(t, srv, "GET", "/api/v1/codes"+p, nil)
		if resp.StatusCode != 200 {
			t.Errorf("/api/v1/codes%s: %d", p, resp.StatusCode)
		}
	}
	if n < 10 {
		t.Errorf("only %d code pages", n)
	}
}

func TestHead(t *testing.T) {
	t.Parallel()
	srv := newTestServer(t)
	for _, p := range []string{"/", "/404", "/4xx", "/guide", "/search?q=teapot", "/healthz", "/opensearch.xml", "/static/style.css",
		"/api/v1/codes", "/api/v1/codes/404", "/api/v1/classes", "/api/v1/search?q=teapot", "/api/v1/openapi.json",
		"/nope", "/299", "/api/v1/codes/abc", "/api/v1/codes/299"} {
		t.Run("ok"+p, func(t *testing.T) {
			t.Parallel()
			for _, enc := range []string{"", "gzip"} {
				h := http.Header{}
				if enc != "" {
					h.Set("Accept-Encoding", enc)
				}
				get, getBody := do(t, srv, "GET", p, h)
				head, headBody := do(t, srv, "HEAD", p, h)
				if len(headBody) != 0 {
					t.Errorf("HEAD body has %d bytes", len(headBody))
				}
				if head.StatusCode != get.StatusCode {
					t.Errorf("HEAD %d, GET %d", head.StatusCode, get.StatusCode)
				}
				for _, k := range []string{"Content-Type", "Content-Length", "ETag", "Cache-Control", "Content-Encoding", "Vary"} {
					if head.Header.Get(k) != get.Header.Get(k) {
						t.Errorf("%s: HEAD %q, GET %q", k, head.Header.Get(k), get.Header.Get(k))
					}
				}
				if cl := get.Header.Get("Content-Length"); cl != "" && cl != strconv.Itoa(len(getBody)) {
					t.Errorf("Content-Length %s, body %d", cl, len(getBody))
				}
				if head.ContentLength != int64(len(getBody)) {
					t.Errorf("HEAD Content-Length %d, GET body %d", head.ContentLength, len(getBody))
				}
				checkSecurityHeaders(t, head.Header)
			}
		})
	}
}

func TestETag(t *testing.T) {
	t.Parallel()
	srv := newTestServer(t)
	for _, p := range []string{"/", "/404", "/api/v1/codes", "/api/v1/codes/404", "/static/app.js", "/search?q=rate+limit", "/api/v1/search?q=rate+limit"} {
		t.Run("ok"+p, func(t *testing.T) {
			t.Parallel()
			resp, _ := do(t, srv, "GET", p, nil)
			etag := resp.Header.Get("ETag")
			if !regexp.MustCompile(`^"[^"]+"$`).MatchString(etag) {
				t.Fatalf("ETag %q is not a strong entity tag", etag)
			}
			if resp.Header.Get("Cache-Control") == "" {
				t.Error("no Cache-Control")
			}
			gz, _ := do(t, srv, "GET", p, http.Header{"Accept-Encoding": {"gzip"}})
			gzTag := gz.Header.Get("ETag")
			for name, inm := range map[string]string{
				"exact":     etag,
				"weak":      "W/" + etag,
				"list":      `"nope", ` + etag + `, "other"`,
				"star":      "*",
				"gzip-tag":  gzTag,
				"two-lines": `"nope"`,
			} {
				h := http.Header{"If-None-Match": {inm}}
				if name == "two-lines" {
					h["If-None-Match"] = []string{`"nope"`, etag}
				}
				r, body := do(t, srv, "GET", p, h)
				if r.StatusCode != http.StatusNotModified {
					t.Errorf("%s: If-None-Match %q: status %d, want 304", name, inm, r.StatusCode)
					continue
				}
				if len(body) != 0 {
					t.Errorf("%s: 304 with a body", name)
				}
				if r.Header.Get("ETag") == "" || r.Header.Get("Cache-Control") == "" {
					t.Errorf("%s: 304 lacks ETag or Cache-Control: %v", name, r.Header)
				}
			}
			r, _ := do(t, srv, "GET", p, http.Header{"If-None-Match": {`"something-else"`}})
			if r.StatusCode != 200 {
				t.Errorf("a stale ETag: status %d, want 200", r.StatusCode)
			}
			r, _ = do(t, srv, "HEAD", p, http.Header{"If-None-Match": {etag}})
			if r.StatusCode != http.StatusNotModified {
				t.Errorf("HEAD with a matching ETag: %d, want 304", r.StatusCode)
			}
		})
	}
}

func TestCacheControl(t *testing.T) {
	t.Parallel()
	srv := newTestServer(t)
	for _, tc := range []struct{ path, want string }{
		{"/", cachePage},
		{"/api/v1/codes", cachePage},
		{"/static/style.css", cacheStatic},
		{"/healthz", cacheNone},
		{"/nope", cacheNone},
		{"/api/v1/codes/abc", cacheNone},
	} {
		resp, _ := do(t, srv, "GET", tc.path, nil)
		if got := resp.Header.Get("Cache-Control"); got != tc.want {
			t.Errorf("%s: Cache-Control %q, want %q", tc.path, got, tc.want)
		}
	}
	// The pages link to fingerprinted assets, which never change.
	_, home := do(t, srv, "GET", "/", nil)
	m := regexp.MustCompile(`href="(/static/style\.[0-9a-f]+\.css)"`).FindSubmatch(home)
	if m == nil {
		t.Fatal("the home page links no fingerprinted style sheet")
	}
	resp, _ := do(t, srv, "GET", string(m[1]), nil)
	if resp.StatusCode != 200 || resp.Header.Get("Cache-Control") != cacheImmutable {
		t.Errorf("%s: %d %q", m[1], resp.StatusCode, resp.Header.Get("Cache-Control"))
	}
}

func TestGzip(t *testing.T) {
	t.Parallel()
	srv := newTestServer(t)
	for _, p := range []string{"/", "/404", "/guide", "/static/style.css", "/static/app.js", "/api/v1/codes", "/api/v1/search?q=rate+limit", "/search?q=rate+limit", "/nope"} {
		t.Run("ok"+p, func(t *testing.T) {
			t.Parallel()
			plain, want := do(t, srv, "GET", p, nil)
			if plain.Header.Get("Content-Encoding") != "" {
				t.Errorf("gzip without Accept-Encoding")
			}
			resp, body := do(t, srv, "GET", p, http.Header{"Accept-Encoding": {"br;q=1, gzip;q=0.8"}})
			if resp.Header.Get("Content-Encoding") != "gzip" {
				t.Fatalf("Content-Encoding %q, want gzip", resp.Header.Get("Content-Encoding"))
			}
			if !strings.Contains(resp.Header.Get("Vary"), "Accept-Encoding") {
				t.Errorf("Vary %q lacks Accept-Encoding", resp.Header.Get("Vary"))
			}
			zr, err := gzip.NewReader(bytes.NewReader(body))
			if err != nil {
				t.Fatal(err)
			}
			got, err := io.ReadAll(zr)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("the gzipped body differs from the plain one")
			}
			if resp.Header.Get("ETag") != "" && resp.Header.Get("ETag") == plain.Header.Get("ETag") {
				t.Errorf("gzip and identity share the strong ETag %s", resp.Header.Get("ETag"))
			}
			off, _ := do(t, srv, "GET", p, http.Header{"Accept-Encoding": {"gzip;q=0, identity"}})
			if off.Header.Get("Content-Encoding") != "" {
				t.Errorf("gzip;q=0 still got gzip")
			}
		})
	}
}

func TestAcceptsGzip(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]bool{
		"": false, "gzip": true, "GZIP": true, "deflate, gzip;q=0.5": true, "gzip;q=0": false, "*": true,
		"*;q=0": false, "gzip;q=0, *": false, "br": false, "identity": false, "x-gzip": true, "gzip;q=bad": false,
	} {
		if got := acceptsGzip([]string{in}); got != want {
			t.Errorf("acceptsGzip(%q) = %v, want %v", in, got, want)
		}
	}
}

func TestCORS(t *testing.T) {
	t.Parallel()
	srv := newTestServer(t)
	origin := http.Header{"Origin": {"https://example.com"}}
	for _, p := range []string{"/api/v1/codes", "/api/v1/codes/404", "/api/v1/search?q=x", "/api/v1/codes/abc", "/api/v1/openapi.json"} {
		resp, _ := do(t, srv, "GET", p, origin)
		if got := resp.Header.Get("Access-Control-Allow-Origin"); got != "*" {
			t.Errorf("GET %s: Access-Control-Allow-Origin %q, want *", p, got)
		}
		resp, _ = do(t, srv, "HEAD", p, origin)
		if got := resp.Header.Get("Access-Control-Allow-Origin"); got != "*" {
			t.Errorf("HEAD %s: Access-Control-Allow-Origin %q, want *", p, got)
		}
	}
	pre := http.Header{"Origin": {"https://example.com"}, "Access-Control-Request-Method": {"GET"}}
	resp, body := do(t, srv, "OPTIONS", "/api/v1/search?q=x", pre)
	if resp.StatusCode != 204 || len(body) != 0 {
		t.Errorf("preflight: %d with %d bytes", resp.StatusCode, len(body))
	}
	if got := resp.Header.Get("Access-Control-Allow-Methods"); got != "GET, HEAD, OPTIONS" {
		t.Errorf("Access-Control-Allow-Methods %q", got)
	}
	if resp.Header.Get("Access-Control-Allow-Origin") != "*" {
		t.Error("preflight lacks Access-Control-Allow-Origin")
	}
	resp, _ = do(t, srv, "GET", "/", origin)
	if resp.Header.Get("Access-Control-Allow-Origin") != "" {
		t.Error("a page allows cross-origin reads")
	}
}

func TestSearchEcho(t *testing.T) {
	t.Parallel()
	srv := newTestServer(t)
	const attack = `<script>alert(1)</script>"'><img src=x onerror=alert(2)>`
	for _, p := range []string{"/search?q=", "/api/v1/search?q=", "/api/v1/codes/"} {
		resp, body := do(t, srv, "GET", p+urlQueryEscape(attack), nil)
		if resp.StatusCode >= 500 {
			t.Errorf("%s: %d", p, resp.StatusCode)
		}
		for _, raw := range []string{"<script>alert(1)", "<img src=x", "onerror=alert(2)>"} {
			if bytes.Contains(body, []byte(raw)) {
				t.Errorf("%s echoes %q raw", p, raw)
			}
		}
	}
	_, body := do(t, srv, "GET", "/search?q="+urlQueryEscape(attack), nil)
	if !bytes.Contains(body, []byte("&lt;script&gt;alert(1)&lt;/script&gt;")) {
		t.Errorf("the search page does not echo the query escaped")
	}
}

func urlQueryEscape(s string) string {
	r := strings.NewReplacer("%", "%25", " ", "+", "<", "%3C", ">", "%3E", `"`, "%22", "'", "%27", "&", "%26", "#", "%23", "=", "%3D", "/", "%2F", "(", "%28", ")", "%29")
	return r.Replace(s)
}

func TestSearchRanking(t *testing.T) {
	t.Parallel()
	srv := newTestServer(t)
	_, body := do(t, srv, "GET", "/search?q=rate+limit", nil)
	m := regexp.MustCompile(`<ol id="results"[^>]*>\s*<li><a href="/([0-9]{3})"`).FindSubmatch(body)
	if m == nil || string(m[1]) != "429" {
		t.Errorf("/search?q=rate+limit: first result %q, want 429", m)
	}
	_, body = do(t, srv, "GET", "/api/v1/search?q=rate%20limit&limit=8", nil)
	var entries []struct{ Code int }
	if err := json.Unmarshal(body, &entries); err != nil {
		t.Fatal(err)
	}
	if len(entries) == 0 || entries[0].Code != 429 || len(entries) > 8 {
		t.Errorf("API search for rate limit: %v, want 429 first and at most 8", entries)
	}
	_, body = do(t, srv, "GET", "/api/v1/search?q=4xx&limit=100", nil)
	if err := json.Unmarshal(body, &entries); err != nil {
		t.Fatal(err)
	}
	if len(entries) <= 10 {
		t.Errorf("limit=100 gave %d entries for 4xx", len(entries))
	}
	_, body = do(t, srv, "GET", "/api/v1/search?q=4xx", nil)
	if err := json.Unmarshal(body, &entries); err != nil {
		t.Fatal(err)
	}
	if len(entries) != defaultSearchLimit {
		t.Errorf("the default limit gave %d entries, want %d", len(entries), defaultSearchLimit)
	}
}

// TestNoServerErrors sends odd requests; none may get a 5xx.
func TestNoServerErrors(t *testing.T) {
	t.Parallel()
	srv := newTestServer(t)
	for _, p := range []string{"/%00", "/%ff", "/search?q=%ff%fe", "/api/v1/search?q=%00&limit=-1", "/api/v1/codes/%20404",
		"/api/v1/codes/-04", "/api/v1/codes/+04", "/api/v1/codes/0x1", "/..%2f..%2fetc/passwd", "/static/..%2fserver.go",
		"/static/", "/api/", "/api", "/api/v1/", "/api/v1/codes/", "/search?q=" + strings.Repeat("rate+limit+", 20), "/000", "/999", "/6xx"} {
		for _, m := range []string{"GET", "HEAD", "POST", "OPTIONS"} {
			resp, _ := do(t, srv, m, p, nil)
			if resp.StatusCode >= 500 {
				t.Errorf("%s %s: %d", m, p, resp.StatusCode)
			}
			checkSecurityHeaders(t, resp.Header)
		}
	}
}

func TestParseBaseURL(t *testing.T) {
	for in, want := range map[string]string{
		"":                           "",
		"https://example.org":        "https://example.org/",
		"https://example.org/http":   "https://example.org/http/",
		"http://127.0.0.1:8080/a/b/": "http://127.0.0.1:8080/a/b/",
	} {
		got, err := ParseBaseURL(in)
		if err != nil || got != want {
			t.Errorf("ParseBaseURL(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, in := range []string{"example.org", "ftp://example.org/", "https:///x", "https://u@example.org/", "https://example.org/?q=1", "https://example.org/#top", "/http/"} {
		if got, err := ParseBaseURL(in); err == nil {
			t.Errorf("ParseBaseURL(%q) = %q, want an error", in, got)
		}
	}
	h, err := New(Config{BaseURL: "https://example.org/http"})
	if err != nil {
		t.Fatal(err)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "http://evil.example/opensearch.xml", nil))
	if body := rec.Body.String(); !strings.Contains(body, `template="https://example.org/http/search?q={searchTerms}"`) || strings.Contains(body, "evil") {
		t.Errorf("opensearch with a base URL:\n%s", body)
	}
}

// TestOpenSearchHost is the attack run's F9: without a base URL the
// description names the request's host, so no shared cache may keep it;
// with one, it never depends on Host, and the endpoint's links use it too.
func TestOpenSearchHost(t *testing.T) {
	t.Parallel()
	h, err := New(Config{})
	if err != nil {
		t.Fatal(err)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "http://evil.example/opensearch.xml", nil))
	cc := rec.Header().Get("Cache-Control")
	if !strings.Contains(cc, "private") || strings.Contains(cc, "public") || !slices.Contains(rec.Header().Values("Vary"), "Host") {
		t.Errorf("a Host-reflecting description: Cache-Control %q, Vary %q; want private and Vary: Host", cc, rec.Header().Values("Vary"))
	}

	h, err = New(Config{BaseURL: "https://example.org/"})
	if err != nil {
		t.Fatal(err)
	}
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "http://evil.example/opensearch.xml", nil))
	if cc := rec.Header().Get("Cache-Control"); !strings.Contains(cc, "public") || slices.Contains(rec.Header().Values("Vary"), "Host") {
		t.Errorf("with a base URL: Cache-Control %q, Vary %q; want public, no Vary: Host", cc, rec.Header().Values("Vary"))
	}
	rec = httptest.NewRecorder()
	req := httptest.NewRequest("GET", "http://evil.example/status/404", nil)
	req.Header.Set("Accept", "application/json")
	h.ServeHTTP(rec, req)
	if body := rec.Body.String(); !strings.Contains(body, `"https://example.org/404"`) {
		t.Errorf("the endpoint's link does not use the base URL: %s", body)
	}
}

// TestProblemType: the API's problems name their code's page as their type
// when the site has a base URL, since that page explains them; without
// one, about:blank. Every kind of problem the server writes goes through
// the site: a handler's (400, 404), the router's (405), the URI limit's
// (414).
func TestProblemType(t *testing.T) {
	t.Parallel()
	for _, base := range []string{"", "https://example.org/http/"} {
		h, err := New(Config{BaseURL: base})
		if err != nil {
			t.Fatal(err)
		}
		for _, tc := range []struct {
			method, path string
			status       int
		}{
			{"GET", "/api/v1/search", 400},
			{"GET", "/api/v1/codes/299", 404},
			{"GET", "/api/v1/compare?codes=401", 400},
			{"POST", "/api/v1/codes", 405},
			{"GET", "/api/v1/search?q=" + strings.Repeat("a", 9000), 414},
		} {
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest(tc.method, "http://example.org"+tc.path, nil))
			var p struct {
				Type   string `json:"type"`
				Status int    `json:"status"`
			}
			if err := json.Unmarshal(rec.Body.Bytes(), &p); err != nil || rec.Code != tc.status || p.Status != tc.status {
				t.Errorf("base %q: %s %.40s: %d %q (%v), want a %d problem", base, tc.method, tc.path, rec.Code, rec.Body.String(), err, tc.status)
				continue
			}
			want := "about:blank"
			if base != "" {
				want = base + strconv.Itoa(tc.status)
			}
			if p.Type != want {
				t.Errorf("base %q: %s %.40s: type %q, want %q", base, tc.method, tc.path, p.Type, want)
			}
		}
	}
}
