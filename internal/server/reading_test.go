package server

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"image/png"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"github.com/httpstatus/httpstatus"
)

var (
	idAttr   = regexp.MustCompile(` id="([^"]+)"`)
	tocBlock = regexp.MustCompile(`(?s)<nav class="toc".*?</nav>`)
	hrefHash = regexp.MustCompile(`href="#([^"]+)"`)
	// anchored is a heading with an id that does not link to itself.
	headingID = regexp.MustCompile(`<h([23]) id="([^"]+)"( class="[^"]*")?>(<a class="self" href="#([^"]+)">)?`)
)

// TestCodePageAnchors checks every code page: a table of contents whose
// links all land on an id of the page, and a permalink on every section
// heading.
func TestCodePageAnchors(t *testing.T) {
	t.Parallel()
	s, err := build("")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for p, res := range s.res {
		if !regexp.MustCompile(`^/[0-9]{3}$`).MatchString(p) {
			continue
		}
		n++
		page := string(res.body)
		ids := map[string]bool{}
		for _, m := range idAttr.FindAllStringSubmatch(page, -1) {
			ids[m[1]] = true
		}
		toc := tocBlock.FindString(page)
		if toc == "" {
			t.Errorf("%s: no table of contents", p)
			continue
		}
		links := hrefHash.FindAllStringSubmatch(toc, -1)
		if len(links) < 5 {
			t.Errorf("%s: only %d links in the table of contents", p, len(links))
		}
		for _, m := range links {
			if !ids[m[1]] {
				t.Errorf("%s: the table of contents links to #%s, which is not on the page", p, m[1])
			}
		}
		for _, m := range headingID.FindAllStringSubmatch(page, -1) {
			id, hidden, self := m[2], strings.Contains(m[3], "visually-hidden"), m[5]
			if hidden || id == "try" { // the one heading read only by screen readers; try-it is another helper's
				continue
			}
			if self != id {
				t.Errorf("%s: heading #%s has no permalink to itself", p, id)
			}
		}
		if strings.Contains(page, fmt.Sprintf(`<a href="%s">`, p)) {
			t.Errorf("%s: the page links to itself in its prose", p)
		}
	}
	if n < 50 {
		t.Errorf("only %d code pages", n)
	}
}

// TestCodePageReading checks the reading aids of particular pages.
func TestCodePageReading(t *testing.T) {
	t.Parallel()
	srv := newTestServer(t)
	for _, tc := range []struct {
		path      string
		want, not []string
	}{
		{"/404", []string{
			`<title>404 Not Found — HTTP status code</title>`,
			`<h3 id="meaning"><a class="self" href="#meaning">Meaning</a></h3>`,
			`<h3 id="headers">`, `<h3 id="specifications"><a class="self" href="#specifications">Specifications</a></h3>`,
			`<table class="specs stack">`, `<th scope="row">RFC 9110</th><td data-label="Section"><a href="https://www.rfc-editor.org/rfc/rfc9110.html#section-15.5.5" rel="external">Section 15.5.5</a>`,
			`<code>http.STATUS_CODES[404]</code>`, `data-copy="http.STATUS_CODES[404]"`,
			`<a href="/410">410</a>`, // prose links the codes it names
			`<h2 id="see-also">`, `href="/guide#404-vs-410"`, `href="/guide#m-GET"`,
			`<summary id="toc-title">On this page</summary>`,
		}, []string{`class="callout"`, `class="meanings"`, `Jump to one`}},
		{"/429", []string{
			`href="/headers/retry-after">Retry-After</a>`, // in the prose
			`<a href="/headers/retry-after"><code>Retry-After</code></a></th>`,
			`Section 10.2.3</a></td><td data-label="For">the Retry-After field</td>`,
		}, nil},
		{"/499", []string{
			`<nav class="meanings" aria-labelledby="meanings-title">`, `499 has 2 meanings.`,
			`<a href="#nginx">nginx: Client Closed Request</a>`, `<a href="#esri-arcgis">Esri ArcGIS: Token Required</a>`,
			`<h2 id="nginx"><a class="self" href="#nginx">`, `<h2 id="esri-arcgis">`,
			`id="nginx-headers"`, `id="esri-arcgis-headers"`,
			`class="callout" role="note"`, "Non-standard: do not send it from your own API.",
			`<h3 id="nginx-specifications"><a class="self" href="#nginx-specifications">Sources</a></h3>`,
		}, []string{`id="nginx-constants"`, `<h3>Constants</h3>`, `<dl class="constants">`}},
		{"/420", []string{"Non-standard: do not send it from your own API.", "a convention of Twitter"}, nil},
		{"/418", nil, []string{`class="callout"`}}, // registered as unused: not a vendor's
	} {
		t.Run("ok"+tc.path, func(t *testing.T) {
			t.Parallel()
			_, body := do(t, srv, "GET", tc.path, nil)
			for _, w := range tc.want {
				if !bytes.Contains(body, []byte(w)) {
					t.Errorf("lacks %s", w)
				}
			}
			for _, w := range tc.not {
				if bytes.Contains(body, []byte(w)) {
					t.Errorf("has %s", w)
				}
			}
		})
	}
}

// TestNoEmptyConstants: a Constants heading always has constants under it.
func TestNoEmptyConstants(t *testing.T) {
	t.Parallel()
	s, err := build("")
	if err != nil {
		t.Fatal(err)
	}
	empty := regexp.MustCompile(`<dl class="constants">\s*</dl>`)
	for p, res := range s.res {
		if m := empty.Find(res.body); m != nil {
			t.Errorf("%s: an empty constants list", p)
		}
	}
}

// TestGuideAnchors: every method, row and confusion of the guide has its
// id, derived from the data.
func TestGuideAnchors(t *testing.T) {
	t.Parallel()
	srv := newTestServer(t)
	_, body := do(t, srv, "GET", "/guide", nil)
	page := string(body)
	want := []string{`<h3 id="401-vs-403"><a class="self" href="#401-vs-403">`, `id="get-not-found"`, `href="#get-not-found"`,
		`<h2 id="m-GET"><a class="self" href="#m-GET">GET</a></h2>`, `<nav class="jump" aria-label="Guide sections">`, `href="#confusions"`}
	for _, cf := range httpstatus.Confusions() {
		want = append(want, fmt.Sprintf(`id="%s"`, confusionID(cf.Codes)))
	}
	for _, r := range httpstatus.Guide() {
		want = append(want, fmt.Sprintf(`<tr id="%s">`, guideRowID(r)), fmt.Sprintf(`id="%s"`, methodID(r.Method)))
	}
	for _, w := range want {
		if !strings.Contains(page, w) {
			t.Errorf("/guide lacks %s", w)
		}
	}
	checkPage(t, body) // which also finds duplicate ids
}

// TestHeadMetadata checks the head of the pages with and without a base
// URL: canonical link and og:url only with one, titles, descriptions, noindex.
func TestHeadMetadata(t *testing.T) {
	t.Parallel()
	withBase, err := build("https://example.org/http/")
	if err != nil {
		t.Fatal(err)
	}
	page := string(withBase.res["/404"].body)
	for _, w := range []string{
		`<link rel="canonical" href="https://example.org/http/404">`,
		`<meta property="og:url" content="https://example.org/http/404">`,
		`<meta property="og:title" content="404 Not Found — HTTP status code">`,
		`<meta property="og:type" content="article">`,
		`<meta property="og:description" content="`, `<meta name="twitter:card" content="summary">`,
		`<link rel="icon" href="/favicon.ico"`,
	} {
		if !strings.Contains(page, w) {
			t.Errorf("/404 with a base URL lacks %s", w)
		}
	}
	if !strings.Contains(string(withBase.res["/guide"].body), `<link rel="canonical" href="https://example.org/http/guide">`) {
		t.Error("/guide has no canonical link")
	}

	srv := newTestServer(t) // no base URL
	for _, tc := range []struct {
		path      string
		want, not []string
	}{
		{"/404", []string{`<meta property="og:title"`}, []string{`rel="canonical"`, `og:url`, `name="robots"`}},
		{"/search?q=teapot", []string{`<meta name="robots" content="noindex">`}, []string{`rel="canonical"`}},
		{"/search", nil, []string{`name="robots"`}},
		{"/nope", []string{`<meta name="description" content="There is no page at this address.`}, []string{`rel="canonical"`}},
		{"/299", []string{`<meta name="description" content="The catalogue knows no registered or vendor meaning of 299.">`}, nil},
		{"/headers/retry-after", []string{`<title>Retry-After — HTTP header field</title>`}, nil},
	} {
		_, body := do(t, srv, "GET", tc.path, nil)
		for _, w := range tc.want {
			if !bytes.Contains(body, []byte(w)) {
				t.Errorf("%s lacks %s", tc.path, w)
			}
		}
		for _, w := range tc.not {
			if bytes.Contains(body, []byte(w)) {
				t.Errorf("%s has %s", tc.path, w)
			}
		}
	}
	// On a site with a base URL, a result page has no canonical link and
	// the 404 page none either; the empty search page has one.
	h, err := New(Config{BaseURL: "https://example.org/"})
	if err != nil {
		t.Fatal(err)
	}
	based := httptest.NewServer(h)
	t.Cleanup(based.Close)
	for path, canonical := range map[string]bool{"/search?q=teapot": false, "/nope": false, "/search": true, "/headers": true} {
		_, body := do(t, based, "GET", path, nil)
		if got := bytes.Contains(body, []byte(`<link rel="canonical" href="https://example.org`)); got != canonical {
			t.Errorf("%s with a base URL: canonical link %v, want %v", path, got, canonical)
		}
	}
}

// TestFavicon checks /favicon.ico is a real icon (an ICO of PNG images,
// one of them 32×32) and that the SVG icon is not a status code.
func TestFavicon(t *testing.T) {
	t.Parallel()
	srv := newTestServer(t)
	resp, body := do(t, srv, "GET", "/favicon.ico", nil)
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "image/x-icon" {
		t.Fatalf("/favicon.ico: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	if len(body) < 6 || binary.LittleEndian.Uint16(body[0:]) != 0 || binary.LittleEndian.Uint16(body[2:]) != 1 {
		t.Fatalf("not an ICO header: % x", body[:min(6, len(body))])
	}
	count := int(binary.LittleEndian.Uint16(body[4:]))
	found32 := false
	for i := 0; i < count; i++ {
		e := body[6+16*i:]
		size := int(binary.LittleEndian.Uint32(e[8:]))
		off := int(binary.LittleEndian.Uint32(e[12:]))
		if off+size > len(body) {
			t.Fatalf("image %d runs past the end", i)
		}
		img, err := png.Decode(bytes.NewReader(body[off : off+size]))
		if err != nil {
			t.Fatalf("image %d: %v", i, err)
		}
		if b := img.Bounds(); b.Dx() != int(e[0]) || b.Dy() != int(e[1]) {
			t.Errorf("image %d is %v, the directory says %d×%d", i, b, e[0], e[1])
		}
		found32 = found32 || img.Bounds().Dx() == 32
	}
	if !found32 {
		t.Error("no 32×32 image")
	}
	_, svg := do(t, srv, "GET", "/static/favicon.svg", nil)
	if bytes.Contains(svg, []byte("404")) || !bytes.Contains(svg, []byte("§")) {
		t.Errorf("the SVG icon should show the § mark, not a code: %s", svg)
	}
}

// TestHeaderPages checks the header index against the library: every
// field has a page listing every code that calls for it.
func TestHeaderPages(t *testing.T) {
	t.Parallel()
	srv := newTestServer(t)
	_, index := do(t, srv, "GET", "/headers", nil)
	checkPage(t, index)
	for _, f := range httpstatus.HeaderFields() {
		path := "/headers/" + headerSlug(f.Name)
		if !bytes.Contains(index, []byte(`href="`+path+`"`)) {
			t.Errorf("/headers does not link to %s", path)
		}
		resp, body := do(t, srv, "GET", path, nil)
		if resp.StatusCode != 200 {
			t.Errorf("%s: %d", path, resp.StatusCode)
			continue
		}
		checkPage(t, body)
		for _, u := range f.Codes {
			if !bytes.Contains(body, []byte(fmt.Sprintf(`<a href="/%03d"><span class="code">%03d</span>`, u.Code, u.Code))) {
				t.Errorf("%s does not list %03d", path, u.Code)
			}
		}
		if f.SpecURL != "" && !bytes.Contains(body, []byte(f.SpecURL)) {
			t.Errorf("%s lacks its spec link %s", path, f.SpecURL)
		}
	}
}
