package check

import (
	"bufio"
	"bytes"
	"net/http"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/httpstatus/httpstatus"
)

// A corpus case is a txtar file under testdata/corpus: its comment says
// which MUST and MUST NOT rules the response breaks ("want:", empty for a
// correct response) and may name the method ("method:"); its files are the
// response and, optionally, the raw request.
type corpusCase struct {
	name   string
	want   []string
	req    *http.Request
	raw    []byte
	method string
}

func loadCorpus(t *testing.T) []corpusCase { return loadCases(t, "testdata/corpus") }

// loadCases reads the txtar cases of a folder.
func loadCases(t *testing.T, dir string) []corpusCase {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.txtar"))
	if err != nil || len(files) < 40 {
		t.Fatalf("corpus: %d files, %v", len(files), err)
	}
	var out []corpusCase
	for _, f := range files {
		a, err := txtar.ParseFile(f)
		if err != nil {
			t.Fatal(err)
		}
		c := corpusCase{name: strings.TrimSuffix(filepath.Base(f), ".txtar")}
		for _, line := range strings.Split(string(a.Comment), "\n") {
			if v, ok := strings.CutPrefix(line, "want:"); ok {
				c.want = strings.Fields(v)
			}
			if v, ok := strings.CutPrefix(line, "method:"); ok {
				c.method = strings.TrimSpace(v)
			}
		}
		for _, file := range a.Files {
			switch file.Name {
			case "request":
				r, err := http.ReadRequest(bufio.NewReader(bytes.NewReader(file.Data)))
				if err != nil {
					t.Fatalf("%s: request: %v", f, err)
				}
				c.req = r
			case "response":
				c.raw = file.Data
			}
		}
		if c.req == nil && c.method != "" {
			c.req = &http.Request{Method: c.method}
		}
		out = append(out, c)
	}
	return out
}

// TestCorpus checks that each response of the corpus breaks exactly the
// MUST and MUST NOT rules it is meant to break.
func TestCorpus(t *testing.T) {
	t.Parallel()
	runCases(t, loadCorpus(t))
}

// TestOutsideCorpus runs the checker over responses of other servers,
// labelled by hand (testdata/outside/README.md), and prints the figure:
// violations found of those labelled, and false alarms.
func TestOutsideCorpus(t *testing.T) {
	t.Parallel()
	cases := loadCases(t, "testdata/outside")
	labelled, found, falseAlarms := 0, 0, 0
	for _, c := range cases {
		rep, err := Raw(c.raw, c.req)
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		labelled += len(c.want)
		for _, f := range rep.Violations() {
			if slices.Contains(c.want, f.Rule) {
				found++
			} else {
				falseAlarms++
			}
		}
	}
	t.Logf("outside corpus: %d responses, %d labelled MUST violations, %d found, %d false alarms",
		len(cases), labelled, found, falseAlarms)
	runCases(t, cases)
}

func runCases(t *testing.T, cases []corpusCase) {
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rep, err := Raw(c.raw, c.req)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, f := range rep.Violations() {
				got = append(got, f.Rule)
			}
			slices.Sort(got)
			want := slices.Clone(c.want)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Errorf("violations %v, want %v\n%s", got, want, findingsText(rep))
			}
		})
	}
}

func findingsText(rep Report) string {
	var b strings.Builder
	for _, f := range rep.Findings {
		b.WriteString("  " + f.String() + "\n")
	}
	return b.String()
}

// vacuous are MUST rules no response can break under their own condition:
// a multipart 206 has a multipart Content-Type by definition.
var vacuous = map[string]bool{"206-content-type": true}

// TestCorpusCoversEveryRule checks that every MUST and MUST NOT rule the
// checker applies has in the corpus a response that breaks it and one it
// applies to that does not.
func TestCorpusCoversEveryRule(t *testing.T) {
	t.Parallel()
	broken := map[string]bool{}
	kept := map[string]bool{}
	for _, c := range loadCorpus(t) {
		msgs, err := parse(c.raw)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		for _, want := range c.want {
			broken[want] = true
		}
		for _, m := range msgs {
			x := newExchange(m.status, c.req)
			x.header, x.proto, x.content, x.chunked, x.text = m.header, m.major, m.content, m.chunked, true
			for _, id := range x.applicable() {
				if !slices.Contains(c.want, id) {
					kept[id] = true
				}
			}
		}
	}
	rs := compiled()
	var ids []string
	for _, rules := range rs.perCode {
		for _, cr := range rules {
			if cr.rule.When == "like-200" {
				continue // judged with Options.Full: TestOptionsFull
			}
			if cr.rule.Requirement == httpstatus.Must || cr.rule.Requirement == httpstatus.MustNot {
				ids = append(ids, cr.id)
			}
		}
	}
	for _, r := range rs.general {
		if r.Requirement == httpstatus.Must || r.Requirement == httpstatus.MustNot {
			ids = append(ids, r.ID)
		}
	}
	if len(ids) < 40 {
		t.Fatalf("only %d MUST rules", len(ids))
	}
	for _, id := range ids {
		if !broken[id] && !vacuous[id] {
			t.Errorf("no corpus response breaks %s", id)
		}
		if !kept[id] {
			t.Errorf("no corpus response that %s applies to keeps it", id)
		}
	}
}

// applicable returns the ids of the rules that apply to x.
func (x *exchange) applicable() []string {
	rs := compiled()
	var out []string
	for _, cr := range rs.perCode[x.status] {
		if cr.cond(x) {
			out = append(out, cr.id)
		}
	}
	for _, r := range rs.general {
		if r.status(x.status) && (len(r.Methods) == 0 || contains(r.Methods, x.method)) &&
			!contains(r.ExceptMethods, x.method) && r.cond(x) && (r.Test != "grammar" || x.header[r.header] != nil) {
			out = append(out, r.ID)
		}
	}
	return out
}
