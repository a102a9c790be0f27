package problem

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// A Problem is an RFC 9457 problem details object.
//
// The standard members (RFC 9457, Section 3.1) are fields; an empty field
// is left out of the JSON. Extensions holds every other member, and is
// written at the top level of the object, sorted by name. A key
// of Extensions that names a standard member ("type", "title", "status",
// "detail", "instance") is not written: the field of that name decides.
//
// Decoding follows Section 3.1: a standard member of the wrong JSON type is
// ignored, as if it were absent (so is a status that is not a whole number
// from 100 to 999). Every other member goes into Extensions, its numbers as
// json.Number so that they keep their exact text; Extensions is nil when
// there are none.
type Problem struct {
	// Type is a URI reference that names the kind of problem. Empty means
	// about:blank: the problem is what the status code says, no more.
	Type string
	// Title is a short summary of the problem type, the same for every
	// occurrence. With about:blank it is the status code's name.
	Title string
	// Status is the HTTP status code of the response, repeated in the body.
	Status int
	// Detail explains this occurrence, for the person who has to fix it.
	Detail string
	// Instance is a URI reference that identifies this occurrence.
	Instance string
	// Extensions are the members beyond the five above, such as
	// "balance" or "errors".
	Extensions map[string]any
}

// Standard member names, in the order they are written.
var standard = []string{"type", "title", "status", "detail", "instance"}

func isStandard(name string) bool { return slices.Contains(standard, name) }

// standardMembers are the standard members, in the order they are written.
type standardMembers struct {
	Type     string `json:"type,omitempty"`
	Title    string `json:"title,omitempty"`
	Status   int    `json:"status,omitempty"`
	Detail   string `json:"detail,omitempty"`
	Instance string `json:"instance,omitempty"`
}

// MarshalJSON writes p as one JSON object: the standard members that are
// set, then the extension members sorted by name.
func (p Problem) MarshalJSON() ([]byte, error) {
	b, err := json.Marshal(standardMembers{p.Type, p.Title, p.Status, p.Detail, p.Instance})
	if err != nil || len(p.Extensions) == 0 {
		return b, err
	}
	keys := make([]string, 0, len(p.Extensions))
	for k := range p.Extensions {
		if !isStandard(k) {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	b = b[:len(b)-1] // reopen the object
	for _, k := range keys {
		v, err := json.Marshal(p.Extensions[k])
		if err != nil {
			return nil, fmt.Errorf("problem: extension member %q: %w", k, err)
		}
		if len(b) > 1 {
			b = append(b, ',')
		}
		key, _ := json.Marshal(k)
		b = append(append(append(b, key...), ':'), v...)
	}
	return append(b, '}'), nil
}

// ErrMalformed is returned (wrapped) for content that is not a JSON object.
var ErrMalformed = errors.New("problem: not a JSON object")

// UnmarshalJSON reads a problem details object into p, replacing what p
// held. Content that is not a JSON object is an error wrapping
// ErrMalformed.
func (p *Problem) UnmarshalJSON(data []byte) error {
	var members map[string]json.RawMessage
	if err := json.Unmarshal(data, &members); err != nil {
		return fmt.Errorf("%w: %v", ErrMalformed, err)
	}
	if members == nil { // the literal null
		return fmt.Errorf("%w: null", ErrMalformed)
	}
	*p = Problem{}
	str := func(name string) string {
		var s string
		if raw, ok := members[name]; ok && json.Unmarshal(raw, &s) != nil {
			return "" // of the wrong type: ignored (RFC 9457, Section 3.1)
		}
		return s
	}
	p.Type, p.Title, p.Detail, p.Instance = str("type"), str("title"), str("detail"), str("instance")
	if raw, ok := members["status"]; ok && len(raw) > 0 && raw[0] != '"' { // json.Number would take "404"
		var num json.Number
		if json.Unmarshal(raw, &num) == nil {
			if n, err := strconv.Atoi(num.String()); err == nil && n >= 100 && n <= 999 {
				p.Status = n
			}
		}
	}
	for name, raw := range members {
		if isStandard(name) {
			continue
		}
		d := json.NewDecoder(bytes.NewReader(raw))
		d.UseNumber()
		var v any
		if err := d.Decode(&v); err != nil {
			return fmt.Errorf("%w: member %q: %v", ErrMalformed, name, err)
		}
		if p.Extensions == nil {
			p.Extensions = map[string]any{}
		}
		p.Extensions[name] = v
	}
	return nil
}

// Error makes a Problem an error, so that a client can return the one Read
// gives it: "404 Not Found: no such user".
func (p Problem) Error() string {
	head := p.Title
	if p.Status != 0 {
		head = strings.TrimSpace(strconv.Itoa(p.Status) + " " + p.Title)
	}
	switch {
	case head == "" && p.Detail == "":
		return "problem: " + p.typeOrBlank()
	case head == "":
		return p.Detail
	case p.Detail == "":
		return head
	}
	return head + ": " + p.Detail
}

func (p Problem) typeOrBlank() string {
	if p.Type == "" {
		return "about:blank"
	}
	return p.Type
}
