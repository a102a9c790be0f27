package problem

import (
	"github.com/httpstatus/httpstatus/internal/httpsyntax"
	"strings"
)

// The forms a problem is written in, in the order Write prefers them when
// the client likes several equally.
const (
	formProblem = iota // application/problem+json
	formJSON           // application/json
	formText           // text/plain
)

var forms = [...]struct{ typ, sub, contentType string }{
	formProblem: {"application", "problem+json", "application/problem+json"},
	formJSON:    {"application", "json", "application/json"},
	formText:    {"text", "plain", "text/plain; charset=utf-8"},
}

// Bounds on what of an Accept header is read; the rest is ignored.
const (
	maxAcceptBytes  = 4096 // of all Accept field lines together
	maxAcceptRanges = 64   // media ranges
)

// A mediaRange is one element of Accept: type/subtype and its weight in
// thousandths (RFC 9110, Section 12.4.2 allows three decimals).
type mediaRange struct {
	typ, sub string // lower case; "*" for a wildcard
	q        int    // 0 to 1000
}

// parseAccept reads the media ranges of Accept field values (RFC 9110,
// Section 12.5.1). A malformed element, or one whose q is not a valid
// qvalue, is skipped. Media type parameters other than q are read past and
// not matched; accept-ext parameters after q are ignored.
func parseAccept(values []string) []mediaRange {
	var out []mediaRange
	budget := maxAcceptBytes
	for _, v := range values {
		if budget <= 0 || len(out) >= maxAcceptRanges {
			break
		}
		if len(v) > budget {
			v = v[:budget]
		}
		budget -= len(v)
		for _, elem := range splitList(v) {
			if len(out) >= maxAcceptRanges {
				break
			}
			if r, ok := parseRange(elem); ok {
				out = append(out, r)
			}
		}
	}
	return out
}

// splitList splits a field value at the commas that are not inside a
// quoted string.
func splitList(v string) []string {
	var out []string
	start, quoted := 0, false
	for i := 0; i < len(v); i++ {
		switch c := v[i]; {
		case quoted && c == '\\':
			i++
		case c == '"':
			quoted = !quoted
		case !quoted && c == ',':
			out = append(out, v[start:i])
			start = i + 1
		}
	}
	return append(out, v[start:])
}

// parseRange reads one media-range with its parameters.
func parseRange(elem string) (mediaRange, bool) {
	mt, params, _ := strings.Cut(elem, ";")
	typ, sub, ok := strings.Cut(strings.TrimSpace(mt), "/")
	if !ok || !httpsyntax.IsToken(typ) || !httpsyntax.IsToken(sub) || typ == "*" && sub != "*" {
		return mediaRange{}, false
	}
	r := mediaRange{typ: strings.ToLower(typ), sub: strings.ToLower(sub), q: 1000}
	for params != "" {
		var p string
		p, params = cutParam(params)
		name, value, ok := strings.Cut(p, "=")
		if !ok {
			if strings.TrimSpace(p) == "" {
				continue // "text/plain;" is tolerated
			}
			return mediaRange{}, false
		}
		if strings.EqualFold(strings.TrimSpace(name), "q") {
			q, ok := parseQ(strings.TrimSpace(value))
			if !ok {
				return mediaRange{}, false
			}
			r.q = q
			break // what follows q is accept-ext, which changes nothing here
		}
	}
	return r, true
}

// cutParam returns the first parameter of s (up to a ';' outside quotes)
// and the rest.
func cutParam(s string) (param, rest string) {
	quoted := false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case quoted && c == '\\':
			i++
		case c == '"':
			quoted = !quoted
		case !quoted && c == ';':
			return s[:i], s[i+1:]
		}
	}
	return s, ""
}

// parseQ reads a qvalue: "0" ["." 0*3DIGIT] or "1" ["." 0*3("0")], in
// thousandths (RFC 9110, Section 12.4.2).
func parseQ(s string) (int, bool) {
	if s == "" || len(s) > 5 || s[0] != '0' && s[0] != '1' {
		return 0, false
	}
	whole := int(s[0] - '0')
	frac := s[1:]
	if frac != "" {
		if frac[0] != '.' {
			return 0, false
		}
		frac = frac[1:]
	}
	q, scale := whole*1000, 100
	for i := 0; i < len(frac); i++ {
		c := frac[i]
		if c < '0' || c > '9' || whole == 1 && c != '0' {
			return 0, false
		}
		q += int(c-'0') * scale
		scale /= 10
	}
	return q, true
}

// negotiate picks the form of a problem for Accept field values. Each form
// takes the weight of the most specific range that matches it (RFC 9110,
// Section 12.5.1); the heaviest form wins, problem+json before plain JSON
// before text on a tie. Without Accept (or with nothing readable in it) the
// answer is problem+json. When Accept names media ranges but none of the
// three forms is acceptable, the answer falls back to text/plain, which any
// client can show: RFC 9110 lets a server disregard Accept rather than
// answer 406, and an error should not turn into a different error.
func negotiate(accept []string) int {
	ranges := parseAccept(accept)
	if len(ranges) == 0 {
		return formProblem
	}
	best, bestQ := formText, 0
	for f, form := range forms {
		q, spec := 0, -1
		for _, r := range ranges {
			s := -1
			switch {
			case r.typ == form.typ && r.sub == form.sub:
				s = 2
			case r.typ == form.typ && r.sub == "*":
				s = 1
			case r.typ == "*":
				s = 0
			}
			if s > spec {
				q, spec = r.q, s
			}
		}
		if q > bestQ {
			best, bestQ = f, q
		}
	}
	return best
}
