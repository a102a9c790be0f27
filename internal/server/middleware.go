package server

import (
	"bufio"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/httpstatus/httpstatus/internal/problem"
)

// contentSecurityPolicy allows nothing inline: every script and style is a
// file under /static/.
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; " +
	"img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"

// withSecurityHeaders sets the security headers on every response.
func withSecurityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", contentSecurityPolicy)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		next.ServeHTTP(w, r)
	})
}

// withURILimit answers 414 to a request target longer than 8 KiB. (Go's
// server itself answers 431 when the header block passes MaxHeaderBytes.)
func withURILimit(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if len(r.RequestURI) > maxURIBytes || len(r.URL.RawQuery) > maxURIBytes {
			problem.Write(w, r, http.StatusRequestURITooLong,
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
func withErrors(mux *http.ServeMux, s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h, pattern := mux.Handler(r)
		if pattern != "" {
			mux.ServeHTTP(w, r)
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
			problem.Write(w, r, http.StatusMethodNotAllowed,
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
func withRecover(next http.Handler, logger *slog.Logger) http.Handler {
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
				problem.Write(w, r, http.StatusInternalServerError, "the server failed; the failure is logged")
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// withLogging logs one line per request: method, path, status, bytes and
// duration.
func withLogging(next http.Handler, logger *slog.Logger) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		lw := &logWriter{ResponseWriter: w}
		next.ServeHTTP(lw, r)
		status := lw.status
		if status == 0 {
			status = http.StatusOK
		}
		logger.LogAttrs(r.Context(), slog.LevelInfo, "request",
			slog.String("method", r.Method),
			slog.String("path", r.URL.Path),
			slog.Int("status", status),
			slog.Int64("bytes", lw.bytes),
			slog.Duration("duration", time.Since(start)),
		)
	})
}

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
