// Package check holds an HTTP response to the rules of the HTTP
// specifications (RFC 9110, 9111 and 9112) that depend on its status code
// and on the method of its request: the header rules of each code in the
// catalogue (a 401 MUST carry WWW-Authenticate, a 405 MUST carry Allow, ...)
// and the rules that hold for any response (no content in a 204, Date in a
// 4xx, Content-Length that agrees with the content, the grammar of
// Retry-After, Location, Content-Range, Allow and the auth challenges, ...),
// which the catalogue keeps as data (httpstatus.Rules). Every Finding names
// its rule, the strength the specification gives it (MUST, SHOULD, ...) and
// the section that says so.
//
// Response checks an *http.Response, from a client or from
// httptest.ResponseRecorder.Result; Raw checks the text of a response as
// curl -si prints it; TestResponse does the former inside a test and fails
// it on a MUST or MUST NOT violation.
//
// What is known of the request changes what can be judged. A nil request
// means nothing is known: the method is taken to be GET and rules that
// depend on the request are not applied. A request with a nil Header means
// that only its method is known. Some rules cannot be judged from one
// response at all (a 304 MUST carry the ETag a 200 would have carried);
// those are left out rather than guessed, unless Options.Full says what a
// 200 to the same request carried.
//
// The package uses only the standard library and the catalogue (package
// httpstatus). It never makes a request itself; httpstatus check does, in
// its URL mode.
package check
