package httpstatus_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"time"

	"github.com/httpstatus/httpstatus"
	"github.com/httpstatus/httpstatus/endpoint"
)

func ExampleParseRetryAfter() {
	now := time.Date(2026, 12, 1, 6, 0, 0, 0, time.UTC)
	for _, v := range []string{"120", "Tue, 01 Dec 2026 06:00:30 GMT", "86400", "-1"} {
		d, err := httpstatus.ParseRetryAfter(v, now, time.Hour) // wait at most an hour
		fmt.Println(d, err)
	}
	// Output:
	// 2m0s <nil>
	// 30s <nil>
	// 1h0m0s <nil>
	// 0s malformed Retry-After: "-1" is neither a number of seconds nor an HTTP-date
}

func ExampleRetryPolicy_Decide() {
	var p httpstatus.RetryPolicy
	get, _ := http.NewRequest("GET", "https://api.example/orders/7", nil)
	post, _ := http.NewRequest("POST", "https://api.example/orders", nil)
	unavailable := &http.Response{StatusCode: 503, Header: http.Header{"Retry-After": {"5"}}}

	d := p.Decide(get, unavailable, nil)
	fmt.Println(d.Retry, d.After)
	d = p.Decide(post, unavailable, nil)
	fmt.Println(d.Retry, d.Reason)
	post.Header.Set("Idempotency-Key", "4b1c7e0f")
	fmt.Println(p.Decide(post, unavailable, nil).Retry)
	// Output:
	// true 5s
	// false 503 does not promise that the server left the request unprocessed; POST is not idempotent (RFC 9110, Section 9.2.2) and the request carries no Idempotency-Key
	// true
}

// The policy's CheckRetry and Backoff have the signatures of
// go-retryablehttp's Client fields, so they plug in without this module
// depending on it:
//
//	client := retryablehttp.NewClient()
//	client.CheckRetry = policy.CheckRetry
//	client.Backoff = policy.Backoff
func ExampleRetryPolicy_CheckRetry() {
	policy := httpstatus.RetryPolicy{MaxWait: 30 * time.Second}
	var checkRetry func(ctx context.Context, resp *http.Response, err error) (bool, error) = policy.CheckRetry

	req, _ := http.NewRequest("DELETE", "https://api.example/orders/7", nil)
	for _, code := range []int{502, 409, 429} {
		resp := &http.Response{StatusCode: code, Request: req, Header: http.Header{}}
		retry, err := checkRetry(context.Background(), resp, nil)
		fmt.Println(code, retry, err)
	}
	// Output:
	// 502 true <nil>
	// 409 false <nil>
	// 429 true <nil>
}

// A retrying http.Client, built on RetryPolicy, against the test endpoint's
// sequence: 503, 503, then 200. The endpoint's 503 carries Retry-After: 5
// as the rules call for; ?header=Retry-After:0 lets the test run at once.
func Example_retryingClient() {
	srv := httptest.NewServer(endpoint.New(endpoint.Config{}))
	defer srv.Close()

	client := &http.Client{Transport: &retrying{next: http.DefaultTransport, max: 4}}
	resp, err := client.Get(srv.URL + "/status/503,503,200?sequence=example&header=Retry-After:0")
	if err != nil {
		fmt.Println(err)
		return
	}
	resp.Body.Close()
	fmt.Println(resp.StatusCode, "after", resp.Header.Get("X-Attempts"), "attempts")
	// Output:
	// 503 retried after 0s: 503 may succeed unchanged; GET is safe to repeat (idempotent, RFC 9110, Section 9.2.2), after the 0s Retry-After asks for
	// 503 retried after 0s: 503 may succeed unchanged; GET is safe to repeat (idempotent, RFC 9110, Section 9.2.2), after the 0s Retry-After asks for
	// 200 after 3 attempts
}

// retrying is a RoundTripper that repeats a request as RetryPolicy decides.
type retrying struct {
	next   http.RoundTripper
	policy httpstatus.RetryPolicy
	max    int
}

func (t *retrying) RoundTrip(req *http.Request) (*http.Response, error) {
	for attempt := 1; ; attempt++ {
		resp, err := t.next.RoundTrip(req)
		d := t.policy.Decide(req, resp, err)
		if !d.Retry || attempt == t.max {
			if resp != nil {
				resp.Header.Set("X-Attempts", fmt.Sprint(attempt))
			}
			return resp, err
		}
		if resp != nil {
			resp.Body.Close()
			fmt.Println(resp.StatusCode, "retried after", d.After.String()+":", d.Reason)
		}
		wait := d.After
		if !d.RetryAfter {
			wait = t.policy.Backoff(100*time.Millisecond, 2*time.Second, attempt-1, resp)
		}
		select {
		case <-req.Context().Done():
			return nil, req.Context().Err()
		case <-time.After(wait):
		}
		if req.GetBody != nil {
			if req.Body, err = req.GetBody(); err != nil {
				return nil, err
			}
		}
	}
}
