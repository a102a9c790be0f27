package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/httpstatus/httpstatus"
	"github.com/httpstatus/httpstatus/check"
)

// runIn calls Main in-process with stdin.
func runIn(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = Main(context.Background(), args, func(string) string { return "" }, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

const date = "Date: Mon, 23 Nov 2026 09:14:02 GMT\r\n"

// TestCheckStdin checks raw responses on stdin.
func TestCheckStdin(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	reqFile := filepath.Join(dir, "req.http")
	if err := os.WriteFile(reqFile, []byte("DELETE /items/7 HTTP/1.1\nHost: example.com\n\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name   string
		stdin  string
		args   []string
		code   int
		stdout string
		stderr string
	}{
		{"ok/clean-404", "HTTP/1.1 404 Not Found\r\n" + date + "Cache-Control: no-store\r\nContent-Length: 0\r\n\r\n", nil, 0, "no findings", ""},
		{"ok/503-no-retry-after", "HTTP/1.1 503 Service Unavailable\nContent-Length: 0\n\n", nil, 0, "503 Service Unavailable", ""},
		{"ok/head", "HTTP/1.1 200 OK\r\n" + date + "Cache-Control: no-cache\r\nETag: \"1\"\r\nLast-Modified: Sun, 22 Nov 2026 09:14:02 GMT\r\nContent-Length: 900\r\n\r\n", []string{"--method", "HEAD"}, 0, "HEAD (stdin) → 200 OK", ""},
		{"ok/should-only", "HTTP/1.1 301 Moved Permanently\r\n" + date + "\r\n", nil, 0, "301-location", ""},
		{"strict/should", "HTTP/1.1 301 Moved Permanently\r\n" + date + "\r\n", []string{"--strict"}, 1, "SHOULD", "(--strict)"},
		{"bad/401", "HTTP/1.1 401 Unauthorized\r\n" + date + "\r\n", nil, 1, "401-www-authenticate", "1 MUST or MUST NOT broken"},
		{"bad/head-with-content", "HTTP/1.1 200 OK\r\n" + date + "Content-Length: 2\r\n\r\nhi", []string{"-X", "HEAD"}, 1, "content", ""},
		{"bad/405-request-file", "HTTP/1.1 405 Method Not Allowed\r\n" + date + "Allow: GET, DELETE\r\n\r\n", []string{"--request", reqFile}, 1, "405-allow-lists-method", ""},
		{"error/not-http", "<html>hello</html>", nil, 2, "", "line 1: not a status line"},
		{"error/where", "HTTP/1.1 200 OK\nDate: x\nbroken line\n\n", nil, 2, "", "line 3: header line without a colon"},
		{"error/empty", "", nil, 2, "", "no status line"},
		{"error/too-big", "HTTP/1.1 200 OK\n\n" + strings.Repeat("x", check.MaxSize), nil, 2, "", "more than"},
		{"error/method", "HTTP/1.1 200 OK\n\n", []string{"--method", "GE T"}, 2, "", "not a method name"},
		{"error/both", "HTTP/1.1 200 OK\n\n", []string{"--method", "GET", "--request", reqFile}, 2, "", "not both"},
		{"error/request-missing", "HTTP/1.1 200 OK\n\n", []string{"--request", filepath.Join(dir, "nope")}, 2, "", "--request"},
		{"error/url-flag", "HTTP/1.1 200 OK\n\n", []string{"--follow"}, 2, "", "--follow applies to a URL"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			args := append([]string{"check"}, tc.args...)
			code, out, errs := runIn(t, tc.stdin, append(args, "-")...)
			if code != tc.code {
				t.Errorf("exit %d, want %d\nstdout: %s\nstderr: %s", code, tc.code, out, errs)
			}
			if !strings.Contains(out, tc.stdout) {
				t.Errorf("stdout lacks %q:\n%s", tc.stdout, out)
			}
			if !strings.Contains(errs, tc.stderr) {
				t.Errorf("stderr lacks %q: %q", tc.stderr, errs)
			}
			if tc.code == 2 && (out != "" || strings.Count(strings.TrimSpace(errs), "\n") > 0) {
				t.Errorf("a usage error is one line on stderr and nothing on stdout; got %q and %q", out, errs)
			}
			if tc.code == 0 && errs != "" {
				t.Errorf("stderr on success: %q", errs)
			}
		})
	}
}

// TestCheckUsage checks the mode errors, which are all exit 2 with one line.
func TestCheckUsage(t *testing.T) {
	t.Parallel()
	closed := httptest.NewServer(http.NotFoundHandler())
	closed.Close()
	for _, tc := range []struct {
		name   string
		args   []string
		stderr string
	}{
		{"none", []string{"check"}, "name a URL"},
		{"two", []string{"check", "http://a", "http://b"}, "accepts at most 1 arg"},
		{"scheme", []string{"check", "ftp://example.com/"}, "not an http:// or https:// URL"},
		{"no-host", []string{"check", "http://"}, "not an http:// or https:// URL"},
		{"word", []string{"check", "example.com"}, "not an http:// or https:// URL"},
		{"data-both", []string{"check", "-d", "x", "--data-file", "f", "http://127.0.0.1:1/"}, "not both"},
		{"header", []string{"check", "-H", "NoColon", "http://127.0.0.1:1/"}, "is not 'Name: value'"},
		{"request-url", []string{"check", "--request", "f", "http://127.0.0.1:1/"}, "--request applies to a response on stdin"},
		{"har-url", []string{"check", "--har", "f", "http://127.0.0.1:1/"}, "give no URL"},
		{"har-flag", []string{"check", "--har", "f", "--follow"}, "--follow does not apply to --har"},
		{"har-missing", []string{"check", "--har", "/nonexistent/x.har"}, "--har"},
		{"timeout", []string{"check", "--timeout", "0s", "http://127.0.0.1:1/"}, "--timeout must be positive"},
		{"method", []string{"check", "-X", "G(T", "http://127.0.0.1:1/"}, "not a method name"},
		{"refused", []string{"check", closed.URL + "/"}, "no response"},
	} {
		t.Run("error/"+tc.name, func(t *testing.T) {
			t.Parallel()
			code, out, errs := runIn(t, "", tc.args...)
			if code != 2 || out != "" || !strings.Contains(errs, tc.stderr) || strings.Count(strings.TrimSpace(errs), "\n") > 0 {
				t.Errorf("exit %d, stdout %q, stderr %q; want 2, nothing, one line with %q", code, out, errs, tc.stderr)
			}
		})
	}
}

// goodHandler answers like a careful server, through http.ServeContent:
// validators, conditional requests, ranges and HEAD.
func goodHandler(w http.ResponseWriter, r *http.Request) {
	switch r.Method {
	case http.MethodGet, http.MethodHead:
		w.Header().Set("ETag", `"v1"`)
		w.Header().Set("Cache-Control", "max-age=60")
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		http.ServeContent(w, r, "", time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC), strings.NewReader("hello, world\n"))
	case http.MethodOptions:
		w.Header().Set("Allow", "GET, HEAD, OPTIONS")
		w.WriteHeader(http.StatusNoContent)
	default:
		w.Header().Set("Allow", "GET, HEAD, OPTIONS")
		w.WriteHeader(http.StatusMethodNotAllowed)
	}
}

func TestCheckURL(t *testing.T) {
	t.Parallel()
	var hits atomic.Int64
	mux := http.NewServeMux()
	mux.HandleFunc("/good", func(w http.ResponseWriter, r *http.Request) { hits.Add(1); goodHandler(w, r) })
	mux.HandleFunc("/no-challenge", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(401) })
	mux.HandleFunc("/echo", func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		w.Header().Set("Cache-Control", "no-store")
		// 201 when the request carries what -X, -H and -d asked for.
		if r.Method == http.MethodPut && (r.Header.Get("X-Test") != "yes" || string(b) != "payload") ||
			r.Method == http.MethodPost && string(b) != "x" {
			w.WriteHeader(http.StatusBadRequest)
			return
		}
		w.WriteHeader(http.StatusCreated)
	})
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-time.After(5 * time.Second):
		case <-r.Context().Done():
		}
	})
	mux.HandleFunc("/gzip", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Encoding", "gzip")
		w.Header().Set("Content-Length", "3") // the client must see the encoded length
		w.Header().Set("Cache-Control", "no-store")
		w.Write([]byte{1, 2, 3})
	})
	mux.HandleFunc("/loop/a", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop/b", http.StatusFound) })
	mux.HandleFunc("/loop/b", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop/a", http.StatusFound) })
	mux.HandleFunc("/hop/{n}", func(w http.ResponseWriter, r *http.Request) {
		var n int
		fmt.Sscan(r.PathValue("n"), &n)
		http.Redirect(w, r, fmt.Sprintf("/hop/%d", n+1), http.StatusTemporaryRedirect)
	})
	mux.HandleFunc("/old", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/echo", http.StatusMovedPermanently)
	})
	mux.HandleFunc("/moved", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/echo", http.StatusPermanentRedirect)
	})
	mux.HandleFunc("/sloppy", func(w http.ResponseWriter, r *http.Request) {
		// Ignores conditions and ranges, takes any method, drops fields on HEAD.
		w.Header().Set("Cache-Control", "max-age=60")
		w.Header().Set("ETag", `"s1"`)
		if r.Method != http.MethodHead {
			w.Header().Set("X-Feature", "1")
		}
		w.Header().Set("Content-Length", "5")
		if r.Method == http.MethodHead {
			w.Header().Set("Content-Length", "9")
		}
		w.WriteHeader(200)
		if r.Method != http.MethodHead {
			io.WriteString(w, "sloop")
		}
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)

	for _, tc := range []struct {
		name   string
		args   []string
		code   int
		stdout []string
		stderr string
	}{
		{"ok/good", []string{srv.URL + "/good"}, 0, []string{"GET " + srv.URL + "/good → 200 OK"}, ""},
		{"ok/encoded-length", []string{srv.URL + "/gzip"}, 0, []string{"→ 200 OK"}, ""},
		{"bad/401", []string{srv.URL + "/no-challenge"}, 1, []string{"MUST       401-www-authenticate"}, "1 MUST or MUST NOT broken"},
		{"ok/method-headers-data", []string{"-X", "PUT", "-H", "X-Test: yes", "-d", "payload", srv.URL + "/echo"}, 0, []string{"PUT " + srv.URL + "/echo → 201 Created"}, ""},
		{"ok/data-means-post", []string{"-d", "x", srv.URL + "/echo"}, 0, []string{"POST "}, ""},
		{"error/timeout", []string{"--timeout", "100ms", srv.URL + "/slow"}, 2, nil, "no response"},
		{"bad/interim", []string{rawServer(t, "HTTP/1.1 103 Early Hints\r\nLink: </a.css>; rel=preload\r\nContent-Length: 0\r\n\r\n"+
			"HTTP/1.1 200 OK\r\n"+date+"Cache-Control: no-store\r\nContent-Length: 2\r\n\r\nok")}, 1, []string{"103-content-length", "in the interim 103 response"}, ""},
		{"bad/short", []string{rawServer(t, "HTTP/1.1 200 OK\r\n"+date+"Cache-Control: no-store\r\nContent-Length: 10\r\n\r\nshort")}, 1, []string{"content-length-matches", "ended sooner"}, ""},
		{"ok/loop", []string{"--follow", srv.URL + "/loop/a"}, 0, []string{"redirect-loop", "→ 302 Found"}, ""},
		{"strict/loop", []string{"--follow", "--strict", srv.URL + "/loop/a"}, 1, []string{"redirect-loop"}, "(--strict)"},
		{"ok/too-long", []string{"--follow", srv.URL + "/hop/0"}, 0, []string{"redirect-too-long", "/hop/10 → 307"}, ""},
		{"ok/post-to-get", []string{"--follow", "-d", "x", srv.URL + "/old"}, 0, []string{"redirect-post-to-get", "GET " + srv.URL + "/echo → 201"}, ""},
		{"ok/post-kept", []string{"--follow", "-d", "x", srv.URL + "/moved"}, 0, []string{"POST " + srv.URL + "/echo → 201"}, ""},
		{"ok/probe-good", []string{"--probe", srv.URL + "/good"}, 0, []string{"probe: If-None-Match: \"v1\" GET", "→ 304 Not Modified", "→ 206 Partial Content", "→ 416 Requested Range Not Satisfiable", "probe: OPTIONS", "probe: HTTPSTATUS-PROBE", "→ 405 Method Not Allowed", "probe: HEAD"}, ""},
		{"bad/probe-sloppy", []string{"--probe", srv.URL + "/sloppy"}, 1, []string{"conditional-get", "unknown-method", "head-same-fields", "head-content-length", "X-Feature"}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			code, out, errs := runIn(t, "", append([]string{"check"}, tc.args...)...)
			if code != tc.code {
				t.Errorf("exit %d, want %d\nstdout: %s\nstderr: %s", code, tc.code, out, errs)
			}
			for _, s := range tc.stdout {
				if !strings.Contains(out, s) {
					t.Errorf("stdout lacks %q:\n%s", s, out)
				}
			}
			if !strings.Contains(errs, tc.stderr) {
				t.Errorf("stderr lacks %q: %q", tc.stderr, errs)
			}
		})
	}

	// The probes stay within their budget: at most 10 requests in all.
	before := hits.Load()
	if code, _, errs := runIn(t, "", "check", "--probe", srv.URL+"/good"); code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if n := hits.Load() - before; n > 10 || n < 7 {
		t.Errorf("--probe sent %d requests, want 7 to 10", n)
	}
}

// rawServer answers every connection on loopback with the bytes of raw,
// then closes it, so that tests can send what net/http's server would not.
func rawServer(t *testing.T, raw string) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				c.SetDeadline(time.Now().Add(5 * time.Second)) //nolint:errcheck // a failed read below is as good
				buf := make([]byte, 4096)
				c.Read(buf)            //nolint:errcheck // the request head, in one read on loopback; its content does not matter
				io.WriteString(c, raw) //nolint:errcheck // the client has gone; nothing to do
			}()
		}
	}()
	return "http://" + ln.Addr().String() + "/"
}

// TestCheckJSON checks the JSON of one response (an object) and of several
// (an array).
func TestCheckJSON(t *testing.T) {
	t.Parallel()
	mux := http.NewServeMux()
	mux.HandleFunc("/a", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/b", http.StatusMovedPermanently) })
	mux.HandleFunc("/b", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusMethodNotAllowed) })
	srv := httptest.NewServer(mux)
	defer srv.Close()

	code, out, _ := runIn(t, "HTTP/1.1 401 Unauthorized\r\n"+date+"\r\n", "check", "--json", "-")
	var one map[string]json.RawMessage
	if err := json.Unmarshal([]byte(out), &one); err != nil || code != 1 {
		t.Fatalf("exit %d, not an object: %v\n%s", code, err, out)
	}
	var rep check.Report
	if err := json.Unmarshal([]byte(out), &rep); err != nil || rep.Status != 401 || rep.Method != "GET" || len(rep.Findings) != 1 {
		t.Fatalf("report %+v, %v", rep, err)
	}
	var finding map[string]any
	json.Unmarshal(bytes.TrimSpace(one["findings"])[1:len(bytes.TrimSpace(one["findings"]))-1], &finding)
	for _, k := range []string{"rule", "requirement", "header", "message", "spec", "spec_url"} {
		if _, ok := finding[k]; !ok {
			t.Errorf("a finding lacks %q: %v", k, finding)
		}
	}
	if len(finding) != 6 {
		t.Errorf("a finding has %d fields, want 6: %v", len(finding), finding)
	}

	code, out, _ = runIn(t, "", "check", "--json", "--follow", srv.URL+"/a")
	var many []check.Report
	if err := json.Unmarshal([]byte(out), &many); err != nil {
		t.Fatalf("not an array: %v\n%s", err, out)
	}
	if code != 1 || len(many) != 2 || many[0].Status != 301 || many[1].Status != 405 || many[1].Findings[0].Rule != "405-allow" {
		t.Errorf("exit %d, reports %+v", code, many)
	}
}

// TestCheckDowngrade follows an https URL that redirects to http.
func TestCheckDowngrade(t *testing.T) {
	plain := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		io.WriteString(w, "ok")
	}))
	defer plain.Close()
	tlsSrv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, plain.URL+"/landing", http.StatusFound)
	}))
	defer tlsSrv.Close()
	testRoots.Store(tlsSrv.Client().Transport.(*http.Transport).TLSClientConfig.RootCAs)
	defer testRoots.Store(nil)

	code, out, errs := runIn(t, "", "check", "--follow", tlsSrv.URL+"/start")
	if code != 0 || !strings.Contains(out, "redirect-downgrade") || !strings.Contains(out, "GET "+plain.URL+"/landing → 200 OK") {
		t.Errorf("exit %d\n%s%s", code, out, errs)
	}
}

// TestCheckHAR checks every entry of a HAR file.
func TestCheckHAR(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := write("good.har", `{"log": {"entries": [
	  {"request": {"method": "GET", "url": "https://example.com/", "httpVersion": "h2", "headers": [{"name": ":path", "value": "/"}]},
	   "response": {"status": 200, "httpVersion": "h2", "headers": [{"name": "date", "value": "Mon, 23 Nov 2026 09:14:02 GMT"}, {"name": "content-length", "value": "12"}, {"name": "content-encoding", "value": "gzip"}],
	    "content": {"size": 40, "text": "decoded text, longer than 12 bytes"}}},
	  {"request": {"method": "DELETE", "url": "https://example.com/x", "headers": []},
	   "response": {"status": 405, "headers": [{"name": "Date", "value": "Mon, 23 Nov 2026 09:14:02 GMT"}, {"name": "Allow", "value": ""}], "content": {"size": 0}}},
	  {"request": {"method": "GET", "url": "https://blocked.example/", "headers": []}, "response": {"status": 0, "headers": [], "content": {}}}
	]}}`)
	bad := write("bad.har", `{"log": {"entries": [
	  {"request": {"method": "GET", "url": "https://example.com/me", "headers": []},
	   "response": {"status": 401, "headers": [{"name": "Date", "value": "Mon, 23 Nov 2026 09:14:02 GMT"}], "content": {"size": 0}}}
	]}}`)
	notHAR := write("not.har", `{"entries": 3}`)
	broken := write("broken.har", `{"log": `)

	code, out, errs := runIn(t, "", "check", "--har", good)
	if code != 0 || !strings.Contains(out, "DELETE https://example.com/x → 405") || !strings.Contains(errs, "1 entries without a response skipped") {
		t.Errorf("good: exit %d\n%s%s", code, out, errs)
	}
	code, out, _ = runIn(t, "", "check", "--har", bad, "--json")
	var reps []check.Report
	if err := json.Unmarshal([]byte(out), &reps); err != nil || code != 1 || len(reps) != 1 || reps[0].Findings[0].Rule != "401-www-authenticate" {
		t.Errorf("bad: exit %d, %v\n%s", code, err, out)
	}
	for _, f := range []string{notHAR, broken} {
		if code, _, errs := runIn(t, "", "check", "--har", f); code != 2 || !strings.Contains(errs, "--har") {
			t.Errorf("%s: exit %d, %q", f, code, errs)
		}
	}
}

// TestChainRulesExist checks that every rule the command reports by id is
// in the catalogue.
func TestChainRulesExist(t *testing.T) {
	t.Parallel()
	ids := map[string]bool{}
	for _, r := range httpstatus.Rules() {
		ids[r.ID] = true
	}
	src, err := os.ReadFile("check_url.go")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, part := range strings.Split(string(src), `chainFinding("`)[1:] {
		id, _, _ := strings.Cut(part, `"`)
		n++
		if !ids[id] {
			t.Errorf("check_url.go reports rule %q, which data/rules.yaml lacks", id)
		}
	}
	if n < 8 {
		t.Errorf("found only %d rule ids", n)
	}
}
