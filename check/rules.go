package check

import (
	"github.com/httpstatus/httpstatus/internal/httpsyntax"
	"mime"
	"net/http"
	"net/textproto"
	"strconv"
	"strings"
	"sync"

	"github.com/httpstatus/httpstatus"
)

// exchange is one response, what is known of its request, and what was
// received of its content.
type exchange struct {
	status      int
	method      string
	methodKnown bool
	reqHeader   http.Header // nil when the request's header fields are unknown

	header       http.Header
	proto        int         // HTTP major version
	content      []byte      // the content received
	chunked      bool        // Transfer-Encoding was sent
	short        bool        // the body ended before Content-Length said it would
	tooLong      bool        // more than MaxContent was sent; content is cut
	uncompressed bool        // a client decoded the content and dropped its length
	noDate       bool        // a handler's output: net/http's server adds Date
	full         http.Header // a 200's header section for the same request, if known
	text         bool        // parsed from text, where a paste may add a line end
}

func newExchange(status int, req *http.Request) *exchange {
	x := &exchange{status: status, method: methodOf(req)}
	if req != nil && req.Method != "" {
		x.methodKnown = true
		x.reqHeader = req.Header
	}
	return x
}

// A test evaluates a rule against an exchange. It returns what is wrong,
// or "" when the rule holds.
type test func(x *exchange, header string) string

// tests are the ways httpstatus.Rules can be evaluated, by the name of the
// rule's test field.
var tests = map[string]test{
	"absent": func(x *exchange, h string) string {
		if _, ok := x.header[h]; ok {
			return h + " is present"
		}
		return ""
	},
	"present": func(x *exchange, h string) string {
		if h == "Date" && x.noDate {
			return ""
		}
		if _, ok := x.header[h]; !ok {
			return h + " is missing"
		}
		return ""
	},
	"no-content":     testNoContent,
	"length-matches": testLengthMatches,
	"grammar":        testGrammar,
	"range-agrees":   testRangeAgrees,
	"not-multipart": func(x *exchange, _ string) string {
		return ifTrue(x.multipart(), "the response is multipart/byteranges")
	},
	"unsatisfied-range":     testUnsatisfiedRange,
	"allow-excludes-method": testAllowExcludes,
	"lists-upgrade": func(x *exchange, _ string) string {
		return ifTrue(!httpsyntax.HasToken(x.header["Connection"], "upgrade"), "Upgrade is sent without the upgrade option in Connection")
	},
	"heuristic-freshness": testHeuristic,
	"problem-json":        testProblemJSON,
}

// byTool names the tests of rules about several responses, which no check
// of one response can judge: "chain" (a redirect chain, judged by
// httpstatus check --follow) and "probe" (a comparison of responses to
// related requests, judged by httpstatus check --probe).
var byTool = map[string]bool{"chain": true, "probe": true}

// conditions are the values of HeaderRule.When and Rule.When that the
// checker can judge. A condition missing here (like-200, server-prefers,
// offers-upload) cannot be judged from one response, and its rule is left
// out.
var conditions = map[string]func(x *exchange) bool{
	"":            func(*exchange) bool { return true },
	"single-part": func(x *exchange) bool { return !x.multipart() },
	"multipart":   (*exchange).multipart,
	"byte-range-request": func(x *exchange) bool {
		return x.reqHeader == nil || strings.HasPrefix(strings.TrimSpace(x.reqHeader.Get("Range")), "bytes=")
	},
	"single-range-request": func(x *exchange) bool {
		r := strings.TrimSpace(x.reqHeader.Get("Range"))
		return strings.HasPrefix(r, "bytes=") && !strings.Contains(r, ",")
	},
	"get-or-head": func(x *exchange) bool { return x.method == http.MethodGet || x.method == http.MethodHead },
	"patch":       func(x *exchange) bool { return x.method == http.MethodPatch },
	"request-without-content-coding": func(x *exchange) bool {
		return x.reqHeader != nil && x.reqHeader.Get("Content-Encoding") == ""
	},
	"transfer-encoding": func(x *exchange) bool { return x.chunked },
	"upgrade":           func(x *exchange) bool { return x.header.Get("Upgrade") != "" },
	"method-known":      func(x *exchange) bool { return x.methodKnown },
}

// Unjudgeable are the conditions of the catalogue that no single response
// can settle; rules under them are not applied.
var unjudgeable = map[string]string{
	"like-200":       "only if a 200 to the same request would carry the field (judged with Options.Full)",
	"server-prefers": "only if the server has a preferred choice",
	"offers-upload":  "only in the 104 that announces an upload resource",
}

// codeRule is a compiled header rule of one code.
type codeRule struct {
	id    string
	names []string // canonical header names; any one satisfies the rule
	rule  httpstatus.HeaderRule
	cond  func(*exchange) bool
}

// rule is a compiled message-level rule.
type rule struct {
	httpstatus.Rule
	header string // canonical
	status func(int) bool
	cond   func(*exchange) bool
	test   test
}

type ruleSet struct {
	perCode map[int][]codeRule
	general []rule
}

// cacheable says by code whether the code's primary meaning is
// heuristically cacheable (RFC 9110, Section 15.1).
var cacheable = sync.OnceValue(func() map[int]bool {
	out := map[int]bool{}
	for _, e := range httpstatus.All() {
		if _, seen := out[e.Code]; !seen {
			out[e.Code] = e.Cacheable
		}
	}
	return out
})

var compiled = sync.OnceValue(compile)

func compile() *ruleSet {
	rs := &ruleSet{perCode: map[int][]codeRule{}}
	for _, e := range httpstatus.All() {
		if _, seen := rs.perCode[e.Code]; seen {
			continue // the primary meaning comes first
		}
		rs.perCode[e.Code] = nil
		for _, h := range e.Headers {
			cond, ok := conditions[h.When]
			if h.When == "like-200" {
				name := textproto.CanonicalMIMEHeaderKey(h.Name)
				cond, ok = func(x *exchange) bool { return x.full != nil && x.full[name] != nil }, true
			}
			if !ok || h.Requirement == httpstatus.May {
				continue
			}
			cr := codeRule{
				id:   itoa3(e.Code) + "-" + strings.ToLower(strings.ReplaceAll(h.Name, " ", "-")),
				rule: h,
				cond: cond,
			}
			for _, n := range strings.Split(h.Name, " or ") {
				cr.names = append(cr.names, textproto.CanonicalMIMEHeaderKey(strings.TrimSpace(n)))
			}
			rs.perCode[e.Code] = append(rs.perCode[e.Code], cr)
		}
	}
	for _, r := range httpstatus.Rules() {
		if byTool[r.Test] {
			continue
		}
		cond, ok := conditions[r.When]
		t, ok2 := tests[r.Test]
		if !ok || !ok2 {
			continue // TestRulesKnown keeps this from happening
		}
		rs.general = append(rs.general, rule{
			Rule:   r,
			header: textproto.CanonicalMIMEHeaderKey(r.Header),
			status: statusMatcher(r.Status, r.ExceptStatus),
			cond:   cond,
			test:   t,
		})
	}
	return rs
}

// statusMatcher matches codes against patterns such as "1xx" and "204".
func statusMatcher(in, except []string) func(int) bool {
	match := func(pats []string, code int) bool {
		c := itoa3(code)
		for _, p := range pats {
			if len(p) == 3 && (p[0] == 'x' || p[0] == c[0]) && (p[1] == 'x' || p[1] == c[1]) && (p[2] == 'x' || p[2] == c[2]) {
				return true
			}
		}
		return false
	}
	return func(code int) bool {
		return (len(in) == 0 || match(in, code)) && !match(except, code)
	}
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// report applies every rule to x.
func (x *exchange) report() Report {
	rs := compiled()
	rep := Report{Status: x.status, Method: x.method, Findings: []Finding{}}
	type key struct {
		header string
		req    httpstatus.Requirement
	}
	covered := map[key]bool{}
	for _, cr := range rs.perCode[x.status] {
		if !cr.cond(x) {
			continue
		}
		present := false
		for _, n := range cr.names {
			if _, ok := x.header[n]; ok {
				present = true
			}
		}
		if n := cr.names[0]; n == "Date" && x.noDate {
			present = true
		}
		var msg string
		switch cr.rule.Requirement {
		case httpstatus.Must, httpstatus.Should:
			if !present {
				msg = itoa3(x.status) + " without " + cr.rule.Name + ": " + cr.rule.Note
			}
		case httpstatus.MustNot, httpstatus.ShouldNot:
			if present {
				msg = itoa3(x.status) + " with " + cr.rule.Name + ": " + cr.rule.Note
			}
		}
		if msg == "" {
			continue
		}
		covered[key{cr.names[0], cr.rule.Requirement}] = true
		rep.Findings = append(rep.Findings, Finding{
			Rule:        cr.id,
			Requirement: cr.rule.Requirement,
			Header:      cr.rule.Name,
			Message:     msg,
			Spec:        cr.rule.Spec,
			SpecURL:     cr.rule.SpecURL,
		})
	}
	for i := range rs.general {
		r := &rs.general[i]
		if !r.status(x.status) || len(r.Methods) > 0 && !contains(r.Methods, x.method) ||
			contains(r.ExceptMethods, x.method) || !r.cond(x) {
			continue
		}
		what := r.test(x, r.header)
		if what == "" || covered[key{r.header, r.Requirement}] {
			continue
		}
		rep.Findings = append(rep.Findings, Finding{
			Rule:        r.ID,
			Requirement: r.Requirement,
			Header:      r.Rule.Header,
			Message:     what + ": " + r.Fix,
			Spec:        r.Spec,
			SpecURL:     r.SpecURL,
		})
	}
	sortFindings(rep.Findings)
	return rep
}

func ifTrue(cond bool, msg string) string {
	if cond {
		return msg
	}
	return ""
}

// multipart reports whether the content is multipart/byteranges.
func (x *exchange) multipart() bool {
	mt, _, _ := strings.Cut(x.header.Get("Content-Type"), ";")
	return strings.EqualFold(strings.TrimSpace(mt), "multipart/byteranges")
}

// pasteEnd reports whether extra, the bytes beyond what the message should
// hold, is only the line end a paste adds to a text.
func (x *exchange) pasteEnd(extra []byte) bool {
	return x.text && (string(extra) == "\n" || string(extra) == "\r\n")
}

func testNoContent(x *exchange, _ string) string {
	if len(x.content) == 0 || x.pasteEnd(x.content) {
		return ""
	}
	return "the response has " + strconv.Itoa(len(x.content)) + " bytes of content after its header section"
}

func testLengthMatches(x *exchange, _ string) string {
	vals := x.header["Content-Length"]
	if len(vals) == 0 || x.chunked || x.uncompressed || x.tooLong {
		return ""
	}
	n, ok := contentLength(vals)
	if !ok {
		return "" // content-length-syntax reports it
	}
	if x.short {
		return "Content-Length says " + strconv.FormatInt(n, 10) + " bytes, but the content ended sooner"
	}
	got := int64(len(x.content))
	if got == n {
		return ""
	}
	if got > n && x.pasteEnd(x.content[n:]) {
		return ""
	}
	if x.text {
		// A paste may have turned CRLF into LF in the content, or a form
		// LF into CRLF; the server is not to blame for either.
		crlf := int64(strings.Count(string(x.content), "\r\n"))
		lfs := int64(strings.Count(string(x.content), "\n"))
		if got-crlf == n || got+lfs-crlf == n {
			return ""
		}
	}
	return "Content-Length says " + strconv.FormatInt(n, 10) + " bytes, but " + strconv.FormatInt(got, 10) + " bytes of content followed"
}

// contentLength parses the values of Content-Length: one number, or a list
// of the same number.
func contentLength(vals []string) (int64, bool) {
	var n int64 = -1
	for _, v := range vals {
		for _, p := range strings.Split(v, ",") {
			p = strings.TrimSpace(p)
			if p == "" || len(p) > 18 || strings.Trim(p, "0123456789") != "" {
				return 0, false
			}
			m, _ := strconv.ParseInt(p, 10, 64)
			if n >= 0 && m != n {
				return 0, false
			}
			n = m
		}
	}
	return n, n >= 0
}

func testRangeAgrees(x *exchange, _ string) string {
	v := x.header.Get("Content-Range")
	if v == "" || x.chunked || x.uncompressed || x.tooLong || x.short {
		return ""
	}
	first, last, _, ok := parseByteRange(v)
	if !ok || first < 0 {
		return "" // another unit, */N, or content-range-syntax reports it
	}
	want := last - first + 1
	got := int64(len(x.content))
	if got == want || got > want && x.pasteEnd(x.content[want:]) {
		return ""
	}
	return "Content-Range " + v + " encloses " + strconv.FormatInt(want, 10) + " bytes, but the content has " + strconv.FormatInt(got, 10)
}

func testUnsatisfiedRange(x *exchange, _ string) string {
	v := x.header.Get("Content-Range")
	if v == "" {
		return "" // the 416's own header rule reports a missing one
	}
	if first, _, _, ok := parseByteRange(v); ok && first == -1 {
		return ""
	}
	return "Content-Range is " + quote(v) + ", not bytes */LENGTH"
}

func testAllowExcludes(x *exchange, _ string) string {
	vals, ok := x.header["Allow"]
	if !ok {
		return ""
	}
	for _, v := range vals {
		for _, m := range strings.Split(v, ",") {
			if strings.TrimSpace(m) == x.method {
				return "Allow lists " + x.method + ", the method this 405 refused"
			}
		}
	}
	return ""
}

func testHeuristic(x *exchange, _ string) string {
	if !cacheable()[x.status] {
		return ""
	}
	if _, ok := x.header["Expires"]; ok {
		return ""
	}
	for _, v := range x.header["Cache-Control"] {
		for _, d := range strings.Split(v, ",") {
			name, _, _ := strings.Cut(strings.TrimSpace(d), "=")
			switch strings.ToLower(strings.TrimSpace(name)) {
			case "max-age", "s-maxage", "no-store", "no-cache":
				return ""
			}
		}
	}
	return "a " + itoa3(x.status) + " is heuristically cacheable, and this one says nothing of its freshness, so caches may reuse it for a time of their choosing"
}

func testProblemJSON(x *exchange, _ string) string {
	mt, _, err := mime.ParseMediaType(x.header.Get("Content-Type"))
	if err != nil || mt != "application/json" || len(x.content) == 0 && x.method != http.MethodHead {
		return ""
	}
	return "this error is plain application/json"
}
