package endpoint

import (
	"net/netip"
	"testing"
	"time"
)

func TestLimiter(t *testing.T) {
	t.Parallel()
	now := time.Unix(1e9, 0)
	l := newLimiter(60, func() time.Time { return now })
	a, b, c := netip.MustParseAddr("192.0.2.1"), netip.MustParseAddr("192.0.2.2"), netip.MustParseAddr("192.0.2.3")
	for i := range 60 {
		if ok, _ := l.allow(a); !ok {
			t.Fatalf("request %d refused within the minute's allowance", i+1)
		}
	}
	if ok, wait := l.allow(a); ok || wait != 1 {
		t.Errorf("61st request: allowed %v, wait %d; want refused for 1 s", ok, wait)
	}
	if ok, _ := l.allow(b); !ok {
		t.Errorf("another client was refused")
	}
	now = now.Add(time.Second)
	if ok, _ := l.allow(a); !ok {
		t.Errorf("refused after a second's refill")
	}
	now = now.Add(2 * time.Minute)
	l.allow(c)
	if len(l.buckets) != 1 || l.lru.Len() != 1 {
		t.Errorf("%d clients remembered after a quiet minute, want only the new one", len(l.buckets))
	}
}

// v6 returns the address of the n-th /64 (n < 65 536) of 2001:db8:X::/48.
func v6(x, n int) netip.Addr {
	var b [16]byte
	b[0], b[1], b[2], b[3] = 0x20, 0x01, 0x0d, 0xb8
	b[4], b[5] = byte(x>>8), byte(x)
	b[6], b[7] = byte(n>>8), byte(n)
	b[15] = 1
	return netip.AddrFrom16(b)
}

// TestLimiterFlood is the attack run's F2: a flood of new keys no longer
// resets everyone's limit, and one IPv6 /48 is limited as a whole.
func TestLimiterFlood(t *testing.T) {
	t.Parallel()
	now := time.Unix(1e9, 0)
	l := newLimiter(60, func() time.Time { return now })
	victim := netip.MustParseAddr("192.0.2.1")
	for range 60 {
		l.allow(victim)
	}
	if ok, _ := l.allow(victim); ok {
		t.Fatal("the victim was allowed past its limit")
	}

	// 4 rounds over every /64 of one /48, in one instant: the /48 gets its
	// wideShare × 60 and no more.
	allowed := 0
	for range 4 {
		for n := range 1 << 16 {
			if ok, _ := l.allow(v6(1, n)); ok {
				allowed++
			}
		}
	}
	if want := wideShare * 60; allowed != want {
		t.Errorf("one /48 was allowed %d requests at once, want %d", allowed, want)
	}
	if ok, _ := l.allow(victim); ok {
		t.Error("the flood reset the limit of a client still sending")
	}
	if n := len(l.buckets); n > maxClients {
		t.Errorf("%d buckets, above the cap of %d", n, maxClients)
	}

	// A flood of new addresses from many /48s forgets only the clients
	// that went quiet, never one still sending (here, once per 1 000 new
	// addresses).
	for x := range 4 << 16 {
		l.allow(v6(100+x, 0))
		if x%1000 == 0 {
			if ok, _ := l.allow(victim); ok {
				t.Fatalf("after %d new addresses the victim was allowed again", x)
			}
		}
	}
	if n := len(l.buckets); n > maxClients {
		t.Errorf("%d buckets, above the cap of %d", n, maxClients)
	}

	// A /64 alone still gets one client's allowance.
	fresh := 0
	for range 100 {
		if ok, _ := l.allow(v6(2, 7)); ok {
			fresh++
		}
	}
	if fresh != 60 {
		t.Errorf("a /64 of a fresh /48 was allowed %d of 100, want 60", fresh)
	}
}
