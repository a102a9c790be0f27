package endpoint

import (
	"cmp"
	"fmt"
	"github.com/httpstatus/httpstatus/internal/httpsyntax"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/httpstatus/httpstatus"
)

// Values of the headers the catalogue's rules call for.
const (
	authChallenge = `Basic realm="httpstatus"`
	retrySeconds  = "5"
	upgradeTo     = "websocket"
	earlyHint     = "</style.css>; rel=preload; as=style"
	blockedBy     = `</>; rel="blocked-by"`
	uploadInterop = "6" // draft-ietf-httpbis-resumable-upload-05
	echoRequest   = "httpstatus"
)

// forbids reports whether a rule's requirement keeps its header out of the
// response: MUST NOT, or SHOULD NOT should the catalogue use it.
func forbids(req httpstatus.Requirement) bool {
	return strings.HasSuffix(strings.ToUpper(string(req)), " NOT")
}

// applyRules sets the headers that rules, the catalogue's rules for code,
// call for, by the header's name; n is the length of the representation. It
// returns the length of the partial body to send when it set a Content-Range
// for one, else -1.
func applyRules(h http.Header, rules []httpstatus.HeaderRule, r *http.Request, code int, o options, n int) int {
	partial := -1
	for _, rule := range rules {
		if forbids(rule.Requirement) {
			continue
		}
		for _, name := range ruleNames(rule.Name) {
			switch http.CanonicalHeaderKey(name) {
			case "Location":
				h.Set("Location", cmp.Or(o.location, "/"))
			case "Www-Authenticate":
				h.Set("WWW-Authenticate", authChallenge)
			case "Proxy-Authenticate":
				h.Set("Proxy-Authenticate", authChallenge)
			case "Allow":
				h.Set("Allow", allow(r.Method))
			case "Retry-After":
				h.Set("Retry-After", retrySeconds)
			case "Upgrade":
				h.Set("Upgrade", upgradeTo)
				h.Set("Connection", "Upgrade")
			case "Content-Range":
				switch {
				case code/100 != 2:
					h.Set("Content-Range", fmt.Sprintf("bytes */%d", n))
				case n > 0:
					partial = (n + 1) / 2
					h.Set("Content-Range", fmt.Sprintf("bytes 0-%d/%d", partial-1, n))
				}
			case "Ms-Echo-Request":
				h.Set("Ms-Echo-Request", echoRequest)
			case "Upload-Draft-Interop-Version":
				h.Set("Upload-Draft-Interop-Version", uploadInterop)
			case "Etag":
				h.Set("ETag", fmt.Sprintf(`"status-%d"`, code))
			case "Vary":
				h.Set("Vary", "Accept")
			case "Link":
				if code < 200 {
					h.Set("Link", earlyHint) // a 103's hint
				} else {
					h.Set("Link", blockedBy) // a 451's blocker: this server
				}
			}
		}
	}
	return partial
}

// allow is the Allow of a 405: the methods the resource supports, which
// never include the one refused.
func allow(method string) string {
	if method == http.MethodGet || method == http.MethodHead {
		return http.MethodPost
	}
	return "GET, HEAD"
}

// removeForbidden deletes the headers a MUST NOT (or SHOULD NOT) rule names.
func removeForbidden(h http.Header, rules []httpstatus.HeaderRule) {
	for _, rule := range rules {
		if forbids(rule.Requirement) {
			for _, name := range ruleNames(rule.Name) {
				h.Del(name)
			}
		}
	}
}

// ruleNames returns the header names of a rule's name, which may list
// several: "Content-Range or Content-Type", "ETag, Vary".
func ruleNames(s string) []string {
	var out []string
	for _, part := range strings.FieldsFunc(s, func(c rune) bool { return c == ',' || c == ';' }) {
		for _, alt := range splitWords(part, "or", "and") {
			if f := strings.Fields(alt); len(f) > 0 && httpsyntax.IsToken(f[0]) {
				out = append(out, f[0])
			}
		}
	}
	return out
}

// splitWords splits s around the whole words given.
func splitWords(s string, words ...string) []string {
	var out []string
	var cur []string
	for _, f := range strings.Fields(s) {
		if slices.Contains(words, strings.ToLower(f)) {
			out = append(out, strings.Join(cur, " "))
			cur = nil
			continue
		}
		cur = append(cur, f)
	}
	return append(out, strings.Join(cur, " "))
}

// safelisted are the response headers a browser shows a script without
// Access-Control-Expose-Headers.
var safelisted = []string{
	"Cache-Control", "Content-Language", "Content-Length", "Content-Type",
	"Expires", "Last-Modified", "Pragma",
}

// setCORS lets any origin read the response, and every header set on it.
func setCORS(h http.Header) {
	h.Set("Access-Control-Allow-Origin", "*")
	var expose []string
	for name := range h {
		if slices.Contains(safelisted, name) || name == "Set-Cookie" || name == "X-Content-Type-Options" ||
			strings.HasPrefix(name, "Access-Control-") {
			continue
		}
		expose = append(expose, name)
	}
	if len(expose) == 0 {
		h.Del("Access-Control-Expose-Headers")
		return
	}
	slices.Sort(expose)
	h.Set("Access-Control-Expose-Headers", strings.Join(expose, ", "))
}

// isPreflight reports whether r is a CORS preflight request.
func isPreflight(r *http.Request) bool {
	return r.Method == http.MethodOptions && r.Header.Get("Origin") != "" &&
		r.Header.Get("Access-Control-Request-Method") != ""
}

// preflight allows the method and headers a browser asks for.
func preflight(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Access-Control-Allow-Origin", "*")
	if m := r.Header.Get("Access-Control-Request-Method"); httpsyntax.IsToken(m) {
		h.Set("Access-Control-Allow-Methods", m)
	}
	var names []string
	for _, v := range r.Header.Values("Access-Control-Request-Headers") {
		for _, n := range strings.Split(v, ",") {
			if n = strings.TrimSpace(n); n != "" {
				names = append(names, n)
			}
		}
	}
	if len(names) > 0 && len(names) <= maxHeaders && !slices.ContainsFunc(names, func(n string) bool { return !httpsyntax.IsToken(n) }) {
		h.Set("Access-Control-Allow-Headers", strings.Join(names, ", "))
	}
	h.Set("Access-Control-Max-Age", "600")
	h.Set("Vary", "Access-Control-Request-Method, Access-Control-Request-Headers")
	w.WriteHeader(http.StatusNoContent)
}

// cannotSwitch returns why the endpoint will not answer r with 101, or ""
// when it will.
func cannotSwitch(r *http.Request) string {
	const how = "101 Switching Protocols answers only an HTTP/1.1 request that asks to upgrade, " +
		"with Connection: upgrade and an Upgrade header such as Upgrade: websocket"
	if r.ProtoMajor != 1 || r.ProtoMinor < 1 {
		return how + "; this request is " + r.Proto
	}
	if !httpsyntax.HasToken(r.Header.Values("Connection"), "upgrade") || r.Header.Get("Upgrade") == "" {
		return how
	}
	if upgradeProtocol(r) == "" {
		return "the Upgrade header does not start with a protocol name such as websocket or h2c"
	}
	return ""
}

// upgradeProtocol returns the first protocol a request offers to upgrade
// to, or "" when it is not a valid protocol name.
func upgradeProtocol(r *http.Request) string {
	first, _, _ := strings.Cut(r.Header.Get("Upgrade"), ",")
	first = strings.TrimSpace(first)
	name, version, hasVersion := strings.Cut(first, "/")
	if !httpsyntax.IsToken(name) || hasVersion && !httpsyntax.IsToken(version) {
		return ""
	}
	return first
}

// switchProtocols takes over the connection, sends 101 for the protocol the
// client offered, and closes the connection: the switch is real, but there
// is no other protocol to speak.
func switchProtocols(w http.ResponseWriter, r *http.Request) {
	conn, brw, err := http.NewResponseController(w).Hijack()
	if err != nil {
		fail(w, r, http.StatusBadRequest, "this connection cannot switch protocols")
		return
	}
	defer conn.Close()
	conn.SetWriteDeadline(time.Now().Add(5 * time.Second)) //nolint:errcheck // a failed write below is as good
	fmt.Fprintf(brw, "HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: %s\r\n\r\n", upgradeProtocol(r))
	brw.Flush() //nolint:errcheck // the client has gone; nothing to do
}
