// Package problem writes and reads RFC 9457 problem details: the JSON object
// an HTTP API sends to say what went wrong (application/problem+json).
//
// A Problem holds the five members RFC 9457 defines (type, title, status,
// detail, instance) and any extension members. Extension members are written
// at the top level of the object, beside the standard ones, as RFC 9457,
// Section 3.2 has it, not nested under an "extensions" key; decoding keeps
// every member it does not know.
//
// A Writer sends a problem as the response to a request. It fills in what
// the caller left out from the catalogue (package httpstatus): the type
// defaults to the code's page under Writer.BaseURL ("https://example.com/" +
// "404"), or to about:blank without one, and the title to the code's name
// ("Not Found"). It picks the form from the request's Accept header:
// application/problem+json (also without Accept, or for */*), plain
// application/json for a client that prefers that, or text/plain for one
// that prefers text or accepts none of the three (a fallback any client can
// show; RFC 9110, Section 12.5.1 lets a server disregard Accept rather than
// answer 406). Weights (q) and wildcards count, the most specific range
// deciding; the response says Vary: Accept. Error is the short form, like
// http.Error.
//
// Header fields a status code calls for (WWW-Authenticate for 401, Allow for
// 405, Retry-After for 429 or 503, ...) carry values only the caller knows:
// set them on the ResponseWriter's Header before writing, as with
// http.Error. Write sends what it is given and never makes up a value; when
// the catalogue says the code MUST carry a field the response lacks, Write
// still sends the problem and returns a *HeaderError naming the rule
// (Validate makes the same check without writing).
//
// Read decodes a problem from an *http.Response, for clients, with a cap on
// the size it reads.
//
// The package uses only the standard library and the catalogue (package
// httpstatus, which does not import it back).
package problem
