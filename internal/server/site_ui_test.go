package server

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// TestOneSearchBox: every page has one search form, named, whether the box
// is the page's own (home, search, 404) or the header's.
func TestOneSearchBox(t *testing.T) {
	t.Parallel()
	srv := newTestServer(t)
	for _, p := range []string{"/", "/search", "/search?q=rate+limit", "/nope", "/777", "/404", "/guide"} {
		_, body := do(t, srv, "GET", p, nil)
		if n := strings.Count(string(body), `role="search"`); n != 1 {
			t.Errorf("%s has %d search forms, want 1", p, n)
		}
		if !strings.Contains(string(body), `role="search" aria-label="Site"`) {
			t.Errorf("%s: the search landmark has no name", p)
		}
		if strings.Contains(string(body), "autofocus") {
			t.Errorf("%s: autofocus would type the / shortcut into the box", p)
		}
	}
}

// TestHomeLists: "Most common" in numeric order, vendors' codes listed
// once (in their own list, not in the class cards), and the footer's links.
func TestHomeLists(t *testing.T) {
	t.Parallel()
	srv := newTestServer(t)
	_, b := do(t, srv, "GET", "/", nil)
	body := string(b)
	section := func(id string) string {
		i := strings.Index(body, `id="`+id+`"`)
		if i < 0 {
			t.Fatalf("no section %s", id)
		}
		rest := body[i:]
		if j := strings.Index(rest, "</section>"); j >= 0 {
			rest = rest[:j]
		}
		return rest
	}
	codes := func(html string) []int {
		var out []int
		for _, m := range regexp.MustCompile(`href="/(\d{3})"`).FindAllStringSubmatch(html, -1) {
			n, _ := strconv.Atoi(m[1])
			out = append(out, n)
		}
		return out
	}
	common := codes(section("common"))
	if len(common) < 10 || !slices.IsSorted(common) {
		t.Errorf("Most common = %v, want ten or more in numeric order", common)
	}
	i := strings.Index(body, `id="classes"`)
	j := strings.Index(body, `id="vendor"`)
	if i < 0 || j < i {
		t.Fatal("no class cards before the vendor list")
	}
	if strings.Contains(body[i:j], `class="vendor"`) {
		t.Error("the class cards list vendors' codes, which have their own list")
	}
	// 420 and 499 have no registered meaning: only the vendor list has
	// them, once for each vendor.
	for _, c := range []string{`href="/420"`, `href="/499"`} {
		if strings.Contains(body[:j], c) {
			t.Errorf("%s is listed before the vendor list", c)
		}
	}
	for _, link := range []string{`href="https://github.com/httpstatus/httpstatus"`, `href="/api/v1/openapi.json"`, "#the-cli", "IANA HTTP Status Code Registry"} {
		if !strings.Contains(body, link) {
			t.Errorf("the footer lacks %s", link)
		}
	}
}

func TestSplitMessage(t *testing.T) {
	x := splitMessage("POST /api/orders?x=1 HTTP/1.1\r\nHost: shop.example\r\nContent-Type: application/json\r\nContent-Length: 12\r\n\r\n{\"a\": \"it's\"}\n")
	if x.Start != "POST /api/orders?x=1 HTTP/1.1" || len(x.Headers) != 3 || x.Content != `{"a": "it's"}` {
		t.Errorf("split = %+v", x)
	}
	if strings.Contains(x.Text, "\r") || strings.HasSuffix(x.Text, "\n") {
		t.Errorf("text %q keeps CR or a trailing line end", x.Text)
	}
	want := `curl -i -X POST 'https://shop.example/api/orders?x=1' -H 'Content-Type: application/json' --data-raw '{"a": "it'\''s"}'`
	if x.Curl != want {
		t.Errorf("curl\n got %s\nwant %s", x.Curl, want)
	}
	get := splitMessage("GET /x HTTP/1.1\r\nHost: a.example\r\n\r\n")
	if get.Curl != "curl -i 'https://a.example/x'" || get.Content != "" || get.Text != "GET /x HTTP/1.1\nHost: a.example" {
		t.Errorf("GET split = %+v", get)
	}
	resp := splitMessage("HTTP/1.1 204 No Content\r\nDate: x\r\n\r\n")
	if resp.Curl != "" || resp.Start != "HTTP/1.1 204 No Content" {
		t.Errorf("a response = %+v, want no curl", resp)
	}
	if html := string(exampleHTML(splitMessage("GET /<b> HTTP/1.1\r\nX-A: <i>\r\n\r\n<script>"))); strings.Contains(html, "<b>") || strings.Contains(html, "<i>") || strings.Contains(html, "<script>") {
		t.Errorf("exampleHTML does not escape: %s", html)
	}
}

func TestPageOf(t *testing.T) {
	for q, want := range map[string]string{"404": "/404", "000": "/000", "4xx": "/4xx", "4XX": "/4xx", "4x": "", "40": "", "abc": "", "4044": "", "-40": "", "0xx": "", "rate limit": ""} {
		if got := pageOf(q); got != want {
			t.Errorf("pageOf(%q) = %q, want %q", q, got, want)
		}
	}
}
