package cli

import (
	"bytes"
	"context"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// lockedBuffer is a buffer the server's logger and the test share.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// serveInProcess runs httpstatus serve with args and env until the test
// stops it, and returns the address it listens on.
func serveInProcess(t *testing.T, env map[string]string, args ...string) (base string, stderr *lockedBuffer, stop func() int) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	stderr = &lockedBuffer{}
	var stdout bytes.Buffer
	done := make(chan int, 1)
	getenv := func(k string) string { return env[k] }
	go func() {
		done <- Main(ctx, append([]string{"serve"}, args...), getenv, strings.NewReader(""), &stdout, stderr)
	}()
	re := regexp.MustCompile(`listening on (http://[^\s"]+)`)
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		if m := re.FindStringSubmatch(stderr.String()); m != nil {
			return m[1], stderr, func() int {
				cancel()
				select {
				case code := <-done:
					return code
				case <-time.After(20 * time.Second):
					t.Fatal("serve did not stop")
					return -1
				}
			}
		}
		select {
		case code := <-done:
			t.Fatalf("serve exited with %d: %s", code, stderr.String())
		default:
		}
		time.Sleep(10 * time.Millisecond)
	}
	cancel()
	t.Fatalf("serve did not say where it listens: %s", stderr.String())
	return "", nil, nil
}

func TestServe(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name   string
		env    map[string]string
		args   []string
		want   string // in the log
		format string
	}{
		{name: "ok/flag", args: []string{"--addr", "127.0.0.1:0"}, want: "msg=request method=GET path=/healthz status=200"},
		{name: "ok/env", env: map[string]string{"HTTPSTATUS_ADDR": "127.0.0.1:0", "HTTPSTATUS_MAX_SLEEP": "2s"}, want: "path=/healthz"},
		{name: "ok/flag-wins", env: map[string]string{"HTTPSTATUS_ADDR": "256.0.0.1:bad"}, args: []string{"--addr", "127.0.0.1:0"}, want: "path=/healthz"},
		{name: "ok/json", args: []string{"--addr", "127.0.0.1:0", "--log-format", "json", "--rate-limit", "100"}, want: `"path":"/healthz","status":200`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			base, stderr, stop := serveInProcess(t, tc.env, tc.args...)
			resp, err := http.Get(base + "/healthz")
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != 200 {
				t.Errorf("/healthz: %d", resp.StatusCode)
			}
			if code := stop(); code != ExitFound {
				t.Errorf("exit code %d after a clean shutdown, want 0; stderr:\n%s", code, stderr.String())
			}
			if !strings.Contains(stderr.String(), tc.want) {
				t.Errorf("stderr lacks %q:\n%s", tc.want, stderr.String())
			}
		})
	}
}

func TestServeUsage(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		env  map[string]string
		args []string
		code int
		want string
	}{
		{name: "error/log-format", args: []string{"--log-format", "xml"}, code: ExitUsage, want: "--log-format"},
		{name: "error/max-sleep", args: []string{"--max-sleep", "0s"}, code: ExitUsage, want: "--max-sleep"},
		{name: "error/max-delayed", args: []string{"--max-delayed", "0"}, code: ExitUsage, want: "--max-delayed"},
		{name: "error/rate-limit", args: []string{"--rate-limit", "-1"}, code: ExitUsage, want: "--rate-limit"},
		{name: "error/env-max-sleep", env: map[string]string{"HTTPSTATUS_MAX_SLEEP": "soon"}, code: ExitUsage, want: "HTTPSTATUS_MAX_SLEEP"},
		{name: "error/arg", args: []string{"extra"}, code: ExitUsage},
		{name: "error/bad-addr", args: []string{"--addr", "127.0.0.1:notaport"}, code: ExitNotFound, want: "serve:"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var stdout, stderr bytes.Buffer
			getenv := func(k string) string { return tc.env[k] }
			code := Main(context.Background(), append([]string{"serve"}, tc.args...), getenv, strings.NewReader(""), &stdout, &stderr)
			if code != tc.code {
				t.Errorf("exit code %d, want %d; stderr: %s", code, tc.code, stderr.String())
			}
			if !strings.Contains(stderr.String(), tc.want) {
				t.Errorf("stderr %q lacks %q", stderr.String(), tc.want)
			}
		})
	}
}
