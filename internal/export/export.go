// Package export writes the httpstatus website as static files that any
// static host serves, from its root or from a sub-path.
//
// Nothing here lists the site's pages: Export builds the server's own
// http.Handler and crawls it in-process, from the home page, the sitemap,
// the text files and the GET documents of the OpenAPI description, following
// every same-origin link in the HTML. A page added to the server is
// exported without a change here.
//
// Each HTML page is written as PATH/index.html (the home page as
// index.html), which every static host serves for PATH/; each JSON
// document as PATH.json; assets under their own names. Root-relative links
// are rewritten to relative ones, so the copy works wherever it is put.
// The not-found page is 404.html, the name static hosts look for; its links
// are rooted at the base URL's path, as it is served at any depth.
package export

import (
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/httpstatus/httpstatus"
	"github.com/httpstatus/httpstatus/internal/server"
)

// Options sets up an export.
type Options struct {
	// Dir is where the files go. It must not exist or be empty.
	Dir string
	// BaseURL is the address the copy will be served at (checked by
	// server.ParseBaseURL). It gives the sitemap, robots.txt's Sitemap
	// line, the OpenSearch description and llms.txt their absolute URLs;
	// without it they are left out (the sitemap and OpenSearch) or
	// relative (llms.txt). Links between pages are relative either way.
	BaseURL string
	// Search, when set, builds the live search: the library compiled to
	// WebAssembly. Without it the export's search box is a plain form.
	Search *Search
	// MaxFiles bounds the crawl; default 10000.
	MaxFiles int
}

// Report says what an export wrote.
type Report struct {
	Files    int   // files written
	Bytes    int64 // their total size
	Pages    int   // HTML pages among them
	WASM     int64 // the size of search.wasm, 0 without search
	Unlinked []string
}

// needsServer is the page that links to what only the server does (the
// test endpoint, posting to the checker) lead to in the export.
const needsServer = "/needs-server"

// defaultMaxFiles bounds a crawl: today's site is about 1,000 files.
const defaultMaxFiles = 10000

// file is one crawled resource.
type file struct {
	path  string // the server's URL path
	ctype string // its Content-Type, parameters dropped
	body  []byte
}

// crawler fetches paths from the server's handler in-process.
type crawler struct {
	h      http.Handler
	host   string   // the Host of every request
	prefix []string // absolute URL prefixes that mean this site ("https://example.org/http")
	files  map[string]*file
	order  []string
	queue  []string
	seen   map[string]bool
	max    int
}

// Export writes the site into opts.Dir.
func Export(opts Options) (Report, error) {
	var rep Report
	base, err := server.ParseBaseURL(opts.BaseURL)
	if err != nil {
		return rep, err
	}
	if err := emptyDir(opts.Dir); err != nil {
		return rep, err
	}
	h, err := server.New(server.Config{BaseURL: base})
	if err != nil {
		return rep, err
	}
	c := &crawler{h: h, host: "export.invalid", files: map[string]*file{}, seen: map[string]bool{}, max: opts.MaxFiles}
	if c.max <= 0 {
		c.max = defaultMaxFiles
	}
	basePath := "/"
	if base != "" {
		u, _ := url.Parse(base) // checked by ParseBaseURL
		c.host = u.Host
		basePath = u.Path
		c.prefix = append(c.prefix, strings.TrimSuffix(base, "/"))
	}
	c.prefix = append(c.prefix, "http://"+c.host)

	c.add("/", "/sitemap.xml", "/robots.txt", "/llms.txt", "/index.txt", "/api/v1/openapi.json")
	if base != "" {
		c.add("/opensearch.xml") // its URLs must be absolute
	}
	if err := c.run(); err != nil {
		return rep, err
	}
	if base == "" {
		// A sitemap lists absolute URLs; without a base URL there are none
		// to give.
		delete(c.files, "/sitemap.xml")
	}
	notFound := c.fetchNotFound()

	w := &writer{dir: opts.Dir, files: c.files, prefix: c.prefix, base: base, basePath: basePath, search: opts.Search != nil}
	if err := w.addNeedsServer(); err != nil {
		return rep, err
	}
	if err := w.write(w.files[needsServer]); err != nil {
		return rep, err
	}
	for _, p := range c.order {
		f, ok := c.files[p]
		if !ok {
			continue
		}
		if err := w.write(f); err != nil {
			return rep, err
		}
	}
	if notFound != nil {
		if err := w.writeNotFound(notFound); err != nil {
			return rep, err
		}
	}
	if opts.Search != nil {
		n, err := opts.Search.build(filepath.Join(opts.Dir, "static"))
		if err != nil {
			return rep, err
		}
		rep.WASM = n
		if err := w.put("static/export.js", exportJS); err != nil {
			return rep, err
		}
		w.bytes += n
		w.count += 2 // search.wasm and wasm_exec.js
	}
	rep.Files, rep.Bytes, rep.Pages = w.count, w.bytes, w.pages
	rep.Unlinked = w.unlinked()
	return rep, nil
}

// ErrNotEmpty is returned (wrapped) by Export for a directory that already
// holds files.
var ErrNotEmpty = errors.New("directory is not empty; export into a new or empty directory")

// emptyDir makes dir, or checks that it is an empty directory: an export
// never overwrites or mixes with other files.
func emptyDir(dir string) error {
	if dir == "" {
		return errors.New("no directory given")
	}
	entries, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return os.MkdirAll(dir, 0o755)
	case err != nil:
		return err
	case len(entries) > 0:
		return fmt.Errorf("%s: %w", dir, ErrNotEmpty)
	}
	return nil
}

// dynamic reports whether a site path is the server's test endpoint or its
// redirect chains, which answer each request afresh and so cannot be files.
func dynamic(p string) bool {
	for _, prefix := range []string{"/status", "/redirect"} {
		if p == prefix || strings.HasPrefix(p, prefix+"/") {
			return true
		}
	}
	return false
}

// add queues site paths.
func (c *crawler) add(paths ...string) {
	for _, p := range paths {
		if p == "" || c.seen[p] || dynamic(p) {
			continue
		}
		c.seen[p] = true
		c.queue = append(c.queue, p)
	}
}

// sitePath returns the site path a link names, and whether it names one:
// root-relative ("/404", "/search?q=x") or absolute under the base URL.
// The query and fragment are dropped.
func (c *crawler) sitePath(ref string) (string, bool) {
	return sitePath(ref, c.prefix)
}

func sitePath(ref string, prefix []string) (string, bool) {
	for _, pre := range prefix {
		if rest, ok := strings.CutPrefix(ref, pre); ok && (rest == "" || rest[0] == '/' || rest[0] == '?' || rest[0] == '#') {
			ref = "/" + strings.TrimPrefix(rest, "/")
			break
		}
	}
	if !strings.HasPrefix(ref, "/") || strings.HasPrefix(ref, "//") {
		return "", false
	}
	u, err := url.Parse(ref)
	if err != nil || u.Path == "" {
		return "", false
	}
	return u.Path, true
}

func (c *crawler) get(p string) *httptest.ResponseRecorder {
	rec := httptest.NewRecorder()
	req := httptest.NewRequest(http.MethodGet, "http://"+c.host+p, nil)
	c.h.ServeHTTP(rec, req)
	return rec
}

func (c *crawler) run() error {
	for len(c.queue) > 0 {
		p := c.queue[0]
		c.queue = c.queue[1:]
		if len(c.files) >= c.max {
			return fmt.Errorf("the crawl reached %d files; the site is larger than expected", c.max)
		}
		rec := c.get(p)
		switch {
		case rec.Code >= 300 && rec.Code < 400:
			if to, ok := c.sitePath(rec.Header().Get("Location")); ok {
				c.add(to)
			}
			continue
		case rec.Code != http.StatusOK:
			continue // a link the server itself does not answer; the writer reports it
		}
		ctype, _, _ := strings.Cut(rec.Header().Get("Content-Type"), ";")
		f := &file{path: p, ctype: strings.TrimSpace(ctype), body: rec.Body.Bytes()}
		c.files[p] = f
		c.order = append(c.order, p)
		c.follow(f)
	}
	return nil
}

// follow queues what a file links to.
func (c *crawler) follow(f *file) {
	switch {
	case f.ctype == "text/html":
		for _, ref := range htmlLinks(f.body) {
			if p, ok := c.sitePath(ref); ok {
				c.add(p)
			}
		}
	case f.path == "/sitemap.xml":
		var set struct {
			Locs []string `xml:"url>loc"`
		}
		if xml.Unmarshal(f.body, &set) == nil {
			for _, loc := range set.Locs {
				if p, ok := c.sitePath(loc); ok {
					c.add(p)
				}
			}
		}
	case f.path == "/api/v1/openapi.json":
		c.add(apiDocuments(f.body)...)
	case f.ctype == "text/plain":
		for _, m := range mdLink.FindAllSubmatch(f.body, -1) {
			if p, ok := c.sitePath(string(m[1])); ok {
				c.add(p)
			}
		}
	}
}

// mdLink is a Markdown link's target, as llms.txt writes them.
var mdLink = regexp.MustCompile(`\]\(([^)\s]+)\)`)

// apiDocuments returns the GET documents an OpenAPI description names: each
// path whose GET takes no required query parameter, and each path with a
// {code} in it for every code of the catalogue. Paths with other
// parameters are left out: they have no finite list of values.
func apiDocuments(doc []byte) []string {
	var d struct {
		Paths map[string]map[string]json.RawMessage `json:"paths"`
	}
	if json.Unmarshal(doc, &d) != nil {
		return nil
	}
	type param struct {
		Name     string `json:"name"`
		In       string `json:"in"`
		Required bool   `json:"required"`
	}
	var codes []int
	seen := map[int]bool{}
	for _, e := range httpstatus.All() {
		if !seen[e.Code] {
			seen[e.Code] = true
			codes = append(codes, e.Code)
		}
	}
	var out []string
	for p, item := range d.Paths {
		get, ok := item["get"]
		if !ok {
			continue
		}
		var op struct {
			Parameters []param `json:"parameters"`
		}
		var shared []param
		json.Unmarshal(get, &op)                    //nolint:errcheck // a malformed operation has no parameters
		json.Unmarshal(item["parameters"], &shared) //nolint:errcheck // as above
		usable := true
		for _, prm := range append(op.Parameters, shared...) {
			if prm.Required && prm.In == "query" || prm.In == "path" && prm.Name != "code" {
				usable = false
			}
		}
		if !usable {
			continue
		}
		if strings.Contains(p, "{code}") {
			for _, code := range codes {
				out = append(out, strings.ReplaceAll(p, "{code}", fmt.Sprintf("%03d", code)))
			}
			continue
		}
		if !strings.Contains(p, "{") {
			out = append(out, p)
		}
	}
	sort.Strings(out)
	return out
}

// fetchNotFound returns the site's 404 page for a path that is not a code.
func (c *crawler) fetchNotFound() *file {
	rec := c.get("/no-such-page")
	if rec.Code != http.StatusNotFound || !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/html") {
		return nil
	}
	return &file{path: "/404.html", ctype: "text/html", body: rec.Body.Bytes()}
}

// exportURL is the URL path, under the export's root, at which a static
// host serves the file of site path p: "/404/" for the page /404,
// "/api/v1/codes.json" for the JSON document /api/v1/codes.
func exportURL(p, ctype string) string {
	switch {
	case ctype == "text/html":
		if p == "/" {
			return "/"
		}
		return strings.TrimSuffix(p, "/") + "/"
	case strings.HasSuffix(ctype, "json") && path.Ext(p) != ".json":
		return p + ".json"
	case ctype == "text/plain" && path.Ext(p) == "":
		return p + ".txt"
	}
	return p
}

// fileName is the file, relative to the export's root, that a static host
// serves at export URL u.
func fileName(u string) string {
	if strings.HasSuffix(u, "/") {
		return strings.TrimPrefix(u, "/") + "index.html"
	}
	return strings.TrimPrefix(u, "/")
}

// relative returns the link from the page at export URL from to export URL
// to: "../guide/" from "/404/".
func relative(from, to string) string {
	dir := strings.Split(from[:strings.LastIndex(from, "/")+1], "/")
	dir = dir[1 : len(dir)-1] // the directories from is in
	target := strings.Split(strings.TrimPrefix(to, "/"), "/")
	i := 0
	for i < len(dir) && i < len(target)-1 && dir[i] == target[i] {
		i++
	}
	rel := strings.Repeat("../", len(dir)-i) + strings.Join(target[i:], "/")
	if rel == "" {
		return "./"
	}
	return rel
}

// writer writes the crawled files, rewriting their links.
type writer struct {
	dir      string
	files    map[string]*file
	prefix   []string
	base     string // the base URL, or ""
	basePath string // its path, "/" without one
	search   bool
	count    int
	pages    int
	bytes    int64
	missing  map[string]bool // links to site paths that were not exported
}

func (w *writer) put(name string, body []byte) error {
	p := filepath.Join(w.dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(p, body, 0o644); err != nil {
		return err
	}
	w.count++
	w.bytes += int64(len(body))
	return nil
}

// target returns the export URL of a site path, and whether it was
// exported. The test endpoint and anything else left out lead to the page
// that says what needs the server.
func (w *writer) target(p string) (string, bool) {
	if f, ok := w.files[p]; ok {
		return exportURL(p, f.ctype), true
	}
	if dynamic(p) {
		return exportURL(needsServer, "text/html"), true
	}
	if w.missing == nil {
		w.missing = map[string]bool{}
	}
	w.missing[p] = true
	return exportURL(needsServer, "text/html"), false
}

func (w *writer) unlinked() []string {
	var out []string
	for p := range w.missing {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}

func (w *writer) write(f *file) error {
	u := exportURL(f.path, f.ctype)
	body := f.body
	switch {
	case f.ctype == "text/html":
		w.pages++
		var err error
		if body, err = w.rewriteHTML(f.body, func(to string) string { return relative(u, to) }); err != nil {
			return fmt.Errorf("%s: %w", f.path, err)
		}
	case f.path == "/sitemap.xml":
		body = w.rewriteSitemap(f.body)
	case f.ctype == "text/plain":
		body = w.rewriteText(f.body, u)
	case f.path == "/opensearch.xml":
		body = w.rewriteOpenSearch(f.body)
	}
	return w.put(fileName(u), body)
}

// writeNotFound writes 404.html, which a static host sends for any missing
// path at any depth: its links are rooted at the base URL's path.
func (w *writer) writeNotFound(f *file) error {
	body, err := w.rewriteHTML(f.body, func(to string) string { return w.basePath + strings.TrimPrefix(to, "/") })
	if err != nil {
		return err
	}
	return w.put("404.html", body)
}

// rewriteSitemap gives each <loc> the URL the static host serves the page
// at ("…/404/").
func (w *writer) rewriteSitemap(body []byte) []byte {
	loc := regexp.MustCompile(`<loc>([^<]*)</loc>`)
	return loc.ReplaceAllFunc(body, func(m []byte) []byte {
		ref := string(loc.FindSubmatch(m)[1])
		p, ok := sitePath(ref, w.prefix)
		if !ok {
			return m
		}
		to, _ := w.target(p)
		return []byte("<loc>" + strings.TrimSuffix(w.base, "/") + to + "</loc>")
	})
}

// rewriteOpenSearch points the description's search page at the export's
// (".../search/?q=") and drops the JSON search, which needs the server.
func (w *writer) rewriteOpenSearch(body []byte) []byte {
	var out []string
	for _, line := range strings.SplitAfter(string(body), "\n") {
		if strings.Contains(line, `type="application/json"`) {
			continue
		}
		out = append(out, strings.Replace(line, "/search?q=", "/search/?q=", 1))
	}
	return []byte(strings.Join(out, ""))
}

// rewriteText rewrites the Markdown links of a text file at export URL u
// (llms.txt): relative without a base URL, absolute export URLs with one.
func (w *writer) rewriteText(body []byte, u string) []byte {
	return mdLink.ReplaceAllFunc(body, func(m []byte) []byte {
		ref := string(mdLink.FindSubmatch(m)[1])
		p, ok := sitePath(ref, w.prefix)
		if !ok {
			return m
		}
		to, _ := w.target(p)
		if w.base != "" {
			return []byte("](" + strings.TrimSuffix(w.base, "/") + to + ")")
		}
		return []byte("](" + relative(u, to) + ")")
	})
}

// addNeedsServer makes the page the test endpoint's links lead to, in the
// frame of the site's home page.
func (w *writer) addNeedsServer() error {
	home, ok := w.files["/"]
	if !ok {
		return errors.New("the crawl found no home page")
	}
	body, err := replaceMain(home.body, needsServerHTML, "Needs the server")
	if err != nil {
		return err
	}
	w.files[needsServer] = &file{path: needsServer, ctype: "text/html", body: body}
	return nil
}

const needsServerHTML = `
<h1>This part needs the server</h1>
<p class="lede">This copy of the reference is static files. The test endpoint (<code>/status/{code}</code>) and checking a pasted response answer each request, so they need the httpstatus server.</p>
<ul>
  <li>Run the server: <code>httpstatus serve</code>, or the container image (see the README), then open <code>/status/418</code> or <code>/check</code> there.</li>
  <li>Check a response from the command line: <code>httpstatus check https://example.com/</code> or <code>curl -si https://example.com/ | httpstatus check -</code>.</li>
  <li>Install the command: <code>go install github.com/httpstatus/httpstatus/cmd/httpstatus@latest</code>.</li>
</ul>
`

// needsServerNote is put at the top of a page with a form that posts.
const needsServerNote = `<p class="notice" role="note">This page needs the httpstatus server to answer its form: this copy is static files. Run <code>httpstatus serve</code>, or use <code>httpstatus check</code> from the command line.</p>`

// mainOpen and mainClose delimit the content the layout template frames.
const (
	mainOpen  = `<main id="content" tabindex="-1">`
	mainClose = `</main>`
)

// replaceMain returns page with the content of its <main> element replaced
// by content, and its title by title.
func replaceMain(page []byte, content, title string) ([]byte, error) {
	s := string(page)
	i := strings.Index(s, mainOpen)
	j := strings.LastIndex(s, mainClose)
	if i < 0 || j < i {
		return nil, errors.New("the home page has no <main> element to frame a page with")
	}
	out := s[:i+len(mainOpen)] + content + s[j:]
	out = strings.ReplaceAll(out, ` aria-current="page"`, "") // the frame's page is not this one
	if a, b := strings.Index(out, "<title>"), strings.Index(out, "</title>"); a >= 0 && b > a {
		out = out[:a+len("<title>")] + title + " · httpstatus" + out[b:]
	}
	return []byte(out), nil
}

// copyFile copies src to dst and returns the bytes copied.
func copyFile(dst, src string) (int64, error) {
	in, err := os.Open(src)
	if err != nil {
		return 0, err
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		return 0, err
	}
	n, err := io.Copy(out, in)
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	return n, err
}

// sizeOf is the size of a file, 0 if it cannot be read.
func sizeOf(name string) int64 {
	fi, err := os.Stat(name)
	if err != nil {
		return 0
	}
	return fi.Size()
}
