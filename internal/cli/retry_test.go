package cli

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/httpstatus/httpstatus"
)

func TestRetry(t *testing.T) {
	for _, tc := range []struct {
		name   string
		args   []string
		code   int
		stdout []string
		stderr string
	}{
		{"ok/table", []string{"retry"}, 0, []string{"503 Service Unavailable", "clients disagree", "go-retryablehttp: hashicorp/go-retryablehttp, v0.7.8", "configured: "}, ""},
		{"ok/503", []string{"retry", "503"}, 0, []string{"Idempotency-Key", "okhttp", "yes, once, and only when Retry-After is 0", "Clients disagree on 503"}, ""},
		{"ok/401", []string{"retry", "401"}, 0, []string{"change its credentials", "go-retryablehttp"}, ""},
		{"error/unknown", []string{"retry", "299"}, 1, nil, "no meaning for 299"},
		{"error/malformed", []string{"retry", "5xx"}, 2, nil, "not a status code"},
		{"error/two", []string{"retry", "503", "504"}, 2, nil, "one code or none"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errs := run(t, map[string]string{"COLUMNS": "100"}, tc.args...)
			if code != tc.code {
				t.Fatalf("exit %d, want %d; stderr %s", code, tc.code, errs)
			}
			for _, want := range tc.stdout {
				if !strings.Contains(out, want) {
					t.Errorf("stdout lacks %q:\n%s", want, out)
				}
			}
			if !strings.Contains(errs, tc.stderr) || (tc.stderr == "") != (errs == "") {
				t.Errorf("stderr %q, want %q", errs, tc.stderr)
			}
		})
	}
}

func TestRetryJSON(t *testing.T) {
	_, out, _ := run(t, nil, "retry", "--json")
	var all retryJSON
	if err := json.Unmarshal([]byte(out), &all); err != nil {
		t.Fatal(err)
	}
	if len(all.Clients) != len(httpstatus.RetryClients()) || len(all.Codes) != len(httpstatus.RetryTable()) {
		t.Errorf("retry --json: %d clients, %d codes", len(all.Clients), len(all.Codes))
	}
	_, out, _ = run(t, nil, "retry", "429", "--json")
	var one httpstatus.CodeRetries
	if err := json.Unmarshal([]byte(out), &one); err != nil {
		t.Fatal(err)
	}
	if one.Code != 429 || one.Facts.RetryAfter != httpstatus.RetryAfterWait || !one.Disagree {
		t.Errorf("retry 429 --json: %+v", one)
	}
}
