package server

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

// post sends a POST with content of type ctype.
func post(t *testing.T, url, ctype, content string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequestWithContext(context.Background(), http.MethodPost, url, strings.NewReader(content))
	if err != nil {
		t.Fatal(err)
	}
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, body
}

const raw401 = "HTTP/1.1 401 Unauthorized\r\nDate: Mon, 23 Nov 2026 09:14:02 GMT\r\nContent-Length: 0\r\n\r\n"

// TestAPICheck checks POST /api/v1/check against the OpenAPI document.
func TestAPICheck(t *testing.T) {
	t.Parallel()
	srv := newTestServer(t)
	doc := loadOpenAPI(t)
	bigJSON, _ := json.Marshal(map[string]string{"response": "HTTP/1.1 200 OK\n\n" + strings.Repeat("x", maxCheckBody)})
	for _, tc := range []struct {
		name, query, ctype, content string
		status                      int
		rule                        string // the first finding's rule, for a 200
		detail                      string // in the problem, for an error
	}{
		{"ok/text", "", "text/plain; charset=utf-8", raw401, 200, "401-www-authenticate", ""},
		{"ok/no-type", "", "", raw401, 200, "401-www-authenticate", ""},
		{"ok/json", "", "application/json", `{"response": "HTTP/1.1 200 OK\nDate: Mon, 23 Nov 2026 09:14:02 GMT\nContent-Length: 2\n\n", "method": "HEAD"}`, 200, "", ""},
		{"ok/json-get", "", "application/json", `{"response": "HTTP/1.1 200 OK\nDate: Mon, 23 Nov 2026 09:14:02 GMT\nContent-Length: 2\n\n"}`, 200, "content-length-matches", ""},
		{"ok/method-query", "?method=HEAD", "text/plain", "HTTP/1.1 204 No Content\r\nDate: Mon, 23 Nov 2026 09:14:02 GMT\r\nCache-Control: no-store\r\n\r\n", 200, "", ""},
		{"error/not-response", "", "text/plain", "<h1>hello</h1>", 400, "", "line 1: not a status line"},
		{"error/where", "", "text/plain", "HTTP/1.1 200 OK\r\nX: 1\r\nno colon\r\n\r\n", 400, "", "line 3: header line without a colon"},
		{"error/empty", "", "text/plain", "", 400, "", "no status line"},
		{"error/json", "", "application/json", `{"response": 3}`, 400, "", "not a JSON object"},
		{"error/json-field", "", "application/json", `{"raw": "x"}`, 400, "", "not a JSON object"},
		{"error/method", "?method=G%20T", "text/plain", raw401, 400, "", "method"},
		{"error/too-large", "", "text/plain", "HTTP/1.1 200 OK\n\n" + strings.Repeat("x", maxCheckBody), 413, "", "larger than"},
		{"error/too-large-json", "", "application/json", string(bigJSON), 413, "", "larger than"},
		{"error/media-type", "", "application/xml", "<x/>", 415, "", "text/plain"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			resp, body := post(t, srv.URL+"/api/v1/check"+tc.query, tc.ctype, tc.content)
			if resp.StatusCode != tc.status {
				t.Fatalf("status %d, want %d: %s", resp.StatusCode, tc.status, body)
			}
			mt := strings.TrimSpace(strings.Split(resp.Header.Get("Content-Type"), ";")[0])
			s, err := doc.schemaOf("post", "/api/v1/check", tc.status, mt)
			if err != nil {
				t.Fatal(err)
			}
			var v any
			if err := json.Unmarshal(body, &v); err != nil {
				t.Fatal(err)
			}
			if errs := doc.validate(s, v, "$"); len(errs) > 0 {
				t.Errorf("the response does not match the document:\n%s", strings.Join(errs, "\n"))
			}
			m := v.(map[string]any)
			if tc.status == 200 {
				findings := m["findings"].([]any)
				var first string
				if len(findings) > 0 {
					first = findings[0].(map[string]any)["rule"].(string)
				}
				if tc.rule != "" && first != tc.rule || tc.rule == "" && len(findings) > 0 && findings[0].(map[string]any)["requirement"] == "MUST" {
					t.Errorf("findings %v, want %q first", findings, tc.rule)
				}
				if resp.Header.Get("Cache-Control") != "no-store" {
					t.Errorf("Cache-Control %q", resp.Header.Get("Cache-Control"))
				}
			} else if d, _ := m["detail"].(string); !strings.Contains(d, tc.detail) || mt != "application/problem+json" {
				t.Errorf("%s detail %q, want …%s…", mt, d, tc.detail)
			}
		})
	}
	// Other methods are refused with the route's Allow.
	resp, _ := do(t, srv, "GET", "/api/v1/check", nil)
	if resp.StatusCode != http.StatusMethodNotAllowed || !strings.Contains(resp.Header.Get("Allow"), "POST") {
		t.Errorf("GET /api/v1/check: %d, Allow %q", resp.StatusCode, resp.Header.Get("Allow"))
	}
}

// TestCheckPage checks the /check page: the form, and the report of a post
// (no JavaScript needed).
func TestCheckPage(t *testing.T) {
	t.Parallel()
	srv := newTestServer(t)
	resp, body := do(t, srv, "GET", "/check", nil)
	if resp.StatusCode != 200 || !strings.Contains(string(body), `<form class="check" action="/check" method="post">`) {
		t.Fatalf("GET /check: %d\n%s", resp.StatusCode, body)
	}
	checkPage(t, body)
	for _, tc := range []struct {
		name   string
		form   url.Values
		status int
		want   []string
	}{
		{"ok/401", url.Values{"response": {raw401}, "method": {"GET"}}, 200, []string{"401-www-authenticate", `<a href="/401">401 Unauthorized</a>`, `href="https://www.rfc-editor.org/rfc/rfc9110.html#section-15.5.2"`, "1 MUST or MUST NOT broken"}},
		{"ok/head", url.Values{"response": {"HTTP/1.1 200 OK\nDate: Mon, 23 Nov 2026 09:14:02 GMT\nContent-Length: 9\n\nnot empty"}, "method": {"HEAD"}}, 200, []string{"no-content-head", "<option selected>HEAD</option>"}},
		{"ok/escaped", url.Values{"response": {"HTTP/1.1 302 Found\nDate: Mon, 23 Nov 2026 09:14:02 GMT\nLocation: /<script>alert(1)</script>\n\n"}}, 200, []string{"location-syntax", "&lt;script&gt;"}},
		{"error/not-response", url.Values{"response": {"hello"}}, 400, []string{"Not checked", "line 1: not a status line"}},
		{"error/too-large", url.Values{"response": {strings.Repeat("x", maxCheckBody+1)}}, 413, []string{"larger than"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			resp, body := post(t, srv.URL+"/check", "application/x-www-form-urlencoded", tc.form.Encode())
			if resp.StatusCode != tc.status {
				t.Errorf("status %d, want %d", resp.StatusCode, tc.status)
			}
			for _, w := range tc.want {
				if !strings.Contains(string(body), w) {
					t.Errorf("page lacks %q", w)
				}
			}
			if strings.Contains(string(body), "<script>alert") {
				t.Error("the page reflects input unescaped")
			}
			checkPage(t, body)
		})
	}
}

// FuzzAPICheck posts any content to /api/v1/check and to /check: no panic,
// no 5xx, and a 200 only with a report.
func FuzzAPICheck(f *testing.F) {
	f.Add(raw401, "text/plain", "GET")
	f.Add(`{"response": "HTTP/1.1 204 No Content\n\n", "method": "HEAD"}`, "application/json", "")
	f.Add("HTTP/1.1 100 Continue\n\nHTTP/1.1 206 x\nContent-Range: bytes 0-1/2\n\nab", "text/plain", "CONNECT")
	h, err := New(Config{})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, content, ctype, method string) {
		for _, path := range []string{"/api/v1/check?method=" + url.QueryEscape(method), "/check"} {
			body := content
			if path == "/check" {
				body = url.Values{"response": {content}, "method": {method}}.Encode()
				ctype = "application/x-www-form-urlencoded"
			}
			r := httptest.NewRequest("POST", path, strings.NewReader(body))
			r.Header.Set("Content-Type", ctype)
			w := httptest.NewRecorder()
			h.ServeHTTP(w, r)
			if w.Code >= 500 || w.Code < 200 {
				t.Fatalf("POST %s: %d", path, w.Code)
			}
			if w.Code == 200 && path != "/check" {
				var rep struct {
					Status   int   `json:"status"`
					Findings []any `json:"findings"`
				}
				if err := json.Unmarshal(w.Body.Bytes(), &rep); err != nil || rep.Status < 100 || rep.Findings == nil {
					t.Fatalf("200 without a report: %s", w.Body.Bytes())
				}
			}
		}
	})
}
