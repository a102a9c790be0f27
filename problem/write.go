package problem

import (
	"encoding/json"
	"errors"
	"fmt"
	"github.com/httpstatus/httpstatus/internal/httpsyntax"
	"net/http"
	"net/textproto"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/httpstatus/httpstatus"
)

// A Writer writes problems as HTTP responses. The zero Writer is ready to
// use: its problems have type about:blank and no Content-Language.
type Writer struct {
	// BaseURL, when set, makes the default type of a problem the page of
	// its status code under it: BaseURL + "404". It should end in "/".
	BaseURL string
	// Language, when set, is sent as Content-Language (e.g. "en"), the
	// language of titles and details, unless the response already has one.
	Language string
}

// Error writes a problem with status and detail, its type and title filled
// in by the zero Writer, as the response to r. It is Writer.Error of the
// zero Writer.
func Error(w http.ResponseWriter, r *http.Request, status int, detail string) error {
	return Writer{}.Error(w, r, status, detail)
}

// Error writes a problem with status and detail, its type and title filled
// in, as the response to r.
func (wr Writer) Error(w http.ResponseWriter, r *http.Request, status int, detail string) error {
	return wr.Write(w, r, Problem{Status: status, Detail: detail})
}

// ErrStatus is returned (wrapped) by Write for a problem whose Status is
// not a client or server error code (400 to 599).
var ErrStatus = errors.New("problem: status is not 400 to 599")

// A HeaderError reports the rules of the catalogue (httpstatus.Headers)
// that a problem response breaks: a header field its code MUST carry that
// the response lacks, or one it MUST NOT carry that it has. Only rules
// without a condition (HeaderRule.When) are judged; the others depend on
// the request, and package check judges them.
type HeaderError struct {
	Status int
	Rules  []httpstatus.HeaderRule
}

func (e *HeaderError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "problem: a %d response", e.Status)
	for i, r := range e.Rules {
		if i > 0 {
			b.WriteString(" and")
		}
		fmt.Fprintf(&b, " %s carry %s (%s)", r.Requirement, r.Name, r.Spec)
	}
	return b.String()
}

// Validate checks header, the header section of a response with status,
// against the unconditional MUST and MUST NOT rules the catalogue gives the
// code (httpstatus.Headers). It returns a *HeaderError listing the rules
// broken, or nil.
func Validate(status int, header http.Header) error {
	var broken []httpstatus.HeaderRule
	for _, rule := range catalogue().rules[status] {
		present := false
		for _, name := range rule.names {
			if _, ok := header[name]; ok {
				present = true
			}
		}
		if rule.Requirement == httpstatus.Must && !present || rule.Requirement == httpstatus.MustNot && present {
			broken = append(broken, rule.HeaderRule)
		}
	}
	if len(broken) == 0 {
		return nil
	}
	return &HeaderError{Status: status, Rules: broken}
}

// headerRule is a rule Validate judges, with the canonical names of the
// fields that satisfy it ("Content-Range or Content-Type" names two).
type headerRule struct {
	httpstatus.HeaderRule
	names []string
}

// catalogue holds what Write needs of each code from 400 to 599, read from
// the catalogue once: the title and the rules Validate judges.
var catalogue = sync.OnceValue(func() (c struct {
	titles map[int]string
	rules  map[int][]headerRule
}) {
	c.titles, c.rules = map[int]string{}, map[int][]headerRule{}
	for _, e := range httpstatus.All() {
		if _, seen := c.titles[e.Code]; seen {
			continue // the primary meaning comes first
		}
		c.titles[e.Code] = e.Name
		for _, r := range e.Headers {
			if r.When != "" || r.Requirement != httpstatus.Must && r.Requirement != httpstatus.MustNot {
				continue
			}
			hr := headerRule{HeaderRule: r}
			for _, name := range strings.Split(r.Name, " or ") {
				hr.names = append(hr.names, textproto.CanonicalMIMEHeaderKey(strings.TrimSpace(name)))
			}
			c.rules[e.Code] = append(c.rules[e.Code], hr)
		}
	}
	return c
})

// Write sends p as the response to r (which may be nil: nothing is known of
// the request).
//
// The missing members are filled in: Status 0 means 500; an empty Type is
// the code's page under BaseURL, or about:blank; an empty Title is the
// code's name in the catalogue (for a code it lacks, net/http's status
// text). The form follows the request's Accept (see the package doc) and
// the response carries Vary: Accept, Content-Type, Content-Length,
// X-Content-Type-Options: nosniff, Cache-Control: no-store unless one is
// already set, and Content-Language when Language is set. ETag and
// Content-Encoding set earlier are removed: they described content that is
// not sent. Other header fields set on w before the call (Allow,
// WWW-Authenticate, Retry-After, ...) are kept; when Upgrade is set,
// Connection gets the upgrade option RFC 9110, Section 7.8 asks for. An
// answer to HEAD has no content.
//
// Write always writes a response. It returns a *HeaderError when the
// response breaks a rule of the catalogue (see Validate), since only the
// caller knows the right value; an error wrapping ErrStatus, after writing
// a bare 500, when Status is outside 400 to 599; or the error of an
// extension member that does not encode as JSON, after writing the problem
// without its extensions.
func (wr Writer) Write(w http.ResponseWriter, r *http.Request, p Problem) error {
	var fail error
	if p.Status == 0 {
		p.Status = http.StatusInternalServerError
	}
	if p.Status < 400 || p.Status > 599 {
		fail = fmt.Errorf("%w: %d", ErrStatus, p.Status)
		p = Problem{Status: http.StatusInternalServerError}
	}
	if p.Type == "" {
		p.Type = "about:blank"
		if wr.BaseURL != "" {
			p.Type = wr.BaseURL + strconv.Itoa(p.Status)
		}
	}
	if p.Title == "" {
		p.Title = Title(p.Status)
	}
	var accept []string
	if r != nil {
		accept = r.Header.Values("Accept")
	}
	body, err := p.MarshalJSON()
	if err != nil {
		fail = err
		p.Extensions = nil
		body, _ = p.MarshalJSON()
	}
	form := negotiate(accept)
	if form == formText {
		body = p.text()
	} else {
		body = append(body, '\n')
	}

	h := w.Header()
	h.Del("ETag")
	h.Del("Content-Encoding")
	h.Set("Content-Type", forms[form].contentType)
	h.Set("Content-Length", strconv.Itoa(len(body)))
	h.Set("X-Content-Type-Options", "nosniff")
	if h.Get("Cache-Control") == "" {
		h.Set("Cache-Control", "no-store")
	}
	if !httpsyntax.HasToken(h.Values("Vary"), "Accept") && !httpsyntax.HasToken(h.Values("Vary"), "*") {
		h.Add("Vary", "Accept")
	}
	if wr.Language != "" && h.Get("Content-Language") == "" {
		h.Set("Content-Language", wr.Language)
	}
	if h.Get("Upgrade") != "" && !httpsyntax.HasToken(h.Values("Connection"), "upgrade") {
		h.Add("Connection", "Upgrade")
	}
	if fail == nil {
		fail = Validate(p.Status, h)
	}
	w.WriteHeader(p.Status)
	if r == nil || r.Method != http.MethodHead {
		w.Write(body) //nolint:errcheck // the client has gone; nothing to do
	}
	return fail
}

// Title returns the title of an about:blank problem with status: the name
// of the code's primary meaning in the catalogue ("Not Found"), else
// net/http's status text, else "".
func Title(status int) string {
	if t, ok := catalogue().titles[status]; ok {
		return t
	}
	return http.StatusText(status)
}

// text is the text/plain form of p: the status line, the detail, then the
// other members one a line, extension values as JSON. Control characters
// other than newline and tab are dropped.
func (p Problem) text() []byte {
	var b strings.Builder
	b.WriteString(strings.TrimSpace(strconv.Itoa(p.Status)+" "+clean(p.Title)) + "\n")
	if p.Detail != "" {
		fmt.Fprintf(&b, "\n%s\n", clean(p.Detail))
	}
	lines := []string{"type: " + clean(p.Type)}
	if p.Instance != "" {
		lines = append(lines, "instance: "+clean(p.Instance))
	}
	keys := make([]string, 0, len(p.Extensions))
	for k := range p.Extensions {
		if !isStandard(k) {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	for _, k := range keys {
		if v, err := json.Marshal(p.Extensions[k]); err == nil {
			lines = append(lines, clean(k)+": "+string(v))
		}
	}
	b.WriteString("\n" + strings.Join(lines, "\n") + "\n")
	return []byte(b.String())
}

func clean(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 && r != '\n' && r != '\t' || r == 0x7f {
			return -1
		}
		return r
	}, s)
}
