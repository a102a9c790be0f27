package problem_test

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/httpstatus/httpstatus/problem"
)

func ExampleError() {
	handler := func(w http.ResponseWriter, r *http.Request) {
		problem.Error(w, r, http.StatusNotFound, "no user with the id 42")
	}
	rec := httptest.NewRecorder()
	handler(rec, httptest.NewRequest("GET", "/users/42", nil))
	fmt.Println(rec.Code, rec.Header().Get("Content-Type"))
	fmt.Print(rec.Body)
	// Output:
	// 404 application/problem+json
	// {"type":"about:blank","title":"Not Found","status":404,"detail":"no user with the id 42"}
}

func ExampleWriter_Write() {
	wr := problem.Writer{BaseURL: "https://docs.example.com/errors/", Language: "en"}
	handler := func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "120")
		wr.Write(w, r, problem.Problem{ //nolint:errcheck // 429 needs no header
			Status: http.StatusTooManyRequests,
			Detail: "at most 100 requests a minute",
			Extensions: map[string]any{
				"limit":     100,
				"remaining": 0,
			},
		})
	}
	rec := httptest.NewRecorder()
	handler(rec, httptest.NewRequest("GET", "/", nil))
	fmt.Println(rec.Code, rec.Header().Get("Retry-After"), rec.Header().Get("Content-Language"))
	fmt.Print(rec.Body)
	// Output:
	// 429 120 en
	// {"type":"https://docs.example.com/errors/429","title":"Too Many Requests","status":429,"detail":"at most 100 requests a minute","limit":100,"remaining":0}
}

func ExampleWriter_Write_negotiation() {
	for _, accept := range []string{
		"",
		"application/json",
		"text/html, text/*;q=0.5",
		"application/json;q=0.5, application/problem+json",
	} {
		req := httptest.NewRequest("GET", "/", nil)
		if accept != "" {
			req.Header.Set("Accept", accept)
		}
		rec := httptest.NewRecorder()
		problem.Error(rec, req, http.StatusBadRequest, "q is required")
		fmt.Printf("%-50q %s\n", accept, rec.Header().Get("Content-Type"))
	}
	// Output:
	// ""                                                 application/problem+json
	// "application/json"                                 application/json
	// "text/html, text/*;q=0.5"                          text/plain; charset=utf-8
	// "application/json;q=0.5, application/problem+json" application/problem+json
}

func ExampleWriter_Write_text() {
	req := httptest.NewRequest("GET", "/", nil)
	req.Header.Set("Accept", "text/plain")
	rec := httptest.NewRecorder()
	problem.Writer{}.Write(rec, req, problem.Problem{ //nolint:errcheck // 409 needs no header
		Status:     http.StatusConflict,
		Detail:     "the name is taken",
		Instance:   "/requests/7f3a",
		Extensions: map[string]any{"name": "ada"},
	})
	fmt.Print(rec.Body)
	// Output:
	// 409 Conflict
	//
	// the name is taken
	//
	// type: about:blank
	// instance: /requests/7f3a
	// name: "ada"
}

func ExampleValidate() {
	// A 401 MUST carry a challenge, which only the caller can give.
	rec := httptest.NewRecorder()
	err := problem.Error(rec, nil, http.StatusUnauthorized, "log in first")
	fmt.Println(rec.Code, err)

	rec = httptest.NewRecorder()
	rec.Header().Set("WWW-Authenticate", `Bearer realm="api"`)
	err = problem.Error(rec, nil, http.StatusUnauthorized, "log in first")
	fmt.Println(rec.Code, err)
	// Output:
	// 401 problem: a 401 response MUST carry WWW-Authenticate (RFC 9110, Section 15.5.2)
	// 401 <nil>
}

func ExampleProblem_MarshalJSON() {
	p := problem.Problem{
		Type:   "https://example.com/probs/out-of-credit",
		Title:  "You do not have enough credit.",
		Status: 403,
		Detail: "Your current balance is 30, but that costs 50.",
		Extensions: map[string]any{
			"balance":  30,
			"accounts": []string{"/account/12345", "/account/67890"},
		},
	}
	b, _ := json.Marshal(p)
	fmt.Println(string(b))
	// Output:
	// {"type":"https://example.com/probs/out-of-credit","title":"You do not have enough credit.","status":403,"detail":"Your current balance is 30, but that costs 50.","accounts":["/account/12345","/account/67890"],"balance":30}
}

func ExampleRead() {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/problem+json")
		w.WriteHeader(http.StatusForbidden)
		io.WriteString(w, `{"type":"https://example.com/probs/out-of-credit","title":"You do not have enough credit.","balance":30}`)
	}))
	defer srv.Close()

	resp, err := http.Get(srv.URL)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer resp.Body.Close()
	p, err := problem.Read(resp)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(p.Status, p.Type)
	fmt.Println(p.Title, p.Extensions["balance"])
	fmt.Println(p)
	// Output:
	// 403 https://example.com/probs/out-of-credit
	// You do not have enough credit. 30
	// 403 You do not have enough credit.
}

func ExampleRead_notAProblem() {
	resp := &http.Response{
		StatusCode: http.StatusBadGateway,
		Header:     http.Header{"Content-Type": {"text/html"}},
		Body:       io.NopCloser(strings.NewReader("<h1>Bad Gateway</h1>")),
	}
	_, err := problem.Read(resp)
	fmt.Println(err)
	// Output:
	// problem: the response is not problem details: Content-Type "text/html"
}

func ExampleTitle() {
	fmt.Println(problem.Title(413))
	fmt.Println(problem.Title(499)) // a vendor code: nginx's meaning comes first
	fmt.Printf("%q\n", problem.Title(432))
	// Output:
	// Content Too Large
	// Client Closed Request
	// ""
}

func ExampleWriter_Error() {
	wr := problem.Writer{BaseURL: "https://httpstatus.example/"}
	rec := httptest.NewRecorder()
	rec.Header().Set("Allow", "GET, HEAD")
	err := wr.Error(rec, httptest.NewRequest("DELETE", "/invoices/7", nil), http.StatusMethodNotAllowed, "invoices cannot be deleted")
	fmt.Println(rec.Code, rec.Header().Get("Allow"), err)
	fmt.Print(rec.Body)
	// Output:
	// 405 GET, HEAD <nil>
	// {"type":"https://httpstatus.example/405","title":"Method Not Allowed","status":405,"detail":"invoices cannot be deleted"}
}

func ExampleProblem_UnmarshalJSON() {
	var p problem.Problem
	err := json.Unmarshal([]byte(`{"title":"Out of credit","status":"403","balance":30,"accounts":["/account/1"]}`), &p)
	fmt.Println(err)
	fmt.Printf("%q %d\n", p.Title, p.Status) // a status that is not a number is ignored
	fmt.Println(p.Extensions["balance"], p.Extensions["accounts"])
	// Output:
	// <nil>
	// "Out of credit" 0
	// 30 [/account/1]
}
