package problem_test

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/httpstatus/httpstatus"
	"github.com/httpstatus/httpstatus/check"
	"github.com/httpstatus/httpstatus/problem"
)

// samples are values a caller would give the header fields the catalogue
// says a code MUST carry. Write never makes these up; the test plays the
// caller. Connection is left out: Write derives it from Upgrade.
var samples = map[string]string{
	"WWW-Authenticate":   `Bearer realm="api"`,
	"Proxy-Authenticate": `Basic realm="proxy"`,
	"Allow":              "PUT, DELETE", // not the method refused
	"Upgrade":            "TLS/1.3",
	"Ms-Echo-Request":    "7",
}

// TestCheckPassesEveryResponse sends, over a real connection, the problem
// the Writer writes for every code from 400 to 599 in the catalogue, in
// every negotiated form, to GET and to HEAD, and holds the raw response to
// package check: it must break no MUST or MUST NOT. Without the caller's
// header fields, Write must report exactly what check finds missing.
func TestCheckPassesEveryResponse(t *testing.T) {
	var codes []int
	for _, e := range httpstatus.All() {
		if e.Code >= 400 && e.Code <= 599 && (len(codes) == 0 || codes[len(codes)-1] != e.Code) {
			codes = append(codes, e.Code)
		}
	}
	if len(codes) < 40 {
		t.Fatalf("only %d codes from 400 to 599 in the catalogue", len(codes))
	}
	for _, code := range codes {
		for _, r := range httpstatus.Headers(code) {
			if r.Requirement == httpstatus.Must && r.When == "" && r.Name != "Connection" && samples[r.Name] == "" {
				t.Fatalf("%d MUST carry %s: add a sample value for it to this test", code, r.Name)
			}
		}
	}

	errs := make(chan error, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		code, _ := strconv.Atoi(r.URL.Query().Get("code"))
		if r.URL.Query().Has("headers") {
			for _, rule := range httpstatus.Headers(code) {
				if v := samples[rule.Name]; v != "" && rule.Requirement == httpstatus.Must {
					w.Header().Set(rule.Name, v)
				}
			}
		}
		err := problem.Writer{BaseURL: "https://httpstatus.example/", Language: "en"}.Write(w, r, problem.Problem{
			Status:     code,
			Detail:     "what went wrong, for " + r.Method,
			Extensions: map[string]any{"trace_id": "abc123"},
		})
		select {
		case errs <- err:
		default:
		}
	}))
	defer srv.Close()

	accepts := map[string]string{
		"application/problem+json": "application/problem+json",
		"application/json":         "application/json",
		"text/plain":               "text/plain; charset=utf-8",
	}
	for _, code := range codes {
		for accept, wantType := range accepts {
			for _, method := range []string{"GET", "HEAD"} {
				name := fmt.Sprintf("%d/%s/%s", code, accept, method)
				raw := exchange(t, srv.Listener.Addr().String(), method, "/?headers&code="+strconv.Itoa(code), accept)
				if err := <-errs; err != nil {
					t.Errorf("%s: Write: %v", name, err)
				}
				req := &http.Request{Method: method, Header: http.Header{"Accept": {accept}}}
				rep, err := check.Raw(raw, req)
				if err != nil {
					t.Fatalf("%s: check.Raw: %v\n%s", name, err, raw)
				}
				if rep.Status != code {
					t.Errorf("%s: status %d", name, rep.Status)
				}
				for _, f := range rep.Violations() {
					t.Errorf("%s: %s", name, f)
				}
				resp, err := http.ReadResponse(bufio.NewReader(strings.NewReader(string(raw))), &http.Request{Method: method})
				if err != nil {
					t.Fatalf("%s: %v", name, err)
				}
				if ct := resp.Header.Get("Content-Type"); ct != wantType {
					t.Errorf("%s: Content-Type %q, want %q", name, ct, wantType)
				}
				if method == "GET" && accept != "text/plain" {
					p, err := problem.Read(resp)
					if err != nil {
						t.Fatalf("%s: Read: %v", name, err)
					}
					if p.Status != code || p.Title != problem.Title(code) || p.Type != "https://httpstatus.example/"+strconv.Itoa(code) || p.Extensions["trace_id"] != "abc123" {
						t.Errorf("%s: read back %+v", name, p)
					}
				}
			}
		}

		// Without the fields, Write says what check finds missing.
		raw := exchange(t, srv.Listener.Addr().String(), "GET", "/?code="+strconv.Itoa(code), "*/*")
		werr := <-errs
		rep, err := check.Raw(raw, &http.Request{Method: "GET"})
		if err != nil {
			t.Fatal(err)
		}
		var missing []string
		for _, f := range rep.Violations() {
			missing = append(missing, f.Header)
		}
		var he *problem.HeaderError
		var reported []string
		if errors.As(werr, &he) {
			for _, r := range he.Rules {
				reported = append(reported, r.Name)
			}
		}
		if strings.Join(missing, ",") != strings.Join(reported, ",") {
			t.Errorf("%d without header fields: check finds %q missing, Write reported %q (%v)", code, missing, reported, werr)
		}
	}
}

// exchange sends one request on a new connection, kept alive so that the
// server writes the header section as a handler left it, and returns the
// raw bytes of the response.
func exchange(t *testing.T, addr, method, target, accept string) []byte {
	t.Helper()
	conn, err := net.DialTimeout("tcp", addr, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(10 * time.Second))
	fmt.Fprintf(conn, "%s %s HTTP/1.1\r\nHost: test\r\nAccept: %s\r\n\r\n", method, target, accept)
	var raw bytes.Buffer
	resp, err := http.ReadResponse(bufio.NewReader(io.TeeReader(conn, &raw)), &http.Request{Method: method})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(io.Discard, resp.Body); err != nil {
		t.Fatal(err)
	}
	return raw.Bytes()
}
