package check_test

import (
	"bufio"
	"net/http"
	"strings"
	"testing"

	"github.com/httpstatus/httpstatus"
	"github.com/httpstatus/httpstatus/check"
)

// TestCatalogueExamples checks the example exchange of every entry: the
// project's own examples break no MUST and no MUST NOT.
func TestCatalogueExamples(t *testing.T) {
	t.Parallel()
	checked := 0
	for _, e := range httpstatus.All() {
		if e.Example.Response == "" {
			continue // a code never sent on the wire (000, nginx 444 and 499)
		}
		var req *http.Request
		if e.Example.Request != "" {
			r, err := http.ReadRequest(bufio.NewReader(strings.NewReader(e.Example.Request)))
			if err != nil {
				t.Errorf("%d %s: request: %v", e.Code, e.Name, err)
				continue
			}
			req = r
		}
		rep, err := check.Raw([]byte(e.Example.Response), req)
		if err != nil {
			t.Errorf("%d %s: %v", e.Code, e.Name, err)
			continue
		}
		checked++
		for _, f := range rep.Violations() {
			t.Errorf("%d %s (%s): %s", e.Code, e.Name, e.Vendor, f)
		}
	}
	if checked < 90 {
		t.Errorf("checked only %d examples", checked)
	}
}
