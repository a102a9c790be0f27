package server

import (
	"fmt"
	"html/template"
	"regexp"
	"slices"
	"strings"

	"github.com/httpstatus/httpstatus"
)

// This file holds what helps a reader find their way in a page: the
// table of contents and the section anchors of a code page, its
// specifications table and "see also" links, the ids of the guide, and the
// header index. Every id is derived from the catalogue's data, so a link to
// a section stays good as long as the data does.

// A tocItem is one line of a table of contents.
type tocItem struct {
	ID, Label string
	Sub       []tocItem
}

// A meaning is what the code page shows of one entry beyond its fields:
// the anchors of its sections, its specifications table and how to name
// its Node.js constant.
type meaning struct {
	// prefix starts the id of each section of the entry: empty for the
	// registered entry (so /404#headers), the vendor's slug and a hyphen
	// for a vendor's (so /499#nginx-headers): adding a meaning to a number
	// never changes the ids of the others.
	prefix string
	// Heading is the id of the entry's own heading, the target of the
	// jump box of a number with several meanings.
	Heading string
	Label   string // "nginx: Client Closed Request"
	// NonStandard marks a meaning that no registry holds: a vendor's or a
	// convention's.
	NonStandard bool
	// CurrentConstants reports whether any ecosystem names the code today;
	// HasConstants, whether it does or once did (Entry.ConstantsHistory).
	CurrentConstants, HasConstants bool
	// Node is the expression that gives the code's text in Node.js, or "".
	Node string
	// SpecTitle heads Specs: "Specifications" for a registered code
	// ("Specifications and sources" when other documents are among them),
	// "Sources" for a vendor's, whose documents are not specifications.
	SpecTitle string
	Specs     []specRow
	TOC       []tocItem
}

// ID returns the id of one of the entry's sections, such as "headers".
func (m meaning) ID(section string) string { return m.prefix + section }

// A specRow is one line of a code page's specifications table. It is a
// plain slice of rows so that more sources of an entry can be added.
type specRow struct {
	Document string // "RFC 9110", "nginx documentation"
	Section  string // "Section 15.5.5", "Error 520", or ""
	URL      string // a link to the section, or ""
	About    string // what the row is the source of: "404 Not Found", "the Retry-After field"
}

// entrySections are the sections of an entry on its code page, in order:
// the id suffix and the heading. present says whether the entry has it.
var entrySections = []struct {
	id, label string
	present   func(e httpstatus.Entry, m meaning) bool
}{
	{"meaning", "Meaning", func(httpstatus.Entry, meaning) bool { return true }},
	{"when-to-use", "When to use it", func(e httpstatus.Entry, _ meaning) bool { return len(e.UseCases) > 0 }},
	{"mistakes", "Common mistakes", func(e httpstatus.Entry, _ meaning) bool { return len(e.Mistakes) > 0 }},
	{"in-an-api", "In an API", func(e httpstatus.Entry, _ meaning) bool { return e.APIUsage != "" }},
	{"headers", "Headers", func(httpstatus.Entry, meaning) bool { return true }},
	{"caching", "Caching, retries and body", func(httpstatus.Entry, meaning) bool { return true }},
	{"example", "Example", func(e httpstatus.Entry, _ meaning) bool { return e.Example.Request != "" || e.Example.Response != "" }},
	{"constants", "Constants", func(_ httpstatus.Entry, m meaning) bool { return m.HasConstants }},
	{"specifications", "", func(httpstatus.Entry, meaning) bool { return true }},
}

// newMeaning works out the anchors, the specifications and the constants
// of entry e on its code page.
func newMeaning(e httpstatus.Entry) meaning {
	m := meaning{NonStandard: e.Registration == httpstatus.Unofficial, SpecTitle: "Specifications"}
	m.Heading = "registered"
	if m.NonStandard {
		m.SpecTitle = "Sources"
		m.Heading = slug(e.Vendor)
		if m.Heading == "" {
			m.Heading = slug(e.Name)
		}
		m.prefix = m.Heading + "-"
	}
	m.Label = e.Name
	if e.Vendor != "" {
		m.Label = vendorName(e.Vendor) + ": " + e.Name
	}
	m.CurrentConstants = e.Constants != (httpstatus.Constants{})
	m.HasConstants = m.CurrentConstants || len(e.ConstantsHistory) > 0
	if e.Constants.Node != "" {
		m.Node = fmt.Sprintf("http.STATUS_CODES[%d]", e.Code)
	}
	m.Specs = specRows(e)
	if !m.NonStandard {
		for _, r := range m.Specs {
			if !strings.HasPrefix(r.Document, "RFC ") && !strings.HasPrefix(r.Document, "draft-") {
				m.SpecTitle = "Specifications and sources"
				break
			}
		}
	}
	for _, s := range entrySections {
		if !s.present(e, m) {
			continue
		}
		label := s.label
		if label == "" {
			label = m.SpecTitle
		}
		m.TOC = append(m.TOC, tocItem{ID: m.ID(s.id), Label: label})
	}
	return m
}

// vendorName is a vendor without its parenthesised note: "Apache HTTP
// Server (attributed, unconfirmed)" → "Apache HTTP Server".
func vendorName(v string) string {
	if i := strings.Index(v, " ("); i > 0 {
		return v[:i]
	}
	return v
}

var nonSlug = regexp.MustCompile(`[^a-z0-9]+`)

// slug makes an id of a vendor or a title: lower case, words joined by
// hyphens, without a parenthesised note.
func slug(s string) string {
	return strings.Trim(nonSlug.ReplaceAllString(strings.ToLower(vendorName(s)), "-"), "-")
}

// specSection splits "RFC 9110, Section 15.5.5" into the document and the
// section, with what follows a colon as the section's title ("RFC 9110,
// Section 15.5.5: 404 Not Found"); "Cloudflare documentation: Error 520"
// splits at its colon; anything else is a document without a section.
var specSection = regexp.MustCompile(`^(.+?), (Sections? [0-9][0-9A-Za-z.]*)(?:: (.+))?$`)

func splitSpec(spec string) (doc, section, title string) {
	if m := specSection.FindStringSubmatch(spec); m != nil {
		return m[1], m[2], m[3]
	}
	if d, s, ok := strings.Cut(spec, ": "); ok && !rfcOrDraft.MatchString(d) {
		return d, s, ""
	}
	return spec, "", "" // "RFC 9457: Problem Details for HTTP APIs" is a title, not a section
}

var rfcOrDraft = regexp.MustCompile(`^(RFC [0-9]+|draft-[a-z0-9-]+)$`)

// specRows are the sources of an entry: where the code is defined, then
// the sections behind its header rules and the definitions of those
// fields, then the rest of the entry's sources (Entry.Sources), each
// section once.
func specRows(e httpstatus.Entry) []specRow {
	var rows []specRow
	seen := map[string]bool{}
	add := func(spec, url, about string) {
		if spec == "" && url == "" {
			return
		}
		key := url
		if key == "" {
			key = spec
		}
		if seen[key] {
			return
		}
		seen[key] = true
		doc, sec, title := splitSpec(spec)
		if doc == "" {
			doc = url
		}
		if about == "" {
			about = title
		}
		rows = append(rows, specRow{Document: doc, Section: sec, URL: url, About: about})
	}
	add(e.Spec, e.SpecURL, fmt.Sprintf("%03d %s", e.Code, e.Name))
	for _, h := range e.Headers {
		add(h.Spec, h.SpecURL, fmt.Sprintf("%s %s be sent", h.Name, h.Requirement))
	}
	for _, h := range e.Headers {
		if f, ok := httpstatus.LookupHeader(h.Name); ok {
			add(f.Spec, f.SpecURL, "the "+f.Name+" field")
		}
	}
	for _, src := range e.Sources {
		add(src.Title, src.URL, "")
	}
	return rows
}

// A seeAlso is a link of a page's "See also" list.
type seeAlso struct{ URL, Label, Note string }

// seeAlsoFor lists what else to read about a code: the pages of the
// header fields its rules name, the guide's confusions and rows that
// involve it, and its class.
func seeAlsoFor(code int, es []httpstatus.Entry, class httpstatus.Class) []seeAlso {
	var out []seeAlso
	seen := map[string]bool{}
	for _, e := range es {
		for _, h := range e.Headers {
			if f, ok := httpstatus.LookupHeader(h.Name); ok && !seen[f.Name] {
				seen[f.Name] = true
				out = append(out, seeAlso{URL: "/headers/" + headerSlug(f.Name), Label: f.Name, Note: "header field: every code that calls for it"})
			}
		}
	}
	for _, cf := range httpstatus.Confusions() {
		if slices.Contains(cf.Codes, code) {
			out = append(out, seeAlso{URL: "/guide#" + confusionID(cf.Codes), Label: cf.Title, Note: "in the API guide"})
		}
	}
	var methods []string
	for _, r := range httpstatus.Guide() {
		if (r.Code == code || slices.Contains(r.Alternative, code)) && !slices.Contains(methods, r.Method) {
			methods = append(methods, r.Method)
		}
	}
	for _, m := range methods {
		out = append(out, seeAlso{URL: "/guide#" + methodID(m), Label: "What to return for " + m, Note: "in the API guide"})
	}
	if class.Name != "" {
		out = append(out, seeAlso{URL: "/" + class.Class, Label: class.Class + " " + class.Name, Note: "the class of " + fmt.Sprintf("%03d", code)})
	}
	return out
}

// confusionID is the id of a confusion in the guide: its codes joined by
// "-vs-", as in /guide#401-vs-403.
func confusionID(codes []int) string {
	parts := make([]string, len(codes))
	for i, c := range codes {
		parts[i] = fmt.Sprintf("%03d", c)
	}
	return strings.Join(parts, "-vs-")
}

// methodID is the id of a method's section of the guide (/guide#m-GET).
func methodID(method string) string { return "m-" + method }

// guideRowID is the id of one row of the guide: /guide#get-not-found.
func guideRowID(r httpstatus.GuideRow) string { return slug(r.Method + " " + r.Outcome) }

// anchor renders a heading that links to itself: the section permalink.
func anchor(level int, id, text string) template.HTML {
	if level < 2 || level > 6 {
		level = 2
	}
	id = template.HTMLEscapeString(id)
	return template.HTML(fmt.Sprintf(`<h%d id="%s"><a class="self" href="#%s">%s</a></h%d>`, //nolint:gosec // escaped
		level, id, id, template.HTMLEscapeString(text), level))
}

// The header index: /headers and /headers/{name}.

type headersPage struct {
	layout
	Fields []httpstatus.HeaderField
}

// A useGroup is the codes that carry a field with one strength.
type useGroup struct {
	Requirement httpstatus.Requirement
	Label       string // "MUST carry it"
	Uses        []httpstatus.HeaderUse
}

type headerPage struct {
	layout
	Field  httpstatus.HeaderField
	Groups []useGroup
}

// groupUses groups a field's uses by strength, MUST first.
func groupUses(uses []httpstatus.HeaderUse) []useGroup {
	var out []useGroup
	for _, r := range []httpstatus.Requirement{httpstatus.Must, httpstatus.Should, httpstatus.May, httpstatus.ShouldNot, httpstatus.MustNot} {
		g := useGroup{Requirement: r, Label: string(r) + " carry it"}
		for _, u := range uses {
			if u.Requirement == r {
				g.Uses = append(g.Uses, u)
			}
		}
		if len(g.Uses) > 0 {
			out = append(out, g)
		}
	}
	return out
}

// addHeaders renders the header index and a page for each field, and
// their API documents.
func (s *site) addHeaders() error {
	fields := httpstatus.HeaderFields()
	idx := headersPage{layout: s.layout("Header fields", "The response header fields the HTTP status codes call for, and which codes must, should or may carry each.", "/headers"), Fields: fields}
	idx.PageTitle = "Header fields and the status codes that need them — HTTP"
	idx.Crumbs = []crumb{{"Home", "/"}, {"Headers", ""}}
	if err := s.addPage("/headers", "headers", idx); err != nil {
		return err
	}
	body, err := encodeJSON(fields)
	if err != nil {
		return err
	}
	s.res["/api/v1/headers"] = newResource(body, jsonType, cachePage)
	for _, f := range fields {
		p := headerPage{Field: f, Groups: groupUses(f.Codes)}
		path := "/headers/" + headerSlug(f.Name)
		desc := fmt.Sprintf("Which HTTP status codes must, should or may carry the %s response header field.", f.Name)
		if f.Syntax != "" {
			desc = f.Syntax
		}
		p.layout = s.layout(f.Name+" header", desc, path)
		p.PageTitle = f.Name + " — HTTP header field"
		p.Crumbs = []crumb{{"Home", "/"}, {"Headers", "/headers"}, {f.Name, ""}}
		if err := s.addPage(path, "header", p); err != nil {
			return err
		}
		body, err := encodeJSON(f)
		if err != nil {
			return err
		}
		s.res["/api/v1/headers/"+headerSlug(f.Name)] = newResource(body, jsonType, cachePage)
	}
	return nil
}

// headerSlug is the last segment of a header field's page, /headers/{slug}.
func headerSlug(name string) string { return strings.ToLower(name) }

// codeReading returns the reading aids of a code page: each entry's, the
// table of contents and the "see also" links.
func codeReading(code int, es []httpstatus.Entry, class httpstatus.Class, p codePage) ([]meaning, []tocItem, []seeAlso) {
	ms := make([]meaning, len(es))
	var toc []tocItem
	for i, e := range es {
		ms[i] = newMeaning(e)
		if len(es) > 1 {
			toc = append(toc, tocItem{ID: ms[i].Heading, Label: ms[i].Label, Sub: ms[i].TOC})
		} else {
			toc = append(toc, ms[i].TOC...)
		}
	}
	see := seeAlsoFor(code, es, class)
	for _, s := range []struct {
		id, label string
		present   bool
	}{
		{"seen", "Where you will see it", len(p.Seen) > 0},
		{"situations", "Situations where it is the answer", len(p.Situations) > 0},
		{"compare", "Compare with", len(p.Compare) > 0},
		{"related", "Related codes", len(p.Related) > 0},
		{"see-also", "See also", len(see) > 0},
		{"try", "Try it", true},
	} {
		if s.present {
			toc = append(toc, tocItem{ID: s.id, Label: s.label})
		}
	}
	return ms, toc, see
}
