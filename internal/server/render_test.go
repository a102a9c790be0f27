package server

import (
	"regexp"
	"strings"
	"testing"
)

// TestInlineLinks checks which numbers and names prose links: status codes
// the catalogue knows and header fields of the index, and nothing that only
// looks like them.
func TestInlineLinks(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, in string
		self     any
		want     string
	}{
		{"ok/code", "Answer 404 here.", 0, `Answer <a href="/404">404</a> here.`},
		{"ok/codes", "Use 401, 403 or (410).", 0, `Use <a href="/401">401</a>, <a href="/403">403</a> or (<a href="/410">410</a>).`},
		{"ok/vendor-code", "nginx logs 499.", 0, `nginx logs <a href="/499">499</a>.`},
		{"ok/self", "A 404 is not a 410.", 404, `A 404 is not a <a href="/410">410</a>.`},
		{"ok/header", "Send Retry-After with it.", 0, `Send <a href="/headers/retry-after">Retry-After</a> with it.`},
		{"ok/header-span", "Send `WWW-Authenticate`.", 0, `Send <a href="/headers/www-authenticate"><code>WWW-Authenticate</code></a>.`},
		{"ok/self-header", "Retry-After and `Retry-After` on its own page; 429.", "Retry-After", "Retry-After and <code>Retry-After</code> on its own page; <a href=\"/429\">429</a>."},
		{"ok/header-span-word", "The `Location` field.", 0, `The <a href="/headers/location"><code>Location</code></a> field.`},
		{"ok/escaped", "<b>404</b> & co", 0, `&lt;b&gt;<a href="/404">404</a>&lt;/b&gt; &amp; co`},
		{"no/unknown-code", "A 299 is not a code we know.", 0, "A 299 is not a code we know."},
		{"no/rfc", "RFC 9110 and RFC 793 say so.", 0, "RFC 9110 and RFC 793 say so."},
		{"no/section", "Section 404 and § 500.", 0, "Section 404 and § 500."},
		{"no/section-sign", "§500", 0, "§500"},
		{"no/dotted", "See 15.5.404 and 404.1.", 0, "See 15.5.404 and 404.1."},
		{"no/range", "Codes 500-599 and bytes=100-200.", 0, "Codes 500-599 and bytes=100-200."},
		{"no/param", "Cache-Control: max-age=300", 0, `<a href="/headers/cache-control">Cache-Control</a>: max-age=300`},
		{"no/url", "See https://example.com/404 or /status/404 or www.x.org/500.", 0, "See https://example.com/404 or /status/404 or www.x.org/500."},
		{"no/word", "v404 and 404s and 4040 and 1404", 0, "v404 and 404s and 4040 and 1404"},
		{"no/port", "port 443 and port 100", 0, "port 443 and port 100"},
		{"no/code-span", "Send `Content-Length: 200` or `404`.", 0, "Send <code>Content-Length: 200</code> or <code>404</code>."},
		{"no/header-in-word", "X-Retry-After and Retry-After-Ish", 0, "X-Retry-After and Retry-After-Ish"},
		{"no/unknown-header", "Send X-Request-Id.", 0, "Send X-Request-Id."},
		{"no/plain-word", "Allow it on that Date.", 0, "Allow it on that Date."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if got := string(inline(tc.in, tc.self)); got != tc.want {
				t.Errorf("inline(%q)\n got %s\nwant %s", tc.in, got, tc.want)
			}
		})
	}
	if got := string(prose("One 404.\n\nTwo 410.")); !strings.Contains(got, `<p>Two <a href="/410">410</a>.</p>`) {
		t.Errorf("prose: %s", got)
	}
}

// FuzzInline checks that inline escapes whatever it is given: the only
// markup in its output is its own code spans and links.
func FuzzInline(f *testing.F) {
	for _, s := range []string{"404", "`Retry-After` 503 <x>", "RFC 9110 § 404", "a`b`c`", "https://x/404 \"/404\""} {
		f.Add(s)
	}
	own := regexp.MustCompile(`<a href="/(?:[0-9]{3}|headers/[a-z0-9-]+)">|</a>|</?code>`)
	f.Fuzz(func(t *testing.T, s string) {
		out := own.ReplaceAllString(string(inline(s, 404)), "")
		if strings.ContainsAny(out, "<>") {
			t.Errorf("inline(%q) left markup: %s", s, out)
		}
	})
}

func TestSplitSpec(t *testing.T) {
	t.Parallel()
	for in, want := range map[string][3]string{
		"RFC 9110, Section 15.5.5":                         {"RFC 9110", "Section 15.5.5", ""},
		"RFC 9110, Section 15.5.5: 404 Not Found":          {"RFC 9110", "Section 15.5.5", "404 Not Found"},
		"RFC 9110 (HTTP Semantics), Section 15.1":          {"RFC 9110 (HTTP Semantics)", "Section 15.1", ""},
		"Cloudflare documentation: Error 520":              {"Cloudflare documentation", "Error 520", ""},
		"RFC 9457: Problem Details for HTTP APIs":          {"RFC 9457: Problem Details for HTTP APIs", "", ""},
		"nginx source, src/http/ngx_http_request.h (NGX_)": {"nginx source, src/http/ngx_http_request.h (NGX_)", "", ""},
	} {
		doc, sec, title := splitSpec(in)
		if got := [3]string{doc, sec, title}; got != want {
			t.Errorf("splitSpec(%q) = %q, want %q", in, got, want)
		}
	}
}
