package check

import (
	"github.com/httpstatus/httpstatus/internal/httpsyntax"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// grammars check a field's value against its ABNF, by header name. Each
// returns what is wrong, or "".
var grammars = map[string]func(vals []string) string{
	"Content-Length": func(vals []string) string {
		if _, ok := contentLength(vals); !ok {
			return "Content-Length " + quote(strings.Join(vals, ", ")) + " is not one decimal number"
		}
		return ""
	},
	"Date":          single("Date", imfFixdate),
	"Last-Modified": single("Last-Modified", imfFixdate),
	"Retry-After": single("Retry-After", func(v string) string {
		if v != "" && strings.Trim(v, "0123456789") == "" {
			return ""
		}
		if imfFixdate(v) == "" {
			return ""
		}
		return "is neither a number of seconds nor an HTTP date"
	}),
	"Location": single("Location", func(v string) string {
		for i := 0; i < len(v); i++ {
			c := v[i]
			switch {
			case c == '%':
				if i+2 >= len(v) || !isHex(v[i+1]) || !isHex(v[i+2]) {
					return "has a % that does not start a percent-encoded octet"
				}
			case !uriChar[c]:
				return "has " + strconv.QuoteRuneToASCII(rune(c)) + ", which a URI reference cannot hold unencoded"
			}
		}
		return ""
	}),
	"Allow": func(vals []string) string {
		for _, v := range vals {
			if strings.TrimSpace(v) == "" {
				continue // an empty Allow means no method is allowed
			}
			for _, m := range strings.Split(v, ",") {
				if !httpsyntax.IsToken(strings.Trim(m, " \t")) {
					return "Allow " + quote(v) + " is not a comma-separated list of method names"
				}
			}
		}
		return ""
	},
	"Content-Range": single("Content-Range", func(v string) string {
		unit, rest, _ := strings.Cut(v, " ")
		if !httpsyntax.IsToken(unit) || rest == "" {
			return "is not a range unit followed by a range"
		}
		if !strings.EqualFold(unit, "bytes") {
			return "" // other range units have their own grammar
		}
		if _, _, _, ok := parseByteRange(v); !ok {
			return "is not first-last/length with first <= last < length, nor */length"
		}
		return ""
	}),
	"Www-Authenticate":   challenges("WWW-Authenticate"),
	"Proxy-Authenticate": challenges("Proxy-Authenticate"),
}

// testGrammar applies the grammar of header to its values.
func testGrammar(x *exchange, header string) string {
	vals, ok := x.header[header]
	if !ok {
		return ""
	}
	g := grammars[header]
	if g == nil {
		return ""
	}
	return g(vals)
}

// single wraps the check of a field that appears once.
func single(name string, check func(string) string) func([]string) string {
	return func(vals []string) string {
		if len(vals) > 1 {
			return name + " appears " + strconv.Itoa(len(vals)) + " times; it takes one value"
		}
		if msg := check(vals[0]); msg != "" {
			return name + " " + quote(vals[0]) + " " + msg
		}
		return ""
	}
}

// imfFixdate checks an HTTP date in the form senders must use, such as
// "Sun, 06 Nov 1994 08:49:37 GMT" (RFC 9110, Section 5.6.7).
func imfFixdate(v string) string {
	t, err := time.Parse(http.TimeFormat, v)
	if err != nil || len(v) != len(http.TimeFormat) {
		return "is not an IMF-fixdate such as Sun, 06 Nov 1994 08:49:37 GMT"
	}
	if t.Weekday().String()[:3] != v[:3] {
		return "names the wrong day of the week"
	}
	return ""
}

// parseByteRange parses a bytes Content-Range: "bytes 0-499/1234",
// "bytes 0-499/*" (complete -1) or "bytes */1234" (first and last -1).
func parseByteRange(v string) (first, last, complete int64, ok bool) {
	unit, rest, _ := strings.Cut(v, " ")
	if !strings.EqualFold(unit, "bytes") {
		return 0, 0, 0, false
	}
	rng, total, found := strings.Cut(strings.TrimSpace(rest), "/")
	if !found {
		return 0, 0, 0, false
	}
	complete = -1
	if total != "*" {
		n, ok := digits(total)
		if !ok {
			return 0, 0, 0, false
		}
		complete = n
	}
	if rng == "*" {
		return -1, -1, complete, complete >= 0
	}
	a, b, found := strings.Cut(rng, "-")
	first, ok1 := digits(a)
	last, ok2 := digits(b)
	if !found || !ok1 || !ok2 || last < first || complete >= 0 && complete <= last {
		return 0, 0, 0, false
	}
	return first, last, complete, true
}

// digits parses 1*DIGIT.
func digits(s string) (int64, bool) {
	if s == "" || len(s) > 18 || strings.Trim(s, "0123456789") != "" {
		return 0, false
	}
	n, _ := strconv.ParseInt(s, 10, 64)
	return n, true
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// uriChar marks the characters a URI reference holds unencoded (RFC 3986):
// unreserved and reserved characters.
var uriChar = httpsyntax.AlnumAnd("-._~:/?#[]@!$&'()*+,;=")

// challenges checks a list of auth challenges (RFC 9110, Section 11.3):
//
//	challenge  = auth-scheme [ 1*SP ( token68 / #auth-param ) ]
//	auth-param = token BWS "=" BWS ( token / quoted-string )
func challenges(name string) func([]string) string {
	return func(vals []string) string {
		for _, v := range vals {
			if msg := parseChallenges(v); msg != "" {
				return name + " " + quote(v) + " " + msg
			}
		}
		return ""
	}
}

func parseChallenges(v string) string {
	s := &scanner{s: v}
	count := 0
	for {
		s.skipListSeparators()
		if s.done() {
			break
		}
		scheme := s.token()
		if scheme == "" {
			return "does not start a challenge with an auth scheme at byte " + strconv.Itoa(s.i+1)
		}
		count++
		spaces := s.spaces()
		if s.done() || s.peek() == ',' {
			// A challenge with no parameters; auth-params may follow a
			// comma, as in "Basic, realm=x"? No: after a comma comes a new
			// challenge or another auth-param of this one.
			if msg := s.params(); msg != "" {
				return msg
			}
			continue
		}
		if spaces == 0 {
			return "has " + strconv.QuoteRuneToASCII(rune(s.peek())) + " right after the auth scheme " + strconv.Quote(scheme)
		}
		if s.token68() {
			continue
		}
		if msg := s.param(); msg != "" {
			return msg
		}
		if !s.done() && s.peek() != ',' {
			return "has " + strconv.QuoteRuneToASCII(rune(s.peek())) + " after a parameter, at byte " + strconv.Itoa(s.i+1)
		}
		if msg := s.params(); msg != "" {
			return msg
		}
	}
	if count == 0 {
		return "holds no challenge"
	}
	return ""
}

type scanner struct {
	s string
	i int
}

func (s *scanner) done() bool { return s.i >= len(s.s) }
func (s *scanner) peek() byte { return s.s[s.i] }

func (s *scanner) spaces() int {
	n := 0
	for !s.done() && (s.peek() == ' ' || s.peek() == '\t') {
		s.i++
		n++
	}
	return n
}

func (s *scanner) skipListSeparators() {
	for !s.done() && (s.peek() == ' ' || s.peek() == '\t' || s.peek() == ',') {
		s.i++
	}
}

func (s *scanner) token() string {
	start := s.i
	for !s.done() && httpsyntax.TChar[s.peek()] {
		s.i++
	}
	return s.s[start:s.i]
}

// token68 consumes a token68 when one stands here, ending the challenge.
func (s *scanner) token68() bool {
	j := s.i
	for j < len(s.s) && (tchar68[s.s[j]]) {
		j++
	}
	if j == s.i {
		return false
	}
	for j < len(s.s) && s.s[j] == '=' {
		j++
	}
	k := j
	for k < len(s.s) && (s.s[k] == ' ' || s.s[k] == '\t') {
		k++
	}
	if k < len(s.s) && s.s[k] != ',' {
		return false
	}
	s.i = k
	return true
}

var tchar68 = httpsyntax.AlnumAnd("-._~+/")

// param consumes one auth-param.
func (s *scanner) param() string {
	name := s.token()
	if name == "" {
		return "has no parameter name at byte " + strconv.Itoa(s.i+1)
	}
	s.spaces()
	if s.done() || s.peek() != '=' {
		return "has parameter " + strconv.Quote(name) + " without =value"
	}
	s.i++
	s.spaces()
	if s.done() {
		return "has parameter " + strconv.Quote(name) + " without a value"
	}
	if s.peek() == '"' {
		s.i++
		for {
			if s.done() {
				return "has an unterminated quoted string"
			}
			c := s.peek()
			s.i++
			if c == '\\' {
				if s.done() {
					return "has an unterminated quoted string"
				}
				s.i++
				continue
			}
			if c == '"' {
				break
			}
		}
	} else if s.token() == "" {
		return "has parameter " + strconv.Quote(name) + " whose value is neither a token nor a quoted string"
	}
	s.spaces()
	return ""
}

// params consumes ", auth-param" elements that belong to the current
// challenge: a token followed by "=" rather than by a space or the end.
func (s *scanner) params() string {
	for {
		save := s.i
		s.skipListSeparators()
		if s.done() {
			return ""
		}
		start := s.i
		if s.token() == "" {
			return "has " + strconv.QuoteRuneToASCII(rune(s.peek())) + " where a challenge or parameter should start, at byte " + strconv.Itoa(s.i+1)
		}
		s.spaces()
		isParam := !s.done() && s.peek() == '='
		s.i = start
		if !isParam {
			s.i = save
			return ""
		}
		if msg := s.param(); msg != "" {
			return msg
		}
		if !s.done() && s.peek() != ',' {
			return "has " + strconv.QuoteRuneToASCII(rune(s.peek())) + " after a parameter, at byte " + strconv.Itoa(s.i+1)
		}
	}
}
