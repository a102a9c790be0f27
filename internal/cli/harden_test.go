package cli

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"os"
	"strings"
	"testing"
	"time"
)

// fullWriter fails every write, as /dev/full does.
type fullWriter struct{}

func (fullWriter) Write([]byte) (int, error) { return 0, errors.New("no space left on device") }

// TestWriteError is the attack run's F11: a failed write of the output
// gives a message and ExitOutput, in text and in --json alike.
func TestWriteError(t *testing.T) {
	t.Parallel()
	for _, args := range [][]string{{"404"}, {"--json", "404"}, {"--json", "list", "--all"}, {"list"}, {"search", "rate", "limit"}} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			t.Parallel()
			var stderr bytes.Buffer
			code := Main(context.Background(), args, func(string) string { return "" }, strings.NewReader(""), fullWriter{}, &stderr)
			if code != ExitOutput || !strings.Contains(stderr.String(), "writing the output: no space left") {
				t.Errorf("exit %d, stderr %q; want %d and a message", code, stderr.String(), ExitOutput)
			}
		})
	}
}

// TestNoColourForDumbTerminal is the attack run's F13.
func TestNoColourForDumbTerminal(t *testing.T) {
	t.Parallel()
	code, out, _ := run(t, map[string]string{"TERM": "dumb"}, "--color=always", "404")
	if code != 0 || strings.Contains(out, "\x1b") {
		t.Errorf("exit %d, escapes in the output: %v", code, strings.Contains(out, "\x1b"))
	}
	if _, out, _ := run(t, map[string]string{"TERM": "xterm"}, "--color=always", "404"); !strings.Contains(out, "\x1b") {
		t.Error("no colour with --color=always on xterm; the test proves nothing")
	}
}

// TestErrorsTruncateInput is the attack run's F14: an error repeats at most
// the first 40 characters of what it was given.
func TestErrorsTruncateInput(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("a", 100_000)
	for _, args := range [][]string{{long}, {strings.Repeat("4", 5000)}, {"--color", long, "404"}, {"list", "--class", long}, {"--limit", long, "x"}} {
		code, _, stderr := run(t, nil, args...)
		if code == 0 || len(stderr) > 600 || !strings.Contains(stderr, "aaaa") && !strings.Contains(stderr, "4444") {
			t.Errorf("%.20s…: exit %d, %d bytes on stderr: %.200q", args[0], code, len(stderr), stderr)
		}
	}
}

// TestInterrupt is the attack run's F10: when the context ends (SIGINT), a
// command other than serve stops at once with ExitInterrupted.
func TestInterrupt(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe() // stdin that never ends: search - waits on it
	defer pw.Close()
	done := make(chan int, 1)
	var stderr bytes.Buffer
	go func() {
		done <- Main(ctx, []string{"search", "-"}, func(string) string { return "" }, pr, io.Discard, &stderr)
	}()
	time.Sleep(100 * time.Millisecond)
	cancel()
	select {
	case code := <-done:
		if code != ExitInterrupted {
			t.Errorf("exit %d, want %d", code, ExitInterrupted)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the command did not stop within 5 s of the interrupt")
	}
}

// TestServeLimitFlags: the new serve flags and their environment variables
// are checked before the server starts.
func TestServeLimitFlags(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		env  map[string]string
		args []string
		want string
	}{
		{nil, []string{"--max-conns", "0"}, "--max-conns must be at least 1"},
		{nil, []string{"--max-conns-per-client", "-1"}, "--max-conns-per-client must be at least 1"},
		{nil, []string{"--max-delayed-per-client", "0"}, "--max-delayed-per-client must be at least 1"},
		{nil, []string{"--trusted-proxy", "10.0.0.0/33"}, "--trusted-proxy"},
		{map[string]string{"HTTPSTATUS_MAX_CONNS": "lots"}, nil, "HTTPSTATUS_MAX_CONNS must be a whole number"},
		{map[string]string{"HTTPSTATUS_MAX_CONNS_PER_CLIENT": "0"}, nil, "--max-conns-per-client must be at least 1"},
		{map[string]string{"HTTPSTATUS_MAX_DELAYED_PER_CLIENT": "x"}, nil, "HTTPSTATUS_MAX_DELAYED_PER_CLIENT must be"},
		{map[string]string{"HTTPSTATUS_TRUSTED_PROXY": "10.0.0.1, proxy.example"}, nil, "--trusted-proxy"},
		{map[string]string{"HTTPSTATUS_RATE_LIMIT": "-5"}, nil, "--rate-limit must be 0 (off) or more"},
		{map[string]string{"HTTPSTATUS_MAX_DELAYED": "many"}, nil, "HTTPSTATUS_MAX_DELAYED must be a whole number"},
		{map[string]string{"HTTPSTATUS_LOG_FORMAT": "xml"}, nil, "--log-format must be text or json"},
	} {
		code, _, stderr := run(t, tc.env, append([]string{"serve", "--addr", "127.0.0.1:0"}, tc.args...)...)
		if code != ExitUsage || !strings.Contains(stderr, tc.want) {
			t.Errorf("%v %v: exit %d, stderr %q; want %d and %q", tc.env, tc.args, code, stderr, ExitUsage, tc.want)
		}
	}
}

// TestLogBuffer: request lines are held back but written within the
// interval, other lines at once, and everything on Close.
func TestLogBuffer(t *testing.T) {
	t.Parallel()
	var out lockedBuffer
	logs := newLogBuffer(&out, 200*time.Millisecond)
	logger := (&serveFlags{logFormat: "text"}).logger(logs)
	logger.Info("request", "path", "/a")
	if strings.Contains(out.String(), "/a") {
		t.Error("a request line was written at once")
	}
	logger.Info("listening on http://x")
	if !strings.Contains(out.String(), "listening on") {
		t.Error("a non-request line was held back")
	}
	logger.Info("request", "path", "/b")
	time.Sleep(600 * time.Millisecond)
	if !strings.Contains(out.String(), "/b") {
		t.Error("a request line was not written within the interval")
	}
	for range 1000 {
		logger.Info("request", "path", "/c")
	}
	logs.Close()
	if n := strings.Count(out.String(), "path=/c"); n != 1000 {
		t.Errorf("%d of 1000 request lines written after Close", n)
	}
}

// BenchmarkRequestLog is the cost of one request line in serve's log,
// written to a file at once (a write(2) per line) or through logBuffer:
//
//	go test ./internal/cli -run '^$' -bench RequestLog -benchtime 200000x -count 5
func BenchmarkRequestLog(b *testing.B) {
	for _, buffered := range []bool{false, true} {
		name := "direct"
		if buffered {
			name = "buffered"
		}
		b.Run(name, func(b *testing.B) {
			f, err := os.CreateTemp(b.TempDir(), "log")
			if err != nil {
				b.Fatal(err)
			}
			defer f.Close()
			var logger *slog.Logger
			var logs *logBuffer
			if buffered {
				logs = newLogBuffer(f, time.Second)
				logger = (&serveFlags{logFormat: "text"}).logger(logs)
			} else {
				logger = slog.New(slog.NewTextHandler(f, nil))
			}
			b.ReportAllocs()
			for b.Loop() {
				logger.LogAttrs(context.Background(), slog.LevelInfo, "request",
					slog.String("method", "GET"), slog.String("path", "/status/200"), slog.Int("status", 200),
					slog.Int64("bytes", 89), slog.Duration("duration", 41*time.Microsecond))
			}
			if logs != nil {
				logs.Close()
			}
		})
	}
}
