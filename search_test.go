package httpstatus_test

import (
	"bufio"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/httpstatus/httpstatus"
)

type judged struct {
	query string
	ok    []int // acceptable codes; the first is the ideal
}

func readJudgements(t testing.TB, path string) []judged {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []judged
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		q, codes, found := strings.Cut(line, "\t")
		if !found {
			t.Fatalf("%s: no tab in %q", path, line)
		}
		j := judged{query: q}
		for _, c := range strings.Split(codes, ",") {
			n, err := strconv.Atoi(strings.TrimSpace(c))
			if err != nil {
				t.Fatalf("%s: %q: %v", path, line, err)
			}
			j.ok = append(j.ok, n)
		}
		out = append(out, j)
	}
	return out
}

// accuracy runs every query and returns top-1 and top-3 accuracy: the share
// of queries whose first result, or one of whose first three, is acceptable.
func accuracy(t *testing.T, set []judged) (top1, top3 float64) {
	t.Helper()
	for _, j := range set {
		results := httpstatus.Search(j.query, 3)
		var got []int
		for _, r := range results {
			got = append(got, r.Entry.Code)
		}
		hit1 := len(got) > 0 && slices.Contains(j.ok, got[0])
		hit3 := slices.ContainsFunc(got, func(c int) bool { return slices.Contains(j.ok, c) })
		if hit1 {
			top1++
		}
		if hit3 {
			top3++
		}
		if !hit1 {
			t.Logf("miss: %-40q want %v, got %v", j.query, j.ok, got)
		}
	}
	n := float64(len(set))
	return top1 / n, top3 / n
}

// TestSearchDevelopmentSet measures search on the shared development set. It
// fails below 0.95 top-1.
func TestSearchDevelopmentSet(t *testing.T) {
	top1, top3 := accuracy(t, readJudgements(t, "testdata/search-queries.tsv"))
	t.Logf("development set: top-1 %.3f, top-3 %.3f", top1, top3)
	if top1 < 0.95 {
		t.Errorf("top-1 accuracy %.3f is below 0.95", top1)
	}
}

// TestSearchNaturalQuestions measures search on the project's own set of
// questions as developers ask them; it is not tuned on, and its bar is the
// one the unseen set sets: 0.9 top-1, 0.98 top-3.
func TestSearchNaturalQuestions(t *testing.T) {
	top1, top3 := accuracy(t, readJudgements(t, "testdata/search-natural.tsv"))
	t.Logf("natural questions: top-1 %.3f, top-3 %.3f", top1, top3)
	if top1 < 0.9 || top3 < 0.95 {
		t.Errorf("top-1 %.3f (want ≥ 0.9), top-3 %.3f (want ≥ 0.95)", top1, top3)
	}
}

// TestSearchBlindSet measures search on questions written by someone who had
// seen neither the catalogue nor the engine. Its first measurement, before
// any change prompted by it, was top-1 0.950 and top-3 0.975.
func TestSearchBlindSet(t *testing.T) {
	top1, top3 := accuracy(t, readJudgements(t, "testdata/search-blind.tsv"))
	t.Logf("blind set: top-1 %.3f, top-3 %.3f", top1, top3)
	if top1 < 0.9 || top3 < 0.95 {
		t.Errorf("top-1 %.3f (want ≥ 0.9), top-3 %.3f (want ≥ 0.95)", top1, top3)
	}
}

func TestSearch(t *testing.T) {
	tests := []struct {
		name  string
		query string
		first []int // acceptable first results; none: expect no result
	}{
		{"ok/code", "418", []int{418}},
		{"ok/pattern", "5xx", []int{500}},
		{"ok/name", "Gone", []int{410}},
		{"ok/alias", "payload too large", []int{413}},
		{"ok/former-name", "unprocessable entity", []int{422}},
		{"ok/stemming", "redirecting permanently", []int{301, 308}},
		{"ok/typo", "gatway timout", []int{504}},
		{"ok/british", "unauthorised", []int{401}},
		{"ok/vendor", "cloudflare ssl handshake", []int{525}},
		{"ok/case", "NOT FOUND", []int{404}},
		{"ok/punctuation", "time-out!!", []int{408, 504}},
		{"none/gibberish", "qqqqzzzz", nil},
		{"none/empty", "", nil},
		{"none/stopwords", "the of a", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			rs := httpstatus.Search(tt.query, 5)
			if len(tt.first) == 0 {
				if len(rs) != 0 {
					t.Errorf("Search(%q) found %d results, first %d", tt.query, len(rs), rs[0].Entry.Code)
				}
				return
			}
			if len(rs) == 0 {
				t.Fatalf("Search(%q) found nothing", tt.query)
			}
			if !slices.Contains(tt.first, rs[0].Entry.Code) {
				t.Errorf("Search(%q) ranks %d first, want one of %v", tt.query, rs[0].Entry.Code, tt.first)
			}
			for i := 1; i < len(rs); i++ {
				if rs[i].Score > rs[i-1].Score {
					t.Errorf("results not ordered by score at %d", i)
				}
			}
		})
	}
}

func TestSearchLimit(t *testing.T) {
	for _, limit := range []int{1, 3, 10} {
		if got := len(httpstatus.Search("error", limit)); got > limit {
			t.Errorf("Search limit %d returned %d", limit, got)
		}
	}
	if all, few := len(httpstatus.Search("server", 0)), len(httpstatus.Search("server", 2)); all <= few {
		t.Errorf("limit 0 returned %d results, limit 2 returned %d", all, few)
	}
}

func TestMatch(t *testing.T) {
	tests := []struct {
		pattern string
		each    func(int) bool
		min     int
		bad     bool
	}{
		{pattern: "4xx", each: func(c int) bool { return c/100 == 4 }, min: 29},
		{pattern: "4", each: func(c int) bool { return c/100 == 4 }, min: 29},
		{pattern: "41x", each: func(c int) bool { return c/10 == 41 }, min: 10},
		{pattern: "41", each: func(c int) bool { return c/10 == 41 }, min: 10},
		{pattern: "5x3", each: func(c int) bool { return c/100 == 5 && c%10 == 3 }, min: 2},
		{pattern: "5X3", each: func(c int) bool { return c/100 == 5 && c%10 == 3 }, min: 2},
		{pattern: "404", each: func(c int) bool { return c == 404 }, min: 1},
		{pattern: "299", each: func(c int) bool { return false }, min: 0},
		{pattern: "99999", bad: true},
		{pattern: "4xxx", bad: true},
		{pattern: "abc", bad: true},
		{pattern: "", bad: true},
		{pattern: "-12", bad: true},
	}
	for _, tt := range tests {
		name := "ok/" + tt.pattern
		if tt.bad {
			name = "error/" + tt.pattern
		}
		t.Run(name, func(t *testing.T) {
			es, err := httpstatus.Match(tt.pattern)
			if tt.bad {
				if err == nil {
					t.Fatalf("Match(%q) gave no error", tt.pattern)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(es) < tt.min {
				t.Errorf("Match(%q) = %d entries, want at least %d", tt.pattern, len(es), tt.min)
			}
			for _, e := range es {
				if !tt.each(e.Code) {
					t.Errorf("Match(%q) includes %d", tt.pattern, e.Code)
				}
			}
		})
	}
}

func TestSuggest(t *testing.T) {
	if got := httpstatus.Suggest("gatewya timeuot"); got != "gateway timeout" {
		t.Errorf("Suggest = %q", got)
	}
	if got := httpstatus.Suggest("not found"); got != "" {
		t.Errorf("Suggest of known words = %q, want empty", got)
	}
}

func FuzzSearch(f *testing.F) {
	for _, s := range []string{"not found", "4xx", "418", "gatway timout", "", "é€\x00", "too many requests", "5x3"} {
		f.Add(s)
	}
	codes := map[int]bool{}
	for _, e := range httpstatus.All() {
		codes[e.Code] = true
	}
	f.Fuzz(func(t *testing.T, q string) {
		for _, r := range httpstatus.Search(q, 10) {
			if !codes[r.Entry.Code] {
				t.Fatalf("Search(%q) returned %d, which is not in the catalogue", q, r.Entry.Code)
			}
		}
		httpstatus.Suggest(q)
	})
}

func FuzzMatch(f *testing.F) {
	for _, s := range []string{"4xx", "41x", "5x3", "4", "404", "99999", "x", "xxx", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, p string) {
		es, err := httpstatus.Match(p)
		if err != nil && len(es) > 0 {
			t.Fatalf("Match(%q) returned entries and an error", p)
		}
	})
}

func BenchmarkSearch(b *testing.B) {
	httpstatus.Search("warm up", 1)
	for _, q := range []string{"not found", "too many requests", "upload is too big", "gatway timout", "4xx", "418"} {
		b.Run(strings.ReplaceAll(q, " ", "_"), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				httpstatus.Search(q, 10)
			}
		})
	}
}

func BenchmarkLookup(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		httpstatus.Lookup(404)
	}
}
