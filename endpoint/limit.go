package endpoint

import (
	"container/list"
	"math"
	"net/netip"
	"sync"
	"time"

	"github.com/httpstatus/httpstatus/internal/clientip"
)

// maxClients bounds the buckets the rate limiter keeps; when it is full, a
// new client's bucket replaces the one used least recently, so a flood of
// new addresses forgets only clients that have gone quiet, never one that
// is still sending.
const maxClients = 1 << 16

// wideShare is how many clients' allowance an IPv6 /48 has in all: each /64
// in it is limited as one client, and the whole /48, which one site or
// organisation gets, as wideShare clients together.
const wideShare = 16

// A limiter is a token bucket per client: each holds up to a minute's
// allowance and refills at the rate. An IPv4 client is its address; an IPv6
// client takes a token from its /64's bucket and from its /48's.
type limiter struct {
	perMinute float64
	now       func() time.Time
	max       int

	mu      sync.Mutex
	buckets map[netip.Prefix]*list.Element
	lru     list.List // of *bucket, the most recently used first
}

type bucket struct {
	key       netip.Prefix
	perMinute float64
	tokens    float64
	last      time.Time
}

func newLimiter(perMinute int, now func() time.Time) *limiter {
	return &limiter{perMinute: float64(perMinute), now: now, max: maxClients, buckets: map[netip.Prefix]*list.Element{}}
}

// allow takes a token for client a. When there is none it returns false
// and the seconds until there is one.
func (l *limiter) allow(a netip.Addr) (bool, int) {
	now := l.now()
	narrow := clientip.Key(a)
	var wide netip.Prefix
	if a.Is6() {
		wide, _ = a.Prefix(48)
	}

	l.mu.Lock()
	defer l.mu.Unlock()
	l.expire(now)
	// The /48 first: once it is spent, its /64s get no bucket of their own,
	// so that a flood from one /48 adds few buckets.
	var wb *bucket
	if wide.IsValid() {
		wb = l.bucket(wide, l.perMinute*wideShare, now)
		if wait := wb.refill(now); wait > 0 {
			return false, wait
		}
	}
	nb := l.bucket(narrow, l.perMinute, now)
	if wait := nb.refill(now); wait > 0 {
		return false, wait
	}
	nb.tokens--
	if wb != nil {
		wb.tokens--
	}
	return true, 0
}

// refill adds the tokens earned since the bucket's last use, and returns 0
// if it holds one, else the seconds until it does.
func (b *bucket) refill(now time.Time) int {
	if dt := now.Sub(b.last).Seconds(); dt > 0 {
		b.tokens = math.Min(b.perMinute, b.tokens+dt*b.perMinute/60)
	}
	b.last = now
	if b.tokens >= 1 {
		return 0
	}
	return max(1, int(math.Ceil((1-b.tokens)/(b.perMinute/60))))
}

// bucket returns the bucket of key, marked as used now; a new one is full,
// and takes the place of the least recently used when there are l.max.
func (l *limiter) bucket(key netip.Prefix, perMinute float64, now time.Time) *bucket {
	if e, ok := l.buckets[key]; ok {
		l.lru.MoveToFront(e)
		return e.Value.(*bucket)
	}
	if len(l.buckets) >= l.max {
		if old := l.lru.Back(); old != nil {
			delete(l.buckets, old.Value.(*bucket).key)
			l.lru.Remove(old)
		}
	}
	b := &bucket{key: key, perMinute: perMinute, tokens: perMinute, last: now}
	l.buckets[key] = l.lru.PushFront(b)
	return b
}

// expire forgets the least recently used buckets that have been idle for a
// minute: they have refilled, and are the same as new ones.
func (l *limiter) expire(now time.Time) {
	for e := l.lru.Back(); e != nil; e = l.lru.Back() {
		b := e.Value.(*bucket)
		if now.Sub(b.last) < time.Minute {
			return
		}
		delete(l.buckets, b.key)
		l.lru.Remove(e)
	}
}
