package httpstatus_test

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

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

// registrySnapshot is the registry the catalogue follows; DataVersion
// names its date.
const registrySnapshot = "testdata/iana-status-codes.csv"

func readRegistry(t *testing.T, path string) []catalogtest.RegistryRow {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := catalogtest.ReadRegistry(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return rows
}

// TestRegistry compares the catalogue with the registry snapshot and
// reports every difference: a new code, a renamed one, a changed
// registration or reference, a code gone.
//
// To refresh the registry, save IANA's newer registry in the snapshot's
// form and run
//
//	HTTPSTATUS_REGISTRY=new.csv HTTPSTATUS_REGISTRY_DATE=YYYY-MM-DD go test -run TestRegistry .
//
// with the registry's "Last Updated" date: the test fails, listing what
// changed, until the entries and DataVersion follow; then the new file
// replaces the snapshot (see README, "Refreshing the registry").
func TestRegistry(t *testing.T) {
	path, date := os.Getenv("HTTPSTATUS_REGISTRY"), os.Getenv("HTTPSTATUS_REGISTRY_DATE")
	if path == "" {
		path = registrySnapshot
	} else if _, err := time.Parse(time.DateOnly, date); err != nil {
		t.Fatalf("HTTPSTATUS_REGISTRY is set: give the registry's Last Updated date in HTTPSTATUS_REGISTRY_DATE as YYYY-MM-DD (got %q)", date)
	}
	rows := readRegistry(t, path)
	if path == registrySnapshot && len(rows) != 64 {
		t.Fatalf("the registry snapshot has %d rows, want 64", len(rows))
	}
	for _, c := range catalogtest.RegistryChanges(rows, httpstatus.All()) {
		t.Errorf("%s: %s", path, c)
	}
	if !regexp.MustCompile(`^IANA HTTP Status Code Registry, \d{4}-\d{2}-\d{2}$`).MatchString(httpstatus.DataVersion) {
		t.Errorf("DataVersion %q does not name a snapshot as \"IANA HTTP Status Code Registry, YYYY-MM-DD\"", httpstatus.DataVersion)
	}
	if want := "IANA HTTP Status Code Registry, " + date; date != "" && httpstatus.DataVersion != want {
		t.Errorf("DataVersion is %q; for the registry of %s it is %q", httpstatus.DataVersion, date, want)
	}
}

// TestRegistryChanges reads a copy of the snapshot with one change of each
// kind and finds each, and nothing else.
func TestRegistryChanges(t *testing.T) {
	got := catalogtest.RegistryChanges(readRegistry(t, "testdata/iana-status-codes-changed.csv"), httpstatus.All())
	want := []string{
		`104: registration changed: the catalogue says temporary, the registry "permanent" (permanent)`,
		`104: reference changed: the registry cites "RFC 9999", the catalogue's spec is "`,
		`422: renamed: the catalogue's iana_name is "Unprocessable Content", the registry says "Unprocessable Entity"`,
		`430: new in the registry as "Example Future Code" (temporary (registered 2027-01-01; expires 2028-01-01), draft-example-future-code-00)`,
		`306: gone from the registry; the catalogue still marks it unused`,
	}
	if len(got) != len(want) {
		t.Fatalf("%d changes, want %d:\n%s", len(got), len(want), strings.Join(got, "\n"))
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("change %d:\n got %s\nwant %s…", i, got[i], want[i])
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

// oracle finds a local program that a test asks for the truth. Where the
// program is absent the test is skipped, saying why, unless CI is set:
// there scripts/test has installed it, so its absence is a failure.
func oracle(t *testing.T, name, pkg string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err == nil {
		return path
	}
	if ci := os.Getenv("CI"); ci != "" && ci != "false" && ci != "0" {
		t.Fatalf("%s is not installed, and CI is set: scripts/test installs it (Debian %s)", name, pkg)
	}
	t.Skipf("%s is not installed, so this oracle cannot run; scripts/test installs it (Debian %s)", name, pkg)
	return ""
}

// A versioned is an identifier the catalogue names for a code, with the
// versions it holds for (none for a current identifier without history).
type versioned struct {
	code int
	httpstatus.ConstantVersions
}

// identifiers lists the identifiers the catalogue names in one ecosystem,
// the current ones and those of constants_history, with their codes and
// versions.
func identifiers(ecosystem string, current func(httpstatus.Constants) string) map[string][]versioned {
	out := map[string][]versioned{}
	for _, e := range httpstatus.All() {
		c := current(e.Constants)
		for _, h := range e.ConstantsHistory {
			if h.Ecosystem == ecosystem {
				out[h.Identifier] = append(out[h.Identifier], versioned{e.Code, h})
				if h.Identifier == c {
					c = ""
				}
			}
		}
		if c != "" {
			out[c] = append(out[c], versioned{e.Code, httpstatus.ConstantVersions{Ecosystem: ecosystem, Identifier: c}})
		}
	}
	return out
}

// TestPythonConstants asks the local Python's http.HTTPStatus, every alias
// included: each identifier the catalogue names for a version range that
// holds this Python's version exists with its code, each named only for
// later versions does not exist yet, and each member of HTTPStatus is named
// by the catalogue for its code.
func TestPythonConstants(t *testing.T) {
	py := oracle(t, "python3", "python3")
	out, err := exec.Command(py, "-c", `import http, json, sys
print(json.dumps({"version": "%d.%d" % sys.version_info[:2], "members": {n: int(s) for n, s in http.HTTPStatus.__members__.items()}}))`).Output()
	if err != nil {
		t.Fatalf("python3 could not list http.HTTPStatus: %v", err)
	}
	var py3 struct {
		Version string         `json:"version"`
		Members map[string]int `json:"members"`
	}
	if err := json.Unmarshal(out, &py3); err != nil {
		t.Fatal(err)
	}
	if len(py3.Members) < 50 {
		t.Fatalf("Python %s lists only %d members of http.HTTPStatus", py3.Version, len(py3.Members))
	}
	ids := identifiers("python", func(c httpstatus.Constants) string { return c.Python })
	for id, hs := range ids {
		name, ok := strings.CutPrefix(id, "HTTPStatus.")
		if !ok {
			t.Errorf("Python identifier %q does not start with HTTPStatus.", id)
			continue
		}
		for _, h := range hs {
			v, has := py3.Members[name]
			switch holds := catalogtest.Holds(py3.Version, h.Since, h.Removed); {
			case holds && !has:
				t.Errorf("%d: the catalogue says %s holds in Python %s, which has no such member", h.code, id, py3.Version)
			case holds && v != h.code:
				t.Errorf("%d: %s is %d in Python %s", h.code, id, v, py3.Version)
			case !holds && has:
				t.Errorf("%d: the catalogue says %s holds only since %q (removed %q), but Python %s has it", h.code, id, h.Since, h.Removed, py3.Version)
			}
		}
	}
	for name, code := range py3.Members {
		hs := ids["HTTPStatus."+name]
		if !slices.ContainsFunc(hs, func(h versioned) bool { return h.code == code }) {
			t.Errorf("Python %s has HTTPStatus.%s (%d); the catalogue names it neither in constants nor in constants_history of %d", py3.Version, name, code, code)
		}
	}
}

// TestNodeConstants asks the local Node.js for http.STATUS_CODES: every
// text it gives a code is the node constant of an entry for that code, and
// every entry's node constant is Node's text for its code.
func TestNodeConstants(t *testing.T) {
	node := oracle(t, "node", "nodejs")
	out, err := exec.Command(node, "-e", `console.log(JSON.stringify({version: process.versions.node, codes: require("http").STATUS_CODES}))`).Output()
	if err != nil {
		t.Fatalf("node could not list http.STATUS_CODES: %v", err)
	}
	var js struct {
		Version string            `json:"version"`
		Codes   map[string]string `json:"codes"`
	}
	if err := json.Unmarshal(out, &js); err != nil {
		t.Fatal(err)
	}
	if len(js.Codes) < 50 {
		t.Fatalf("Node %s lists only %d status codes", js.Version, len(js.Codes))
	}
	for k, text := range js.Codes {
		code, err := httpstatus.ParseCode(k)
		if err != nil {
			t.Errorf("Node %s lists %q: %v", js.Version, k, err)
			continue
		}
		es, _ := httpstatus.Lookup(code)
		if !slices.ContainsFunc(es, func(e httpstatus.Entry) bool { return e.Constants.Node == text }) {
			t.Errorf("%d: Node %s says %q; no entry for %d has it as its node constant", code, js.Version, text, code)
		}
	}
	for _, e := range httpstatus.All() {
		if e.Constants.Node == "" {
			continue
		}
		if got := js.Codes[fmt.Sprint(e.Code)]; got != e.Constants.Node {
			t.Errorf("%d (%s): constants.node %q, Node %s says %q", e.Code, cmpVendor(e), e.Constants.Node, js.Version, got)
		}
	}
}

func cmpVendor(e httpstatus.Entry) string {
	if e.Vendor != "" {
		return e.Vendor
	}
	return "registered"
}

// TestGoConstantsHistory reads the API lists of the local Go distribution:
// the release a Go identifier's constants_history says added it is the
// release whose list first declares it.
func TestGoConstantsHistory(t *testing.T) {
	since, err := catalogtest.GoConstantsSince()
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range httpstatus.All() {
		for _, h := range e.ConstantsHistory {
			if h.Ecosystem != "go" {
				continue
			}
			n++
			if h.Since != since[h.Identifier] {
				t.Errorf("%d: constants_history says %s since Go %q; Go's api lists say %q", e.Code, h.Identifier, h.Since, since[h.Identifier])
			}
		}
	}
	if n == 0 {
		t.Error("no Go identifier has a history: nothing was checked")
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

// TestEntriesAreCopies changes every list of every entry that All, Lookup
// and Search return, and appends to each: the catalogue must not change,
// nor a copy's neighbour in the memory the copies share. It walks the
// fields by reflection, so a list field added later is covered too.
func TestEntriesAreCopies(t *testing.T) {
	before := httpstatus.All()
	snapshot, err := json.Marshal(before) // a copy that shares nothing
	if err != nil {
		t.Fatal(err)
	}
	spoil := func(e *httpstatus.Entry) {
		var walk func(v reflect.Value)
		walk = func(v reflect.Value) {
			switch v.Kind() {
			case reflect.Struct:
				for i := range v.NumField() {
					walk(v.Field(i))
				}
			case reflect.Slice:
				for i := range v.Len() {
					walk(v.Index(i))
					if v.Index(i).Kind() != reflect.Struct {
						v.Index(i).Set(reflect.Zero(v.Type().Elem()))
					}
				}
				v.Set(reflect.Append(v, reflect.Zero(v.Type().Elem())))
			case reflect.String:
				v.SetString("spoilt")
			}
		}
		walk(reflect.ValueOf(e).Elem())
	}
	all := httpstatus.All()
	// Spoil every other copy first, then check the others are intact:
	// appending to one must not write into the next one's lists.
	for i := 0; i < len(all); i += 2 {
		spoil(&all[i])
	}
	for i := 1; i < len(all); i += 2 {
		if !reflect.DeepEqual(all[i], before[i]) {
			t.Fatalf("spoiling the copy of %d changed the copy of %d", all[i-1].Code, all[i].Code)
		}
	}
	for _, r := range httpstatus.Search("timeout", 0) {
		spoil(&r.Entry)
	}
	for _, rs := range httpstatus.Search("4xx", 0) {
		spoil(&rs.Entry)
	}
	if es, ok := httpstatus.Lookup(404); ok {
		spoil(&es[0])
	}
	if after, _ := json.Marshal(httpstatus.All()); string(after) != string(snapshot) {
		t.Fatal("changing the returned copies changed the catalogue")
	}
	// Empty lists are [] in JSON, not null.
	for _, e := range before {
		if e.Related == nil || e.Sources == nil || e.Mistakes == nil {
			t.Fatalf("%d: a nil list in a copy", e.Code)
		}
	}
}

func TestRequirementStrength(t *testing.T) {
	order := []httpstatus.Requirement{httpstatus.Must, httpstatus.MustNot, httpstatus.Should, httpstatus.ShouldNot, httpstatus.May}
	want := []int{2, 2, 1, 1, 0}
	for i, r := range order {
		if got := r.Strength(); got != want[i] {
			t.Errorf("%s.Strength() = %d, want %d", r, got, want[i])
		}
	}
}
