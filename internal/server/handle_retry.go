package server

import (
	"fmt"
	"html/template"
	"regexp"
	"strings"

	"github.com/httpstatus/httpstatus"
)

// retryTable is the body of /api/v1/retry.
type retryTable struct {
	Clients []httpstatus.RetryClient `json:"clients"`
	Codes   []httpstatus.CodeRetries `json:"codes"`
}

// retryPage is the data of /retry.
type retryPage struct {
	layout
	retryTable
	Names map[int]string
}

// addRetry renders /retry and /api/v1/retry, and /api/v1/retry/{code} for
// every code of the catalogue.
func (s *site) addRetry() error {
	t := retryTable{Clients: httpstatus.RetryClients(), Codes: httpstatus.RetryTable()}
	p := retryPage{
		layout:     s.layout("Retries", "Which status codes a retry can fix, and what go-retryablehttp, the AWS and Google SDKs, Envoy, urllib3, OkHttp, axios-retry, got and .NET retry by default.", "/retry"),
		retryTable: t,
		Names:      map[int]string{},
	}
	p.Crumbs = []crumb{{"Home", "/"}, {"Retries", ""}}
	for _, e := range httpstatus.All() {
		if _, ok := p.Names[e.Code]; !ok {
			p.Names[e.Code] = e.Name
		}
	}
	if err := s.addPage("/retry", "retry", p); err != nil {
		return err
	}
	body, err := encodeJSON(t)
	if err != nil {
		return err
	}
	s.res["/api/v1/retry"] = newResource(body, jsonType, cachePage)
	for code := range p.Names {
		r, _ := httpstatus.RetriesFor(code)
		body, err := encodeJSON(r)
		if err != nil {
			return err
		}
		s.res[fmt.Sprintf("/api/v1/retry/%03d", code)] = newResource(body, jsonType, cachePage)
	}
	return nil
}

// retryLine is the line a code's page shows for an entry's retry facts, linking
// to its row of /retry when clients retry it.
func retryLine(e httpstatus.Entry) template.HTML {
	f, code := e.RetryFacts, e.Code
	if f.When == "" {
		return ""
	}
	link := `<a href="/retry">What clients retry</a>`
	if r, _ := httpstatus.RetriesFor(code); clientsRetry(r) {
		link = fmt.Sprintf(`<a href="/retry#c%03d">What clients do with %03d</a>`, code, code)
	}
	return template.HTML(template.HTMLEscapeString(f.Summary()) + " " + link) //nolint:gosec // escaped text and a fixed link
}

func clientsRetry(r httpstatus.CodeRetries) bool {
	for _, c := range r.Clients {
		if c.Retries {
			return true
		}
	}
	return false
}

// urlPattern finds the links in a client's source.
var urlPattern = regexp.MustCompile(`https://[^\s]+`)

// urlLinks escapes text and makes each https:// URL in it a link.
func urlLinks(text string) template.HTML {
	var b strings.Builder
	last := 0
	for _, m := range urlPattern.FindAllStringIndex(text, -1) {
		u := text[m[0]:m[1]]
		b.WriteString(template.HTMLEscapeString(text[last:m[0]]))
		fmt.Fprintf(&b, `<a href="%s">%s</a>`, template.HTMLEscapeString(u), template.HTMLEscapeString(u))
		last = m[1]
	}
	b.WriteString(template.HTMLEscapeString(text[last:]))
	return template.HTML(b.String()) //nolint:gosec // built from escaped text
}
