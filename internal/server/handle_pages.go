package server

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"net/http"
	"strings"

	"github.com/httpstatus/httpstatus"
	"github.com/httpstatus/httpstatus/internal/searchapi"
)

// maxQuery is the longest search query taken, as long as the library
// reads: a pasted log line or stack trace fits.
const maxQuery = httpstatus.MaxQuery

// handleCached serves the resource rendered at start-up for the request's
// path, or the 404 page.
func handleCached(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if res, ok := s.res[r.URL.Path]; ok {
			serve(w, r, res, http.StatusOK)
			return
		}
		s.notFound(w, r)
	})
}

// handlePage serves /{page}: a code (/404) or a class (/4xx). A code the
// catalogue does not know gets a 404 page that says so.
func handlePage(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		page := r.PathValue("page")
		if page == "status" { // the test endpoint lives under /status/
			http.Redirect(w, r, "/status/", http.StatusMovedPermanently)
			return
		}
		if res, ok := s.res["/"+page]; ok && !strings.Contains(page, ".") {
			serve(w, r, res, http.StatusOK)
			return
		}
		if lower := strings.ToLower(page); lower != page {
			if _, ok := s.res["/"+lower]; ok {
				http.Redirect(w, r, "/"+lower, http.StatusMovedPermanently)
				return
			}
		}
		s.notFound(w, r)
	})
}

// notFound answers 404: problem+json under /api/, else the HTML 404 page,
// which names an unknown code and links to its class. The page of a path
// that is not a code is the same for every path: it is rendered once.
func (s *site) notFound(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == "/api" || strings.HasPrefix(r.URL.Path, "/api/") {
		s.problem(w, r, http.StatusNotFound, "no such API path; see /api/v1/openapi.json")
		return
	}
	code := ""
	if seg := strings.TrimPrefix(r.URL.Path, "/"); len(seg) == 3 { // ParseCode wants three digits
		if _, err := httpstatus.ParseCode(seg); err == nil {
			code = seg
		}
	}
	if code == "" && !navPath(r.URL.Path) {
		serve(w, r, s.notFoundPage, http.StatusNotFound)
		return
	}
	buf := getBuffer()
	defer putBuffer(buf)
	if err := s.renderNotFound(buf, r.URL.Path, code); err != nil {
		s.problem(w, r, http.StatusNotFound, "page not found")
		return
	}
	serve(w, r, newDynamic(buf.Bytes(), htmlType, cacheNone, http.StatusNotFound), http.StatusNotFound)
}

// renderNotFound renders into buf the 404 page for a request for urlPath;
// code is its unknown code, or "" when the path is not one.
func (s *site) renderNotFound(buf *bytes.Buffer, urlPath, code string) error {
	p := notFoundPage{layout: s.layout("Page not found", "There is no page at this address. Search the HTTP status code reference, or start from the home page.", urlPath)}
	p.HomeSearch = true // the page has its own box
	p.Title = "404 Page not found"
	p.Canonical = ""
	if code != "" {
		n, _ := httpstatus.ParseCode(code)
		p.Code = code
		p.Title = fmt.Sprintf("%s is not in the catalogue", code)
		p.Description = fmt.Sprintf("The catalogue knows no registered or vendor meaning of %s.", code)
		if c, ok := httpstatus.LookupClass(n / 100); ok {
			p.ClassURL, p.ClassName = "/"+c.Class, c.Class+" "+c.Name
		}
	}
	return s.renderTo(buf, "notfound", p)
}

// navPath reports whether the layout marks urlPath as the current page in
// its navigation (home, guide, a class), which makes the 404 page differ.
func navPath(urlPath string) bool {
	switch {
	case urlPath == "/" || urlPath == "/guide":
		return true
	case len(urlPath) == 4 && urlPath[0] == '/' && urlPath[2:] == "xx":
		_, ok := httpstatus.LookupClass(int(urlPath[1] - '0'))
		return ok
	}
	return false
}

// handleSearchPage serves /search?q=: up to 50 results, best first, or
// "nothing found" with a suggestion. Without q it is the page with the box.
// A query that is a code the catalogue has ("404") or a class ("4xx") is
// sent to its page, so that Enter in any search box opens it, with or
// without JavaScript.
func handleSearchPage(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		q := cleanQuery(r.URL.Query().Get("q"))
		if page := pageOf(q); page != "" {
			if _, ok := s.res[page]; ok {
				http.Redirect(w, r, page, http.StatusFound)
				return
			}
		}
		p := searchPage{layout: s.layout("Search", "Search the HTTP status codes.", "/search"), Limit: 50}
		p.HomeSearch = true // the page has its own box
		p.Query = q
		if q != "" {
			p.Title = "Search: " + q
			p.NoIndex, p.Canonical = true, "" // a result page is not a page to index
			if results := httpstatus.Search(q, p.Limit); len(results) > 0 {
				p.Results = results
			}
			if len(p.Results) == 0 {
				p.Suggest = httpstatus.Suggest(q)
			}
		}
		buf := getBuffer()
		defer putBuffer(buf)
		if err := s.renderTo(buf, "search", p); err != nil {
			s.problem(w, r, http.StatusServiceUnavailable, "the page could not be rendered")
			return
		}
		serve(w, r, newDynamic(buf.Bytes(), htmlType, cachePage, http.StatusOK), http.StatusOK)
	})
}

// pageOf returns the page a query names on its own: "/404" for "404",
// "/4xx" for "4xx" or "4XX", else "".
func pageOf(q string) string {
	if len(q) != 3 {
		return ""
	}
	if _, err := httpstatus.ParseCode(q); err == nil {
		return "/" + q
	}
	if q[0] >= '1' && q[0] <= '9' && strings.EqualFold(q[1:], "xx") {
		return "/" + strings.ToLower(q)
	}
	return ""
}

// cleanQuery trims a query, drops invalid UTF-8 and cuts it to maxQuery
// bytes on a rune boundary.
func cleanQuery(q string) string { return searchapi.Clean(q) }

// handleOpenSearch serves the OpenSearch description, whose URLs must be
// absolute and so name the host the request came to.
func handleOpenSearch(s *site) http.Handler {
	const tmpl = `<?xml version="1.0" encoding="UTF-8"?>
<OpenSearchDescription xmlns="http://a9.com/-/spec/opensearch/1.1/" xmlns:moz="http://www.mozilla.org/2006/browser/search/">
  <ShortName>HTTP status codes</ShortName>
  <Description>Search the HTTP status code reference</Description>
  <InputEncoding>UTF-8</InputEncoding>
  <Image width="16" height="16" type="image/svg+xml">%[1]s%[2]s</Image>
  <Url type="text/html" method="get" template="%[1]s/search?q={searchTerms}"/>
  <Url type="application/json" method="get" template="%[1]s/api/v1/search?q={searchTerms}"/>
  <moz:SearchForm>%[1]s/</moz:SearchForm>
</OpenSearchDescription>
`
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		origin, cache := s.abs(""), cachePage
		if origin == "" {
			// Without a base URL the description names the host the
			// request named. OpenSearch 1.1 templates are absolute URLs,
			// which every browser takes, so it stays absolute, but only
			// the browser that asked may keep it: no shared cache ever
			// serves one Host's answer to another.
			scheme := "http"
			if r.TLS != nil {
				scheme = "https"
			}
			origin, cache = scheme+"://"+r.Host, cachePrivate
			w.Header().Add("Vary", "Host")
		}
		var base bytes.Buffer
		xml.EscapeText(&base, []byte(origin)) //nolint:errcheck // writes to a bytes.Buffer do not fail
		body := fmt.Appendf(nil, tmpl, base.String(), s.assets["favicon.svg"])
		serve(w, r, newDynamic(body, "application/opensearchdescription+xml; charset=utf-8", cache, http.StatusOK), http.StatusOK)
	})
}

// handleHealthz answers 200 once the server is ready, which is as soon as
// it answers at all: New renders everything before it returns.
func handleHealthz() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Type", "text/plain; charset=utf-8")
		h.Set("Cache-Control", cacheNone)
		h.Set("Content-Length", "3")
		w.WriteHeader(http.StatusOK)
		if r.Method != http.MethodHead {
			w.Write([]byte("ok\n")) //nolint:errcheck // the client has gone; nothing to do
		}
	})
}

// handleHeader serves a page of the header index, /headers/{name}, or its
// API document, /api/v1/headers/{name}: the name in any case. A page asked
// for in another case redirects to the lower-case one; an unknown name is
// a 404 (problem+json under /api/).
func handleHeader(s *site, prefix string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := r.PathValue("name")
		lower := strings.ToLower(name)
		res, ok := s.res[prefix+lower]
		switch {
		case !ok:
			s.notFound(w, r)
		case lower != name && !strings.HasPrefix(prefix, "/api/"):
			http.Redirect(w, r, prefix+lower, http.StatusMovedPermanently)
		default:
			serve(w, r, res, http.StatusOK)
		}
	})
}

// handleFavicon serves /favicon.ico, where browsers look for an icon
// without being told.
func handleFavicon(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		serve(w, r, s.res["/static/favicon.ico"], http.StatusOK)
	})
}
