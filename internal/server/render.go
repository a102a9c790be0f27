package server

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"embed"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"html/template"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/httpstatus/httpstatus"
	"github.com/httpstatus/httpstatus/problem"
)

//go:embed templates/*.html static/*
var assets embed.FS

// openAPI is the OpenAPI 3.1 description of /api/v1.
//
//go:embed openapi.json
var openAPI []byte

// Cache-Control values.
const (
	cachePage      = "public, max-age=300"
	cacheStatic    = "public, max-age=86400"
	cacheImmutable = "public, max-age=31536000, immutable"
	cacheNone      = "no-store"
	cachePrivate   = "private, max-age=300" // for the requesting browser only
)

// A resource is a response body ready to send: its gzipped form (nil when
// gzip would not help) and the strong ETag of each.
type resource struct {
	body, gz     []byte
	etag, etagGz string
	contentType  string
	cacheControl string
	// lazy marks a body built for one request: it is gzipped only when
	// the client accepts gzip, as it is sent (gz stays nil).
	lazy bool
}

// minGzip is the shortest body worth gzipping.
const minGzip = 256

// newResource makes a resource for the start-up cache, gzipped once at the
// best compression.
func newResource(body []byte, contentType, cacheControl string) *resource {
	// A body rendered into a buffer may hold up to twice its length: the
	// cache keeps its bytes and no more (4 of 11 MB at start-up).
	if cap(body) > len(body) {
		body = bytes.Clone(body)
	}
	tag := entityTag(body)
	res := &resource{
		body:         body,
		etag:         `"` + tag + `"`,
		contentType:  contentType,
		cacheControl: cacheControl,
	}
	if len(body) >= minGzip && compressible(contentType) {
		var buf bytes.Buffer
		zw := bestWriters.Get().(*gzip.Writer)
		zw.Reset(&buf)
		zw.Write(body) //nolint:errcheck // writes to a bytes.Buffer do not fail
		zw.Close()     //nolint:errcheck // as above
		bestWriters.Put(zw)
		if buf.Len() < len(body) {
			res.gz = bytes.Clone(buf.Bytes())
			res.etagGz = `"` + tag + `-gz"`
		}
	}
	return res
}

// bestWriters are the writers of newResource, reused while the cache is
// built rather than a new one (a megabyte of tables) for each resource.
var bestWriters = sync.Pool{New: func() any {
	zw, _ := gzip.NewWriterLevel(nil, gzip.BestCompression)
	return zw
}}

// newDynamic makes a resource of a body built for one request. Nothing is
// compressed here: serve gzips the body, at a fast level, only for a client
// that accepts gzip; a compressible body of minGzip bytes or more is taken
// to gain from it. The ETags are worked out only for a 200, the one status
// that sends them.
func newDynamic(body []byte, contentType, cacheControl string, status int) *resource {
	res := &resource{
		body:         body,
		contentType:  contentType,
		cacheControl: cacheControl,
		lazy:         len(body) >= minGzip && compressible(contentType),
	}
	if status == http.StatusOK {
		tag := entityTag(body)
		res.etag = `"` + tag + `"`
		if res.lazy {
			res.etagGz = `"` + tag + `-gz"`
		}
	}
	return res
}

// entityTag returns the opaque part of a body's strong ETag.
func entityTag(body []byte) string {
	sum := sha256.Sum256(body)
	return base64.RawURLEncoding.EncodeToString(sum[:12])
}

func compressible(contentType string) bool {
	return strings.HasPrefix(contentType, "text/") || strings.Contains(contentType, "json") ||
		strings.Contains(contentType, "xml") || strings.Contains(contentType, "javascript")
}

// serve sends res with status. A 200 is conditional (If-None-Match gives a
// 304) and carries the resource's Cache-Control; other statuses are not
// stored. HEAD gets the headers of GET and no body.
func serve(w http.ResponseWriter, r *http.Request, res *resource, status int) {
	h := w.Header()
	body, etag := res.body, res.etag
	zip := false
	if res.gz != nil || res.lazy {
		h.Add("Vary", "Accept-Encoding")
		if acceptsGzip(r.Header.Values("Accept-Encoding")) {
			body, etag, zip = res.gz, res.etagGz, true
			h.Set("Content-Encoding", "gzip")
		}
	}
	if status == http.StatusOK {
		h.Set("Cache-Control", res.cacheControl)
		h.Set("ETag", etag)
		if inm := r.Header.Values("If-None-Match"); len(inm) > 0 && noneMatch(inm, res.etag, res.etagGz) {
			h.Del("Content-Encoding")
			w.WriteHeader(http.StatusNotModified)
			return
		}
	} else {
		h.Set("Cache-Control", cacheNone)
	}
	if zip && body == nil { // a lazy resource: gzip it now
		buf := gzipFast(res.body)
		defer putBuffer(buf)
		body = buf.Bytes()
	}
	h.Set("Content-Type", res.contentType)
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(body) //nolint:errcheck // the client has gone; nothing to do
	}
}

// gzipWriters are the writers of gzipFast, reused: a flate writer holds
// hundreds of kilobytes of tables.
var gzipWriters = sync.Pool{New: func() any {
	zw, _ := gzip.NewWriterLevel(nil, gzip.BestSpeed)
	return zw
}}

// gzipFast gzips body at the fastest level into a buffer from getBuffer;
// give it back with putBuffer once sent.
func gzipFast(body []byte) *bytes.Buffer {
	buf := getBuffer()
	zw := gzipWriters.Get().(*gzip.Writer)
	zw.Reset(buf)
	zw.Write(body) //nolint:errcheck // writes to a bytes.Buffer do not fail
	zw.Close()     //nolint:errcheck // as above
	gzipWriters.Put(zw)
	return buf
}

// buffers hold the bodies built per request (search results, a 404 page,
// their gzipped forms) until they are sent.
var buffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// maxPooledBuffer is the largest buffer kept for reuse.
const maxPooledBuffer = 256 << 10

// getBuffer returns an empty buffer; give it back with putBuffer.
func getBuffer() *bytes.Buffer {
	buf := buffers.Get().(*bytes.Buffer)
	buf.Reset()
	return buf
}

// putBuffer takes back a buffer of getBuffer once its bytes are no longer
// used.
func putBuffer(buf *bytes.Buffer) {
	if buf.Cap() <= maxPooledBuffer {
		buffers.Put(buf)
	}
}

// site is everything rendered at start-up, and the templates for what is
// rendered per request.
type site struct {
	res    map[string]*resource // by URL path
	pages  map[string]*template.Template
	assets map[string]string // "style.css" → "/static/style.0123abcd.css"
	// notFoundPage is the 404 page of every path that is neither a code
	// nor in the navigation (see notFound).
	notFoundPage *resource
	// base is Config.BaseURL, checked and ending in "/", or "".
	base string
	// pageList is the path of every HTML page in res, sorted: the sitemap.
	pageList []string
	// problems writes the API's problems: with a base URL, a problem's
	// type is its code's page on the site (base + "404"), which explains
	// it; without, about:blank.
	problems problem.Writer
}

// problem answers r with a problem of status and detail.
func (s *site) problem(w http.ResponseWriter, r *http.Request, status int, detail string) {
	s.problems.Error(w, r, status, detail) //nolint:errcheck // a failed write reaches no one
}

// abs is the absolute URL of a site path ("/404"), or "" when the site has
// no base URL.
func (s *site) abs(path string) string {
	if s.base == "" {
		return ""
	}
	return strings.TrimSuffix(s.base, "/") + path
}

// The templates of the pages, each parsed with layout.html.
var pageNames = []string{"home", "code", "class", "guide", "search", "notfound", "check", "choose", "compare", "headers", "header", "retry"}

func build(base string) (*site, error) {
	s := &site{
		base:     base,
		problems: problem.Writer{BaseURL: base},
		res:      map[string]*resource{},
		pages:    map[string]*template.Template{},
		assets:   map[string]string{},
	}
	if err := s.addStatic(); err != nil {
		return nil, err
	}
	funcs := template.FuncMap{
		"prose":  prose,
		"inline": inline,
		"asset":  func(name string) string { return s.assets[name] },
		"lower":  func(v any) string { return strings.ToLower(strings.ReplaceAll(fmt.Sprint(v), " ", "-")) },
		"title":  registrationTitle,
		// Anchors of the reading aids (reading.go).
		"anchor":      anchor,
		"confusionID": confusionID,
		"methodID":    methodID,
		"guideRowID":  guideRowID,
		"headerSlug":  headerSlug,
		"retry":       retryLine,
		"links":       urlLinks,
		// site-ui: example messages (render_examples.go).
		"message":     splitMessage,
		"exampleHTML": exampleHTML,
	}
	for _, name := range pageNames {
		t, err := template.New(name).Funcs(funcs).ParseFS(assets, "templates/layout.html", "templates/"+name+".html")
		if err != nil {
			return nil, err
		}
		s.pages[name] = t
	}
	if err := s.addPages(); err != nil {
		return nil, err
	}
	if err := s.addAPI(); err != nil {
		return nil, err
	}
	if err := s.addRetry(); err != nil {
		return nil, err
	}
	s.addText()
	var page bytes.Buffer
	if err := s.renderNotFound(&page, "", ""); err != nil { // a path that the navigation does not mark
		return nil, err
	}
	s.notFoundPage = newResource(page.Bytes(), htmlType, cacheNone)
	return s, nil
}

// addStatic caches each file of static/ under its own name (a day's
// Cache-Control) and under a fingerprinted name (immutable), which is the
// one the pages link to.
func (s *site) addStatic() error {
	files, err := fs.ReadDir(assets, "static")
	if err != nil {
		return err
	}
	for _, f := range files {
		name := f.Name()
		body, err := assets.ReadFile("static/" + name)
		if err != nil {
			return err
		}
		ctype := mime.TypeByExtension(path.Ext(name))
		switch path.Ext(name) {
		case ".css":
			ctype = "text/css; charset=utf-8"
		case ".js":
			ctype = "text/javascript; charset=utf-8"
		case ".svg":
			ctype = "image/svg+xml"
		case ".ico":
			ctype = "image/x-icon"
		case ".xml":
			ctype = "application/xml; charset=utf-8"
		}
		if ctype == "" {
			ctype = "application/octet-stream"
		}
		sum := sha256.Sum256(body)
		ext := path.Ext(name)
		hashed := strings.TrimSuffix(name, ext) + "." + fmt.Sprintf("%x", sum[:4]) + ext
		s.res["/static/"+name] = newResource(body, ctype, cacheStatic)
		s.res["/static/"+hashed] = newResource(body, ctype, cacheImmutable)
		s.assets[name] = "/static/" + hashed
	}
	return nil
}

// layout is what every page's frame needs.
type layout struct {
	Title       string
	Description string
	Path        string
	HomeSearch  bool // the page has its own, larger search box (home, search, 404): no box in the header
	Query       string
	Classes     []httpstatus.Class
	DataVersion string
	Crumbs      []crumb
	// PageTitle, when set, is the whole <title> ("404 Not Found — HTTP
	// status code"); otherwise it is Title and the site's name.
	PageTitle string
	// Canonical is the page's absolute URL from the base URL, or "" when
	// the site has none (then no canonical link or og:url is sent).
	Canonical string
	NoIndex   bool   // search result pages: robots noindex
	OGType    string // Open Graph type: "website" unless set
}

type crumb struct{ Name, URL string }

func (s *site) layout(title, description, path string) layout {
	return layout{
		Title:       title,
		Description: description,
		Path:        path,
		Classes:     httpstatus.Classes(),
		DataVersion: httpstatus.DataVersion,
		Canonical:   s.abs(path),
	}
}

// render executes a page template into a fresh buffer.
func (s *site) render(name string, data any) ([]byte, error) {
	var buf bytes.Buffer
	if err := s.renderTo(&buf, name, data); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// renderTo executes a page template into buf.
func (s *site) renderTo(buf *bytes.Buffer, name string, data any) error {
	if err := s.pages[name].ExecuteTemplate(buf, "layout", data); err != nil {
		return fmt.Errorf("page %s: %w", name, err)
	}
	return nil
}

const htmlType = "text/html; charset=utf-8"

func (s *site) addPage(urlPath, name string, data any) error {
	body, err := s.render(name, data)
	if err != nil {
		return err
	}
	s.res[urlPath] = newResource(body, htmlType, cachePage)
	return nil
}

type classGroup struct {
	Class   httpstatus.Class
	Entries []httpstatus.Entry
}

type homePage struct {
	layout
	Groups []classGroup
	Common []httpstatus.Entry
	Vendor []httpstatus.Entry
}

type codePage struct {
	layout
	Code    int
	Name    string
	Class   httpstatus.Class
	Entries []httpstatus.Entry
	Related []link
	Seen    []signalGroup // where the code is seen in the wild
	// Situations are the cases where this code is the answer; Compare links
	// the side-by-side pages with the codes it is confused with.
	Situations []httpstatus.Situation
	Compare    []compareLink
	// Meanings are the reading aids of each entry, in the order of Entries;
	// TOC is the page's table of contents and SeeAlso its further reading
	// (reading.go).
	Meanings []meaning
	TOC      []tocItem
	SeeAlso  []seeAlso
}

// A signalGroup is the signals of one product that stand for a code.
type signalGroup struct {
	Product string
	Signals []httpstatus.Signal
}

// groupSignals groups signals by product, in order of first appearance.
func groupSignals(sigs []httpstatus.Signal) []signalGroup {
	var out []signalGroup
	at := map[string]int{}
	for _, s := range sigs {
		i, ok := at[s.Product]
		if !ok {
			i = len(out)
			at[s.Product] = i
			out = append(out, signalGroup{Product: s.Product})
		}
		out[i].Signals = append(out[i].Signals, s)
	}
	return out
}

type link struct {
	Code  int
	Name  string
	Known bool
}

type classPage struct {
	layout
	Class   httpstatus.Class
	Entries []httpstatus.Entry
}

type guideSection struct {
	Method string
	Rows   []httpstatus.GuideRow
}

type guidePage struct {
	layout
	Sections   []guideSection
	Confusions []httpstatus.Confusion
	Compares   [][]compareLink // by confusion: its side-by-side pages
	Names      map[int]string
}

type searchPage struct {
	layout
	Results []httpstatus.Result
	Suggest string
	Limit   int
}

type notFoundPage struct {
	layout
	Code      string // the unknown code, when the path was one
	ClassURL  string // its class page, when there is one
	ClassName string
}

func (s *site) addPages() error {
	all := httpstatus.All()
	classes := httpstatus.Classes()
	names := map[int]string{}
	for _, e := range all {
		if _, ok := names[e.Code]; !ok {
			names[e.Code] = e.Name
		}
	}

	// Home.
	home := homePage{layout: s.layout("HTTP status codes", "Every HTTP status code: what it means, when to use it, and the headers it needs.", "/")}
	home.HomeSearch = true
	for _, c := range classes {
		g := classGroup{Class: c}
		for _, e := range all {
			if e.Class == c.Class && e.Registration != httpstatus.Unofficial { // vendors' codes have their own list
				g.Entries = append(g.Entries, e)
			}
		}
		home.Groups = append(home.Groups, g)
	}
	for _, code := range httpstatus.Common() {
		if es, ok := httpstatus.Lookup(code); ok {
			home.Common = append(home.Common, es[0])
		}
	}
	slices.SortStableFunc(home.Common, func(a, b httpstatus.Entry) int { return a.Code - b.Code })
	for _, e := range all {
		if e.Registration == httpstatus.Unofficial {
			home.Vendor = append(home.Vendor, e)
		}
	}
	if err := s.addPage("/", "home", home); err != nil {
		return err
	}

	// Codes.
	byCode := map[int][]httpstatus.Entry{}
	var codes []int
	for _, e := range all {
		if _, ok := byCode[e.Code]; !ok {
			codes = append(codes, e.Code)
		}
		byCode[e.Code] = append(byCode[e.Code], e)
	}
	for _, code := range codes {
		es := byCode[code]
		p := codePage{Code: code, Name: es[0].Name, Entries: es, Seen: groupSignals(httpstatus.SignalsFor(code)),
			Situations: httpstatus.SituationsFor(code), Compare: compareLinks(code)}
		title := fmt.Sprintf("%d %s", code, es[0].Name)
		p.layout = s.layout(title, es[0].Summary, fmt.Sprintf("/%03d", code))
		p.PageTitle = fmt.Sprintf("%03d %s — HTTP status code", code, es[0].Name)
		p.OGType = "article"
		cls := fmt.Sprintf("%dxx", code/100)
		if c, ok := httpstatus.LookupClass(code / 100); ok {
			p.Class = c
			p.Crumbs = []crumb{{"Home", "/"}, {c.Class, "/" + c.Class}, {fmt.Sprintf("%03d", code), ""}}
		} else {
			p.Class = httpstatus.Class{Class: cls}
			p.Crumbs = []crumb{{"Home", "/"}, {fmt.Sprintf("%03d", code), ""}}
		}
		seen := map[int]bool{}
		for _, e := range es {
			for _, r := range e.Related {
				if seen[r] || r == code {
					continue
				}
				seen[r] = true
				n, ok := names[r]
				if !ok {
					n = http.StatusText(r)
				}
				p.Related = append(p.Related, link{Code: r, Name: n, Known: ok})
			}
		}
		p.Meanings, p.TOC, p.SeeAlso = codeReading(code, es, p.Class, p)
		if err := s.addPage(p.Path, "code", p); err != nil {
			return err
		}
	}

	// Classes.
	for _, c := range classes {
		p := classPage{layout: s.layout(c.Class+" "+c.Name, c.Summary, "/"+c.Class), Class: c}
		p.Crumbs = []crumb{{"Home", "/"}, {c.Class, ""}}
		for _, e := range all {
			if e.Class == c.Class {
				p.Entries = append(p.Entries, e)
			}
		}
		if err := s.addPage(p.Path, "class", p); err != nil {
			return err
		}
	}

	// Guide.
	g := guidePage{layout: s.layout("REST/JSON API guide", "Which status code to return for each method and outcome, and how to choose between codes that are easily confused.", "/guide"), Names: names}
	g.Crumbs = []crumb{{"Home", "/"}, {"Guide", ""}}
	for _, row := range httpstatus.Guide() {
		i := len(g.Sections)
		for j, sec := range g.Sections {
			if sec.Method == row.Method {
				i = j
			}
		}
		if i == len(g.Sections) {
			g.Sections = append(g.Sections, guideSection{Method: row.Method})
		}
		g.Sections[i].Rows = append(g.Sections[i].Rows, row)
	}
	g.Confusions = httpstatus.Confusions()
	for _, cf := range g.Confusions {
		var links []compareLink
		if len(cf.Codes) <= 3 {
			links = append(links, compareLink{URL: compareURL(cf.Codes...), Label: "Compare side by side"})
		} else {
			for i := 1; i < len(cf.Codes); i++ {
				a, b := cf.Codes[i-1], cf.Codes[i]
				links = append(links, compareLink{URL: compareURL(a, b), Label: fmt.Sprintf("%03d vs %03d", a, b)})
			}
		}
		g.Compares = append(g.Compares, links)
	}
	if err := s.addPage("/guide", "guide", g); err != nil {
		return err
	}

	if err := s.addHeaders(); err != nil {
		return err
	}

	// The checker's empty form; POST /check renders its reports.
	if err := s.addChoose(); err != nil {
		return err
	}
	return s.addPage("/check", "check", s.checkView())
}

// addAPI renders the fixed API responses.
func (s *site) addAPI() error {
	add := func(p string, v any) error {
		body, err := encodeJSON(v)
		if err != nil {
			return err
		}
		s.res[p] = newResource(body, jsonType, cachePage)
		return nil
	}
	if err := add("/api/v1/codes", httpstatus.All()); err != nil {
		return err
	}
	if err := add("/api/v1/classes", httpstatus.Classes()); err != nil {
		return err
	}
	seen := map[int]bool{}
	for _, e := range httpstatus.All() {
		if seen[e.Code] {
			continue
		}
		seen[e.Code] = true
		es, _ := httpstatus.Lookup(e.Code)
		if err := add(fmt.Sprintf("/api/v1/codes/%03d", e.Code), es); err != nil {
			return err
		}
	}
	if err := add("/api/v1/signals", httpstatus.Signals()); err != nil {
		return err
	}
	if err := add("/api/v1/situations", httpstatus.Situations()); err != nil {
		return err
	}
	if err := add("/api/v1/questions", httpstatus.Questions()); err != nil {
		return err
	}
	s.res["/api/v1/openapi.json"] = newResource(openAPI, jsonType, cachePage)
	return nil
}

const jsonType = "application/json"

func encodeJSON(v any) ([]byte, error) {
	return json.MarshalIndent(v, "", "  ")
}

// encodeJSONTo writes to buf what encodeJSON returns (MarshalIndent is
// Marshal, then Indent), without a second buffer of its own.
func encodeJSONTo(buf *bytes.Buffer, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return json.Indent(buf, b, "", "  ")
}

// prose renders text as HTML paragraphs (split at blank lines), with
// `backticked` spans as code, and status codes and header names linked (see
// inline). All text is escaped.
func prose(text string, self ...any) template.HTML {
	var b strings.Builder
	for _, para := range strings.Split(strings.TrimSpace(text), "\n\n") {
		para = strings.TrimSpace(para)
		if para == "" {
			continue
		}
		b.WriteString("<p>")
		b.WriteString(string(inline(para, self...)))
		b.WriteString("</p>\n")
	}
	return template.HTML(b.String()) //nolint:gosec // built from escaped text
}

// inline escapes text and renders `backticked` spans as code. A status code
// the catalogue knows links to its page, and a header field of the header
// index to its page (see writeLinked); a code span links only when it is
// a header name and nothing else. self names the page the text is on,
// which is not linked to itself: its code (an int) or its header field (a
// string).
func inline(text string, self ...any) template.HTML {
	var b strings.Builder
	parts := strings.Split(text, "`")
	if len(parts)%2 == 0 { // an unpaired backtick: show it as it is
		return template.HTML(template.HTMLEscapeString(text)) //nolint:gosec // escaped
	}
	me, meHeader := -1, ""
	for _, v := range self {
		switch v := v.(type) {
		case int:
			me = v
		case string:
			meHeader = headerSlug(v)
		}
	}
	for i, p := range parts {
		if i%2 == 1 {
			if slug, ok := proseLinks().header[strings.ToLower(p)]; ok && slug != meHeader {
				b.WriteString(`<a href="/headers/` + slug + `"><code>`)
				b.WriteString(template.HTMLEscapeString(p))
				b.WriteString("</code></a>")
				continue
			}
			b.WriteString("<code>")
			b.WriteString(template.HTMLEscapeString(p))
			b.WriteString("</code>")
		} else {
			writeLinked(&b, p, me, meHeader)
		}
	}
	return template.HTML(b.String()) //nolint:gosec // built from escaped text
}

// links are what prose links: the codes of the catalogue and the header
// fields of the header index, by lower-case name.
type links struct {
	code   map[int]bool
	header map[string]string // lower-case name → URL slug
	// hyphenated holds the header names spelt as in the index that have a
	// hyphen ("Retry-After"): only those are linked in running text, where
	// "Date" or "Allow" are as often plain English words.
	hyphenated map[string]string
}

var proseLinks = sync.OnceValue(func() links {
	l := links{code: map[int]bool{}, header: map[string]string{}, hyphenated: map[string]string{}}
	for _, e := range httpstatus.All() {
		l.code[e.Code] = true
	}
	for _, f := range httpstatus.HeaderFields() {
		slug := headerSlug(f.Name)
		l.header[strings.ToLower(f.Name)] = slug
		if strings.Contains(f.Name, "-") {
			l.hyphenated[f.Name] = slug
		}
	}
	return l
})

// proseToken finds the candidates for a link in running text: numbers and
// hyphenated words.
var proseToken = regexp.MustCompile(`[0-9]+|[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)+`)

// notCodeBefore are the words after which a number is not a status code:
// "RFC 9110", "Section 15", "port 443".
var notCodeBefore = map[string]bool{"rfc": true, "rfcs": true, "section": true, "sections": true, "§": true,
	"port": true, "ports": true, "draft": true, "version": true, "appendix": true, "errata": true, "erratum": true}

// writeLinked writes text escaped, with each status code the catalogue
// knows (other than self) linked to its page and each hyphenated header
// name of the index (other than selfHeader) linked to its header page. A number is a status code
// only when it stands alone: three digits, not part of a URL or a path, a
// version or a section number ("§15.5", "1.404"), a range ("500-599"), a
// parameter ("max-age=300") or a word ("v404"), and not after a word such
// as RFC, Section or port.
func writeLinked(b *strings.Builder, text string, self int, selfHeader string) {
	l := proseLinks()
	last := 0
	for _, m := range proseToken.FindAllStringIndex(text, -1) {
		start, end := m[0], m[1]
		tok := text[start:end]
		href := ""
		if tok[0] >= '0' && tok[0] <= '9' {
			if n, err := strconv.Atoi(tok); err == nil && len(tok) == 3 && n != self && l.code[n] && standsAlone(text, start, end) {
				href = "/" + tok
			}
		} else if slug, ok := l.hyphenated[tok]; ok && slug != selfHeader && !inURL(text, start, end) {
			if !(start > 0 && strings.ContainsRune("-/.:=_", rune(text[start-1]))) && !(end < len(text) && strings.ContainsRune("-/_=", rune(text[end]))) {
				href = "/headers/" + slug
			}
		}
		if href == "" {
			continue
		}
		b.WriteString(template.HTMLEscapeString(text[last:start]))
		b.WriteString(`<a href="` + href + `">`)
		b.WriteString(template.HTMLEscapeString(tok))
		b.WriteString("</a>")
		last = end
	}
	b.WriteString(template.HTMLEscapeString(text[last:]))
}

// standsAlone reports whether the digits text[start:end] are a number of
// their own in running text (see writeLinked).
func standsAlone(text string, start, end int) bool {
	if inURL(text, start, end) {
		return false
	}
	if start > 0 {
		r, _ := utf8.DecodeLastRuneInString(text[:start])
		if unicode.IsLetter(r) || strings.ContainsRune("/.-=:§#$_%+*,~^&@\\", r) {
			return false
		}
	}
	if end < len(text) {
		r, _ := utf8.DecodeRuneInString(text[end:])
		if unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune("-/_%=+*^&@\\°", r) {
			return false
		}
		if (r == '.' || r == ',') && end+1 < len(text) && text[end+1] >= '0' && text[end+1] <= '9' {
			return false // 404.5, 404,000
		}
	}
	// The word before, if any: "RFC 9110", "Section 404" are not codes.
	before := strings.TrimRightFunc(text[:start], unicode.IsSpace)
	if len(before) == len(text[:start]) && start > 0 {
		return true // no space between: an opening bracket or quote
	}
	word := before[strings.LastIndexFunc(before, unicode.IsSpace)+1:]
	word = strings.ToLower(strings.TrimLeftFunc(word, func(r rune) bool { return !unicode.IsLetter(r) && r != '§' }))
	return !notCodeBefore[word]
}

// inURL reports whether text[start:end] is part of a word that is a URL, a
// path or a host name.
func inURL(text string, start, end int) bool {
	ws := strings.LastIndexFunc(text[:start], unicode.IsSpace) + 1
	we := strings.IndexFunc(text[end:], unicode.IsSpace)
	if we < 0 {
		we = len(text)
	} else {
		we += end
	}
	word := text[ws:we]
	return strings.Contains(word, "://") || strings.HasPrefix(word, "/") || strings.HasPrefix(word, "www.") ||
		strings.HasPrefix(word, "(/") || strings.HasPrefix(word, "\"/")
}

func registrationTitle(r httpstatus.Registration) string {
	switch r {
	case httpstatus.Permanent:
		return "Registered"
	case httpstatus.Temporary:
		return "Provisionally registered"
	case httpstatus.Unused:
		return "Reserved (unused)"
	case httpstatus.Obsoleted:
		return "Obsoleted"
	}
	return "Unofficial"
}
