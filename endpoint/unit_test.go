package endpoint

import (
	"net/http"
	"net/http/httptest"
	"slices"
	"testing"

	"github.com/httpstatus/httpstatus"
)

func TestParseCodes(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		in   string
		want []choice
	}{
		{"404", []choice{{404, 1}}},
		{"200,500,503", []choice{{200, 1}, {500, 1}, {503, 1}}},
		{"200:0.9,500:0.1", []choice{{200, 0.9}, {500, 0.1}}},
		{"200:0,500", []choice{{200, 0}, {500, 1}}},
		{"299", []choice{{299, 1}}},
		{"100", []choice{{100, 1}}},
		{"599", []choice{{599, 1}}},
	} {
		t.Run("ok/"+tc.in, func(t *testing.T) {
			got, err := parseCodes(tc.in)
			if err != nil || !slices.Equal(got, tc.want) {
				t.Errorf("parseCodes(%q) = %v, %v; want %v", tc.in, got, err, tc.want)
			}
		})
	}
}

func TestPick(t *testing.T) {
	t.Parallel()
	cs := []choice{{200, 1}, {404, 0}, {500, 3}}
	for _, tc := range []struct {
		f    float64
		want int
	}{{0, 200}, {0.2499, 200}, {0.25, 500}, {0.9999999, 500}} {
		if got := pick(cs, func() float64 { return tc.f }); got != tc.want {
			t.Errorf("pick at %v = %d, want %d", tc.f, got, tc.want)
		}
	}
	if got := pick([]choice{{200, 0}, {503, 1}}, func() float64 { return 0 }); got != 503 {
		t.Errorf("pick chose %d, which weighs 0", got)
	}
}

// TestApplyRules checks the value each header name gets, with rules made up
// for the test: which code has which rule is the catalogue's business.
func TestApplyRules(t *testing.T) {
	t.Parallel()
	rule := func(name string, req httpstatus.Requirement) []httpstatus.HeaderRule {
		return []httpstatus.HeaderRule{{Name: name, Requirement: req, Note: "test"}}
	}
	for _, tc := range []struct {
		name    string
		rules   []httpstatus.HeaderRule
		code    int
		method  string
		o       options
		n       int
		want    http.Header
		partial int
	}{
		{"location-default", rule("Location", httpstatus.Should), 302, "GET", options{}, 10, http.Header{"Location": {"/"}}, -1},
		{"location-given", rule("Location", httpstatus.May), 201, "POST", options{location: "/x"}, 10, http.Header{"Location": {"/x"}}, -1},
		{"www-authenticate", rule("WWW-Authenticate", httpstatus.Must), 401, "GET", options{}, 10, http.Header{"Www-Authenticate": {authChallenge}}, -1},
		{"proxy-authenticate", rule("Proxy-Authenticate", httpstatus.Must), 407, "GET", options{}, 10, http.Header{"Proxy-Authenticate": {authChallenge}}, -1},
		{"allow-get", rule("Allow", httpstatus.Must), 405, "GET", options{}, 10, http.Header{"Allow": {"POST"}}, -1},
		{"allow-delete", rule("Allow", httpstatus.Must), 405, "DELETE", options{}, 10, http.Header{"Allow": {"GET, HEAD"}}, -1},
		{"retry-after", rule("Retry-After", httpstatus.May), 503, "GET", options{}, 10, http.Header{"Retry-After": {retrySeconds}}, -1},
		{"upgrade", rule("Upgrade", httpstatus.Must), 426, "GET", options{}, 10, http.Header{"Upgrade": {upgradeTo}, "Connection": {"Upgrade"}}, -1},
		{"content-range-416", rule("Content-Range", httpstatus.Should), 416, "GET", options{}, 57, http.Header{"Content-Range": {"bytes */57"}}, -1},
		{"content-range-206", rule("Content-Range", httpstatus.Must), 206, "GET", options{}, 57, http.Header{"Content-Range": {"bytes 0-28/57"}}, 29},
		{"content-range-206-one", rule("Content-Range", httpstatus.Must), 206, "GET", options{}, 1, http.Header{"Content-Range": {"bytes 0-0/1"}}, 1},
		{"content-range-206-empty", rule("Content-Range", httpstatus.Must), 206, "GET", options{}, 0, http.Header{}, -1},
		{"etag", rule("ETag", httpstatus.Must), 304, "GET", options{}, 0, http.Header{"Etag": {`"status-304"`}}, -1},
		{"vary", rule("Vary", httpstatus.Must), 304, "GET", options{}, 0, http.Header{"Vary": {"Accept"}}, -1},
		{"link-interim", rule("Link", httpstatus.May), 103, "GET", options{}, 0, http.Header{"Link": {earlyHint}}, -1},
		{"link-final", rule("Link", httpstatus.Should), 451, "GET", options{}, 10, http.Header{"Link": {blockedBy}}, -1},
		{"or", rule("Content-Range or Content-Type multipart/byteranges", httpstatus.Must), 206, "GET", options{}, 4, http.Header{"Content-Range": {"bytes 0-1/4"}}, 2},
		{"list", rule("ETag, Vary", httpstatus.Must), 304, "GET", options{}, 0, http.Header{"Etag": {`"status-304"`}, "Vary": {"Accept"}}, -1},
		{"must-not", rule("Location", httpstatus.MustNot), 302, "GET", options{}, 10, http.Header{}, -1},
		{"should-not", rule("Retry-After", "SHOULD NOT"), 503, "GET", options{}, 10, http.Header{}, -1},
		{"unknown", rule("Upload-Offset", httpstatus.Must), 104, "GET", options{}, 0, http.Header{}, -1},
		{"date", rule("Date", httpstatus.Must), 304, "GET", options{}, 0, http.Header{}, -1},
	} {
		t.Run("ok/"+tc.name, func(t *testing.T) {
			h := http.Header{}
			r := httptest.NewRequest(tc.method, "/status/1", nil)
			if got := applyRules(h, tc.rules, r, tc.code, tc.o, tc.n); got != tc.partial {
				t.Errorf("partial length %d, want %d", got, tc.partial)
			}
			if !equalHeader(h, tc.want) {
				t.Errorf("headers %v, want %v", h, tc.want)
			}
		})
	}
	t.Run("ok/remove-forbidden", func(t *testing.T) {
		h := http.Header{"Location": {"/"}, "Content-Type": {"text/plain"}, "X-Keep": {"1"}}
		removeForbidden(h, []httpstatus.HeaderRule{
			{Name: "Location", Requirement: httpstatus.MustNot}, {Name: "Content-Type", Requirement: "SHOULD NOT"},
			{Name: "X-Keep", Requirement: httpstatus.May},
		})
		if !equalHeader(h, http.Header{"X-Keep": {"1"}}) {
			t.Errorf("headers %v, want only X-Keep", h)
		}
	})
}

func equalHeader(a, b http.Header) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if !slices.Equal(v, b[k]) {
			return false
		}
	}
	return true
}

func TestRuleNames(t *testing.T) {
	t.Parallel()
	for in, want := range map[string][]string{
		"Location":                       {"Location"},
		"Content-Range or Content-Type":  {"Content-Range", "Content-Type"},
		"ETag, Vary; Date":               {"ETag", "Vary", "Date"},
		"Cache-Control and Expires":      {"Cache-Control", "Expires"},
		"Content-Type: multipart/ranges": nil,
		"":                               nil,
	} {
		if got := ruleNames(in); !slices.Equal(got, want) {
			t.Errorf("ruleNames(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestNegotiate(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		accept  []string
		isError bool
		want    string
	}{
		{nil, true, typeText},
		{[]string{"application/json", "text/html;q=0.5"}, false, typeJSON},
		{[]string{"application/problem+json"}, true, typeProblem},
		{[]string{"application/problem+json"}, false, typeText},
		{[]string{"text/*;q=0.3, application/json;q=0.2"}, false, typeText},
		{[]string{"text/html;q=2"}, false, typeText}, // an invalid q drops the range
		{[]string{"*/*;q=0"}, false, typeText},
	} {
		if got := negotiate(tc.accept, tc.isError); got != tc.want {
			t.Errorf("negotiate(%q, %v) = %q, want %q", tc.accept, tc.isError, got, tc.want)
		}
	}
}
