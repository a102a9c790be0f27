package httpstatus

import (
	"slices"
	"strings"
	"testing"
)

// TestHeaderFieldsFromRules checks the index against the rules it is built
// from: every entry's header rule is listed under its field, nothing else is,
// and each grammar rule gives its field's syntax.
func TestHeaderFieldsFromRules(t *testing.T) {
	t.Parallel()
	fields := HeaderFields()
	if len(fields) < 10 {
		t.Fatalf("only %d header fields", len(fields))
	}
	uses := 0
	for _, f := range fields {
		uses += len(f.Codes)
	}
	want := 0
	for _, e := range All() {
		for _, h := range e.Headers {
			want++
			f, ok := LookupHeader(h.Name)
			if !ok {
				t.Errorf("%d: header %s has no field", e.Code, h.Name)
				continue
			}
			if !slices.ContainsFunc(f.Codes, func(u HeaderUse) bool {
				return u.Code == e.Code && u.Vendor == e.Vendor && u.Requirement == h.Requirement && u.Note == h.Note
			}) {
				t.Errorf("%s does not list %d %s %s", f.Name, e.Code, e.Vendor, h.Requirement)
			}
		}
	}
	if uses != want {
		t.Errorf("the index lists %d uses, the entries have %d header rules", uses, want)
	}
	for _, r := range Rules() {
		if r.Header == "" {
			continue
		}
		f, ok := LookupHeader(r.Header)
		if !ok {
			t.Errorf("rule %s: no field %s", r.ID, r.Header)
			continue
		}
		if r.Test == "grammar" {
			if f.Syntax == "" || f.SpecURL == "" {
				t.Errorf("%s: no syntax from rule %s", f.Name, r.ID)
			}
		} else if !slices.ContainsFunc(f.Rules, func(x Rule) bool { return x.ID == r.ID }) {
			t.Errorf("%s does not list rule %s", f.Name, r.ID)
		}
	}
	if !slices.IsSortedFunc(fields, func(a, b HeaderField) int { return strings.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name)) }) {
		t.Error("the fields are not in alphabetical order")
	}
}

func TestLookupHeader(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name  string
		ok    bool
		codes []int
	}{
		{"Retry-After", true, []int{413, 429, 503}},
		{"retry-after", true, []int{413, 429, 503}},
		{"WWW-AUTHENTICATE", true, []int{401}},
		{"X-Nope", false, nil},
		{"", false, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, ok := LookupHeader(tc.name)
			if ok != tc.ok {
				t.Fatalf("ok = %v, want %v", ok, tc.ok)
			}
			var codes []int
			for _, u := range f.Codes {
				codes = append(codes, u.Code)
			}
			for _, c := range tc.codes {
				if !slices.Contains(codes, c) {
					t.Errorf("codes %v, want %d among them", codes, c)
				}
			}
			if tc.ok && f.Name != strings.TrimSpace(f.Name) || tc.ok && !strings.EqualFold(f.Name, tc.name) {
				t.Errorf("name %q for %q", f.Name, tc.name)
			}
		})
	}
	// The result is a copy.
	f, _ := LookupHeader("Location")
	f.Codes[0].Code = 999
	if g, _ := LookupHeader("Location"); g.Codes[0].Code == 999 {
		t.Error("LookupHeader returned the catalogue's own slice")
	}
}
