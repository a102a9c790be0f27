package server

import (
	"bufio"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"path"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"
)

// contentSecurityPolicy allows nothing inline: every script and style is a
// file under /static/.
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; " +
	"img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"

// securityHeaders are the security headers of every response. Their value
// slices are shared by all responses: they have no spare capacity (an Add
// reallocates), and nothing may change their elements.
var securityHeaders = []struct {
	name  string // canonical
	value []string
}{
	{"Content-Security-Policy", []string{contentSecurityPolicy}},
	{"X-Content-Type-Options", []string{"nosniff"}},
	{"Referrer-Policy", []string{"no-referrer"}},
	{"X-Frame-Options", []string{"DENY"}},
	{"Cross-Origin-Opener-Policy", []string{"same-origin"}},
}

// withSecurityHeaders sets the security headers on every response.
func withSecurityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		for _, f := range securityHeaders {
			h[f.name] = f.value
		}
		next.ServeHTTP(w, r)
	})
}

// withURILimit answers 414 to a request target longer than 8 KiB. (Go's
// server itself answers 431 when the header block passes MaxHeaderBytes.)
func withURILimit(next http.Handler, s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if len(r.RequestURI) > maxURIBytes || len(r.URL.RawQuery) > maxURIBytes {
			s.problem(w, r, http.StatusRequestURITooLong,
				fmt.Sprintf("the request target is longer than %d bytes", maxURIBytes))
			return
		}
		next.ServeHTTP(w, r)
	})
}

// withCORS lets any origin read the API with GET and HEAD.
func withCORS(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/api/") && (r.Method == http.MethodGet || r.Method == http.MethodHead) {
			w.Header().Set("Access-Control-Allow-Origin", "*")
			w.Header().Set("Access-Control-Expose-Headers", "ETag")
		}
		next.ServeHTTP(w, r)
	})
}

// handlePreflight answers a CORS preflight for the API.
func handlePreflight() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Allow", "GET, HEAD, OPTIONS")
		h.Set("Access-Control-Allow-Origin", "*")
		h.Set("Access-Control-Allow-Methods", "GET, HEAD, OPTIONS")
		h.Set("Access-Control-Allow-Headers", "Accept, If-None-Match")
		h.Set("Access-Control-Max-Age", "86400")
		h.Set("Cache-Control", cacheNone)
		w.WriteHeader(http.StatusNoContent)
	})
}

// withErrors serves the mux, but answers what the mux would answer with a
// plain-text error itself: a 404 becomes the HTML 404 page (or problem+json
// under /api/), a 405 becomes problem+json with the mux's Allow.
//
// It matches each request once. A clean path under statusPrefix goes
// straight to status, the handler the mux has for it (addRoutes registers
// nothing else there); any other request is matched with mux.Handler, and
// its handler called directly unless its pattern has wildcards, whose
// values only mux.ServeHTTP sets.
func withErrors(mux *http.ServeMux, s *site, status http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodConnect && strings.HasPrefix(r.URL.Path, statusPrefix) && isCleanPath(r.URL.EscapedPath()) {
			r.Pattern = statusPrefix
			status.ServeHTTP(w, r)
			return
		}
		h, pattern := mux.Handler(r)
		if pattern != "" {
			if strings.Contains(pattern, "{") || r.RequestURI == "*" {
				mux.ServeHTTP(w, r)
				return
			}
			r.Pattern = pattern
			h.ServeHTTP(w, r)
			return
		}
		rec := &headerRecorder{header: http.Header{}}
		h.ServeHTTP(rec, r)
		allow := rec.header.Get("Allow")
		if rec.code == http.StatusMethodNotAllowed && onlyOptions(allow) {
			rec.code = http.StatusNotFound // only the API's preflight pattern matched
		}
		switch rec.code {
		case http.StatusMethodNotAllowed:
			w.Header().Set("Allow", allow)
			s.problem(w, r, http.StatusMethodNotAllowed,
				fmt.Sprintf("the method %s is not allowed here; use %s", r.Method, allow))
		case http.StatusNotFound, 0:
			s.notFound(w, r)
		default: // a redirect to the cleaned path
			if loc := rec.header.Get("Location"); loc != "" {
				w.Header().Set("Location", loc)
			}
			w.WriteHeader(rec.code)
		}
	})
}

// isCleanPath reports whether an escaped URL path is one ServeMux serves as
// it is, rather than redirecting to its cleaned form: rooted, with no empty,
// "." or ".." segment (a trailing slash is kept).
func isCleanPath(p string) bool {
	if p == "" || p[0] != '/' {
		return false
	}
	np := path.Clean(p)
	return np == p || p[len(p)-1] == '/' && np == p[:len(p)-1]
}

// onlyOptions reports whether an Allow value names no method but OPTIONS.
func onlyOptions(allow string) bool {
	for _, m := range strings.Split(allow, ",") {
		if m = strings.TrimSpace(m); m != "" && m != http.MethodOptions {
			return false
		}
	}
	return true
}

// headerRecorder keeps the status and headers a handler writes, and drops
// its body.
type headerRecorder struct {
	header http.Header
	code   int
}

func (h *headerRecorder) Header() http.Header { return h.header }
func (h *headerRecorder) Write(p []byte) (int, error) {
	if h.code == 0 {
		h.code = http.StatusOK
	}
	return len(p), nil
}
func (h *headerRecorder) WriteHeader(code int) {
	if h.code == 0 {
		h.code = code
	}
}

// withRecover turns a panic into a logged error and, when nothing was sent
// yet, a 500, so that one bad request never takes the server down.
func withRecover(next http.Handler, logger *slog.Logger, s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			v := recover()
			if v == nil {
				return
			}
			if err, ok := v.(error); ok && errors.Is(err, http.ErrAbortHandler) {
				panic(v)
			}
			logger.Error("panic", "method", r.Method, "path", r.URL.Path, "panic", fmt.Sprint(v))
			if lw, ok := w.(*logWriter); !ok || lw.status == 0 {
				s.problem(w, r, http.StatusInternalServerError, "the server failed; the failure is logged")
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// maxLoggedPath is the most of a path the request log writes.
const maxLoggedPath = 256

// withLogging logs one line per request: method, path (its first 256
// bytes), status, bytes and duration. It builds the record itself, which
// saves Logger.LogAttrs' look-up of the caller (no handler here adds the
// source) and a second reading of the clock, and reuses the response
// writers that count what is sent.
func withLogging(next http.Handler, logger *slog.Logger) http.Handler {
	handler := logger.Handler()
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		lw := logWriters.Get().(*logWriter)
		lw.ResponseWriter = w
		next.ServeHTTP(lw, r)
		status, n := lw.status, lw.bytes
		*lw = logWriter{}
		logWriters.Put(lw)
		if status == 0 {
			status = http.StatusOK
		}
		ctx := r.Context()
		if !handler.Enabled(ctx, slog.LevelInfo) {
			return
		}
		end := time.Now()
		rec := slog.NewRecord(end, slog.LevelInfo, "request", 0)
		rec.AddAttrs(
			slog.String("method", r.Method),
			slog.String("path", logPath(r.URL.Path)),
			slog.Int("status", status),
			slog.Int64("bytes", n),
			slog.Duration("duration", end.Sub(start)),
		)
		handler.Handle(ctx, rec) //nolint:errcheck // nowhere to report a failed log write
	})
}

// logPath returns the first maxLoggedPath bytes of path, cut at a rune
// boundary.
func logPath(path string) string {
	if len(path) <= maxLoggedPath {
		return path
	}
	i := maxLoggedPath
	for i > maxLoggedPath-utf8.UTFMax && !utf8.RuneStart(path[i]) {
		i--
	}
	return path[:i]
}

// logWriters are the response writers of requests being logged, for reuse.
var logWriters = sync.Pool{New: func() any { return new(logWriter) }}

// logWriter counts what a handler sends. It unwraps for
// http.ResponseController and passes Flush and Hijack on.
type logWriter struct {
	http.ResponseWriter
	status int
	bytes  int64
}

func (l *logWriter) WriteHeader(code int) {
	if l.status == 0 && (code >= 200 || code == http.StatusSwitchingProtocols) {
		l.status = code
	}
	l.ResponseWriter.WriteHeader(code)
}

func (l *logWriter) Write(p []byte) (int, error) {
	if l.status == 0 {
		l.status = http.StatusOK
	}
	n, err := l.ResponseWriter.Write(p)
	l.bytes += int64(n)
	return n, err
}

func (l *logWriter) Unwrap() http.ResponseWriter { return l.ResponseWriter }

func (l *logWriter) Flush() {
	if f, ok := l.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

func (l *logWriter) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	if hj, ok := l.ResponseWriter.(http.Hijacker); ok {
		return hj.Hijack()
	}
	return nil, nil, http.ErrNotSupported
}

// acceptsGzip reports whether Accept-Encoding values allow gzip: named (or
// "*") with a q-value above zero.
func acceptsGzip(values []string) bool {
	gz, star := -1.0, -1.0
	for _, v := range values {
		for _, part := range strings.Split(v, ",") {
			coding, params, _ := strings.Cut(part, ";")
			coding = strings.ToLower(strings.TrimSpace(coding))
			q := 1.0
			for _, p := range strings.Split(params, ";") {
				k, val, ok := strings.Cut(strings.TrimSpace(p), "=")
				if ok && strings.EqualFold(strings.TrimSpace(k), "q") {
					f, err := strconv.ParseFloat(strings.TrimSpace(val), 64)
					if err != nil {
						f = 0
					}
					q = f
				}
			}
			switch coding {
			case "gzip", "x-gzip":
				gz = q
			case "*":
				star = q
			}
		}
	}
	if gz >= 0 {
		return gz > 0
	}
	return star > 0
}

// noneMatch reports whether If-None-Match values match one of the current
// ETags, by weak comparison (RFC 9110, Section 13.1.2): "*" matches any.
func noneMatch(values []string, etags ...string) bool {
	for _, v := range values {
		for _, t := range strings.Split(v, ",") {
			t = strings.TrimSpace(t)
			if t == "*" {
				return true
			}
			t = strings.TrimPrefix(t, "W/")
			for _, e := range etags {
				if e != "" && t == e {
					return true
				}
			}
		}
	}
	return false
}
