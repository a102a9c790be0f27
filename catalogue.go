package httpstatus

//go:generate go run ./internal/gen -data data -out catalogue_gen.go

import (
	"slices"
	"sort"
)

// DataVersion names the snapshot of the IANA HTTP Status Code Registry that
// the catalogue follows.
const DataVersion = "IANA HTTP Status Code Registry, 2025-09-15"

// All returns every entry of the catalogue, ordered by code; for a number
// with several meanings the registered entry comes first, then the vendors'
// in alphabetical order.
func All() []Entry {
	idx := make([]int, len(entries))
	for i := range idx {
		idx[i] = i
	}
	return cloneEntries(idx)
}

// Lookup returns every meaning of a number, the registered one first. It
// reports false when the catalogue knows no meaning for it.
func Lookup(code int) ([]Entry, bool) {
	lo, hi := span(code)
	if lo == hi {
		return nil, false
	}
	idx := make([]int, 0, hi-lo)
	for i := lo; i < hi; i++ {
		idx = append(idx, i)
	}
	return cloneEntries(idx), true
}

// Registered returns the entry of a code in the IANA registry (including
// the "(Unused)" 306 and 418 and the obsoleted 510). It reports false for a
// number the registry does not list.
func Registered(code int) (Entry, bool) {
	lo, hi := span(code)
	if lo < hi && entries[lo].Registration != Unofficial {
		return entries[lo].clone(), true
	}
	return Entry{}, false
}

// Headers returns the header rules of a code's primary meaning: the
// registered entry if there is one, else the first vendor meaning.
func Headers(code int) []HeaderRule {
	lo, hi := span(code)
	if lo == hi {
		return nil
	}
	return slices.Clone(entries[lo].Headers)
}

// Rules returns the rules the HTTP specifications place on every response
// by its status code and request method (RFC 9110, 9111 and 9112), as the
// catalogue's data/rules.yaml states them. A code's own header rules are in
// Headers.
func Rules() []Rule {
	out := make([]Rule, len(rules))
	for i, r := range rules {
		r.Status = slices.Clone(r.Status)
		r.ExceptStatus = slices.Clone(r.ExceptStatus)
		r.Methods = slices.Clone(r.Methods)
		r.ExceptMethods = slices.Clone(r.ExceptMethods)
		out[i] = r
	}
	return out
}

// Classes returns the five classes, 1xx to 5xx.
func Classes() []Class {
	out := make([]Class, len(classes))
	for i, c := range classes {
		c.Rules = slices.Clone(c.Rules)
		out[i] = c
	}
	return out
}

// LookupClass returns the class whose first digit is digit (1 to 5).
func LookupClass(digit int) (Class, bool) {
	for _, c := range classes {
		if c.Digit == digit {
			c.Rules = slices.Clone(c.Rules)
			return c, true
		}
	}
	return Class{}, false
}

// Common returns the codes most often met in practice, in the catalogue's
// order of importance.
func Common() []int { return slices.Clone(common) }

// Guide returns the REST/JSON API guide: for each method and outcome, the
// code to return.
func Guide() []GuideRow {
	out := make([]GuideRow, len(guide))
	for i, r := range guide {
		r.Alternative = slices.Clone(r.Alternative)
		out[i] = r
	}
	return out
}

// Confusions returns the groups of codes that are often mixed up, with how
// to choose between them.
func Confusions() []Confusion {
	out := make([]Confusion, len(confusions))
	for i, c := range confusions {
		c.Codes = slices.Clone(c.Codes)
		out[i] = c
	}
	return out
}

// span returns the half-open range of entries that carry code.
func span(code int) (lo, hi int) {
	// By index: a comparison function taking an Entry would copy each
	// one it looks at.
	lo = sort.Search(len(entries), func(i int) bool { return entries[i].Code >= code })
	hi = lo
	for hi < len(entries) && entries[hi].Code == code {
		hi++
	}
	return lo, hi
}

// clone returns a deep copy of e, with empty lists rather than nil ones so
// that JSON shows [] rather than null.
func (e Entry) clone() Entry {
	var a entryArena
	a.fit(&e)
	e.own(&a)
	return e
}

// cloneEntries returns deep copies of the entries at the given indexes,
// their lists sharing a few allocations rather than six each.
func cloneEntries(idx []int) []Entry {
	var a entryArena
	for _, i := range idx {
		a.fit(&entries[i])
	}
	out := make([]Entry, len(idx))
	for k, i := range idx {
		out[k] = entries[i]
		out[k].own(&a)
	}
	return out
}

// An entryArena holds the backing arrays of the lists of copied entries.
// Each list keeps its own capacity, so appending to one copy's list never
// writes into another's.
type entryArena struct {
	strs    []string
	headers []HeaderRule
	ints    []int
	sources []Source
	history []ConstantVersions
	alts    []Alternative
	// The room fit asked for, by list type: each array is made once, at
	// its first use, with that capacity.
	nStrs, nHeaders, nInts, nSources, nHistory, nAlts int
}

// fit asks for room in a for the lists of e. It only saves allocations:
// own is correct whatever room there is.
func (a *entryArena) fit(e *Entry) {
	a.nStrs += len(e.UseCases) + len(e.Mistakes) + len(e.Aliases) + len(e.Keywords) + len(e.RetryFacts.Change)
	a.nHeaders += len(e.Headers)
	a.nInts += len(e.Related)
	a.nSources += len(e.Sources)
	a.nHistory += len(e.ConstantsHistory)
}

// own gives e lists of its own, copied into a: every list field of Entry
// (and of the structs it holds) must be taken here.
func (e *Entry) own(a *entryArena) {
	e.UseCases = take(&a.strs, a.nStrs, e.UseCases)
	e.Mistakes = take(&a.strs, a.nStrs, e.Mistakes)
	e.Aliases = take(&a.strs, a.nStrs, e.Aliases)
	e.Keywords = take(&a.strs, a.nStrs, e.Keywords)
	e.RetryFacts.Change = take(&a.strs, a.nStrs, e.RetryFacts.Change)
	e.Headers = take(&a.headers, a.nHeaders, e.Headers)
	e.Related = take(&a.ints, a.nInts, e.Related)
	e.Sources = take(&a.sources, a.nSources, e.Sources)
	e.ConstantsHistory = take(&a.history, a.nHistory, e.ConstantsHistory)
}

// fitSituation asks for room in a for the lists of s.
func (a *entryArena) fitSituation(s *Situation) {
	a.nAlts += len(s.Alternatives)
	a.nHeaders += len(s.Headers)
	a.nStrs += len(s.Keywords)
}

// own gives s lists of its own, copied into a: every list field of
// Situation must be taken here.
func (s *Situation) own(a *entryArena) {
	s.Alternatives = take(&a.alts, a.nAlts, s.Alternatives)
	s.Headers = take(&a.headers, a.nHeaders, s.Headers)
	s.Keywords = take(&a.strs, a.nStrs, s.Keywords)
}

// take appends s to buf, first made with room for n, and returns the copy
// capped at its length; never nil, so an empty list shows as [] in JSON.
func take[T any](buf *[]T, n int, s []T) []T {
	if *buf == nil {
		*buf = make([]T, 0, max(n, len(s)))
	}
	start := len(*buf)
	*buf = append(*buf, s...)
	return (*buf)[start:len(*buf):len(*buf)]
}

func cloneList[T any](s []T) []T {
	out := make([]T, len(s))
	copy(out, s)
	return out
}
