package endpoint

import (
	"bufio"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/textproto"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/httpstatus/httpstatus/problem"
)

// newServer serves the endpoint under /status/ for one test.
func newServer(t *testing.T, cfg Config) *httptest.Server {
	t.Helper()
	mux := http.NewServeMux()
	prefix := cfg.Prefix
	if prefix == "" {
		prefix = DefaultPrefix
	}
	mux.Handle(prefix, New(cfg))
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

// newClient returns a client of srv that does not follow redirects and
// gives up after a generous timeout.
func newClient(srv *httptest.Server) *http.Client {
	c := *srv.Client()
	c.Timeout = 20 * time.Second
	c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	return &c
}

// do sends one request and reads the whole response.
func do(t *testing.T, c *http.Client, method, url string, hdr http.Header) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	for k, vs := range hdr {
		req.Header[k] = vs
	}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, url, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("%s %s: reading the body: %v", method, url, err)
	}
	return resp, body
}

// checkProblem checks that a response is an error of the endpoint: status,
// problem+json and a detail that holds want.
func checkProblem(t *testing.T, resp *http.Response, body []byte, status int, want string) {
	t.Helper()
	if resp.StatusCode != status {
		t.Fatalf("status %d, want %d; body %s", resp.StatusCode, status, body)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "application/problem+json" {
		t.Errorf("Content-Type %q, want application/problem+json", ct)
	}
	if resp.Header.Get("Access-Control-Allow-Origin") != "*" {
		t.Errorf("an error lacks Access-Control-Allow-Origin: *")
	}
	if resp.Request.Method == http.MethodHead {
		return
	}
	var p problem.Problem
	if err := json.Unmarshal(body, &p); err != nil {
		t.Fatalf("body %s: %v", body, err)
	}
	if p.Status != status || p.Title == "" {
		t.Errorf("problem %+v: want status %d and a title", p, status)
	}
	if !strings.Contains(p.Detail, want) {
		t.Errorf("detail %q does not say %q", p.Detail, want)
	}
}

// checkExposed checks that every header a script needs to see is exposed.
func checkExposed(t *testing.T, h http.Header) {
	t.Helper()
	if got := h.Get("Access-Control-Allow-Origin"); got != "*" {
		t.Errorf("Access-Control-Allow-Origin %q, want *", got)
	}
	var exposed []string
	for _, n := range strings.Split(h.Get("Access-Control-Expose-Headers"), ",") {
		exposed = append(exposed, http.CanonicalHeaderKey(strings.TrimSpace(n)))
	}
	for name := range h {
		if name == "Date" || name == "X-Content-Type-Options" || slices.Contains(safelisted, name) || strings.HasPrefix(name, "Access-Control-") {
			continue
		}
		if !slices.Contains(exposed, name) {
			t.Errorf("%s is not in Access-Control-Expose-Headers %q", name, h.Get("Access-Control-Expose-Headers"))
		}
	}
}

// A rawConn is a client connection that reads responses line by line.
type rawConn struct {
	net.Conn
	r *textproto.Reader
	b *bufio.Reader
}

// dialRaw opens a TCP connection to srv and sends request as is.
func dialRaw(t *testing.T, srv *httptest.Server, request string) *rawConn {
	t.Helper()
	conn, err := net.DialTimeout("tcp", srv.Listener.Addr().String(), 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	conn.SetDeadline(time.Now().Add(20 * time.Second)) //nolint:errcheck // a failed read reports it
	if _, err := io.WriteString(conn, request); err != nil {
		t.Fatal(err)
	}
	b := bufio.NewReader(conn)
	return &rawConn{Conn: conn, r: textproto.NewReader(b), b: b}
}

// head reads one status line and its header block.
func (c *rawConn) head(t *testing.T) (string, textproto.MIMEHeader) {
	t.Helper()
	line, err := c.r.ReadLine()
	if err != nil {
		t.Fatalf("reading a status line: %v", err)
	}
	h, err := c.r.ReadMIMEHeader()
	if err != nil {
		t.Fatalf("reading the header after %q: %v", line, err)
	}
	return line, h
}
