package check_test

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/httpstatus/httpstatus/check"
	"github.com/httpstatus/httpstatus/endpoint"
)

// TestEndpointAnswers checks every answer of the project's test endpoint:
// every code from 100 to 999, for every method, read off the wire (interim
// responses included), breaks no MUST and no MUST NOT.
func TestEndpointAnswers(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(endpoint.New(endpoint.Config{}))
	defer srv.Close()
	methods := []string{"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "CONNECT"}
	type job struct {
		code   int
		method string
	}
	jobs := make(chan job)
	var mu sync.Mutex
	failures, answered := 0, 0
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				raw, reqText, err := exchange(srv.Listener.Addr().String(), j.method, j.code)
				if err != nil {
					t.Errorf("%s %d: %v", j.method, j.code, err)
					continue
				}
				req, err := http.ReadRequest(bufio.NewReader(strings.NewReader(reqText)))
				if err != nil {
					t.Errorf("%s %d: the request does not parse: %v", j.method, j.code, err)
					continue
				}
				rep, err := check.Raw(raw, req)
				mu.Lock()
				answered++
				if err != nil {
					t.Errorf("%s %d: the answer does not parse: %v\n%s", j.method, j.code, err, raw)
				}
				for _, f := range rep.Violations() {
					if failures++; failures <= 30 {
						t.Errorf("%s /status/%d → %d: %s", j.method, j.code, rep.Status, f)
					}
				}
				mu.Unlock()
			}
		}()
	}
	for code := 100; code <= 999; code++ {
		for _, m := range methods {
			jobs <- job{code, m}
		}
	}
	close(jobs)
	wg.Wait()
	if answered != 900*len(methods) {
		t.Errorf("checked %d answers, want %d", answered, 900*len(methods))
	}
}

// exchange sends one raw request and reads the whole answer.
func exchange(addr, method string, code int) ([]byte, string, error) {
	conn, err := net.DialTimeout("tcp", addr, 5*time.Second)
	if err != nil {
		return nil, "", err
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(10 * time.Second)) //nolint:errcheck // a timeout fails the read below
	conn2 := "close"
	extra := ""
	if code == http.StatusSwitchingProtocols {
		conn2, extra = "Upgrade", "Upgrade: websocket\r\n"
	}
	req := fmt.Sprintf("%s /status/%d HTTP/1.1\r\nHost: %s\r\nConnection: %s\r\n%sContent-Length: 0\r\n\r\n", method, code, addr, conn2, extra)
	if _, err := io.WriteString(conn, req); err != nil {
		return nil, "", err
	}
	raw, err := io.ReadAll(io.LimitReader(conn, check.MaxSize))
	return raw, req, err
}
