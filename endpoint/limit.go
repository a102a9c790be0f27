package endpoint

import (
	"math"
	"net"
	"net/netip"
	"sync"
	"time"
)

// maxClients bounds the addresses the rate limiter remembers; when more are
// active at once it forgets them all rather than grow.
const maxClients = 1 << 16

// A limiter is a token bucket per client address: each holds up to a
// minute's allowance and refills at the rate.
type limiter struct {
	perMinute float64
	now       func() time.Time

	mu      sync.Mutex
	buckets map[string]*bucket
	swept   time.Time
}

type bucket struct {
	tokens float64
	last   time.Time
}

func newLimiter(perMinute int, now func() time.Time) *limiter {
	return &limiter{perMinute: float64(perMinute), now: now, buckets: map[string]*bucket{}, swept: now()}
}

// allow takes a token for the client at remoteAddr. When there is none it
// returns false and the seconds until there is one.
func (l *limiter) allow(remoteAddr string) (bool, int) {
	key := clientKey(remoteAddr)
	now := l.now()
	perSecond := l.perMinute / 60

	l.mu.Lock()
	defer l.mu.Unlock()
	if now.Sub(l.swept) >= time.Minute || len(l.buckets) >= maxClients {
		l.sweep(now)
	}
	b, ok := l.buckets[key]
	if !ok {
		b = &bucket{tokens: l.perMinute, last: now}
		l.buckets[key] = b
	}
	if dt := now.Sub(b.last).Seconds(); dt > 0 {
		b.tokens = math.Min(l.perMinute, b.tokens+dt*perSecond)
	}
	b.last = now
	if b.tokens >= 1 {
		b.tokens--
		return true, 0
	}
	return false, max(1, int(math.Ceil((1-b.tokens)/perSecond)))
}

// sweep forgets the clients whose bucket has refilled, which are the same as
// new ones; if too many remain, it forgets them all.
func (l *limiter) sweep(now time.Time) {
	for k, b := range l.buckets {
		if b.tokens+now.Sub(b.last).Seconds()*l.perMinute/60 >= l.perMinute {
			delete(l.buckets, k)
		}
	}
	if len(l.buckets) >= maxClients {
		clear(l.buckets)
	}
	l.swept = now
}

// clientKey names a client by its address; an IPv6 client by its /64, which
// is what one subscriber usually gets.
func clientKey(remoteAddr string) string {
	host, _, err := net.SplitHostPort(remoteAddr)
	if err != nil {
		host = remoteAddr
	}
	a, err := netip.ParseAddr(host)
	if err != nil {
		return host
	}
	a = a.Unmap().WithZone("")
	if a.Is6() {
		p, _ := a.Prefix(64)
		return p.String()
	}
	return a.String()
}
