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
	"strconv"
	"strings"

	"github.com/httpstatus/httpstatus"
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
)

// A resource is a response body ready to send: its gzipped form (nil when
// gzip would not help) and the strong ETag of each.
type resource struct {
	body, gz     []byte
	etag, etagGz string
	contentType  string
	cacheControl string
}

func newResource(body []byte, contentType, cacheControl string) *resource {
	sum := sha256.Sum256(body)
	tag := base64.RawURLEncoding.EncodeToString(sum[:12])
	res := &resource{
		body:         body,
		etag:         `"` + tag + `"`,
		contentType:  contentType,
		cacheControl: cacheControl,
	}
	if len(body) >= 256 && compressible(contentType) {
		var buf bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
		zw.Write(body) //nolint:errcheck // writes to a bytes.Buffer do not fail
		zw.Close()     //nolint:errcheck // as above
		if buf.Len() < len(body) {
			res.gz = buf.Bytes()
			res.etagGz = `"` + tag + `-gz"`
		}
	}
	return res
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
	if res.gz != nil {
		h.Add("Vary", "Accept-Encoding")
		if acceptsGzip(r.Header.Values("Accept-Encoding")) {
			body, etag = res.gz, res.etagGz
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
	h.Set("Content-Type", res.contentType)
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(body) //nolint:errcheck // the client has gone; nothing to do
	}
}

// site is everything rendered at start-up, and the templates for what is
// rendered per request.
type site struct {
	res    map[string]*resource // by URL path
	pages  map[string]*template.Template
	assets map[string]string // "style.css" → "/static/style.0123abcd.css"
}

// The templates of the pages, each parsed with layout.html.
var pageNames = []string{"home", "code", "class", "guide", "search", "notfound"}

func build() (*site, error) {
	s := &site{
		res:    map[string]*resource{},
		pages:  map[string]*template.Template{},
		assets: map[string]string{},
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
	HomeSearch  bool // the home page has its own, larger search box
	Query       string
	Classes     []httpstatus.Class
	DataVersion string
	Crumbs      []crumb
}

type crumb struct{ Name, URL string }

func (s *site) layout(title, description, path string) layout {
	return layout{
		Title:       title,
		Description: description,
		Path:        path,
		Classes:     httpstatus.Classes(),
		DataVersion: httpstatus.DataVersion,
	}
}

// render executes a page template into a fresh buffer.
func (s *site) render(name string, data any) ([]byte, error) {
	var buf bytes.Buffer
	if err := s.pages[name].ExecuteTemplate(&buf, "layout", data); err != nil {
		return nil, fmt.Errorf("page %s: %w", name, err)
	}
	return buf.Bytes(), nil
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
	Names      map[int]string
}

type searchPage struct {
	layout
	Results []httpstatus.Entry
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
			if e.Class == c.Class {
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
		p := codePage{Code: code, Name: es[0].Name, Entries: es}
		title := fmt.Sprintf("%d %s", code, es[0].Name)
		p.layout = s.layout(title, es[0].Summary, fmt.Sprintf("/%03d", code))
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
	return s.addPage("/guide", "guide", g)
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
	s.res["/api/v1/openapi.json"] = newResource(openAPI, jsonType, cachePage)
	return nil
}

const jsonType = "application/json"

func encodeJSON(v any) ([]byte, error) {
	return json.MarshalIndent(v, "", "  ")
}

// prose renders text as HTML paragraphs (split at blank lines), with
// `backticked` spans as code. All text is escaped.
func prose(text string) template.HTML {
	var b strings.Builder
	for _, para := range strings.Split(strings.TrimSpace(text), "\n\n") {
		para = strings.TrimSpace(para)
		if para == "" {
			continue
		}
		b.WriteString("<p>")
		b.WriteString(string(inline(para)))
		b.WriteString("</p>\n")
	}
	return template.HTML(b.String()) //nolint:gosec // built from escaped text
}

// inline escapes text and renders `backticked` spans as code.
func inline(text string) template.HTML {
	var b strings.Builder
	parts := strings.Split(text, "`")
	if len(parts)%2 == 0 { // an unpaired backtick: show it as it is
		return template.HTML(template.HTMLEscapeString(text)) //nolint:gosec // escaped
	}
	for i, p := range parts {
		if i%2 == 1 {
			b.WriteString("<code>")
			b.WriteString(template.HTMLEscapeString(p))
			b.WriteString("</code>")
		} else {
			b.WriteString(template.HTMLEscapeString(p))
		}
	}
	return template.HTML(b.String()) //nolint:gosec // built from escaped text
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
