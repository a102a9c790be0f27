package main

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/httpstatus/httpstatus"
	"github.com/httpstatus/httpstatus/internal/catalogtest"
)

// TestGeneratedFileIsCurrent fails when data/ changed without go generate.
func TestGeneratedFileIsCurrent(t *testing.T) {
	want, err := Generate("../../data")
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile("../../catalogue_gen.go")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatal("catalogue_gen.go is stale: run go generate ./... at the module root")
	}
}

func TestWire(t *testing.T) {
	tests := []struct {
		name, in, want string
		response       bool
	}{
		{"request/no-body", "GET / HTTP/1.1\nHost: a.example\n", "GET / HTTP/1.1\r\nHost: a.example\r\n\r\n", false},
		{"response/length-fixed", "HTTP/1.1 200 OK\nContent-Length: 0\n\nhello\n", "HTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\nhello\n", true},
		{"response/length-added", "HTTP/1.1 200 OK\n\nhi\n", "HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nhi\n", true},
		{"response/interim", "HTTP/1.1 100 Continue\n\nHTTP/1.1 201 Created\nLocation: /x\n", "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nLocation: /x\r\n\r\n", true},
		{"response/empty-reason", "HTTP/1.1 530\nServer: cloudflare\n", "HTTP/1.1 530 \r\nServer: cloudflare\r\n\r\n", true},
		{"response/head-keeps-length", "HTTP/1.1 200 OK\nContent-Length: 42\n", "HTTP/1.1 200 OK\r\nContent-Length: 42\r\n\r\n", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := wire(tt.in, tt.response)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("wire(%q) =\n%q\nwant\n%q", tt.in, got, tt.want)
			}
		})
	}
}

func TestReflow(t *testing.T) {
	got := reflow("  one\ntwo  three\n\n\nfour\n")
	if want := "one two three\n\nfour"; got != want {
		t.Errorf("reflow = %q, want %q", got, want)
	}
	if strings.Contains(reflow("a\n\n\n\nb"), "\n\n\n") {
		t.Error("reflow keeps several blank lines")
	}
}

func TestCheckProvenance(t *testing.T) {
	ok := []httpstatus.Source{
		{Title: "RFC 9110, Section 15.5.5", URL: "https://www.rfc-editor.org/rfc/rfc9110.html#section-15.5.5"},
		{Title: "net/http status.go", URL: "https://github.com/golang/go/blob/master/src/net/http/status.go"},
	}
	tests := []struct {
		name     string
		sources  []httpstatus.Source
		verified string
		wantErr  string
	}{
		{"ok", ok, "2026-11-30", ""},
		{"ok/no-date", ok, "", ""},
		{"no-title", []httpstatus.Source{{URL: "https://a.example/"}}, "", "needs a title"},
		{"http", []httpstatus.Source{{Title: "a", URL: "http://a.example/"}}, "", "not an absolute https link"},
		{"relative", []httpstatus.Source{{Title: "a", URL: "/docs/a"}}, "", "not an absolute https link"},
		{"no-host", []httpstatus.Source{{Title: "a", URL: "https:///a"}}, "", "not an absolute https link"},
		{"duplicate", []httpstatus.Source{ok[0], {Title: "again", URL: ok[0].URL}}, "", "listed twice"},
		{"bad-date", ok, "2026-13-01", "not a date"},
		{"short-date", ok, "2026-1-5", "not a date"},
		{"future", ok, "2999-01-01", "in the future"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := httpstatus.Entry{Sources: tt.sources, Verified: tt.verified}
			err := checkProvenance(&e)
			switch {
			case tt.wantErr == "" && err != nil:
				t.Fatalf("unexpected error: %v", err)
			case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
				t.Fatalf("error %v, want one containing %q", err, tt.wantErr)
			}
		})
	}
}

// TestCheckHistory accepts a well-formed constants_history and names the
// problem of each bad one.
func TestCheckHistory(t *testing.T) {
	src := "https://github.com/spring-projects/spring-framework/blob/v7.0.0/HttpStatus.java"
	good := httpstatus.ConstantVersions{Ecosystem: "spring", Identifier: "HttpStatus.PAYLOAD_TOO_LARGE", Since: "4.1", Deprecated: "7.0", ReplacedBy: "HttpStatus.CONTENT_TOO_LARGE", Source: src}
	entry := func(hs ...httpstatus.ConstantVersions) httpstatus.Entry {
		return httpstatus.Entry{Code: 413, Constants: httpstatus.Constants{Spring: "HttpStatus.CONTENT_TOO_LARGE"}, ConstantsHistory: hs}
	}
	e := entry(good)
	if err := checkHistory(&e); err != nil {
		t.Fatalf("a good history: %v", err)
	}
	if p := e.ConstantsHistory[0].Product; p != "Spring Framework" {
		t.Errorf("product %q, want Spring Framework", p)
	}
	if s := e.ConstantsHistory[0].Summary(); s != "since Spring Framework 4.1, deprecated in 7.0, use HttpStatus.CONTENT_TOO_LARGE" {
		t.Errorf("summary %q", s)
	}
	bad := map[string]func(h *httpstatus.ConstantVersions){
		"not one of":           func(h *httpstatus.ConstantVersions) { h.Ecosystem = "cobol" },
		"needs an identifier":  func(h *httpstatus.ConstantVersions) { h.Identifier = "" },
		"not an https URL":     func(h *httpstatus.ConstantVersions) { h.Source = "http://example.com/x" },
		"names no version":     func(h *httpstatus.ConstantVersions) { h.Since, h.Deprecated = "", "" },
		"not a release number": func(h *httpstatus.ConstantVersions) { h.Deprecated = "7.0-M1" },
		"out of order":         func(h *httpstatus.ConstantVersions) { h.Since = "7.1" },
		"current constant":     func(h *httpstatus.ConstantVersions) { h.ReplacedBy = "HttpStatus.OK" },
		"take it out": func(h *httpstatus.ConstantVersions) {
			h.Identifier, h.ReplacedBy, h.Removed = "HttpStatus.CONTENT_TOO_LARGE", "", "7.0"
		},
		"leave it out":   func(h *httpstatus.ConstantVersions) { h.Product = "Spring" },
		"no replaced_by": func(h *httpstatus.ConstantVersions) { h.Renamed, h.ReplacedBy = "7.0", "" },
	}
	for want, spoil := range bad {
		h := good
		spoil(&h)
		e := entry(h)
		if err := checkHistory(&e); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: got %v", want, err)
		}
	}
	e = entry(good, good)
	if err := checkHistory(&e); err == nil || !strings.Contains(err.Error(), "twice") {
		t.Errorf("a record listed twice: got %v", err)
	}
	if catalogtest.CompareVersions("1.10", "1.9") != 1 || catalogtest.CompareVersions("7", "7.0") != 0 || catalogtest.CompareVersions("3.1", "3.13") != -1 {
		t.Error("compareVersions orders release numbers wrongly")
	}
}

// checkSignal refuses what a signal must not be: a product's name too long
// for the CLI's column, a text without source, a code listed twice.
func TestCheckSignal(t *testing.T) {
	ok := httpstatus.Signal{Text: "Jwt is expired", Kind: httpstatus.Platform, Product: "Envoy", Codes: []int{401},
		Meaning: "m", Causes: []string{"c"}, Fix: "f", Source: "https://example.com/src"}
	if err := checkSignal(ok); err != nil {
		t.Fatalf("checkSignal(valid) = %v", err)
	}
	for name, change := range map[string]func(*httpstatus.Signal){
		"long product": func(s *httpstatus.Signal) { s.Product = "Shopify API library for Node (@shopify/shopify-api)" },
		"no source":    func(s *httpstatus.Signal) { s.Source = "" },
		"code twice":   func(s *httpstatus.Signal) { s.Codes = []int{401, 401} },
	} {
		s := ok
		change(&s)
		if err := checkSignal(s); err == nil {
			t.Errorf("checkSignal accepted a signal with %s", name)
		}
	}
}
