package server

import (
	"bytes"
	"encoding/json"
	"html"
	"testing"

	"github.com/httpstatus/httpstatus"
)

// TestProvenance checks that a code page and the JSON API show where an
// entry's facts come from: every source, the versions a vendor entry
// describes and the date the facts were last verified.
func TestProvenance(t *testing.T) {
	t.Parallel()
	srv := newTestServer(t)
	es, ok := httpstatus.Lookup(419)
	if !ok {
		t.Fatal("no 419 in the catalogue")
	}
	var laravel httpstatus.Entry
	for _, e := range es {
		if e.Vendor == "Laravel" {
			laravel = e
		}
	}
	if len(laravel.Sources) < 2 || laravel.Versions == "" || laravel.Verified == "" {
		t.Fatalf("419 Laravel lacks the provenance this test reads: %+v", laravel.Sources)
	}
	_, body := do(t, srv, "GET", "/419", nil)
	for _, s := range laravel.Sources {
		if !bytes.Contains(body, []byte(`href="`+html.EscapeString(s.URL)+`"`)) {
			t.Errorf("/419 does not link %s", s.URL)
		}
	}
	for _, want := range []string{html.EscapeString(laravel.Versions), laravel.Verified} {
		if !bytes.Contains(body, []byte(want)) {
			t.Errorf("/419 does not show %q", want)
		}
	}

	resp, body := do(t, srv, "GET", "/api/v1/codes/419", nil)
	if resp.StatusCode != 200 {
		t.Fatalf("/api/v1/codes/419: %d", resp.StatusCode)
	}
	var got []struct {
		Vendor   string              `json:"vendor"`
		Sources  []httpstatus.Source `json:"sources"`
		Verified string              `json:"verified"`
		Versions string              `json:"versions"`
	}
	if err := json.Unmarshal(body, &got); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, e := range got {
		if e.Vendor == "Laravel" {
			found = true
			if len(e.Sources) != len(laravel.Sources) || e.Verified != laravel.Verified || e.Versions != laravel.Versions {
				t.Errorf("API provenance %+v %q %q, want %+v %q %q", e.Sources, e.Verified, e.Versions, laravel.Sources, laravel.Verified, laravel.Versions)
			}
		}
	}
	if !found {
		t.Errorf("the API's 419 has no Laravel entry: %s", body)
	}
}
