package problem

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"

	"github.com/httpstatus/httpstatus"
)

func TestMarshal(t *testing.T) {
	tests := []struct {
		name string
		p    Problem
		want string
	}{
		{"empty", Problem{}, `{}`},
		{"standard-order", Problem{Instance: "/i/1", Detail: "d", Status: 404, Title: "Not Found", Type: "about:blank"},
			`{"type":"about:blank","title":"Not Found","status":404,"detail":"d","instance":"/i/1"}`},
		{"extensions-top-level-sorted", Problem{Status: 400, Extensions: map[string]any{"zeta": 1, "alpha": []int{1, 2}, "mid": map[string]any{"k": "v"}}},
			`{"status":400,"alpha":[1,2],"mid":{"k":"v"},"zeta":1}`},
		{"collisions-lose", Problem{Title: "real", Extensions: map[string]any{"title": "fake", "status": 200, "type": "x", "detail": "y", "instance": "z", "other": true}},
			`{"title":"real","other":true}`},
		{"html-escaped", Problem{Detail: "<script>&"}, `{"detail":"\u003cscript\u003e\u0026"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := json.Marshal(tt.p)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
			if ptr, _ := json.Marshal(&tt.p); string(ptr) != string(got) {
				t.Errorf("through a pointer: %s", ptr)
			}
		})
	}
	if _, err := json.Marshal(Problem{Extensions: map[string]any{"ch": make(chan int)}}); err == nil || !strings.Contains(err.Error(), `"ch"`) {
		t.Errorf("a channel member: err %v, want one naming the member", err)
	}
}

func TestUnmarshal(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want Problem
		err  bool
	}{
		{"ok/full", `{"type":"https://e.x/t","title":"T","status":409,"detail":"D","instance":"/i"}`,
			Problem{Type: "https://e.x/t", Title: "T", Status: 409, Detail: "D", Instance: "/i"}, false},
		{"ok/extensions-kept", `{"title":"T","balance":30,"accounts":["/a"],"nested":{"x":1.5},"n":null}`,
			Problem{Title: "T", Extensions: map[string]any{"balance": json.Number("30"), "accounts": []any{"/a"},
				"nested": map[string]any{"x": json.Number("1.5")}, "n": nil}}, false},
		{"ok/big-number-exact", `{"id":12345678901234567890}`, Problem{Extensions: map[string]any{"id": json.Number("12345678901234567890")}}, false},
		{"ok/wrong-types-ignored", `{"type":5,"title":["x"],"status":"404","detail":{},"instance":false}`, Problem{}, false},
		{"ok/status-fraction-ignored", `{"status":404.5}`, Problem{}, false},
		{"ok/status-out-of-range-ignored", `{"status":1000}`, Problem{}, false},
		{"ok/status-negative-ignored", `{"status":-404}`, Problem{}, false},
		{"ok/duplicate-last-wins", `{"title":"a","title":"b"}`, Problem{Title: "b"}, false},
		{"ok/empty-object", `{}`, Problem{}, false},
		{"error/null", `null`, Problem{}, true},
		{"error/array", `[1]`, Problem{}, true},
		{"error/string", `"x"`, Problem{}, true},
		{"error/truncated", `{"title":`, Problem{}, true},
		{"error/trailing", `{} {}`, Problem{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := Problem{Title: "stale", Extensions: map[string]any{"stale": 1}}
			err := json.Unmarshal([]byte(tt.in), &p)
			if tt.err {
				if err == nil {
					t.Fatalf("no error; got %+v", p)
				}
				if err := p.UnmarshalJSON([]byte(tt.in)); !errors.Is(err, ErrMalformed) {
					t.Errorf("UnmarshalJSON: %v, want ErrMalformed", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(p, tt.want) {
				t.Errorf("got  %#v\nwant %#v", p, tt.want)
			}
		})
	}
}

func TestRoundTrip(t *testing.T) {
	in := `{"type":"https://e.x/t","title":"T","status":403,"detail":"D","instance":"/i","balance":30,"accounts":["/a","/b"]}`
	var p Problem
	if err := json.Unmarshal([]byte(in), &p); err != nil {
		t.Fatal(err)
	}
	out, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"type":"https://e.x/t","title":"T","status":403,"detail":"D","instance":"/i","accounts":["/a","/b"],"balance":30}`
	if string(out) != want {
		t.Errorf("got  %s\nwant %s", out, want)
	}
}

func TestError(t *testing.T) {
	for _, tt := range []struct {
		p    Problem
		want string
	}{
		{Problem{Status: 404, Title: "Not Found", Detail: "no user"}, "404 Not Found: no user"},
		{Problem{Status: 404}, "404"},
		{Problem{Title: "T"}, "T"},
		{Problem{Detail: "d"}, "d"},
		{Problem{}, "problem: about:blank"},
		{Problem{Type: "urn:x"}, "problem: urn:x"},
	} {
		if got := tt.p.Error(); got != tt.want {
			t.Errorf("%+v: %q, want %q", tt.p, got, tt.want)
		}
	}
}

func TestParseQ(t *testing.T) {
	for s, want := range map[string]int{"0": 0, "1": 1000, "0.5": 500, "0.123": 123, "1.000": 1000, "1.": 1000, "0.": 0, "0.05": 50} {
		if got, ok := parseQ(s); !ok || got != want {
			t.Errorf("parseQ(%q) = %d, %v; want %d", s, got, ok, want)
		}
	}
	for _, s := range []string{"", "2", "1.5", "0.1234", "-0", ".5", "0,5", "1.001", "0.5x", "abc", "01"} {
		if got, ok := parseQ(s); ok {
			t.Errorf("parseQ(%q) = %d, want invalid", s, got)
		}
	}
}

func TestNegotiate(t *testing.T) {
	tests := []struct {
		name   string
		accept []string
		want   int
	}{
		{"none", nil, formProblem},
		{"empty", []string{""}, formProblem},
		{"any", []string{"*/*"}, formProblem},
		{"browser", []string{"text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}, formProblem},
		{"problem", []string{"application/problem+json"}, formProblem},
		{"json-only", []string{"application/json"}, formJSON},
		{"json-case", []string{"Application/JSON"}, formJSON},
		{"application-wildcard", []string{"application/*"}, formProblem},
		{"json-over-problem-by-q", []string{"application/problem+json;q=0.4, application/json;q=0.6"}, formJSON},
		{"problem-over-json-by-q", []string{"application/json;q=0.5, application/problem+json"}, formProblem},
		{"tie-problem-first", []string{"application/json, application/problem+json"}, formProblem},
		{"text-only", []string{"text/plain"}, formText},
		{"text-wildcard", []string{"text/html, text/*;q=0.5"}, formText},
		{"text-with-params", []string{"text/plain; charset=utf-8"}, formText},
		{"specific-beats-wildcard", []string{"*/*;q=0.9, application/problem+json;q=0.1, application/json;q=0.2"}, formText},
		{"json-refused", []string{"application/json;q=0, */*"}, formProblem},
		{"all-refused", []string{"application/*;q=0, text/*;q=0"}, formText},
		{"unmatched-html", []string{"text/html"}, formText},
		{"unmatched-xml", []string{"application/xml"}, formText},
		{"bad-q-skipped", []string{"application/json;q=2, text/plain;q=0.1"}, formText},
		{"garbage-only", []string{"@@@, ;;;"}, formProblem},
		{"several-lines", []string{"text/html", "application/json;q=0.8"}, formJSON},
		{"quoted-comma", []string{`text/plain;x="a,b";q=0.3, application/json;q=0.2`}, formText},
		{"accept-ext-after-q", []string{"application/json;q=0.9;level=1"}, formJSON},
		{"space-before-q", []string{"text/plain ; q=0.7 , application/json ; q=0.6"}, formText},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := negotiate(tt.accept); got != tt.want {
				t.Errorf("negotiate(%q) = %s, want %s", tt.accept, forms[got].contentType, forms[tt.want].contentType)
			}
		})
	}
}

func TestParseAcceptBounded(t *testing.T) {
	long := strings.Repeat("text/plain;q=0.1,", 10000)
	if n := len(parseAccept([]string{long})); n > maxAcceptRanges {
		t.Errorf("%d ranges read, want at most %d", n, maxAcceptRanges)
	}
	// What is past the byte bound is not read: here the only JSON range.
	past := strings.Repeat(" ", maxAcceptBytes) + ", application/json"
	if got := negotiate([]string{"text/html", past}); got != formText {
		t.Errorf("a range past %d bytes was read", maxAcceptBytes)
	}
}

func TestWrite(t *testing.T) {
	t.Run("defaults", func(t *testing.T) {
		rec := httptest.NewRecorder()
		err := Writer{BaseURL: "https://httpstatus.example/", Language: "en"}.Write(rec, nil, Problem{Status: 413})
		if err != nil {
			t.Fatal(err)
		}
		var p Problem
		if err := json.Unmarshal(rec.Body.Bytes(), &p); err != nil {
			t.Fatal(err)
		}
		want := Problem{Type: "https://httpstatus.example/413", Title: "Content Too Large", Status: 413}
		if !reflect.DeepEqual(p, want) {
			t.Errorf("got %+v, want %+v", p, want)
		}
		for k, v := range map[string]string{
			"Content-Type": "application/problem+json", "Vary": "Accept", "Content-Language": "en",
			"Cache-Control": "no-store", "X-Content-Type-Options": "nosniff",
		} {
			if got := rec.Header().Get(k); got != v {
				t.Errorf("%s %q, want %q", k, got, v)
			}
		}
	})
	t.Run("zero-status-is-500", func(t *testing.T) {
		rec := httptest.NewRecorder()
		if err := Error(rec, nil, 0, "x"); err != nil || rec.Code != 500 {
			t.Errorf("code %d, err %v", rec.Code, err)
		}
	})
	t.Run("title-from-catalogue", func(t *testing.T) {
		for code, want := range map[int]string{418: "I'm a teapot", 499: "Client Closed Request", 422: "Unprocessable Content", 432: ""} {
			rec := httptest.NewRecorder()
			Error(rec, nil, code, "")
			var p Problem
			json.Unmarshal(rec.Body.Bytes(), &p)
			if p.Title != want || p.Status != code || p.Type != "about:blank" {
				t.Errorf("%d: %+v, want title %q", code, p, want)
			}
		}
	})
	t.Run("status-out-of-range", func(t *testing.T) {
		for _, code := range []int{200, 302, 99, 600, -1} {
			rec := httptest.NewRecorder()
			err := Error(rec, nil, code, "secret")
			if !errors.Is(err, ErrStatus) || rec.Code != 500 || strings.Contains(rec.Body.String(), "secret") {
				t.Errorf("%d: code %d, err %v, body %s", code, rec.Code, err, rec.Body)
			}
		}
	})
	t.Run("head", func(t *testing.T) {
		rec := httptest.NewRecorder()
		Error(rec, httptest.NewRequest("HEAD", "/", nil), 404, "gone")
		if rec.Body.Len() != 0 || rec.Header().Get("Content-Length") == "0" || rec.Header().Get("Content-Length") == "" {
			t.Errorf("HEAD: body %q, Content-Length %q", rec.Body, rec.Header().Get("Content-Length"))
		}
	})
	t.Run("keeps-and-drops-headers", func(t *testing.T) {
		rec := httptest.NewRecorder()
		h := rec.Header()
		h.Set("Allow", "GET, HEAD")
		h.Set("ETag", `"x"`)
		h.Set("Content-Encoding", "gzip")
		h.Set("Cache-Control", "max-age=60")
		h.Set("Vary", "Origin")
		h.Set("Content-Language", "de")
		if err := (Writer{Language: "en"}).Error(rec, nil, 405, "no"); err != nil {
			t.Fatal(err)
		}
		if h.Get("Allow") != "GET, HEAD" || h.Get("ETag") != "" || h.Get("Content-Encoding") != "" ||
			h.Get("Cache-Control") != "max-age=60" || strings.Join(h.Values("Vary"), ",") != "Origin,Accept" ||
			h.Get("Content-Language") != "de" {
			t.Errorf("headers %v", h)
		}
	})
	t.Run("vary-once", func(t *testing.T) {
		rec := httptest.NewRecorder()
		rec.Header().Set("Vary", "accept-encoding, ACCEPT")
		Error(rec, nil, 400, "")
		if v := rec.Header().Values("Vary"); len(v) != 1 {
			t.Errorf("Vary %q", v)
		}
	})
	t.Run("upgrade-gets-connection", func(t *testing.T) {
		rec := httptest.NewRecorder()
		rec.Header().Set("Upgrade", "TLS/1.3")
		if err := Error(rec, nil, 426, ""); err != nil || rec.Header().Get("Connection") != "Upgrade" {
			t.Errorf("err %v, Connection %q", err, rec.Header().Get("Connection"))
		}
	})
	t.Run("bad-extension", func(t *testing.T) {
		rec := httptest.NewRecorder()
		err := Writer{}.Write(rec, nil, Problem{Status: 400, Detail: "d", Extensions: map[string]any{"f": func() {}}})
		if err == nil || rec.Code != 400 || !strings.Contains(rec.Body.String(), `"detail":"d"`) || strings.Contains(rec.Body.String(), `"f"`) {
			t.Errorf("err %v, code %d, body %s", err, rec.Code, rec.Body)
		}
	})
	t.Run("text-drops-controls", func(t *testing.T) {
		rec := httptest.NewRecorder()
		req := httptest.NewRequest("GET", "/", nil)
		req.Header.Set("Accept", "text/plain")
		Error(rec, req, 400, "a\x1b[31mb\r\nc")
		if strings.ContainsAny(rec.Body.String(), "\x1b\r") || !strings.Contains(rec.Body.String(), "a[31mb\nc") {
			t.Errorf("body %q", rec.Body)
		}
	})
}

// TestValidate holds Validate to the catalogue: for every code, a response
// without any header breaks exactly its unconditional MUST rules.
func TestValidate(t *testing.T) {
	for code := 400; code <= 599; code++ {
		var want []string
		for _, r := range httpstatus.Headers(code) {
			if r.When == "" && r.Requirement == httpstatus.Must {
				want = append(want, r.Name)
			}
		}
		err := Validate(code, http.Header{})
		var he *HeaderError
		if len(want) == 0 {
			if err != nil {
				t.Errorf("%d: %v, want nil", code, err)
			}
			continue
		}
		if !errors.As(err, &he) {
			t.Errorf("%d: %v, want a *HeaderError", code, err)
			continue
		}
		var got []string
		for _, r := range he.Rules {
			got = append(got, r.Name)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%d: broken %q, want %q", code, got, want)
		}
	}
	if err := Validate(405, http.Header{"Allow": {""}}); err != nil {
		t.Errorf("an empty Allow is an Allow: %v", err)
	}
}

func TestRead(t *testing.T) {
	resp := func(ct, body string) *http.Response {
		h := http.Header{}
		if ct != "" {
			h.Set("Content-Type", ct)
		}
		return &http.Response{StatusCode: 503, Header: h, Body: io.NopCloser(strings.NewReader(body))}
	}
	tests := []struct {
		name string
		resp *http.Response
		want *Problem
		err  error
	}{
		{"ok/problem", resp("application/problem+json", `{"title":"x","detail":"y"}`), &Problem{Type: "about:blank", Title: "x", Status: 503, Detail: "y"}, nil},
		{"ok/params", resp("Application/Problem+JSON; charset=utf-8", `{"status":500,"type":"urn:t"}`), &Problem{Type: "urn:t", Status: 500}, nil},
		{"ok/plain-json", resp("application/json", `{"detail":"y","code":7}`), &Problem{Type: "about:blank", Status: 503, Detail: "y", Extensions: map[string]any{"code": json.Number("7")}}, nil},
		{"error/html", resp("text/html", `<h1>`), nil, ErrNotProblem},
		{"error/no-type", resp("", `{}`), nil, ErrNotProblem},
		{"error/bad-type", resp("application/", `{}`), nil, ErrNotProblem},
		{"error/nil", nil, nil, ErrNotProblem},
		{"error/array", resp("application/problem+json", `[]`), nil, ErrMalformed},
		{"error/empty", resp("application/problem+json", ``), nil, ErrMalformed},
		{"error/no-body", &http.Response{Header: http.Header{"Content-Type": {"application/problem+json"}}}, nil, ErrMalformed},
		{"error/too-large", resp("application/problem+json", `{"detail":"`+strings.Repeat("a", MaxRead)+`"}`), nil, ErrTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Read(tt.resp)
			if tt.err != nil {
				if !errors.Is(err, tt.err) {
					t.Errorf("err %v, want %v", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got  %#v\nwant %#v", got, tt.want)
			}
		})
	}
}

// TestWriteRead reads back what Write writes, in both JSON forms.
func TestWriteRead(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		Writer{BaseURL: "https://e.x/"}.Write(w, r, Problem{Status: 422, Detail: "age must be positive", Instance: "/r/1", //nolint:errcheck // 422 needs no header
			Extensions: map[string]any{"errors": []map[string]string{{"pointer": "#/age"}}}})
	}))
	defer srv.Close()
	for _, accept := range []string{"application/problem+json", "application/json"} {
		req, _ := http.NewRequest("GET", srv.URL, nil)
		req.Header.Set("Accept", accept)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		p, err := Read(resp)
		resp.Body.Close()
		if err != nil {
			t.Fatal(err)
		}
		want := &Problem{Type: "https://e.x/422", Title: "Unprocessable Content", Status: 422, Detail: "age must be positive", Instance: "/r/1",
			Extensions: map[string]any{"errors": []any{map[string]any{"pointer": "#/age"}}}}
		if !reflect.DeepEqual(p, want) {
			t.Errorf("%s: got %#v", accept, p)
		}
	}
}
