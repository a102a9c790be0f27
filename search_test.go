package httpstatus_test

import (
	"bufio"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

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

// measure reports the accuracy of search on a query set and fails below the
// bars given for top-1 and top-3.
func measure(t *testing.T, label, path string, min1, min3 float64) {
	t.Helper()
	top1, top3 := accuracy(t, readJudgements(t, path))
	t.Logf("%s: top-1 %.3f, top-3 %.3f", label, top1, top3)
	if top1 < min1 || top3 < min3 {
		t.Errorf("%s: top-1 %.3f (want ≥ %.2f), top-3 %.3f (want ≥ %.2f)", label, top1, min1, top3, min3)
	}
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
	measure(t, "natural questions", "testdata/search-natural.tsv", 0.9, 0.95)
}

// TestSearchBlindSet measures search on questions written by someone who had
// seen neither the catalogue nor the engine. Its first measurement, before
// any change prompted by it, was top-1 0.950 and top-3 0.975.
func TestSearchBlindSet(t *testing.T) {
	measure(t, "blind set", "testdata/search-blind.tsv", 0.9, 0.95)
}

// TestSearchSignals measures search on the project's own set of pasted
// artifacts (exceptions, constants, log lines, platform and client errors,
// unfinished words), written before the signal data existed.
func TestSearchSignals(t *testing.T) {
	measure(t, "signals set", "testdata/search-signals.tsv", 0.92, 0.98)
}

// TestSearchConstants finds every identifier an entry lists, current or
// older (its constants_history), exactly, with and without its qualifier,
// and in other cases: the entry's code comes first.
func TestSearchConstants(t *testing.T) {
	for _, e := range httpstatus.All() {
		c := e.Constants
		ids := []string{c.Go, c.Python, c.DotNet, c.Rust, c.Spring, c.Rails, c.Symfony}
		for _, h := range e.ConstantsHistory {
			if h.Ecosystem != "node" { // Node's texts are names, searched as such
				ids = append(ids, h.Identifier)
			}
		}
		for _, id := range ids {
			if id == "" {
				continue
			}
			bare := id[strings.LastIndexAny(id, ".:")+1:]
			for _, q := range []string{id, strings.ToLower(id), bare} {
				rs := httpstatus.Search(q, 3)
				if len(rs) == 0 || rs[0].Entry.Code != e.Code {
					var got []int
					for _, r := range rs {
						got = append(got, r.Entry.Code)
					}
					t.Errorf("Search(%q) = %v, want %d first", q, got, e.Code)
				}
			}
		}
	}
}

// TestSearchRenamedConstants finds a code by its new and its old
// identifiers alike, in the ecosystems that renamed them.
func TestSearchRenamedConstants(t *testing.T) {
	for q, code := range map[string]int{
		"HttpStatus.CONTENT_TOO_LARGE":        413, // Spring 7.0
		"HttpStatus.PAYLOAD_TOO_LARGE":        413, // Spring 4.1 to 7.x, deprecated
		"HttpStatus.REQUEST_ENTITY_TOO_LARGE": 413, // Spring up to 6.2
		"HTTPStatus.CONTENT_TOO_LARGE":        413, // Python 3.13
		"HTTPStatus.REQUEST_ENTITY_TOO_LARGE": 413, // Python before 3.13, an alias since
		":content_too_large":                  413, // Rack 3.1
		":payload_too_large":                  413, // Rack before 3.1
		"HttpStatus.UNPROCESSABLE_CONTENT":    422,
		"HttpStatus.UNPROCESSABLE_ENTITY":     422,
		":unprocessable_content":              422,
		":unprocessable_entity":               422,
		"HttpStatusCode.UnprocessableContent": 422, // .NET 8
		"HttpStatus.USE_PROXY":                305, // removed in Spring 7.0
		"HttpStatus.MISDIRECTED_REQUEST":      421, // Spring 7.0
		"HttpStatus.DESTINATION_LOCKED":       421, // Spring up to 6.2
		"METHOD_FAILURE":                      420,
		"StatusCode::TOO_EARLY":               425, // Rust http 1.2.0
		"StatusCode::EARLY_HINTS":             103, // Rust http 1.4.0
	} {
		rs := httpstatus.Search(q, 3)
		if len(rs) == 0 || rs[0].Entry.Code != code {
			var got []int
			for _, r := range rs {
				got = append(got, r.Entry.Code)
			}
			t.Errorf("Search(%q) = %v, want %d first", q, got, code)
		}
	}
}

// TestSearchMatched says which signal led to a result, and only then.
// Only the last word of a query may be unfinished: a name earlier in it is
// whole. "OAuth" at the start of "OAuth token expired" is not the start of
// prawcore's OAuthException.
func TestSearchUnfinishedOnlyLast(t *testing.T) {
	for _, r := range httpstatus.Search("OAuth token expired", 5) {
		if r.Matched != nil && strings.Contains(r.Matched.Text, "OAuthException") {
			t.Errorf("Search(OAuth token expired) found %q: an earlier word was taken for an unfinished name", r.Matched.Text)
		}
	}
	// The last word still is: "http.StatusTeap" is being typed.
	if rs := httpstatus.Search("http.StatusTeap", 1); len(rs) == 0 || rs[0].Entry.Code != 418 {
		t.Errorf("Search(http.StatusTeap) no longer finds 418")
	}
}

func TestSearchMatched(t *testing.T) {
	rs := httpstatus.Search("http.StatusTeapot", 1)
	if len(rs) != 1 || rs[0].Matched == nil || rs[0].Matched.Text != "http.StatusTeapot" || rs[0].Matched.Kind != httpstatus.Constant {
		t.Fatalf("Search(http.StatusTeapot) = %+v, want 418 matched by the Go constant", rs)
	}
	rs[0].Matched.Codes[0] = 999 // a copy
	if again := httpstatus.Search("http.StatusTeapot", 1); again[0].Matched.Codes[0] != 418 {
		t.Error("Matched shares memory with the catalogue")
	}
	if rs := httpstatus.Search("not found", 1); len(rs) != 1 || rs[0].Matched != nil {
		t.Errorf("Search(not found) = %+v, want 404 with no signal", rs)
	}
}

// TestSearchBounded reads only the start of a huge paste: a megabyte finds
// what its first line finds.
func TestSearchBounded(t *testing.T) {
	huge := strings.Repeat(pastedLine+"\n", 1<<20/len(pastedLine))
	want := httpstatus.Search(pastedLine, 3)
	got := httpstatus.Search(huge, 3)
	if len(want) == 0 || len(got) == 0 || got[0].Entry.Code != want[0].Entry.Code {
		t.Errorf("a megabyte paste found %v, its first line %v", got, want)
	}
	if rs := httpstatus.Search(strings.Repeat("\x00\xff", 1<<19), 3); len(rs) != 0 {
		t.Errorf("binary input found %d results", len(rs))
	}
}

// TestSearchPrefix takes the last word as unfinished, as in a search box,
// without hurting whole words.
func TestSearchPrefix(t *testing.T) {
	// A name being typed is the name: "moved perm" is Moved Permanently
	// (not 308 Permanent Redirect, whose text says "permanent" more often).
	for q, want := range map[string]int{"unauth": 401, "forb": 403, "teap": 418, "too many req": 429, "gone": 410, "not found": 404,
		"moved perm": 301, "no cont": 204, "request time": 408} {
		if rs := httpstatus.Search(q, 3); len(rs) == 0 || rs[0].Entry.Code != want {
			t.Errorf("Search(%q) first = %v, want %d", q, rs, want)
		}
	}
	if rs := httpstatus.Search("gat", 3); !slices.ContainsFunc(rs, func(r httpstatus.Result) bool { return r.Entry.Code == 504 }) {
		t.Errorf("Search(gat) has no 504 in its top three")
	}
	// A word followed by a space is whole: no completion.
	if a, b := httpstatus.Search("forb ", 3), httpstatus.Search("forb", 3); len(a) > 0 && len(b) > 0 && a[0].Score == b[0].Score {
		t.Errorf("a finished word was completed like an unfinished one")
	}
}

// TestSearchSignalsBlind measures search on 160 pasted artifacts written by
// someone who had seen neither the catalogue nor the engine. Its first
// measurement, before any change prompted by it, was top-1 0.912 and top-3
// 0.956; general fixes that its misses showed (status numbers only where
// they stand alone, message numbers such as AH01630 kept, two signals of
// one result adding up, completions of the last word by frequency, Node's
// network errors and .NET's redirect synonyms as data) brought it to 0.956
// and 0.975. It is no longer unseen: the second set judges.
func TestSearchSignalsBlind(t *testing.T) {
	measure(t, "signals blind set", "testdata/search-signals-blind.tsv", 0.97, 0.99)
}

// TestSearchSignalsBlind2 measures search on a second set of 120 pasted
// artifacts, written by someone who had seen neither the catalogue, the
// engine nor the first set, after the work on the first set was done. Its
// first measurement, before any change, was top-1 0.942 and top-3 0.967.
func TestSearchSignalsBlind2(t *testing.T) {
	measure(t, "second signals blind set", "testdata/search-signals-blind2.tsv", 0.95, 0.98)
}

// TestSearchSignalsBlind3 measures search on a third set of 150 pasted
// artifacts, written by someone who had seen neither the catalogue, the
// engine nor the earlier sets, after the work on those was done. Its first
// measurement, before any change, was top-1 0.920 and top-3 0.947; general
// fixes its misses showed (JSON keys are format and "status" keys give the
// status, a signal for another code than the query's status counts less,
// long names in capitals and message numbers such as AH00957 are
// identifiers) brought it to 0.973 and 0.987. It is no longer unseen.
func TestSearchSignalsBlind3(t *testing.T) {
	measure(t, "third signals blind set", "testdata/search-signals-blind3.tsv", 0.95, 0.98)
}

// TestSearchSignalsBlind4 measures search on a fourth set of 150 pasted
// artifacts, written by someone who had seen neither the catalogue, the
// engine nor the earlier sets, after the work on those was done. Its first
// measurement, before any change, was top-1 0.907 and top-3 0.947; numbers
// before a unit ("100 seconds") no longer count as statuses, Squid's
// "TCP_DENIED/403" does, and data for what it showed missing (Varnish,
// DynamoDB, Stripe's idempotency errors, Kubernetes' "is invalid", Chrome's
// mixed content) brought it to 0.947 and 0.980. It is no longer unseen.
func TestSearchSignalsBlind4(t *testing.T) {
	measure(t, "fourth signals blind set", "testdata/search-signals-blind4.tsv", 0.94, 0.98)
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
		// An exception that carries one of several codes, and its message,
		// pasted whole, that says which.
		{"ok/exception-message", "Microsoft.AspNetCore.Server.Kestrel.Core.BadHttpRequestException: Request line too long.", []int{414}},
		// In pasted text a product's "not found" adds nothing to 404's own
		// name: the nginx message held whole decides.
		{"ok/pasted-entry-words", `user "admin" was not found in "/etc/nginx/.htpasswd", client: 203.0.113.77, server: staging.example.com, request: "GET / HTTP/1.1"`, []int{401}},
		// A log level below error is how a line was logged, not what
		// happened (Django logs a 404 at WARNING with a process number).
		{"ok/log-level", "WARNING 2026-11-30 08:01:44,120 log 31 139873 Not Found: /static/app.js", []int{404}},
		// A quantity keeps its unit: axios's "timeout of *ms exceeded".
		{"ok/quantity-unit", "AxiosError: timeout of 30000ms exceeded", []int{0}},
		// A class's namespace says where it lives: a message found whole is
		// not cut for the namespace words no signal holds.
		{"ok/namespace", "System.Threading.Tasks.TaskCanceledException: A task was canceled.", []int{0}},
		// In an access log the status stands before the byte counts, which
		// may look like statuses too (an ALB line: 502, then 301 and 404 bytes).
		{"ok/first-status", `http 2026-11-02T07:41:09.118Z app/web-alb/1c9f 198.51.100.7:40112 10.1.4.20:3000 0.001 -1 -1 502 - 301 404 "POST https://shop.example.com:443/cart HTTP/1.1" "Mozilla/5.0"`, []int{502}},
		// An error constructed with its status says it, whatever its name.
		{"ok/error-with-status", `ERROR: LoadError: HTTP.Exceptions.StatusError(429, "POST", "/v2/orders", HTTP.Messages.Response:`, []int{429}},
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
			// Registered codes come before vendors' (see TestSearchVendorsAfter);
			// among the registered ones, best first.
			prev := -1.0
			for i, r := range rs {
				if r.Entry.Registration == httpstatus.Unofficial {
					continue
				}
				if prev >= 0 && r.Score > prev {
					t.Errorf("registered results not ordered by score at %d", i)
				}
				prev = r.Score
			}
		})
	}
}

// TestSearchVendorsAfter: in a query that names no vendor, registered codes
// outrank vendors' codes, and a cut-off drops the codes that share a word
// by chance; a query that names a vendor or its code keeps them first.
func TestSearchVendorsAfter(t *testing.T) {
	rs := httpstatus.Search("rate limit", 0)
	codes := make([]int, len(rs))
	for i, r := range rs {
		codes[i] = r.Entry.Code
	}
	for _, noise := range []int{418, 100, 425} {
		if slices.Contains(codes, noise) {
			t.Errorf("Search(rate limit) = %v lists %d", codes, noise)
		}
	}
	vendorAt := slices.IndexFunc(rs, func(r httpstatus.Result) bool { return r.Entry.Vendor != "" && r.Matched == nil })
	for i, r := range rs {
		if vendorAt >= 0 && i > vendorAt && r.Entry.Registration != httpstatus.Unofficial {
			t.Errorf("Search(rate limit) = %v: registered %d after vendor %d", codes, r.Entry.Code, rs[vendorAt].Entry.Code)
		}
	}
	if len(rs) < 4 || rs[0].Entry.Code != 429 {
		t.Errorf("Search(rate limit) = %v, want 429 first and a few more", codes)
	}
	for q, want := range map[string]int{"nginx client closed": 499, "cloudflare timeout": 524, "Error 522 Connection timed out": 522} {
		if rs := httpstatus.Search(q, 3); len(rs) == 0 || rs[0].Entry.Code != want {
			t.Errorf("Search(%q) first = %v, want %d", q, rs, want)
		}
	}
	// Without a vendor named, 561 (AWS) comes after every registered match.
	rs = httpstatus.Search("unauth", 0)
	if last := rs[len(rs)-1]; last.Entry.Code != 561 || rs[0].Entry.Code != 401 {
		t.Errorf("Search(unauth) = 401 … 561 wanted, got first %d, last %d", rs[0].Entry.Code, last.Entry.Code)
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
	for _, s := range []string{"not found", "4xx", "418", "gatway timout", "", "é€\x00", "too many requests", "5x3",
		"http.StatusTeapot", ":not_found", "Foo::Bar$Baz\\Qux", "a.b.c.d.e.f", "unauth", "__::..$$",
		strings.Repeat("x", 5000), strings.Repeat("upstream timed out ", 300), pastedLine,
		`{"status":"401","message":"Bad credentials"}`, `"":`, `{"a":"`, `"status":4`, "AH00957 H12 E404 ECONNREFUSED",
		`{"restoreRate":100.0,"cost":-1e5,"n":`, `"k":-`, "limit '100' exceeded '", "ErrorCode 300 error_code=", "Twilio error 20003 1048576",
		"com.amazonaws.x.v20120810#A", "#A", "a#", "x.v1#Bc#D", "status code '404', '", "code '", "5000ms 0ms ms404s"} {
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

// pastedLine is a 300-character nginx error-log line, as people paste it.
const pastedLine = `2024/05/14 10:22:31 [error] 2231#2231: *881 upstream timed out (110: Connection timed out) while reading response header from upstream, client: 10.0.3.7, server: api.example.com, request: "GET /reports/2024/q1?format=csv HTTP/1.1", upstream: "http://127.0.0.1:9000/reports/2024/q1", host: "api.example.com"`

func BenchmarkSearch(b *testing.B) {
	httpstatus.Search("warm up", 1)
	for _, q := range []string{"not found", "too many requests", "upload is too big", "gatway timout", "4xx", "418",
		"http.StatusTeapot", "MethodArgumentNotValidException", "unauth", "H12 Request timeout", "pasted-line", "pasted-megabyte"} {
		query := q
		switch q {
		case "pasted-line":
			query = pastedLine
		case "pasted-megabyte":
			query = strings.Repeat(pastedLine+"\n", 1<<20/len(pastedLine))
		}
		b.Run(strings.ReplaceAll(q, " ", "_"), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				httpstatus.Search(query, 10)
			}
		})
	}
}

// BenchmarkSearchLimit shows what each result costs beyond the ranking: a
// result is a deep copy of its entry (about 1.7 KB with its lists), which
// the garbage collector pays for by the byte.
func BenchmarkSearchLimit(b *testing.B) {
	for _, limit := range []int{1, 3, 10} {
		b.Run(strconv.Itoa(limit), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				httpstatus.Search("not found", limit)
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

// TestSearchSignalsBlind5 measures search on a fifth set of 150 pasted
// artifacts, written blind after the work on the first four was done, and
// weighted toward what developers meet most often. Its first measurement,
// before any change, was top-1 0.953 and top-3 0.987: the first unseen set
// to meet the goal (0.92 and 0.98). Nothing was tuned on it.
func TestSearchSignalsBlind5(t *testing.T) {
	measure(t, "fifth signals blind set", "testdata/search-signals-blind5.tsv", 0.92, 0.98)
}

// TestSearchSignalsBlind6 measures search on a sixth set of 150 pasted
// artifacts, written blind after the work on the first five was done. Its
// first measurement, before any change, was top-1 0.933 and top-3 0.967.
// General fixes its misses showed ("Error 1015" names its error wherever
// Cloudflare's page puts the Ray ID; "on line 421" and nginx's "(104:" are
// not statuses; a signal's text with variable parts is held when the query
// holds the runs between them) and nine signals it showed missing (ASP.NET
// Core's missing default challenge scheme, httpd's "Invalid command" in a
// .htaccess, Gunicorn's worker timeout, http-proxy-middleware, two of
// Kubernetes' field errors) brought it to 0.987 and 1.000. It is no longer
// unseen.
func TestSearchSignalsBlind6(t *testing.T) {
	measure(t, "sixth signals blind set", "testdata/search-signals-blind6.tsv", 0.97, 0.99)
}

// TestSearchSignalsBlind7 measures search on a seventh set of 150 pasted
// artifacts, written blind after the work on the sixth was done and spread
// over more ecosystems. Its first measurement, before any change, was top-1
// 0.893 and top-3 0.933: below the goal (0.92 and 0.98). Its misses were
// mostly products the signals lacked (Squid, uWSGI, Puma, git hosting,
// Nexus, Azure API Management), now added from their sources, and two
// general faults: two signals sharing their words counted twice for their
// shared second code, and "pid:12345" was dropped whole. With those it is
// 0.987 and 0.987 (0.993 and 0.993 after the eighth set's fixes). It is no
// longer unseen.
func TestSearchSignalsBlind7(t *testing.T) {
	measure(t, "seventh signals blind set", "testdata/search-signals-blind7.tsv", 0.97, 0.98)
}

// TestSearchSignalsBlind8 measures search on an eighth set, of 200 pasted
// artifacts, written blind after the work on the seventh was done and
// weighted toward what developers meet most often. Its first measurement,
// before any change, was top-1 0.915 and top-3 0.955: below the goal. Its
// misses showed host names read as words, Express's "Cannot GET" matching
// nothing (GET in capitals was a stop word), a status before a period not
// read, and products the signals lacked (Next.js, WordPress, PostgREST,
// Kong, Jetty, Cognito, URLSession, node-fetch). With those it is 0.965
// and 0.995. It is no longer unseen.
func TestSearchSignalsBlind8(t *testing.T) {
	measure(t, "eighth signals blind set", "testdata/search-signals-blind8.tsv", 0.95, 0.98)
}

// TestSearchSignalsBlind9 measures search on a ninth set of 150 pasted
// artifacts, written blind after the work on the eighth was done, from a
// developer's ordinary week across many products. Its first measurement,
// before any change, was top-1 0.967 and top-3 1.000: it meets the goal
// (0.92 and 0.98), as the fifth did and the sixth to eighth did not.
// Nothing was tuned on it.
func TestSearchSignalsBlind9(t *testing.T) {
	measure(t, "ninth signals blind set", "testdata/search-signals-blind9.tsv", 0.95, 0.98)
}

// TestSearchSignalsBlind10 measures search on a tenth set of 150 pasted
// artifacts, written blind after the ninth, across nine kinds of developer
// (Java, .NET, Python, Rails, PHP and WordPress, frontend, Go and
// Kubernetes, mobile, operations). Its first measurement, before any
// change, was top-1 0.873 and top-3 0.947: below the goal, where the ninth
// met it. Its misses are mostly products the signals lack (push services,
// WordPress's own pages, Firebase, MSAL); nothing was tuned on it yet, and
// its floor is that first figure.
//
// Then the data its misses named (APNs, FCM, Firebase Auth, Entra, Volley,
// WordPress, Vite, Pundit, Stripe's libraries, Kubernetes, CloudFront) and
// two general changes (a message pasted whole decides among an exception's
// codes; an identifier typed as words is a hint) brought it to 0.960 and
// 0.993. It is no longer unseen.
func TestSearchSignalsBlind10(t *testing.T) {
	measure(t, "tenth signals blind set", "testdata/search-signals-blind10.tsv", 0.95, 0.99)
}

// TestSearchSignalsBlind11 measures search on an eleventh set of 200 pasted
// artifacts, written blind after the work on the tenth, over more than
// fifty products: a third short (constants, codes, exception names,
// headers), a third one-line messages, a third noisy log lines. Its first
// measurement, before any change, was top-1 0.885 and top-3 0.935. The
// data its misses named (AWS, Slack, Google, Stripe, OpenAI, Firefox,
// Flask-WTF, IIS, header lines, Caddy's error logger) and general changes
// (an identifier in a message weighs less without its message, base
// classes' names are no names) brought it to 0.985 and 1.000; one
// expectation was corrected against Go's source.
func TestSearchSignalsBlind11(t *testing.T) {
	measure(t, "eleventh signals blind set", "testdata/search-signals-blind11.tsv", 0.98, 0.99)
}

// TestSearchSignalsBlind12 measures search on a twelfth set of 150 pasted
// artifacts, written blind together with the eleventh but from another mix
// of products (Echo, Fastify, axum, Ktor, Quarkus, Boom, Faraday, Azure,
// GCP, Kong and Istio, Fastly, Supabase, Shopify, Discord, Telegram,
// registries), and measured after the eleventh's fixes. Its first
// measurement, before any change, was top-1 0.807 and top-3 0.847: most
// misses are products the signals did not have. Data for them (Azure,
// Okta, Auth0, Telegram, Discord, registries, Envoy's JWT checks, ASP.NET
// Core's result helpers) and the keeping of hex-digit message numbers
// brought it to 0.947 and 0.973; one expectation was corrected against
// httpd's source.
func TestSearchSignalsBlind12(t *testing.T) {
	measure(t, "twelfth signals blind set", "testdata/search-signals-blind12.tsv", 0.94, 0.97)
}

// TestSearchSignalsBlind13 measures search on a thirteenth set of 200
// pasted artifacts, written blind after the twelfth was measured: what
// lands in a developer's terminal, CI log and error tracker in a typical
// month, weighted by how often each is met, over about 70 products. Its
// first measurement, before any change, was top-1 0.950 and top-3 0.980:
// it meets the goal (0.92, 0.98). Data for its misses (Twilio,
// Elasticsearch, EC2, GCP's statusDetails, WebException, RFC 6750's bearer
// errors) and Azure's "StatusCode=403" read as a status brought it to 0.990
// and 1.000.
func TestSearchSignalsBlind13(t *testing.T) {
	measure(t, "thirteenth signals blind set", "testdata/search-signals-blind13.tsv", 0.98, 0.99)
}

// TestSearchSignalsBlind14 measures search on a fourteenth set of 200
// pasted artifacts, written blind at the same time as the thirteenth was
// measured: support tickets and on-call pages (CDN, load balancer and
// hosting error pages, cloud and SaaS error bodies, SDK exceptions, probes,
// webhooks, OAuth, rate limits), over more than 60 products. Its first
// measurement, after the thirteenth's fixes and before any change prompted
// by it, was top-1 0.845 and top-3 0.915: below the goal, where the
// thirteenth met it. Data for its misses (Cloudflare's pages, Heroku,
// GitHub, Google OAuth and Maps, Vault, Jenkins, Apigee, ACME, Plaid)
// brought it to 0.955 and 0.990.
func TestSearchSignalsBlind14(t *testing.T) {
	measure(t, "fourteenth signals blind set", "testdata/search-signals-blind14.tsv", 0.95, 0.98)
}

// TestSearchSignalsBlind15 measures search on a fifteenth set of 200
// pasted artifacts, written blind after the fourteenth was measured: a
// sample, weighted by frequency, of what developers search for when a
// request fails, over about 90 products. Its first measurement, after the
// fourteenth's fixes and before any change prompted by it, was top-1 0.935
// and top-3 0.965: the top-1 goal met, the top-3 one (0.98) not. Data for
// its misses (Django, DynamoDB, Chrome's CORS, Squid, GitHub, Apollo,
// Salesforce, Jira, Nextcloud) brought it to 0.980 and 0.995.
func TestSearchSignalsBlind15(t *testing.T) {
	measure(t, "fifteenth signals blind set", "testdata/search-signals-blind15.tsv", 0.97, 0.99)
}

// TestSearchSignalsBlind16 measures search on a sixteenth set of 200
// pasted artifacts, written blind after all of the fifteenth's fixes: 25
// each from eight kinds of developer (Java, .NET, Python, Node, Go and
// Rust, PHP and Ruby, mobile, SRE). Its first measurement, before any
// change, was top-1 0.965 and top-3 0.980: it meets the goal (0.92, 0.98).
// Data for four of its misses (IIS's 500.19 page, Apple's App Transport
// Security error, Kubernetes' eviction refused by a disruption budget,
// callable Cloud Functions' error codes), added before the seventeenth set
// was first measured, brought it to 0.980 and 1.000.
func TestSearchSignalsBlind16(t *testing.T) {
	measure(t, "sixteenth signals blind set", "testdata/search-signals-blind16.tsv", 0.97, 0.99)
}

// TestSearchSignalsBlind17 measures search on a seventeenth set of 200
// pasted artifacts, written blind after the sixteenth's fixes, from what
// developers met in 2025 and 2026 and from products earlier sets covered
// least: cloud CLIs and SDKs, CI and registries, LLM APIs, backends as a
// service, edge and serverless hosts, less common frameworks, identity and
// payments, browser and mobile clients, 25 each. Its first measurement,
// before any change prompted by it, was top-1 0.905 and top-3 0.960: short
// of both goals. Data for its misses (kubectl's connection errors, Go's dial
// timeout, PostgREST's SQLSTATE statuses, Supabase, Airtable, Contentful,
// pnpm, the OpenAI and Anthropic SDKs' timeouts, Ktor, Dart's http package,
// React Router, Cognito) brought it to 0.980 and 0.995.
func TestSearchSignalsBlind17(t *testing.T) {
	measure(t, "seventeenth signals blind set", "testdata/search-signals-blind17.tsv", 0.97, 0.99)
}

// TestSearchSignalsBlind18 measures search on an eighteenth set of 200
// pasted artifacts, written blind after the seventeenth's fixes: an
// ordinary week of ten kinds of developer (front end, Django and FastAPI,
// Spring, ASP.NET Core, Node, Go, Rails and Laravel, mobile, operations,
// third-party APIs), 20 each, weighted by how often things happen. Its
// first measurement, before any change prompted by it, was top-1 0.905 and
// top-3 0.955. Log levels below error read as noise, and data for its
// misses (Next.js's image optimizer, Rails, Laravel, Apple's English error
// texts, Chromium's CORS messages, Microsoft.IdentityModel, System.Text.Json,
// Polly, undici, Node's TLS codes, botocore), brought it to 0.970 and 0.995.
func TestSearchSignalsBlind18(t *testing.T) {
	measure(t, "eighteenth signals blind set", "testdata/search-signals-blind18.tsv", 0.96, 0.99)
}

// TestSearchSignalsBlind19 measures search on a nineteenth set of 200
// pasted artifacts, written blind after the eighteenth's fixes: a month of
// what lands in a team's incident and help channels and in GitHub issues
// (proxies, load balancers and CDNs, frameworks, clients, CLIs, browsers,
// mobile, SaaS APIs), weighted by frequency. Its first measurement, before
// any change prompted by it, was top-1 0.955 and top-3 0.990: it meets the
// goal (0.92, 0.98). A quantity's unit kept in pasted text ("30000ms") and
// data for its misses (Spring's CORS rejection, GitHub's refs and disabled
// issues, API Gateway's Lambda error line) brought it to 0.975 and 1.000.
func TestSearchSignalsBlind19(t *testing.T) {
	measure(t, "nineteenth signals blind set", "testdata/search-signals-blind19.tsv", 0.97, 0.99)
}

// TestSearchSignalsBlind20 measures search on a twentieth set of 200
// pasted artifacts, written blind after the nineteenth's fixes: a year of
// an API platform's support queue and the most-viewed HTTP questions, from
// the consumers of APIs (client libraries, gateways, identity providers,
// public APIs, browsers, tools). Its first measurement, before any change
// prompted by it, was top-1 0.940 and top-3 0.975. Data for its misses
// (OAuth 2.0's token endpoint errors, DevTools' "CORS error", express-jwt,
// Microsoft Graph, Hugging Face, the X API) brought it to 0.980 and 0.990.
func TestSearchSignalsBlind20(t *testing.T) {
	measure(t, "twentieth signals blind set", "testdata/search-signals-blind20.tsv", 0.97, 0.99)
}

// TestSearchSignalsBlind21 measures search on a twenty-first set of 200
// pasted artifacts, written blind after the twentieth's fixes: building and
// running a typical product, from local development through CI to
// production and its integrations. Its first measurement, before any
// change prompted by it, was top-1 0.945 and top-3 0.970. Data for its
// misses (Apollo Server, nock, Cloudflare's cf-mitigated header, API
// Gateway's "Limit Exceeded", ALB with no registered targets, SES) brought
// it to 0.975 and 0.990.
func TestSearchSignalsBlind21(t *testing.T) {
	measure(t, "twenty-first signals blind set", "testdata/search-signals-blind21.tsv", 0.97, 0.99)
}

// TestSearchSignalsBlind22 measures search on a twenty-second set of 200
// pasted artifacts, written blind after every other change of its session:
// a quarter of the HTTP errors a large engineering organisation sees across
// its teams, weighted by frequency. Its first measurement, before any
// change, was top-1 0.965 and top-3 0.990: it meets the goal (0.92, 0.98).
// Data for three of its misses (Firefox's "CORS request did not succeed",
// Apple's ATS console line, the Datadog Agent's invalid key) brought it to
// 0.980 and 1.000.
func TestSearchSignalsBlind22(t *testing.T) {
	measure(t, "twenty-second signals blind set", "testdata/search-signals-blind22.tsv", 0.97, 0.99)
}

// TestSearchSignalsBlind23 measures search on a twenty-third set of 200
// pasted artifacts, written blind after every other change of its session:
// what developers outside big tech meet (shared hosting and ModSecurity,
// WordPress and WooCommerce, PHP frameworks, Java EE servers, IIS and SOAP,
// corporate proxies, mobile apps, regional payment and messaging APIs).
// Its first measurement, before any change, was top-1 0.895 and top-3
// 0.915: short of both goals, mostly on products the catalogue lacks. The
// next session added those products (ModSecurity, CloudLinux, WebSphere,
// WCF and ASMX, WooCommerce, Mailchimp, Magento, MuleSoft, Angular, Rails'
// pages) and made a class's namespace optional evidence and more host
// names noise: 0.985 and 0.995.
func TestSearchSignalsBlind23(t *testing.T) {
	measure(t, "twenty-third signals blind set", "testdata/search-signals-blind23.tsv", 0.975, 0.985)
}

// TestSearchSignalsBlind24 measures search on a twenty-fourth set of 200
// pasted artifacts that backend and API developers meet across stacks,
// written blind at the start of its session. Its first measurement, before
// any change, was top-1 0.945 and top-3 0.970; with the data the session
// added for the twenty-third set, before anything was tuned on it, 0.950
// and 0.970. Data for its misses (axios's error codes, Node's parser
// errors, csurf, hyper, resilience4j, CouchDB, Cognito's messages) and
// decimals read as measures brought it to 0.990 and 0.995.
func TestSearchSignalsBlind24(t *testing.T) {
	measure(t, "twenty-fourth signals blind set", "testdata/search-signals-blind24.tsv", 0.98, 0.99)
}

// TestSearchSignalsBlind25 measures search on a twenty-fifth set of 200
// artifacts that front-end, mobile and operations people meet, written
// blind with the twenty-fourth. Its first measurement, before any change,
// was top-1 0.910 and top-3 0.945; before anything was tuned on it, 0.925
// and 0.955. Data for its misses (Safari's console, Lambda's runtime
// errors, Railway, Fly.io, Fastly, NSURLError names, Firebase codes, dio,
// Engine.IO) brought it to 0.980 and 1.000. What stays: dev-server proxy
// errors ranked under the ECONNREFUSED they carry.
func TestSearchSignalsBlind25(t *testing.T) {
	measure(t, "twenty-fifth signals blind set", "testdata/search-signals-blind25.tsv", 0.97, 0.99)
}

// TestSearchSignalsBlind26 measures search on a twenty-sixth set of 150
// long pastes (server and proxy logs, framework log lines, stack traces'
// first lines, cloud and SaaS error bodies, terminal output), written
// blind with the twenty-fourth and held out while that set and the
// twenty-fifth were tuned on. At the session's start it scored top-1 0.953
// and top-3 0.973; its first measurement after that tuning, before any
// change for it, was 0.960 and 0.980: both goals met on text nobody tuned
// on. A pasted line's first status counting most (an ALB line's byte
// counts after its 504) and Reactor Netty's messages brought it to 0.973
// and 0.987.
func TestSearchSignalsBlind26(t *testing.T) {
	measure(t, "twenty-sixth signals blind set", "testdata/search-signals-blind26.tsv", 0.96, 0.98)
}

// TestSearchSignalsBlind27 measures search on a twenty-seventh set of 200
// artifacts: the error texts behind the most-asked HTTP questions on Q&A
// sites and issue trackers, written blind after the twenty-fourth to
// twenty-sixth were tuned on. Its first measurement, before any change for
// it, was top-1 0.970 and top-3 0.975 (0.950 and 0.960 at the session's
// start). Firefox's other CORS reasons, Microsoft Graph's and GitHub's
// messages and Google Maps' 200s brought it to 0.985 and 0.990.
func TestSearchSignalsBlind27(t *testing.T) {
	measure(t, "twenty-seventh signals blind set", "testdata/search-signals-blind27.tsv", 0.975, 0.985)
}

// TestSearchSignalsBlind28 measures search on a twenty-eighth set of 150
// artifacts that scripts and data pipelines meet (Python clients, scrapers,
// R, Julia, PowerShell, Ansible, SaaS APIs called from jobs), written blind
// with the twenty-seventh. Its first measurement, before any change for it,
// was top-1 0.867 and top-3 0.913 (0.853 and 0.900 at the session's start):
// a population the catalogue barely covered. Data for it (Scrapy and
// Twisted, Ansible, HTTP.jl, Google's and Salesforce's API errors, prawcore,
// block pages) and errors constructed with their status brought it to
// 0.980 and 0.993.
func TestSearchSignalsBlind28(t *testing.T) {
	measure(t, "twenty-eighth signals blind set", "testdata/search-signals-blind28.tsv", 0.97, 0.98)
}

// TestSearchSignalsBlind29 measures search on a twenty-ninth set of 200
// artifacts: a week of errors pasted into a company's internal chat bot,
// across its teams. Written blind while the twenty-seventh and
// twenty-eighth were tuned on and never tuned on itself: its first
// measurement was top-1 0.975 and top-3 0.995 (0.960 and 0.980 at the
// session's start), and data added for the other sets left it there.
func TestSearchSignalsBlind29(t *testing.T) {
	measure(t, "twenty-ninth signals blind set", "testdata/search-signals-blind29.tsv", 0.97, 0.99)
}

// TestSearchSignalsBlind30 measures search on a thirtieth set of 150
// artifacts that reach an API platform team: OAuth and OIDC errors,
// gateway and WAF rejections, webhook failures as senders report them, SDK
// exceptions, mTLS failures, error formats. Written blind with the
// twenty-ninth; its first measurement was top-1 0.853 and top-3 0.940
// (0.847 and 0.933 at the session's start). Data for it (Keycloak, Tyk,
// oauthlib, device-flow errors, Slack's and Twilio's webhook errors,
// Shopify, Apollo's persisted queries, the Idempotency-Key draft) brought
// it to 0.933 and 0.973 (0.927 after later data for other sets).
func TestSearchSignalsBlind30(t *testing.T) {
	measure(t, "thirtieth signals blind set", "testdata/search-signals-blind30.tsv", 0.92, 0.96)
}

// TestSearchSignalsBlind31 measures search on a thirty-first set of 200
// artifacts: a random month of HTTP errors pasted into a developer search
// engine by its whole population, weighted by frequency. Written blind at
// the end of its session and never tuned on: its first measurement was
// top-1 0.975 and top-3 0.995 (0.970 and 0.985 at the session's start),
// meeting both goals.
func TestSearchSignalsBlind31(t *testing.T) {
	measure(t, "thirty-first signals blind set", "testdata/search-signals-blind31.tsv", 0.97, 0.99)
}

// TestSearchSignalsBlind32 measures search on a thirty-second set of 150
// artifacts that people building integrations and automations meet (SaaS
// APIs from scripts and low-code tools, webhooks, OAuth consent and
// tokens, gateways, Zapier, Make, n8n, Power Automate). Its first
// measurement, before any change for it, was top-1 0.820 and top-3 0.893
// (0.787 and 0.867 at the session's start); data added for the thirtieth
// set, a neighbouring population, raised it to 0.840 and 0.900. Data for its
// own misses (Dropbox, Box, PayPal, Notion, Zoom, Square, HubSpot, Xero,
// n8n, Make, Resend, Mailgun, Cloud Storage, S3's clock skew, OAuth errors
// in a redirect) and OAuth redirects read past their address brought it to
// 0.933 and 1.000.
func TestSearchSignalsBlind32(t *testing.T) {
	measure(t, "thirty-second signals blind set", "testdata/search-signals-blind32.tsv", 0.92, 0.99)
}

// TestSearchSignalsBlind33 measures search on a thirty-third set of 150
// artifacts from integrations with less common SaaS products (CRMs,
// accounting, payments, email and SMS, storage, scheduling, forms, AI APIs,
// automation platforms), written blind while the thirty-second was tuned on
// and not tuned on until the session's end. Its first measurement was
// top-1 0.753 and top-3 0.853 (0.727 and 0.840 at the session's start); the
// data added for the thirty-second raised it to 0.813 and 0.893. The long
// tail of SaaS APIs' own error codes is where the catalogue is thinnest.
// Data for its own misses at the end (Gemini, ElevenLabs, Marketo, Vonage,
// Braintree, ClickUp, Typeform, DocuSign, Square, Postmark) brought it to
// 0.887 and 0.947.
func TestSearchSignalsBlind33(t *testing.T) {
	measure(t, "thirty-third signals blind set", "testdata/search-signals-blind33.tsv", 0.87, 0.94)
}

// TestSearchSignalsBlind34 measures search on a thirty-fourth set of 240
// artifacts from backend developers integrating third-party SaaS APIs
// (payments, messaging, CRM, productivity, cloud SDKs, AI, auth, commerce,
// shipping, analytics, storage). Its first measurement was top-1 0.804 and
// top-3 0.887 (the same at the session's start). It was split in halves,
// alternate lines: the odd half (0.825, 0.900) was tuned on, the even half
// (0.783, 0.875) held out, though one diff of its misses was seen. Five-digit
// error numbers as words, JSON numbers under other keys as values, and 251
// signals for the population's vendors (Adyen, Checkout.com, Klarna,
// Mollie, Razorpay, Stripe's card errors, Twilio, SES, SendGrid, Mailgun,
// Intercom, Zendesk, Freshdesk, MessageBird, Microsoft Graph, Azure
// Resource Manager, GitLab, Asana, Linear, Jira, Supabase Auth, Replicate,
// Hugging Face, Cloudinary, Cohere, Mistral, EasyPost, eBay, Amazon SP-API,
// Xero) brought the tuned half to 0.883 and 0.950 and the held-out half to
// 0.833 and 0.917; the whole to 0.858 and 0.933. Data for more SaaS APIs
// and the most used ones, written without its artifacts, left it at 0.875
// and 0.946 (halves 0.883 / 0.942 and 0.867 / 0.950).
func TestSearchSignalsBlind34(t *testing.T) {
	measure(t, "thirty-fourth signals blind set", "testdata/search-signals-blind34.tsv", 0.87, 0.94)
}

// TestSearchSignalsBlind35 measures search on a thirty-fifth set of 220
// artifacts: a quarter of a company's #help-errors channel, pasted by
// engineers of every kind (exceptions, constants, proxy logs, platform
// errors, browser and mobile client messages, CLI and CI output, plain
// descriptions). Written blind and never tuned on: its first measurement
// was top-1 0.973 and top-3 0.995, meeting both goals.
func TestSearchSignalsBlind35(t *testing.T) {
	measure(t, "thirty-fifth signals blind set", "testdata/search-signals-blind35.tsv", 0.97, 0.99)
}

// TestSearchSignalsBlind36 measures search on a thirty-sixth set of 200
// artifacts: six months of an integration-heavy company's on-call pastes
// from third-party services. Written blind as the judge of the work on the
// thirty-fourth: its first measurement, after that work, was top-1 0.780
// and top-3 0.890 (0.770 and 0.880 at the session's start). Data drafted
// for the vendors its brief named, without its artifacts, brought it to
// 0.840 and 0.930; its misses were then read, and a quoted number taken as
// a value (0.845). It is no longer unseen; the thirty-seventh judges.
func TestSearchSignalsBlind36(t *testing.T) {
	measure(t, "thirty-sixth signals blind set", "testdata/search-signals-blind36.tsv", 0.84, 0.93)
}

// TestSearchSignalsBlind37 measures search on a thirty-seventh set of 200
// artifacts from 107 vendors: a year of a developer forum's API and
// integration questions, weighted by the APIs' popularity with a long
// tail (payments, messaging, chat, identity, AI, cloud, storage, CRM,
// social, developer platforms, commerce, finance, search, government
// data, maps, calendars, accounting, CMS, shipping, push, HR, travel).
// Written blind after the work on the thirty-fourth and thirty-sixth: its
// first measurement was top-1 0.770 and top-3 0.870 (0.750 and 0.855 at
// the session's start). Data for the most used APIs, drafted without its
// artifacts, brought it to 0.790 and 0.890; a few of its misses were then
// seen in a diff, and nothing was tuned on them. Data for finance, CMS,
// search, push, travel and open-data APIs left it at 0.795 and 0.905.
func TestSearchSignalsBlind37(t *testing.T) {
	measure(t, "thirty-seventh signals blind set", "testdata/search-signals-blind37.tsv", 0.79, 0.90)
}

// TestSearchSignalsBlind38 measures search on a thirty-eighth set of 200
// artifacts from 71 vendors: a year of a large enterprise's integration
// tickets (cloud providers and SDKs, identity, collaboration suites, CRM,
// ERP and HR, payments, messaging, monitoring, data platforms, AI APIs).
// Written blind at the end of the session's SaaS work and never tuned on:
// its first measurement was top-1 0.880 and top-3 0.925 (0.785 and 0.860
// at the session's start). A later analysis change and SDK data, neither
// drawn from it, left it at 0.880 and 0.930.
func TestSearchSignalsBlind38(t *testing.T) {
	measure(t, "thirty-eighth signals blind set", "testdata/search-signals-blind38.tsv", 0.88, 0.92)
}

// TestSearchSignalsBlind39 measures search on a thirty-ninth set of 200
// artifacts from 106 vendors: a year of hobbyist and indie developers'
// failed calls to public APIs (hosting, chat bots, open data, stocks and
// crypto, AI, email and SMS, weather, games, social, home automation,
// maps, files, movies, music, fitness, news, translation, sports), a fifth
// of them errors inside a 200. Written blind as the judge of the data for
// finance, CMS, search, push, travel, weather and open-data APIs and never
// tuned on: its first measurement was top-1 0.710 and top-3 0.815 (0.675
// and 0.785 before that data; 0.660 and 0.775 at the session's start). A
// later analysis change and SDK exception data, neither drawn from it,
// left it at 0.705 and 0.825; some of its misses were then seen in a
// failing run, and nothing was tuned on them.
func TestSearchSignalsBlind39(t *testing.T) {
	measure(t, "thirty-ninth signals blind set", "testdata/search-signals-blind39.tsv", 0.70, 0.82)
}

// TestSearchSignalsBlind40 measures search on a fortieth set of 200
// artifacts from 98 vendors and libraries: data and analytics engineers'
// ELT and reverse-ETL pipelines and orchestrator tasks against SaaS and
// cloud APIs. Written blind and never tuned on, as the judge of the data for
// data-pipeline tools: its first measurement was top-1 0.800 and top-3 0.890
// (the same at the session's base); after that data 0.825 and 0.900, after
// the session's later data 0.835 and 0.910.
func TestSearchSignalsBlind40(t *testing.T) {
	measure(t, "fortieth signals blind set", "testdata/search-signals-blind40.tsv", 0.83, 0.905)
}

// TestSearchSignalsBlind41 measures search on a forty-first set of 199
// artifacts from 93 tools: platform, DevOps and SRE engineers' Terraform
// providers, cloud CLIs, registries, CI, package managers, HashiCorp tools,
// observability APIs, meshes and CDNs. Its first measurement was top-1 0.814
// and top-3 0.859; then it was tuned on: data for its population's tools,
// and its misses read for analysis changes (quoted statuses, shape IDs).
func TestSearchSignalsBlind41(t *testing.T) {
	measure(t, "forty-first signals blind set", "testdata/search-signals-blind41.tsv", 0.92, 0.955)
}

// TestSearchSignalsBlind42 measures search on a forty-second set of 150
// artifacts from 87 products: SRE and infrastructure engineers on call
// (Kubernetes, GitOps, registries, CI/CD, infrastructure as code, secrets,
// observability pipelines, meshes, cloud control planes, DNS, CDN and WAF).
// Written blind and never tuned on, as the judge of the platform data: its
// first measurement was top-1 0.860 and top-3 0.913 (the same at the
// session's base); after that data 0.893 and 0.947.
func TestSearchSignalsBlind42(t *testing.T) {
	measure(t, "forty-second signals blind set", "testdata/search-signals-blind42.tsv", 0.89, 0.94)
}

// TestSearchSignalsBlind43 measures search on a forty-third set of 150
// artifacts from 82 products: a mid-size company's analytics and data
// engineers (notebooks, orchestrators, dbt, ELT, warehouses, BI APIs, SaaS
// sources). Written blind and never tuned on: its first measurement was
// top-1 0.847 and top-3 0.913 (0.853 and 0.913 at the session's base); after
// the session's data for data tools 0.893 and 0.933.
func TestSearchSignalsBlind43(t *testing.T) {
	measure(t, "forty-third signals blind set", "testdata/search-signals-blind43.tsv", 0.885, 0.93)
}

// TestSearchSignalsBlind44 measures search on a forty-fourth set of 150
// artifacts from 83 products: a large retailer's data platform team's
// on-call channel over a quarter. Written blind and never tuned on, as the
// judge of the data for BI tools, warehouses and more SaaS sources: its
// first measurement was top-1 0.847 and top-3 0.907 (0.833 and 0.900 at the
// session's base); after that data and later 0.867 and 0.913.
func TestSearchSignalsBlind44(t *testing.T) {
	measure(t, "forty-fourth signals blind set", "testdata/search-signals-blind44.tsv", 0.86, 0.905)
}

// TestSearchSignalsBlind45 measures search on a forty-fifth set of 150
// artifacts from 96 products: freelance data engineers' notes of the errors
// they looked up for their clients' pipelines. Written blind and never
// tuned on, as the judge of the data for ads, analytics, commerce,
// shipping, HR, storage and queue APIs: its first measurement was top-1
// 0.860 and top-3 0.920 (0.853 and 0.913 at the session's base), and that
// data left it there.
func TestSearchSignalsBlind45(t *testing.T) {
	measure(t, "forty-fifth signals blind set", "testdata/search-signals-blind45.tsv", 0.855, 0.915)
}

// TestSearchSignalsBlind46 measures search on a forty-sixth set of 150
// artifacts from 70 products: a marketing-analytics agency's runbook of the
// errors its nightly syncs of clients' ads, analytics, CRM, commerce and
// support accounts met. Written blind and never tuned on, as the judge of
// the data for warehouse drivers, CRM, support and ads APIs: its first
// measurement was top-1 0.847 and top-3 0.893 (0.827 and 0.880 at the
// session's base); after that data 0.853 and 0.907, and 0.860 once a
// pasted word's reach was cut to 5 % of the documents.
func TestSearchSignalsBlind46(t *testing.T) {
	measure(t, "forty-sixth signals blind set", "testdata/search-signals-blind46.tsv", 0.855, 0.90)
}

// TestSearchSituationsBlind measures search on 100 situations ("which code
// should I return when …") written by someone who had seen neither the
// situations, the catalogue nor the engine. Its first measurement, before
// situations were search documents, was top-1 0.680 and top-3 0.840. The
// situations as documents that count for their code (title, keywords and
// reasoning) and the guide's rows as documents brought it to 0.830 and
// 0.960 (the title weighing as a name: 0.840, 0.960). Its misses then
// showed thin keywords, and three cases the situations lacked (stock, a
// missing parent in the URL, a JSON field of the wrong type); with those
// added to the data it is 0.930 and 1.000, and so it is no longer unseen.
func TestSearchSituationsBlind(t *testing.T) {
	measure(t, "situations blind set", "testdata/search-situations-blind.tsv", 0.9, 0.98)
}

// TestSearchSituationsBlind2 measures search on a second set of 100
// situations, written blind after the work on the first set was done. Its
// first measurement, before any change, was top-1 0.840 and top-3 0.980.
// Sixty more situations and plainer keywords, written by someone who did
// not see the set but from a brief that had seen its misses, brought it to
// 0.910 and 0.990; it is no longer unseen, and the third set judges.
func TestSearchSituationsBlind2(t *testing.T) {
	measure(t, "second situations blind set", "testdata/search-situations-blind2.tsv", 0.9, 0.98)
}

// TestSearchSituationsBlind3 measures search on a third set of 120
// situations, written blind after the work on the first two was done. Its
// first measurement, before any change, was top-1 0.933 and top-3 0.992:
// the goal (0.90 and 0.98) met on unseen situations. Nothing was tuned on it.
func TestSearchSituationsBlind3(t *testing.T) {
	measure(t, "third situations blind set", "testdata/search-situations-blind3.tsv", 0.9, 0.98)
}

// TestSearchSituation checks that a situation typed in one's own words
// names the situation as the reason.
func TestSearchSituation(t *testing.T) {
	for _, tt := range []struct {
		query string
		code  int
		id    string
	}{
		{"someone signs up with an email that is already registered", 409, "duplicate-unique-value"},
		{"idempotency key reused with a different body", 422, "idempotency-key-reused-different-payload"},
		{"customer asks for another customer's invoice", 404, "other-customers-invoice"},
	} {
		rs := httpstatus.Search(tt.query, 3)
		if len(rs) == 0 || rs[0].Entry.Code != tt.code {
			t.Errorf("Search(%q): want %d first, got %v", tt.query, tt.code, rs)
			continue
		}
		if rs[0].Situation == nil || rs[0].Situation.ID != tt.id {
			t.Errorf("Search(%q): reason %v, want situation %s", tt.query, rs[0].Situation, tt.id)
		}
		if rs[0].Matched != nil {
			t.Errorf("Search(%q): a signal and a situation both given", tt.query)
		}
	}
}

// BenchmarkSearchSets times every query of the query sets, each on its own,
// and reports the median and 90th percentile time of a query: what people
// type ("typed": the development, natural, blind and situation sets) and
// what they paste ("pasted": the signal sets). None of them was chosen for
// a benchmark. "repeated" runs each query 16 times in a row, as
// BenchmarkSearch does, so the index and the entries it copies are in the
// processor's caches; "cycled" runs each once in turn, the next query
// always another, as a busy server meets them. ns/op is the whole set.
func BenchmarkSearchSets(b *testing.B) {
	sets := map[string][]string{
		"typed":  {"search-queries", "search-natural", "search-blind", "search-situations-blind", "search-situations-blind2", "search-situations-blind3"},
		"pasted": {"search-signals", "search-signals-blind", "search-signals-blind2", "search-signals-blind3", "search-signals-blind4", "search-signals-blind5", "search-signals-blind6", "search-signals-blind7", "search-signals-blind8", "search-signals-blind9", "search-signals-blind10", "search-signals-blind11", "search-signals-blind12", "search-signals-blind13", "search-signals-blind14", "search-signals-blind15", "search-signals-blind16", "search-signals-blind17", "search-signals-blind18", "search-signals-blind19", "search-signals-blind20", "search-signals-blind21", "search-signals-blind22", "search-signals-blind23", "search-signals-blind24", "search-signals-blind25", "search-signals-blind26", "search-signals-blind27", "search-signals-blind28", "search-signals-blind29", "search-signals-blind30", "search-signals-blind31", "search-signals-blind32", "search-signals-blind33", "search-signals-blind34", "search-signals-blind35", "search-signals-blind36", "search-signals-blind37", "search-signals-blind38", "search-signals-blind39", "search-signals-blind40", "search-signals-blind41", "search-signals-blind42", "search-signals-blind43", "search-signals-blind44", "search-signals-blind45", "search-signals-blind46"},
	}
	for _, name := range []string{"typed", "pasted"} {
		var queries []string
		for _, f := range sets[name] {
			for _, j := range readJudgements(b, "testdata/"+f+".tsv") {
				queries = append(queries, j.query)
			}
		}
		for _, mode := range []struct {
			name string
			reps int
		}{{"repeated", 16}, {"cycled", 1}} {
			b.Run(name+"/"+mode.name, func(b *testing.B) {
				b.ReportAllocs()
				spent := make([]time.Duration, len(queries))
				for b.Loop() {
					for i, q := range queries {
						start := time.Now()
						for range mode.reps {
							httpstatus.Search(q, 10)
						}
						spent[i] += time.Since(start)
					}
				}
				slices.Sort(spent)
				per := func(p float64) float64 {
					return float64(spent[int(p*float64(len(spent)-1))]) / float64(b.N*mode.reps)
				}
				b.ReportMetric(per(0.5), "median-ns/query")
				b.ReportMetric(per(0.9), "p90-ns/query")
			})
		}
	}
}

// TestSearchPartialMatch checks that a long message no document holds half
// of still finds its best partial matches, while words the catalogue does
// not hold at all still find nothing.
func TestSearchPartialMatch(t *testing.T) {
	if got := httpstatus.Search("Zylo error 55123: use an integration API key to perform this action", 3); len(got) == 0 {
		t.Error("a message whose words the catalogue holds a third of found nothing")
	}
	if got := httpstatus.Search("zzqqzzqq xxyyxxyy blorp", 3); len(got) != 0 {
		t.Errorf("words the catalogue does not hold found %d results", len(got))
	}
}
