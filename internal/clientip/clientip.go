// Package clientip names the client of a request or connection, for the
// per-client limits of the server and the test endpoint: the peer address,
// or behind a trusted proxy the address the proxy forwarded, and the key a
// limit counts it under (an IPv4 address, an IPv6 /64).
package clientip

import (
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"strings"
)

// Addr returns the address in a net.Addr or a RemoteAddr string
// ("host:port", or a bare host), unmapped and without zone; ok is false when
// there is none.
func Addr(remote string) (netip.Addr, bool) {
	host, _, err := net.SplitHostPort(remote)
	if err != nil {
		host = remote
	}
	a, err := netip.ParseAddr(host)
	if err != nil {
		return netip.Addr{}, false
	}
	return a.Unmap().WithZone(""), true
}

// Key returns the prefix a per-client limit counts a under: the address
// itself for IPv4, its /64 for IPv6 (what one subscriber usually gets).
func Key(a netip.Addr) netip.Prefix {
	if a.Is6() {
		p, _ := a.Prefix(64)
		return p
	}
	p, _ := a.Prefix(a.BitLen())
	return p
}

// Trusted is a set of proxies whose forwarding headers are believed.
type Trusted []netip.Prefix

// ParseTrusted parses --trusted-proxy values: CIDR prefixes or single
// addresses, each value possibly a comma-separated list.
func ParseTrusted(values []string) (Trusted, error) {
	var out Trusted
	for _, v := range values {
		for _, s := range strings.Split(v, ",") {
			s = strings.TrimSpace(s)
			if s == "" {
				continue
			}
			if p, err := netip.ParsePrefix(s); err == nil {
				out = append(out, p.Masked())
				continue
			}
			a, err := netip.ParseAddr(s)
			if err != nil {
				return nil, fmt.Errorf("trusted proxy %q is not an address or a CIDR prefix such as 10.0.0.0/8", s)
			}
			a = a.Unmap().WithZone("")
			out = append(out, netip.PrefixFrom(a, a.BitLen()))
		}
	}
	return out, nil
}

// Contains reports whether a is one of the trusted proxies.
func (t Trusted) Contains(a netip.Addr) bool {
	for _, p := range t {
		if p.Contains(a) || a.Is4() && p.Addr().Is4In6() && p.Contains(netip.AddrFrom16(a.As16())) {
			return true
		}
	}
	return false
}

// maxHops bounds the forwarded addresses FromRequest reads.
const maxHops = 32

// FromRequest returns the client address of r: the peer's, unless the peer
// is a trusted proxy. Then it is the rightmost address of X-Forwarded-For
// that is not itself a trusted proxy (each proxy appends the address it got
// the request from, so addresses left of the first untrusted one may be
// forged), or, when the request has no X-Forwarded-For, the same in the for=
// parameters of Forwarded (RFC 7239). A missing or malformed entry leaves
// the last trusted address, so a client can never pick its own address. ok
// is false when RemoteAddr holds no address.
func (t Trusted) FromRequest(r *http.Request) (netip.Addr, bool) {
	a, ok := Addr(r.RemoteAddr)
	if !ok || len(t) == 0 || !t.Contains(a) {
		return a, ok
	}
	var hops []string
	if xff := r.Header.Values("X-Forwarded-For"); len(xff) > 0 {
		hops = splitHops(xff, func(s string) string { return s })
	} else {
		hops = splitHops(r.Header.Values("Forwarded"), forwardedFor)
	}
	for i := len(hops) - 1; i >= 0 && i >= len(hops)-maxHops; i-- {
		h, ok := Addr(hops[i])
		if !ok {
			h, ok = Addr(strings.Trim(hops[i], "[]")) // Forwarded's "[2001:db8::1]"
		}
		if !ok {
			return a, true // unknown or obfuscated: the last proxy is the client we know
		}
		a = h
		if !t.Contains(a) {
			return a, true
		}
	}
	return a, true
}

// splitHops splits comma-separated header values into their elements, each
// mapped by f (trimmed; "" dropped).
func splitHops(values []string, f func(string) string) []string {
	var out []string
	for _, v := range values {
		for _, e := range strings.Split(v, ",") {
			if e = strings.TrimSpace(f(strings.TrimSpace(e))); e != "" {
				out = append(out, e)
			}
		}
	}
	return out
}

// forwardedFor returns the for= value of one Forwarded element, unquoted,
// or "unknown" when it has none.
func forwardedFor(elem string) string {
	for _, pair := range strings.Split(elem, ";") {
		k, v, ok := strings.Cut(strings.TrimSpace(pair), "=")
		if ok && strings.EqualFold(strings.TrimSpace(k), "for") {
			return strings.Trim(strings.TrimSpace(v), `"`)
		}
	}
	return "unknown"
}
