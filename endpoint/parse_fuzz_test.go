package endpoint

import (
	"math"
	"mime"
	"net/url"
	"path"
	"slices"
	"strings"
	"testing"
	"time"
)

// FuzzParseCodes: the code and weight list never panics, and what it
// accepts is a list of valid codes with finite, non-negative weights.
func FuzzParseCodes(f *testing.F) {
	for _, s := range []string{"200", "200,500,503", "200:0.9,500:0.1", "418:0", "99", "200:-1", "200:NaN", "200:1e400", ",", "200,,500", "999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		choices, err := parseCodes(s)
		if err != nil {
			return
		}
		if len(choices) == 0 {
			t.Fatalf("parseCodes(%q) accepted an empty list", s)
		}
		for _, c := range choices {
			if c.code < 100 || c.code > 999 {
				t.Fatalf("parseCodes(%q) accepted code %d", s, c.code)
			}
			if c.weight < 0 || math.IsNaN(c.weight) || math.IsInf(c.weight, 0) {
				t.Fatalf("parseCodes(%q) accepted weight %v", s, c.weight)
			}
		}
	})
}

// FuzzParseOptions: the query options never panic, and what they accept is
// safe: a sleep within the cap, a location on this server, header names and
// values that cannot split a response.
func FuzzParseOptions(f *testing.F) {
	for _, s := range []string{"sleep=100", "sleep=-1", "sleep=99999999", "location=/a", "location=//evil.example",
		"location=/%5C%5Cevil", "location=/a/../../..//evil.example", "location=/.%2e/%2fevil.example", "header=X-A:1&header=X-A:2", "header=Set-Cookie:a=b", "header=X:%0D%0AInjected:1",
		"header=Link:%3C/a%3E;rel=next", "header=Link:%3C/a%3E;rel=%22next%20stylesheet%22", "header=Content-Type:text/plain;charset=utf-8",
		"then=204", "then=999", "seed=42", "seed=x", "%zz", ""} {
		f.Add(s)
	}
	const maxSleep = 2 * time.Second
	f.Fuzz(func(t *testing.T, q string) {
		o, err := parseOptions(q, maxSleep)
		if err != nil {
			return
		}
		if o.sleep < 0 || o.sleep > maxSleep {
			t.Fatalf("parseOptions(%q) accepted sleep %v", q, o.sleep)
		}
		if o.location != "" && (!strings.HasPrefix(o.location, "/") || strings.HasPrefix(o.location, "//") || strings.ContainsAny(o.location, "\\\r\n")) {
			t.Fatalf("parseOptions(%q) accepted location %q", q, o.location)
		}
		if o.location != "" {
			// Resolved as a client resolves it, the location stays on this
			// host, and so does its cleaned path (a router's redirect).
			base, _ := url.Parse("http://host.test/status/302")
			u, err := base.Parse(o.location)
			if err != nil || u.Host != "host.test" || strings.HasPrefix(u.Path, "//") || strings.HasPrefix(path.Clean(u.Path), "//") {
				t.Fatalf("parseOptions(%q) accepted location %q, which resolves to %v", q, o.location, u)
			}
		}
		for _, h := range o.headers {
			if strings.ContainsAny(h.name+h.value, "\r\n\x00") || h.name == "" {
				t.Fatalf("parseOptions(%q) accepted header %q: %q", q, h.name, h.value)
			}
			if strings.EqualFold(h.name, "Set-Cookie") || strings.EqualFold(h.name, "Transfer-Encoding") || strings.EqualFold(h.name, "Location") {
				t.Fatalf("parseOptions(%q) accepted header %q", q, h.name)
			}
			if len(h.name) > maxHeaderName || strings.Contains(h.name, "_") || !slices.Contains(userHeaders, h.name) && !xAllowed(h.name) {
				t.Fatalf("parseOptions(%q) accepted header %q, which is not on the allow-list", q, h.name)
			}
			if mt, _, _ := mime.ParseMediaType(h.value); h.name == "Content-Type" && (strings.Contains(mt, "html") || strings.Contains(mt, "xml") || strings.Contains(mt, "script")) {
				t.Fatalf("parseOptions(%q) accepted Content-Type %q", q, h.value)
			}
		}
	})
}
