package clientip

import (
	"net/http"
	"net/netip"
	"testing"
)

func TestKey(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"192.0.2.1:1234":            "192.0.2.1/32",
		"[2001:db8:1:2:3:4:5:6]:80": "2001:db8:1:2::/64",
		"[2001:db8:1:2:ffff::1]:81": "2001:db8:1:2::/64",
		"[::ffff:192.0.2.1]:80":     "192.0.2.1/32",
		"[fe80::1%eth0]:80":         "fe80::/64",
		"192.0.2.9":                 "192.0.2.9/32",
	} {
		a, ok := Addr(in)
		if !ok {
			t.Errorf("Addr(%q) found none", in)
			continue
		}
		if got := Key(a).String(); got != want {
			t.Errorf("Key(%q) = %q, want %q", in, got, want)
		}
	}
	for _, in := range []string{"not an address", "@", ""} {
		if _, ok := Addr(in); ok {
			t.Errorf("Addr(%q) found one", in)
		}
	}
}

func TestParseTrusted(t *testing.T) {
	t.Parallel()
	tr, err := ParseTrusted([]string{"10.0.0.0/8, 192.0.2.7", "2001:db8::/32"})
	if err != nil {
		t.Fatal(err)
	}
	for in, want := range map[string]bool{
		"10.1.2.3": true, "192.0.2.7": true, "192.0.2.8": false, "2001:db8:5::1": true, "2001:db9::1": false,
	} {
		if got := tr.Contains(netip.MustParseAddr(in).Unmap()); got != want {
			t.Errorf("Contains(%s) = %v, want %v", in, got, want)
		}
	}
	for _, bad := range []string{"10.0.0.0/33", "example.org", "10.0.0.0/8 x"} {
		if _, err := ParseTrusted([]string{bad}); err == nil {
			t.Errorf("ParseTrusted(%q) accepted it", bad)
		}
	}
}

func TestFromRequest(t *testing.T) {
	t.Parallel()
	tr, _ := ParseTrusted([]string{"10.0.0.0/8"})
	for _, tc := range []struct {
		name, peer string
		hdr        http.Header
		want       string
	}{
		{"untrusted-peer-spoofs", "192.0.2.1:1", http.Header{"X-Forwarded-For": {"198.51.100.9"}}, "192.0.2.1"},
		{"trusted-xff", "10.0.0.1:1", http.Header{"X-Forwarded-For": {"198.51.100.9"}}, "198.51.100.9"},
		{"trusted-xff-forged-left", "10.0.0.1:1", http.Header{"X-Forwarded-For": {"203.0.113.5, 198.51.100.9"}}, "198.51.100.9"},
		{"trusted-chain", "10.0.0.1:1", http.Header{"X-Forwarded-For": {"198.51.100.9, 10.0.0.2", "10.0.0.3"}}, "198.51.100.9"},
		{"trusted-garbage", "10.0.0.1:1", http.Header{"X-Forwarded-For": {"198.51.100.9, nonsense"}}, "10.0.0.1"},
		{"trusted-none", "10.0.0.1:1", nil, "10.0.0.1"},
		{"forwarded", "10.0.0.1:1", http.Header{"Forwarded": {`for=203.0.113.5, for="[2001:db8::7]:4711";proto=https`}}, "2001:db8::7"},
		{"forwarded-unknown", "10.0.0.1:1", http.Header{"Forwarded": {"for=unknown"}}, "10.0.0.1"},
		{"xff-wins", "10.0.0.1:1", http.Header{"Forwarded": {"for=203.0.113.5"}, "X-Forwarded-For": {"198.51.100.9"}}, "198.51.100.9"},
	} {
		t.Run("ok/"+tc.name, func(t *testing.T) {
			r := &http.Request{RemoteAddr: tc.peer, Header: tc.hdr}
			a, ok := tr.FromRequest(r)
			if !ok || a.String() != tc.want {
				t.Errorf("FromRequest = %v, %v; want %s", a, ok, tc.want)
			}
		})
	}
}

// FuzzFromRequest: forwarding headers never panic, are ignored from an
// untrusted peer, and never name a trusted proxy as the client unless the
// peer itself is the last one known.
func FuzzFromRequest(f *testing.F) {
	for _, s := range []string{"198.51.100.9", "1.2.3.4, 10.0.0.2", "for=1.2.3.4", `for="[::1]:80"`, "unknown", ",,,", "[", ""} {
		f.Add(s, s)
	}
	tr, _ := ParseTrusted([]string{"10.0.0.0/8"})
	f.Fuzz(func(t *testing.T, xff, fwd string) {
		hdr := http.Header{"Forwarded": {fwd}}
		if xff != "" {
			hdr["X-Forwarded-For"] = []string{xff}
		}
		if a, _ := tr.FromRequest(&http.Request{RemoteAddr: "192.0.2.1:5", Header: hdr}); a.String() != "192.0.2.1" {
			t.Fatalf("an untrusted peer's headers chose %v", a)
		}
		a, ok := tr.FromRequest(&http.Request{RemoteAddr: "10.0.0.1:5", Header: hdr})
		if !ok || !a.IsValid() {
			t.Fatalf("no address for a trusted peer: %v", a)
		}
	})
}
