package httpstatus_test

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"slices"
	"strings"
	"testing"

	"github.com/httpstatus/httpstatus"
	"github.com/httpstatus/httpstatus/internal/catalogtest"
)

func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows[1:] // the header
}

// registration maps the registry snapshot's last column to ours.
func registration(name, state string) httpstatus.Registration {
	switch {
	case name == "(Unused)":
		return httpstatus.Unused
	case strings.Contains(state, "obsoleted"):
		return httpstatus.Obsoleted
	case strings.HasPrefix(state, "temporary"):
		return httpstatus.Temporary
	}
	return httpstatus.Permanent
}

func TestRegistry(t *testing.T) {
	rows := readCSV(t, "testdata/iana-status-codes.csv")
	if len(rows) != 64 {
		t.Fatalf("the registry snapshot has %d rows, want 64", len(rows))
	}
	inRegistry := map[int]bool{}
	for _, row := range rows {
		code, err := httpstatus.ParseCode(row[0])
		if err != nil {
			t.Fatal(err)
		}
		inRegistry[code] = true
		t.Run(row[0], func(t *testing.T) {
			e, ok := httpstatus.Registered(code)
			if !ok {
				t.Fatalf("%d is in the registry but not in the catalogue", code)
			}
			if e.IANAName != row[1] {
				t.Errorf("iana_name %q, registry says %q", e.IANAName, row[1])
			}
			if want := registration(row[1], row[3]); e.Registration != want {
				t.Errorf("registration %q, want %q (registry: %q)", e.Registration, want, row[3])
			}
		})
	}
	for _, e := range httpstatus.All() {
		if e.Registration != httpstatus.Unofficial && !inRegistry[e.Code] {
			t.Errorf("%d is marked %s but is not in the registry", e.Code, e.Registration)
		}
	}
}

func TestUnofficialCoverage(t *testing.T) {
	want := map[int]int{}
	for _, row := range readCSV(t, "testdata/unofficial-status-codes.csv") {
		code, err := httpstatus.ParseCode(row[0])
		if err != nil {
			t.Fatal(err)
		}
		want[code]++
	}
	for code, n := range want {
		entries, _ := httpstatus.Lookup(code)
		got := 0
		for _, e := range entries {
			if e.Registration == httpstatus.Unofficial {
				got++
			}
		}
		if got < n {
			t.Errorf("%03d: %d unofficial meanings in the catalogue, the reference list has %d", code, got, n)
		}
	}
}

func TestEntries(t *testing.T) {
	goConsts, err := catalogtest.GoConstants()
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range httpstatus.All() {
		name := fmt.Sprintf("%03d", e.Code)
		if e.Vendor != "" {
			name += "/" + e.Vendor
		}
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			for _, err := range catalogtest.Check(e, goConsts) {
				t.Error(err)
			}
			for _, r := range e.Related {
				if _, ok := httpstatus.Lookup(r); !ok {
					t.Errorf("related code %d is not in the catalogue", r)
				}
			}
		})
	}
}

// TestGoConstants reads net/http's own source: every code it declares has a
// registered entry naming that constant.
func TestGoConstants(t *testing.T) {
	goConsts, err := catalogtest.GoConstants()
	if err != nil {
		t.Fatal(err)
	}
	for code, name := range goConsts {
		e, ok := httpstatus.Registered(code)
		if !ok {
			t.Errorf("net/http declares %s (%d), which the catalogue lacks", name, code)
			continue
		}
		if e.Constants.Go != name {
			t.Errorf("%d: constants.go %q, net/http says %s", code, e.Constants.Go, name)
		}
	}
}

// TestPythonConstants asks the local Python's http.HTTPStatus, aliases
// included, where python3 exists.
func TestPythonConstants(t *testing.T) {
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("no python3 here")
	}
	out, err := exec.Command(py, "-c", `import http, json, sys
print(json.dumps({"version": list(sys.version_info[:2]), "members": {n: int(s) for n, s in http.HTTPStatus.__members__.items()}}))`).Output()
	if err != nil {
		t.Skipf("python3 could not list http.HTTPStatus: %v", err)
	}
	var py3 struct {
		Version []int          `json:"version"`
		Members map[string]int `json:"members"`
	}
	if err := json.Unmarshal(out, &py3); err != nil {
		t.Fatal(err)
	}
	known := map[int]bool{}
	for _, v := range py3.Members {
		known[v] = true
	}
	for _, e := range httpstatus.All() {
		c := e.Constants.Python
		if c == "" {
			if known[e.Code] && e.Registration != httpstatus.Unofficial {
				t.Errorf("%d: Python %v names this code, the catalogue gives no constant", e.Code, py3.Version)
			}
			continue
		}
		name, ok := strings.CutPrefix(c, "HTTPStatus.")
		if !ok {
			t.Errorf("%d: constants.python %q does not start with HTTPStatus.", e.Code, c)
			continue
		}
		v, ok := py3.Members[name]
		switch {
		case ok && v != e.Code:
			t.Errorf("%d: %s is %d in Python %v", e.Code, c, v, py3.Version)
		case !ok && !known[e.Code]:
			t.Errorf("%d: Python %v has no %s and no constant for this code", e.Code, py3.Version, c)
		case !ok:
			// A newer Python's name for a code this one knows by another;
			// this Python cannot judge it.
			t.Logf("%d: %s is not in Python %v", e.Code, c, py3.Version)
		}
	}
}

func TestClasses(t *testing.T) {
	cs := httpstatus.Classes()
	if len(cs) != 5 {
		t.Fatalf("%d classes, want 5", len(cs))
	}
	for i, c := range cs {
		if c.Digit != i+1 || c.Class != fmt.Sprintf("%dxx", i+1) {
			t.Errorf("class %d is %q (digit %d)", i, c.Class, c.Digit)
		}
		if c.Name == "" || c.Summary == "" || c.Description == "" || len(c.Rules) == 0 || !strings.HasPrefix(c.SpecURL, "https://") {
			t.Errorf("class %s is incomplete", c.Class)
		}
	}
}

func TestGuide(t *testing.T) {
	rows := httpstatus.Guide()
	if len(rows) < 30 {
		t.Fatalf("the guide has %d rows", len(rows))
	}
	methods := map[string]bool{}
	outcomes := map[string]bool{}
	for _, r := range rows {
		methods[r.Method] = true
		outcomes[r.Outcome] = true
		if _, ok := httpstatus.Registered(r.Code); !ok || r.Why == "" {
			t.Errorf("%s %s: code %d is not registered, or no reason is given", r.Method, r.Outcome, r.Code)
		}
		for _, a := range r.Alternative {
			if _, ok := httpstatus.Lookup(a); !ok {
				t.Errorf("%s %s: alternative %d is not in the catalogue", r.Method, r.Outcome, a)
			}
		}
	}
	for _, m := range []string{"GET", "POST", "PUT", "PATCH", "DELETE"} {
		if !methods[m] {
			t.Errorf("the guide has no row for %s", m)
		}
	}
	for _, o := range []string{"success", "created", "accepted for async work", "no content", "not found",
		"validation failed", "conflict/duplicate", "precondition failed", "unauthenticated", "forbidden",
		"rate limited", "server failure"} {
		if !outcomes[o] {
			t.Errorf("the guide has no row for the outcome %q", o)
		}
	}
	for _, c := range httpstatus.Confusions() {
		if len(c.Codes) < 2 || c.Title == "" || c.Explanation == "" {
			t.Errorf("confusion %q is incomplete", c.Title)
		}
		for _, code := range c.Codes {
			if _, ok := httpstatus.Lookup(code); !ok {
				t.Errorf("confusion %q names %d, which is not in the catalogue", c.Title, code)
			}
		}
	}
	common := httpstatus.Common()
	if len(common) < 10 {
		t.Errorf("%d common codes", len(common))
	}
	for _, c := range common {
		if _, ok := httpstatus.Registered(c); !ok {
			t.Errorf("common code %d is not registered", c)
		}
	}
}

func TestLookup(t *testing.T) {
	tests := []struct {
		name    string
		code    int
		want    []string // vendors in order; "" for the registered entry
		wantReg bool
	}{
		{"ok/404", 404, []string{""}, true},
		{"ok/499-two-vendors", 499, nil, false},
		{"ok/451-registered-first", 451, nil, true},
		{"missing/299", 299, nil, false},
		{"missing/-1", -1, nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			entries, ok := httpstatus.Lookup(tt.code)
			_, reg := httpstatus.Registered(tt.code)
			if reg != tt.wantReg {
				t.Errorf("Registered(%d) ok = %v", tt.code, reg)
			}
			if strings.HasPrefix(tt.name, "missing") {
				if ok || len(entries) > 0 {
					t.Errorf("Lookup(%d) found %d entries", tt.code, len(entries))
				}
				return
			}
			if !ok {
				t.Fatalf("Lookup(%d) found nothing", tt.code)
			}
			if tt.wantReg && entries[0].Registration == httpstatus.Unofficial {
				t.Errorf("Lookup(%d) does not put the registered entry first", tt.code)
			}
			if tt.code == 499 || tt.code == 451 {
				if len(entries) < 2 {
					t.Errorf("Lookup(%d) has %d meanings, want at least 2", tt.code, len(entries))
				}
			}
		})
	}
}

// TestImmutable changes everything a caller gets back and checks that the
// catalogue did not change.
func TestImmutable(t *testing.T) {
	before, _ := json.Marshal(httpstatus.All())
	for _, e := range httpstatus.All() {
		scribble(&e)
	}
	es, _ := httpstatus.Lookup(404)
	scribble(&es[0])
	e, _ := httpstatus.Registered(401)
	scribble(&e)
	if h := httpstatus.Headers(401); len(h) > 0 {
		h[0].Name = "X"
	}
	for _, c := range httpstatus.Classes() {
		if len(c.Rules) > 0 {
			c.Rules[0] = "X"
		}
	}
	for _, r := range httpstatus.Search("not found", 5) {
		scribble(&r.Entry)
	}
	ms, _ := httpstatus.Match("4xx")
	for i := range ms {
		scribble(&ms[i])
	}
	after, _ := json.Marshal(httpstatus.All())
	if string(before) != string(after) {
		t.Fatal("changing returned values changed the catalogue")
	}
	if httpstatus.Classes()[0].Rules[0] == "X" {
		t.Fatal("changing a class's rules changed the catalogue")
	}
}

func scribble(e *httpstatus.Entry) {
	for _, s := range [][]string{e.UseCases, e.Mistakes, e.Aliases, e.Keywords} {
		if len(s) > 0 {
			s[0] = "X"
		}
	}
	if len(e.Headers) > 0 {
		e.Headers[0].Name = "X"
	}
	if len(e.Related) > 0 {
		e.Related[0] = 0
	}
	if len(e.Sources) > 0 {
		e.Sources[0].URL = "X"
	}
}

func TestJSONFieldNames(t *testing.T) {
	e, _ := httpstatus.Registered(404)
	b, err := json.Marshal(e)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	json.Unmarshal(b, &m)
	for _, k := range []string{"code", "name", "iana_name", "class", "registration", "vendor", "summary",
		"description", "use_cases", "mistakes", "api_usage", "message", "spec", "spec_url", "aliases",
		"keywords", "headers", "body_allowed", "cacheable", "retry", "example", "constants", "related", "sources", "verified"} {
		if _, ok := m[k]; !ok {
			t.Errorf("the JSON of an entry lacks %q", k)
		}
	}
}

// TestSignals checks every signal: its codes exist, its source is a link,
// its kind is known, its text is unique for its product, and all but
// constants say what they mean, why they happen and what to do.
func TestSignals(t *testing.T) {
	sigs := httpstatus.Signals()
	if len(sigs) == 0 {
		t.Fatal("no signals")
	}
	kinds := []httpstatus.SignalKind{httpstatus.Exception, httpstatus.Constant, httpstatus.LogLine, httpstatus.Platform, httpstatus.Client}
	seen := map[string]bool{}
	perKind := map[httpstatus.SignalKind]int{}
	for _, s := range sigs {
		name := s.Product + ": " + s.Text
		perKind[s.Kind]++
		if !slices.Contains(kinds, s.Kind) {
			t.Errorf("%s: kind %q", name, s.Kind)
		}
		if s.Product == "" || strings.TrimSpace(s.Text) != s.Text || s.Text == "" {
			t.Errorf("%s: no product or untrimmed text", name)
		}
		if u, err := url.Parse(s.Source); err != nil || u.Scheme != "https" || u.Host == "" {
			t.Errorf("%s: source %q is not an https link", name, s.Source)
		}
		if len(s.Codes) == 0 {
			t.Errorf("%s: no codes", name)
		}
		for _, c := range s.Codes {
			if _, ok := httpstatus.Lookup(c); !ok {
				t.Errorf("%s: code %d is not in the catalogue", name, c)
			}
			if !slices.ContainsFunc(httpstatus.SignalsFor(c), func(x httpstatus.Signal) bool { return x.Text == s.Text && x.Product == s.Product }) {
				t.Errorf("%s: SignalsFor(%d) leaves it out", name, c)
			}
		}
		key := strings.ToLower(name)
		if seen[key] {
			t.Errorf("%s: twice", name)
		}
		seen[key] = true
		if s.Kind != httpstatus.Constant && (s.Meaning == "" || len(s.Causes) == 0 || s.Fix == "") {
			t.Errorf("%s: meaning, causes and fix are required", name)
		}
	}
	t.Logf("%d signals: %v", len(sigs), perKind)
	// Copies: scribbling on a returned signal changes nothing.
	sigs[0].Codes[0], sigs[0].Text = -1, "changed"
	if again := httpstatus.Signals(); again[0].Codes[0] == -1 || again[0].Text == "changed" {
		t.Error("Signals returns shared memory")
	}
}

// TestSignalsFindThemselves: each signal's own text, pasted, leads to one of
// its codes in the top three. A signal that its own text cannot find is
// badly written or drowned by another.
func TestSignalsFindThemselves(t *testing.T) {
	misses := 0
	sigs := httpstatus.Signals()
	for _, s := range sigs {
		rs := httpstatus.Search(s.Text, 3)
		if !slices.ContainsFunc(rs, func(r httpstatus.Result) bool { return slices.Contains(s.Codes, r.Entry.Code) }) {
			misses++
			var got []int
			for _, r := range rs {
				got = append(got, r.Entry.Code)
			}
			t.Logf("miss: %s %q wants %v, got %v", s.Product, s.Text, s.Codes, got)
		}
	}
	if misses*100 > len(sigs) {
		t.Errorf("%d of %d signals do not find their own code in the top three (at most 1%%)", misses, len(sigs))
	}
}
