package httpstatus_test

import (
	"strings"
	"testing"

	"github.com/httpstatus/httpstatus"
)

func TestCompare(t *testing.T) {
	tests := []struct {
		name    string
		codes   []int
		verdict string // a substring; "" for an error
		err     string
	}{
		{name: "ok/401-403", codes: []int{401, 403}, verdict: "credentials"},
		{name: "ok/order", codes: []int{504, 502}, verdict: "did not answer in time"},
		{name: "ok/three", codes: []int{301, 308, 307}, verdict: "Permanent"},
		{name: "ok/no-confusion", codes: []int{200, 418}, verdict: "418 I'm a teapot"},
		{name: "error/one", codes: []int{404}, err: "two or three"},
		{name: "error/four", codes: []int{400, 401, 403, 404}, err: "two or three"},
		{name: "error/repeated", codes: []int{404, 404}, err: "given twice"},
		{name: "error/unknown", codes: []int{404, 299}, err: "no code 299"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := httpstatus.Compare(tt.codes...)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("Compare(%v) error %v, want %q", tt.codes, err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(c.Verdict, tt.verdict) || strings.Contains(c.Verdict, "\n") {
				t.Errorf("verdict %q, want one line with %q", c.Verdict, tt.verdict)
			}
			for i := 1; i < len(c.Entries); i++ {
				if c.Entries[i-1].Code >= c.Entries[i].Code {
					t.Errorf("entries not in ascending order")
				}
			}
		})
	}
}

// TestConfusionsComparable checks every confusion has a verdict and every
// code in it names the others as neighbours.
func TestConfusionsComparable(t *testing.T) {
	for _, cf := range httpstatus.Confusions() {
		if cf.Verdict == "" {
			t.Errorf("%s: no verdict", cf.Title)
		}
		for _, c := range cf.Codes {
			if len(httpstatus.Neighbours(c)) == 0 {
				t.Errorf("%d: no neighbours", c)
			}
		}
	}
}
