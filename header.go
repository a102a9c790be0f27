package httpstatus

import (
	"cmp"
	"slices"
	"strings"
	"sync"
)

// A HeaderField is a response header field the catalogue has rules for,
// seen from the field's side: which codes call for it and how strongly,
// gathered from the entries' header rules (Entry.Headers) and the general
// rules (Rules). It holds no fact of its own.
type HeaderField struct {
	Name string `json:"name"` // as the specification spells it, e.g. "Retry-After"
	// Syntax is the field's grammar in words, from the rule that checks it
	// (a Rule whose Test is "grammar"); empty when the catalogue has none.
	Syntax string `json:"syntax,omitempty"`
	// Spec and SpecURL name the section that defines the field's grammar,
	// from the same rule.
	Spec    string `json:"spec,omitempty"`
	SpecURL string `json:"spec_url,omitempty"`
	// Codes are the entries whose header rules name the field, by code,
	// then by strength (MUST first).
	Codes []HeaderUse `json:"codes"`
	// Rules are the general rules on the field other than its grammar, such
	// as Date in every 2xx, 3xx and 4xx response.
	Rules []Rule `json:"rules"`
}

// A HeaderUse is one entry's rule for a header field.
type HeaderUse struct {
	Code        int         `json:"code"`
	Name        string      `json:"name"`             // the entry's name, e.g. "Too Many Requests"
	Vendor      string      `json:"vendor,omitempty"` // set for a vendor's meaning of the number
	Requirement Requirement `json:"requirement"`
	When        string      `json:"when,omitempty"` // as HeaderRule.When
	Note        string      `json:"note"`
	Spec        string      `json:"spec"`
	SpecURL     string      `json:"spec_url"`
}

// strength orders requirements from the strongest obligation to carry a
// field to the strongest not to.
func strength(r Requirement) int {
	switch r {
	case Must:
		return 0
	case Should:
		return 1
	case May:
		return 2
	case ShouldNot:
		return 3
	case MustNot:
		return 4
	}
	return 5
}

// headerFields is built once from the catalogue: fields by name.
var headerFields = sync.OnceValue(func() []HeaderField {
	at := map[string]int{} // lower-case name → index
	var out []HeaderField
	field := func(name string) *HeaderField {
		key := strings.ToLower(name)
		i, ok := at[key]
		if !ok {
			i = len(out)
			at[key] = i
			out = append(out, HeaderField{Name: name})
		}
		return &out[i]
	}
	for _, e := range entries {
		for _, h := range e.Headers {
			f := field(h.Name)
			f.Codes = append(f.Codes, HeaderUse{Code: e.Code, Name: e.Name, Vendor: e.Vendor, Requirement: h.Requirement,
				When: h.When, Note: h.Note, Spec: h.Spec, SpecURL: h.SpecURL})
		}
	}
	for _, r := range Rules() {
		if r.Header == "" {
			continue
		}
		f := field(r.Header)
		if r.Test == "grammar" {
			if f.Syntax == "" {
				f.Syntax, f.Spec, f.SpecURL = r.Summary, r.Spec, r.SpecURL
			}
			continue
		}
		for _, l := range []*[]string{&r.Status, &r.ExceptStatus, &r.Methods, &r.ExceptMethods} {
			if *l == nil {
				*l = []string{} // [] rather than null in JSON
			}
		}
		f.Rules = append(f.Rules, r)
	}
	for i := range out {
		slices.SortStableFunc(out[i].Codes, func(a, b HeaderUse) int {
			return cmp.Or(cmp.Compare(a.Code, b.Code), cmp.Compare(strength(a.Requirement), strength(b.Requirement)))
		})
		if out[i].Codes == nil {
			out[i].Codes = []HeaderUse{}
		}
		if out[i].Rules == nil {
			out[i].Rules = []Rule{}
		}
	}
	slices.SortFunc(out, func(a, b HeaderField) int { return cmp.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name)) })
	return out
})

// HeaderFields returns every response header field that a code's header
// rules or a general rule names, in alphabetical order, each with the codes
// that call for it. It is derived from the same rules as Headers and Rules.
func HeaderFields() []HeaderField {
	fs := headerFields()
	out := make([]HeaderField, len(fs))
	for i, f := range fs {
		out[i] = f.clone()
	}
	return out
}

// LookupHeader returns the header field called name, in any case. It
// reports false for a field no rule of the catalogue names.
func LookupHeader(name string) (HeaderField, bool) {
	for _, f := range headerFields() {
		if strings.EqualFold(f.Name, name) {
			return f.clone(), true
		}
	}
	return HeaderField{}, false
}

func (f HeaderField) clone() HeaderField {
	f.Codes = slices.Clone(f.Codes)
	rs := make([]Rule, len(f.Rules))
	for i, r := range f.Rules {
		r.Status = slices.Clone(r.Status)
		r.ExceptStatus = slices.Clone(r.ExceptStatus)
		r.Methods = slices.Clone(r.Methods)
		r.ExceptMethods = slices.Clone(r.ExceptMethods)
		rs[i] = r
	}
	f.Rules = rs
	return f
}
