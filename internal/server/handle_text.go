package server

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"net/http"
	"sort"
	"strings"

	"github.com/httpstatus/httpstatus"
)

// The plain-text and crawler files: /robots.txt, /sitemap.xml, /llms.txt
// and /index.txt. All are rendered at start-up, except the sitemap of a
// site without a base URL (see handleSitemap).

const (
	textType    = "text/plain; charset=utf-8"
	sitemapType = "application/xml; charset=utf-8"
)

// addText renders robots.txt, llms.txt, index.txt and, with a base URL,
// sitemap.xml. It runs after every page is in s.res: the sitemap lists
// them.
func (s *site) addText() {
	s.pageList = s.pageList[:0]
	for p, res := range s.res {
		if res.contentType == htmlType {
			s.pageList = append(s.pageList, p)
		}
	}
	sort.Strings(s.pageList)
	s.res["/robots.txt"] = newResource(s.robots(), textType, cachePage)
	s.res["/llms.txt"] = newResource(s.llms(), textType, cachePage)
	s.res["/index.txt"] = newResource(s.index(), textType, cachePage)
	if s.base != "" {
		s.res["/sitemap.xml"] = newResource(s.sitemap(s.abs("")), sitemapType, cachePage)
	}
}

// robots allows every page and keeps crawlers off what answers per request:
// the test endpoint and the search API. The Sitemap line needs an absolute
// URL, so it is there only with a base URL.
func (s *site) robots() []byte {
	var b bytes.Buffer
	b.WriteString("# httpstatus: every page may be crawled; the test endpoint and the search API\n" +
		"# answer per request and are left out.\n" +
		"User-agent: *\nDisallow: /status/\nDisallow: /api/v1/search\nAllow: /\n")
	if u := s.abs("/sitemap.xml"); u != "" {
		fmt.Fprintf(&b, "\nSitemap: %s\n", u)
	}
	return b.Bytes()
}

// sitemap lists every page rendered at start-up under origin (the base URL
// without its final "/", or the request's scheme and host): the sitemap
// protocol wants absolute URLs.
func (s *site) sitemap(origin string) []byte {
	var b bytes.Buffer
	b.WriteString(xml.Header)
	b.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	for _, p := range s.pageList {
		b.WriteString("  <url><loc>")
		xml.EscapeText(&b, []byte(origin+p)) //nolint:errcheck // writes to a bytes.Buffer do not fail
		b.WriteString("</loc></url>\n")
	}
	b.WriteString("</urlset>\n")
	return b.Bytes()
}

// handleSitemap serves /sitemap.xml. Without a base URL the absolute URLs
// name the host the request came to, as /opensearch.xml does.
func handleSitemap(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if res, ok := s.res["/sitemap.xml"]; ok {
			serve(w, r, res, http.StatusOK)
			return
		}
		scheme := "http"
		if r.TLS != nil {
			scheme = "https"
		}
		body := s.sitemap(scheme + "://" + r.Host)
		serve(w, r, newDynamic(body, sitemapType, cachePage, http.StatusOK), http.StatusOK)
	})
}

// link is the URL of a site path in the text files: absolute with a base
// URL, else the path.
func (s *site) link(p string) string {
	if u := s.abs(p); u != "" {
		return u
	}
	return p
}

// llms is /llms.txt in the llmstxt.org layout: a title, a summary, then
// lists of links to what tools read best (plain text, JSON).
func (s *site) llms() []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "# httpstatus\n\n> An HTTP status code reference: every code in the IANA registry and the "+
		"well-known vendor codes, with what each means, when to use it and when not, its header rules, "+
		"caching and retry facts. Data: %s.\n\n", httpstatus.DataVersion)
	b.WriteString("Every page is HTML for people; the same facts are here as plain text and JSON.\n\n## Reference\n\n")
	item := func(name, p, note string) { fmt.Fprintf(&b, "- [%s](%s): %s\n", name, s.link(p), note) }
	item("Plain-text index", "/index.txt", "every meaning of every code, one line each: code, name, summary")
	item("All codes as JSON", "/api/v1/codes", "every entry with all its fields")
	item("One code as JSON", "/api/v1/codes/404", "the meanings of one number (put any code in place of 404)")
	item("REST/JSON API guide", "/guide", "which code to return for each method and outcome, and the common confusions")
	item("OpenAPI document", "/api/v1/openapi.json", "the JSON API, including search")
	b.WriteString("\n## Classes\n\n")
	for _, c := range httpstatus.Classes() {
		item(c.Class+" "+c.Name, "/"+c.Class, oneLine(c.Summary))
	}
	b.WriteString("\n## Optional\n\n")
	item("Situations as JSON", "/api/v1/situations", "cases developers meet, each with the code to return and why")
	item("Signals as JSON", "/api/v1/signals", "error messages, constants and log lines, each with the code it stands for")
	item("Decision guide as JSON", "/api/v1/questions", "the questions that lead to a code")
	return b.Bytes()
}

// index is /index.txt: every meaning of every code on one line.
func (s *site) index() []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "HTTP status codes: every meaning in the httpstatus catalogue (data %s).\n", httpstatus.DataVersion)
	fmt.Fprintf(&b, "One line each: code, name, [vendor], summary. Each code has a page ([404](%s)) and a JSON document ([404 as JSON](%s)).\n\n",
		s.link("/404"), s.link("/api/v1/codes/404"))
	for _, e := range httpstatus.All() {
		fmt.Fprintf(&b, "%03d %s", e.Code, e.Name)
		if e.Vendor != "" {
			fmt.Fprintf(&b, " [%s]", e.Vendor)
		}
		fmt.Fprintf(&b, ": %s\n", oneLine(e.Summary))
	}
	return b.Bytes()
}

// oneLine joins the lines of text with spaces and drops backticks.
func oneLine(text string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(text, "`", "")), " ")
}
