package errorpages

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/httpstatus/httpstatus"
	"github.com/httpstatus/httpstatus/problem"
)

// TestWrite checks that every 4xx and 5xx code of the catalogue gets its
// three files, that the page shows the entry's message, fetches nothing,
// and links to the reference, and that the JSON is problem details.
func TestWrite(t *testing.T) {
	dir := t.TempDir()
	pages, err := Write(dir, Options{ReferenceURL: "https://example.org/http/"})
	if err != nil {
		t.Fatal(err)
	}
	want := map[int]bool{}
	for _, e := range httpstatus.All() {
		if e.Code >= 400 && e.Code <= 599 {
			want[e.Code] = true
		}
	}
	if len(pages) != len(want) {
		t.Errorf("%d pages for %d codes", len(pages), len(want))
	}
	fetch := regexp.MustCompile(`(?i)(src|@import|url\()`)
	for code := range want {
		e := mustLookup(t, code)
		page, err := os.ReadFile(filepath.Join(dir, fmt.Sprintf("%03d.html", code)))
		if err != nil {
			t.Fatal(err)
		}
		html := string(page)
		for _, w := range []string{`<html lang="en">`, "<main>", "<h1>", `name="color-scheme" content="light dark"`,
			"prefers-color-scheme: dark", fmt.Sprintf(`href="https://example.org/http/%03d"`, code)} {
			if !strings.Contains(html, w) {
				t.Errorf("%03d.html lacks %q", code, w)
			}
		}
		if e.Message != "" && !strings.Contains(html, escaped(e.Message)) {
			t.Errorf("%03d.html lacks the entry's message", code)
		}
		if fetch.MatchString(html) {
			t.Errorf("%03d.html fetches something: %s", code, fetch.FindString(html))
		}
		var d problem.Problem
		b, err := os.ReadFile(filepath.Join(dir, fmt.Sprintf("%03d.json", code)))
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(b, &d); err != nil || d.Status != code || d.Title == "" || d.Type != fmt.Sprintf("https://example.org/http/%03d", code) {
			t.Errorf("%03d.json = %+v, %v", code, d, err)
		}
		txt, err := os.ReadFile(filepath.Join(dir, fmt.Sprintf("%03d.txt", code)))
		if err != nil || !strings.HasPrefix(string(txt), fmt.Sprintf("%03d %s\n", code, e.Name)) {
			t.Errorf("%03d.txt: %q %v", code, txt, err)
		}
	}
	// HAProxy's files are whole responses with the right length.
	raw, err := os.ReadFile(filepath.Join(dir, "haproxy", "503.http"))
	if err != nil {
		t.Fatal(err)
	}
	head, body, ok := strings.Cut(string(raw), "\r\n\r\n")
	if !ok || !strings.HasPrefix(head, "HTTP/1.1 503 ") || !strings.Contains(head, fmt.Sprintf("Content-Length: %d\r\n", len(body))) {
		t.Errorf("haproxy/503.http head %q", head)
	}
}

func mustLookup(t *testing.T, code int) httpstatus.Entry {
	t.Helper()
	es, ok := httpstatus.Lookup(code)
	if !ok {
		t.Fatalf("no %d", code)
	}
	return es[0]
}

// escaped escapes text as html/template does in element content.
func escaped(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&#34;", "'", "&#39;").Replace(s)
}
