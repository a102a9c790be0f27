package endpoint

import (
	"bytes"
	"github.com/httpstatus/httpstatus/internal/httpsyntax"
	"maps"
	"math"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/httpstatus/httpstatus"
)

// The media types of a body, as indexes into an answer's tables.
const (
	mediaText = iota
	mediaJSON
	mediaProblem
	mediaHTML
	numMedia
)

var mediaTypes = [numMedia]string{typeText, typeJSON, typeProblem, typeHTML}

// exposeHeaders is the header whose value setCORS works out.
const exposeHeaders = "Access-Control-Expose-Headers"

// An answer is what the endpoint says for one code, worked out once, when
// the endpoint is created: the catalogue's rules, looked up once, the body
// in each media type, and for a final code the default response (no
// ?location= nor ?header=) in each, which the rules engine builds then and
// each request copies.
type answer struct {
	code      int
	rules     []httpstatus.HeaderRule // the catalogue's rules for the code
	forbidden []string                // the canonical names a MUST NOT or SHOULD NOT rule removes
	bodyOK    bool                    // the response has content (describe's bodyAllowed)
	bodies    [numMedia][]byte        // the representation in each media type; nil where not offered
	// preset[m][v] is the default response in media type m, for GET and
	// HEAD (v 0) and for other methods (v 1), which differ only in an
	// Allow. An interim code has none: it is never a final response.
	preset [numMedia][2]preset
}

// A preset is a response ready to copy. It holds few pointers, so that the
// collector has little to scan in the endpoint's thousands of them.
type preset struct {
	fields     []uint16 // the endpoint's headers, as indexes into handler.fields
	body       []byte   // what a GET gets: the representation, or part of it (206)
	keepExpose bool     // the endpoint sets Access-Control-Expose-Headers
}

// A field is one header with its value. The value slices are shared by
// every response that copies them, so they have no spare capacity (an Add
// reallocates) and nothing may change their elements.
type field struct {
	name  string // canonical
	value []string
}

// catalogued reports, by code, whether the catalogue has a meaning for it.
var catalogued = sync.OnceValue(func() *[1000]bool {
	var known [1000]bool
	for _, e := range httpstatus.All() {
		if e.Code >= 0 && e.Code < len(known) {
			known[e.Code] = true
		}
	}
	return &known
})

// answerable reports whether the endpoint answers code: 100 to 599, and any
// number up to 999 that the catalogue gives a meaning.
func answerable(code int) bool {
	return code >= 100 && code <= 599 || code >= 600 && code <= 999 && catalogued()[code]
}

// buildAnswers works out the answer of every code the endpoint answers.
func (h *handler) buildAnswers() {
	index := map[string]uint16{} // of h.fields, by name and value
	for code := 100; code <= 999; code++ {
		if answerable(code) {
			h.answers[code-100] = h.newAnswer(code, index)
		}
	}
}

// answerFor returns the answer for code, which parseCode has checked.
func (h *handler) answerFor(code int) *answer {
	return h.answers[code-100]
}

func (h *handler) newAnswer(code int, index map[string]uint16) *answer {
	a := &answer{code: code, rules: httpstatus.Headers(code)}
	for _, rule := range a.rules {
		if forbids(rule.Requirement) {
			for _, name := range ruleNames(rule.Name) {
				if name = http.CanonicalHeaderKey(name); !slices.Contains(a.forbidden, name) {
					a.forbidden = append(a.forbidden, name)
				}
			}
		}
	}
	if code < 200 {
		return a // an interim code: only its rules are used
	}
	m := describe(code)
	a.bodyOK = m.bodyAllowed
	for i := range numMedia {
		if i != mediaProblem || code >= 400 {
			a.bodies[i] = bytes.Clone(h.render(m, i)) // without the spare room of a buffer
		}
	}
	for i := range numMedia {
		if a.bodies[i] == nil {
			continue
		}
		get := h.defaultPreset(a, http.MethodGet, i, index)
		other := get
		if a.usesMethod() {
			other = h.defaultPreset(a, http.MethodPost, i, index)
		}
		a.preset[i] = [2]preset{get, other}
	}
	return a
}

// usesMethod reports whether the rules fill a header whose value depends on
// the request's method (Allow).
func (a *answer) usesMethod() bool {
	for _, rule := range a.rules {
		if !forbids(rule.Requirement) && slices.ContainsFunc(ruleNames(rule.Name), func(n string) bool {
			return http.CanonicalHeaderKey(n) == "Allow"
		}) {
			return true
		}
	}
	return false
}

// defaultPreset runs the rules engine for a request with method and no
// options, and keeps what it sets, each header once in h.fields.
func (h *handler) defaultPreset(a *answer, method string, media int, index map[string]uint16) preset {
	hdr := http.Header{}
	body := a.build(hdr, &http.Request{Method: method}, options{then: http.StatusOK}, media)
	_, expose := hdr[exposeHeaders]
	p := preset{body: body, keepExpose: expose}
	for _, name := range slices.Sorted(maps.Keys(hdr)) {
		v := hdr[name]
		key := name + "\x00" + strings.Join(v, "\x00") // header names and values hold no NUL
		i, ok := index[key]
		if !ok {
			if len(h.fields) > math.MaxUint16 {
				panic("endpoint: more distinct headers than a preset can index")
			}
			i = uint16(len(h.fields))
			h.fields = append(h.fields, field{name: name, value: slices.Clip(slices.Clone(v))})
			index[key] = i
		}
		p.fields = append(p.fields, i)
	}
	p.fields = slices.Clip(p.fields)
	return p
}

// build sets on hdr the headers of the answer in media type m to r with
// options o, by the catalogue's rules, and returns the body to send.
func (a *answer) build(hdr http.Header, r *http.Request, o options, media int) []byte {
	body := a.bodies[media]
	if a.bodyOK {
		hdr.Set("Content-Type", mediaTypes[media])
		hdr.Set("Vary", "Accept")
	} else {
		body = nil
	}
	hdr.Set("X-Content-Type-Options", "nosniff")
	hdr.Set("Cache-Control", "no-store")
	if k := applyRules(hdr, a.rules, r, a.code, o, len(body)); k >= 0 {
		body = body[:k]
	}
	for _, uh := range o.headers {
		if uh.first {
			hdr.Set(uh.name, uh.value)
		} else {
			hdr.Add(uh.name, uh.value)
		}
	}
	removeForbidden(hdr, a.rules)
	if bodyAllowedForStatus(a.code) {
		hdr.Set("Content-Length", strconv.Itoa(len(body)))
	}
	setCORS(hdr)
	return body
}

// clearOuter removes from out, the response's headers, those that handlers
// around the endpoint set and the response must not carry: the ones the
// rules forbid, and an Access-Control-Expose-Headers unless the endpoint
// sets its own, which lists only its headers.
func (a *answer) clearOuter(out http.Header, keepExpose bool) {
	for _, name := range a.forbidden {
		delete(out, name)
	}
	if !keepExpose {
		delete(out, exposeHeaders)
	}
}

// send writes the default answer in p: the endpoint's headers replace any
// of the same name.
func (h *handler) send(w http.ResponseWriter, r *http.Request, a *answer, p *preset) {
	out := w.Header()
	a.clearOuter(out, p.keepExpose)
	for _, i := range p.fields {
		f := &h.fields[i]
		out[f.name] = f.value
	}
	writeBody(w, r, a.code, p.body)
}

// writeBody sends the status and, unless the request is HEAD, the body.
func writeBody(w http.ResponseWriter, r *http.Request, code int, body []byte) {
	if c := w.Header()["Connection"]; r.Close && len(c) == 1 && !httpsyntax.HasToken(c, "close") {
		// net/http replaces a handler's Connection with "close" when the
		// connection is to close, unless it lists close already: list it,
		// so that the upgrade option of a 426 survives (RFC 9110, Section 7.8).
		w.Header()["Connection"] = []string{c[0] + ", close"}
	}
	w.WriteHeader(code)
	if r.Method != http.MethodHead && len(body) > 0 {
		w.Write(body) //nolint:errcheck // the client has gone; nothing to do
	}
}

// mediaFor returns the media type of the body for the request's Accept
// values; see negotiate.
func mediaFor(accept []string, isError bool) int {
	if len(accept) == 0 || len(accept) == 1 && (accept[0] == "*/*" || accept[0] == "") {
		return mediaText // what negotiate says, without parsing
	}
	switch negotiate(accept, isError) {
	case typeJSON:
		return mediaJSON
	case typeProblem:
		return mediaProblem
	case typeHTML:
		return mediaHTML
	}
	return mediaText
}
