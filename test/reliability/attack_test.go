package reliability

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// exchange writes raw to a new connection to addr and reads every response
// it gets back, interim ones included, until the connection closes or want
// final responses have come.
func exchange(t *testing.T, addr, raw string, want int) []*http.Response {
	t.Helper()
	c, err := net.DialTimeout("tcp", addr, 10*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(20 * time.Second)) //nolint:errcheck // a fresh TCP connection
	if _, err := io.WriteString(c, raw); err != nil {
		t.Fatal(err)
	}
	br := bufio.NewReader(c)
	var out []*http.Response
	for finals := 0; finals < want; {
		resp, err := http.ReadResponse(br, &http.Request{Method: strings.Fields(raw)[0]})
		if err != nil {
			break
		}
		io.Copy(io.Discard, resp.Body) //nolint:errcheck // the headers matter here
		resp.Body.Close()
		out = append(out, resp)
		if resp.StatusCode >= 200 {
			finals++
		}
	}
	return out
}

// final returns the last response of rs, failing the test when there is
// none.
func final(t *testing.T, rs []*http.Response) *http.Response {
	t.Helper()
	if len(rs) == 0 {
		t.Fatal("no response")
	}
	return rs[len(rs)-1]
}

// TestAttackRun replays the attack run's findings about single requests
// (F1, F4, F6, F7, F9, F15) and some of what held, against the real binary.
func TestAttackRun(t *testing.T) {
	s := startServer(t)
	get := func(target string, hdr ...string) *http.Response {
		t.Helper()
		raw := "GET " + target + " HTTP/1.1\r\nHost: " + s.addr + "\r\nConnection: close\r\n"
		for _, h := range hdr {
			raw += h + "\r\n"
		}
		return final(t, exchange(t, s.addr, raw+"\r\n", 1))
	}
	q := func(vs ...string) string { return url.Values{"header": vs}.Encode() }

	// F1: the headers the run set, one at a time and all at once.
	f1 := []string{
		"Content-Type:text/html", "Content-Security-Policy:default-src *", "X-Frame-Options:ALLOWALL",
		"Link:<https://evil.example/x.css>;rel=stylesheet", `NEL:{"report_to":"g","max_age":31536000}`,
		`Report-To:{"group":"g"}`, `Alt-Svc:h3="evil.example:443";ma=31536000;persist=1`,
		"Cross-Origin-Opener-Policy:unsafe-none", "Referrer-Policy:unsafe-url", "X-Content-Type-Options:sniff",
		"Permissions-Policy:camera=*", `Reporting-Endpoints:g="https://evil.example/r"`, "Accept-CH:Sec-CH-UA",
		"Origin-Agent-Cluster:?0", "Service-Worker-Allowed:/", "Transfer_Encoding:chunked", // F15 too
	}
	for _, h := range append(f1, strings.Join(f1, "\x00")) {
		target := "/status/200?" + q(strings.Split(h, "\x00")...)
		if resp := get(target); resp.StatusCode != http.StatusBadRequest {
			t.Errorf("F1 %.60s: status %d, want 400", h, resp.StatusCode)
		}
	}
	if resp := get("/status/200?"+q("X-Trace:1", "Cache-Control:max-age=60"), "Accept: text/html"); resp.StatusCode != 200 ||
		resp.Header.Get("X-Trace") != "1" || resp.Header.Get("Content-Security-Policy") == "" || resp.Header.Get("X-Frame-Options") != "DENY" {
		t.Errorf("an allowed ?header=: %d %v", resp.StatusCode, resp.Header)
	}

	// F4: the final response after a 1xx keeps the security headers.
	for _, target := range []string{"/status/100", "/status/102", "/status/103", "/status/150", "/status/100?then=404"} {
		rs := exchange(t, s.addr, "GET "+target+" HTTP/1.1\r\nHost: x\r\nAccept: text/html\r\nConnection: close\r\n\r\n", 1)
		if len(rs) < 2 {
			t.Errorf("F4 %s: %d responses, want an interim and a final one", target, len(rs))
			continue
		}
		for _, name := range []string{"Content-Security-Policy", "X-Frame-Options", "Cross-Origin-Opener-Policy", "Referrer-Policy"} {
			if final(t, rs).Header.Get(name) == "" {
				t.Errorf("F4 %s: the final %d lacks %s", target, final(t, rs).StatusCode, name)
			}
		}
	}
	// Held: HTTP/1.0 never gets a 1xx.
	if rs := exchange(t, s.addr, "GET /status/103 HTTP/1.0\r\nHost: x\r\n\r\n", 1); len(rs) != 1 || rs[0].StatusCode != 200 {
		t.Errorf("HTTP/1.0 /status/103: %d responses, want one 200", len(rs))
	}

	// F6: dot segments in ?location=; held: other off-host forms.
	for _, loc := range []string{"/a/../../..//evil.com", "/..//evil.com", "/.//evil.com", "/%2e%2e%2f%2fevil.com",
		"/.%2e/%2fevil.com", "//evil.com", "/%2F%2Fevil.com", `/\evil.com`, "https:evil.com"} {
		if resp := get("/status/302?location=" + loc); resp.StatusCode != http.StatusBadRequest || resp.Header.Get("Location") != "" {
			t.Errorf("F6 location=%s: status %d, Location %q; want 400 and none", loc, resp.StatusCode, resp.Header.Get("Location"))
		}
	}
	// Held: no response splitting.
	if resp := get("/status/200?header=X-A:a%0d%0aSet-Cookie:x=1"); resp.StatusCode != 400 || resp.Header.Get("Set-Cookie") != "" {
		t.Errorf("CRLF in ?header=: status %d", resp.StatusCode)
	}

	// F7: CONNECT never gets a 2xx with content.
	for _, target := range []string{"/status/200", "/status/200,204", "/status/103"} {
		resp := final(t, exchange(t, s.addr, "CONNECT "+target+" HTTP/1.1\r\nHost: x\r\n\r\n", 1))
		if resp.StatusCode/100 == 2 {
			t.Errorf("F7 CONNECT %s: %d, want no 2xx", target, resp.StatusCode)
		}
	}

	// F9: an absolute-form target names another host: the answer is for
	// that browser only.
	resp := final(t, exchange(t, s.addr, "GET http://evil.com/opensearch.xml HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n", 1))
	if cc := resp.Header.Get("Cache-Control"); resp.StatusCode != 200 || !strings.Contains(cc, "private") || !strings.Contains(strings.Join(resp.Header.Values("Vary"), ","), "Host") {
		t.Errorf("F9: status %d, Cache-Control %q, Vary %q; want private and Vary: Host", resp.StatusCode, cc, resp.Header.Values("Vary"))
	}
}

// TestDelayedShare is the attack run's F5: one client address holds at
// most --max-delayed-per-client (default 8) sleeping requests; the rest get
// 503 at once, and another address still gets a slot. A POST whose body
// never comes, from a client that then leaves, holds no slot.
func TestDelayedShare(t *testing.T) {
	s := startServer(t, "--max-delayed", "12")
	const n = 20
	hog := &http.Client{Transport: from(2), Timeout: 20 * time.Second}
	codes := make([]int, n)
	var wg sync.WaitGroup
	for i := range codes {
		wg.Go(func() {
			resp, err := hog.Get(s.url + "/status/200?sleep=3000")
			if err != nil {
				return
			}
			resp.Body.Close()
			codes[i] = resp.StatusCode
		})
	}
	time.Sleep(1 * time.Second) // every request is in
	other := &http.Client{Transport: from(3), Timeout: 10 * time.Second}
	if resp, err := other.Get(s.url + "/status/204?sleep=10"); err != nil || resp.StatusCode != http.StatusNoContent {
		t.Errorf("another address while one held its share: %v %v, want 204", resp, err)
	}
	wg.Wait()
	ok, refused := 0, 0
	for _, c := range codes {
		switch c {
		case 200:
			ok++
		case 503:
			refused++
		}
	}
	if ok != 8 || refused != n-8 {
		t.Errorf("one address: %d × 200 and %d × 503, want 8 and %d", ok, refused, n-8)
	}

	// The body that never comes.
	for range 12 {
		c, err := net.Dial("tcp", s.addr)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(c, "POST /status/200?sleep=9000 HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nabc")
		defer c.Close()
	}
	time.Sleep(300 * time.Millisecond)
	if resp, err := other.Get(s.url + "/status/204?sleep=10"); err != nil || resp.StatusCode != http.StatusNoContent {
		t.Errorf("while 12 bodies were awaited: %v %v, want 204 (a slot is free)", resp, err)
	}
}

// TestShutdownLongSleep is the attack run's F12: with --max-sleep above the
// 15 s grace, a sleeping request is answered 503 with Connection: close as
// soon as SIGTERM comes, and the server exits 0.
func TestShutdownLongSleep(t *testing.T) {
	s := startServer(t, "--max-sleep", "30s")
	type result struct {
		resp *http.Response
		err  error
		at   time.Time
	}
	got := make(chan result, 1)
	go func() {
		client := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}, Timeout: 30 * time.Second}
		resp, err := client.Get(s.url + "/status/200?sleep=20000")
		if err == nil {
			resp.Body.Close()
		}
		got <- result{resp, err, time.Now()}
	}()
	time.Sleep(time.Second)
	sigAt := time.Now()
	s.signal(syscall.SIGTERM)
	r := <-got
	switch {
	case r.err != nil:
		t.Errorf("no answer: %v", r.err)
	case r.resp.StatusCode != http.StatusServiceUnavailable || !r.resp.Close:
		t.Errorf("status %d, close %v; want 503 with Connection: close", r.resp.StatusCode, r.resp.Close)
	case r.at.Sub(sigAt) > 5*time.Second:
		t.Errorf("answered %s after SIGTERM; want at once", r.at.Sub(sigAt))
	}
	exited, err := s.wait(stopTimeout)
	if !exited || err != nil {
		t.Errorf("exited %v with %v, want status 0\n%s", exited, err, s.logTail())
	}
}

// TestTrustedProxy is the attack run's F16 and issue 12's item 13: behind a
// trusted proxy, X-Forwarded-For names the client the rate limit counts;
// from any other peer it is ignored.
func TestTrustedProxy(t *testing.T) {
	s := startServer(t, "--rate-limit", "5", "--trusted-proxy", "127.0.0.2")
	do := func(c *http.Client, xff string) int {
		req, _ := http.NewRequest(http.MethodGet, s.url+"/status/204", nil)
		req.Header.Set("X-Forwarded-For", xff)
		resp, err := c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	proxy := &http.Client{Transport: from(2), Timeout: 10 * time.Second}
	for _, client := range []string{"198.51.100.1", "198.51.100.2", "203.0.113.9, 198.51.100.3"} {
		for i := range 5 {
			if code := do(proxy, client); code != 204 {
				t.Fatalf("client %s via the proxy, request %d: %d, want 204 (its own allowance)", client, i+1, code)
			}
		}
	}
	if code := do(proxy, "198.51.100.1"); code != 429 {
		t.Errorf("the 6th request of one client via the proxy: %d, want 429", code)
	}
	untrusted := &http.Client{Transport: from(3), Timeout: 10 * time.Second}
	codes := make([]int, 6)
	for i := range codes {
		codes[i] = do(untrusted, fmt.Sprintf("198.51.100.%d", 10+i))
	}
	if codes[5] != 429 {
		t.Errorf("an untrusted peer changing X-Forwarded-For: %v, want the 6th refused", codes)
	}
}

// TestAccessLogComplete: the request log is buffered, yet after a graceful
// exit it holds a line for every request.
func TestAccessLogComplete(t *testing.T) {
	s := startServer(t)
	const n = 500
	client := &http.Client{Timeout: 10 * time.Second}
	for i := range n {
		resp, err := client.Get(fmt.Sprintf("%s/status/200?i=%d", s.url, i))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
	}
	client.CloseIdleConnections()
	s.signal(syscall.SIGTERM)
	if exited, err := s.wait(stopTimeout); !exited || err != nil {
		t.Fatalf("exited %v with %v", exited, err)
	}
	if got := s.logged.Load(); got != n {
		t.Errorf("%d request lines logged for %d requests", got, n)
	}
}
