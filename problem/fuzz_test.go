package problem

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"
)

// FuzzUnmarshal holds the decoder to three things on any input: it never
// panics; what it accepts encodes again as a JSON object; and decoding that
// gives back the same Problem.
func FuzzUnmarshal(f *testing.F) {
	for _, s := range []string{
		`{}`, `null`, `[]`, `{"type":"about:blank","title":"Not Found","status":404}`,
		`{"status":"404","title":7,"balance":30,"accounts":["/a"],"x":{"y":[1.5e300,null,true]}}`,
		`{"title":"a","title":"b","type":{"nested":1}}`, `{"status":404.0}`, `{"status":-1}`,
		`{"\u0000":"\ud800","detail":"<&>"}`, `{"n":123456789012345678901234567890}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var p Problem
		if err := p.UnmarshalJSON(data); err != nil {
			return
		}
		if p.Status != 0 && (p.Status < 100 || p.Status > 999) {
			t.Fatalf("status %d kept", p.Status)
		}
		for k := range p.Extensions {
			if isStandard(k) {
				t.Fatalf("standard member %q in Extensions", k)
			}
		}
		out, err := p.MarshalJSON()
		if err != nil {
			t.Fatalf("a decoded problem does not encode: %v", err)
		}
		var obj map[string]json.RawMessage
		if err := json.Unmarshal(out, &obj); err != nil || obj == nil {
			t.Fatalf("encoded %s is not a JSON object: %v", out, err)
		}
		var q Problem
		if err := q.UnmarshalJSON(out); err != nil {
			t.Fatalf("re-decoding %s: %v", out, err)
		}
		if !reflect.DeepEqual(p, q) {
			t.Fatalf("round trip changed the problem:\n%#v\n%#v", p, q)
		}
	})
}

// FuzzNegotiate holds the Accept parser to its bounds and the writer to its
// three forms, whatever Accept says.
func FuzzNegotiate(f *testing.F) {
	for _, s := range []string{
		"", "*/*", "application/json", "text/plain;q=0.5, application/*;q=0.4",
		`text/plain;x="a,\"b;c";q=0.3`, "application/problem+json;q=1.000;ext=1", "*/json", "a/b;q=", ";;,,",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, accept string) {
		ranges := parseAccept([]string{accept})
		if len(ranges) > maxAcceptRanges {
			t.Fatalf("%d ranges", len(ranges))
		}
		for _, r := range ranges {
			if r.q < 0 || r.q > 1000 || r.typ == "" || r.sub == "" {
				t.Fatalf("range %+v", r)
			}
		}
		req := httptest.NewRequest("GET", "/", nil)
		req.Header.Set("Accept", accept)
		rec := httptest.NewRecorder()
		if err := Error(rec, req, http.StatusBadRequest, "bad"); err != nil {
			t.Fatal(err)
		}
		ct := rec.Header().Get("Content-Type")
		if ct != forms[formProblem].contentType && ct != forms[formJSON].contentType && ct != forms[formText].contentType {
			t.Fatalf("Content-Type %q", ct)
		}
		if rec.Code != 400 || !strings.Contains(rec.Body.String(), "bad") {
			t.Fatalf("%d %q", rec.Code, rec.Body)
		}
	})
}
