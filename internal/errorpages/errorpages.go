// Package errorpages writes friendly error pages for web servers: for every
// 4xx and 5xx code of the catalogue an HTML page (the entry's message for
// end users, a short explanation, a link to the reference), a problem
// details document and a plain-text version, and prints the configuration
// that serves them with the error's own status.
package errorpages

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html/template"
	"os"
	"path/filepath"
	"strings"

	"github.com/httpstatus/httpstatus"
	"github.com/httpstatus/httpstatus/problem"
)

// Options sets up Write.
type Options struct {
	// ReferenceURL is the address of an httpstatus site (serve or export),
	// ending in "/": each page links to its page for the code, and the
	// problem details' type is that page. Empty links each page to the
	// section of the specification (or vendor documentation) instead.
	ReferenceURL string
}

// Page is one error page's facts.
type Page struct {
	Code      int
	Name      string
	Message   string // for the person who met the error
	Summary   string // what the code means, for the curious
	Reference string // the link to read more
	RefLabel  string
}

// Pages returns a page for every 4xx and 5xx code of the catalogue, in
// order; a number with several meanings takes its first (the registered
// one when there is one).
func Pages(opts Options) []Page {
	var out []Page
	seen := map[int]bool{}
	for _, e := range httpstatus.All() {
		if e.Code < 400 || e.Code > 599 || seen[e.Code] {
			continue
		}
		seen[e.Code] = true
		p := Page{Code: e.Code, Name: e.Name, Message: e.Message, Summary: strings.ReplaceAll(e.Summary, "`", "")}
		if opts.ReferenceURL != "" {
			p.Reference = fmt.Sprintf("%s%03d", opts.ReferenceURL, e.Code)
			p.RefLabel = fmt.Sprintf("What %03d %s means", e.Code, e.Name)
		} else {
			p.Reference = e.SpecURL
			p.RefLabel = fmt.Sprintf("What %03d %s means (%s)", e.Code, e.Name, e.Spec)
		}
		if p.Message == "" {
			p.Message = "Something went wrong with this request."
		}
		out = append(out, p)
	}
	return out
}

// Write writes NNN.html, NNN.json and NNN.txt for every page into dir,
// and haproxy/NNN.http, the whole response HAProxy's errorfile wants, for
// the codes HAProxy sends itself. It returns the pages.
func Write(dir string, opts Options) ([]Page, error) {
	pages := Pages(opts)
	if err := os.MkdirAll(filepath.Join(dir, "haproxy"), 0o755); err != nil {
		return nil, err
	}
	for _, p := range pages {
		page, err := HTML(p)
		if err != nil {
			return nil, err
		}
		doc, err := JSON(p, opts)
		if err != nil {
			return nil, err
		}
		files := map[string][]byte{
			fmt.Sprintf("%03d.html", p.Code): page,
			fmt.Sprintf("%03d.json", p.Code): doc,
			fmt.Sprintf("%03d.txt", p.Code):  Text(p),
		}
		if haproxyCodes[p.Code] {
			files[fmt.Sprintf("haproxy/%03d.http", p.Code)] = haproxyResponse(p, page)
		}
		for name, body := range files {
			if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(name)), body, 0o644); err != nil {
				return nil, err
			}
		}
	}
	return pages, nil
}

// HTML renders a page: self-contained (the style is inline, nothing is
// fetched), light or dark as the reader's system is.
func HTML(p Page) ([]byte, error) {
	var b bytes.Buffer
	if err := pageTemplate.Execute(&b, p); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// JSON is the page as RFC 9457 problem details.
func JSON(p Page, opts Options) ([]byte, error) {
	d := problem.Problem{Type: "about:blank", Title: p.Name, Status: p.Code, Detail: p.Message}
	if opts.ReferenceURL != "" {
		d.Type = p.Reference
	}
	b, err := json.MarshalIndent(d, "", "  ")
	return append(b, '\n'), err
}

// Text is the page as plain text.
func Text(p Page) []byte {
	return fmt.Appendf(nil, "%03d %s\n\n%s\n\n%s\nMore: %s\n", p.Code, p.Name, p.Message, p.Summary, p.Reference)
}

// haproxyCodes are the codes HAProxy's errorfile directive takes (HAProxy
// configuration manual, "errorfile"); 200 is left out, not being an error.
var haproxyCodes = map[int]bool{400: true, 401: true, 403: true, 404: true, 405: true, 407: true, 408: true,
	410: true, 413: true, 425: true, 429: true, 500: true, 501: true, 502: true, 503: true, 504: true}

// haproxyResponse is a whole HTTP response, as HAProxy's errorfile sends
// it byte for byte.
func haproxyResponse(p Page, body []byte) []byte {
	return append(fmt.Appendf(nil, "HTTP/1.1 %03d %s\r\nContent-Type: text/html; charset=utf-8\r\n"+
		"Content-Length: %d\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n", p.Code, p.Name, len(body)), body...)
}

var pageTemplate = template.Must(template.New("page").Parse(`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="robots" content="noindex">
<title>{{printf "%03d" .Code}} {{.Name}}</title>
<style>
:root { --bg: #fbfaf7; --fg: #1c1b19; --muted: #57534e; --accent: #9a3412; --line: #d6d3d1; }
@media (prefers-color-scheme: dark) {
  :root { --bg: #161514; --fg: #f2f0eb; --muted: #b8b2aa; --accent: #fdba74; --line: #3f3b37; }
}
* { box-sizing: border-box; }
html { background: var(--bg); color: var(--fg); font: 100%/1.6 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
body { margin: 0; min-height: 100vh; display: grid; place-items: center; padding: 1.5rem; }
main { max-width: 36rem; }
.code { display: block; font-size: clamp(3rem, 12vw, 5rem); font-weight: 700; line-height: 1; color: var(--accent); letter-spacing: -0.02em; }
h1 { font-size: 1.5rem; margin: 0.5rem 0 1rem; }
.message { font-size: 1.2rem; margin: 0 0 1rem; }
.about { color: var(--muted); border-top: 1px solid var(--line); padding-top: 1rem; margin-top: 1.5rem; font-size: 0.95rem; }
a { color: var(--accent); text-underline-offset: 0.15em; }
a:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
</style>
</head>
<body>
<main>
<h1><span class="code">{{printf "%03d" .Code}}</span> {{.Name}}</h1>
<p class="message">{{.Message}}</p>
<p><a href="/">Go to the home page</a></p>
<p class="about">{{.Summary}} <a href="{{.Reference}}">{{.RefLabel}}</a></p>
</main>
</body>
</html>
`))
