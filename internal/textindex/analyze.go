// Package textindex is the search engine behind httpstatus.Search: the text
// analysis (words, phrase rewrites, stop words, stemming), an inverted index
// that the generator builds once from the catalogue and writes out as Go
// data, and ranked retrieval over it with synonyms and typo tolerance.
package textindex

import (
	"net/url"
	"slices"
	"strings"
)

// Field weights: how much one occurrence of a word in a field of an entry
// says about the entry.
const (
	WeightName     = 10
	WeightAlias    = 7
	WeightKeyword  = 5
	WeightVendor   = 10
	WeightSummary  = 3
	WeightUseCase  = 1.2
	WeightMessage  = 1
	WeightDescr    = 1
	WeightAPIUsage = 0.6
	WeightMistake  = 0.3
	// A signal's text (an exception, a log line, a constant) and the
	// product that produces it.
	WeightSignal  = 7
	WeightProduct = 3
)

// stop says whether w carries no meaning for this catalogue, where every
// entry is an HTTP status code. A switch, which the compiler turns into a
// search by length and bytes: it is asked for every word of every query.
func stop(w string) bool {
	switch w {
	case "a", "an", "the", "is", "are", "was", "were", "be", "been", "being", "to", "of", "for", "my",
		"i", "it", "its", "this", "that", "these", "those", "with", "on", "in", "at", "by", "from", "and",
		"or", "me", "you", "your", "we", "our", "us", "what", "which", "who", "how", "do", "does", "did",
		"when", "where", "why", "should", "can", "could", "would", "will", "shall", "get", "got", "gets",
		"http", "status", "code", "codes", "has", "have", "had", "if", "then", "than", "so",
		"just", "about", "into", "as", "there", "please", "use", "return", "returns", "mean", "means",
		"meaning", "am", "some", "any":
		return true
	}
	return false
}

// phrases are rewritten to one token before indexing and searching, so that
// the spellings people use meet the spellings the catalogue uses.
var phrases = []struct {
	from []string
	to   []string
}{
	{[]string{"time", "out"}, []string{"timeout"}},
	{[]string{"timed", "out"}, []string{"timeout"}},
	{[]string{"times", "out"}, []string{"timeout"}},
	{[]string{"timing", "out"}, []string{"timeout"}},
	{[]string{"took", "too", "long"}, []string{"timeout"}},
	{[]string{"taking", "too", "long"}, []string{"timeout"}},
	{[]string{"takes", "too", "long"}, []string{"timeout"}},
	{[]string{"wait", "too", "long"}, []string{"timeout"}},
	{[]string{"waits", "too", "long"}, []string{"timeout"}},
	{[]string{"waited", "too", "long"}, []string{"timeout"}},
	{[]string{"waiting", "too", "long"}, []string{"timeout"}},
	{[]string{"log", "in"}, []string{"login"}},
	{[]string{"logged", "in"}, []string{"login"}},
	{[]string{"sign", "in"}, []string{"login"}},
	{[]string{"signed", "in"}, []string{"login"}},
	{[]string{"log", "on"}, []string{"login"}},
	{[]string{"rate", "limit"}, []string{"ratelimit"}},
	{[]string{"rate", "limited"}, []string{"ratelimit"}},
	{[]string{"rate", "limiting"}, []string{"ratelimit"}},
	{[]string{"rate", "limits"}, []string{"ratelimit"}},
	{[]string{"too", "big"}, []string{"too", "large"}},
	{[]string{"wi", "fi"}, []string{"wifi"}},
	{[]string{"e", "mail"}, []string{"email"}},
	{[]string{"web", "socket"}, []string{"websocket"}},
	// HTTP versions ("HTTP/1.0", "http2", "HTTP/3") are one token and a
	// mention of versions; the bare digits would say nothing.
	{[]string{"http", "1", "0"}, []string{"http1", "version"}},
	{[]string{"http", "1", "1"}, []string{"http1", "version"}},
	{[]string{"http", "2", "0"}, []string{"http2", "version"}},
	{[]string{"http", "2"}, []string{"http2", "version"}},
	{[]string{"http", "3"}, []string{"http3", "version"}},
	{[]string{"http2"}, []string{"http2", "version"}},
	{[]string{"http3"}, []string{"http3", "version"}},
	{[]string{"h2"}, []string{"http2"}},
	{[]string{"h3"}, []string{"http3"}},
	{[]string{"web", "sockets"}, []string{"websocket"}},
}

// synonyms are groups of stems that may stand for one another in a query,
// at a discount.
var synonyms = [][]string{
	{"timeout", "slow", "expir"},
	{"larg", "big", "huge", "long"},
	{"login", "authent", "credenti", "signin", "logon"},
	{"ratelimit", "throttl", "quota"},
	{"unauthor", "unauthent"},
	{"forbidden", "deni", "refus", "permiss"},
	{"duplic", "conflict"},
	{"delet", "remov"},
	{"upload", "bodi", "payload"},
	{"url", "uri", "link", "address"},
	{"down", "unavail", "offlin", "outag", "mainten"},
	{"overload", "busi", "capac"},
	{"upstream", "backend", "origin"},
	{"proxi", "gatewai"},
	{"ssl", "tl", "certif", "cert", "https"},
	{"wifi", "hotspot", "captiv"},
	{"invalid", "malform", "bad"},
	{"async", "asynchron", "queu", "background"},
	{"move", "redirect", "relocat"},
	{"partial", "part", "rang", "chunk"},
}

// related returns the synonyms of a stem.
func related(stem string) []string { return relatedStems[stem] }

// relatedStems holds, for each stem of a synonym group, the other stems of
// its groups, in the order of synonyms.
var relatedStems = func() map[string][]string {
	m := map[string][]string{}
	for _, g := range synonyms {
		for _, stem := range g {
			for _, s := range g {
				if s != stem {
					m[stem] = append(m[stem], s)
				}
			}
		}
	}
	return m
}()

// Words splits text into lower-case words of letters and digits; an
// apostrophe joins ("I'm" is "im"). Identifiers are split the way developers
// write them: at underscores and qualifiers ("HTTP_NOT_FOUND",
// "Foo::Bar", "pkg.Name"), and at case changes when a name has three parts
// or more ("MethodArgumentNotValidException"); numbers of more than four
// digits carry nothing and are left out.
func Words(text string) []string {
	ws, _ := tokenize(text, false, nil)
	return ws
}

// Idents returns the identifier forms of text: for each identifier in it
// (a name with an underscore, a qualifier, a Ruby symbol's colon or a case
// change), its last part and its last two parts joined, lower-case, without
// underscores. "http.StatusTeapot" gives "statusteapot" and
// "httpstatusteapot"; "NOT_FOUND" gives "notfound".
//
// A short name in capitals ("UF", "NR") is an identifier when it is the
// whole text: a signal's text of several words ("Cannot GET *") does not
// make every query that says GET about it. A numbered error ("Error 1015")
// gives "error1015".
func Idents(text string) []string {
	_, ids := tokenize(text, false, nil)
	if len(strings.Fields(text)) > 1 {
		ids = slices.DeleteFunc(ids, func(id string) bool { return strings.HasPrefix(id, capsMark) })
	}
	return ids
}

// baseName reports whether n is the name of a language's base error class,
// which many packages name their own error after ("reqwest::Error",
// "io::Error", "http.log.error"): alone it names nothing in particular,
// though the qualified forms still do.
func baseName(n string) bool {
	switch n {
	case "error", "errors", "exception", "exceptions", "throwable":
		return true
	}
	return false
}

// capsMark marks an identifier that is only a short name in capitals: it
// meets only its like, never a longer name's last part (the query "FOUND"
// is not Rails' ":found").
const capsMark = "^"

// qualMark marks a query word of the namespace before a qualified name
// (see chunk).
const qualMark = "\x01"

// isSep reports whether c separates the parts of a qualified identifier.
func isSep(c byte) bool { return c == '.' || c == ':' || c == '\\' || c == '$' || c == '#' }

func isAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// inChunk reports whether c may stand inside an identifier.
func inChunk(c byte) bool { return isAlnum(c) || c == '_' || c == '\'' || isSep(c) }

// maxQueryTokens bounds the words read of a query, stop words included.
const maxQueryTokens = 2 * MaxQueryWords

// tokenize splits text into words and identifier forms. With noise set, the
// text is a query that may be a pasted log line: addresses, URLs, paths,
// timestamps, request ids and the keys of key=value pairs are left out.
//
// Words are appended to words, which may be a buffer of the caller's.
func tokenize(text string, noise bool, words []string) (_, idents []string) {
	if strings.Contains(text, "’") {
		text = strings.ReplaceAll(text, "’", "'")
	}
	afterError := false // the field before was the word "error"
	// A line's log level below error ("WARNING", "[INFO]") says how it was
	// logged, not what happened: in pasted text it is noise, unless it is
	// all there is. (ERROR and above stay: a server logs its 500s so.)
	alone := noise && !strings.ContainsAny(strings.TrimSpace(text), " \t\n\r")
	for field := range strings.FieldsSeq(text) {
		if noise && len(words) >= maxQueryTokens {
			break
		}
		if afterError {
			// "Error 1015": a numbered error names itself, wherever the
			// rest of its message stands (Cloudflare's page puts the Ray
			// ID between).
			if n := errorNumber(field); n != "" {
				idents = append(idents, "error"+n)
			}
		}
		afterError = isError(field)
		if noise && !alone && logLevel(field) {
			continue
		}
		if noise {
			field = shapeID(field)
		}
		// A capitalised name called ("return Forbid();", "NotFound()") is a
		// method's name, as in ASP.NET Core's ControllerBase helpers.
		called := callName(field)
		if lowerWord(field) {
			// Most of what people type: a word that is neither noise nor
			// an identifier, and is its own only word.
			words = append(words, field)
			continue
		}
		if noise {
			if e := urlError(field); e != "" {
				// An OAuth redirect's "?error=access_denied&error_description=…":
				// the address is noise, the error it carries is not.
				for f := range strings.FieldsSeq(e) {
					if len(words) >= maxQueryTokens {
						break
					}
					w, id := tokenize(f, true, nil)
					words, idents = append(words, w...), append(idents, id...)
				}
				continue
			}
			var ok bool
			if field, ok = signal(field); !ok {
				continue
			}
		}
		for i := 0; i < len(field); {
			if !inChunk(field[i]) {
				i++
				continue
			}
			j := i
			for j < len(field) && inChunk(field[j]) {
				j++
			}
			words, idents = chunk(field[i:j], i > 0 && field[i-1] == ':' || field[i] == ':', noise, words, idents)
			i = j
		}
		if called != "" && !slices.Contains(idents, called) {
			idents = append(idents, called)
		}
	}
	return words, idents
}

// urlError returns, space-separated, the values of the error parameters
// (error, error_description, error_code, error_reason) in the query string
// of the address f, as an OAuth or OpenID Connect redirect carries them
// (RFC 6749, Section 4.1.2.1); "" when f is no address or has none.
func urlError(f string) string {
	q := strings.IndexByte(f, '?')
	if q < 0 || !strings.Contains(f[:q], "://") && !strings.HasPrefix(f, "/") {
		return ""
	}
	var out []string
	for pair := range strings.SplitSeq(f[q+1:], "&") {
		k, v, ok := strings.Cut(pair, "=")
		if !ok || v == "" {
			continue
		}
		switch k {
		case "error", "error_description", "error_code", "error_reason":
			if u, err := url.QueryUnescape(v); err == nil {
				v = u
			}
			out = append(out, v)
		}
	}
	return strings.Join(out, " ")
}

// shapeID returns f with a shape ID in it written as a qualified name: AWS's
// JSON protocols name an error in "__type" by its Smithy shape ID, the
// service's namespace with the API's version, "#", the shape
// ("com.amazonaws.dynamodb.v20120810#ResourceNotFoundException"), which
// reads as com.amazonaws.dynamodb.ResourceNotFoundException: the service's
// words, then the error's name. A "#" before anything but a capital (a
// URL's fragment, "C#") is left alone.
func shapeID(f string) string {
	i := strings.IndexByte(f, '#')
	if i <= 0 || i+1 >= len(f) || f[i+1] < 'A' || f[i+1] > 'Z' || !isAlnum(f[i-1]) {
		return f
	}
	ns := f[:i]
	if dot := strings.LastIndexByte(ns, '.'); dot >= 0 && apiVersion(ns[dot+1:]) {
		ns = ns[:dot]
	}
	return ns + "." + f[i+1:]
}

// apiVersion reports whether s is an API's version as a namespace's last
// part holds it: "v20120810", "20150331".
func apiVersion(s string) bool {
	s = strings.TrimPrefix(s, "v")
	return len(s) >= 4 && isNumber(s)
}

// callName returns the lower-cased name of a call that f opens with a
// capitalised name of three letters or more ("Forbid();", "NotFound()"), or
// "" when f is no such call. A base class's name is none.
func callName(f string) string {
	if f == "" || f[0] < 'A' || f[0] > 'Z' {
		return ""
	}
	i := 1
	for i < len(f) && (isLetter(f[i]) || f[i] >= '0' && f[i] <= '9') {
		i++
	}
	if i < 3 || i == len(f) || f[i] != '(' {
		return ""
	}
	if name := strings.ToLower(f[:i]); !baseName(name) {
		return name
	}
	return ""
}

// logLevel reports whether f is a log level below error in capitals,
// perhaps in brackets or with a colon after it ("WARNING", "[INFO]",
// "DEBUG:").
func logLevel(f string) bool {
	switch strings.TrimRight(strings.Trim(f, "[]"), ":") {
	case "TRACE", "DEBUG", "INFO", "NOTICE", "WARN", "WARNING":
		return true
	}
	return false
}

// isError reports whether f is the word "error", in any case, perhaps with
// a colon after it.
func isError(f string) bool {
	f = strings.TrimSuffix(f, ":")
	return len(f) == 5 && strings.EqualFold(f, "error")
}

// errorNumber returns the number of an error when f is one: four digits,
// perhaps with a colon after them ("1015", "1020:"). Three digits are a
// status ("error 404"), and longer numbers are ids and counts.
func errorNumber(f string) string {
	f = strings.TrimSuffix(f, ":")
	if len(f) != 4 || !isNumber(f) {
		return ""
	}
	return f
}

// lowerWord reports whether f is only lower-case letters, as most typed
// words are: tokenize's fast path, which must give what signal and chunk
// would.
func lowerWord(f string) bool {
	if f == "" {
		return false
	}
	for i := 0; i < len(f); i++ {
		if f[i] < 'a' || f[i] > 'z' {
			return false
		}
	}
	return true
}

// chunk appends the words and identifier forms of one run of identifier
// characters. symbol says a colon stood before it, as in ":not_found".
func chunk(c string, symbol, qualify bool, words, idents []string) ([]string, []string) {
	for len(c) > 0 && (isSep(c[0]) || c[0] == '\'') {
		symbol = symbol || c[0] == ':'
		c = c[1:]
	}
	for len(c) > 0 && (isSep(c[len(c)-1]) || c[len(c)-1] == '\'') {
		c = c[:len(c)-1]
	}
	if c == "" {
		return words, idents
	}
	var segBuf [8]string
	segs := segBuf[:0]
	ident := symbol && isLetter(c[0])
	for i := 0; i < len(c); {
		j := i
		for j < len(c) && !isSep(c[j]) {
			j++
		}
		if j > i {
			segs = append(segs, c[i:j])
		}
		for j < len(c) && isSep(c[j]) {
			j++
		}
		i = j
	}
	if len(segs) > 1 {
		ident = true
	}
	caps := false // a short name in capitals: Envoy's "UF", HAProxy's "SC"
	// In a query, the namespace before a qualified class name
	// ("System.Threading.Tasks" of System.Threading.Tasks.TaskCanceledException)
	// says where the name lives: its words are marked, so that they count
	// when a document holds them and are not missed when it does not.
	quals := 0
	if qualify && len(segs) > 1 {
		if l := segs[len(segs)-1]; len(l) >= 3 && l[0] >= 'A' && l[0] <= 'Z' {
			quals = len(segs) - 1
		}
	}
	for k, s := range segs {
		n0 := len(words)
		var partBuf [8]string
		parts := camelParts(partBuf[:0], s)
		if strings.Contains(s, "_") || len(parts) > 1 {
			ident = true
		}
		if len(segs) == 1 && len(s) >= 2 && len(s) <= 20 && allCaps(s) {
			ident, caps = true, true
		}
		if numbered(s) {
			ident = true // a message number: AH01630, H12, E404
		}
		if len(parts) < 3 {
			parts = []string{s}
		}
		for _, p := range parts {
			if p == "GET" {
				// The method in capitals, not the verb "get", which
				// says nothing: Express's "Cannot GET /path".
				words = append(words, "httpget")
				continue
			}
			words = appendWords(words, p)
		}
		if k < quals {
			for x := n0; x < len(words); x++ {
				words[x] = qualMark + words[x]
			}
		}
	}
	if ident {
		last := norm(segs[len(segs)-1])
		switch {
		case caps:
			idents = append(idents, capsMark+last)
		case len(last) >= 3 && isLetter(last[0]) && !baseName(last):
			idents = append(idents, last)
		}
		// A message number anywhere in the run is a name of its own.
		for _, sg := range segs[:len(segs)-1] {
			if numbered(sg) {
				idents = append(idents, norm(sg))
			}
		}
		if len(segs) > 1 {
			if prev := norm(segs[len(segs)-2]); prev != "" && isLetter(prev[0]) && last != "" {
				idents = append(idents, prev+last)
			}
		}
	}
	return words, idents
}

// allCaps reports whether s is all capital letters.
func allCaps(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return true
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// norm lower-cases an identifier part and drops what is not a letter or digit.
func norm(s string) string {
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if c := s[i]; isAlnum(c) {
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			b = append(b, c)
		}
	}
	return string(b)
}

// camelParts splits s at its case changes: "HttpStatusCode" is Http,
// Status, Code; "HTTPStatus" is HTTP, Status. Underscores and other
// characters split too. It appends the parts to parts and returns it.
func camelParts(parts []string, s string) []string {
	start := -1
	flush := func(i int) {
		if start >= 0 && i > start {
			parts = append(parts, s[start:i])
		}
		start = -1
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !isAlnum(c) {
			if c != '\'' {
				flush(i)
			}
			continue
		}
		if start < 0 {
			start = i
			continue
		}
		p := s[i-1]
		upper := c >= 'A' && c <= 'Z'
		switch {
		case upper && p >= 'a' && p <= 'z':
			flush(i)
			start = i
		case upper && p >= 'A' && p <= 'Z' && i+1 < len(s) && s[i+1] >= 'a' && s[i+1] <= 'z':
			flush(i)
			start = i
		}
	}
	flush(len(s))
	return parts
}

// appendWords appends the lower-case words of s, split at anything but
// letters and digits; an apostrophe joins. A word already in lower case is
// a slice of s, not a copy.
func appendWords(out []string, s string) []string {
	var buf [48]byte
	b := buf[:0]
	start, same := 0, true // where the word began in s; whether b is s[start:i]
	emit := func(i int) {
		if len(b) > 0 && !longNumber(b) {
			if same {
				out = append(out, s[start:i])
			} else {
				out = append(out, string(b))
			}
		}
		b, start, same = b[:0], i+1, true
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
			b = append(b, c)
		case c >= 'A' && c <= 'Z':
			b = append(b, c+'a'-'A')
			same = false
		case c == '\'':
			same = false
		default:
			emit(i)
		}
	}
	emit(len(s))
	return out
}

// longNumber reports whether w is all digits and longer than five: a byte
// count, a process id or a time, never a status code or a vendor's error
// number (Twilio's are five digits: 20003, 21211).
func longNumber(w []byte) bool {
	if len(w) <= 5 {
		return false
	}
	for _, c := range w {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// signal returns what of one white-space separated field of a pasted text
// may carry meaning, or false when the field is noise: a URL, a path, an
// address, a date or time, a hex id, a long mixed id. The key of a
// key=value pair is dropped and its value judged.
func signal(f string) (string, bool) {
	if k, v, ok := strings.Cut(f, "="); ok && k != "" && isKey(k) {
		f = v
	}
	f = strings.Trim(f, "[](){}<>\"',;")
	f = strings.TrimRight(f, ":.") // "(110:", "done."
	if f == "" || strings.Contains(f, "://") || f[0] == '/' || hostName(f) {
		return "", false
	}
	digits, letters, hex, seps, colons := 0, 0, true, 0, 0
	for i := 0; i < len(f); i++ {
		c := f[i]
		switch {
		case c >= '0' && c <= '9':
			digits++
		case c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F':
			letters++
		case isLetter(c):
			letters++
			hex = false
		case c == '.' || c == '/' || c == '-' || c == ':':
			seps++
			if c == ':' {
				colons++
			}
			if c != '-' && c != ':' {
				hex = false
			}
		default:
			hex = false
		}
	}
	switch {
	case letters == 0 && digits > 0 && (seps >= 2 || seps == 1 && !strings.Contains(f, ".")):
		return "", false // an address, a date, a time; "404.13" stays
	case letters == 0 && digits > 0 && seps == 1 && !subStatus(f):
		return "", false // a measure: "0.873" seconds, "29.01", version "2.0"
	case hex && digits > 0 && letters > 0 && len(f) >= 8 && !numbered(f):
		return "", false // a request id, a UUID, a hash; not Okta's E0000047
	case hex && colons >= 2 && digits > 0:
		return "", false // an IPv6 address
	case digits > 0 && quantityUnits[strings.TrimLeft(f, "0123456789")]:
		// A quantity keeps its unit, as a message with the number left
		// out holds it: "5000ms" of axios's "timeout of 5000ms exceeded".
		return strings.TrimLeft(f, "0123456789"), true
	case digits >= 5 && letters > 0 && !numbered(f):
		// "pid:12345": a name and a long number, of which the name says
		// something; "req-8f31a0c2d4" says nothing. Not "AH01630". A
		// quantity ("30000ms", "12345kb") keeps its unit, as a message
		// with the number left out holds it ("timeout of *ms exceeded").
		if k, v, ok := strings.Cut(f, ":"); ok && len(k) >= 2 && letters == len(k) && isNumber(v) {
			return k, true
		}
		if u := strings.TrimLeft(f, "0123456789"); len(u) <= 2 && len(u) == letters && lowerWord(u) {
			return u, true
		}
		return "", false
	}
	return f, true
}

// subStatus reports whether f, a number with one dot, is a status with a
// sub-status, as IIS writes them ("404.13", "500.19,"), rather than a
// measure.
func subStatus(f string) bool {
	n, _, _ := strings.Cut(strings.TrimLeft(f, "([\"'"), ".")
	return len(n) == 3 && n[0] >= '1' && n[0] <= '5' && isNumber(n)
}

// hostName reports whether f is a host name ("myapp.ngrok-free.app",
// "api.example.com"): lower-case labels joined by dots, with a hyphen in
// one of them or a last label that is a common top-level domain. A dotted
// name in code ("json.loads", "org.springframework.web") has neither.
func hostName(f string) bool {
	dot := strings.LastIndexByte(f, '.')
	if dot <= 0 || dot == len(f)-1 {
		return false
	}
	hyphen := false
	for i := 0; i < len(f); i++ {
		switch c := f[i]; {
		case c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.':
		case c == '-':
			hyphen = true
		default:
			return false
		}
	}
	return hyphen || topLevel[f[dot+1:]]
}

// topLevel are the top-level domains common in pasted host names: generic
// ones, and the country codes that are no common file extension or word
// after a dot in code ("main.go", "app.py", "user.id", "x.in").
var topLevel = setOf("com", "org", "net", "io", "app", "dev", "co", "uk", "de", "local", "internal",
	"localhost", "ai", "cloud", "test", "example", "gov", "edu", "info", "biz", "xyz", "online", "site",
	"shop", "store", "tech", "tv", "eu", "us", "ca", "mx", "br", "ar", "cl", "fr", "nl", "es", "ch",
	"se", "dk", "fi", "ie", "pt", "gr", "cz", "hu", "ro", "pl", "ru", "tr", "il", "ae", "za", "ng",
	"ke", "au", "nz", "jp", "kr", "cn", "tw", "hk", "sg", "ph", "vn")

// numbered reports whether f is a message number: up to four letters, then
// digits, at least two after one or two letters ("H12", "AH01630", "E404"),
// at least three after more ("AUTH001"), or five or six capitals and three
// digits or more ("AADSTS7000215", "PGRST116"); not "http2" or "utf8".
func numbered(f string) bool {
	i := 0
	for i < len(f) && isLetter(f[i]) {
		i++
	}
	letters, digits := i, len(f)-i
	if letters == 0 || digits < 2 || letters > 2 && digits < 3 || letters > 4 && (letters > 6 || !allCaps(f[:i])) {
		return false
	}
	return isNumber(f[i:])
}

// jsonKeys rewrites the keys of JSON and JSON-like logs ("status":502,
// {"message":"Bad credentials"}) out of a pasted text, since they are
// format, not message, and returns the statuses that keys naming a status
// give ("status":400, "statusCode":403, "DownstreamStatus":502).
func jsonKeys(text string) (string, []int) {
	if !strings.Contains(text, "\":") {
		return text, nil
	}
	var b strings.Builder
	var codes []int
	for {
		i := strings.Index(text, "\":")
		if i < 0 {
			b.WriteString(text)
			break
		}
		j := strings.LastIndexByte(text[:i], '"')
		if j < 0 {
			b.WriteString(text[:i+2])
			text = text[i+2:]
			continue
		}
		key := strings.ToLower(text[j+1 : i])
		b.WriteString(text[:j])
		b.WriteByte(' ')
		text = text[i+2:]
		switch {
		case strings.Contains(key, "status"):
			v := strings.TrimLeft(text, " \"")
			if len(v) >= 3 && isNumber(v[:3]) && (len(v) == 3 || !isAlnum(v[3])) {
				codes = append(codes, int(v[0]-'0')*100+int(v[1]-'0')*10+int(v[2]-'0'))
			}
		case isKey(key) && !strings.Contains(key, "cod") && !strings.Contains(key, "error"):
			// A number under any other key is that field's value, a
			// count, a cost, a rate ("restoreRate":100.0), not a status.
			v := strings.TrimLeft(text, " ")
			n := 0
			for n < len(v) && (v[n] >= '0' && v[n] <= '9' || n > 0 && (v[n] == '.' || v[n] == 'e' || v[n] == 'E') || v[n] == '-' || v[n] == '+') {
				n++
			}
			if n > 0 && (n == len(v) || !isAlnum(v[n])) {
				text = v[n:]
			}
		}
	}
	return b.String(), codes
}

// hasDigit reports whether s holds an ASCII digit: a plain loop, cheaper for
// a short query than strings.ContainsAny, which first builds a set.
func hasDigit(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			return true
		}
	}
	return false
}

// statusCodes returns the numbers of query that stand alone as a status
// code would: "404", "(503)", "status=502", IIS's "404.13"; not the digits
// of an address, a time or a decimal ("10.520"). Those a key or a result
// names ("status=502", Squid's "TCP_DENIED/403") come first, then the
// others in the order they stand.
func statusCodes(query string) []int {
	if !hasDigit(query) {
		return nil
	}
	var out []int
	named := 0 // the statuses a key or a result names come first, in order
	fields := strings.Fields(query)
	for i, f := range fields {
		keyed := false
		if k, v, ok := strings.Cut(f, "="); ok && isKey(k) {
			if labels[strings.ToLower(k)] {
				continue // "port=443", "line=404"
			}
			f, keyed = v, true
		}
		// Squid's "TCP_DENIED/403": a result, a slash, the status.
		if k, v, ok := strings.Cut(f, "/"); ok && len(k) > 1 && allCapsWord(k) {
			f, keyed = v, true
		}
		// An error made with its status: Julia's "StatusError(403,",
		// "HTTPError(404)".
		if n, ok := calledStatus(f); ok {
			f, keyed = n, true
		}
		// nginx's "(104: Connection reset by peer)": an errno, not a status.
		if strings.HasPrefix(f, "(") && strings.HasSuffix(f, ":") {
			continue
		}
		// A number a message quotes is a value it reports, Marketo's "Max
		// rate limit '100' exceeded", not the response's status, unless
		// the message says it is one: cert-manager's "wrong status code
		// '404', expected '200'".
		if t := strings.TrimRight(f, ",;:.)"); !keyed && len(t) >= 2 && t[0] == '\'' && t[len(t)-1] == '\'' &&
			(i == 0 || !statusWords[strings.ToLower(strings.Trim(fields[i-1], "[(,;:"))]) {
			continue
		}
		f = strings.Trim(f, "[](){}<>\"'`,;:")
		// "100 seconds", "413 bytes": a measure, not a status.
		if i+1 < len(fields) && units[strings.ToLower(strings.Trim(fields[i+1], ".,;:)"))] {
			continue
		}
		// "on line 421", "port 443": a place, not a status.
		if i > 0 && labels[strings.ToLower(strings.Trim(fields[i-1], "[(,;:"))] {
			continue
		}
		if len(f) > 3 && f[3] == '.' && (len(f) == 4 || isNumber(f[4:])) {
			f = f[:3] // IIS sub-status, or the end of a sentence ("Status code: 502.")
		}
		if len(f) == 3 && isNumber(f) {
			n := int(f[0]-'0')*100 + int(f[1]-'0')*10 + int(f[2]-'0')
			switch {
			case slices.Contains(out[:named], n):
			case keyed:
				if k := slices.Index(out, n); k >= 0 {
					out = slices.Delete(out, k, k+1)
				}
				out = slices.Insert(out, named, n)
				named++
			case !slices.Contains(out, n):
				out = append(out, n)
			}
		}
	}
	return out
}

// calledStatus returns the status an error's constructor is called with in
// f ("StatusError(403," gives 403), if f is such a call: a name ending in
// error, exception or status, then a number of three digits alone.
func calledStatus(f string) (string, bool) {
	i := strings.IndexByte(f, '(')
	if i <= 0 || len(f) < i+4 {
		return "", false
	}
	name := strings.ToLower(f[:i])
	if !strings.HasSuffix(name, "error") && !strings.HasSuffix(name, "exception") && !strings.HasSuffix(name, "status") {
		return "", false
	}
	n := f[i+1 : i+4]
	if !isNumber(n) || len(f) > i+4 && f[i+4] != ',' && f[i+4] != ')' {
		return "", false
	}
	return n, true
}

// quantityUnits are the units written fast after a number ("5000ms",
// "30sec", "512kb"); "s" and "b" are not among them, as "404s" are statuses.
var quantityUnits = setOf("ms", "sec", "secs", "kb", "kib", "mb", "mib", "gb", "gib")

// units are the words after a number that make it a measure.
var units = setOf("ms", "s", "sec", "secs", "second", "seconds", "minute", "minutes", "min", "mins", "hours",
	"bytes", "byte", "b", "kb", "kib", "mb", "mib", "gb", "tokens", "requests", "times", "retries", "attempts",
	"items", "rows", "chars", "characters", "lines", "px", "%")

// labels are the words before a number that make it a place, a name or
// what a test wanted rather than what came: PHP's "on line 421", Python's
// "line 404, in view" and "[Errno 104]", "port 500", supertest's "expected
// 200 "OK", got 401", Go's "got 404, want 200"; and a vendor's own error
// number, Postmark's "ErrorCode 300" (not "error code 404", two words).
var labels = setOf("line", "col", "column", "port", "pid", "child", "thread", "worker", "errno",
	"expected", "expecting", "want", "wanted", "errorcode", "error_code")

// statusWords are the words before a quoted number that make it a status.
var statusWords = setOf("status", "code", "statuscode", "status_code")

// allCapsWord reports whether k is capitals, digits and underscores,
// beginning with a capital.
func allCapsWord(k string) bool {
	if k == "" || k[0] < 'A' || k[0] > 'Z' {
		return false
	}
	for i := 0; i < len(k); i++ {
		if c := k[i]; !(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_') {
			return false
		}
	}
	return true
}

// isKey reports whether k can be the key of a key=value pair in a log line.
func isKey(k string) bool {
	for i := 0; i < len(k); i++ {
		if c := k[i]; !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == '-') {
			return false
		}
	}
	return true
}

// contractions are negations written short; they mean "not" ("doesn't"
// tokenizes as "doesnt"), and the verb carries no meaning here.
var contractions = setOf(
	"dont", "doesnt", "didnt", "isnt", "arent", "wasnt", "werent", "cant", "cannot", "couldnt",
	"wont", "wouldnt", "shouldnt", "hasnt", "havent", "hadnt", "mustnt", "neednt",
)

// phrasesFrom indexes phrases by their first word, in their order.
var phrasesFrom = func() map[string][]int {
	m := map[string][]int{}
	for i, p := range phrases {
		m[p.from[0]] = append(m[p.from[0]], i)
	}
	return m
}()

// rewrite applies the phrase rewrites to a word list. It returns ws itself
// when none applies.
func rewrite(ws []string) []string {
	var out []string // made at the first rewrite
	for i := 0; i < len(ws); i++ {
		to, n, ok := rewriteAt(ws, i)
		if !ok {
			if out != nil {
				out = append(out, ws[i])
			}
			continue
		}
		if out == nil {
			out = append(make([]string, 0, len(ws)+len(to)), ws[:i]...)
		}
		out = append(out, to...)
		i += n - 1
	}
	if out == nil {
		return ws
	}
	return out
}

// rewriteAt returns the rewrite of the words of ws from i on, and how many
// words it takes, if one applies there.
func rewriteAt(ws []string, i int) (to []string, n int, ok bool) {
	if contractions[ws[i]] {
		return not, 1, true
	}
	for _, k := range phrasesFrom[ws[i]] {
		if p := &phrases[k]; i+len(p.from) <= len(ws) && slices.Equal(ws[i:i+len(p.from)], p.from) {
			return p.to, len(p.from), true
		}
	}
	return nil, 0, false
}

var not = []string{"not"}

// Analyze turns text into the stems the index holds: words, phrase
// rewrites, stop words out, stemming.
func Analyze(text string) []string {
	out, _ := analyze(text)
	return out
}

// analyze returns the stems of text and the surface words they came from.
func analyze(text string) (stems, surface []string) {
	words, _ := tokenize(text, false, nil)
	for _, w := range rewrite(words) {
		if stop(w) {
			continue
		}
		stems = append(stems, Stem(american(w)))
		surface = append(surface, w)
	}
	return stems, surface
}

// gaps returns the Gaps of a phrase of text whose stems are stems: where
// text's variable parts ("*") stand between them. It returns none when the
// parts of text, analysed one by one, do not give the same stems (a
// rewrite across a "*"), so that such a phrase is held only whole.
func gaps(text string, stems []string) uint64 {
	if !strings.Contains(text, "*") {
		return 0
	}
	var g uint64
	n := 0
	for i, part := range strings.Split(text, "*") {
		ps, _ := analyze(part)
		if i > 0 && n > 0 && n < len(stems) && n < 64 {
			g |= 1 << n
		}
		if n+len(ps) > len(stems) || !slices.Equal(ps, stems[n:n+len(ps)]) {
			return 0
		}
		n += len(ps)
	}
	if n != len(stems) {
		return 0
	}
	return g
}

// britishEndings are suffixes whose British spelling differs from the
// American one the stemmer knows ("unauthorised", "behaviour").
var britishEndings = [][2]string{
	{"orisation", "orization"}, {"alisation", "alization"}, {"isation", "ization"},
	{"orised", "orized"}, {"orises", "orizes"}, {"orising", "orizing"}, {"orise", "orize"},
	{"alised", "alized"}, {"alises", "alizes"}, {"alising", "alizing"}, {"alise", "alize"},
	{"ognised", "ognized"}, {"ognise", "ognize"}, {"anised", "anized"}, {"anise", "anize"},
	{"imised", "imized"}, {"imise", "imize"}, {"itised", "itized"}, {"itise", "itize"},
	{"lyse", "lyze"}, {"lysed", "lyzed"},
	{"iour", "ior"}, {"olour", "olor"}, {"onour", "onor"}, {"avour", "avor"}, {"abour", "abor"},
	{"centre", "center"}, {"licence", "license"},
}

// american respells the common British endings the American way, so that
// both spellings meet in the index.
func american(w string) string {
	if len(w) < 5 {
		return w
	}
	for _, e := range britishEndings {
		if strings.HasSuffix(w, e[0]) {
			return w[:len(w)-len(e[0])] + e[1]
		}
	}
	return w
}

func setOf(ws ...string) map[string]bool {
	m := make(map[string]bool, len(ws))
	for _, w := range ws {
		m[w] = true
	}
	return m
}
