package endpoint

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/httpstatus/httpstatus"
	"github.com/httpstatus/httpstatus/problem"
)

func TestMethods(t *testing.T) {
	t.Parallel()
	srv := newServer(t, Config{})
	c := newClient(srv)
	_, getBody := do(t, c, http.MethodGet, srv.URL+"/status/418", nil)
	for _, method := range []string{"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "PROPFIND", "PURGE"} {
		t.Run("ok/"+method, func(t *testing.T) {
			t.Parallel()
			resp, body := do(t, c, method, srv.URL+"/status/418", nil)
			if resp.StatusCode != http.StatusTeapot {
				t.Fatalf("status %d, want 418", resp.StatusCode)
			}
			want := string(getBody)
			if method == http.MethodHead {
				want = ""
				if cl := resp.Header.Get("Content-Length"); cl != strconv.Itoa(len(getBody)) {
					t.Errorf("HEAD has Content-Length %q; GET's body has %d bytes", cl, len(getBody))
				}
			}
			if string(body) != want {
				t.Errorf("body %q, want %q", body, want)
			}
		})
	}
}

func TestTrailingPath(t *testing.T) {
	t.Parallel()
	srv := newServer(t, Config{})
	c := newClient(srv)
	for path, want := range map[string]int{
		"/status/404/anything/here": 404,
		"/status/204/":              204,
		"/status/418/x?y=z":         418,
		"/status/200%2C200/x":       200,
	} {
		t.Run("ok"+path, func(t *testing.T) {
			t.Parallel()
			resp, _ := do(t, c, http.MethodGet, srv.URL+path, nil)
			if resp.StatusCode != want {
				t.Errorf("status %d, want %d", resp.StatusCode, want)
			}
		})
	}
}

func TestConfig(t *testing.T) {
	t.Parallel()
	h := New(Config{Prefix: "/s", ReferenceURL: func(code int) string { return fmt.Sprintf("https://ref.example/%d", code) }})
	mux := http.NewServeMux()
	mux.Handle("/s/", h)
	mux.Handle("/other/", h)
	srv := newServer(t, Config{})
	srv.Config.Handler = mux
	c := newClient(srv)

	t.Run("ok/prefix", func(t *testing.T) {
		resp, body := do(t, c, http.MethodGet, srv.URL+"/s/404", http.Header{"Accept": {"application/json"}})
		if resp.StatusCode != 404 {
			t.Fatalf("status %d, want 404", resp.StatusCode)
		}
		var j jsonBody
		if err := json.Unmarshal(body, &j); err != nil {
			t.Fatal(err)
		}
		if j.Link != "https://ref.example/404" {
			t.Errorf("link %q, want the configured reference URL", j.Link)
		}
	})
	t.Run("error/outside-prefix", func(t *testing.T) {
		resp, body := do(t, c, http.MethodGet, srv.URL+"/other/404", nil)
		checkProblem(t, resp, body, http.StatusNotFound, "/s/")
	})
}

func TestAccept(t *testing.T) {
	t.Parallel()
	srv := newServer(t, Config{})
	c := newClient(srv)
	for _, tc := range []struct {
		name, accept string
		code         int
		want         string
	}{
		{"none", "", 404, typeText},
		{"any", "*/*", 404, typeText},
		{"text", "text/plain", 404, typeText},
		{"json", "application/json", 404, typeJSON},
		{"json-2xx", "application/json", 200, typeJSON},
		{"app-any", "application/*", 200, typeJSON},
		{"problem", "application/problem+json", 404, typeProblem},
		{"problem-5xx", "application/problem+json", 503, typeProblem},
		{"problem-2xx", "application/problem+json", 200, typeText},
		{"problem-over-json", "application/json;q=0.5, application/problem+json", 500, typeProblem},
		{"html", "text/html", 404, typeHTML},
		{"browser", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", 404, typeHTML},
		{"q-order", "text/html;q=0.2, application/json;q=0.9", 200, typeJSON},
		{"refused", "text/html;q=0, */*", 200, typeText},
		{"unknown", "image/png", 200, typeText},
		{"garbage", ";;;,===", 200, typeText},
	} {
		t.Run(fmt.Sprintf("ok/%s/%d", tc.name, tc.code), func(t *testing.T) {
			t.Parallel()
			resp, body := do(t, c, http.MethodGet, srv.URL+"/status/"+strconv.Itoa(tc.code), http.Header{"Accept": {tc.accept}})
			if resp.StatusCode != tc.code {
				t.Fatalf("status %d, want %d", resp.StatusCode, tc.code)
			}
			if got := resp.Header.Get("Content-Type"); got != tc.want {
				t.Fatalf("Content-Type %q, want %q", got, tc.want)
			}
			m := describe(tc.code)
			switch tc.want {
			case typeJSON:
				var j jsonBody
				if err := json.Unmarshal(body, &j); err != nil {
					t.Fatal(err)
				}
				if j.Code != tc.code || j.Name != m.name || j.Summary != m.summary {
					t.Errorf("body %+v, want code %d, name %q, summary %q", j, tc.code, m.name, m.summary)
				}
				if _, known := httpstatus.Lookup(tc.code); known && j.Link != "/"+strconv.Itoa(tc.code) {
					t.Errorf("link %q, want /%d", j.Link, tc.code)
				}
			case typeProblem:
				var p problem.Problem
				if err := json.Unmarshal(body, &p); err != nil {
					t.Fatal(err)
				}
				if p.Type != "about:blank" || p.Status != tc.code || p.Title != m.name {
					t.Errorf("body %+v, want an about:blank problem titled %q", p, m.name)
				}
			case typeHTML:
				if !strings.Contains(string(body), fmt.Sprintf("<h1>%d ", tc.code)) {
					t.Errorf("body %q has no heading for %d", body, tc.code)
				}
			default:
				if !strings.HasPrefix(string(body), fmt.Sprintf("%d %s\n", tc.code, m.name)) {
					t.Errorf("body %q does not start with the code and name", body)
				}
			}
			if resp.Header.Get("Vary") != "Accept" {
				t.Errorf("Vary %q, want Accept", resp.Header.Get("Vary"))
			}
		})
	}
}

func TestWeights(t *testing.T) {
	t.Parallel()
	srv := newServer(t, Config{})
	c := newClient(srv)
	get := func(t *testing.T, path string) int {
		resp, body := do(t, c, http.MethodGet, srv.URL+path, nil)
		if resp.StatusCode >= 400 && resp.Header.Get("Content-Type") == typeProblem {
			t.Fatalf("%s: %d %s", path, resp.StatusCode, body)
		}
		return resp.StatusCode
	}
	t.Run("ok/zero-weight", func(t *testing.T) {
		t.Parallel()
		for range 20 {
			if got := get(t, "/status/200:0,503:1"); got != 503 {
				t.Fatalf("status %d, want 503: a weight of 0 is never chosen", got)
			}
		}
	})
	t.Run("ok/equal-weights", func(t *testing.T) {
		t.Parallel()
		seen := map[int]bool{}
		for i := 0; i < 200 && len(seen) < 3; i++ {
			seen[get(t, "/status/200,201,202")] = true
		}
		if len(seen) != 3 {
			t.Errorf("200 tries gave only %v", seen)
		}
	})
	t.Run("ok/mixed-weights", func(t *testing.T) {
		t.Parallel()
		seen := map[int]bool{}
		for i := 0; i < 200 && len(seen) < 2; i++ {
			seen[get(t, "/status/200:0.5,404")] = true
		}
		if len(seen) != 2 {
			t.Errorf("200 tries gave only %v", seen)
		}
	})
	t.Run("ok/seed", func(t *testing.T) {
		t.Parallel()
		seen := map[int]bool{}
		for seed := range 40 {
			path := fmt.Sprintf("/status/200:0.9,500:0.1,503?seed=%d", seed)
			first := get(t, path)
			for range 3 {
				if got := get(t, path); got != first {
					t.Fatalf("%s gave %d, then %d", path, first, got)
				}
			}
			seen[first] = true
		}
		if len(seen) < 2 {
			t.Errorf("40 seeds all chose %v", seen)
		}
	})
}

func TestSleep(t *testing.T) {
	t.Parallel()
	srv := newServer(t, Config{MaxSleep: 50 * time.Millisecond})
	c := newClient(srv)
	for _, tc := range []struct{ path, reason string }{
		{"/status/200?sleep=51", "above the limit of 50 ms"},
		{"/status/200?sleep=99999999999999999999999", "above the limit of 50 ms"},
		{"/status/200?sleep=-1", "negative"},
		{"/status/200?sleep=-99999999999999999999999", "not a whole number"},
		{"/status/200?sleep=abc", "not a whole number"},
		{"/status/200?sleep=1.5", "not a whole number"},
		{"/status/200?sleep=", "not a whole number"},
		{"/status/200?sleep=1&sleep=2", "give it once"},
	} {
		t.Run("error/"+tc.path, func(t *testing.T) {
			t.Parallel()
			resp, body := do(t, c, http.MethodGet, srv.URL+tc.path, nil)
			checkProblem(t, resp, body, http.StatusBadRequest, tc.reason)
		})
	}
	for _, tc := range []struct {
		path string
		code int
		ms   int
	}{
		{"/status/200?sleep=0", 200, 0},
		{"/status/404?sleep=5", 404, 5},
		{"/status/102?sleep=5&then=201", 201, 5},
		{"/status/200?sleep=50", 200, 50},
	} {
		t.Run("ok/"+tc.path, func(t *testing.T) {
			t.Parallel()
			start := time.Now()
			resp, _ := do(t, c, http.MethodGet, srv.URL+tc.path, nil)
			if resp.StatusCode != tc.code {
				t.Fatalf("status %d, want %d", resp.StatusCode, tc.code)
			}
			if d := time.Since(start); d < time.Duration(tc.ms)*time.Millisecond {
				t.Errorf("answered after %v, before the %d ms asked", d, tc.ms)
			}
		})
	}
}

// TestMaxDelayed holds the only sleeping slot with a long sleep, checks that
// the next delayed request gets a 503, then lets the first one go.
func TestMaxDelayed(t *testing.T) {
	t.Parallel()
	srv := newServer(t, Config{MaxDelayed: 1})
	c := newClient(srv)

	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		// The probes below hold the slot for a moment too: try until this
		// request is the one sleeping, that is until it is cancelled.
		for ctx.Err() == nil {
			req, _ := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL+"/status/200?sleep=10000", nil)
			if resp, err := c.Do(req); err == nil {
				resp.Body.Close()
			}
		}
	}()
	defer wg.Wait()
	defer cancel()

	deadline := time.Now().Add(10 * time.Second)
	for {
		resp, body := do(t, c, http.MethodGet, srv.URL+"/status/200?sleep=1", nil)
		if resp.StatusCode == http.StatusServiceUnavailable {
			checkProblem(t, resp, body, http.StatusServiceUnavailable, "too many delayed requests")
			if resp.Header.Get("Retry-After") == "" {
				t.Error("a 503 from the limit has no Retry-After")
			}
			checkExposed(t, resp.Header)
			break
		}
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("status %d: %s", resp.StatusCode, body)
		}
		if time.Now().After(deadline) {
			t.Fatal("the limit of delayed requests never applied")
		}
		time.Sleep(time.Millisecond)
	}
	// Requests that do not sleep are not limited.
	if resp, _ := do(t, c, http.MethodGet, srv.URL+"/status/200", nil); resp.StatusCode != http.StatusOK {
		t.Errorf("a request without sleep got %d while the slot was taken", resp.StatusCode)
	}
}

func TestRateLimit(t *testing.T) {
	t.Parallel()
	srv := newServer(t, Config{RatePerMinute: 2})
	c := newClient(srv)
	for i := range 2 {
		if resp, _ := do(t, c, http.MethodGet, srv.URL+"/status/204", nil); resp.StatusCode != 204 {
			t.Fatalf("request %d: status %d, want 204", i+1, resp.StatusCode)
		}
	}
	resp, body := do(t, c, http.MethodGet, srv.URL+"/status/204", nil)
	checkProblem(t, resp, body, http.StatusTooManyRequests, "too many requests")
	if n, err := strconv.Atoi(resp.Header.Get("Retry-After")); err != nil || n < 1 || n > 60 {
		t.Errorf("Retry-After %q, want 1 to 60 seconds", resp.Header.Get("Retry-After"))
	}
	checkExposed(t, resp.Header)
}

func TestHeaderOption(t *testing.T) {
	t.Parallel()
	srv := newServer(t, Config{})
	c := newClient(srv)
	q := func(vs ...string) string {
		v := url.Values{"header": vs}
		return v.Encode()
	}
	for _, tc := range []struct {
		name  string
		code  int
		query string
		want  http.Header
	}{
		{"one", 200, q("X-Test:1"), http.Header{"X-Test": {"1"}}},
		{"spaces", 200, q("X-Test:  a b  "), http.Header{"X-Test": {"a b"}}},
		{"empty", 200, q("X-Test:"), http.Header{"X-Test": {""}}},
		{"repeated", 200, q("X-A:1", "x-a:2"), http.Header{"X-A": {"1", "2"}}},
		{"replaces", 200, q("Cache-Control:max-age=60"), http.Header{"Cache-Control": {"max-age=60"}}},
		{"retry-after", 503, q("Retry-After:0"), http.Header{"Retry-After": {"0"}}},
		{"content-type", 200, q("Content-Type:application/octet-stream"), http.Header{"Content-Type": {"application/octet-stream"}}},
		{"content-type-json", 200, q("Content-Type:application/vnd.api+json; charset=utf-8"), http.Header{"Content-Type": {"application/vnd.api+json; charset=utf-8"}}},
		{"link-next", 200, q(`Link:</page/2>; rel="next", </page/9>; rel=last`), http.Header{"Link": {`</page/2>; rel="next", </page/9>; rel=last`}}},
		{"www-authenticate", 401, q(`WWW-Authenticate:Bearer realm="api"`), http.Header{"Www-Authenticate": {`Bearer realm="api"`}}},
		{"ratelimit", 429, q("RateLimit:limit=10, remaining=0, reset=5"), http.Header{"Ratelimit": {"limit=10, remaining=0, reset=5"}}},
		{"x-long", 200, q("X-" + strings.Repeat("a", 62) + ":1"), http.Header{"X-" + strings.Repeat("a", 62): {"1"}}},
	} {
		t.Run("ok/"+tc.name, func(t *testing.T) {
			t.Parallel()
			resp, _ := do(t, c, http.MethodGet, fmt.Sprintf("%s/status/%d?%s", srv.URL, tc.code, tc.query), nil)
			if resp.StatusCode != tc.code {
				t.Fatalf("status %d, want %d", resp.StatusCode, tc.code)
			}
			for k, vs := range tc.want {
				if got := resp.Header.Values(k); strings.Join(got, "|") != strings.Join(vs, "|") {
					t.Errorf("%s: %q, want %q", k, got, vs)
				}
			}
			checkExposed(t, resp.Header)
		})
	}
	many := make([]string, maxHeaders+1)
	for i := range many {
		many[i] = fmt.Sprintf("X-%d:1", i)
	}
	for _, tc := range []struct{ name, query, reason string }{
		{"no-colon", q("X-Test"), "no colon"},
		{"bad-name", q("Bad Name:1"), "not a valid field name"},
		{"empty-name", q(":1"), "not a valid field name"},
		{"crlf", q("X-Test:a\r\nSet-Cookie: x=1"), "control character"},
		{"lf", q("X-Test:a\nb"), "control character"},
		{"nul", q("X-Test:a\x00b"), "control character"},
		{"long", q("X-Test:" + strings.Repeat("a", maxHeaderValue+1)), "longer than"},
		{"too-many", q(many...), "at most"},
		{"set-cookie", q("Set-Cookie:a=b"), "refused"},
		{"connection", q("Connection:close"), "hop-by-hop"},
		{"keep-alive", q("Keep-Alive:timeout=5"), "hop-by-hop"},
		{"proxy-connection", q("Proxy-Connection:close"), "hop-by-hop"},
		{"transfer-encoding", q("Transfer-Encoding:chunked"), "hop-by-hop"},
		{"upgrade", q("Upgrade:websocket"), "hop-by-hop"},
		{"te", q("TE:trailers"), "hop-by-hop"},
		{"trailer", q("Trailer:X"), "hop-by-hop"},
		{"content-length", q("Content-Length:0"), "refused"},
		{"location", q("Location:https://evil.example/"), "?location="},
		{"refresh", q("Refresh:0;url=https://evil.example/"), "refused"},
		{"hsts", q("Strict-Transport-Security:max-age=1"), "refused"},
		// The attack run's F1 and F15: nothing outside the allow-list, no
		// security header of the server, no active type or relation.
		{"csp", q("Content-Security-Policy:default-src *"), "not one ?header= may set"},
		{"xfo", q("X-Frame-Options:ALLOWALL"), "not one ?header= may set"},
		{"nosniff", q("X-Content-Type-Options:sniff"), "not one ?header= may set"},
		{"coop", q("Cross-Origin-Opener-Policy:unsafe-none"), "not one ?header= may set"},
		{"referrer-policy", q("Referrer-Policy:unsafe-url"), "not one ?header= may set"},
		{"permissions-policy", q("Permissions-Policy:camera=*"), "not one ?header= may set"},
		{"nel", q(`NEL:{"report_to":"g","max_age":31536000}`), "not one ?header= may set"},
		{"report-to", q(`Report-To:{"group":"g"}`), "not one ?header= may set"},
		{"reporting-endpoints", q(`Reporting-Endpoints:g="https://evil.example/r"`), "not one ?header= may set"},
		{"alt-svc", q(`Alt-Svc:h3="evil.example:443"; ma=31536000; persist=1`), "not one ?header= may set"},
		{"accept-ch", q("Accept-CH:Sec-CH-UA-Model"), "not one ?header= may set"},
		{"critical-ch", q("Critical-CH:Sec-CH-UA-Model"), "not one ?header= may set"},
		{"origin-agent-cluster", q("Origin-Agent-Cluster:?0"), "not one ?header= may set"},
		{"service-worker-allowed", q("Service-Worker-Allowed:/"), "not one ?header= may set"},
		{"acao", q("Access-Control-Allow-Origin:https://evil.example"), "not one ?header= may set"},
		{"x-accel-redirect", q("X-Accel-Redirect:/etc/passwd"), "not one ?header= may set"},
		{"x-sendfile", q("X-Sendfile:/etc/passwd"), "not one ?header= may set"},
		{"text-html", q("Content-Type:text/html"), "refused"},
		{"svg", q("Content-Type:image/svg+xml"), "refused"},
		{"javascript", q("Content-Type:text/javascript"), "refused"},
		{"type-param", q("Content-Type:text/plain; boundary=x"), "only charset"},
		{"link-stylesheet", q("Link:<https://evil.example/x.css>;rel=stylesheet"), "stylesheet"},
		{"link-alternate-stylesheet", q(`Link:</x.css>; rel="alternate stylesheet"`), "stylesheet"},
		{"link-preload", q("Link:</x.js>; rel=next, </y.js>; rel=modulepreload"), "modulepreload"},
		{"link-no-rel", q("Link:</x>"), "without rel"},
		{"link-two-rels", q("Link:</x>; rel=next; rel=preload"), "twice"},
		{"underscore", q("Transfer_Encoding:chunked"), "holds _"},
		{"long-name", q("X-" + strings.Repeat("a", 63) + ":1"), "longer than 64"},
	} {
		t.Run("error/"+tc.name, func(t *testing.T) {
			t.Parallel()
			resp, body := do(t, c, http.MethodGet, srv.URL+"/status/200?"+tc.query, nil)
			checkProblem(t, resp, body, http.StatusBadRequest, tc.reason)
		})
	}
}

// locationCodes returns the codes whose rules call for a Location.
func locationCodes() []int {
	var out []int
	for code := 200; code <= 999; code++ { // a 1xx's Location is in the interim response
		for _, r := range httpstatus.Headers(code) {
			if !forbids(r.Requirement) && slices.ContainsFunc(ruleNames(r.Name), func(n string) bool { return strings.EqualFold(n, "Location") }) {
				out = append(out, code)
			}
		}
	}
	return out
}

func TestLocation(t *testing.T) {
	t.Parallel()
	srv := newServer(t, Config{})
	c := newClient(srv)
	codes := locationCodes()
	for _, tc := range []struct{ location, want string }{
		{"", "/"},
		{"/", "/"},
		{"/status/200", "/status/200"},
		{"/a/b?c=d&e=f#g", "/a/b?c=d&e=f#g"},
		{"/a b", "/a%20b"},
		{"/%2F%2Fevil.example", "/%2F%2Fevil.example"},
	} {
		for _, code := range codes {
			t.Run(fmt.Sprintf("ok/%d/%s", code, tc.location), func(t *testing.T) {
				t.Parallel()
				u := fmt.Sprintf("%s/status/%d", srv.URL, code)
				if tc.location != "" {
					u += "?location=" + url.QueryEscape(tc.location)
				}
				resp, _ := do(t, c, http.MethodGet, u, nil)
				if got := resp.Header.Get("Location"); got != tc.want {
					t.Errorf("Location %q, want %q", got, tc.want)
				}
			})
		}
	}
	for _, loc := range []string{
		"https://evil.example/", "//evil.example/", "///evil.example", `/\evil.example`, `\\evil.example`,
		"evil.example", "javascript:alert(1)", "/\r\nSet-Cookie: x=1", "/\t/evil.example", "/a\x00", "",
		// Dot segments (the attack run's F6): resolved, they start with //.
		"/a/../../..//evil.example", "/..//evil.example", "/.//evil.example", "/%2e%2e%2f%2fevil.example",
		"/.%2e/%2fevil.example", "/%2E/x", "/a/.",
	} {
		t.Run("error/"+loc, func(t *testing.T) {
			t.Parallel()
			resp, body := do(t, c, http.MethodGet, srv.URL+"/status/302?location="+url.QueryEscape(loc), nil)
			checkProblem(t, resp, body, http.StatusBadRequest, "location")
		})
	}
}

func TestBadInput(t *testing.T) {
	t.Parallel()
	srv := newServer(t, Config{})
	c := newClient(srv)
	tooMany := strings.TrimSuffix(strings.Repeat("200,", maxChoices+1), ",")
	tests := []struct{ path, reason string }{
		{"/status/", "no status code"},
		{"/status/abc", "not a number"},
		{"/status/20x", "not a number"},
		{"/status/-200", "not a number"},
		{"/status/+200", "not a number"},
		{"/status/2.0", "not a number"},
		{"/status/%20200", "not a number"},
		{"/status/0", "below 100"},
		{"/status/99", "below 100"},
		{"/status/000", "below 100"},
		{"/status/1000", "above 999"},
		{"/status/99999999999999999999999", "above 999"},
		{"/status/0404", "leading zero"},
		{"/status/200,", "empty status code"},
		{"/status/200,,500", "empty status code"},
		{"/status/,200", "empty status code"},
		{"/status/200:", "empty weight"},
		{"/status/200:abc", "not a number"},
		{"/status/200:-1", "negative"},
		{"/status/200:NaN", "not a finite number"},
		{"/status/200:Inf", "not a finite number"},
		{"/status/200:1e999", "not a finite number"},
		{"/status/200:1:2", "not a number"},
		{"/status/200:0", "add up to 0"},
		{"/status/200:0,500:0", "add up to 0"},
		{"/status/200:1e308,500:1e308", "more than a float"},
		{"/status/200,abc", "not a number"},
		{"/status/200:1,99:1", "below 100"},
		{"/status/" + tooMany, "at most 20"},
		{"/status/200?seed=x", "seed"},
		{"/status/200?seed=1.5", "seed"},
		{"/status/200?seed=1&seed=2", "give it once"},
		{"/status/103?then=abc", "not a number"},
		{"/status/103?then=100", "200 to 599"},
		{"/status/103?then=101", "200 to 599"},
		{"/status/103?then=99", "below 100"},
		{"/status/103?then=1000", "above 999"},
		{"/status/200?then=600", "then"},
	}
	for code := 600; code <= 999; code++ {
		if _, ok := httpstatus.Lookup(code); !ok {
			tests = append(tests, struct{ path, reason string }{"/status/" + strconv.Itoa(code), "no meaning in the catalogue"})
			break // one is enough here; TestCodes tries them all
		}
	}
	for _, tc := range tests {
		for _, method := range []string{http.MethodGet, http.MethodHead, http.MethodPost} {
			t.Run("error/"+method+tc.path, func(t *testing.T) {
				t.Parallel()
				resp, body := do(t, c, method, srv.URL+tc.path, nil)
				checkProblem(t, resp, body, http.StatusBadRequest, tc.reason)
			})
		}
	}
}

func TestCORS(t *testing.T) {
	t.Parallel()
	srv := newServer(t, Config{})
	c := newClient(srv)
	t.Run("ok/preflight", func(t *testing.T) {
		t.Parallel()
		resp, body := do(t, c, http.MethodOptions, srv.URL+"/status/503", http.Header{
			"Origin":                         {"https://app.example"},
			"Access-Control-Request-Method":  {"PUT"},
			"Access-Control-Request-Headers": {"content-type, x-request-id"},
		})
		if resp.StatusCode != http.StatusNoContent || len(body) != 0 {
			t.Fatalf("status %d with %d bytes, want 204 and no body", resp.StatusCode, len(body))
		}
		for k, v := range map[string]string{
			"Access-Control-Allow-Origin":  "*",
			"Access-Control-Allow-Methods": "PUT",
			"Access-Control-Allow-Headers": "content-type, x-request-id",
		} {
			if got := resp.Header.Get(k); got != v {
				t.Errorf("%s: %q, want %q", k, got, v)
			}
		}
	})
	t.Run("ok/preflight-bad-headers", func(t *testing.T) {
		t.Parallel()
		resp, _ := do(t, c, http.MethodOptions, srv.URL+"/status/abc", http.Header{
			"Origin":                         {"https://app.example"},
			"Access-Control-Request-Method":  {"GET"},
			"Access-Control-Request-Headers": {"bad header"},
		})
		if resp.StatusCode != http.StatusNoContent || resp.Header.Get("Access-Control-Allow-Headers") != "" {
			t.Errorf("status %d, Allow-Headers %q; want 204 allowing no headers", resp.StatusCode, resp.Header.Get("Access-Control-Allow-Headers"))
		}
	})
	t.Run("ok/options-not-preflight", func(t *testing.T) {
		t.Parallel()
		resp, _ := do(t, c, http.MethodOptions, srv.URL+"/status/418", http.Header{"Origin": {"https://app.example"}})
		if resp.StatusCode != http.StatusTeapot {
			t.Errorf("status %d, want 418: OPTIONS without Access-Control-Request-Method is no preflight", resp.StatusCode)
		}
	})
	t.Run("ok/expose", func(t *testing.T) {
		t.Parallel()
		resp, _ := do(t, c, http.MethodGet, srv.URL+"/status/200?header=X-Custom:1", nil)
		checkExposed(t, resp.Header)
		if !strings.Contains(resp.Header.Get("Access-Control-Expose-Headers"), "X-Custom") {
			t.Errorf("Access-Control-Expose-Headers %q lacks X-Custom", resp.Header.Get("Access-Control-Expose-Headers"))
		}
	})
}

// TestHTMLPage: the text/html body has a viewport, and links the stylesheet
// of Config.Stylesheet when one is set, and none otherwise.
func TestHTMLPage(t *testing.T) {
	accept := http.Header{"Accept": {"text/html"}}
	srv := newServer(t, Config{Stylesheet: "/static/style.css"})
	_, body := do(t, newClient(srv), "GET", srv.URL+"/status/418", accept)
	for _, want := range []string{`<meta name="viewport" content="width=device-width, initial-scale=1">`, `<link rel="stylesheet" href="/static/style.css">`, "<main>", "418 I&#39;m a teapot"} {
		if !strings.Contains(string(body), want) {
			t.Errorf("the HTML body lacks %q:\n%s", want, body)
		}
	}
	plain := newServer(t, Config{})
	_, body = do(t, newClient(plain), "GET", plain.URL+"/status/418", accept)
	if strings.Contains(string(body), "stylesheet") || !strings.Contains(string(body), `name="viewport"`) {
		t.Errorf("without Config.Stylesheet: %s", body)
	}
}
