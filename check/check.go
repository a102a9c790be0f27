package check

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"sort"

	"github.com/httpstatus/httpstatus"
)

// MaxContent is the most content Response reads from a response body;
// beyond it the content is not held to Content-Length.
const MaxContent = 8 << 20

// A Finding is one rule that a response breaks, or one piece of advice
// about it.
type Finding struct {
	Rule        string                 `json:"rule"`        // the rule's stable id, e.g. "401-www-authenticate"
	Requirement httpstatus.Requirement `json:"requirement"` // MUST, MUST NOT, SHOULD, SHOULD NOT or MAY
	Header      string                 `json:"header"`      // the header field concerned; empty for the content or status line
	Message     string                 `json:"message"`     // what is wrong and how to fix it, in one line
	Spec        string                 `json:"spec"`        // e.g. "RFC 9110, Section 15.5.2"
	SpecURL     string                 `json:"spec_url"`
}

// Violation reports whether f breaks an absolute requirement: MUST or MUST
// NOT.
func (f Finding) Violation() bool {
	return f.Requirement == httpstatus.Must || f.Requirement == httpstatus.MustNot
}

// Recommendation reports whether f is about a SHOULD or SHOULD NOT.
func (f Finding) Recommendation() bool {
	return f.Requirement == httpstatus.Should || f.Requirement == httpstatus.ShouldNot
}

// A Report is what a check found in one response: the findings, worst
// first (MUST and MUST NOT, then SHOULD and SHOULD NOT, then MAY).
type Report struct {
	Status   int       `json:"status"`
	Method   string    `json:"method"`
	Findings []Finding `json:"findings"`
}

// Violations returns the findings that break a MUST or a MUST NOT.
func (r Report) Violations() []Finding {
	var out []Finding
	for _, f := range r.Findings {
		if f.Violation() {
			out = append(out, f)
		}
	}
	return out
}

// Failed reports whether the report breaks a MUST or MUST NOT; when strict,
// a SHOULD or SHOULD NOT counts too.
func (r Report) Failed(strict bool) bool {
	for _, f := range r.Findings {
		if f.Violation() || strict && f.Recommendation() {
			return true
		}
	}
	return false
}

// Response checks resp, the answer to req. It reads the body (at most
// MaxContent bytes) and puts back an equivalent one, so the caller can
// still read it. req may be nil (nothing is known of the request; resp's
// own Request is used if it has one) or have a nil Header (only the method
// is known).
//
// A response without a Request, as httptest.ResponseRecorder.Result
// returns, is taken to be a handler's output: the Date rule is not applied,
// since net/http's server adds Date itself.
func Response(resp *http.Response, req *http.Request) (Report, error) {
	return Options{}.Response(resp, req)
}

// Options adds to a check what one response cannot tell.
type Options struct {
	// Full is the header section of a 200 answering the same request
	// without its conditions or Range. With it, the rules that a 206 or a
	// 304 carry the fields a 200 would have carried (ETag, Cache-Control,
	// Vary, ...; RFC 9110, Sections 15.3.7 and 15.4.5) are applied.
	Full http.Header
}

// Response is Response with the options.
func (o Options) Response(resp *http.Response, req *http.Request) (Report, error) {
	if resp == nil {
		return Report{}, errors.New("check: no response")
	}
	fromHandler := resp.Request == nil
	if req == nil {
		req = resp.Request
	}
	x := newExchange(resp.StatusCode, req)
	x.header = resp.Header
	if x.header == nil {
		x.header = http.Header{}
	}
	x.proto = resp.ProtoMajor
	x.chunked = len(resp.TransferEncoding) > 0 || x.header.Get("Transfer-Encoding") != ""
	x.noDate = fromHandler
	x.uncompressed = resp.Uncompressed
	x.full = o.Full
	if resp.Body != nil && resp.Body != http.NoBody {
		content, err := io.ReadAll(io.LimitReader(resp.Body, MaxContent+1))
		switch {
		case errors.Is(err, io.ErrUnexpectedEOF):
			x.short = true
		case err != nil:
			return Report{}, err
		}
		if len(content) > MaxContent {
			x.tooLong = true
		}
		x.content = content
		resp.Body = readCloser{io.MultiReader(bytes.NewReader(content), resp.Body), resp.Body}
	}
	return x.report(), nil
}

type readCloser struct {
	io.Reader
	io.Closer
}

// Raw parses raw, the text of an HTTP/1.1 response as curl -si prints it
// (see ParseResponse), and checks it as the answer to req, which may be nil
// or have a nil Header as for Response. Findings about interim (1xx)
// responses before the final one are part of the final response's report,
// saying which interim response they concern. The error, if any, is a
// *ParseError.
func Raw(raw []byte, req *http.Request) (Report, error) {
	msgs, err := parse(raw)
	if err != nil {
		return Report{}, err
	}
	var interim []Finding
	for i, m := range msgs {
		x := newExchange(m.status, req)
		x.header, x.proto, x.content, x.chunked, x.text = m.header, m.major, m.content, m.chunked, true
		rep := x.report()
		if i == len(msgs)-1 {
			if len(interim) > 0 {
				rep.Findings = append(interim, rep.Findings...)
				sortFindings(rep.Findings)
			}
			return rep, nil
		}
		for _, f := range rep.Findings {
			f.Message = "in the interim " + itoa3(m.status) + " response: " + f.Message
			interim = append(interim, f)
		}
	}
	panic("unreachable: parse returns at least one message")
}

// sortFindings orders findings worst first, keeping the order of rules of
// the same strength.
func sortFindings(fs []Finding) {
	sort.SliceStable(fs, func(i, j int) bool { return fs[i].Requirement.Strength() > fs[j].Requirement.Strength() })
}

func itoa3(code int) string {
	if code < 0 || code > 999 {
		return "???"
	}
	return string([]byte{byte('0' + code/100), byte('0' + code/10%10), byte('0' + code%10)})
}

// methodOf returns the method of req, GET when it is nil or empty.
func methodOf(req *http.Request) string {
	if req == nil || req.Method == "" {
		return http.MethodGet
	}
	return req.Method
}
