package endpoint_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"time"

	"github.com/httpstatus/httpstatus/endpoint"
)

// retryDelay is the client code under test: how long a response asks the
// client to wait before it tries again.
func retryDelay(resp *http.Response) (time.Duration, bool) {
	if resp.StatusCode != http.StatusServiceUnavailable && resp.StatusCode != http.StatusTooManyRequests {
		return 0, false
	}
	s, err := strconv.Atoi(resp.Header.Get("Retry-After"))
	if err != nil || s < 0 {
		return time.Second, true // no usable Retry-After: a default back-off
	}
	return time.Duration(s) * time.Second, true
}

// Test a client's back-off against a 503 with Retry-After. ?header= sets the
// Retry-After the test wants; without it the endpoint sends the one the
// catalogue's rules for 503 call for.
func Example() {
	srv := httptest.NewServer(endpoint.New(endpoint.Config{}))
	defer srv.Close()

	resp, err := http.Get(srv.URL + "/status/503?header=Retry-After:120")
	if err != nil {
		fmt.Println(err)
		return
	}
	resp.Body.Close()

	wait, retry := retryDelay(resp)
	fmt.Println(resp.StatusCode, retry, wait)
	// Output: 503 true 2m0s
}
