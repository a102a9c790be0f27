package endpoint

import (
	"fmt"
	"github.com/httpstatus/httpstatus/internal/httpsyntax"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/httpstatus/httpstatus"
)

// filled are the header names the endpoint fills when a rule names them.
var filled = []string{
	"Location", "Www-Authenticate", "Proxy-Authenticate", "Allow", "Retry-After",
	"Upgrade", "Content-Range", "Etag", "Vary", "Link",
}

// TestCodes asks for every number from 100 to 999 with GET and HEAD, and
// checks the answer against the catalogue: the headers its rules call for,
// and the body rules.
func TestCodes(t *testing.T) {
	t.Parallel()
	srv := newServer(t, Config{})
	c := newClient(srv)
	for code := 100; code <= 999; code++ {
		_, known := httpstatus.Lookup(code)
		valid := code <= 599 || known
		for _, method := range []string{http.MethodGet, http.MethodHead} {
			name := fmt.Sprintf("ok/%d/%s", code, method)
			if !valid {
				name = fmt.Sprintf("error/%d/%s", code, method)
			}
			t.Run(name, func(t *testing.T) {
				t.Parallel()
				resp, body := do(t, c, method, srv.URL+"/status/"+strconv.Itoa(code), nil)
				switch {
				case !valid:
					checkProblem(t, resp, body, http.StatusBadRequest, "no meaning in the catalogue")
				case code == http.StatusSwitchingProtocols:
					checkProblem(t, resp, body, http.StatusBadRequest, "asks to upgrade")
				case code < 200:
					checkFinal(t, resp, body, http.StatusOK) // after the interim response
				default:
					checkFinal(t, resp, body, code)
				}
			})
		}
	}
}

var (
	partialRange     = regexp.MustCompile(`^bytes (\d+)-(\d+)/(\d+)$`)
	unsatisfiedRange = regexp.MustCompile(`^bytes \*/(\d+)$`)
)

// checkFinal checks a final response for code against the catalogue.
func checkFinal(t *testing.T, resp *http.Response, body []byte, code int) {
	t.Helper()
	method := resp.Request.Method
	if resp.StatusCode != code {
		t.Fatalf("status %d, want %d", resp.StatusCode, code)
	}
	h := resp.Header

	var required, forbidden []string
	for _, rule := range httpstatus.Headers(code) {
		for _, name := range ruleNames(rule.Name) {
			name = http.CanonicalHeaderKey(name)
			if forbids(rule.Requirement) {
				forbidden = append(forbidden, name)
			} else if slices.Contains(filled, name) {
				required = append(required, name)
			}
		}
	}
	for _, name := range required {
		if h.Get(name) == "" && !slices.Contains(forbidden, name) {
			t.Errorf("no %s, which the catalogue's rules for %d call for", name, code)
		}
	}
	for _, name := range forbidden {
		if name != "Date" && h.Get(name) != "" {
			t.Errorf("%s: %s is sent, but a rule for %d forbids it", name, h.Get(name), code)
		}
	}

	wantBody := bodyAllowedForStatus(code)
	if es, ok := httpstatus.Lookup(code); ok && !es[0].BodyAllowed {
		wantBody = false
	}
	switch {
	case method == http.MethodHead && len(body) > 0:
		t.Errorf("a HEAD response has %d bytes of body", len(body))
	case method != http.MethodHead && wantBody && len(body) == 0:
		t.Errorf("no body, but a %d may have one", code)
	case !wantBody && len(body) > 0:
		t.Errorf("%d bytes of body, but a %d has none: %q", len(body), code, body)
	}
	if bodyAllowedForStatus(code) {
		cl, err := strconv.Atoi(h.Get("Content-Length"))
		if err != nil {
			t.Errorf("Content-Length %q: %v", h.Get("Content-Length"), err)
		} else if method != http.MethodHead && cl != len(body) {
			t.Errorf("Content-Length %d, but the body has %d bytes", cl, len(body))
		}
		if wantBody && h.Get("Content-Type") != typeText {
			t.Errorf("Content-Type %q, want %q by default", h.Get("Content-Type"), typeText)
		}
	}

	if cr := h.Get("Content-Range"); cr != "" {
		if m := partialRange.FindStringSubmatch(cr); m != nil {
			first, _ := strconv.Atoi(m[1])
			last, _ := strconv.Atoi(m[2])
			n, _ := strconv.Atoi(m[3])
			if code/100 != 2 || first > last || last >= n {
				t.Errorf("Content-Range %q on a %d", cr, code)
			}
			if method != http.MethodHead && len(body) != last-first+1 {
				t.Errorf("Content-Range %q, but the body has %d bytes", cr, len(body))
			}
		} else if m := unsatisfiedRange.FindStringSubmatch(cr); m != nil {
			n, _ := strconv.Atoi(m[1])
			if code/100 == 2 {
				t.Errorf("Content-Range %q on a %d", cr, code)
			}
			if method != http.MethodHead && n != len(body) {
				t.Errorf("Content-Range %q, but the representation has %d bytes", cr, len(body))
			}
		} else {
			t.Errorf("Content-Range %q is malformed", cr)
		}
	}
	if loc := h.Get("Location"); loc != "" && (!strings.HasPrefix(loc, "/") || strings.HasPrefix(loc, "//")) {
		t.Errorf("Location %q is not a path on this server", loc)
	}
	if a := h.Get("Allow"); a != "" && httpsyntax.HasToken([]string{a}, method) {
		t.Errorf("Allow %q lists the method %s that got a %d", a, method, code)
	}
	if ra := h.Get("Retry-After"); ra != "" {
		if n, err := strconv.Atoi(ra); err != nil || n < 0 {
			t.Errorf("Retry-After %q is not a number of seconds", ra)
		}
	}
	if h.Get("Upgrade") != "" && !httpsyntax.HasToken(h.Values("Connection"), "upgrade") {
		t.Errorf("Upgrade without Connection: upgrade")
	}
	checkExposed(t, h)
}
