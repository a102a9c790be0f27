package httpstatus

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
)

// RetryWhen says when repeating a request that got a code can succeed.
type RetryWhen string

// The values of RetryFacts.When.
const (
	// RetryNone: there is nothing to repeat. The request succeeded (2xx,
	// 304) or the response is interim (1xx) and the final one follows.
	RetryNone RetryWhen = "none"
	// RetryUnchanged: the same request, unchanged, may succeed on a later
	// try (408, 429, 500, 502, 503, 504, ...).
	RetryUnchanged RetryWhen = "unchanged"
	// RetryAfterChange: only a changed request can succeed; Change says
	// what has to change first (credentials for 401, content for 422, the
	// URL for a redirect, ...).
	RetryAfterChange RetryWhen = "after-change"
	// RetryNever: no repetition is expected to succeed (410, 418, ...).
	RetryNever RetryWhen = "never"
)

// The meanings a Retry-After field can have with a code (RetryFacts.RetryAfter).
const (
	// RetryAfterRedirect: with any 3xx, the least time the client is asked
	// to wait before it follows the redirect (RFC 9110, Section 10.2.3).
	RetryAfterRedirect = "redirect"
	// RetryAfterWait: how long to wait before repeating the request. RFC
	// 9110, Section 10.2.3 gives it this meaning for 503 and RFC 6585,
	// Section 4 for 429.
	RetryAfterWait = "wait"
	// RetryAfterTemporary: the field marks the condition as temporary and
	// says after what time the same request may be tried again; without it
	// the condition is permanent (413, RFC 9110, Section 15.5.14).
	RetryAfterTemporary = "temporary"
)

// RetryFacts are the structured retry facts of an entry, beside its prose
// Retry. The catalogue keeps them in data/retry.yaml.
type RetryFacts struct {
	// When says whether a retry can succeed unchanged, only after a
	// change, never, or whether there is nothing to repeat.
	When RetryWhen `json:"when"`
	// Change names what must change before a repeated request can succeed,
	// when When is "after-change": "credentials" (credentials, tokens or
	// a session), "content", "headers", "url", "method", "conditions"
	// (preconditions such as If-Match), "protocol", "state" (the state of
	// the resource or of another request must change first), "server" (the
	// server or its operator must act) or "account" (the user's account,
	// plan or policy).
	Change []string `json:"change"`
	// IdempotentOnly is true when an automatic retry is safe only for an
	// idempotent method (RFC 9110, Section 9.2.2: GET, HEAD, OPTIONS,
	// TRACE, PUT, DELETE) or a request that carries an Idempotency-Key,
	// because the code does not promise that the server left the request
	// unprocessed (500, 502, 503, 504, 429, ...). It is false for codes
	// that do (408, 421, 425).
	IdempotentOnly bool `json:"idempotent_only"`
	// RetryAfter is the meaning a specification gives a Retry-After field
	// sent with the code: RetryAfterRedirect, RetryAfterWait or
	// RetryAfterTemporary; empty when none does.
	RetryAfter string `json:"retry_after,omitempty"`
	// Note qualifies the facts where they need it, with the section that
	// says so.
	Note string `json:"note,omitempty"`
}

// Summary says the facts in a sentence or two, for people.
func (f RetryFacts) Summary() string {
	var b strings.Builder
	switch f.When {
	case RetryNone:
		b.WriteString("Nothing to repeat.")
	case RetryUnchanged:
		b.WriteString("The same request can succeed later")
		if f.IdempotentOnly {
			b.WriteString("; repeat it automatically only with an idempotent method (RFC 9110, Section 9.2.2) or an Idempotency-Key.")
		} else {
			b.WriteString(", whatever the method.")
		}
	case RetryAfterChange:
		b.WriteString("Only a changed request can succeed: change its " + strings.Join(f.Change, " or ") + ".")
	case RetryNever:
		b.WriteString("Repeating it is not expected to succeed.")
	}
	switch f.RetryAfter {
	case RetryAfterRedirect:
		b.WriteString(" A Retry-After is the least wait before following the redirect (RFC 9110, Section 10.2.3).")
	case RetryAfterWait:
		b.WriteString(" A Retry-After says how long to wait first.")
	case RetryAfterTemporary:
		b.WriteString(" With a Retry-After the condition is temporary, and the same request may be repeated after it (RFC 9110, Section 15.5.14).")
	}
	if f.Note != "" {
		b.WriteString(" " + f.Note)
	}
	return b.String()
}

// RetryFactsFor returns the retry facts of a code's primary meaning (the
// registered entry if there is one, else the first vendor meaning). It
// reports false for a number the catalogue does not know.
func RetryFactsFor(code int) (RetryFacts, bool) {
	lo, hi := span(code)
	if lo == hi {
		return RetryFacts{}, false
	}
	f := entries[lo].RetryFacts
	f.Change = cloneList(f.Change)
	return f, true
}

// ErrRetryAfter is wrapped by the errors of ParseRetryAfter.
var ErrRetryAfter = errors.New("malformed Retry-After")

// maxRetryAfterLen bounds the field value ParseRetryAfter reads: an
// HTTP-date is at most 29 bytes in its preferred form and 30 in the
// obsolete ones; delay-seconds are longer only when absurd.
const maxRetryAfterLen = 64

// maxSeconds is the longest delay a time.Duration holds, in seconds.
const maxSeconds = math.MaxInt64 / int64(time.Second)

// ParseRetryAfter reads a Retry-After field value (RFC 9110, Section
// 10.2.3): either delay-seconds (a whole number of seconds, digits only)
// or an HTTP-date in any of the three forms a recipient must accept
// (IMF-fixdate, RFC 850, asctime). It returns how long to wait from now.
//
// A date in the past gives 0. A delay longer than max gives max, unless
// max is 0 or less, which sets no cap (a delay beyond what a
// time.Duration holds, about 292 years, gives that most). Negative
// numbers, fractions, other text and values over 64 bytes are errors that
// wrap ErrRetryAfter. White space around the value is ignored.
func ParseRetryAfter(value string, now time.Time, max time.Duration) (time.Duration, error) {
	v := strings.TrimSpace(value)
	switch {
	case v == "":
		return 0, fmt.Errorf("%w: empty", ErrRetryAfter)
	case len(v) > maxRetryAfterLen:
		return 0, fmt.Errorf("%w: %d bytes, more than a delay or a date takes", ErrRetryAfter, len(v))
	}
	var d time.Duration
	if isDigits(v) {
		var secs int64
		for i := 0; i < len(v); i++ {
			secs = secs*10 + int64(v[i]-'0')
			if secs > maxSeconds {
				secs = maxSeconds
				break
			}
		}
		d = time.Duration(secs) * time.Second
	} else {
		t, err := http.ParseTime(v)
		if err != nil {
			return 0, fmt.Errorf("%w: %q is neither a number of seconds nor an HTTP-date", ErrRetryAfter, v)
		}
		d = max0(t.Sub(now))
	}
	if max > 0 && d > max {
		d = max
	}
	return d, nil
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

func max0(d time.Duration) time.Duration {
	if d < 0 {
		return 0
	}
	return d
}

// A RetryPolicy decides whether to repeat a request after its response or
// error, following the catalogue's retry facts. The zero value is ready to
// use.
type RetryPolicy struct {
	// MaxWait is the longest Retry-After the client is willing to wait; a
	// response asking for longer is not retried. Default (and any value
	// <= 0) DefaultMaxWait.
	MaxWait time.Duration
	// IdempotencyKey names the request header field that makes a request
	// with a non-idempotent method safe to repeat; default
	// "Idempotency-Key" (draft-ietf-httpapi-idempotency-key-header).
	IdempotencyKey string
	// Now returns the current time, for Retry-After dates; default time.Now.
	Now func() time.Time
}

// DefaultMaxWait is the longest Retry-After a RetryPolicy waits by default.
const DefaultMaxWait = time.Minute

// A RetryDecision is whether to repeat a request, after how long, and why.
type RetryDecision struct {
	Retry bool `json:"retry"`
	// After is the least time to wait before the retry: the response's
	// Retry-After (RetryAfter is then true), else 0, and the caller applies
	// its own backoff with jitter.
	After      time.Duration `json:"after"`
	RetryAfter bool          `json:"retry_after"`
	// Reason explains the decision in one sentence, with the section
	// that says so where one does.
	Reason string `json:"reason"`
}

// idempotent lists the methods RFC 9110, Section 9.2.2 defines as
// idempotent.
var idempotent = []string{"GET", "HEAD", "OPTIONS", "TRACE", "PUT", "DELETE"}

// IdempotentMethod reports whether RFC 9110, Section 9.2.2 defines method
// as idempotent: GET, HEAD, OPTIONS, TRACE, PUT and DELETE. The empty
// method is GET, as in net/http. Methods are case-sensitive.
func IdempotentMethod(method string) bool {
	return method == "" || slices.Contains(idempotent, method)
}

// Decide decides whether to repeat req after it got resp or err. req may be
// nil when resp.Request is set (as http.Client sets it) or when err is a
// *url.Error from http.Client, which names the method. A nil req that
// cannot be recovered counts as a non-idempotent request without an
// Idempotency-Key.
//
// Transport errors are retried for idempotent requests and those with an
// Idempotency-Key; a canceled or expired context never is. For a response,
// the code's retry facts decide (an unknown code is treated as the x00
// code of its class, as RFC 9110, Section 15 asks): a code that can succeed
// unchanged is retried, subject to the method's idempotency where the facts
// call for it, after the Retry-After the server sent (a malformed one is
// ignored; one above MaxWait means no retry); a 413 with Retry-After is
// retried after it; anything else is not. A request whose body cannot be
// sent again (Body set, GetBody nil) is never retried.
func (p RetryPolicy) Decide(req *http.Request, resp *http.Response, err error) RetryDecision {
	if req == nil && resp != nil {
		req = resp.Request
	}
	method, known := methodOf(req, err)
	if err != nil {
		if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
			return RetryDecision{Reason: "the request was canceled or ran out of time: " + err.Error()}
		}
		if resp == nil {
			if why := p.unsafe(req, method, known); why != "" {
				return RetryDecision{Reason: "a transport error, after which the server may have acted on the request; " + why}
			}
			return RetryDecision{Retry: true, Reason: "a transport error; " + method + " is safe to repeat (" + p.safeWhy(req, method) + ")"}
		}
	}
	if resp == nil {
		return RetryDecision{Reason: "no response and no error: nothing to decide on"}
	}
	code := resp.StatusCode
	f, ok := RetryFactsFor(code)
	name := strconv.Itoa(code)
	if !ok {
		if code < 100 || code > 599 {
			return RetryDecision{Reason: name + " is not a status code the catalogue knows or a class defines"}
		}
		f, _ = RetryFactsFor(code / 100 * 100)
		name += fmt.Sprintf(" (unknown, treated as %d, RFC 9110, Section 15)", code/100*100)
	}
	values := resp.Header.Values("Retry-After")
	switch f.When {
	case RetryNone:
		return RetryDecision{Reason: name + ": nothing to repeat; " + noneWhy(code)}
	case RetryNever:
		return RetryDecision{Reason: name + ": repeating the request is not expected to succeed"}
	case RetryAfterChange:
		if f.RetryAfter == RetryAfterTemporary && len(values) > 0 {
			return p.wait(req, name+" with Retry-After, which marks the condition as temporary (RFC 9110, Section 15.5.14)", values, f, method, known)
		}
		what := strings.Join(f.Change, " or ")
		if f.RetryAfter == RetryAfterRedirect {
			return RetryDecision{Reason: name + ": a redirect; follow Location rather than repeating the request"}
		}
		return RetryDecision{Reason: name + ": only a changed request can succeed (change its " + what + ")"}
	}
	return p.wait(req, name, values, f, method, known)
}

// wait decides for a code whose request may succeed unchanged.
func (p RetryPolicy) wait(req *http.Request, name string, values []string, f RetryFacts, method string, known bool) RetryDecision {
	if f.IdempotentOnly {
		if why := p.unsafe(req, method, known); why != "" {
			return RetryDecision{Reason: name + " does not promise that the server left the request unprocessed; " + why}
		}
	} else if req != nil && !replayable(req) {
		return RetryDecision{Reason: name + " may succeed unchanged, but the request body cannot be sent again (GetBody is nil)"}
	}
	d := RetryDecision{Retry: true, Reason: name + " may succeed unchanged"}
	if f.IdempotentOnly {
		d.Reason += "; " + method + " is safe to repeat (" + p.safeWhy(req, method) + ")"
	}
	if len(values) == 0 {
		return d
	}
	maxWait := p.MaxWait
	if maxWait <= 0 {
		maxWait = DefaultMaxWait
	}
	var after time.Duration
	var err error
	if len(values) > 1 && slices.ContainsFunc(values[1:], func(v string) bool { return v != values[0] }) {
		err = fmt.Errorf("%w: %d different values", ErrRetryAfter, len(values))
	} else {
		after, err = ParseRetryAfter(values[0], p.now(), 0)
	}
	if err != nil {
		d.Reason += "; its Retry-After is ignored (" + err.Error() + ")"
		return d
	}
	if after > maxWait {
		return RetryDecision{Reason: fmt.Sprintf("%s, but Retry-After asks for %s, more than the %s allowed", name, after, maxWait)}
	}
	d.After, d.RetryAfter = after, true
	d.Reason += fmt.Sprintf(", after the %s Retry-After asks for", after)
	return d
}

// unsafe says why req may not be repeated automatically, or "" when it may.
func (p RetryPolicy) unsafe(req *http.Request, method string, known bool) string {
	if !known {
		return "the request and its method are unknown"
	}
	if req != nil && !replayable(req) {
		return "the request body cannot be sent again (GetBody is nil)"
	}
	if IdempotentMethod(method) || p.hasKey(req) {
		return ""
	}
	return method + " is not idempotent (RFC 9110, Section 9.2.2) and the request carries no " + p.keyName()
}

// safeWhy says why a request unsafe found safe is safe.
func (p RetryPolicy) safeWhy(req *http.Request, method string) string {
	if IdempotentMethod(method) {
		return "idempotent, RFC 9110, Section 9.2.2"
	}
	return "it carries an " + p.keyName()
}

func (p RetryPolicy) keyName() string {
	if p.IdempotencyKey != "" {
		return http.CanonicalHeaderKey(p.IdempotencyKey)
	}
	return "Idempotency-Key"
}

func (p RetryPolicy) hasKey(req *http.Request) bool {
	return req != nil && strings.TrimSpace(req.Header.Get(p.keyName())) != ""
}

func (p RetryPolicy) now() time.Time {
	if p.Now != nil {
		return p.Now()
	}
	return time.Now()
}

// replayable reports whether req's body, if any, can be sent again.
func replayable(req *http.Request) bool {
	return req.Body == nil || req.Body == http.NoBody || req.GetBody != nil
}

// methodOf finds the method of a request: from req, or from the *url.Error
// http.Client returns, whose Op is the method in title case ("Get").
func methodOf(req *http.Request, err error) (string, bool) {
	if req != nil {
		if req.Method == "" {
			return http.MethodGet, true
		}
		return req.Method, true
	}
	var ue *url.Error
	if errors.As(err, &ue) && ue.Op != "" {
		return strings.ToUpper(ue.Op), true
	}
	return "", false
}

func noneWhy(code int) string {
	switch {
	case code < 200:
		return "an interim response; the final one follows"
	case code == http.StatusNotModified:
		return "the stored response is still good"
	}
	return "the request succeeded"
}

// CheckRetry has the signature of go-retryablehttp's Client.CheckRetry
// (it uses only standard types, so this package does not depend on it):
// it returns whether to retry after resp or err, following Decide, and the
// context's error once the context is done.
func (p RetryPolicy) CheckRetry(ctx context.Context, resp *http.Response, err error) (bool, error) {
	if ctx.Err() != nil {
		return false, ctx.Err()
	}
	return p.Decide(nil, resp, err).Retry, nil
}

// Backoff has the signature of go-retryablehttp's Client.Backoff: the
// Retry-After of resp when it has a valid one (at most MaxWait), else an
// exponential backoff from min, doubling with each attempt (attempt 0 is
// the first retry) up to max, with jitter: a random time between half of
// it and all of it.
func (p RetryPolicy) Backoff(min, max time.Duration, attempt int, resp *http.Response) time.Duration {
	if resp != nil {
		if v := resp.Header.Get("Retry-After"); v != "" {
			maxWait := p.MaxWait
			if maxWait <= 0 {
				maxWait = DefaultMaxWait
			}
			if d, err := ParseRetryAfter(v, p.now(), maxWait); err == nil {
				return d
			}
		}
	}
	if min <= 0 {
		return 0
	}
	d := min
	for i := 0; i < attempt && d < max; i++ {
		d *= 2
	}
	if max > 0 && d > max {
		d = max
	}
	return d/2 + rand.N(d/2+1)
}

// A RetryClient is what one well-known HTTP client or proxy retries by
// default, as its own source or documentation states for the version
// named. The catalogue keeps the table in data/retry.yaml.
type RetryClient struct {
	ID        string `json:"id"`        // stable, e.g. "go-retryablehttp"
	Name      string `json:"name"`      // e.g. "hashicorp/go-retryablehttp"
	Language  string `json:"language"`  // e.g. "Go"
	Version   string `json:"version"`   // the version checked
	Component string `json:"component"` // the function, class or setting, e.g. "DefaultRetryPolicy"
	// Default is true when the client retries without any configuration;
	// false when retries must be turned on (then Statuses describe what
	// the named setting retries once it is).
	Default bool `json:"default"`
	// Statuses are the codes retried, each group with the condition under
	// which it is, if any.
	Statuses []RetryStatus `json:"statuses"`
	// Methods are the methods retried; empty means the client does not
	// look at the method.
	Methods    []string `json:"methods"`
	RetryAfter string   `json:"retry_after"` // how it treats a Retry-After
	Errors     string   `json:"errors"`      // which transport errors it retries
	Attempts   string   `json:"attempts"`    // how many retries, and the delays
	Source     string   `json:"source"`      // where the facts were checked
	// Note says what depends on configuration and what stays unconfirmed.
	Note string `json:"note,omitempty"`
}

// A RetryStatus is a group of codes a client retries and the condition
// under which it does.
type RetryStatus struct {
	// Status lists codes as patterns ("429", "5xx"); Except takes codes
	// out.
	Status []string `json:"status"`
	Except []string `json:"except,omitempty"`
	// When is the condition, empty when the codes are always retried
	// (subject to Methods).
	When string `json:"when,omitempty"`
}

// RetryClients returns the table of what well-known clients retry by
// default, in the catalogue's order.
func RetryClients() []RetryClient {
	out := make([]RetryClient, len(retryClients))
	for i, c := range retryClients {
		out[i] = c.clone()
	}
	return out
}

func (c RetryClient) clone() RetryClient {
	c.Methods = cloneList(c.Methods)
	st := make([]RetryStatus, len(c.Statuses))
	for i, s := range c.Statuses {
		s.Status = cloneList(s.Status)
		s.Except = slices.Clone(s.Except)
		st[i] = s
	}
	c.Statuses = st
	return c
}

// Retries reports whether the client retries a response with code, and
// the condition under which it does ("" when it always does).
func (c RetryClient) Retries(code int) (bool, string) {
	for _, s := range c.Statuses {
		if matchAny(s.Status, code) && !matchAny(s.Except, code) {
			return true, s.When
		}
	}
	return false, ""
}

func matchAny(patterns []string, code int) bool {
	for _, s := range patterns {
		if p, ok := patternOf(s); ok && fits(p, code) {
			return true
		}
	}
	return false
}

// A ClientRetry is what one client of RetryClients does with a code.
type ClientRetry struct {
	Client  string `json:"client"` // RetryClient.ID
	Name    string `json:"name"`
	Default bool   `json:"default"` // RetryClient.Default
	Retries bool   `json:"retries"`
	When    string `json:"when,omitempty"` // the condition, when Retries
}

// CodeRetries sets a code's retry facts beside what each client does with
// it.
type CodeRetries struct {
	Code    int           `json:"code"`
	Facts   RetryFacts    `json:"facts"`
	Clients []ClientRetry `json:"clients"`
	// Disagree is true when the clients that retry without configuration
	// do not all give the same answer: some retry the code always, some
	// only under a condition, or some not at all.
	Disagree bool `json:"disagree"`
}

// RetriesFor returns the retry facts of code and what every client of
// RetryClients does with it. It reports false for a code the catalogue
// does not know.
func RetriesFor(code int) (CodeRetries, bool) {
	f, ok := RetryFactsFor(code)
	if !ok {
		return CodeRetries{}, false
	}
	out := CodeRetries{Code: code, Facts: f, Clients: make([]ClientRetry, 0, len(retryClients))}
	answers := map[string]bool{} // "always", "sometimes", "never"
	for _, c := range retryClients {
		r, when := c.Retries(code)
		out.Clients = append(out.Clients, ClientRetry{Client: c.ID, Name: c.Name, Default: c.Default, Retries: r, When: when})
		if c.Default {
			switch {
			case !r:
				answers["never"] = true
			case when != "":
				answers["sometimes"] = true
			default:
				answers["always"] = true
			}
		}
	}
	out.Disagree = len(answers) > 1
	return out, true
}

// RetryTable returns RetriesFor of every code that at least one client of
// RetryClients retries, by code.
func RetryTable() []CodeRetries {
	var out []CodeRetries
	for i := range entries {
		if i > 0 && entries[i].Code == entries[i-1].Code {
			continue
		}
		code := entries[i].Code
		for _, c := range retryClients {
			if r, _ := c.Retries(code); r {
				cr, _ := RetriesFor(code)
				out = append(out, cr)
				break
			}
		}
	}
	return out
}
