package check

import (
	"net/http"
	"testing"
)

// TestResponse checks resp, the answer to req, inside a test: it logs every
// finding and fails tb (without stopping it) for each one that breaks a
// MUST or MUST NOT. It works with a response from a real client and with
// httptest.ResponseRecorder.Result (whose response, having no Request, is
// not held to the Date rule: net/http's server adds Date). req may be nil
// or have a nil Header, as for Response. It returns the report for further
// checks; the body of resp can still be read.
func TestResponse(tb testing.TB, resp *http.Response, req *http.Request) Report {
	tb.Helper()
	rep, err := Response(resp, req)
	if err != nil {
		tb.Errorf("check: %v", err)
		return rep
	}
	for _, f := range rep.Findings {
		line := f.String()
		if f.Violation() {
			tb.Errorf("%s %d: %s", rep.Method, rep.Status, line)
		} else {
			tb.Logf("%s %d: %s", rep.Method, rep.Status, line)
		}
	}
	return rep
}

// String formats f on one line: its strength, rule, message and section.
func (f Finding) String() string {
	return string(f.Requirement) + " [" + f.Rule + "] " + f.Message + " (" + f.Spec + ", " + f.SpecURL + ")"
}
