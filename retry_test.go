package httpstatus

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

var now0 = time.Date(2026, 12, 1, 6, 0, 0, 0, time.UTC)

func TestParseRetryAfter(t *testing.T) {
	t.Parallel()
	huge := time.Duration(maxSeconds) * time.Second
	for _, tc := range []struct {
		name, value string
		max         time.Duration
		want        time.Duration
		err         bool
	}{
		{"seconds", "120", 0, 2 * time.Minute, false},
		{"zero", "0", 0, 0, false},
		{"spaces", " 5\t", 0, 5 * time.Second, false},
		{"leading-zeros", "007", 0, 7 * time.Second, false},
		{"capped", "3600", time.Minute, time.Minute, false},
		{"huge", "99999999999999999999999999999", 0, huge, false},
		{"huge-capped", "99999999999999999999999999999", time.Hour, time.Hour, false},
		{"imf-fixdate", "Tue, 01 Dec 2026 06:00:30 GMT", 0, 30 * time.Second, false},
		{"rfc850", "Tuesday, 01-Dec-26 06:01:00 GMT", 0, time.Minute, false},
		{"asctime", "Tue Dec  1 06:00:10 2026", 0, 10 * time.Second, false},
		{"past-date", "Sun, 06 Nov 1994 08:49:37 GMT", 0, 0, false},
		{"date-capped", "Wed, 02 Dec 2026 06:00:00 GMT", time.Hour, time.Hour, false},
		{"negative", "-5", 0, 0, true},
		{"plus", "+5", 0, 0, true},
		{"fraction", "1.5", 0, 0, true},
		{"unit", "5s", 0, 0, true},
		{"empty", "", 0, 0, true},
		{"blank", "   ", 0, 0, true},
		{"words", "soon", 0, 0, true},
		{"bad-date", "Tue, 32 Dec 2026 06:00:00 GMT", 0, 0, true},
		{"too-long", strings.Repeat("9", 65), 0, 0, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ParseRetryAfter(tc.value, now0, tc.max)
			if tc.err {
				if err == nil || !errors.Is(err, ErrRetryAfter) {
					t.Fatalf("%q: %v, %v; want an ErrRetryAfter", tc.value, got, err)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Fatalf("%q: %v, %v; want %v", tc.value, got, err, tc.want)
			}
		})
	}
}

func FuzzParseRetryAfter(f *testing.F) {
	for _, s := range []string{"0", "120", "-1", "1e3", "Tue, 01 Dec 2026 06:00:30 GMT", "Tuesday, 01-Dec-26 06:01:00 GMT",
		"Tue Dec  1 06:00:10 2026", "99999999999999999999", " 7 ", ""} {
		f.Add(s, int64(time.Minute))
	}
	f.Fuzz(func(t *testing.T, v string, max int64) {
		d, err := ParseRetryAfter(v, now0, time.Duration(max))
		if err != nil {
			if !errors.Is(err, ErrRetryAfter) || d != 0 {
				t.Fatalf("%q: %v with error %v", v, d, err)
			}
			return
		}
		if d < 0 || (max > 0 && d > time.Duration(max)) {
			t.Fatalf("%q (max %v): %v out of range", v, time.Duration(max), d)
		}
	})
}

// request builds a request for the decision table.
func request(method string, key bool, body bool) *http.Request {
	var r io.Reader
	if body {
		r = strings.NewReader("{}")
	}
	req, _ := http.NewRequest(method, "http://api.example/orders", r)
	if key {
		req.Header.Set("Idempotency-Key", "8e03978e")
	}
	return req
}

func response(code int, retryAfter ...string) *http.Response {
	h := http.Header{}
	for _, v := range retryAfter {
		h.Add("Retry-After", v)
	}
	return &http.Response{StatusCode: code, Header: h}
}

// TestDecide holds decisions written out by hand, each from the section
// that settles it.
func TestDecide(t *testing.T) {
	t.Parallel()
	p := RetryPolicy{Now: func() time.Time { return now0 }}
	for _, tc := range []struct {
		name   string
		req    *http.Request
		resp   *http.Response
		err    error
		retry  bool
		after  time.Duration
		reason string
	}{
		{"503/get", request("GET", false, false), response(503), nil, true, 0, "GET is safe to repeat"},
		{"503/post", request("POST", false, true), response(503), nil, false, 0, "POST is not idempotent"},
		{"503/post-key", request("POST", true, true), response(503), nil, true, 0, "Idempotency-Key"},
		{"503/get-ra", request("GET", false, false), response(503, "30"), nil, true, 30 * time.Second, "after the 30s"},
		{"503/get-ra-date", request("GET", false, false), response(503, "Tue, 01 Dec 2026 06:00:45 GMT"), nil, true, 45 * time.Second, "45s"},
		{"503/get-ra-long", request("GET", false, false), response(503, "120"), nil, false, 0, "more than the 1m0s allowed"},
		{"503/get-ra-bad", request("GET", false, false), response(503, "soon"), nil, true, 0, "ignored"},
		{"503/get-ra-two", request("GET", false, false), response(503, "1", "2"), nil, true, 0, "2 different values"},
		{"429/delete-ra", request("DELETE", false, false), response(429, "5"), nil, true, 5 * time.Second, ""},
		{"429/patch", request("PATCH", false, true), response(429, "5"), nil, false, 0, "PATCH is not idempotent"},
		{"408/post", request("POST", false, true), response(408), nil, true, 0, "may succeed unchanged"},
		{"421/post", request("POST", false, true), response(421), nil, true, 0, ""},
		{"425/post", request("POST", false, true), response(425), nil, true, 0, ""},
		{"413/post", request("POST", false, true), response(413), nil, false, 0, "content"},
		{"413/post-ra", request("POST", false, true), response(413, "10"), nil, true, 10 * time.Second, "temporary"},
		{"401/get", request("GET", false, false), response(401), nil, false, 0, "credentials"},
		{"409/put", request("PUT", false, true), response(409), nil, false, 0, "state"},
		{"301/get", request("GET", false, false), response(301), nil, false, 0, "follow Location"},
		{"503/get-ra-on-redirect", request("GET", false, false), response(307, "1"), nil, false, 0, "redirect"},
		{"200/get", request("GET", false, false), response(200), nil, false, 0, "succeeded"},
		{"100/get", request("GET", false, false), response(100), nil, false, 0, "interim"},
		{"304/get", request("GET", false, false), response(304), nil, false, 0, "stored response"},
		{"500/put", request("PUT", false, true), response(500), nil, true, 0, ""},
		{"501/get", request("GET", false, false), response(501), nil, false, 0, "server"},
		{"410/get", request("GET", false, false), response(410), nil, false, 0, "not expected to succeed"},
		{"532/get", request("GET", false, false), response(532), nil, true, 0, "treated as 500"},
		{"432/get", request("GET", false, false), response(432), nil, false, 0, "treated as 400"},
		{"1000/get", request("GET", false, false), response(1000), nil, false, 0, "not a status code"},
		{"error/get", request("GET", false, false), nil, errors.New("connection reset"), true, 0, "transport error"},
		{"error/post", request("POST", false, true), nil, errors.New("connection reset"), false, 0, "POST is not idempotent"},
		{"error/post-key", request("POST", true, true), nil, errors.New("connection reset"), true, 0, "Idempotency-Key"},
		{"error/url-post", nil, nil, &url.Error{Op: "Post", URL: "http://x", Err: io.ErrUnexpectedEOF}, false, 0, "POST is not idempotent"},
		{"error/url-get", nil, nil, &url.Error{Op: "Get", URL: "http://x", Err: io.ErrUnexpectedEOF}, true, 0, ""},
		{"error/unknown", nil, nil, io.ErrUnexpectedEOF, false, 0, "unknown"},
		{"error/canceled", request("GET", false, false), nil, fmt.Errorf("do: %w", context.Canceled), false, 0, "canceled"},
		{"error/deadline", request("GET", false, false), nil, context.DeadlineExceeded, false, 0, "ran out of time"},
		{"nothing", request("GET", false, false), nil, nil, false, 0, "nothing to decide"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := p.Decide(tc.req, tc.resp, tc.err)
			if d.Retry != tc.retry || d.After != tc.after || !strings.Contains(d.Reason, tc.reason) || d.Reason == "" {
				t.Errorf("%+v; want retry %v after %v, a reason with %q", d, tc.retry, tc.after, tc.reason)
			}
			if d.RetryAfter != (d.Retry && tc.resp != nil && tc.after > 0) && !strings.Contains(tc.name, "-ra") {
				t.Errorf("RetryAfter %v without a Retry-After", d.RetryAfter)
			}
		})
	}
}

// TestDecideEveryCode decides for every code of the catalogue with GET,
// POST, PUT and DELETE, with and without Idempotency-Key and Retry-After,
// and holds each decision to the rules it must keep whatever the code.
func TestDecideEveryCode(t *testing.T) {
	t.Parallel()
	p := RetryPolicy{Now: func() time.Time { return now0 }}
	seen := map[int]bool{}
	for _, e := range All() {
		if seen[e.Code] || e.Code == 0 {
			continue
		}
		seen[e.Code] = true
		f, _ := RetryFactsFor(e.Code)
		decisions := map[string]RetryDecision{}
		for _, method := range []string{"GET", "POST", "PUT", "DELETE"} {
			for _, key := range []bool{false, true} {
				for _, ra := range []string{"", "7"} {
					name := fmt.Sprintf("%d/%s/key=%v/ra=%q", e.Code, method, key, ra)
					var resp *http.Response
					if ra == "" {
						resp = response(e.Code)
					} else {
						resp = response(e.Code, ra)
					}
					d := p.Decide(request(method, key, method != "GET"), resp, nil)
					decisions[name] = d
					switch {
					case d.Reason == "" || !strings.HasPrefix(d.Reason, fmt.Sprint(e.Code)):
						t.Errorf("%s: reason %q does not start with the code", name, d.Reason)
					case e.Code < 300 && d.Retry:
						t.Errorf("%s: a 1xx or 2xx is retried", name)
					case d.Retry && f.When != RetryUnchanged && !(f.RetryAfter == RetryAfterTemporary && ra != ""):
						t.Errorf("%s: retried, but its facts say %s", name, f.When)
					case f.When == RetryUnchanged && (method != "POST" || key || !f.IdempotentOnly) && !d.Retry:
						t.Errorf("%s: not retried, but it may succeed unchanged and is safe to repeat: %s", name, d.Reason)
					case method == "POST" && !key && f.IdempotentOnly && d.Retry:
						t.Errorf("%s: a POST without Idempotency-Key is retried on a code that does not promise it was not processed", name)
					case d.Retry && ra != "" && (d.After != 7*time.Second || !d.RetryAfter):
						t.Errorf("%s: retried after %v (RetryAfter %v), want the 7s Retry-After", name, d.After, d.RetryAfter)
					case d.Retry && ra == "" && (d.After != 0 || d.RetryAfter):
						t.Errorf("%s: retried after %v without Retry-After", name, d.After)
					}
				}
			}
		}
		// GET, PUT and DELETE are all idempotent: they get the same answer.
		for _, key := range []bool{false, true} {
			for _, ra := range []string{"", "7"} {
				g := decisions[fmt.Sprintf("%d/GET/key=%v/ra=%q", e.Code, key, ra)]
				for _, m := range []string{"PUT", "DELETE"} {
					if d := decisions[fmt.Sprintf("%d/%s/key=%v/ra=%q", e.Code, m, key, ra)]; d.Retry != g.Retry || d.After != g.After {
						t.Errorf("%d: %s decides %v, GET %v", e.Code, m, d.Retry, g.Retry)
					}
				}
				// An Idempotency-Key never turns a retry into none.
				if a, b := decisions[fmt.Sprintf("%d/POST/key=false/ra=%q", e.Code, ra)], decisions[fmt.Sprintf("%d/POST/key=true/ra=%q", e.Code, ra)]; a.Retry && !b.Retry {
					t.Errorf("%d: a POST is retried without Idempotency-Key but not with one", e.Code)
				}
			}
		}
	}
	if len(seen) < 90 {
		t.Errorf("only %d codes decided", len(seen))
	}
}

func TestDecideBody(t *testing.T) {
	t.Parallel()
	// A body that cannot be sent again is never retried, even where the
	// method is idempotent.
	req, _ := http.NewRequest("PUT", "http://api.example/x", io.NopCloser(strings.NewReader("x")))
	for _, tc := range []struct {
		resp *http.Response
		err  error
	}{{response(503), nil}, {response(408), nil}, {nil, errors.New("reset")}} {
		if d := (RetryPolicy{}).Decide(req, tc.resp, tc.err); d.Retry || !strings.Contains(d.Reason, "GetBody") {
			t.Errorf("%v %v: %+v, want no retry for want of GetBody", tc.resp, tc.err, d)
		}
	}
	// A custom key name, and the request taken from the response.
	p := RetryPolicy{IdempotencyKey: "x-request-id"}
	req = request("POST", false, true)
	req.Header.Set("X-Request-Id", "1")
	resp := response(502)
	resp.Request = req
	if d := p.Decide(nil, resp, nil); !d.Retry || !strings.Contains(d.Reason, "X-Request-Id") {
		t.Errorf("custom key: %+v", d)
	}
}

// checkRetry is the type of go-retryablehttp's Client.CheckRetry.
type checkRetry = func(ctx context.Context, resp *http.Response, err error) (bool, error)

// backoff is the type of go-retryablehttp's Client.Backoff.
type backoff = func(min, max time.Duration, attemptNum int, resp *http.Response) time.Duration

func TestCheckRetryAndBackoff(t *testing.T) {
	t.Parallel()
	p := RetryPolicy{MaxWait: 10 * time.Second, Now: func() time.Time { return now0 }}
	var check checkRetry = p.CheckRetry
	var wait backoff = p.Backoff
	req := request("GET", false, false)
	resp := response(503)
	resp.Request = req
	if ok, err := check(context.Background(), resp, nil); !ok || err != nil {
		t.Errorf("503 to GET: %v, %v", ok, err)
	}
	resp.Request = request("POST", false, true)
	if ok, err := check(context.Background(), resp, nil); ok || err != nil {
		t.Errorf("503 to POST: %v, %v", ok, err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if ok, err := check(ctx, resp, nil); ok || !errors.Is(err, context.Canceled) {
		t.Errorf("canceled: %v, %v", ok, err)
	}
	if d := wait(time.Second, 30*time.Second, 0, response(503, "4")); d != 4*time.Second {
		t.Errorf("Backoff with Retry-After 4: %v", d)
	}
	if d := wait(time.Second, 30*time.Second, 0, response(503, "3600")); d != 10*time.Second {
		t.Errorf("Backoff with Retry-After 3600 and MaxWait 10s: %v", d)
	}
	for attempt, want := range []time.Duration{time.Second, 2 * time.Second, 4 * time.Second, 8 * time.Second, 8 * time.Second} {
		for range 20 {
			if d := wait(time.Second, 8*time.Second, attempt, response(503, "soon")); d < want/2 || d > want {
				t.Fatalf("attempt %d: %v, want %v to %v", attempt, d, want/2, want)
			}
		}
	}
	if d := wait(0, time.Second, 3, nil); d != 0 {
		t.Errorf("min 0: %v", d)
	}
}

func TestRetryFacts(t *testing.T) {
	t.Parallel()
	for code, want := range map[int]RetryFacts{
		503: {When: RetryUnchanged, IdempotentOnly: true, RetryAfter: RetryAfterWait},
		429: {When: RetryUnchanged, IdempotentOnly: true, RetryAfter: RetryAfterWait},
		413: {When: RetryAfterChange, Change: []string{"content"}, RetryAfter: RetryAfterTemporary},
		308: {When: RetryAfterChange, Change: []string{"url"}, RetryAfter: RetryAfterRedirect},
		200: {When: RetryNone},
		408: {When: RetryUnchanged},
	} {
		got, ok := RetryFactsFor(code)
		got.Note = ""
		if !ok || fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%d: %+v, want %+v", code, got, want)
		}
	}
	if _, ok := RetryFactsFor(432); ok {
		t.Error("facts for 432, which the catalogue does not know")
	}
	// Every entry has facts, and a copy changes nothing.
	for _, e := range All() {
		if e.RetryFacts.When == "" {
			t.Errorf("%d %s has no retry facts", e.Code, e.Vendor)
		}
	}
	f, _ := RetryFactsFor(401)
	f.Change[0] = "changed"
	if g, _ := RetryFactsFor(401); g.Change[0] != "credentials" {
		t.Error("changing a copy changed the catalogue")
	}
}

func TestRetryClients(t *testing.T) {
	t.Parallel()
	cs := RetryClients()
	ids := map[string]RetryClient{}
	for _, c := range cs {
		ids[c.ID] = c
		if c.Version == "" || !strings.Contains(c.Source, "https://") {
			t.Errorf("%s: no version or source", c.ID)
		}
	}
	for _, id := range []string{"go-retryablehttp", "aws-sdk-go-v2", "google-api-go-client", "envoy", "urllib3", "okhttp", "axios-retry", "got", "ms-http-resilience", "polly"} {
		if _, ok := ids[id]; !ok {
			t.Errorf("no row for %s", id)
		}
	}
	for _, tc := range []struct {
		client string
		code   int
		want   bool
		when   string
	}{
		{"go-retryablehttp", 503, true, ""},
		{"go-retryablehttp", 501, false, ""},
		{"go-retryablehttp", 429, true, ""},
		{"go-retryablehttp", 404, false, ""},
		{"aws-sdk-go-v2", 429, false, ""},
		{"urllib3", 503, true, "Retry-After"},
		{"urllib3", 500, false, ""},
		{"okhttp", 503, true, "Retry-After is 0"},
		{"got", 413, true, "Retry-After"},
		{"got", 408, true, ""},
		{"envoy", 503, true, "gateway-error"},
		{"envoy", 500, true, "5xx"},
		{"ms-http-resilience", 501, true, ""},
		{"polly", 503, false, ""},
	} {
		got, when := ids[tc.client].Retries(tc.code)
		if got != tc.want || !strings.Contains(when, tc.when) {
			t.Errorf("%s %d: %v %q, want %v with %q", tc.client, tc.code, got, when, tc.want, tc.when)
		}
	}
	r, ok := RetriesFor(501)
	if !ok || !r.Disagree || len(r.Clients) != len(cs) {
		t.Errorf("501: %+v, want a disagreement over every client", r)
	}
	if r, _ := RetriesFor(404); r.Disagree {
		t.Error("404: no client retries it, yet they disagree")
	}
	table := RetryTable()
	codes := map[int]bool{}
	for _, r := range table {
		codes[r.Code] = true
	}
	if !codes[503] || !codes[429] || !codes[408] || !codes[409] || codes[404] || codes[200] {
		t.Errorf("the table's codes %v: want 408, 409, 429, 503 and neither 200 nor 404", codes)
	}
	cs[0].Statuses[0].Status[0] = "200"
	if RetryClients()[0].Statuses[0].Status[0] == "200" {
		t.Error("changing a copy changed the table")
	}
}
