package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/httpstatus/httpstatus"
)

// printer writes entries for a reader at a terminal or a pipe.
type printer struct {
	w        io.Writer
	color    bool
	width    int
	truncate bool // cut one-line summaries at the width (terminals only)
}

func (e *env) printer() *printer {
	return &printer{w: e.stdout, color: e.colorOn(e.stdout), width: min(e.width(), 100), truncate: e.terminal()}
}

const (
	bold  = "\x1b[1m"
	dim   = "\x1b[2m"
	reset = "\x1b[0m"
)

var classColor = map[int]string{
	1: "\x1b[34m", // blue
	2: "\x1b[32m", // green
	3: "\x1b[36m", // cyan
	4: "\x1b[33m", // yellow
	5: "\x1b[31m", // red
}

func (p *printer) paint(style, s string) string {
	if !p.color || style == "" {
		return s
	}
	return style + s + reset
}

func (p *printer) code(c int) string {
	return p.paint(bold+classColor[c/100], fmt.Sprintf("%03d", c))
}

// lines writes one line an entry: code, name, vendor, summary.
func (p *printer) lines(entries []httpstatus.Entry) {
	nameWidth := 0
	for _, en := range entries {
		nameWidth = max(nameWidth, utf8.RuneCountInString(title(en)))
	}
	p.linesWidth(entries, nameWidth)
}

// linesWidth writes the lines of entries with names padded to nameWidth.
func (p *printer) linesWidth(entries []httpstatus.Entry, nameWidth int) {
	for _, en := range entries {
		t := title(en)
		pad := strings.Repeat(" ", nameWidth-utf8.RuneCountInString(t))
		summary := en.Summary
		if p.truncate {
			room := p.width - 3 - 2 - nameWidth - 2
			if room < 10 {
				room = 10
			}
			if utf8.RuneCountInString(summary) > room {
				summary = string([]rune(summary)[:room-1]) + "…"
			}
		}
		fmt.Fprintf(p.w, "%s  %s%s  %s\n", p.code(en.Code), p.paint(bold, t), pad, p.paint(dim, summary))
	}
}

// results writes one line a search result, as lines does, with the signal
// that led to a result on a line above it.
func (p *printer) results(rs []httpstatus.Result) {
	nameWidth := 0
	for _, r := range rs {
		nameWidth = max(nameWidth, utf8.RuneCountInString(title(r.Entry)))
	}
	for _, r := range rs {
		if m := r.Matched; m != nil {
			line := "     ↳ " + signalLabel(*m) + ": " + m.Text
			if p.truncate && utf8.RuneCountInString(line) > p.width {
				line = string([]rune(line)[:p.width-1]) + "…"
			}
			fmt.Fprintln(p.w, p.paint(dim, line))
		}
		if s := r.Situation; s != nil {
			line := "     ↳ situation: " + s.Title
			if p.truncate && utf8.RuneCountInString(line) > p.width {
				line = string([]rune(line)[:p.width-1]) + "…"
			}
			fmt.Fprintln(p.w, p.paint(dim, line))
		}
		p.linesWidth([]httpstatus.Entry{r.Entry}, nameWidth)
	}
}

// signalLabel names where a signal comes from: "nginx log", "Spring
// Framework exception".
func signalLabel(s httpstatus.Signal) string {
	kind := map[httpstatus.SignalKind]string{
		httpstatus.Exception: "exception", httpstatus.Constant: "constant", httpstatus.LogLine: "log",
		httpstatus.Platform: "error", httpstatus.Client: "message",
	}[s.Kind]
	return s.Product + " " + kind
}

// signal writes what a matched signal means, why it happens and what to do.
func (p *printer) signal(s httpstatus.Signal) {
	p.heading("What you saw")
	p.hanging("  ", signalLabel(s)+": "+s.Text)
	if s.Component != "" {
		p.hanging("  In:       ", s.Component)
	}
	if s.Versions != "" {
		p.hanging("  Versions: ", s.Versions)
	}
	if s.Meaning != "" {
		p.hanging("  Means:    ", s.Meaning)
	}
	for i, c := range s.Causes {
		lead := "            "
		if i == 0 {
			lead = "  Causes:   "
		}
		p.hanging(lead+"• ", c)
	}
	if s.Fix != "" {
		p.hanging("  Fix:      ", s.Fix)
	}
	if s.Note != "" {
		p.hanging("  Note:     ", s.Note)
	}
	p.hanging("  Source:   ", s.Source)
}

// situation writes the situation that led to a result: the code, why, the
// alternatives and the usual wrong answer.
func (p *printer) situation(s httpstatus.Situation) {
	p.heading("Your situation")
	p.hanging("  ", s.Title+" → "+fmt.Sprintf("%03d", s.Code))
	p.hanging("  Why:      ", s.Why+" ("+s.Spec+")")
	for i, a := range s.Alternatives {
		lead := "            "
		if i == 0 {
			lead = "  Or:       "
		}
		p.hanging(lead+fmt.Sprintf("%03d ", a.Code), a.When)
	}
	for i, h := range s.Headers {
		lead := "            "
		if i == 0 {
			lead = "  Headers:  "
		}
		p.hanging(lead+fmt.Sprintf("%s %s: ", h.Requirement, h.Name), h.Note)
	}
	p.hanging("  Not:      ", s.Wrong)
}

// sightings writes where a code is seen in the wild, grouped by product.
func (p *printer) sightings(code int) {
	var products []string
	by := map[string][]string{}
	for _, s := range httpstatus.SignalsFor(code) {
		if _, ok := by[s.Product]; !ok {
			products = append(products, s.Product)
		}
		t := s.Text
		if s.Kind != httpstatus.Constant && len(s.Codes) > 1 {
			t += fmt.Sprintf(" (also %s)", otherCodes(s.Codes, code))
		}
		by[s.Product] = append(by[s.Product], t)
	}
	if len(products) == 0 {
		return
	}
	p.heading("Where you will see it")
	nw := 0
	for _, pr := range products {
		nw = max(nw, utf8.RuneCountInString(pr))
	}
	nw = min(nw, 24)
	for _, pr := range products {
		lead := "  " + pr + strings.Repeat(" ", max(0, nw-utf8.RuneCountInString(pr))) + "  "
		if utf8.RuneCountInString(pr) > nw {
			fmt.Fprintf(p.w, "  %s\n", pr)
			lead = "  " + strings.Repeat(" ", nw) + "  "
		}
		p.hanging(lead, strings.Join(by[pr], " · "))
	}
}

// otherCodes lists the codes of cs other than c.
func otherCodes(cs []int, c int) string {
	var out []string
	for _, x := range cs {
		if x != c {
			out = append(out, fmt.Sprintf("%03d", x))
		}
	}
	return strings.Join(out, ", ")
}

// title is an entry's name with its vendor, if any.
func title(en httpstatus.Entry) string {
	if en.Vendor != "" {
		return en.Name + " (" + en.Vendor + ")"
	}
	return en.Name
}

// entry writes the whole of an entry; meanings is how many the number has.
func (p *printer) entry(en httpstatus.Entry, meanings int) {
	status := string(en.Registration)
	if en.Vendor != "" {
		status = "unofficial: " + en.Vendor
	}
	fmt.Fprintf(p.w, "%s %s  %s\n", p.code(en.Code), p.paint(bold, en.Name), p.paint(dim, "("+status+")"))
	if en.IANAName != "" && en.IANAName != en.Name {
		fmt.Fprintf(p.w, "%s\n", p.paint(dim, "Registry name: "+en.IANAName))
	}
	if meanings > 1 && en.Registration != httpstatus.Unofficial {
		fmt.Fprintf(p.w, "%s\n", p.paint(dim, fmt.Sprintf("This number has %d meanings; the others follow.", meanings)))
	}
	p.para(en.Summary, "")

	p.heading("Meaning")
	p.paras(en.Description)
	p.list("When to use it", en.UseCases)
	p.list("Common mistakes", en.Mistakes)
	if en.APIUsage != "" {
		p.heading("In a JSON API")
		p.paras(en.APIUsage)
	}
	if len(en.Headers) > 0 {
		p.heading("Header rules")
		nw := 0
		for _, h := range en.Headers {
			nw = max(nw, len(h.Name))
		}
		for _, h := range en.Headers {
			lead := fmt.Sprintf("  %-8s %-*s  ", h.Requirement, nw, h.Name)
			p.hanging(lead, h.Note)
		}
	}
	p.heading("Facts")
	p.hanging("  Body allowed:   ", yesNo(en.BodyAllowed))
	p.hanging("  Cacheable:      ", yesNo(en.Cacheable)+" (heuristically, without explicit freshness)")
	p.hanging("  Retry:          ", en.Retry)
	if en.Message != "" {
		p.hanging("  Tell the user:  ", en.Message)
	}
	if en.Example.Request != "" {
		p.heading("Example")
		p.message("> ", en.Example.Request)
		if en.Example.Response != "" {
			p.message("< ", en.Example.Response)
		} else {
			fmt.Fprintf(p.w, "  %s\n", p.paint(dim, "(no response is sent)"))
		}
	}
	if c := constantLines(en.Constants); len(c) > 0 || len(en.ConstantsHistory) > 0 {
		p.heading("Constants")
		// A current identifier says since when it holds; the older ones
		// follow, with what became of them.
		var older []httpstatus.ConstantVersions
		since := map[string]string{}
		for _, h := range en.ConstantsHistory {
			if slices.Contains(c, [2]string{ecosystemLabels[h.Ecosystem], h.Identifier}) {
				since[h.Identifier] = " (" + h.Summary() + ")"
			} else {
				older = append(older, h)
			}
		}
		for _, l := range c {
			fmt.Fprintf(p.w, "  %-8s %s%s\n", l[0], l[1], since[l[1]])
		}
		for _, h := range older {
			text := h.Identifier + " — " + h.Summary()
			if h.Note != "" {
				text += ". " + h.Note
			}
			p.hanging(fmt.Sprintf("  %-8s ", ecosystemLabels[h.Ecosystem]), text)
		}
	}
	if len(en.Related) > 0 {
		p.heading("Related")
		var rel []string
		for _, c := range en.Related {
			name := ""
			if es, ok := httpstatus.Lookup(c); ok {
				name = " " + es[0].Name
			}
			rel = append(rel, fmt.Sprintf("%03d%s", c, name))
		}
		p.para(strings.Join(rel, ", "), "  ")
	}
	if len(en.Aliases) > 0 {
		p.heading("Also known as")
		p.para(strings.Join(en.Aliases, ", "), "  ")
	}
	p.heading("Specification")
	p.para(en.Spec+" — "+en.SpecURL, "  ")
	p.sources(en)
}

// sources writes where an entry's facts come from, the product versions a
// vendor entry describes, and when the facts were last verified.
func (p *printer) sources(en httpstatus.Entry) {
	if len(en.Sources) == 0 && en.Versions == "" && en.Verified == "" {
		return
	}
	p.heading("Sources")
	for _, s := range en.Sources {
		p.hanging("  • ", s.Title)
		fmt.Fprintf(p.w, "    %s\n", s.URL) // unwrapped, so that it can be copied
	}
	if en.Versions != "" {
		p.hanging("  Versions:  ", en.Versions)
	}
	verified := en.Verified
	if verified == "" {
		verified = "not recorded"
	}
	p.hanging("  Verified:  ", verified)
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

// ecosystemLabels names the ecosystems of Constants by their keys in
// constants_history.
var ecosystemLabels = map[string]string{
	"go": "Go", "python": "Python", "node": "Node", "dotnet": ".NET",
	"rust": "Rust", "spring": "Spring", "rails": "Rails", "symfony": "Symfony",
}

func constantLines(c httpstatus.Constants) [][2]string {
	var out [][2]string
	for _, kv := range [][2]string{
		{ecosystemLabels["go"], c.Go}, {ecosystemLabels["python"], c.Python}, {ecosystemLabels["node"], c.Node}, {ecosystemLabels["dotnet"], c.DotNet},
		{ecosystemLabels["rust"], c.Rust}, {ecosystemLabels["spring"], c.Spring}, {ecosystemLabels["rails"], c.Rails}, {ecosystemLabels["symfony"], c.Symfony},
	} {
		if kv[1] != "" {
			out = append(out, kv)
		}
	}
	return out
}

func (p *printer) heading(s string) {
	fmt.Fprintf(p.w, "\n%s\n", p.paint(bold, strings.ToUpper(s)))
}

func (p *printer) list(heading string, items []string) {
	if len(items) == 0 {
		return
	}
	p.heading(heading)
	for _, it := range items {
		p.hanging("  • ", it)
	}
}

// message writes a raw HTTP message, each line behind a marker.
func (p *printer) message(marker, raw string) {
	raw = strings.ReplaceAll(raw, "\r\n", "\n")
	for _, l := range strings.Split(strings.TrimRight(raw, "\n"), "\n") {
		fmt.Fprintf(p.w, "  %s%s\n", p.paint(dim, marker), l)
	}
}

// paras writes paragraphs separated by blank lines, indented.
func (p *printer) paras(text string) {
	for i, para := range strings.Split(text, "\n\n") {
		if i > 0 {
			fmt.Fprintln(p.w)
		}
		p.para(para, "  ")
	}
}

// para writes a paragraph wrapped to the width behind indent.
func (p *printer) para(text, indent string) {
	for _, l := range wrap(text, p.width-len(indent)) {
		fmt.Fprintf(p.w, "%s%s\n", indent, l)
	}
}

// hanging writes lead, then text wrapped with its later lines indented
// under the text's start.
func (p *printer) hanging(lead, text string) {
	n := utf8.RuneCountInString(lead)
	for i, l := range wrap(text, p.width-n) {
		if i == 0 {
			fmt.Fprintf(p.w, "%s%s\n", lead, l)
		} else {
			fmt.Fprintf(p.w, "%s%s\n", strings.Repeat(" ", n), l)
		}
	}
}

// wrap breaks text into lines of at most width runes, at spaces.
func wrap(text string, width int) []string {
	width = max(width, 20)
	var lines []string
	var line strings.Builder
	n := 0
	var words []string
	for _, w := range strings.Fields(text) {
		// A word longer than a line (a qualified class name) is broken.
		for r := []rune(w); len(r) > width; r = r[width:] {
			words = append(words, string(r[:width]))
			w = string(r[width:])
		}
		words = append(words, w)
	}
	for _, w := range words {
		wl := utf8.RuneCountInString(w)
		if n > 0 && n+1+wl > width {
			lines = append(lines, line.String())
			line.Reset()
			n = 0
		}
		if n > 0 {
			line.WriteByte(' ')
			n++
		}
		line.WriteString(w)
		n += wl
	}
	if n > 0 {
		lines = append(lines, line.String())
	}
	return lines
}

// writeJSON writes v as indented JSON.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}
