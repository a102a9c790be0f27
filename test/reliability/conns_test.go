package reliability

import (
	"bufio"
	"fmt"
	"net"
	"net/http"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// TestIdleConnectionCap is the attack run's F3: 5 000 idle keep-alive
// connections from 10 addresses against --max-conns 500 and
// --max-conns-per-client 100. The server keeps at most 500 open (and 100 of
// one address), closes the rest at accept, so its descriptors and memory
// stay bounded by the cap; it logs that the cap bit; and a new client is
// served within seconds, since under pressure idle connections time out in
// 5 s.
func TestIdleConnectionCap(t *testing.T) {
	const (
		total     = 5000
		addrs     = 10
		maxConns  = 500
		perClient = 100
		// maxGrowth bounds the RSS the connections add: about 19 KB each
		// were measured, so 500 take some 10 MB, and 5 000 uncapped 90 MB.
		maxGrowth = 40 << 20
	)
	var rl syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_NOFILE, &rl); err == nil && rl.Cur < rl.Max {
		rl.Cur = rl.Max
		syscall.Setrlimit(syscall.RLIMIT_NOFILE, &rl) //nolint:errcheck // checked below
		syscall.Getrlimit(syscall.RLIMIT_NOFILE, &rl) //nolint:errcheck // as above
	}
	if rl.Cur < total+500 {
		t.Skipf("the descriptor limit %d is below the %d this test needs", rl.Cur, total+500)
	}
	s := startServer(t, "--max-conns", fmt.Sprint(maxConns), "--max-conns-per-client", fmt.Sprint(perClient))
	base, _ := s.mustMemory()

	var (
		mu     sync.Mutex
		conns  []net.Conn
		served [addrs]atomic.Int64
		wg     sync.WaitGroup
		sem    = make(chan struct{}, 64)
	)
	defer func() {
		for _, c := range conns {
			c.Close()
		}
	}()
	for i := range total {
		sem <- struct{}{}
		wg.Go(func() {
			defer func() { <-sem }()
			a := i % addrs
			d := net.Dialer{LocalAddr: &net.TCPAddr{IP: net.IPv4(127, 0, 0, byte(2+a))}, Timeout: 5 * time.Second}
			c, err := d.Dial("tcp", s.addr)
			if err != nil {
				return // refused outright also bounds the server
			}
			mu.Lock()
			conns = append(conns, c)
			mu.Unlock()
			c.SetDeadline(time.Now().Add(5 * time.Second))                                         //nolint:errcheck // a failed read counts as refused
			if _, err := c.Write([]byte("GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n")); err != nil { // keep-alive: it stays open
				return
			}
			resp, err := http.ReadResponse(bufio.NewReader(c), nil)
			if err == nil && resp.StatusCode == http.StatusOK {
				served[a].Add(1)
				resp.Body.Close()
			}
		})
	}
	wg.Wait()
	n := int64(0)
	for a := range served {
		got := served[a].Load()
		n += got
		if got > perClient {
			t.Errorf("address 127.0.0.%d was served on %d connections at once, above --max-conns-per-client %d", 2+a, got, perClient)
		}
	}
	fds, err := os.ReadDir(fmt.Sprintf("/proc/%d/fd", s.cmd.Process.Pid))
	if err != nil {
		t.Fatal(err)
	}
	rss, _ := s.mustMemory()
	t.Logf("%d of %d connections served and held; server: %d descriptors, RSS %s → %s", n, total, len(fds), mb(base), mb(rss))
	if n > maxConns {
		t.Errorf("%d connections served at once, above --max-conns %d", n, maxConns)
	}
	if n < maxConns/2 {
		t.Errorf("only %d connections served, far below the cap: the test did not fill it", n)
	}
	if len(fds) > maxConns+50 {
		t.Errorf("the server holds %d descriptors with --max-conns %d", len(fds), maxConns)
	}
	if rss-base > maxGrowth {
		t.Errorf("RSS grew by %s with the connections held, more than %s", mb(rss-base), mb(maxGrowth))
	}

	// A new client gets an answer: at once, or once the idle connections
	// have timed out (5 s under pressure, not 120 s).
	client := &http.Client{Transport: from(40), Timeout: 3 * time.Second}
	deadline := time.Now().Add(15 * time.Second)
	for {
		resp, err := client.Get(s.url + "/healthz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				break
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("a new client got no answer within 15 s: %v", err)
		}
		time.Sleep(200 * time.Millisecond)
	}
	time.Sleep(1500 * time.Millisecond) // the log is flushed every second
	if log := s.warnings(); !strings.Contains(log, "connection cap reached") || !strings.Contains(log, "idle ones now time out sooner") {
		t.Errorf("no log line says the cap bit, or that idle connections time out sooner:\n%s", log)
	}
}
