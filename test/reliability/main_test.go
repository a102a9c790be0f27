package reliability

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// binary is the httpstatus binary TestMain builds.
var binary string

func TestMain(m *testing.M) {
	os.Exit(runTests(m))
}

func runTests(m *testing.M) int {
	dir, err := os.MkdirTemp("", "httpstatus-reliability-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(dir)
	binary = filepath.Join(dir, "httpstatus")
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	build := exec.CommandContext(ctx, "go", "build", "-o", binary, "github.com/httpstatus/httpstatus/cmd/httpstatus")
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "building httpstatus:", err)
		return 1
	}
	return m.Run()
}

// Timeouts of the harness, generous for a loaded 2-core machine.
const (
	startTimeout = 30 * time.Second // until "listening on"
	stopTimeout  = 30 * time.Second // from SIGTERM to exit
)

// server is one running `httpstatus serve` process.
type server struct {
	t    testing.TB
	cmd  *exec.Cmd
	addr string // 127.0.0.1:PORT
	url  string // http://127.0.0.1:PORT

	done    chan struct{} // closed once the process has exited
	waitErr error         // the process's exit, set before done is closed

	shuttingDown chan struct{} // closed when it logs "shutting down"

	logged atomic.Int64 // its request lines ("msg=request")

	mu    sync.Mutex
	tail  []string // its last lines of log
	warns []string // its first lines of level WARN or above
}

var listeningRE = regexp.MustCompile(`listening on http://([0-9.]+:[0-9]+)`)

// startServer starts the binary with serve --addr 127.0.0.1:0 and args, and
// waits for its "listening on" line. The process is stopped when the test
// ends.
func startServer(t testing.TB, args ...string) *server {
	t.Helper()
	cmd := exec.Command(binary, append([]string{"serve", "--addr", "127.0.0.1:0"}, args...)...)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	s := &server{t: t, cmd: cmd, done: make(chan struct{}), shuttingDown: make(chan struct{})}
	addrc := make(chan string, 1)
	go s.readLog(stderr, addrc)
	t.Cleanup(s.stop)
	select {
	case s.addr = <-addrc:
	case <-s.done:
		t.Fatalf("httpstatus serve exited before listening: %v\n%s", s.waitErr, s.logTail())
	case <-time.After(startTimeout):
		t.Fatalf("httpstatus serve did not say it was listening within %s\n%s", startTimeout, s.logTail())
	}
	s.url = "http://" + s.addr
	return s
}

// readLog reads the server's stderr to its end, keeping the last lines, then
// waits for the process (os/exec wants every read from the pipe done first).
func (s *server) readLog(r io.Reader, addrc chan<- string) {
	br := bufio.NewReaderSize(r, 64<<10)
	sentAddr, sentShutdown := false, false
	for {
		line, err := br.ReadString('\n')
		if line != "" {
			if !sentAddr {
				if m := listeningRE.FindStringSubmatch(line); m != nil {
					addrc <- m[1]
					sentAddr = true
				}
			}
			if !sentShutdown && strings.Contains(line, "shutting down") {
				close(s.shuttingDown)
				sentShutdown = true
			}
			if len(line) > 300 {
				line = line[:300] + "…\n"
			}
			if strings.Contains(line, "msg=request ") {
				s.logged.Add(1)
			}
			s.mu.Lock()
			if (strings.Contains(line, "level=WARN") || strings.Contains(line, "level=ERROR")) && len(s.warns) < 100 {
				s.warns = append(s.warns, line)
			}
			s.tail = append(s.tail, line)
			if len(s.tail) > 30 {
				s.tail = s.tail[len(s.tail)-30:]
			}
			s.mu.Unlock()
		}
		if err != nil {
			break
		}
	}
	s.waitErr = s.cmd.Wait()
	close(s.done)
}

// logTail returns the last lines the server logged.
func (s *server) logTail() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return strings.Join(s.tail, "")
}

// warnings returns the first lines of level WARN or above the server logged.
func (s *server) warnings() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return strings.Join(s.warns, "")
}

// signal sends sig to the server process.
func (s *server) signal(sig os.Signal) {
	s.t.Helper()
	if err := s.cmd.Process.Signal(sig); err != nil {
		s.t.Fatalf("signalling the server: %v", err)
	}
}

// wait waits up to d for the process to exit, and returns whether it did
// and how (nil for exit status 0).
func (s *server) wait(d time.Duration) (exited bool, err error) {
	select {
	case <-s.done:
		return true, s.waitErr
	case <-time.After(d):
		return false, nil
	}
}

// stop ends the process if it still runs: SIGTERM, then SIGKILL if it has
// not exited within stopTimeout.
func (s *server) stop() {
	select {
	case <-s.done:
		return
	default:
	}
	s.cmd.Process.Signal(syscall.SIGTERM) //nolint:errcheck // it may have just exited
	if exited, _ := s.wait(stopTimeout); exited {
		return
	}
	s.t.Errorf("httpstatus serve did not exit within %s of SIGTERM; killing it\n%s", stopTimeout, s.logTail())
	s.cmd.Process.Kill() //nolint:errcheck // it may have just exited
	s.wait(5 * time.Second)
}

// memory returns the server's resident set size now (VmRSS) and its peak
// so far (VmHWM), in bytes, from /proc.
func (s *server) memory() (rss, peak int64, err error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", s.cmd.Process.Pid))
	if err != nil {
		return 0, 0, err
	}
	for _, line := range strings.Split(string(b), "\n") {
		name, value, ok := strings.Cut(line, ":")
		if !ok || (name != "VmRSS" && name != "VmHWM") {
			continue
		}
		f := strings.Fields(value) // "12345 kB"
		if len(f) != 2 || f[1] != "kB" {
			return 0, 0, fmt.Errorf("unexpected %s line %q", name, line)
		}
		n, err := strconv.ParseInt(f[0], 10, 64)
		if err != nil {
			return 0, 0, err
		}
		if name == "VmRSS" {
			rss = n << 10
		} else {
			peak = n << 10
		}
	}
	if rss == 0 || peak == 0 {
		return 0, 0, errors.New("no VmRSS or VmHWM in /proc/PID/status")
	}
	return rss, peak, nil
}

// mustMemory is memory, failing the test on error.
func (s *server) mustMemory() (rss, peak int64) {
	s.t.Helper()
	rss, peak, err := s.memory()
	if err != nil {
		s.t.Fatalf("reading the server's memory: %v", err)
	}
	return rss, peak
}

// mb formats a byte count in MB.
func mb(n int64) string { return fmt.Sprintf("%.1f MB", float64(n)/(1<<20)) }

// refused reports whether a new TCP connection to addr is refused.
func refused(addr string) bool {
	c, err := net.DialTimeout("tcp", addr, 2*time.Second)
	if err == nil {
		c.Close()
		return false
	}
	return errors.Is(err, syscall.ECONNREFUSED)
}

// waitGroup waits for wg up to d and reports whether it finished.
func waitGroup(wg *sync.WaitGroup, d time.Duration) bool {
	ch := make(chan struct{})
	go func() { wg.Wait(); close(ch) }()
	select {
	case <-ch:
		return true
	case <-time.After(d):
		return false
	}
}

// from returns a transport whose connections come from the loopback
// address 127.0.0.N (Linux routes all of 127.0.0.0/8 to lo), so that a test
// can be several clients to the server's per-client limits.
func from(n int) *http.Transport {
	d := &net.Dialer{LocalAddr: &net.TCPAddr{IP: net.IPv4(127, 0, 0, byte(n))}, Timeout: 10 * time.Second}
	return &http.Transport{DialContext: d.DialContext, DisableCompression: true}
}
