package httpstatus_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/httpstatus/httpstatus"
)

// TestSituations checks the compiled situations against the catalogue:
// enough of them, every code known, alternatives other than the code,
// a cited section with an https link, unique ids.
func TestSituations(t *testing.T) {
	all := httpstatus.Situations()
	if len(all) < 150 {
		t.Errorf("only %d situations, want at least 150", len(all))
	}
	seen := map[string]bool{}
	topics := map[string]bool{}
	for _, s := range all {
		t.Run(s.ID, func(t *testing.T) {
			if seen[s.ID] {
				t.Errorf("id %q used twice", s.ID)
			}
			seen[s.ID] = true
			topics[s.Topic] = true
			if _, ok := httpstatus.Lookup(s.Code); !ok {
				t.Errorf("code %d is not in the catalogue", s.Code)
			}
			for _, a := range s.Alternatives {
				if a.Code == s.Code {
					t.Errorf("alternative %d is the code itself", a.Code)
				}
				if _, ok := httpstatus.Lookup(a.Code); !ok || a.When == "" {
					t.Errorf("alternative %d: unknown, or no when", a.Code)
				}
			}
			if s.Spec == "" || !strings.HasPrefix(s.SpecURL, "https://") {
				t.Errorf("spec %q, %q: want a section and an https link", s.Spec, s.SpecURL)
			}
			if !strings.HasPrefix(s.Example, fmt.Sprintf("HTTP/1.1 %d ", s.Code)) || !strings.Contains(s.Example, "\r\n\r\n") {
				t.Errorf("example does not start with the status line of %d in wire form: %q", s.Code, s.Example)
			}
			if got, ok := httpstatus.LookupSituation(s.ID); !ok || got.Title != s.Title {
				t.Errorf("LookupSituation(%q) = %v, %v", s.ID, got.Title, ok)
			}
		})
	}
	if len(topics) < 15 {
		t.Errorf("only %d topics", len(topics))
	}
	if _, ok := httpstatus.LookupSituation("no-such-situation"); ok {
		t.Error("LookupSituation found an unknown id")
	}
}

// TestSituationsCopies changes what Situations returned and looks again.
func TestSituationsCopies(t *testing.T) {
	a := httpstatus.SituationsFor(http.StatusConflict)
	if len(a) == 0 {
		t.Fatal("no situations for 409")
	}
	want := a[0].Keywords[0]
	a[0].Keywords[0] = "changed"
	a[0].Alternatives = append(a[0].Alternatives, httpstatus.Alternative{Code: 999})
	b := httpstatus.SituationsFor(http.StatusConflict)
	if b[0].Keywords[0] != want || len(b[0].Alternatives) == len(a[0].Alternatives) {
		t.Error("SituationsFor returned the catalogue's own slices")
	}
	for _, s := range b {
		if s.Code != http.StatusConflict {
			t.Errorf("SituationsFor(409) holds %s with %d", s.ID, s.Code)
		}
	}
}
