package endpoint

import (
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
)

// RedirectConfig sets up Redirects. The zero value is ready to use.
type RedirectConfig struct {
	// Prefix is the path the handler is mounted at, with a trailing slash;
	// default "/redirect/".
	Prefix string
	// MaxHops caps n in {Prefix}{n}; default (and for any value <= 0)
	// DefaultMaxHops, and never above 1000.
	MaxHops int
}

// Defaults of RedirectConfig.
const (
	DefaultRedirectPrefix = "/redirect/"
	DefaultMaxHops        = 50
	maxMaxHops            = 1000
)

// redirectCodes are the codes ?code= may ask for.
var redirectCodes = []int{301, 302, 303, 307, 308}

// knownMethods are the methods the final answer names; any other is
// "other", so that no request text is reflected.
var knownMethods = []string{"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE"}

type redirects struct {
	prefix  string
	maxHops int
}

// Redirects returns the handler of redirect chains, to be mounted at
// cfg.Prefix (see the package documentation, "Redirect chains").
func Redirects(cfg RedirectConfig) http.Handler {
	h := &redirects{prefix: cfg.Prefix, maxHops: cfg.MaxHops}
	if h.prefix == "" {
		h.prefix = DefaultRedirectPrefix
	}
	if !strings.HasSuffix(h.prefix, "/") {
		h.prefix += "/"
	}
	if h.maxHops <= 0 {
		h.maxHops = DefaultMaxHops
	}
	h.maxHops = min(h.maxHops, maxMaxHops)
	return h
}

func (h *redirects) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if isPreflight(r) {
		preflight(w, r)
		return
	}
	rest, ok := strings.CutPrefix(r.URL.Path, h.prefix)
	if !ok {
		fail(w, r, http.StatusNotFound, "redirect chains answer under "+h.prefix)
		return
	}
	code := http.StatusFound
	q, _ := url.ParseQuery(r.URL.RawQuery)
	if vs, ok := q["code"]; ok {
		n, err := strconv.Atoi(vs[0])
		if len(vs) > 1 || err != nil || !slices.Contains(redirectCodes, n) {
			fail(w, r, http.StatusBadRequest, "?code= takes one of 301, 302, 303, 307 and 308, once")
			return
		}
		code = n
	}
	query := ""
	if code != http.StatusFound {
		query = "?code=" + strconv.Itoa(code)
	}
	if rest == "loop" {
		h.redirect(w, code, h.prefix+"loop"+query)
		return
	}
	n, err := strconv.Atoi(rest)
	if err != nil || n < 0 || rest != strconv.Itoa(n) {
		fail(w, r, http.StatusBadRequest, "ask for "+h.prefix+"N (N hops, then 200) or "+h.prefix+"loop (a loop that never ends)")
		return
	}
	if n > h.maxHops {
		fail(w, r, http.StatusBadRequest, "at most "+strconv.Itoa(h.maxHops)+" hops: ask for "+h.prefix+strconv.Itoa(h.maxHops)+" or fewer")
		return
	}
	if n > 0 {
		h.redirect(w, code, h.prefix+strconv.Itoa(n-1)+query)
		return
	}
	method := r.Method
	if !slices.Contains(knownMethods, method) {
		method = "other"
	}
	body, _ := json.Marshal(struct {
		Status int    `json:"status"`
		Method string `json:"method"`
	}{http.StatusOK, method})
	body = append(body, '\n')
	hdr := w.Header()
	hdr.Set("Content-Type", "application/json")
	hdr.Set("Content-Length", strconv.Itoa(len(body)))
	hdr.Set("Cache-Control", "no-store")
	hdr.Set("Access-Control-Allow-Origin", "*")
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		w.Write(body) //nolint:errcheck // the client has gone; nothing to do
	}
}

// redirect answers code with Location, a path on this server.
func (h *redirects) redirect(w http.ResponseWriter, code int, location string) {
	hdr := w.Header()
	hdr.Set("Location", location)
	hdr.Set("Content-Length", "0")
	hdr.Set("Cache-Control", "no-store")
	hdr.Set("Access-Control-Allow-Origin", "*")
	hdr.Set("Access-Control-Expose-Headers", "Location")
	w.WriteHeader(code)
}
