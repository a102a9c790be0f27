package check

import (
	"net/http"
	"testing"
)

// benchResponse is a typical API error response.
var benchResponse = []byte("HTTP/1.1 401 Unauthorized\r\n" +
	"Date: Mon, 23 Nov 2026 09:14:02 GMT\r\n" +
	"WWW-Authenticate: Bearer realm=\"api\", error=\"invalid_token\"\r\n" +
	"Content-Type: application/problem+json\r\n" +
	"Cache-Control: no-store\r\n" +
	"Content-Length: 59\r\n" +
	"\r\n" +
	`{"type":"about:blank","title":"Unauthorized","status":401}` + "\n")

// BenchmarkRaw parses and checks one response.
func BenchmarkRaw(b *testing.B) {
	req := &http.Request{Method: http.MethodGet}
	compiled()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Raw(benchResponse, req); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkResponse checks one parsed response.
func BenchmarkResponse(b *testing.B) {
	resps, err := ParseResponse(benchResponse, nil)
	if err != nil {
		b.Fatal(err)
	}
	resp := resps[0]
	req := &http.Request{Method: http.MethodGet, Header: http.Header{}}
	resp.Request = req
	compiled()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Response(resp, req); err != nil {
			b.Fatal(err)
		}
	}
}
