package endpoint

import (
	"fmt"
	"github.com/httpstatus/httpstatus/internal/httpsyntax"
	"io"
	"net/http"
	"net/http/httptrace"
	"net/textproto"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/httpstatus/httpstatus"
)

// interimHeaders returns the headers the rules of an interim code call for
// that the endpoint fills.
func interimHeaders(code int) []string {
	var out []string
	for _, rule := range httpstatus.Headers(code) {
		if forbids(rule.Requirement) {
			continue
		}
		for _, n := range ruleNames(rule.Name) {
			if n = http.CanonicalHeaderKey(n); slices.Contains(filled, n) {
				out = append(out, n)
			}
		}
	}
	return out
}

// TestInterimRaw reads interim responses line by line from a TCP connection,
// then the final response, then checks the connection still serves a
// second request.
func TestInterimRaw(t *testing.T) {
	t.Parallel()
	srv := newServer(t, Config{})
	for _, tc := range []struct {
		name, method, target, proto, extra string
		interim                            []int
		final                              int
	}{
		{"100", "GET", "/status/100", "HTTP/1.1", "", []int{100}, 200},
		{"102-then-404", "GET", "/status/102?then=404", "HTTP/1.1", "", []int{102}, 404},
		{"103-then-201", "GET", "/status/103?then=201", "HTTP/1.1", "", []int{103}, 201},
		{"103-head", "HEAD", "/status/103", "HTTP/1.1", "", []int{103}, 200},
		{"103-sleep", "GET", "/status/103?sleep=5&then=503", "HTTP/1.1", "", []int{103}, 503},
		{"199-unassigned", "GET", "/status/199", "HTTP/1.1", "", []int{199}, 200},
		{"100-expect", "POST", "/status/100?then=202", "HTTP/1.1", "Expect: 100-continue\r\nContent-Length: 4\r\n", []int{100}, 202},
		{"http10-no-interim", "GET", "/status/103?then=204", "HTTP/1.0", "", nil, 204},
	} {
		t.Run("ok/"+tc.name, func(t *testing.T) {
			t.Parallel()
			req := fmt.Sprintf("%s %s %s\r\nHost: test\r\n%s\r\n", tc.method, tc.target, tc.proto, tc.extra)
			if strings.Contains(tc.extra, "Content-Length: 4") {
				req += "ping"
			}
			c := dialRaw(t, srv, req)
			for _, code := range tc.interim {
				line, h := c.head(t)
				if want := fmt.Sprintf("HTTP/1.1 %d ", code); !strings.HasPrefix(line, want) && line != strings.TrimSpace(want) {
					t.Fatalf("status line %q, want an interim %q", line, want)
				}
				if h.Get("Content-Length") != "" {
					t.Errorf("an interim response has Content-Length %q", h.Get("Content-Length"))
				}
				for _, name := range interimHeaders(code) {
					if h.Get(name) == "" {
						t.Errorf("the interim %d lacks %s, which its rules call for", code, name)
					}
				}
			}
			resp, err := http.ReadResponse(c.b, &http.Request{Method: tc.method})
			if err != nil {
				t.Fatalf("reading the final response: %v", err)
			}
			body, err := io.ReadAll(resp.Body)
			if err != nil {
				t.Fatal(err)
			}
			if resp.StatusCode != tc.final {
				t.Fatalf("final status %d, want %d", resp.StatusCode, tc.final)
			}
			if tc.method == "HEAD" && len(body) > 0 {
				t.Errorf("a HEAD response has a body")
			}
			if tc.proto == "HTTP/1.0" {
				return // the server closes an HTTP/1.0 connection
			}
			// The framing was right: the connection serves another request.
			io.WriteString(c, "GET /status/418 HTTP/1.1\r\nHost: test\r\n\r\n") //nolint:errcheck // the read reports it
			resp, err = http.ReadResponse(c.b, nil)
			if err != nil {
				t.Fatalf("a second request on the connection: %v", err)
			}
			resp.Body.Close()
			if resp.StatusCode != http.StatusTeapot {
				t.Errorf("second request: status %d, want 418", resp.StatusCode)
			}
		})
	}
}

// TestInterimClient checks that net/http's client sees the interim
// responses, and the final one after them.
func TestInterimClient(t *testing.T) {
	t.Parallel()
	srv := newServer(t, Config{})
	c := newClient(srv)
	for _, tc := range []struct {
		query string
		code  int
		final int
	}{
		{"", 100, 200}, {"", 102, 200}, {"", 103, 200}, {"?then=404", 103, 404}, {"?then=302", 102, 302},
	} {
		t.Run(fmt.Sprintf("ok/%d%s", tc.code, tc.query), func(t *testing.T) {
			t.Parallel()
			var got []int
			var hints textproto.MIMEHeader
			trace := &httptrace.ClientTrace{Got1xxResponse: func(code int, h textproto.MIMEHeader) error {
				got = append(got, code)
				hints = h
				return nil
			}}
			req, _ := http.NewRequest(http.MethodGet, fmt.Sprintf("%s/status/%d%s", srv.URL, tc.code, tc.query), nil)
			req = req.WithContext(httptrace.WithClientTrace(req.Context(), trace))
			resp, err := c.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			io.Copy(io.Discard, resp.Body) //nolint:errcheck // only the head matters
			resp.Body.Close()
			if !slices.Equal(got, []int{tc.code}) {
				t.Errorf("interim responses %v, want [%d]", got, tc.code)
			}
			for _, name := range interimHeaders(tc.code) {
				if hints.Get(name) == "" {
					t.Errorf("the interim %d lacks %s", tc.code, name)
				}
			}
			if resp.StatusCode != tc.final {
				t.Errorf("final status %d, want %d", resp.StatusCode, tc.final)
			}
		})
	}
}

// TestSwitchingProtocolsRaw checks over TCP that 101 is sent only to a
// request that asks to upgrade, and that the connection then ends.
func TestSwitchingProtocolsRaw(t *testing.T) {
	t.Parallel()
	srv := newServer(t, Config{})
	for _, tc := range []struct {
		name, request, status, upgrade string
	}{
		{"ok/websocket", "GET /status/101 HTTP/1.1\r\nHost: t\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n", "HTTP/1.1 101 Switching Protocols", "websocket"},
		{"ok/first-offer", "GET /status/101 HTTP/1.1\r\nHost: t\r\nConnection: keep-alive, upgrade\r\nUpgrade: foo/2, bar\r\n\r\n", "HTTP/1.1 101 Switching Protocols", "foo/2"},
		{"ok/sleep", "GET /status/101?sleep=2 HTTP/1.1\r\nHost: t\r\nConnection: upgrade\r\nUpgrade: websocket\r\n\r\n", "HTTP/1.1 101 Switching Protocols", "websocket"},
		{"error/no-upgrade", "GET /status/101 HTTP/1.1\r\nHost: t\r\n\r\n", "HTTP/1.1 400 Bad Request", ""},
		{"error/no-connection", "GET /status/101 HTTP/1.1\r\nHost: t\r\nUpgrade: websocket\r\n\r\n", "HTTP/1.1 400 Bad Request", ""},
		{"error/bad-protocol", "GET /status/101 HTTP/1.1\r\nHost: t\r\nConnection: upgrade\r\nUpgrade: @@\r\n\r\n", "HTTP/1.1 400 Bad Request", ""},
		{"error/http10", "GET /status/101 HTTP/1.0\r\nHost: t\r\nConnection: upgrade\r\nUpgrade: websocket\r\n\r\n", "HTTP/1.0 400 Bad Request", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c := dialRaw(t, srv, tc.request)
			line, h := c.head(t)
			if line != tc.status {
				t.Fatalf("status line %q, want %q", line, tc.status)
			}
			if tc.upgrade == "" {
				n, _ := strconv.Atoi(h.Get("Content-Length"))
				body := make([]byte, n)
				io.ReadFull(c.b, body) //nolint:errcheck // checked below
				if !strings.Contains(string(body), "upgrade") && !strings.Contains(string(body), "Upgrade") {
					t.Errorf("the 400 does not explain: %s", body)
				}
				return
			}
			if h.Get("Upgrade") != tc.upgrade || !httpsyntax.HasToken(h.Values("Connection"), "upgrade") {
				t.Errorf("Upgrade %q, Connection %q; want Upgrade %q and Connection: upgrade", h.Get("Upgrade"), h.Get("Connection"), tc.upgrade)
			}
			rest, err := io.ReadAll(c.b)
			if err != nil || len(rest) > 0 {
				t.Errorf("after the 101: %q, %v; want the connection closed", rest, err)
			}
		})
	}
}

// TestSwitchingProtocolsClient checks that net/http's client, under a
// timeout, never hangs on 101.
func TestSwitchingProtocolsClient(t *testing.T) {
	t.Parallel()
	srv := newServer(t, Config{})
	c := newClient(srv)
	c.Timeout = 5 * time.Second
	t.Run("error/no-upgrade", func(t *testing.T) {
		t.Parallel()
		resp, body := do(t, c, http.MethodGet, srv.URL+"/status/101", nil)
		checkProblem(t, resp, body, http.StatusBadRequest, "asks to upgrade")
	})
	t.Run("error/weighted", func(t *testing.T) {
		t.Parallel()
		resp, body := do(t, c, http.MethodGet, srv.URL+"/status/101,400?seed=1", nil)
		if resp.StatusCode != http.StatusBadRequest {
			t.Errorf("status %d, want 400: %s", resp.StatusCode, body)
		}
	})
	t.Run("ok/upgrade", func(t *testing.T) {
		t.Parallel()
		resp, body := do(t, c, http.MethodGet, srv.URL+"/status/101", http.Header{
			"Connection": {"Upgrade"}, "Upgrade": {"websocket"},
		})
		if resp.StatusCode != http.StatusSwitchingProtocols || resp.Header.Get("Upgrade") != "websocket" {
			t.Errorf("status %d, Upgrade %q; want 101 and websocket", resp.StatusCode, resp.Header.Get("Upgrade"))
		}
		if len(body) > 0 {
			t.Errorf("%d bytes after the switch, want the end of the stream", len(body))
		}
	})
}
