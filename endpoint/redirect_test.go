package endpoint

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
)

// newRedirectServer serves Redirects under /redirect/ for one test.
func newRedirectServer(t *testing.T, cfg RedirectConfig) *httptest.Server {
	t.Helper()
	mux := http.NewServeMux()
	mux.Handle("/redirect/", Redirects(cfg))
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

func TestRedirectChain(t *testing.T) {
	t.Parallel()
	srv := newRedirectServer(t, RedirectConfig{})
	for _, tc := range []struct {
		name, method, query string
		hops                int
		wantMethod          string
	}{
		{"get-302", "GET", "", 3, "GET"},
		{"zero-hops", "GET", "", 0, "GET"},
		{"post-301", "POST", "?code=301", 2, "GET"}, // net/http rewrites POST to GET after 301, 302, 303
		{"post-302", "POST", "", 2, "GET"},
		{"post-303", "POST", "?code=303", 2, "GET"},
		{"post-307", "POST", "?code=307", 2, "POST"}, // and keeps it after 307 and 308
		{"put-308", "PUT", "?code=308", 5, "PUT"},
		{"delete-303", "DELETE", "?code=303", 1, "GET"},
	} {
		t.Run("ok/"+tc.name, func(t *testing.T) {
			t.Parallel()
			var hops []string
			c := *srv.Client()
			c.CheckRedirect = func(req *http.Request, via []*http.Request) error {
				if req.URL.Host != via[0].URL.Host {
					t.Errorf("hop to another origin: %s", req.URL)
				}
				hops = append(hops, req.URL.RequestURI())
				return nil
			}
			req, _ := http.NewRequest(tc.method, srv.URL+"/redirect/"+itoa(tc.hops)+tc.query, strings.NewReader("x"))
			resp, err := c.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			var got struct {
				Status int    `json:"status"`
				Method string `json:"method"`
			}
			if err := json.NewDecoder(resp.Body).Decode(&got); err != nil {
				t.Fatal(err)
			}
			if resp.StatusCode != 200 || got.Status != 200 || got.Method != tc.wantMethod {
				t.Errorf("%d %+v, want 200 and method %s", resp.StatusCode, got, tc.wantMethod)
			}
			if len(hops) != tc.hops {
				t.Errorf("%d hops %v, want %d", len(hops), hops, tc.hops)
			}
			if tc.hops > 0 && hops[len(hops)-1] != "/redirect/0"+tc.query && tc.query != "?code=302" {
				t.Errorf("last hop %s, want /redirect/0%s", hops[len(hops)-1], tc.query)
			}
		})
	}
}

func TestRedirectHop(t *testing.T) {
	t.Parallel()
	srv := newRedirectServer(t, RedirectConfig{})
	c := newClient(srv)
	for code, loc := range map[string]string{"": "/redirect/2", "?code=302": "/redirect/2", "?code=308": "/redirect/2?code=308"} {
		resp, _ := do(t, c, "GET", srv.URL+"/redirect/3"+code, nil)
		want := 302
		if code == "?code=308" {
			want = 308
		}
		if resp.StatusCode != want || resp.Header.Get("Location") != loc {
			t.Errorf("/redirect/3%s: %d Location %q, want %d %s", code, resp.StatusCode, resp.Header.Get("Location"), want, loc)
		}
		if resp.Header.Get("Cache-Control") != "no-store" {
			t.Errorf("/redirect/3%s: Cache-Control %q", code, resp.Header.Get("Cache-Control"))
		}
		checkExposed(t, resp.Header)
	}
	// HEAD gets the head of the final answer, and no content.
	resp, body := do(t, c, "HEAD", srv.URL+"/redirect/0", nil)
	if resp.StatusCode != 200 || len(body) != 0 {
		t.Errorf("HEAD /redirect/0: %d with %d bytes", resp.StatusCode, len(body))
	}
	// An unknown method is named "other", never echoed.
	resp, body = do(t, c, "BREW", srv.URL+"/redirect/0", nil)
	if resp.StatusCode != 200 || !strings.Contains(string(body), `"other"`) || strings.Contains(string(body), "BREW") {
		t.Errorf("BREW /redirect/0: %d %s", resp.StatusCode, body)
	}
}

func TestRedirectLoop(t *testing.T) {
	t.Parallel()
	srv := newRedirectServer(t, RedirectConfig{})
	resp, err := srv.Client().Get(srv.URL + "/redirect/loop?code=307")
	if err == nil {
		resp.Body.Close()
		t.Fatalf("a loop ended: %d", resp.StatusCode)
	}
	if !strings.Contains(err.Error(), "stopped after 10 redirects") {
		t.Errorf("error %v, want net/http's redirect limit", err)
	}
	c := newClient(srv)
	resp, _ = do(t, c, "GET", srv.URL+"/redirect/loop", nil)
	if resp.StatusCode != 302 || resp.Header.Get("Location") != "/redirect/loop" {
		t.Errorf("/redirect/loop: %d Location %q", resp.StatusCode, resp.Header.Get("Location"))
	}
}

func TestRedirectBadInput(t *testing.T) {
	t.Parallel()
	srv := newRedirectServer(t, RedirectConfig{MaxHops: 5})
	c := newClient(srv)
	for _, tc := range []struct{ name, path, want string }{
		{"too-many", "/redirect/6", "at most 5 hops"},
		{"huge", "/redirect/99999999999999999999999", "ask for /redirect/N"},
		{"negative", "/redirect/-1", "ask for /redirect/N"},
		{"plus", "/redirect/+1", "ask for /redirect/N"},
		{"leading-zero", "/redirect/01", "ask for /redirect/N"},
		{"word", "/redirect/many", "ask for /redirect/N"},
		{"empty", "/redirect/", "ask for /redirect/N"},
		{"deeper", "/redirect/3/x", "ask for /redirect/N"},
		{"bad-code", "/redirect/3?code=300", "?code= takes one of"},
		{"code-twice", "/redirect/3?code=301&code=302", "?code= takes one of"},
		{"absolute-code", "/redirect/3?code=http://evil", "?code= takes one of"},
	} {
		t.Run("error/"+tc.name, func(t *testing.T) {
			resp, body := do(t, c, "GET", srv.URL+tc.path, nil)
			checkProblem(t, resp, body, http.StatusBadRequest, tc.want)
		})
	}
	// The cap never exceeds 1000, whatever the configuration.
	h := Redirects(RedirectConfig{MaxHops: 1 << 30}).(*redirects)
	if h.maxHops != maxMaxHops {
		t.Errorf("MaxHops %d, want the cap %d", h.maxHops, maxMaxHops)
	}
	rec := httptest.NewRecorder()
	Redirects(RedirectConfig{}).ServeHTTP(rec, httptest.NewRequest("GET", "/elsewhere/1", nil))
	if rec.Code != http.StatusNotFound {
		t.Errorf("outside the prefix: %d, want 404", rec.Code)
	}
	io.Copy(io.Discard, rec.Body) //nolint:errcheck // a recorder's body
}

func itoa(n int) string { return strconv.Itoa(n) }
