package httpstatus

//go:generate go run ./internal/gen -data data -out catalogue_gen.go

import (
	"slices"
)

// DataVersion names the snapshot of the IANA HTTP Status Code Registry that
// the catalogue follows.
const DataVersion = "IANA HTTP Status Code Registry, 2025-09-15"

// All returns every entry of the catalogue, ordered by code; for a number
// with several meanings the registered entry comes first, then the vendors'
// in alphabetical order.
func All() []Entry {
	out := make([]Entry, len(entries))
	for i := range entries {
		out[i] = entries[i].clone()
	}
	return out
}

// Lookup returns every meaning of a number, the registered one first. It
// reports false when the catalogue knows no meaning for it.
func Lookup(code int) ([]Entry, bool) {
	lo, hi := span(code)
	if lo == hi {
		return nil, false
	}
	out := make([]Entry, 0, hi-lo)
	for i := lo; i < hi; i++ {
		out = append(out, entries[i].clone())
	}
	return out, true
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
	lo, _ = slices.BinarySearchFunc(entries, code, func(e Entry, c int) int { return e.Code - c })
	hi = lo
	for hi < len(entries) && entries[hi].Code == code {
		hi++
	}
	return lo, hi
}

// clone returns a deep copy of e, with empty lists rather than nil ones so
// that JSON shows [] rather than null.
func (e Entry) clone() Entry {
	// One allocation for the four string lists; each keeps its own capacity
	// so that appending to one cannot overwrite the next.
	buf := make([]string, 0, len(e.UseCases)+len(e.Mistakes)+len(e.Aliases)+len(e.Keywords))
	for _, l := range []*[]string{&e.UseCases, &e.Mistakes, &e.Aliases, &e.Keywords} {
		start := len(buf)
		buf = append(buf, *l...)
		*l = buf[start:len(buf):len(buf)]
	}
	e.Headers = cloneList(e.Headers)
	e.Related = cloneList(e.Related)
	e.RetryFacts.Change = cloneList(e.RetryFacts.Change)
	e.Sources = cloneList(e.Sources)
	e.ConstantsHistory = cloneList(e.ConstantsHistory)
	return e
}

func cloneList[T any](s []T) []T {
	out := make([]T, len(s))
	copy(out, s)
	return out
}
