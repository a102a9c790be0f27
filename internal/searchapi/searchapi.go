// Package searchapi is what GET /api/v1/search answers, as one function:
// the server calls it per request and the static export's WebAssembly
// build calls it in the browser, so both rank and encode alike.
package searchapi

import (
	"bytes"
	"encoding/json"
	"strings"
	"unicode/utf8"

	"github.com/httpstatus/httpstatus"
)

// Limits of a search.
const (
	DefaultLimit = 10
	MaxLimit     = 100
)

// Hit is one result: the entry's fields, and the signal or situation that
// led to it when one did.
type Hit struct {
	httpstatus.Entry
	Matched   *httpstatus.Signal    `json:"matched,omitempty"`
	Situation *httpstatus.Situation `json:"situation,omitempty"`
}

// Clean trims a query, drops invalid UTF-8 and cuts it to
// httpstatus.MaxQuery bytes on a rune boundary.
func Clean(q string) string {
	q = strings.TrimSpace(strings.ToValidUTF8(q, ""))
	if len(q) > httpstatus.MaxQuery {
		q = q[:httpstatus.MaxQuery]
		for !utf8.ValidString(q) {
			q = q[:len(q)-1]
		}
	}
	return q
}

// Hits searches the catalogue for q (cleaned) and returns at most limit
// hits, best first; never nil, so that none encodes as [].
func Hits(q string, limit int) []Hit {
	results := httpstatus.Search(Clean(q), limit)
	hits := make([]Hit, len(results))
	for i, res := range results {
		hits[i] = Hit{res.Entry, res.Matched, res.Situation}
	}
	return hits
}

// Encode writes hits to buf as the API sends them: indented JSON.
func Encode(buf *bytes.Buffer, hits []Hit) error {
	b, err := json.Marshal(hits)
	if err != nil {
		return err
	}
	return json.Indent(buf, b, "", "  ")
}
