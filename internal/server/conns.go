package server

import (
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"sync"
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
type capListener struct {
	net.Listener
	max, perClient int
	trusted        clientip.Trusted
	logger         *slog.Logger

	mu       sync.Mutex
	open     int
	byClient map[netip.Prefix]int
	idle     map[*cappedConn]struct{}
	refused  [2]int    // since the last log line: over the overall cap, over a client's
	logged   time.Time // when the last refusal was logged
	pressLog time.Time // when the pressure was last logged
	pressed  bool      // whether the last check found pressure
	now      func() time.Time
}

func newCapListener(ln net.Listener, max, perClient int, trusted clientip.Trusted, logger *slog.Logger) *capListener {
	return &capListener{
		Listener: ln, max: max, perClient: perClient, trusted: trusted, logger: logger,
		byClient: map[netip.Prefix]int{}, idle: map[*cappedConn]struct{}{}, now: time.Now,
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
		case l.open >= l.max:
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
		l.open++
		l.byClient[key]++
		l.mu.Unlock()
		return &cappedConn{Conn: c, l: l, key: key}, nil
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
		"open", l.open, "max_conns", l.max, "max_conns_per_client", l.perClient,
		"refused_overall", l.refused[0], "refused_per_client", l.refused[1], "client", key.String())
	l.logged, l.refused = now, [2]int{}
}

// underPressure reports whether idle connections get the short timeout;
// l.mu is held.
func (l *capListener) underPressure() bool {
	return l.open*4 >= l.max*3
}

// connState is the server's ConnState hook: it keeps the set of idle
// connections, and cuts their timeout when the pressure starts.
func (l *capListener) connState(c net.Conn, state http.ConnState) {
	cc, ok := c.(*cappedConn)
	if !ok {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if state == http.StateIdle {
		l.idle[cc] = struct{}{}
	} else {
		delete(l.idle, cc)
	}
	p := l.underPressure()
	if p && !l.pressed {
		now := l.now()
		if now.Sub(l.pressLog) >= capLogEvery {
			l.logger.Warn("many connections open: idle ones now time out sooner",
				"open", l.open, "max_conns", l.max, "idle_timeout", pressureIdleTimeout.String())
			l.pressLog = now
		}
		deadline := now.Add(pressureIdleTimeout)
		for ic := range l.idle {
			ic.Conn.SetReadDeadline(deadline) //nolint:errcheck // a closed conn needs none
		}
	}
	l.pressed = p
}

// A cappedConn counts against its listener's caps until it is closed.
type cappedConn struct {
	net.Conn
	l    *capListener
	key  netip.Prefix
	once sync.Once
}

func (c *cappedConn) Close() error {
	c.once.Do(func() {
		l := c.l
		l.mu.Lock()
		l.open--
		if l.byClient[c.key]--; l.byClient[c.key] <= 0 {
			delete(l.byClient, c.key)
		}
		delete(l.idle, c)
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
	l.mu.Lock()
	_, idle := l.idle[c]
	short := idle && l.underPressure()
	l.mu.Unlock()
	if short {
		if limit := l.now().Add(pressureIdleTimeout); t.IsZero() || t.After(limit) {
			t = limit
		}
	}
	return c.Conn.SetReadDeadline(t)
}

// reservedFiles are the descriptors kept for the listener, the log and the
// runtime when --max-conns is lowered to fit the descriptor limit.
const reservedFiles = 64
