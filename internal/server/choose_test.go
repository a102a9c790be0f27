package server

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/httpstatus/httpstatus"
)

func TestChoosePages(t *testing.T) {
	t.Parallel()
	srv := newTestServer(t)
	for _, tc := range []struct {
		name, path string
		status     int
		want       []string // substrings of the body, or of Location for a redirect
	}{
		{"ok/start", "/choose", 200, []string{"How did the request turn out?", `href="/choose/client"`, `data-key="1"`}},
		{"ok/question", "/choose/client-conditions", 200, []string{"What happened with the condition?", `href="/choose/client-state" rel="prev"`, `href="/choose/client-conditions/missing"`, "Start over"}},
		{"ok/result", "/choose/client-conditions/missing", 200, []string{"428</span> Precondition Required", `href="/choose/client-conditions" rel="prev"`, "What happened with the condition?", "Link to this answer", "Compare with", `href="/compare/412-428"`}},
		{"ok/result-hidden", "/choose/client-forbidden/no", 200, []string{"404</span> Not Found", "other-customers-invoice"}},
		{"notfound/question", "/choose/nowhere", 404, nil},
		{"notfound/answer-to-question", "/choose/start/success", 404, nil},
		{"notfound/answer", "/choose/client-conditions/perhaps", 404, nil},
		{"ok/compare", "/compare/401-403", 200, []string{"Verdict:", "401 Unauthorized vs 403 Forbidden", "WWW-Authenticate"}},
		{"ok/compare-three", "/compare/502-503-504", 200, []string{"502 Bad Gateway vs 503 Service Unavailable vs 504 Gateway Timeout"}},
		{"ok/compare-no-confusion", "/compare/200-418", 200, []string{"I&#39;m a teapot"}},
		{"redirect/order", "/compare/403-401", 301, []string{"/compare/401-403"}},
		{"redirect/digits", "/compare/0401-403", 404, nil},
		{"notfound/repeated", "/compare/401-401", 404, nil},
		{"notfound/unknown", "/compare/401-299", 404, nil},
		{"notfound/one", "/compare/401", 404, nil},
		{"notfound/four", "/compare/400-401-403-404", 404, nil},
		{"notfound/words", "/compare/foo-bar", 404, nil},
		{"ok/guide-links", "/guide", 200, []string{`href="/compare/401-403"`, `href="/compare/301-302"`, `href="/choose"`}},
		{"ok/code-page", "/412", 200, []string{"Compare with", `href="/compare/412-428"`, `id="s-stale-if-match"`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			resp, body := do(t, srv, "GET", tc.path, nil)
			if resp.StatusCode != tc.status {
				t.Fatalf("status %d, want %d", resp.StatusCode, tc.status)
			}
			got := string(body)
			if tc.status == 301 {
				got = resp.Header.Get("Location")
			}
			for _, w := range tc.want {
				if !strings.Contains(got, w) {
					t.Errorf("lacks %q", w)
				}
			}
		})
	}
}

// TestChooseURLsStable checks every question and code answer has its page,
// and that each answer on a page links where the guide says.
func TestChooseURLsStable(t *testing.T) {
	t.Parallel()
	srv := newTestServer(t)
	href := regexp.MustCompile(`<li><a href="([^"]+)" data-key="(\d)">`)
	for _, q := range httpstatus.Questions() {
		resp, body := do(t, srv, "GET", questionURL(q.ID), nil)
		if resp.StatusCode != 200 {
			t.Fatalf("%s: %d", questionURL(q.ID), resp.StatusCode)
		}
		links := href.FindAllStringSubmatch(string(body), -1)
		if len(links) != len(q.Answers) {
			t.Fatalf("%s: %d answer links, %d answers", q.ID, len(links), len(q.Answers))
		}
		for i, a := range q.Answers {
			want := "/choose/" + a.Next
			if a.Code != 0 {
				want = fmt.Sprintf("/choose/%s/%s", q.ID, a.ID)
			}
			if links[i][1] != want || links[i][2] != fmt.Sprint(i+1) {
				t.Errorf("%s answer %d links %s, want %s", q.ID, i+1, links[i][1], want)
			}
			if a.Code != 0 {
				if resp, _ := do(t, srv, "GET", want, nil); resp.StatusCode != 200 {
					t.Errorf("%s: %d", want, resp.StatusCode)
				}
			}
		}
	}
}

// FuzzParseCompare: the {codes} segment of /compare never panics the
// parser, and what it accepts is two or three codes from 100 to 999.
func FuzzParseCompare(f *testing.F) {
	for _, s := range []string{"401-403", "502-503-504", "0401-403", "4-", "--", "999-100"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		codes, ok := parseCompare(s)
		if !ok {
			return
		}
		if len(codes) < 2 || len(codes) > 3 {
			t.Fatalf("parseCompare(%q) = %v", s, codes)
		}
		for _, c := range codes {
			if c < 100 || c > 999 {
				t.Fatalf("parseCompare(%q) = %v", s, codes)
			}
		}
	})
}
