package server

import (
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"sync"
	"sync/atomic"
	"time"

	"github.com/httpstatus/httpstatus/internal/clientip"
)

// Defaults of the connection caps, and the idle timeout under pressure.
const (
	DefaultMaxConns          = 4096
	DefaultMaxConnsPerClient = 256
	pressureIdleTimeout      = 5 * time.Second
	capLogEvery              = 10 * time.Second
)

// capListener bounds the connections open at once: in all, and per client
// (an IPv4 address, an IPv6 /64; a trusted proxy is not capped alone). A
// connection beyond a cap is closed as soon as it is accepted, before any
// byte is read, which costs the server one accept and one close. When three
// quarters of the overall cap are in use, an idle keep-alive connection
// gets pressureIdleTimeout instead of the server's idle timeout, and the
// ones idle already are cut to it.
//
// Its per-request hooks (connState, a connection's SetReadDeadline; net/http
// calls them several times a request) take no lock while there is no
// pressure: a connection's idleness is its own atomic flag, and the open
// count is read atomically. The lock is taken per connection (accept,
// close) and when the pressure starts.
type capListener struct {
	net.Listener
	max, perClient int
	trusted        clientip.Trusted
	logger         *slog.Logger

	open    atomic.Int64 // connections open; changed only with mu held
	pressed atomic.Bool  // whether the last check found pressure

	mu       sync.Mutex
	byClient map[netip.Prefix]int
	conns    map[*cappedConn]struct{} // the open ones
	refused  [2]int                   // since the last log line: over the overall cap, over a client's
	logged   time.Time                // when the last refusal was logged
	pressLog time.Time                // when the pressure was last logged
	now      func() time.Time
}

func newCapListener(ln net.Listener, max, perClient int, trusted clientip.Trusted, logger *slog.Logger) *capListener {
	return &capListener{
		Listener: ln, max: max, perClient: perClient, trusted: trusted, logger: logger,
		byClient: map[netip.Prefix]int{}, conns: map[*cappedConn]struct{}{}, now: time.Now,
	}
}

// Accept returns the next connection within the caps, closing those
// beyond them.
func (l *capListener) Accept() (net.Conn, error) {
	for {
		c, err := l.Listener.Accept()
		if err != nil {
			return nil, err
		}
		a, _ := clientip.Addr(c.RemoteAddr().String())
		key := clientip.Key(a)
		exempt := l.trusted.Contains(a)
		l.mu.Lock()
		over := -1
		switch {
		case int(l.open.Load()) >= l.max:
			over = 0
		case !exempt && l.byClient[key] >= l.perClient:
			over = 1
		}
		if over >= 0 {
			l.refused[over]++
			l.logRefusals(key)
			l.mu.Unlock()
			if tc, ok := c.(*net.TCPConn); ok {
				tc.SetLinger(0) //nolint:errcheck // a plain close is as good
			}
			c.Close()
			continue
		}
		l.open.Add(1)
		l.byClient[key]++
		cc := &cappedConn{Conn: c, l: l, key: key}
		l.conns[cc] = struct{}{}
		l.mu.Unlock()
		return cc, nil
	}
}

// logRefusals logs the connections refused, at most once per capLogEvery;
// l.mu is held.
func (l *capListener) logRefusals(key netip.Prefix) {
	now := l.now()
	if now.Sub(l.logged) < capLogEvery {
		return
	}
	l.logger.Warn("connection cap reached: refusing new connections",
		"open", l.open.Load(), "max_conns", l.max, "max_conns_per_client", l.perClient,
		"refused_overall", l.refused[0], "refused_per_client", l.refused[1], "client", key.String())
	l.logged, l.refused = now, [2]int{}
}

// underPressure reports whether idle connections get the short timeout.
func (l *capListener) underPressure() bool {
	return l.open.Load()*4 >= int64(l.max)*3
}

// connState is the server's ConnState hook: it marks a connection idle or
// not, and cuts the timeout of the idle ones when the pressure starts.
func (l *capListener) connState(c net.Conn, state http.ConnState) {
	cc, ok := c.(*cappedConn)
	if !ok {
		return
	}
	cc.idle.Store(state == http.StateIdle)
	p := l.underPressure()
	if p == l.pressed.Load() {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if p && !l.pressed.Load() {
		now := l.now()
		if now.Sub(l.pressLog) >= capLogEvery {
			l.logger.Warn("many connections open: idle ones now time out sooner",
				"open", l.open.Load(), "max_conns", l.max, "idle_timeout", pressureIdleTimeout.String())
			l.pressLog = now
		}
		deadline := now.Add(pressureIdleTimeout)
		for oc := range l.conns {
			if oc.idle.Load() {
				oc.Conn.SetReadDeadline(deadline) //nolint:errcheck // a closed conn needs none
			}
		}
	}
	l.pressed.Store(p)
}

// A cappedConn counts against its listener's caps until it is closed.
type cappedConn struct {
	net.Conn
	l    *capListener
	key  netip.Prefix
	idle atomic.Bool // net/http's state for it is StateIdle
	once sync.Once
}

func (c *cappedConn) Close() error {
	c.once.Do(func() {
		l := c.l
		l.mu.Lock()
		l.open.Add(-1)
		if l.byClient[c.key]--; l.byClient[c.key] <= 0 {
			delete(l.byClient, c.key)
		}
		delete(l.conns, c)
		l.mu.Unlock()
	})
	return c.Conn.Close()
}

// CloseWrite half-closes a TCP connection. net/http does so before closing
// a connection whose request it left unread (a 431, say), so that the
// client reads the answer rather than a reset.
func (c *cappedConn) CloseWrite() error {
	if cw, ok := c.Conn.(interface{ CloseWrite() error }); ok {
		return cw.CloseWrite()
	}
	return nil
}

// SetReadDeadline shortens the deadline the server sets on an idle
// connection when the listener is under pressure.
func (c *cappedConn) SetReadDeadline(t time.Time) error {
	l := c.l
	if c.idle.Load() && l.underPressure() {
		if limit := l.now().Add(pressureIdleTimeout); t.IsZero() || t.After(limit) {
			t = limit
		}
	}
	return c.Conn.SetReadDeadline(t)
}

// reservedFiles are the descriptors kept for the listener, the log and the
// runtime when --max-conns is lowered to fit the descriptor limit.
const reservedFiles = 64
