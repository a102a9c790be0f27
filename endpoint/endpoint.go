package endpoint

import (
	"context"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/httpstatus/httpstatus"
	"github.com/httpstatus/httpstatus/internal/problem"
)

// Config sets up the endpoint. The zero value is ready to use.
type Config struct {
	// Prefix is the path the endpoint is mounted at, with a trailing slash;
	// default "/status/".
	Prefix string
	// MaxSleep caps ?sleep=; default (and for any value <= 0) 10 seconds.
	MaxSleep time.Duration
	// MaxDelayed bounds the requests sleeping at once; beyond it the
	// endpoint answers 503. Default (and for any value <= 0) 64.
	MaxDelayed int
	// RatePerMinute is the number of requests a client address may make a
	// minute; beyond it the endpoint answers 429. 0 turns the limit off.
	RatePerMinute int
	// ReferenceURL returns the link to a code's reference page, used in
	// JSON and HTML bodies; default "/CODE".
	ReferenceURL func(code int) string
}

// Defaults of Config.
const (
	DefaultPrefix     = "/status/"
	DefaultMaxSleep   = 10 * time.Second
	DefaultMaxDelayed = 64
)

// maxDrain bounds the body read after a 100 Continue.
const maxDrain = 1 << 20

// retryAfter is the Retry-After, in seconds, of a 503 sent when too many
// requests are sleeping.
const retryAfter = "1"

type handler struct {
	prefix    string
	maxSleep  time.Duration
	delayed   chan struct{} // a slot per sleeping request
	limiter   *limiter      // nil when off
	reference func(int) string
}

// New returns the endpoint as an http.Handler.
func New(cfg Config) http.Handler {
	h := &handler{
		prefix:    cfg.Prefix,
		maxSleep:  cfg.MaxSleep,
		reference: cfg.ReferenceURL,
	}
	if h.prefix == "" {
		h.prefix = DefaultPrefix
	}
	if !strings.HasSuffix(h.prefix, "/") {
		h.prefix += "/"
	}
	if h.maxSleep <= 0 {
		h.maxSleep = DefaultMaxSleep
	}
	n := cfg.MaxDelayed
	if n <= 0 {
		n = DefaultMaxDelayed
	}
	h.delayed = make(chan struct{}, n)
	if cfg.RatePerMinute > 0 {
		h.limiter = newLimiter(cfg.RatePerMinute, time.Now)
	}
	if h.reference == nil {
		h.reference = func(code int) string { return "/" + strconv.Itoa(code) }
	}
	return h
}

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if h.limiter != nil {
		if ok, wait := h.limiter.allow(r.RemoteAddr); !ok {
			w.Header().Set("Retry-After", strconv.Itoa(wait))
			fail(w, r, http.StatusTooManyRequests,
				"too many requests from your address; try again after "+strconv.Itoa(wait)+" s")
			return
		}
	}
	if isPreflight(r) {
		preflight(w, r)
		return
	}
	rest, ok := strings.CutPrefix(r.URL.Path, h.prefix)
	if !ok {
		fail(w, r, http.StatusNotFound, "the status endpoint answers under "+h.prefix)
		return
	}
	seg, _, _ := strings.Cut(rest, "/")
	choices, err := parseCodes(seg)
	if err != nil {
		fail(w, r, http.StatusBadRequest, err.Error())
		return
	}
	o, err := parseOptions(r.URL.RawQuery, h.maxSleep)
	if err != nil {
		fail(w, r, http.StatusBadRequest, err.Error())
		return
	}
	code := pick(choices, o.rand())

	if code == http.StatusSwitchingProtocols {
		if reason := cannotSwitch(r); reason != "" {
			fail(w, r, http.StatusBadRequest, reason)
			return
		}
	}
	if o.sleep > 0 {
		select {
		case h.delayed <- struct{}{}:
			defer func() { <-h.delayed }()
		default:
			w.Header().Set("Retry-After", retryAfter)
			fail(w, r, http.StatusServiceUnavailable, "too many delayed requests at once; try again shortly")
			return
		}
	}

	if code == http.StatusSwitchingProtocols {
		if !sleep(r.Context(), o.sleep) {
			return
		}
		switchProtocols(w, r)
		return
	}
	if code < 200 {
		// An interim response, then the final one.
		if r.ProtoAtLeast(1, 1) {
			applyRules(w.Header(), httpstatus.Headers(code), r, code, o, 0)
			w.WriteHeader(code)
			clear(w.Header()) // the final response carries its own code's headers
			if code == http.StatusContinue && hasToken(r.Header.Values("Expect"), "100-continue") {
				// The client now sends the body it held back: read it, so
				// that the connection can serve its next request.
				io.Copy(io.Discard, io.LimitReader(r.Body, maxDrain)) //nolint:errcheck // a short read only closes the connection
			}
		}
		code = o.then
	}
	if !sleep(r.Context(), o.sleep) {
		return
	}
	h.respond(w, r, code, o)
}

// sleep waits for d, and reports false if the client went away first.
func sleep(ctx context.Context, d time.Duration) bool {
	if d <= 0 {
		return true
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}

// respond sends the final response for code.
func (h *handler) respond(w http.ResponseWriter, r *http.Request, code int, o options) {
	m := describe(code)
	hdr := w.Header()
	body, ctype := h.render(r, m)
	hasBody := m.bodyAllowed
	if hasBody {
		hdr.Set("Content-Type", ctype)
		hdr.Set("Vary", "Accept")
	}
	hdr.Set("X-Content-Type-Options", "nosniff")
	hdr.Set("Cache-Control", "no-store")
	if !hasBody {
		body = nil
	}
	rules := httpstatus.Headers(code)
	if k := applyRules(hdr, rules, r, code, o, len(body)); k >= 0 {
		body = body[:k]
	}
	for _, uh := range o.headers {
		if uh.first {
			hdr.Set(uh.name, uh.value)
		} else {
			hdr.Add(uh.name, uh.value)
		}
	}
	removeForbidden(hdr, rules)
	if bodyAllowedForStatus(code) {
		hdr.Set("Content-Length", strconv.Itoa(len(body)))
	}
	setCORS(hdr)
	w.WriteHeader(code)
	if r.Method != http.MethodHead && len(body) > 0 {
		w.Write(body) //nolint:errcheck // the client has gone; nothing to do
	}
}

// bodyAllowedForStatus reports whether the protocol lets a response with
// code have content at all (RFC 9110, Section 6.4.1).
func bodyAllowedForStatus(code int) bool {
	return code >= 200 && code != http.StatusNoContent && code != http.StatusNotModified
}

// fail writes an error of the endpoint itself, through the project's one
// problem+json helper.
func fail(w http.ResponseWriter, r *http.Request, status int, reason string) {
	setCORS(w.Header())
	problem.Write(w, r, status, reason)
}
