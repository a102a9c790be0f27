package server

import (
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// schema is the subset of JSON Schema the OpenAPI document uses: $ref,
// allOf, type, properties, additionalProperties (false), required, items
// and enum.
type schema struct {
	Ref        string             `json:"$ref"`
	AllOf      []*schema          `json:"allOf"`
	Type       string             `json:"type"`
	Properties map[string]*schema `json:"properties"`
	Closed     *bool              `json:"additionalProperties"`
	Required   []string           `json:"required"`
	Items      *schema            `json:"items"`
	Enum       []any              `json:"enum"`
}

type openAPIDoc struct {
	OpenAPI string `json:"openapi"`
	Paths   map[string]map[string]struct {
		Responses map[string]struct {
			Ref     string `json:"$ref"`
			Content map[string]struct {
				Schema *schema `json:"schema"`
			} `json:"content"`
		} `json:"responses"`
	} `json:"paths"`
	Components struct {
		Schemas   map[string]*schema `json:"schemas"`
		Responses map[string]struct {
			Content map[string]struct {
				Schema *schema `json:"schema"`
			} `json:"content"`
		} `json:"responses"`
	} `json:"components"`
}

func loadOpenAPI(t *testing.T) *openAPIDoc {
	t.Helper()
	var doc openAPIDoc
	if err := json.Unmarshal(openAPI, &doc); err != nil {
		t.Fatalf("openapi.json: %v", err)
	}
	if doc.OpenAPI != "3.1.0" {
		t.Fatalf("openapi %q, want 3.1.0", doc.OpenAPI)
	}
	return &doc
}

// schemaFor finds the schema of a GET response: the path template, status
// and media type.
func (d *openAPIDoc) schemaFor(path string, status int, mediaType string) (*schema, error) {
	return d.schemaOf("get", path, status, mediaType)
}

// schemaOf finds the schema of a response to method (lower case).
func (d *openAPIDoc) schemaOf(method, path string, status int, mediaType string) (*schema, error) {
	op, ok := d.Paths[path][method]
	if !ok {
		return nil, fmt.Errorf("no %s %s", method, path)
	}
	resp, ok := op.Responses[fmt.Sprint(status)]
	if !ok {
		return nil, fmt.Errorf("GET %s: no %d response", path, status)
	}
	content := resp.Content
	if resp.Ref != "" {
		name := strings.TrimPrefix(resp.Ref, "#/components/responses/")
		content = d.Components.Responses[name].Content
	}
	c, ok := content[mediaType]
	if !ok || c.Schema == nil {
		return nil, fmt.Errorf("GET %s %d: no schema for %s", path, status, mediaType)
	}
	return c.Schema, nil
}

// validate checks v (decoded JSON) against s and returns the first few
// mismatches.
func (d *openAPIDoc) validate(s *schema, v any, at string) []string {
	if s.Ref != "" {
		name := strings.TrimPrefix(s.Ref, "#/components/schemas/")
		ref, ok := d.Components.Schemas[name]
		if !ok {
			return []string{at + ": unknown $ref " + s.Ref}
		}
		return d.validate(ref, v, at)
	}
	var errs []string
	for _, sub := range s.AllOf {
		errs = append(errs, d.validate(sub, v, at)...)
	}
	switch s.Type {
	case "object":
		m, ok := v.(map[string]any)
		if !ok {
			return []string{fmt.Sprintf("%s: %T, want object", at, v)}
		}
		for _, r := range s.Required {
			if _, ok := m[r]; !ok {
				errs = append(errs, at+": missing "+r)
			}
		}
		if s.Closed != nil && !*s.Closed {
			for k := range m {
				if _, ok := s.Properties[k]; !ok {
					errs = append(errs, at+": unknown member "+k)
				}
			}
		}
		for k, sub := range s.Properties {
			if x, ok := m[k]; ok {
				errs = append(errs, d.validate(sub, x, at+"."+k)...)
			}
		}
	case "array":
		a, ok := v.([]any)
		if !ok {
			return []string{fmt.Sprintf("%s: %T, want array", at, v)}
		}
		for i, x := range a {
			if s.Items != nil {
				errs = append(errs, d.validate(s.Items, x, fmt.Sprintf("%s[%d]", at, i))...)
			}
		}
	case "string":
		if _, ok := v.(string); !ok {
			errs = append(errs, fmt.Sprintf("%s: %T, want string", at, v))
		}
	case "integer":
		f, ok := v.(float64)
		if !ok || f != float64(int64(f)) {
			errs = append(errs, fmt.Sprintf("%s: %v, want integer", at, v))
		}
	case "boolean":
		if _, ok := v.(bool); !ok {
			errs = append(errs, fmt.Sprintf("%s: %T, want boolean", at, v))
		}
	case "":
	default:
		errs = append(errs, at+": the checker does not know type "+s.Type)
	}
	if len(s.Enum) > 0 && !slices.Contains(s.Enum, v) {
		errs = append(errs, fmt.Sprintf("%s: %v is not one of %v", at, v, s.Enum))
	}
	return errs
}

// TestOpenAPIResponses checks the API's answers against the document.
func TestOpenAPIResponses(t *testing.T) {
	t.Parallel()
	doc := loadOpenAPI(t)
	srv := newTestServer(t)
	for _, tc := range []struct {
		name, path, template string
		status               int
	}{
		{"ok/codes", "/api/v1/codes", "/api/v1/codes", 200},
		{"ok/code-404", "/api/v1/codes/404", "/api/v1/codes/{code}", 200},
		{"ok/code-429", "/api/v1/codes/429", "/api/v1/codes/{code}", 200},
		{"ok/code-413-versions", "/api/v1/codes/413", "/api/v1/codes/{code}", 200},
		{"ok/search-old-constant", "/api/v1/search?q=HttpStatus.PAYLOAD_TOO_LARGE", "/api/v1/search", 200},
		{"ok/classes", "/api/v1/classes", "/api/v1/classes", 200},
		{"ok/search", "/api/v1/search?q=rate+limit&limit=20", "/api/v1/search", 200},
		{"ok/search-empty", "/api/v1/search?q=zzzzqqqq", "/api/v1/search", 200},
		{"ok/search-signal", "/api/v1/search?q=" + url.QueryEscape("curl: (52) Empty reply from server"), "/api/v1/search", 200},
		{"ok/search-constant", "/api/v1/search?q=http.StatusTeapot", "/api/v1/search", 200},
		{"ok/search-situation", "/api/v1/search?q=" + url.QueryEscape("email already registered on sign up"), "/api/v1/search", 200},
		{"ok/signals", "/api/v1/signals", "/api/v1/signals", 200},
		{"ok/signals-504", "/api/v1/signals?code=504", "/api/v1/signals", 200},
		{"error/signals-abc", "/api/v1/signals?code=abc", "/api/v1/signals", 400},
		{"error/signals-299", "/api/v1/signals?code=299", "/api/v1/signals", 404},
		{"ok/openapi", "/api/v1/openapi.json", "/api/v1/openapi.json", 200},
		{"ok/retry", "/api/v1/retry", "/api/v1/retry", 200},
		{"ok/retry-503", "/api/v1/retry/503", "/api/v1/retry/{code}", 200},
		{"ok/retry-404", "/api/v1/retry/404", "/api/v1/retry/{code}", 200},
		{"error/retry-abc", "/api/v1/retry/abc", "/api/v1/retry/{code}", 400},
		{"error/retry-299", "/api/v1/retry/299", "/api/v1/retry/{code}", 404},
		{"ok/situations", "/api/v1/situations", "/api/v1/situations", 200},
		{"ok/situations-409", "/api/v1/situations?code=409", "/api/v1/situations", 200},
		{"ok/situations-418-none", "/api/v1/situations?code=418", "/api/v1/situations", 200},
		{"error/situations-abc", "/api/v1/situations?code=abc", "/api/v1/situations", 400},
		{"error/situations-299", "/api/v1/situations?code=299", "/api/v1/situations", 404},
		{"ok/questions", "/api/v1/questions", "/api/v1/questions", 200},
		{"ok/headers", "/api/v1/headers", "/api/v1/headers", 200},
		{"ok/header-retry-after", "/api/v1/headers/retry-after", "/api/v1/headers/{name}", 200},
		{"ok/header-date-upper", "/api/v1/headers/DATE", "/api/v1/headers/{name}", 200},
		{"ok/header-transfer-encoding", "/api/v1/headers/transfer-encoding", "/api/v1/headers/{name}", 200},
		{"error/header-unknown", "/api/v1/headers/x-nope", "/api/v1/headers/{name}", 404},
		{"ok/choose-start", "/api/v1/choose", "/api/v1/choose", 200},
		{"ok/choose-result", "/api/v1/choose?answer=client-problem&answer=2&answer=method", "/api/v1/choose", 200},
		{"error/choose-bad", "/api/v1/choose?answer=maybe", "/api/v1/choose", 400},
		{"error/choose-long", "/api/v1/choose?answer=" + strings.Repeat("x", 65), "/api/v1/choose", 400},
		{"ok/compare", "/api/v1/compare?codes=403,401", "/api/v1/compare", 200},
		{"ok/compare-three", "/api/v1/compare?codes=502,503,504", "/api/v1/compare", 200},
		{"error/compare-repeated", "/api/v1/compare?codes=401,401", "/api/v1/compare", 400},
		{"error/compare-none", "/api/v1/compare", "/api/v1/compare", 400},
		{"error/compare-abc", "/api/v1/compare?codes=401,abc", "/api/v1/compare", 400},
		{"error/api-abc", "/api/v1/codes/abc", "/api/v1/codes/{code}", 400},
		{"error/api-299", "/api/v1/codes/299", "/api/v1/codes/{code}", 404},
		{"error/search-no-q", "/api/v1/search", "/api/v1/search", 400},
		{"error/search-limit", "/api/v1/search?q=a&limit=0", "/api/v1/search", 400},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			resp, body := do(t, srv, "GET", tc.path, nil)
			if resp.StatusCode != tc.status {
				t.Fatalf("status %d, want %d", resp.StatusCode, tc.status)
			}
			mt := strings.TrimSpace(strings.Split(resp.Header.Get("Content-Type"), ";")[0])
			s, err := doc.schemaFor(tc.template, tc.status, mt)
			if err != nil {
				t.Fatal(err)
			}
			var v any
			if err := json.Unmarshal(body, &v); err != nil {
				t.Fatal(err)
			}
			if errs := doc.validate(s, v, "$"); len(errs) > 0 {
				if len(errs) > 10 {
					errs = errs[:10]
				}
				t.Errorf("the response does not match the document:\n%s", strings.Join(errs, "\n"))
			}
		})
	}
	// Every entry of the catalogue, through its own code's response.
	s, err := doc.schemaFor("/api/v1/codes/{code}", 200, "application/json")
	if err != nil {
		t.Fatal(err)
	}
	site, _ := build("")
	sigs, err := doc.schemaFor("/api/v1/signals", 200, "application/json")
	if err != nil {
		t.Fatal(err)
	}
	hdr, err := doc.schemaFor("/api/v1/headers/{name}", 200, "application/json")
	if err != nil {
		t.Fatal(err)
	}
	for p, res := range site.res {
		s := s
		switch {
		case strings.HasPrefix(p, "/api/v1/signals"):
			s = sigs
		case strings.HasPrefix(p, "/api/v1/headers/"):
			s = hdr
		case !strings.HasPrefix(p, "/api/v1/codes/"):
			continue
		}
		var v any
		if err := json.Unmarshal(res.body, &v); err != nil {
			t.Fatal(err)
		}
		if errs := doc.validate(s, v, p); len(errs) > 0 {
			t.Errorf("%s", strings.Join(errs, "\n"))
		}
	}
}

// TestOpenAPIDocumentsRoutes checks that every /api/v1 route in routes.go
// is in the document, and nothing else is.
func TestOpenAPIDocumentsRoutes(t *testing.T) {
	t.Parallel()
	doc := loadOpenAPI(t)
	src, err := os.ReadFile("routes.go")
	if err != nil {
		t.Fatal(err)
	}
	routes := map[string]bool{}
	for _, m := range regexp.MustCompile(`"(GET|POST) (/api/v1/[^"]*)"`).FindAllStringSubmatch(string(src), -1) {
		routes[m[2]] = true
		if _, ok := doc.Paths[m[2]][strings.ToLower(m[1])]; !ok {
			t.Errorf("%s %s is in routes.go but not in openapi.json", m[1], m[2])
		}
	}
	if len(routes) < 5 {
		t.Fatalf("found only %d API routes in routes.go", len(routes))
	}
	for p := range doc.Paths {
		if !routes[p] {
			t.Errorf("%s is in openapi.json but not in routes.go", p)
		}
	}
}

// TestValidateCatchesMismatches makes sure the checker is not a yes-man.
func TestValidateCatchesMismatches(t *testing.T) {
	t.Parallel()
	doc := loadOpenAPI(t)
	entry := &schema{Ref: "#/components/schemas/SearchHit"}
	for name, js := range map[string]string{
		"not-object":       `[]`,
		"missing-required": `{"code": 404}`,
		"wrong-type":       `{"code": "404"}`,
		"bad-enum":         `{"registration": "maybe"}`,
		"bad-header":       `{"headers": [{"name": "X", "requirement": "OUGHT", "note": ""}]}`,
		"bad-matched":      `{"matched": {"text": "x", "kind": "rumour"}}`,
	} {
		var v any
		if err := json.Unmarshal([]byte(js), &v); err != nil {
			t.Fatal(err)
		}
		if errs := doc.validate(entry, v, "$"); len(errs) == 0 {
			t.Errorf("%s: %s passed the Entry schema", name, js)
		}
	}
}
