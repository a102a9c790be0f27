package check_test

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/httpstatus/httpstatus/check"
)

func ExampleRaw() {
	raw := "HTTP/1.1 401 Unauthorized\r\n" +
		"Date: Mon, 23 Nov 2026 09:14:02 GMT\r\n" +
		"Content-Length: 0\r\n" +
		"\r\n"
	rep, err := check.Raw([]byte(raw), nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, f := range rep.Findings {
		fmt.Println(f.Requirement, f.Rule, f.Header, f.Spec)
	}
	// Output:
	// MUST 401-www-authenticate WWW-Authenticate RFC 9110, Section 15.5.2
}

func ExampleRaw_notAResponse() {
	_, err := check.Raw([]byte("HTTP/1.1 200 OK\nContent-Type text/plain\n\nhello\n"), nil)
	fmt.Println(err)
	// Output:
	// line 2: header line without a colon
}

func ExampleRaw_head() {
	// A HEAD response may carry the Content-Length a GET would get, and no
	// content.
	raw := "HTTP/1.1 200 OK\nDate: Mon, 23 Nov 2026 09:14:02 GMT\nCache-Control: no-cache\n" +
		"ETag: \"v1\"\nLast-Modified: Sun, 22 Nov 2026 09:14:02 GMT\nContent-Length: 5120\n\n"
	rep, _ := check.Raw([]byte(raw), &http.Request{Method: http.MethodHead})
	fmt.Println(rep.Method, rep.Status, len(rep.Findings))
	// Output:
	// HEAD 200 0
}

func ExampleResponse() {
	handler := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Allow", "GET, HEAD, DELETE") // lists the method refused
		http.Error(w, "no", http.StatusMethodNotAllowed)
	})
	req := httptest.NewRequest(http.MethodDelete, "/invoices/7", nil)
	rec := httptest.NewRecorder()
	handler.ServeHTTP(rec, req)

	rep, err := check.Response(rec.Result(), req)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, f := range rep.Violations() {
		fmt.Println(f.Rule+":", f.Message)
	}
	// Output:
	// 405-allow-lists-method: Allow lists DELETE, the method this 405 refused: Take the refused method out of Allow, or stop refusing it.
}

func ExampleParseResponse() {
	raw := "HTTP/1.1 103 Early Hints\r\nLink: </app.css>; rel=preload; as=style\r\n\r\n" +
		"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 6\r\n\r\nhello\n"
	resps, err := check.ParseResponse([]byte(raw), nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, r := range resps {
		body, _ := io.ReadAll(r.Body)
		fmt.Printf("%d %q %q\n", r.StatusCode, r.Header.Get("Link"), body)
	}
	// Output:
	// 103 "</app.css>; rel=preload; as=style" ""
	// 200 "" "hello\n"
}

func ExampleReport_Failed() {
	raw := "HTTP/1.1 301 Moved Permanently\nDate: Mon, 23 Nov 2026 09:14:02 GMT\nCache-Control: max-age=60\n\n"
	rep, _ := check.Raw([]byte(raw), nil)
	fmt.Println(rep.Failed(false), rep.Failed(true)) // a 301 SHOULD carry Location
	// Output:
	// false true
}

func ExampleReport_Violations() {
	raw := "HTTP/1.1 204 No Content\nDate: Mon, 23 Nov 2026 09:14:02 GMT\nContent-Length: 2\n\n{}"
	rep, _ := check.Raw([]byte(raw), nil)
	for _, f := range rep.Violations() {
		fmt.Println(f.Rule)
	}
	// Output:
	// 204-content-length
	// no-content-204
}

func ExampleFinding_Violation() {
	f := check.Finding{Rule: "405-allow", Requirement: "MUST"}
	fmt.Println(f.Violation(), f.Recommendation())
	// Output:
	// true false
}

func ExampleFinding_Recommendation() {
	f := check.Finding{Rule: "301-location", Requirement: "SHOULD"}
	fmt.Println(f.Violation(), f.Recommendation())
	// Output:
	// false true
}

func ExampleFinding_String() {
	rep, _ := check.Raw([]byte("HTTP/1.1 503 Service Unavailable\nRetry-After: soon\n\n"), nil)
	fmt.Println(rep.Findings[0])
	// Output:
	// MUST NOT [retry-after-syntax] Retry-After "soon" is neither a number of seconds nor an HTTP date: Send Retry-After: 120 (seconds) or an IMF-fixdate such as Fri, 31 Dec 1999 23:59:59 GMT. (RFC 9110, Section 10.2.3, https://www.rfc-editor.org/rfc/rfc9110.html#section-10.2.3)
}

func ExampleParseError() {
	_, err := check.Raw([]byte("HTTP/1.1 200 OK\r\nX-Ok: 1\r\nBad Name: 2\r\n\r\n"), nil)
	if pe, ok := err.(*check.ParseError); ok {
		fmt.Println(pe.Line, pe.Reason)
	}
	// Output:
	// 3 header name "Bad Name" is not a token
}

// exampleTB stands in for the *testing.T of a real test, printing what the
// test would report.
type exampleTB struct{ testing.TB }

func (exampleTB) Helper()                        {}
func (exampleTB) Errorf(format string, a ...any) { fmt.Printf("FAIL: "+format+"\n", a...) }
func (exampleTB) Logf(format string, a ...any)   { fmt.Printf("log: "+format+"\n", a...) }

func ExampleTestResponse() {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusUnauthorized) // forgets WWW-Authenticate
	}))
	defer srv.Close()
	resp, err := http.Get(srv.URL + "/me")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer resp.Body.Close()

	var t exampleTB // in a test: the test's t
	rep := check.TestResponse(t, resp, resp.Request)
	fmt.Println(len(rep.Violations()), "violation")
	// Output:
	// FAIL: GET 401: MUST [401-www-authenticate] 401 without WWW-Authenticate: At least one challenge applicable to the target resource, e.g. `Bearer realm="api"` or `Basic realm="Staff area"` (RFC 9110, Sections 15.5.2 and 11.6.1). (RFC 9110, Section 15.5.2, https://www.rfc-editor.org/rfc/rfc9110.html#section-15.5.2)
	// 1 violation
}

func ExampleOptions_Response() {
	// A 304 must repeat the fields a 200 to the same request would carry;
	// Options.Full says what the 200 carried.
	full := http.Header{"Etag": {`"v7"`}, "Cache-Control": {"max-age=600"}}
	resps, _ := check.ParseResponse([]byte("HTTP/1.1 304 Not Modified\r\nDate: Mon, 23 Nov 2026 09:14:02 GMT\r\nETag: \"v7\"\r\n\r\n"), nil)
	req := httptest.NewRequest(http.MethodGet, "/report.pdf", nil)
	req.Header.Set("If-None-Match", `"v7"`)
	rep, _ := check.Options{Full: full}.Response(resps[0], req)
	for _, f := range rep.Violations() {
		fmt.Println(f.Rule)
	}
	// Output:
	// 304-cache-control
}
