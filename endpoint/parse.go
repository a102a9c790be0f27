package endpoint

import (
	"errors"
	"fmt"
	"github.com/httpstatus/httpstatus/internal/httpsyntax"
	"math"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// maxChoices bounds the codes of one request.
const maxChoices = 20

// Bounds of ?header=.
const (
	maxHeaders     = 20
	maxHeaderValue = 1024
)

// A choice is one code of /status/{codes} with its weight.
type choice struct {
	code   int
	weight float64
}

// parseCodes parses "200", "200,500,503" or "200:0.9,500:0.1".
func parseCodes(s string) ([]choice, error) {
	if s == "" {
		return nil, errors.New("no status code in the path: ask for /status/CODE, e.g. /status/404")
	}
	items := strings.Split(s, ",")
	if len(items) > maxChoices {
		return nil, fmt.Errorf("%d codes given; at most %d are allowed", len(items), maxChoices)
	}
	out := make([]choice, 0, len(items))
	total := 0.0
	for _, item := range items {
		cs, ws, hasWeight := strings.Cut(item, ":")
		code, err := parseCode(cs)
		if err != nil {
			return nil, err
		}
		w := 1.0
		if hasWeight {
			w, err = parseWeight(ws)
			if err != nil {
				return nil, fmt.Errorf("weight of %d: %w", code, err)
			}
		}
		total += w
		out = append(out, choice{code, w})
	}
	if total <= 0 {
		return nil, errors.New("the weights add up to 0: give at least one code a positive weight")
	}
	if math.IsInf(total, 0) {
		return nil, errors.New("the weights add up to more than a float can hold: use smaller weights")
	}
	return out, nil
}

// parseCode parses one status code.
func parseCode(s string) (int, error) {
	if s == "" {
		return 0, errors.New("empty status code in the list: separate codes with single commas, e.g. 200,500")
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, fmt.Errorf("status code %s is not a number", quote(s))
		}
	}
	n, err := strconv.ParseUint(s, 10, 64)
	switch {
	case err != nil || n > 999:
		return 0, fmt.Errorf("status code %s is above 999: a status code has three digits", quote(s))
	case n < 100:
		return 0, fmt.Errorf("status code %s is below 100: a status code has three digits, 100 to 999", quote(s))
	case len(s) != 3:
		return 0, fmt.Errorf("status code %s has a leading zero: write it as %d", quote(s), n)
	}
	code := int(n)
	if !answerable(code) {
		return 0, fmt.Errorf("status code %d is above 599 and has no meaning in the catalogue; codes 600 to 999 are allowed only where a vendor uses them", code)
	}
	return code, nil
}

// parseWeight parses a weight: a finite number, 0 or more.
func parseWeight(s string) (float64, error) {
	w, err := strconv.ParseFloat(s, 64)
	switch {
	case s == "":
		return 0, errors.New("empty weight: write CODE:WEIGHT, e.g. 200:0.9, or leave out the colon")
	case err != nil && !errors.Is(err, strconv.ErrRange):
		return 0, fmt.Errorf("weight %s is not a number", quote(s))
	case math.IsNaN(w) || math.IsInf(w, 0) || errors.Is(err, strconv.ErrRange):
		return 0, fmt.Errorf("weight %s is not a finite number", quote(s))
	case w < 0:
		return 0, fmt.Errorf("weight %s is negative", quote(s))
	}
	return w, nil
}

// pick draws a code; f returns a number in [0, 1).
func pick(cs []choice, f func() float64) int {
	if len(cs) == 1 {
		return cs[0].code
	}
	total := 0.0
	for _, c := range cs {
		total += c.weight
	}
	x := f() * total
	last := cs[0].code
	for _, c := range cs {
		if c.weight <= 0 {
			continue
		}
		if x < c.weight {
			return c.code
		}
		x -= c.weight
		last = c.code
	}
	return last // rounding
}

// options are the query parameters the endpoint knows.
type options struct {
	sleep    time.Duration
	seed     int64
	seeded   bool
	then     int
	location string // a path on this server; "" when not given
	headers  []userHeader
}

// A userHeader is one ?header=Name:Value.
type userHeader struct {
	name, value string
	first       bool // the first of its name: it replaces a header the endpoint set
}

// rand returns the source of the choice between several codes.
func (o options) rand() func() float64 {
	if !o.seeded {
		return rand.Float64
	}
	return rand.New(rand.NewPCG(uint64(o.seed), 0x68747470)).Float64
}

// parseOptions parses the query; unknown parameters are ignored.
func parseOptions(rawQuery string, maxSleep time.Duration) (options, error) {
	o := options{then: http.StatusOK}
	if rawQuery == "" {
		return o, nil
	}
	q, _ := url.ParseQuery(rawQuery) // a malformed pair is dropped, like an unknown one
	one := func(name string) (string, bool, error) {
		vs, ok := q[name]
		if !ok {
			return "", false, nil
		}
		if len(vs) > 1 {
			return "", false, fmt.Errorf("?%s= is given %d times; give it once", name, len(vs))
		}
		return vs[0], true, nil
	}

	if v, ok, err := one("sleep"); err != nil {
		return o, err
	} else if ok {
		ms, err := strconv.ParseInt(v, 10, 64)
		switch {
		case err != nil && errors.Is(err, strconv.ErrRange) && !strings.HasPrefix(v, "-"):
			return o, fmt.Errorf("sleep %s ms is above the limit of %d ms", quote(v), maxSleep.Milliseconds())
		case err != nil:
			return o, fmt.Errorf("sleep %s is not a whole number of milliseconds", quote(v))
		case ms < 0:
			return o, fmt.Errorf("sleep %d ms is negative", ms)
		case ms > maxSleep.Milliseconds():
			return o, fmt.Errorf("sleep %d ms is above the limit of %d ms", ms, maxSleep.Milliseconds())
		}
		o.sleep = time.Duration(ms) * time.Millisecond
	}

	if v, ok, err := one("seed"); err != nil {
		return o, err
	} else if ok {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return o, fmt.Errorf("seed %s is not a whole number", quote(v))
		}
		o.seed, o.seeded = n, true
	}

	if v, ok, err := one("then"); err != nil {
		return o, err
	} else if ok {
		n, err := parseCode(v)
		if err != nil {
			return o, fmt.Errorf("then: %w", err)
		}
		if n < 200 || n > 599 {
			return o, fmt.Errorf("then=%d: the final response after an interim one must be 200 to 599", n)
		}
		o.then = n
	}

	if v, ok, err := one("location"); err != nil {
		return o, err
	} else if ok {
		loc, err := parseLocation(v)
		if err != nil {
			return o, err
		}
		o.location = loc
	}

	hs := q["header"]
	if len(hs) > maxHeaders {
		return o, fmt.Errorf("%d headers given; at most %d are allowed", len(hs), maxHeaders)
	}
	seen := map[string]bool{}
	for _, v := range hs {
		uh, err := parseHeader(v)
		if err != nil {
			return o, err
		}
		uh.first = !seen[uh.name]
		seen[uh.name] = true
		o.headers = append(o.headers, uh)
	}
	return o, nil
}

// parseLocation accepts only a path on this server.
func parseLocation(v string) (string, error) {
	bad := func(why string) (string, error) {
		return "", fmt.Errorf("location %s %s; give a path on this server, such as /status/200", quote(v), why)
	}
	switch {
	case !strings.HasPrefix(v, "/"):
		return bad("does not start with /")
	case strings.HasPrefix(v, "//"):
		return bad("starts with //, which names another host")
	case strings.Contains(v, `\`):
		return bad("holds a backslash, which browsers read as /")
	}
	u, err := url.Parse(v)
	if err != nil {
		return bad("is not a valid URL")
	}
	if u.Scheme != "" || u.Host != "" || u.User != nil || u.Opaque != "" {
		return bad("names a scheme or host")
	}
	out := u.String()
	if !strings.HasPrefix(out, "/") || strings.HasPrefix(out, "//") {
		return bad("is not a plain path")
	}
	if hasDotSegment(u.Path) || hasDotSegment(u.EscapedPath()) {
		// A client resolves "/a/../..//evil.example" to "//evil.example",
		// which a router that redirects to cleaned paths may send off-host.
		return bad(`holds a "." or ".." segment`)
	}
	return out, nil
}

// hasDotSegment reports whether a path has a "." or ".." segment, written
// plainly or percent-encoded (%2e), as URL resolution removes both.
func hasDotSegment(p string) bool {
	for seg := range strings.SplitSeq(p, "/") {
		if d := strings.ReplaceAll(strings.ToLower(seg), "%2e", "."); d == "." || d == ".." {
			return true
		}
	}
	return false
}

// refused are the headers ?header= may not set, with why.
var refused = map[string]string{
	"Connection":                "it is hop-by-hop",
	"Keep-Alive":                "it is hop-by-hop",
	"Proxy-Connection":          "it is hop-by-hop",
	"Transfer-Encoding":         "it is hop-by-hop",
	"Upgrade":                   "it is hop-by-hop",
	"Te":                        "it is hop-by-hop",
	"Trailer":                   "it is hop-by-hop",
	"Content-Length":            "the endpoint frames the body itself",
	"Set-Cookie":                "the endpoint sets no cookies",
	"Set-Cookie2":               "the endpoint sets no cookies",
	"Location":                  "use ?location= with a path on this server",
	"Refresh":                   "it would redirect a browser to any site",
	"Strict-Transport-Security": "it would change how browsers treat the whole site",
	"Clear-Site-Data":           "it would change how browsers treat the whole site",
}

// parseHeader parses one ?header=Name:Value.
func parseHeader(v string) (userHeader, error) {
	name, value, ok := strings.Cut(v, ":")
	if !ok {
		return userHeader{}, fmt.Errorf("header %s has no colon: write Name:Value", quote(v))
	}
	if !httpsyntax.IsToken(name) {
		return userHeader{}, fmt.Errorf("header name %s is not a valid field name", quote(name))
	}
	name = http.CanonicalHeaderKey(name)
	value = strings.Trim(value, " \t")
	if len(value) > maxHeaderValue {
		return userHeader{}, fmt.Errorf("header %s: the value is longer than %d bytes", quote(name), maxHeaderValue)
	}
	for i := 0; i < len(value); i++ {
		if c := value[i]; (c < ' ' && c != '\t') || c == 0x7f {
			return userHeader{}, fmt.Errorf("header %s: the value holds a control character", quote(name))
		}
	}
	if err := checkUserHeader(name, value); err != nil {
		return userHeader{}, err
	}
	return userHeader{name: name, value: value}, nil
}

// quote quotes input for an error detail, cut to a readable length.
func quote(s string) string {
	const max = 40
	if len(s) > max {
		s = s[:max] + "..."
	}
	return strconv.Quote(s)
}
