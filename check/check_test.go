package check

import (
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/httpstatus/httpstatus"
)

// TestRulesKnown checks that the checker can evaluate every rule and
// condition of the catalogue, or knows that it cannot.
func TestRulesKnown(t *testing.T) {
	t.Parallel()
	for _, r := range httpstatus.Rules() {
		if _, ok := tests[r.Test]; !ok && !byTool[r.Test] {
			t.Errorf("rule %s: unknown test %q", r.ID, r.Test)
		}
		if _, ok := conditions[r.When]; !ok {
			t.Errorf("rule %s: unknown condition %q", r.ID, r.When)
		}
		if r.Test == "grammar" && grammars[http.CanonicalHeaderKey(r.Header)] == nil {
			t.Errorf("rule %s: no grammar for %s", r.ID, r.Header)
		}
		if (r.Test == "absent" || r.Test == "present" || r.Test == "grammar") && r.Header == "" {
			t.Errorf("rule %s: test %s needs a header", r.ID, r.Test)
		}
		switch r.Requirement {
		case httpstatus.Must, httpstatus.MustNot, httpstatus.Should, httpstatus.ShouldNot, httpstatus.May:
		default:
			t.Errorf("rule %s: requirement %q", r.ID, r.Requirement)
		}
		if !strings.HasPrefix(r.SpecURL, "https://") || r.Summary == "" || r.Fix == "" {
			t.Errorf("rule %s: needs a summary, a fix and an https spec_url", r.ID)
		}
	}
	for _, e := range httpstatus.All() {
		for _, h := range e.Headers {
			_, known := conditions[h.When]
			_, skipped := unjudgeable[h.When]
			if !known && !skipped {
				t.Errorf("%d %s: unknown condition %q", e.Code, h.Name, h.When)
			}
		}
	}
}

func TestParseErrors(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, raw string
		line      int
		reason    string
	}{
		{"empty", "", 1, "no status line"},
		{"blank-lines", "\n\n", 3, "no status line"},
		{"request", "GET / HTTP/1.1\r\nHost: x\r\n\r\n", 1, "not a status line"},
		{"html", "<html><body>hi</body></html>", 1, "not a status line"},
		{"version", "HTTP/9.9 200 OK\n\n", 1, "unknown HTTP version"},
		{"no-code", "HTTP/1.1\n\n", 1, "without a status code"},
		{"short-code", "HTTP/1.1 20 OK\n\n", 1, "three digits"},
		{"code-000", "HTTP/1.1 000 None\n\n", 1, "three digits"},
		{"no-colon", "HTTP/1.1 200 OK\nDate: Mon, 23 Nov 2026 09:14:02 GMT\nContent-Type text/plain\n\n", 3, "header line without a colon"},
		{"leading-blank", "\n\nHTTP/1.1 200 OK\nbroken\n\n", 4, "without a colon"},
		{"space-before-colon", "HTTP/1.1 200 OK\nContent-Type : text/plain\n\n", 2, "white space between"},
		{"fold", "HTTP/1.1 200 OK\nX-A: 1\n  continued\n\n", 3, "folding"},
		{"empty-name", "HTTP/1.1 200 OK\n: x\n\n", 2, "empty name"},
		{"control", "HTTP/1.1 200 OK\nX-A: a\x00b\n\n", 2, "control character"},
		{"interim-then-garbage", "HTTP/1.1 100 Continue\n\nHTTP/1.1 2OO OK\n\n", 3, "three digits"},
		{"too-many-headers", "HTTP/1.1 200 OK\n" + strings.Repeat("X-A: 1\n", MaxHeaders+1) + "\n", MaxHeaders + 2, "more than 256 header lines"},
		{"too-many-interim", strings.Repeat("HTTP/1.1 100 Continue\n\n", MaxInterim+1) + "HTTP/1.1 200 OK\n\n", 2*MaxInterim + 2, "interim"},
		{"too-big", "HTTP/1.1 200 OK\n\n" + strings.Repeat("x", MaxSize), 1, "longer than"},
	} {
		t.Run("error/"+tc.name, func(t *testing.T) {
			t.Parallel()
			_, err := Raw([]byte(tc.raw), nil)
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("err = %v, want a *ParseError", err)
			}
			if pe.Line != tc.line || !strings.Contains(pe.Reason, tc.reason) {
				t.Errorf("got %q, want line %d: …%s…", err, tc.line, tc.reason)
			}
		})
	}
}

// TestResponseRecorder checks handlers through httptest.ResponseRecorder:
// the Date rule is left to net/http's server, the rest applies.
func TestResponseRecorder(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name    string
		method  string
		handler http.HandlerFunc
		want    []string
	}{
		{"ok/plain", "GET", func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "hi") }, nil},
		{"ok/405", "POST", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Allow", "GET, HEAD")
			w.WriteHeader(http.StatusMethodNotAllowed)
		}, nil},
		{"bad/405-no-allow", "POST", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(405) }, []string{"405-allow"}},
		{"bad/204-content", "GET", func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(204)
			io.WriteString(w, "x") // the recorder keeps what a server would drop
		}, []string{"no-content-204"}},
		{"bad/length", "GET", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Length", "10")
			io.WriteString(w, "short")
		}, []string{"content-length-matches"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			req := httptest.NewRequest(tc.method, "/", nil)
			rec := httptest.NewRecorder()
			tc.handler(rec, req)
			resp := rec.Result()
			rep, err := Response(resp, req)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, f := range rep.Violations() {
				got = append(got, f.Rule)
			}
			if strings.Join(got, " ") != strings.Join(tc.want, " ") {
				t.Errorf("violations %v, want %v\n%s", got, tc.want, findingsText(rep))
			}
			// The body is still there to read.
			if b, _ := io.ReadAll(resp.Body); len(b) != rec.Body.Len() {
				t.Errorf("body after the check: %d bytes, want %d", len(b), rec.Body.Len())
			}
		})
	}
}

// TestResponseShortBody reports a body that ends before its Content-Length.
func TestResponseShortBody(t *testing.T) {
	t.Parallel()
	resp := &http.Response{
		StatusCode: 200,
		Header:     http.Header{"Content-Length": {"10"}, "Date": {"Mon, 23 Nov 2026 09:14:02 GMT"}},
		Body:       io.NopCloser(io.MultiReader(strings.NewReader("short"), iotest.ErrReader(io.ErrUnexpectedEOF))),
		Request:    httptest.NewRequest("GET", "/", nil),
	}
	rep, err := Response(resp, nil)
	if err != nil {
		t.Fatal(err)
	}
	if v := rep.Violations(); len(v) != 1 || v[0].Rule != "content-length-matches" {
		t.Errorf("violations %v, want content-length-matches", v)
	}
	if _, err := Response(nil, nil); err == nil {
		t.Error("Response(nil) succeeded")
	}
}

// TestTestResponse checks that the helper fails a test exactly on MUST
// violations.
func TestTestResponse(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name   string
		raw    string
		errors int
	}{
		{"ok/should-only", "HTTP/1.1 301 Moved Permanently\nDate: Mon, 23 Nov 2026 09:14:02 GMT\n\n", 0},
		{"bad/two-musts", "HTTP/1.1 426 Upgrade Required\nDate: Mon, 23 Nov 2026 09:14:02 GMT\n\n", 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			resps, err := ParseResponse([]byte(tc.raw), nil)
			if err != nil {
				t.Fatal(err)
			}
			resp := resps[len(resps)-1]
			resp.Request = httptest.NewRequest("GET", "/", nil)
			rec := &recordingTB{}
			TestResponse(rec, resp, nil)
			if rec.errors != tc.errors || rec.logs+rec.errors == 0 {
				t.Errorf("%d errors and %d logs, want %d errors", rec.errors, rec.logs, tc.errors)
			}
		})
	}
}

type recordingTB struct {
	testing.TB
	errors, logs int
}

func (r *recordingTB) Helper()               {}
func (r *recordingTB) Errorf(string, ...any) { r.errors++ }
func (r *recordingTB) Logf(string, ...any)   { r.logs++ }

// TestFindingsOrder checks worst first.
func TestFindingsOrder(t *testing.T) {
	t.Parallel()
	rep, err := Raw([]byte("HTTP/1.1 200 OK\nContent-Type: text/plain\n\nhi\n"), &http.Request{Method: "GET"})
	if err != nil {
		t.Fatal(err)
	}
	last := 3
	for _, f := range rep.Findings {
		if s := f.Requirement.Strength(); s > last {
			t.Errorf("%s after a weaker finding", f.Rule)
		} else {
			last = s
		}
	}
	if len(rep.Findings) < 3 {
		t.Errorf("want MUST, SHOULD and MAY findings, got\n%s", findingsText(rep))
	}
}

func TestGrammars(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		header, value string
		ok            bool
	}{
		{"Retry-After", "0", true},
		{"Retry-After", "-1", false},
		{"Retry-After", "1.5", false},
		{"Retry-After", "Fri, 31 Dec 1999 23:59:59 GMT", true},
		{"Retry-After", "Friday, 31-Dec-99 23:59:59 GMT", false},
		{"Location", "", true},
		{"Location", "//cdn.example/a", true},
		{"Location", "https://例え.jp/", false},
		{"Location", "/a%2Fb", true},
		{"Location", "/a%zz", false},
		{"Location", "/a\\b", false},
		{"Allow", "", true},
		{"Allow", "GET,HEAD , OPTIONS", true},
		{"Allow", "GET HEAD", false},
		{"Content-Range", "bytes 0-0/1", true},
		{"Content-Range", "bytes 0-0/*", true},
		{"Content-Range", "bytes */0", true},
		{"Content-Range", "bytes 0-1/1", false},
		{"Content-Range", "bytes */*", false},
		{"Content-Range", "items 0-9/100", true},
		{"Content-Range", "bytes", false},
		{"Content-Length", "0", true},
		{"Content-Length", "42, 42", true},
		{"Content-Length", "-1", false},
		{"Content-Length", "", false},
		{"Www-Authenticate", `Basic realm="a \"quoted\" realm"`, true},
		{"Www-Authenticate", "Bearer", true},
		{"Www-Authenticate", "Bearer mF_9.B5f-4.1JqM", true},
		{"Www-Authenticate", `Digest realm="x", qop="auth, auth-int", nonce="abc", Basic realm="y"`, true},
		{"Www-Authenticate", `Basic realm="x"garbage`, false},
		{"Www-Authenticate", `Basic realm=`, true}, // a token68
		{"Www-Authenticate", `Basic realm="x", a=`, false},
		{"Www-Authenticate", `Basic ,`, true},
		{"Www-Authenticate", "", false},
		{"Www-Authenticate", `"Basic"`, false},
		{"Date", "Mon, 23 Nov 2026 09:14:02 GMT", true},
		{"Date", "Mon, 23 Nov 2026 09:14:02 UTC", false},
		{"Date", "Mon, 23 Nov 2026 9:14:02 GMT", false},
	} {
		t.Run(tc.header+"/"+tc.value, func(t *testing.T) {
			msg := grammars[tc.header]([]string{tc.value})
			if (msg == "") != tc.ok {
				t.Errorf("%s: %q: got %q, want ok=%v", tc.header, tc.value, msg, tc.ok)
			}
		})
	}
}

// TestOptionsFull checks the rules of 206 and 304 that depend on what a 200
// would carry.
func TestOptionsFull(t *testing.T) {
	t.Parallel()
	full := http.Header{"Etag": {`"v1"`}, "Cache-Control": {"max-age=60"}, "Vary": {"Accept"}, "Date": {"Mon, 23 Nov 2026 09:14:02 GMT"}}
	for _, tc := range []struct {
		name string
		raw  string
		full http.Header
		want string
	}{
		{"ok/304-without-full", "HTTP/1.1 304 Not Modified\nDate: Mon, 23 Nov 2026 09:14:02 GMT\n\n", nil, ""},
		{"bad/304", "HTTP/1.1 304 Not Modified\nDate: Mon, 23 Nov 2026 09:14:02 GMT\nETag: \"v1\"\n\n", full, "304-cache-control 304-vary"},
		{"ok/304", "HTTP/1.1 304 Not Modified\nDate: Mon, 23 Nov 2026 09:14:02 GMT\nETag: \"v1\"\nCache-Control: max-age=60\nVary: Accept\n\n", full, ""},
		{"bad/206", "HTTP/1.1 206 Partial Content\nDate: Mon, 23 Nov 2026 09:14:02 GMT\nContent-Range: bytes 0-0/5\nContent-Length: 1\n\na", full, "206-etag 206-cache-control 206-vary"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			resps, err := ParseResponse([]byte(tc.raw), nil)
			if err != nil {
				t.Fatal(err)
			}
			req := httptest.NewRequest("GET", "/", nil)
			resp := resps[0]
			resp.Request = req
			rep, err := Options{Full: tc.full}.Response(resp, req)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, f := range rep.Violations() {
				got = append(got, f.Rule)
			}
			if strings.Join(got, " ") != tc.want {
				t.Errorf("violations %v, want %s\n%s", got, tc.want, findingsText(rep))
			}
		})
	}
}
