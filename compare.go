package httpstatus

import (
	"fmt"
	"slices"
	"strings"
)

// A Comparison sets two or three codes side by side: their entries (the
// primary meaning of each number, in ascending order), the confusion the
// catalogue explains between them if it has one, and a one-line verdict.
type Comparison struct {
	Entries   []Entry    `json:"entries"`
	Confusion *Confusion `json:"confusion,omitempty"`
	Verdict   string     `json:"verdict"`
}

// Compare sets codes side by side. It takes two or three different codes
// the catalogue knows, in any order, and sorts them. The confusion is the
// catalogue's one that names every code given (the smallest such); without
// one, the verdict sets the codes' summaries against each other.
func Compare(codes ...int) (Comparison, error) {
	if len(codes) < 2 || len(codes) > 3 {
		return Comparison{}, fmt.Errorf("compare two or three codes, not %d", len(codes))
	}
	cs := slices.Clone(codes)
	slices.Sort(cs)
	var cmp Comparison
	for i, c := range cs {
		if i > 0 && cs[i-1] == c {
			return Comparison{}, fmt.Errorf("%03d is given twice: compare different codes", c)
		}
		lo, hi := span(c)
		if lo == hi {
			return Comparison{}, fmt.Errorf("the catalogue has no code %03d", c)
		}
		cmp.Entries = append(cmp.Entries, entries[lo].clone())
	}
	best := -1
	for i, cf := range confusions {
		if !containsAll(cf.Codes, cs) {
			continue
		}
		if best < 0 || len(cf.Codes) < len(confusions[best].Codes) {
			best = i
		}
	}
	if best >= 0 {
		cf := confusions[best]
		cf.Codes = slices.Clone(cf.Codes)
		cmp.Confusion = &cf
		cmp.Verdict = cf.Verdict
		return cmp, nil
	}
	parts := make([]string, len(cmp.Entries))
	for i, e := range cmp.Entries {
		parts[i] = fmt.Sprintf("%03d %s: %s", e.Code, e.Name, strings.TrimSuffix(e.Summary, "."))
	}
	cmp.Verdict = strings.Join(parts, "; ") + "."
	return cmp, nil
}

// Neighbours returns the codes the catalogue's confusions set against code,
// in ascending order: the codes worth comparing it with.
func Neighbours(code int) []int {
	var out []int
	for _, cf := range confusions {
		if !slices.Contains(cf.Codes, code) {
			continue
		}
		for _, c := range cf.Codes {
			if c != code && !slices.Contains(out, c) {
				out = append(out, c)
			}
		}
	}
	slices.Sort(out)
	return out
}

func containsAll(set, sub []int) bool {
	for _, c := range sub {
		if !slices.Contains(set, c) {
			return false
		}
	}
	return true
}
