package endpoint

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html/template"
	"mime"
	"net/http"
	"strconv"
	"strings"

	"github.com/httpstatus/httpstatus"
	"github.com/httpstatus/httpstatus/problem"
)

// Media types of the bodies.
const (
	typeText    = "text/plain; charset=utf-8"
	typeJSON    = "application/json"
	typeProblem = "application/problem+json"
	typeHTML    = "text/html; charset=utf-8"
)

// A meaning is what the endpoint says about a code.
type meaning struct {
	code        int
	name        string
	summary     string
	known       bool // the catalogue has the code
	bodyAllowed bool
}

// describe returns the meaning of code: its primary catalogue entry, else
// net/http's reason phrase.
func describe(code int) meaning {
	m := meaning{code: code, bodyAllowed: bodyAllowedForStatus(code)}
	if es, ok := httpstatus.Lookup(code); ok {
		e := es[0]
		m.name, m.summary, m.known = e.Name, e.Summary, true
		m.bodyAllowed = m.bodyAllowed && e.BodyAllowed
	}
	if m.name == "" {
		m.name = http.StatusText(code)
	}
	if m.name == "" {
		m.name = "Unassigned"
	}
	return m
}

// A jsonBody is the application/json body.
type jsonBody struct {
	Code    int    `json:"code"`
	Name    string `json:"name"`
	Summary string `json:"summary,omitempty"`
	Link    string `json:"link,omitempty"` // the reference page; empty for a code the catalogue lacks
}

var page = template.Must(template.New("page").Parse(`<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>{{.Code}} {{.Name}}</title></head>
<body>
<h1>{{.Code}} {{.Name}}</h1>
{{if .Summary}}<p>{{.Summary}}</p>
{{end}}{{if .Link}}<p><a href="{{.Link}}">More about {{.Code}}</a></p>
{{end}}</body>
</html>
`))

// render returns the body for m in a media type; the endpoint renders each
// code's bodies once, when it is created.
func (h *handler) render(m meaning, media int) []byte {
	d := jsonBody{Code: m.code, Name: m.name, Summary: m.summary}
	if m.known {
		d.Link = h.reference(m.code)
	}
	switch media {
	case mediaJSON:
		b, _ := json.Marshal(d)
		return append(b, '\n')
	case mediaProblem:
		b, _ := json.Marshal(problem.Problem{
			Type: "about:blank", Title: m.name, Status: m.code, Detail: m.summary,
		})
		return append(b, '\n')
	case mediaHTML:
		var buf bytes.Buffer
		page.Execute(&buf, d) //nolint:errcheck // the template and its data cannot fail
		return buf.Bytes()
	default:
		var buf bytes.Buffer
		fmt.Fprintf(&buf, "%d %s\n", d.Code, d.Name)
		if d.Summary != "" {
			fmt.Fprintf(&buf, "\n%s\n", d.Summary)
		}
		if d.Link != "" {
			fmt.Fprintf(&buf, "\nMore: %s\n", d.Link)
		}
		return buf.Bytes()
	}
}

// negotiate picks the media type of the body from Accept: the offer with the
// highest quality, text first on a tie; text when nothing matches.
func negotiate(accept []string, isError bool) string {
	offers := []string{typeText, typeJSON, typeProblem, typeHTML}
	if !isError {
		offers = []string{typeText, typeJSON, typeHTML}
	}
	if len(accept) == 0 {
		return typeText
	}
	type mediaRange struct {
		typ, sub string
		q        float64
	}
	var ranges []mediaRange
	for _, v := range accept {
		for _, item := range strings.Split(v, ",") {
			mt, params, err := mime.ParseMediaType(strings.TrimSpace(item))
			if err != nil {
				continue
			}
			typ, sub, ok := strings.Cut(mt, "/")
			if !ok {
				continue
			}
			q := 1.0
			if qs, ok := params["q"]; ok {
				if f, err := strconv.ParseFloat(qs, 64); err == nil && f >= 0 && f <= 1 {
					q = f
				} else {
					continue
				}
			}
			ranges = append(ranges, mediaRange{typ, sub, q})
		}
	}
	best, bestQ := typeText, 0.0
	for _, offer := range offers {
		mt, _, _ := strings.Cut(offer, ";")
		typ, sub, _ := strings.Cut(mt, "/")
		q, spec := 0.0, -1 // the quality of the most specific range that matches
		for _, mr := range ranges {
			s := -1
			switch {
			case mr.typ == typ && mr.sub == sub:
				s = 2
			case mr.typ == typ && mr.sub == "*":
				s = 1
			case mr.typ == "*" && mr.sub == "*":
				s = 0
			}
			if s > spec {
				q, spec = mr.q, s
			}
		}
		if q > bestQ {
			best, bestQ = offer, q
		}
	}
	return best
}
