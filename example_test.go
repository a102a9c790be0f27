package httpstatus_test

import (
	"fmt"

	"github.com/httpstatus/httpstatus"
)

func ExampleLookup() {
	entries, ok := httpstatus.Lookup(499)
	fmt.Println(ok)
	for _, e := range entries {
		fmt.Println(e.Code, e.Name, "-", e.Vendor)
	}
	// Output:
	// true
	// 499 Client Closed Request - nginx
	// 499 Token Required - Esri ArcGIS
}

func ExampleRegistered() {
	e, ok := httpstatus.Registered(413)
	fmt.Println(ok, e.Name, "|", e.Registration, "|", e.Spec)
	fmt.Println(e.Constants.Go)
	_, ok = httpstatus.Registered(499) // nginx's, not the registry's
	fmt.Println(ok)
	// Output:
	// true Content Too Large | permanent | RFC 9110, Section 15.5.14
	// http.StatusRequestEntityTooLarge
	// false
}

func ExampleAll() {
	registered := 0
	for _, e := range httpstatus.All() {
		if e.Registration != httpstatus.Unofficial {
			registered++
		}
	}
	fmt.Println(registered, "registered codes")
	// Output: 64 registered codes
}

func ExampleHeaders() {
	for _, h := range httpstatus.Headers(401) {
		fmt.Println(h.Requirement, h.Name)
	}
	// Output: MUST WWW-Authenticate
}

func ExampleClasses() {
	for _, c := range httpstatus.Classes() {
		fmt.Println(c.Class, c.Name)
	}
	// Output:
	// 1xx Informational
	// 2xx Successful
	// 3xx Redirection
	// 4xx Client Error
	// 5xx Server Error
}

func ExampleLookupClass() {
	c, ok := httpstatus.LookupClass(5)
	fmt.Println(ok, c.Class, c.Name, "|", c.Spec)
	// Output: true 5xx Server Error | RFC 9110, Section 15.6
}

func ExampleCommon() {
	fmt.Println(httpstatus.Common()[:5])
	// Output: [200 201 204 301 302]
}

func ExampleGuide() {
	for _, r := range httpstatus.Guide() {
		if r.Method == "POST" && r.Outcome == "created" {
			fmt.Println(r.Method, r.Outcome, "→", r.Code)
		}
	}
	// Output: POST created → 201
}

func ExampleConfusions() {
	for _, c := range httpstatus.Confusions() {
		if c.Codes[0] == 401 {
			fmt.Println(c.Codes)
		}
	}
	// Output: [401 403]
}

func ExampleSearch() {
	for _, r := range httpstatus.Search("upload is too big", 3) {
		fmt.Println(r.Entry.Code, r.Entry.Name)
	}
	// Output:
	// 413 Content Too Large
	// 414 URI Too Long
	// 422 Unprocessable Content
}

func ExampleMatch() {
	entries, _ := httpstatus.Match("5x3")
	for _, e := range entries {
		fmt.Printf("%d %s (%s)\n", e.Code, e.Name, e.Registration)
	}
	_, err := httpstatus.Match("4xxx")
	fmt.Println(err)
	// Output:
	// 503 Service Unavailable (permanent)
	// 523 Origin Is Unreachable (unofficial)
	// not a status code or pattern: "4xxx": use a code like 404 or a pattern like 4xx, 41x or 5x3
}

func ExampleParseCode() {
	code, err := httpstatus.ParseCode("418")
	fmt.Println(code, err)
	_, err = httpstatus.ParseCode("4180")
	fmt.Println(err)
	// Output:
	// 418 <nil>
	// not a status code or pattern: "4180": a status code has three digits
}

func ExampleSuggest() {
	fmt.Println(httpstatus.Suggest("gatewya timeuot"))
	// Output: gateway timeout
}

func ExampleRules() {
	for _, r := range httpstatus.Rules() {
		if r.ID == "date" || r.ID == "no-content-204" {
			fmt.Printf("%s: %s %s (%s)\n", r.ID, r.Requirement, r.Status, r.Spec)
		}
	}
	// Output:
	// no-content-204: MUST NOT [204] (RFC 9110, Section 15.3.5)
	// date: MUST [2xx 3xx 4xx] (RFC 9110, Section 6.6.1)
}

func ExampleSituationsFor() {
	for _, s := range httpstatus.SituationsFor(428)[:1] {
		fmt.Println(s.Code, s.Spec)
	}
	// Output:
	// 428 RFC 6585, Section 3
}

func ExampleLookupSituation() {
	s, ok := httpstatus.LookupSituation("missing-credentials")
	fmt.Println(ok, s.Code, s.Headers[0].Name)
	// Output:
	// true 401 WWW-Authenticate
}

func ExampleChoose() {
	w, err := httpstatus.Choose("client-problem", "state", "conditions", "missing")
	if err != nil {
		panic(err)
	}
	fmt.Println(w.Result.Code, w.Result.Name, len(w.Path))
	fmt.Println(w.Back().Question.Text)
	// Output:
	// 428 Precondition Required 4
	// What happened with the condition?
}

func ExampleChooseAt() {
	w, _ := httpstatus.ChooseAt("moved-permanent", "keep-method")
	fmt.Println(w.Answers(), w.Result.Code)
	// Output:
	// [elsewhere moved permanent keep-method] 308
}

func ExampleQuestions() {
	qs := httpstatus.Questions()
	fmt.Println(qs[0].ID, qs[0].Text)
	// Output:
	// start How did the request turn out?
}

func ExampleLookupQuestion() {
	q, _ := httpstatus.LookupQuestion("moved")
	fmt.Println(q.Text, q.Parent, len(q.Answers))
	// Output:
	// Is the move permanent? elsewhere 2
}

func ExampleSituations() {
	fmt.Println(len(httpstatus.Situations()) >= 150)
	// Output:
	// true
}

func ExampleCompare() {
	c, err := httpstatus.Compare(403, 401)
	if err != nil {
		panic(err)
	}
	fmt.Println(c.Entries[0].Code, c.Entries[1].Code)
	fmt.Println(c.Verdict)
	// Output:
	// 401 403
	// 401 when new or fresh credentials could help; 403 when the caller is known and the answer is still no.
}

func ExampleNeighbours() {
	fmt.Println(httpstatus.Neighbours(412))
	// Output:
	// [409 428]
}

func ExampleLookupHeader() {
	f, _ := httpstatus.LookupHeader("retry-after")
	fmt.Println(f.Name, "·", f.Spec)
	for _, u := range f.Codes {
		fmt.Println(u.Requirement, u.Code, u.Name)
	}
	// Output:
	// Retry-After · RFC 9110, Section 10.2.3
	// SHOULD 413 Content Too Large
	// MAY 429 Too Many Requests
	// MAY 503 Service Unavailable
}

func ExampleHeaderFields() {
	for _, f := range httpstatus.HeaderFields() {
		if len(f.Codes) > 5 {
			fmt.Println(f.Name, len(f.Codes))
		}
	}
	// Output:
	// Content-Length 7
	// Location 8
}
