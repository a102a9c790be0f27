package server

import (
	"net/http"

	"github.com/httpstatus/httpstatus"
	"github.com/httpstatus/httpstatus/endpoint"
)

// statusPrefix is where the test endpoint is mounted.
const statusPrefix = "/status/"

// redirectPrefix is where the endpoint's redirect chains are mounted.
const redirectPrefix = "/redirect/"

// addRoutes is the whole surface of the site. The mux picks the most
// specific pattern, so /{page} (a code like /404 or a class like /4xx) never
// shadows the fixed paths. GET patterns answer HEAD too. Paths that match no
// pattern, and methods a path does not allow, are answered by withErrors.
func addRoutes(mux *http.ServeMux, site *site, status http.Handler) {
	// Pages.
	mux.Handle("GET /{$}", handleCached(site))
	mux.Handle("GET /guide", handleCached(site))
	mux.Handle("GET /search", handleSearchPage(site))
	mux.Handle("GET /choose", handleCached(site))
	mux.Handle("GET /choose/{question}", handleCached(site))
	mux.Handle("GET /choose/{question}/{answer}", handleCached(site))
	mux.Handle("GET /compare/{codes}", handleCompare(site))
	mux.Handle("GET /retry", handleCached(site))
	mux.Handle("GET /check", handleCached(site))
	mux.Handle("POST /check", handleCheckPage(site))
	mux.Handle("GET /headers", handleCached(site))
	mux.Handle("GET /headers/{name}", handleHeader(site, "/headers/"))
	mux.Handle("GET /{page}", handlePage(site))
	mux.Handle("GET /favicon.ico", handleFavicon(site))
	mux.Handle("GET /opensearch.xml", handleOpenSearch(site))
	mux.Handle("GET /robots.txt", handleCached(site))
	mux.Handle("GET /sitemap.xml", handleSitemap(site)) // absolute URLs: the base URL, else the request's host
	mux.Handle("GET /llms.txt", handleCached(site))     // llmstxt.org: links to the plain-text and JSON forms
	mux.Handle("GET /index.txt", handleCached(site))    // every meaning, one line each
	mux.Handle("GET /static/{file}", handleCached(site))
	mux.Handle("GET /healthz", handleHealthz())

	// JSON API.
	mux.Handle("GET /api/v1/codes", handleCached(site))
	mux.Handle("GET /api/v1/codes/{code}", handleAPIByCode(site, "/api/v1/codes/"))
	mux.Handle("GET /api/v1/classes", handleCached(site))
	mux.Handle("GET /api/v1/search", handleAPISearch(site))
	mux.Handle("GET /api/v1/signals", handleListByCode(site, "/api/v1/signals", httpstatus.SignalsFor))
	mux.Handle("GET /api/v1/situations", handleListByCode(site, "/api/v1/situations", httpstatus.SituationsFor))
	mux.Handle("GET /api/v1/questions", handleCached(site))
	mux.Handle("GET /api/v1/headers", handleCached(site))
	mux.Handle("GET /api/v1/headers/{name}", handleHeader(site, "/api/v1/headers/"))
	mux.Handle("GET /api/v1/choose", handleAPIChoose(site))
	mux.Handle("GET /api/v1/compare", handleAPICompare(site))
	mux.Handle("GET /api/v1/retry", handleCached(site))
	mux.Handle("GET /api/v1/retry/{code}", handleAPIByCode(site, "/api/v1/retry/"))
	mux.Handle("GET /api/v1/openapi.json", handleCached(site))
	mux.Handle("POST /api/v1/check", handleAPICheck(site)) // checks the text it is sent; never fetches a URL
	mux.Handle("OPTIONS /api/", handlePreflight())

	// The test endpoint answers every method itself. Nothing else may be
	// registered under it: withErrors hands it clean paths without asking
	// the mux.
	mux.Handle(statusPrefix, status)
	// Redirect chains (package endpoint) answer every method too.
	mux.Handle(redirectPrefix, endpoint.Redirects(endpoint.RedirectConfig{Prefix: redirectPrefix}))
}
