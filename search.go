package httpstatus

import (
	"slices"
	"strings"
	"sync"

	"github.com/httpstatus/httpstatus/internal/textindex"
)

// MaxQuery is how many bytes of a query Search reads; the rest is ignored,
// so a pasted megabyte costs what a pasted log line costs.
const MaxQuery = textindex.MaxQueryBytes

// A Result is one entry found by Search, with its relevance score.
type Result struct {
	Entry Entry   `json:"entry"`
	Score float64 `json:"score"`
	// Matched is the signal that led to the entry, when one did: the
	// exception, constant, log line or error message the query held.
	Matched *Signal `json:"matched,omitempty"`
	// Situation is the situation that led to the entry, when one did: the
	// case the query described, whose answer is the entry's code.
	Situation *Situation `json:"situation,omitempty"`
}

// Search ranks the catalogue's entries against a query as people type it:
// codes ("418"), patterns ("4xx"), names, former names, and plain questions
// ("upload is too big", "hotel wifi login page"). It stems words ("redirecting"
// finds redirect), tolerates typos ("gatway timout"), knows common synonyms
// and phrasings ("timed out", "throttled") and weighs fields: a match in a
// name outranks one in a description. It returns at most limit results, best
// first; a limit of zero or less returns every match.
//
// A query may also be what a developer sees: an identifier
// ("http.StatusTeapot", "HTTPStatus.NOT_FOUND", "NotFoundException"), a
// pasted log line or stack trace, a platform's error ("H12 Request
// timeout", "Error 1020"), a browser's message. Search reads past the
// noise of pasted text (times, addresses, paths, ids), finds the signal in
// it and says so in the result's Matched. The last word may be unfinished
// ("unauth"), as when typing in a search box. Search reads at most the first
// MaxQuery bytes of a query.
//
// Results that score far below the best are dropped, and registered codes
// come before vendors' codes unless the query names a vendor or the code
// (see rank), so every face that searches shows the same list.
//
// The index is built from the catalogue by go generate, so Search costs
// nothing at start-up.
func Search(query string, limit int) []Result {
	var results []Result
	if p, ok := pattern(strings.TrimSpace(query)); ok {
		for i := range entries {
			if fits(p, entries[i].Code) {
				results = append(results, Result{Entry: entries[i].clone(), Score: 1000})
				if len(results) == limit {
					break
				}
			}
		}
		if len(results) > 0 {
			return results
		}
	}
	// Ten hits more than limit: the order below may lift a registered
	// code from past the limit above a vendor's.
	want := 0
	if limit > 0 {
		want = limit + 10
	}
	hits := rank(query, searchIndex.Search(query, want))
	if limit > 0 && len(hits) > limit {
		hits = hits[:limit]
	}
	results = make([]Result, len(hits))
	for i, h := range hits {
		results[i] = Result{Entry: entries[h.Target].clone(), Score: h.Score}
		switch d := h.Doc - len(entries); {
		case d >= len(docSignal)+len(situations):
			// a row of the guide: the entry is its own reason
		case d >= len(docSignal):
			sit := situations[d-len(docSignal)].clone()
			results[i].Situation = &sit
		case d >= 0:
			sig := signals[docSignal[d]].clone()
			results[i].Matched = &sig
		}
	}
	return results
}

// Suggest returns the query with each word the catalogue does not know
// replaced by the nearest word it does (within two edits), or "" when it
// has nothing better to offer. Use it for a "did you mean" after a search
// that found nothing.
func Suggest(query string) string { return searchIndex.Suggest(query) }

// relevanceCut is the share of the best score below which a result is
// dropped: a word shared by chance ("limit" in 418's description) does not
// make an answer. It is the one cut the CLI, the API and the website share.
const relevanceCut = 0.04

// rank drops the hits that fall below relevanceCut of the best, then puts
// registered codes before vendors' codes: a question that names no vendor
// is most often about a registered code. A vendor's code keeps its place
// when it is the best match of all ("origin DNS error" is Cloudflare's
// 530), when the query names a vendor ("nginx", "cloudflare") or the code's
// number ("Error 522"), or when one of the vendor's own signals (an error
// message, a constant) led to it. Informal codes that belong to no vendor
// (000, 599) keep theirs too. Within each group the engine's order stands.
func rank(query string, hits []textindex.Hit) []textindex.Hit {
	if len(hits) == 0 {
		return hits
	}
	top := 0.0
	for _, h := range hits {
		top = max(top, h.Score)
	}
	hits = slices.DeleteFunc(hits, func(h textindex.Hit) bool { return h.Score < top*relevanceCut })
	v := vendors()
	best := hits[0].Target // the engine's order: best first
	candidate := func(h textindex.Hit) bool {
		return h.Target != best && h.Doc == h.Target && v.entry[h.Target]
	}
	if !slices.ContainsFunc(hits, candidate) {
		return hits
	}
	words := textindex.Words(query)
	if slices.ContainsFunc(words, func(w string) bool { return v.words[w] }) {
		return hits // the query names a vendor
	}
	// The codes the query names by number ("Error 522").
	var named []int
	for _, w := range words {
		if len(w) == 3 {
			if n, err := ParseCode(w); err == nil {
				named = append(named, n)
			}
		}
	}
	// A stable partition: the hits that keep their place, then the others.
	out := make([]textindex.Hit, 0, len(hits))
	var later []textindex.Hit
	for _, h := range hits {
		if candidate(h) && !slices.Contains(named, entries[h.Target].Code) {
			later = append(later, h)
		} else {
			out = append(out, h)
		}
	}
	return append(out, later...)
}

// vendorNames are what rank knows of the catalogue's vendors: the words of
// their names that no registered entry's name or summary holds ("nginx",
// "cloudflare", "aws", not "server" or "client"), and which entries a
// vendor stands behind.
type vendorNames struct {
	words map[string]bool
	entry []bool // by entry
}

var vendors = sync.OnceValue(func() vendorNames {
	common := map[string]bool{}
	for _, e := range entries {
		if e.Registration != Unofficial {
			for _, w := range textindex.Words(e.Name + " " + e.Summary) {
				common[w] = true
			}
		}
	}
	v := vendorNames{words: map[string]bool{}, entry: make([]bool, len(entries))}
	for i, e := range entries {
		name, _, _ := strings.Cut(e.Vendor, "(") // "cPanel (Apache mod_bwlimited)": the vendor is cPanel
		for _, w := range textindex.Words(name) {
			if !common[w] && len(w) > 2 {
				v.words[w] = true
				v.entry[i] = true
			}
		}
	}
	return v
})
