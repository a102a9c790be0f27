package server

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"net/http"
	"strings"
	"unicode/utf8"

	"github.com/httpstatus/httpstatus"
	"github.com/httpstatus/httpstatus/internal/problem"
)

// maxQuery is the longest search query taken; longer ones are cut.
const maxQuery = 200

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
// which names an unknown code and links to its class.
func (s *site) notFound(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == "/api" || strings.HasPrefix(r.URL.Path, "/api/") {
		problem.Write(w, r, http.StatusNotFound, "no such API path; see /api/v1/openapi.json")
		return
	}
	p := notFoundPage{layout: s.layout("Page not found", "", r.URL.Path)}
	p.Title = "404 Page not found"
	if seg := strings.TrimPrefix(r.URL.Path, "/"); !strings.Contains(seg, "/") {
		if code, err := httpstatus.ParseCode(seg); err == nil {
			p.Code = seg
			p.Title = fmt.Sprintf("%s is not in the catalogue", seg)
			if c, ok := httpstatus.LookupClass(code / 100); ok {
				p.ClassURL, p.ClassName = "/"+c.Class, c.Class+" "+c.Name
			}
		}
	}
	body, err := s.render("notfound", p)
	if err != nil {
		problem.Write(w, r, http.StatusNotFound, "page not found")
		return
	}
	serve(w, r, newResource(body, htmlType, cacheNone), http.StatusNotFound)
}

// handleSearchPage serves /search?q=: up to 50 results, best first, or
// "nothing found" with a suggestion. Without q it is the page with the box.
func handleSearchPage(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		q := cleanQuery(r.URL.Query().Get("q"))
		p := searchPage{layout: s.layout("Search", "Search the HTTP status codes.", "/search"), Limit: 50}
		p.Query = q
		if q != "" {
			p.Title = "Search: " + q
			for _, res := range httpstatus.Search(q, p.Limit) {
				p.Results = append(p.Results, res.Entry)
			}
			if len(p.Results) == 0 {
				p.Suggest = httpstatus.Suggest(q)
			}
		}
		body, err := s.render("search", p)
		if err != nil {
			problem.Write(w, r, http.StatusServiceUnavailable, "the page could not be rendered")
			return
		}
		serve(w, r, newResource(body, htmlType, cachePage), http.StatusOK)
	})
}

// cleanQuery trims a query, drops invalid UTF-8 and cuts it to maxQuery
// bytes on a rune boundary.
func cleanQuery(q string) string {
	q = strings.TrimSpace(strings.ToValidUTF8(q, ""))
	if len(q) > maxQuery {
		q = q[:maxQuery]
		for !utf8.ValidString(q) {
			q = q[:len(q)-1]
		}
	}
	return q
}

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
		scheme := "http"
		if r.TLS != nil {
			scheme = "https"
		}
		var base bytes.Buffer
		xml.EscapeText(&base, []byte(scheme+"://"+r.Host)) //nolint:errcheck // writes to a bytes.Buffer do not fail
		body := fmt.Appendf(nil, tmpl, base.String(), s.assets["favicon.svg"])
		serve(w, r, newResource(body, "application/opensearchdescription+xml; charset=utf-8", cachePage), http.StatusOK)
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
