package cli

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"io"
	"net/http"
	"net/http/httptrace"
	"net/textproto"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/httpstatus/httpstatus"
	"github.com/httpstatus/httpstatus/check"
)

// maxHops is the most redirects --follow follows.
const maxHops = 10

// testRoots, when set, are the only certificate authorities URL mode
// trusts; tests set it to trust their own TLS servers.
var testRoots atomic.Pointer[x509.CertPool]

// target is one request of URL mode.
type target struct {
	method  string
	url     *url.URL
	headers http.Header
	host    string // from -H 'Host: ...'
	body    []byte
}

func (e *env) checkURL(f *checkFlags, raw string) ([]checked, error) {
	u, err := parseTarget(raw)
	if err != nil {
		return nil, err
	}
	t := target{url: u, headers: http.Header{}}
	switch {
	case f.data != "" && f.dataFile != "":
		return nil, usageErr("give -d or --data-file, not both")
	case f.data != "":
		t.body = []byte(f.data)
	case f.dataFile != "":
		if t.body, err = readFile(f.dataFile, maxDataFile); err != nil {
			return nil, usageErr("--data-file: %v", err)
		}
	}
	t.method = f.method
	if t.method == "" {
		t.method = http.MethodGet
		if t.body != nil {
			t.method = http.MethodPost
		}
	}
	if !isMethod(t.method) {
		return nil, usageErr("-X %s is not a method name", quoteInput(t.method))
	}
	for _, h := range f.headers {
		name, value, ok := strings.Cut(h, ":")
		name = strings.TrimSpace(name)
		value = strings.TrimSpace(value)
		if !ok || name == "" || strings.ContainsAny(name, " \t") || strings.ContainsAny(value, "\r\n") {
			return nil, usageErr("-H %s is not 'Name: value'", quoteInput(h))
		}
		if strings.EqualFold(name, "Host") {
			t.host = value
			continue
		}
		t.headers.Add(name, value)
	}
	if f.timeout <= 0 {
		return nil, usageErr("--timeout must be positive, not %s", f.timeout)
	}
	c := &fetcher{ctx: e.ctx, timeout: f.timeout, client: newCheckClient()}

	out, last, err := c.chain(t, f.follow)
	if err != nil {
		return nil, err
	}
	if f.probe {
		p := t
		if last != nil && last.url.Host == t.url.Host {
			p = *last // probe where the chain ended, when it stayed on the host
		}
		probes, err := c.probe(p)
		if err != nil {
			return nil, err
		}
		out = append(out, probes...)
	}
	return out, nil
}

// newCheckClient returns a client that shows responses as they are sent:
// no transparent decompression, no redirects followed by itself.
func newCheckClient() *http.Client {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.DisableCompression = true
	if roots := testRoots.Load(); roots != nil {
		tr.TLSClientConfig = &tls.Config{RootCAs: roots}
	}
	return &http.Client{
		Transport:     tr,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
}

// fetcher sends the requests of URL mode.
type fetcher struct {
	ctx     context.Context
	timeout time.Duration
	client  *http.Client
	sent    int
}

// result is one response, read and checked.
type result struct {
	req    *http.Request
	resp   *http.Response
	report check.Report
}

// do sends t and checks the answer; full, when known, is the header
// section of a 200 to the same request.
func (c *fetcher) do(t target, full http.Header) (result, error) {
	ctx, cancel := context.WithTimeout(c.ctx, c.timeout)
	defer cancel()
	var body io.Reader
	if t.body != nil {
		body = bytes.NewReader(t.body)
	}
	req, err := http.NewRequestWithContext(ctx, t.method, t.url.String(), body)
	if err != nil {
		return result{}, usageErr("%s %s: %v", t.method, t.url, err)
	}
	for k, v := range t.headers {
		req.Header[k] = v
	}
	if req.Header.Get("User-Agent") == "" {
		req.Header.Set("User-Agent", "httpstatus-check/"+version())
	}
	if t.host != "" {
		req.Host = t.host
	}
	// Interim (1xx) responses are checked too; the client reads them
	// before the final one.
	var interim []*http.Response
	req = req.WithContext(httptrace.WithClientTrace(ctx, &httptrace.ClientTrace{
		Got1xxResponse: func(code int, header textproto.MIMEHeader) error {
			if len(interim) < check.MaxInterim {
				interim = append(interim, &http.Response{StatusCode: code, ProtoMajor: 1, ProtoMinor: 1, Header: http.Header(header).Clone(), Body: http.NoBody})
			}
			return nil
		},
	}))
	c.sent++
	resp, err := c.client.Do(req)
	if err != nil {
		return result{}, &exitError{ExitUsage, fmt.Errorf("%s %s: no response: %v", t.method, t.url, unwrapURLError(err))}
	}
	defer resp.Body.Close()
	rep, err := check.Options{Full: full}.Response(resp, req)
	if err != nil {
		return result{}, &exitError{ExitUsage, fmt.Errorf("%s %s: reading the response: %v", t.method, t.url, err)}
	}
	for _, ir := range interim {
		ir.Request = req
		irep, err := check.Response(ir, req)
		if err != nil {
			continue
		}
		for _, f := range irep.Findings {
			f.Message = fmt.Sprintf("in the interim %03d response: %s", ir.StatusCode, f.Message)
			rep.Findings = append(rep.Findings, f)
		}
	}
	if len(interim) > 0 {
		rep.Findings = sortedFindings(checked{report: rep}).report.Findings
	}
	return result{req: req, resp: resp, report: rep}, nil
}

func unwrapURLError(err error) error {
	if ue, ok := err.(*url.Error); ok {
		return ue.Err
	}
	return err
}

func label(prefix string, t target, status int) string {
	return fmt.Sprintf("%s%s %s → %s", prefix, t.method, t.url, statusText(status))
}

// chain sends t and, when follow, the requests its redirects lead to. It
// returns the reports and the last request sent.
func (c *fetcher) chain(t target, follow bool) ([]checked, *target, error) {
	var out []checked
	seen := map[string]bool{}
	for hop := 0; ; hop++ {
		r, err := c.do(t, nil)
		if err != nil {
			if hop > 0 {
				err = fmt.Errorf("following the redirect: %w", err)
				return nil, nil, &exitError{ExitUsage, err}
			}
			return nil, nil, err
		}
		seen[t.url.String()] = true
		ck := checked{label: label("", t, r.resp.StatusCode), report: r.report}
		code := r.resp.StatusCode
		loc := r.resp.Header.Get("Location")
		if !follow || code < 300 || code > 399 || code == http.StatusNotModified || loc == "" {
			return append(out, ck), &t, nil
		}
		next, err := t.url.Parse(loc)
		if err != nil || next.Scheme != "http" && next.Scheme != "https" {
			ck.report.Findings = append(ck.report.Findings, chainFinding("redirect-loop",
				fmt.Sprintf("the chain stops: Location %q is not an http or https URL", loc)))
			return append(out, ck), &t, nil
		}
		next.Fragment = ""
		nt := t
		nt.url = next
		if t.url.Scheme == "https" && next.Scheme == "http" {
			ck.report.Findings = append(ck.report.Findings, chainFinding("redirect-downgrade",
				fmt.Sprintf("%s redirects from https to %s", statusText(code), next)))
		}
		switch {
		case t.method == http.MethodPost && (code == http.StatusMovedPermanently || code == http.StatusFound):
			ck.report.Findings = append(ck.report.Findings, chainFinding("redirect-post-to-get",
				fmt.Sprintf("a POST answered with %s is repeated as GET, without its content", statusText(code))))
			nt.method, nt.body = http.MethodGet, nil
		case code == http.StatusSeeOther && t.method != http.MethodHead:
			nt.method, nt.body = http.MethodGet, nil
		case code == http.StatusMultipleChoices || code == http.StatusNotModified || code == 305 || code == 306:
			return append(out, ck), &t, nil // not redirects a client follows by itself
		}
		if next.Host != t.url.Host {
			// Credentials are for the host they were given to.
			nt.headers = t.headers.Clone()
			nt.headers.Del("Authorization")
			nt.headers.Del("Cookie")
			nt.host = ""
		}
		if seen[next.String()] {
			ck.report.Findings = append(ck.report.Findings, chainFinding("redirect-loop",
				fmt.Sprintf("%s sends the client back to %s, which the chain has already visited", statusText(code), next)))
			return append(out, sortedFindings(ck)), &t, nil
		}
		if hop+1 > maxHops {
			ck.report.Findings = append(ck.report.Findings, chainFinding("redirect-too-long",
				fmt.Sprintf("the chain is longer than %d redirects; following stopped at %s", maxHops, next)))
			return append(out, sortedFindings(ck)), &t, nil
		}
		out = append(out, sortedFindings(ck))
		t = nt
	}
}

// chainFinding makes a finding of a rule the catalogue's data/rules.yaml
// states for several responses.
func chainFinding(id, what string) check.Finding {
	for _, r := range httpstatus.Rules() {
		if r.ID == id {
			return check.Finding{
				Rule:        r.ID,
				Requirement: r.Requirement,
				Header:      r.Header,
				Message:     what + ": " + r.Fix,
				Spec:        r.Spec,
				SpecURL:     r.SpecURL,
			}
		}
	}
	panic("cli: no rule " + id + " in the catalogue") // TestChainRulesExist keeps this from happening
}

// sortedFindings puts a report's findings back in worst-first order after
// findings were added.
func sortedFindings(c checked) checked {
	rank := func(f check.Finding) int {
		switch {
		case f.Violation():
			return 0
		case f.Recommendation():
			return 1
		}
		return 2
	}
	slices.SortStableFunc(c.report.Findings, func(a, b check.Finding) int { return rank(a) - rank(b) })
	return c
}

// probeMethod is a method no server knows.
const probeMethod = "HTTPSTATUS-PROBE"

// unchangedByHEAD are the fields a HEAD response may leave out or change:
// those known only while generating the content, and those that change
// with every response.
var unchangedByHEAD = map[string]bool{
	"Date": true, "Age": true, "Content-Length": true, "Transfer-Encoding": true, "Connection": true,
	"Keep-Alive": true, "Trailer": true, "Content-Digest": true, "Repr-Digest": true, "Digest": true,
	"Set-Cookie": true, "Server-Timing": true, "X-Request-Id": true, "X-Runtime": true,
}

// probe sends at most 7 more requests to t's URL, each checked, and adds
// the findings of comparing them.
func (c *fetcher) probe(t target) ([]checked, error) {
	base := target{method: http.MethodGet, url: t.url, headers: t.headers, host: t.host}
	var out []checked
	add := func(prefix string, pt target, r result, extra ...check.Finding) {
		ck := checked{label: label(prefix, pt, r.resp.StatusCode), report: r.report}
		ck.report.Findings = append(ck.report.Findings, extra...)
		out = append(out, sortedFindings(ck))
	}
	get, err := c.do(base, nil)
	if err != nil {
		return nil, err
	}
	add("probe: ", base, get)
	var full http.Header
	if get.resp.StatusCode == http.StatusOK {
		full = get.resp.Header
	}

	// A conditional GET with the validator the server gave.
	cond := base
	cond.headers = base.headers.Clone()
	switch {
	case get.resp.Header.Get("ETag") != "":
		cond.headers.Set("If-None-Match", get.resp.Header.Get("ETag"))
	case get.resp.Header.Get("Last-Modified") != "":
		cond.headers.Set("If-Modified-Since", get.resp.Header.Get("Last-Modified"))
	}
	if len(cond.headers) > len(base.headers) && full != nil {
		r, err := c.do(cond, full)
		if err != nil {
			return nil, err
		}
		var extra []check.Finding
		if r.resp.StatusCode == http.StatusOK {
			extra = append(extra, chainFinding("conditional-get", "GET with "+condition(cond.headers)+" got 200 with the whole content, not 304"))
		}
		add("probe: "+condition(cond.headers)+" ", cond, r, extra...)
	}

	// A range of one byte, then one beyond the end.
	rng := base
	rng.headers = base.headers.Clone()
	rng.headers.Set("Range", "bytes=0-0")
	r, err := c.do(rng, full)
	if err != nil {
		return nil, err
	}
	add("probe: Range: bytes=0-0 ", rng, r)
	length := int64(-1)
	if cr := r.resp.Header.Get("Content-Range"); r.resp.StatusCode == http.StatusPartialContent {
		if _, total, ok := strings.Cut(cr, "/"); ok {
			length, _ = strconv.ParseInt(total, 10, 64)
		}
	}
	if length < 0 && get.resp.ContentLength >= 0 {
		length = get.resp.ContentLength
	}
	if length >= 0 {
		beyond := rng
		beyond.headers = base.headers.Clone()
		beyond.headers.Set("Range", fmt.Sprintf("bytes=%d-", length))
		r, err := c.do(beyond, full)
		if err != nil {
			return nil, err
		}
		add(fmt.Sprintf("probe: Range: bytes=%d- ", length), beyond, r)
	}

	// OPTIONS, and a method no server knows.
	opt := base
	opt.method = http.MethodOptions
	if r, err = c.do(opt, nil); err != nil {
		return nil, err
	}
	add("probe: ", opt, r)
	unknown := base
	unknown.method = probeMethod
	if r, err = c.do(unknown, nil); err != nil {
		return nil, err
	}
	var extra []check.Finding
	if r.resp.StatusCode/100 == 2 {
		extra = append(extra, chainFinding("unknown-method", fmt.Sprintf("the method %s, which no server knows, got %s", probeMethod, statusText(r.resp.StatusCode))))
	}
	add("probe: ", unknown, r, extra...)

	// HEAD against GET.
	head := base
	head.method = http.MethodHead
	if r, err = c.do(head, nil); err != nil {
		return nil, err
	}
	add("probe: ", head, r, compareHead(get.resp, r.resp)...)
	return out, nil
}

func condition(h http.Header) string {
	if v := h.Get("If-None-Match"); v != "" {
		return "If-None-Match: " + v
	}
	return "If-Modified-Since: " + h.Get("If-Modified-Since")
}

// compareHead holds a HEAD response to the GET response of the same URL.
func compareHead(get, head *http.Response) []check.Finding {
	if get.StatusCode != head.StatusCode {
		return []check.Finding{chainFinding("head-same-fields", fmt.Sprintf("HEAD got %s, GET %s", statusText(head.StatusCode), statusText(get.StatusCode)))}
	}
	var out []check.Finding
	var missing []string
	for name := range get.Header {
		if !unchangedByHEAD[name] && head.Header[name] == nil {
			missing = append(missing, name)
		}
	}
	if len(missing) > 0 {
		slices.Sort(missing)
		out = append(out, chainFinding("head-same-fields", "HEAD lacks "+strings.Join(missing, ", ")+", which GET sends"))
	}
	g, h := get.Header.Get("Content-Length"), head.Header.Get("Content-Length")
	if g != "" && h != "" && g != h && len(get.TransferEncoding) == 0 {
		out = append(out, chainFinding("head-content-length", fmt.Sprintf("HEAD says Content-Length %s, GET %s", h, g)))
	}
	return out
}
