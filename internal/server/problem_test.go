package server

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/httpstatus/httpstatus/check"
	"github.com/httpstatus/httpstatus/problem"
)

// TestProblemForms checks the site's errors in each form the problem writer
// negotiates: the form Accept asks for, as the OpenAPI document declares
// it, with Vary: Accept and no broken MUST.
func TestProblemForms(t *testing.T) {
	t.Parallel()
	doc := loadOpenAPI(t)
	srv := newTestServer(t)
	for _, tc := range []struct {
		name, accept, want string
	}{
		{"none", "", "application/problem+json"},
		{"browser", "text/html,application/xhtml+xml,*/*;q=0.8", "application/problem+json"},
		{"json", "application/json", "application/json"},
		{"text", "text/plain", "text/plain"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			h := http.Header{}
			if tc.accept != "" {
				h.Set("Accept", tc.accept)
			}
			resp, body := do(t, srv, "GET", "/api/v1/codes/abc", h)
			mt := strings.TrimSpace(strings.Split(resp.Header.Get("Content-Type"), ";")[0])
			if resp.StatusCode != 400 || mt != tc.want {
				t.Fatalf("%d %s, want 400 %s", resp.StatusCode, mt, tc.want)
			}
			if !strings.Contains(resp.Header.Get("Vary"), "Accept") {
				t.Errorf("Vary %q lacks Accept", resp.Header.Get("Vary"))
			}
			s, err := doc.schemaFor("/api/v1/codes/{code}", 400, mt)
			if err != nil {
				t.Fatal(err)
			}
			var v any = string(body)
			if mt != "text/plain" {
				if err := json.Unmarshal(body, &v); err != nil {
					t.Fatal(err)
				}
			} else if !strings.HasPrefix(string(body), "400 Bad Request\n") || !strings.Contains(string(body), "not a status code") {
				t.Errorf("text body %q", body)
			}
			if errs := doc.validate(s, v, "$"); len(errs) > 0 {
				t.Errorf("the response does not match the document:\n%s", strings.Join(errs, "\n"))
			}
			resp.Body = io.NopCloser(bytes.NewReader(body))
			rep, err := check.Response(resp, nil)
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range rep.Violations() {
				t.Error(f)
			}
			if mt != "text/plain" {
				p, err := problem.Read(resp)
				if err != nil || p.Status != 400 || p.Title != "Bad Request" {
					t.Errorf("read back %+v, %v", p, err)
				}
			}
		})
	}
}
