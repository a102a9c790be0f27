package httpstatus

import (
	"strings"

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
// The index is built from the catalogue by go generate, so Search costs
// nothing at start-up.
func Search(query string, limit int) []Result {
	var results []Result
	// The entries' lists are copied into one arena: a few allocations for
	// all the results rather than a handful for each.
	var a entryArena
	if p, ok := pattern(strings.TrimSpace(query)); ok {
		for i := range entries {
			if fits(p, entries[i].Code) {
				a.fit(&entries[i])
				results = append(results, Result{Entry: entries[i], Score: 1000})
				if len(results) == limit {
					break
				}
			}
		}
		for i := range results {
			results[i].Entry.own(&a)
		}
		if len(results) > 0 {
			return results
		}
	}
	var buf [16]textindex.Hit
	return resultsOf(searchIndex.SearchBuf(query, limit, buf[:0]))
}

// resultsOf returns the results of the index's hits: deep copies of their
// entries, and of the signals and situations that led to them.
func resultsOf(hits []textindex.Hit) []Result {
	var a entryArena
	// The signals and situations that led to results share an array each,
	// and their lists the entries' arena.
	nSig, nSit := 0, 0
	for _, h := range hits {
		a.fit(&entries[h.Target])
		switch d := h.Doc - len(entries); {
		case d >= len(docSignal)+len(situations):
		case d >= len(docSignal):
			a.fitSituation(&situations[d-len(docSignal)])
			nSit++
		case d >= 0:
			a.fitSignal(&signalRecords[docSignal[d]])
			nSig++
		}
	}
	results := make([]Result, len(hits))
	var sigs []Signal
	var sits []Situation
	if nSig > 0 {
		sigs = make([]Signal, 0, nSig)
	}
	if nSit > 0 {
		sits = make([]Situation, 0, nSit)
	}
	for i, h := range hits {
		r := &results[i]
		r.Entry = entries[h.Target]
		r.Entry.own(&a)
		r.Score = h.Score
		switch d := h.Doc - len(entries); {
		case d >= len(docSignal)+len(situations):
			// a row of the guide: the entry is its own reason
		case d >= len(docSignal):
			sits = append(sits, situations[d-len(docSignal)])
			r.Situation = &sits[len(sits)-1]
			r.Situation.own(&a)
		case d >= 0:
			sigs = append(sigs, signalRecords[docSignal[d]].signalIn(&a))
			r.Matched = &sigs[len(sigs)-1]
		}
	}
	return results
}

// Suggest returns the query with each word the catalogue does not know
// replaced by the nearest word it does (within two edits), or "" when it
// has nothing better to offer. Use it for a "did you mean" after a search
// that found nothing.
func Suggest(query string) string { return searchIndex.Suggest(query) }
