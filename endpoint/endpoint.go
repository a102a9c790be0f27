package endpoint

import (
	"errors"
	"github.com/httpstatus/httpstatus/internal/httpsyntax"
	"io"
	"maps"
	"net/http"
	"net/netip"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/httpstatus/httpstatus/internal/clientip"
	"github.com/httpstatus/httpstatus/problem"
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
	// MaxDelayedPerClient bounds the requests one client (an IPv4 address,
	// an IPv6 /64) may have sleeping at once; beyond it the endpoint answers
	// 503. Default (and for any value <= 0) DefaultMaxDelayedPerClient.
	MaxDelayedPerClient int
	// RatePerMinute is the number of requests a client may make a minute;
	// beyond it the endpoint answers 429. An IPv6 client is its /64, and a
	// /48 may make 16 times as many. 0 turns the limit off.
	RatePerMinute int
	// TrustedProxies are the proxies whose X-Forwarded-For (or, without
	// one, Forwarded) names the client for the per-client limits. A request
	// from any other peer is that peer's, whatever its headers say.
	TrustedProxies []netip.Prefix
	// Shutdown, when closed, ends every sleeping request at once with a 503
	// and Connection: close, so that a server shutting down need not wait
	// for them. nil: sleeps end only when their time is up.
	Shutdown <-chan struct{}
	// Sequences bounds the state kept for ?sequence= (see the package
	// documentation); the zero value takes the defaults.
	Sequences SequenceLimits
	// ReferenceURL returns the link to a code's reference page, used in
	// JSON and HTML bodies; default "/CODE".
	ReferenceURL func(code int) string
	// Stylesheet is the URL of a stylesheet the text/html bodies link to,
	// such as the site's own; none by default.
	Stylesheet string
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
	delayed   *delays
	limiter   *limiter   // nil when off
	sequences *sequences // the running ?sequence= sequences
	trusted   clientip.Trusted
	shutdown  <-chan struct{}
	reference func(int) string
	css       string       // Config.Stylesheet
	answers   [900]*answer // by code - 100; nil for a code the endpoint refuses
	fields    []field      // the headers of the answers' presets, each once
}

// New returns the endpoint as an http.Handler.
func New(cfg Config) http.Handler {
	h := &handler{
		prefix:    cfg.Prefix,
		maxSleep:  cfg.MaxSleep,
		reference: cfg.ReferenceURL,
		css:       cfg.Stylesheet,
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
	perClient := cfg.MaxDelayedPerClient
	if perClient <= 0 {
		perClient = DefaultMaxDelayedPerClient
	}
	h.delayed = newDelays(n, perClient)
	h.trusted = clientip.Trusted(slices.Clone(cfg.TrustedProxies))
	h.shutdown = cfg.Shutdown
	if cfg.RatePerMinute > 0 {
		h.limiter = newLimiter(cfg.RatePerMinute, time.Now)
	}
	h.sequences = newSequences(cfg.Sequences, time.Now)
	if h.reference == nil {
		h.reference = func(code int) string { return "/" + strconv.Itoa(code) }
	}
	h.buildAnswers()
	return h
}

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if h.limiter != nil {
		a, _ := h.trusted.FromRequest(r)
		if ok, wait := h.limiter.allow(a); !ok {
			failRetry(w, r, http.StatusTooManyRequests, strconv.Itoa(wait),
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
	var code int
	var choices []choice
	var err error
	if seg != "" && !strings.ContainsAny(seg, ",:") {
		code, err = parseCode(seg) // one code: what parseCodes would say, without a list
	} else {
		choices, err = parseCodes(seg)
	}
	if err != nil {
		fail(w, r, http.StatusBadRequest, err.Error())
		return
	}
	o, err := parseOptions(r.URL.RawQuery, h.maxSleep)
	if err != nil {
		fail(w, r, http.StatusBadRequest, err.Error())
		return
	}
	if key, ok, err := sequenceParam(r.URL.RawQuery); err != nil {
		fail(w, r, http.StatusBadRequest, err.Error())
		return
	} else if ok {
		if code, ok = h.sequenced(w, r, key, seg, code, choices); !ok {
			return
		}
	} else if choices != nil {
		code = pick(choices, o.rand())
	}

	if final := code; r.Method == http.MethodConnect && code != http.StatusSwitchingProtocols {
		if final < 200 {
			final = o.then
		}
		if final/100 == 2 {
			// A 2xx to CONNECT turns the connection into a tunnel after its
			// header section, with no Content-Length and no content (RFC
			// 9110, Section 9.3.6); the endpoint has nowhere to tunnel to.
			fail(w, r, http.StatusBadRequest, "a 2xx answer to CONNECT opens a tunnel (RFC 9110, Section 9.3.6), "+
				"which this endpoint cannot do; ask CONNECT for a 3xx, 4xx or 5xx code")
			return
		}
	}
	if code == http.StatusSwitchingProtocols {
		if reason := cannotSwitch(r); reason != "" {
			fail(w, r, http.StatusBadRequest, reason)
			return
		}
	}
	if o.sleep > 0 {
		if err := readBody(r); err != nil {
			if errors.Is(err, errBodyTooLarge) {
				fail(w, r, http.StatusRequestEntityTooLarge, "the body of a delayed request may be at most 1 MiB")
				return
			}
			// The client has gone (and the answer goes nowhere), or sent a
			// broken body.
			fail(w, r, http.StatusBadRequest, "the request's body could not be read to its end")
			return
		}
		release, refusal := h.delayed.acquire(h.client(r))
		if refusal != "" {
			failRetry(w, r, http.StatusServiceUnavailable, retryAfter, refusal)
			return
		}
		defer release()
	}

	if code == http.StatusSwitchingProtocols {
		switch h.sleep(r.Context(), o.sleep) {
		case clientGone:
			return
		case shuttingDown:
			failShutdown(w, r)
			return
		}
		switchProtocols(w, r)
		return
	}
	if code < 200 {
		// An interim response, then the final one.
		if r.ProtoAtLeast(1, 1) {
			outer := w.Header().Clone() // what handlers around the endpoint set
			applyRules(w.Header(), h.answerFor(code).rules, r, code, o, 0)
			w.WriteHeader(code)
			// The final response carries its own code's headers, and again
			// those of the handlers around (security headers, CORS).
			clear(w.Header())
			maps.Copy(w.Header(), outer)
			if code == http.StatusContinue && httpsyntax.HasToken(r.Header.Values("Expect"), "100-continue") {
				// The client now sends the body it held back: read it, so
				// that the connection can serve its next request.
				io.Copy(io.Discard, io.LimitReader(r.Body, maxDrain)) //nolint:errcheck // a short read only closes the connection
			}
		}
		code = o.then
	}
	switch h.sleep(r.Context(), o.sleep) {
	case clientGone:
		return
	case shuttingDown:
		failShutdown(w, r)
		return
	}
	h.respond(w, r, code, o)
}

// respond sends the final response for code (200 to 999). Without
// ?location= or ?header= it copies the answer built when the endpoint was
// created; otherwise it runs the rules engine for this request.
func (h *handler) respond(w http.ResponseWriter, r *http.Request, code int, o options) {
	a := h.answerFor(code)
	media := mediaFor(r.Header["Accept"], code >= 400)
	if o.location == "" && len(o.headers) == 0 {
		v := 0 // GET and HEAD
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			v = 1 // any other method, which an Allow may not list
		}
		h.send(w, r, a, &a.preset[media][v])
		return
	}
	hdr := http.Header{}
	body := a.build(hdr, r, o, media)
	out := w.Header()
	_, expose := hdr[exposeHeaders]
	a.clearOuter(out, expose)
	maps.Copy(out, hdr)
	writeBody(w, r, code, body)
}

// bodyAllowedForStatus reports whether the protocol lets a response with
// code have content at all (RFC 9110, Section 6.4.1).
func bodyAllowedForStatus(code int) bool {
	return code >= 200 && code != http.StatusNoContent && code != http.StatusNotModified
}

// fail writes an error of the endpoint itself, through the project's one
// problem+json helper.
func fail(w http.ResponseWriter, r *http.Request, status int, reason string) {
	failRetry(w, r, status, "", reason)
}

// failRetry is fail with a Retry-After of retry seconds, unless retry is "".
func failRetry(w http.ResponseWriter, r *http.Request, status int, retry, reason string) {
	h := w.Header()
	h.Set("Access-Control-Allow-Origin", "*")
	// The problem writer adds Vary: Accept (it negotiates the form).
	if retry != "" {
		h.Set("Retry-After", retry)
		h.Set("Access-Control-Expose-Headers", "Retry-After, Vary")
	} else {
		h.Set("Access-Control-Expose-Headers", "Vary")
	}
	problem.Error(w, r, status, reason)
}
