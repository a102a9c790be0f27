// Package problem writes HTTP errors as RFC 9457 problem details, the one way
// every handler of the project reports an error.
package problem

import (
	"encoding/json"
	"net/http"
	"strconv"
)

// Details is an RFC 9457 problem details object.
type Details struct {
	Type   string `json:"type"`
	Title  string `json:"title"`
	Status int    `json:"status"`
	Detail string `json:"detail,omitempty"`
}

// Write sends status with a problem+json body whose detail is reason. The
// reason is JSON-encoded, never reflected raw. Headers already set on w
// (Allow, Retry-After) are kept.
func Write(w http.ResponseWriter, r *http.Request, status int, reason string) {
	body, _ := json.Marshal(Details{
		Type:   "about:blank",
		Title:  http.StatusText(status),
		Status: status,
		Detail: reason,
	})
	body = append(body, '\n')
	h := w.Header()
	h.Del("ETag")
	h.Del("Content-Encoding")
	h.Set("Content-Type", "application/problem+json")
	h.Set("Content-Length", strconv.Itoa(len(body)))
	h.Set("X-Content-Type-Options", "nosniff")
	if h.Get("Cache-Control") == "" {
		h.Set("Cache-Control", "no-store")
	}
	w.WriteHeader(status)
	if r == nil || r.Method != http.MethodHead {
		w.Write(body) //nolint:errcheck // the client has gone; nothing to do
	}
}
