package check

import (
	"errors"
	"net/http"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"
)

// FuzzRaw feeds the parser and every rule arbitrary text: it must return a
// report or a *ParseError, never panic, and a report must be well formed.
func FuzzRaw(f *testing.F) {
	files, _ := filepath.Glob("testdata/corpus/*.txtar")
	for _, name := range files {
		a, err := txtar.ParseFile(name)
		if err != nil {
			continue
		}
		for _, file := range a.Files {
			if file.Name == "response" {
				f.Add(file.Data, "GET", "")
			}
		}
	}
	f.Add([]byte("HTTP/1.1 206 Partial Content\r\nContent-Range: bytes 0-0/1\r\n\r\nx"), "GET", "bytes=0-0")
	f.Add([]byte("HTTP/1.1 405 x\nAllow: GET\n\n"), "GET", "")
	f.Fuzz(func(t *testing.T, raw []byte, method, rng string) {
		var req *http.Request
		if method != "" {
			req = &http.Request{Method: method, Header: http.Header{}}
			if rng != "" {
				req.Header.Set("Range", rng)
			}
		}
		rep, err := Raw(raw, req)
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) || pe.Line < 1 || strings.Contains(pe.Error(), "\n") {
				t.Fatalf("bad error %#v", err)
			}
			return
		}
		if rep.Status < 100 || rep.Status > 999 || rep.Findings == nil {
			t.Fatalf("bad report %+v", rep)
		}
		for _, f := range rep.Findings {
			if f.Rule == "" || f.Spec == "" || f.SpecURL == "" || f.Message == "" {
				t.Fatalf("bad finding %+v", f)
			}
		}
	})
}

// FuzzChallenges feeds the auth challenge grammar arbitrary values.
func FuzzChallenges(f *testing.F) {
	for _, s := range []string{`Basic realm="x"`, `Bearer abc==, Basic`, `Digest a=b, c="d\"e"`, `x ,, y=`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, v string) {
		parseChallenges(v) // must terminate without a panic
	})
}
