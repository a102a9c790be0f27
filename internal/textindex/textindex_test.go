package textindex

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// Outputs of Porter's reference implementation.
func TestStem(t *testing.T) {
	for w, want := range map[string]string{
		"caresses": "caress", "ponies": "poni", "relational": "relat", "conditional": "condit",
		"generalization": "gener", "redirecting": "redirect", "redirection": "redirect",
		"authentication": "authent", "authenticated": "authent", "unauthorized": "unauthor",
		"throttled": "throttl", "throttling": "throttl", "hopping": "hop", "happy": "happi",
		"adjustment": "adjust", "agreed": "agre", "filing": "file", "feed": "feed",
		"controlling": "control", "rolling": "roll", "rate": "rate", "requests": "request",
		"404": "404", "is": "is", "a": "a",
	} {
		if got := Stem(w); got != want {
			t.Errorf("Stem(%q) = %q, want %q", w, got, want)
		}
	}
}

// Stem works in a buffer on the stack: the stem is its one allocation.
func TestStemAllocations(t *testing.T) {
	if n := testing.AllocsPerRun(100, func() { Stem("generalization") }); n > 1 {
		t.Errorf("Stem allocates %v times, want at most 1", n)
	}
}

// tokenize takes a word of lower-case letters as it is; signal and chunk,
// which it skips for such a word, must agree, in a query and in a document.
func TestLowerWordFastPath(t *testing.T) {
	for _, w := range []string{"a", "not", "found", "deadbeef", "abcdefabcdef", "unauthorized", "http", "h"} {
		if !lowerWord(w) {
			t.Fatalf("lowerWord(%q) = false", w)
		}
		f, ok := signal(w)
		if !ok || f != w {
			t.Errorf("signal(%q) = %q, %v; the fast path keeps it whole", w, f, ok)
		}
		words, idents := chunk(w, false, false, nil, nil)
		if !slices.Equal(words, []string{w}) || len(idents) > 0 {
			t.Errorf("chunk(%q) = %q, %q; the fast path gives [%s] and no identifier", w, words, idents, w)
		}
		for _, noise := range []bool{true, false} {
			if got, ids := tokenize("x "+w, noise, nil); !slices.Equal(got, []string{"x", w}) || len(ids) > 0 {
				t.Errorf("tokenize(%q, %v) = %q, %q", "x "+w, noise, got, ids)
			}
		}
	}
	for _, w := range []string{"", "Not", "h12", "don't", "a_b", "x.y", "found?"} {
		if lowerWord(w) {
			t.Errorf("lowerWord(%q) = true", w)
		}
	}
}

// "Error 1015" names an error, wherever the rest of its message stands;
// "error 404" is a status and "error 10150" a count, not names.
func TestErrorNumbers(t *testing.T) {
	tests := []struct {
		text string
		want string // the error's name among the identifiers, or none
	}{
		{"Error 1015: You are being rate limited", "error1015"},
		{"Error 1015 Ray ID: 7c4d2a1f9e8b3c56 You are being rate limited", "error1015"},
		{"cloudflare error 1020", "error1020"},
		{"ERROR: 1020 access denied", "error1020"},
		{"error 404 not found", ""},
		{"error 10150", ""},
		{"1015 error", ""},
		{"error code 1015", ""},
	}
	for _, tt := range tests {
		for _, noise := range []bool{true, false} {
			_, ids := tokenize(tt.text, noise, nil)
			var got []string
			for _, id := range ids {
				if strings.HasPrefix(id, "error") {
					got = append(got, id)
				}
			}
			if want := []string{tt.want}; tt.want == "" && len(got) > 0 || tt.want != "" && !slices.Equal(got, want) {
				t.Errorf("tokenize(%q, %v) identifiers %q, want the error's name %q", tt.text, noise, ids, tt.want)
			}
		}
	}
	// GET in capitals is the method, which says something ("Cannot GET
	// /path"); the verb "get" is a stop word.
	if w, _ := tokenize("Cannot GET /api/health", true, nil); !slices.Contains(w, "httpget") {
		t.Errorf("tokenize(Cannot GET /api/health) = %q, want the method among the words", w)
	}
	if w, _ := tokenize("how do i get a 404", true, nil); slices.Contains(w, "httpget") {
		t.Errorf("the verb get became the method: %q", w)
	}
	// Five digits are a vendor's error number (Twilio's 20003, Cloudflare's
	// API 10000); more are a size, an id or a time.
	if w, _ := tokenize("Twilio error 20003 after 1048576 bytes", true, nil); !slices.Contains(w, "20003") || slices.Contains(w, "1048576") {
		t.Errorf("tokenize kept %q, want 20003 and not 1048576", w)
	}
	if ids := Idents("Error 1033: Argo Tunnel error"); !slices.Contains(ids, "error1033") {
		t.Errorf("Idents of a signal's text = %q, want error1033 among them", ids)
	}
}

func TestStatusCodes(t *testing.T) {
	tests := []struct {
		query string
		want  []int
	}{
		{"404 not found", []int{404}},
		{"HTTP/1.1\" (503) status=502", []int{502, 503}}, // a key's status first
		{"1710410000.123    201 10.0.0.66 TCP_DENIED/403 3905 CONNECT", []int{403, 201}},
		{"app/prod-alb/50dc 0.000 -1 -1 504 - 412 202 \"GET", []int{504, 412, 202}}, // in the order they stand
		{"HTTP Error 404.13 - Not Found", []int{404}},
		{"TCP_DENIED/403 1520 GET", []int{403}},
		{"upstream timed out after 100 seconds", nil},
		{"client sent 413 bytes", nil},
		{"Allowed memory size exhausted in Connection.php on line 421", nil},
		{`File "/app/views.py", line 404, in handler`, nil},
		{"connect() to 10.0.0.7 port 500 failed (111: Connection refused)", nil},
		{"recv() failed (104: Connection reset by peer)", nil},
		{"ConnectionResetError: [Errno 104] Connection reset by peer", nil},
		{"at 10:52:01.520 the proxy answered 502", []int{502}},
		{"(Reason: CORS header 'Access-Control-Allow-Origin' missing). Status code: 502.", []int{502}},
		{`Failure responding to request: StatusCode=403 -- Original Error: Status=403 Code="AuthorizationFailed"`, []int{403}},
		{"listener port=443 line=404", nil},
		{`expected 200 "OK", got 401 "Unauthorized"`, []int{401}}, // what a test wanted is not what came
		{"got 404, want 200", []int{404}},
		{`ERROR: HTTP.Exceptions.StatusError(403, "GET", "/v1/prices", HTTP.Messages.Response:`, []int{403}}, // an error made with its status
		{"raise HTTPError(404)", []int{404}},
		{"resulted in a `409 Conflict` response", []int{409}}, // Guzzle quotes it in backticks
		{"sleep(500)", nil},
		{"Postmark ErrorCode 300 Invalid email request", nil}, // a vendor's own error number
		{"error_code=406 recipient inactive", nil},
		{"HTTP error code 404", []int{404}},
		{"606 Max rate limit '100' exceeded with in '20' secs", []int{606}},                                // '100' is a quoted value
		{"Waiting for HTTP-01 challenge propagation: wrong status code '404', expected '200'", []int{404}}, // quoted, but called a status
	}
	for _, tt := range tests {
		if got := statusCodes(tt.query); !slices.Equal(got, tt.want) {
			t.Errorf("statusCodes(%q) = %v, want %v", tt.query, got, tt.want)
		}
	}
	// In JSON, a number under a key that names no status, code or error
	// is that field's value; a key that names a status gives it first.
	for _, tt := range []struct {
		json string
		want []int
	}{
		{`{"cost":{"requestedQueryCost":1002,"throttleStatus":{"maximumAvailable":2000.0,"restoreRate":100.0}}}`, nil},
		{`{"error":{"code":403,"message":"denied"},"retries":500}`, []int{403}},
		{`{"statusCode":429,"limit":500}`, []int{429}},
		{`{"cod":401, "message": "Invalid API key."}`, []int{401}},                         // OpenWeatherMap's key for the code
		{`FetchError: "https://api.example.com/v1": 422 Unprocessable Entity`, []int{422}}, // a URL is no key
	} {
		text, keyed := jsonKeys(tt.json)
		got := keyed
		for _, c := range statusCodes(text) {
			if !slices.Contains(got, c) {
				got = append(got, c)
			}
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("the statuses of %s = %v, want %v", tt.json, got, tt.want)
		}
	}
}

// A signal's text with variable parts is held by a query that holds the
// runs between them in order, whatever fills them.
func TestGaps(t *testing.T) {
	text := "The * method is not supported for *. Supported methods: *."
	stems, _ := analyze(text)
	g := gaps(text, stems)
	if want := uint64(1) << 3; g != want { // method not support | support method
		t.Fatalf("gaps(%q) over %q = %b, want %b", text, stems, g, want)
	}
	if g := gaps("Primary script unknown", []string{"primari", "script", "unknown"}); g != 0 {
		t.Errorf("a text without variable parts has gaps %b", g)
	}
	if g := gaps("a * b", []string{"x"}); g != 0 {
		t.Errorf("parts that do not give the text's stems gave gaps %b", g)
	}
	id := map[string]int32{}
	ids := func(ws ...string) []int32 {
		var out []int32
		for _, w := range ws {
			if _, ok := id[w]; !ok {
				id[w] = int32(len(id))
			}
			out = append(out, id[w])
		}
		return out
	}
	sub := ids("method", "not", "support", "support", "method")
	tests := []struct {
		seq  []int32
		want bool
	}{
		{ids("post", "method", "not", "support", "rout", "api", "support", "method", "get"), true},
		{ids("method", "not", "support", "support", "method"), true},
		{ids("support", "method", "post", "method", "not", "support"), false}, // runs out of order
		{ids("method", "not", "rout", "support", "support", "method"), false}, // a run broken
		{ids("method", "not", "support"), false},
	}
	for _, tt := range tests {
		if got := containsGapped(tt.seq, sub, g); got != tt.want {
			t.Errorf("containsGapped(%v, %v, %b) = %v, want %v", tt.seq, sub, g, got, tt.want)
		}
	}
	if containsGapped(tests[0].seq, sub, 0) {
		t.Errorf("without gaps the phrase must stand whole")
	}
}

// A base error class's name is no name of its own: "reqwest::Error" and
// Caddy's logger "http.log.error" share only "error", which must not make
// them the same identifier; their qualified forms stay.
func TestBaseNames(t *testing.T) {
	for text, want := range map[string]string{"reqwest::Error": "reqwesterror", "http.log.error": "logerror", "builtins.Exception": "builtinsexception"} {
		ids := Idents(text)
		if slices.Contains(ids, "error") || slices.Contains(ids, "exception") || !slices.Contains(ids, want) {
			t.Errorf("Idents(%q) = %q, want %q and no bare base name", text, ids, want)
		}
	}
	if ids := Idents("NotFoundException"); !slices.Contains(ids, "notfoundexception") {
		t.Errorf("Idents(NotFoundException) = %q", ids)
	}
}

// A capitalised name called is a method's name: ASP.NET Core's
// "return Forbid();" names ControllerBase.Forbid. Lower-case calls and base
// classes are not names.
func TestCallNames(t *testing.T) {
	for text, want := range map[string]string{"return Forbid();": "forbid", "NotFound()": "notfound", "open() failed": "", "Error(x)": "", "Ok()": ""} {
		_, ids := tokenize(text, true, nil)
		if got := slices.Contains(ids, want); want != "" && !got || want == "" && len(ids) > 0 {
			t.Errorf("tokenize(%q) identifiers %q, want %q", text, ids, want)
		}
	}
}

// A log level below error, in capitals, is noise in a pasted line
// (Django logs its 404s as "WARNING ... Not Found: /path"); ERROR and above
// stay, and so does a level typed alone.
func TestLogLevels(t *testing.T) {
	for text, want := range map[string][]string{
		"WARNING 2024-05-02 10:14:03,221 log 12 Not Found: /x": {"log", "12", "not", "found"},
		"[INFO] upstream closed":                               {"upstream", "closed"},
		"ERROR [app] Exception on /api/export [GET]":           {"error", "app", "exception", "on", "httpget"},
		"WARNING":            {"warning"},
		"warning: not found": {"warning", "not", "found"},
	} {
		words, _ := tokenize(text, true, nil)
		if !slices.Equal(words, want) {
			t.Errorf("tokenize(%q) = %q, want %q", text, words, want)
		}
	}
}

// A qualified class name's namespace is marked in a query, so that a
// document is not cut for lacking it; in a document's text it is plain words.
func TestQualifiers(t *testing.T) {
	q := qualMark
	for _, c := range []struct {
		text  string
		noise bool
		want  []string
	}{
		{"System.Threading.Tasks.TaskCanceledException: A task", true, []string{q + "system", q + "threading", q + "tasks", "task", "canceled", "exception", "a", "task"}},
		{"requests.exceptions.ConnectionError", true, []string{q + "requests", q + "exceptions", "connectionerror"}},
		{"System.Threading.Tasks.TaskCanceledException", false, []string{"system", "threading", "tasks", "task", "canceled", "exception"}},
		{"net/http: request canceled", true, []string{"net", "http", "request", "canceled"}}, // no class name: nothing optional
		{"app.config.timeout", true, []string{"app", "config", "timeout"}},
	} {
		words, _ := tokenize(c.text, c.noise, nil)
		if !slices.Equal(words, c.want) {
			t.Errorf("tokenize(%q, %v) = %q, want %q", c.text, c.noise, words, c.want)
		}
	}
}

// An address is noise, but the error an OAuth redirect carries in it is
// not.
func TestURLError(t *testing.T) {
	for text, want := range map[string][]string{
		"https://app.example.com/cb?error=access_denied&state=xyz":                                  {"access", "denied"},
		"/callback?code=abc&state=1":                                                                nil,
		"https://app.example.com/cb?error=invalid_scope&error_description=The+scope+is+not+allowed": {"invalid", "scope", "the", "scope", "is", "not", "allowed"},
		"https://api.example.com/v1/items?page=2":                                                   nil,
	} {
		words, _ := tokenize(text, true, nil)
		if !slices.Equal(words, want) {
			t.Errorf("tokenize(%q) = %q, want %q", text, words, want)
		}
	}
	// The words an address carries count against the query's bound.
	long := "https://a.example.com/cb?error_description=" + strings.Repeat("word+", 500)
	if words, _ := tokenize(long, true, nil); len(words) > maxQueryTokens+1 {
		t.Errorf("tokenize read %d words of an error description, want at most about %d", len(words), maxQueryTokens)
	}
}

// A Smithy shape ID, as AWS's JSON protocols name an error in "__type",
// reads as the qualified name of the error; a URL's fragment and "C#" stay
// as they were.
func TestShapeID(t *testing.T) {
	for text, want := range map[string]string{
		"com.amazonaws.dynamodb.v20120810#ResourceNotFoundException":      "resourcenotfoundexception",
		`"com.amazonaws.kinesis#ProvisionedThroughputExceededException",`: "provisionedthroughputexceededexception",
	} {
		if _, idents := tokenize(text, true, nil); !slices.Contains(idents, want) {
			t.Errorf("tokenize(%q): identifiers %q, want %q among them", text, idents, want)
		}
	}
	for _, f := range []string{"https://docs.github.com/rest/issues/labels#create-a-label", "C#", "x#y"} {
		if got := shapeID(f); got != f {
			t.Errorf("shapeID(%q) = %q, want it unchanged", f, got)
		}
	}
}

// signal keeps what of a pasted field may carry meaning.
func TestSignalFields(t *testing.T) {
	tests := []struct {
		field string
		want  string // "" for noise
	}{
		{"(pid:12345)", "pid"},   // a name and a long number: the name
		{"port:443", "port:443"}, // a short number stays for the words
		{"30000ms", "ms"},        // a quantity keeps its unit
		{"12345kb", "kb"},
		{"5000ms", "ms"}, // however few its digits
		{"404s", "404s"}, // statuses in the plural are no quantity
		{"req-8f31a0c2d4", ""},
		{"AH01630:", "AH01630"},
		{"AADSTS7000215:", "AADSTS7000215"}, // Microsoft Entra's error numbers
		{"E0000047", "E0000047"},            // Okta's, though every character is a hex digit
		{"a3f9c2e1", ""},
		{"server12345", ""},
		{"10.0.0.7:8080", ""},
		{"2024-05-02", ""},
		{"key=value", "value"},
		{"myapp.ngrok-free.app", ""}, // host names
		{"api.example.com", ""},
		{"404.13", "404.13"}, // a status and its sub-status
		{"(500.19)", "500.19"},
		{"0.873,", ""}, // measures
		{"29.01", ""},
		{"2.0", ""},
		{"shop.example.co.za", ""}, // a country's domain
		{"www.example.com.br", ""},
		{"main.go", "main.go"}, // a file, not a host
		{"user.id", "user.id"},
		{"http.StatusTeapot", "http.StatusTeapot"}, // names in code
		{"json.loads", "json.loads"},
		{"org.springframework.web", "org.springframework.web"},
	}
	for _, tt := range tests {
		got, ok := signal(tt.field)
		if !ok {
			got = ""
		}
		if got != tt.want {
			t.Errorf("signal(%q) = %q, %v; want %q", tt.field, got, ok, tt.want)
		}
	}
}

func TestAmerican(t *testing.T) {
	for w, want := range map[string]string{
		"unauthorised": "unauthorized", "authorisation": "authorization", "recognise": "recognize",
		"behaviour": "behavior", "centre": "center", "licence": "license", "promise": "promise",
		"otherwise": "otherwise", "raise": "raise",
	} {
		if got := american(w); got != want {
			t.Errorf("american(%q) = %q, want %q", w, got, want)
		}
	}
}

func TestAnalyze(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"I'm a teapot", []string{"im", "teapot"}},
		{"Request Time-out", []string{"request", "timeout"}},
		{"the server timed out", []string{"server", "timeout"}},
		{"client took too long", []string{"client", "timeout"}},
		{"upload is too big", []string{"upload", "too", "larg"}},
		{"doesn't exist", []string{"not", "exist"}},
		{"HTTP/1.0 client", []string{"http1", "version", "client"}},
		{"rate-limited", []string{"ratelimit"}},
		{"Log in on Wi-Fi", []string{"login", "wifi"}},
		{"", nil},
	}
	for _, tt := range tests {
		if got := Analyze(tt.text); !slices.Equal(got, tt.want) {
			t.Errorf("Analyze(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestEditDistance(t *testing.T) {
	tests := []struct {
		a, b  string
		limit int
		want  int
	}{
		{"gateway", "gateway", 2, 0},
		{"gatway", "gateway", 2, 1},
		{"timeuot", "timeout", 2, 1}, // a swap of neighbours is one edit
		{"kitten", "sitting", 3, 3},
		{"abc", "xyz", 1, 2}, // beyond the limit: limit+1
	}
	for _, tt := range tests {
		if got := editDistance(tt.a, tt.b, tt.limit); got != tt.want {
			t.Errorf("editDistance(%q, %q, %d) = %d, want %d", tt.a, tt.b, tt.limit, got, tt.want)
		}
	}
}

func testIndex() *Index {
	return Build([]Doc{
		{Code: 404, Official: true, Fields: []Field{{Text: "Not Found", Weight: WeightName, Phrase: true}, {Text: "nothing answers at this address", Weight: WeightDescr}}},
		{Code: 410, Official: true, Target: 1, Fields: []Field{{Text: "Gone", Weight: WeightName, Phrase: true}, {Text: "the resource was deleted and is not found any more", Weight: WeightDescr}}},
		{Code: 499, Target: 2, Fields: []Field{{Text: "Client Closed Request", Weight: WeightName, Phrase: true}, {Text: "nginx", Weight: WeightVendor, Vendor: true}}},
		{Code: 460, Target: 3, Fields: []Field{{Text: "Client Closed Connection", Weight: WeightName, Phrase: true}, {Text: "AWS Elastic Load Balancing", Weight: WeightVendor, Vendor: true}}},
		// A signal: an nginx log line that stands for 499.
		{Code: 499, Official: true, Target: 2, Copied: true, Fields: []Field{{Text: "client prematurely closed connection", Weight: WeightSignal, Phrase: true, Ident: true}, {Text: "nginx", Weight: WeightProduct, Vendor: true}}},
		// A constant that stands for 404.
		{Code: 404, Official: true, Target: 0, Fields: []Field{{Text: "HttpStatus.NOT_FOUND", Weight: WeightSignal, Phrase: true, Ident: true}}},
	})
}

func TestSearchRanks(t *testing.T) {
	ix := testIndex()
	codes := func(q string) []int {
		var out []int
		for _, h := range ix.Search(q, 0) {
			out = append(out, int(ix.Docs[h.Doc].Code))
		}
		return out
	}
	tests := []struct {
		query string
		first int
	}{
		{"not found", 404}, // a name beats a description
		{"gone", 410},      //
		{"nto fuond", 404}, // typos
		{"deleted", 410},   // description only
		{"nginx client closed", 499},
		{"aws client closed", 460},
		{"404", 404}, // a code in the query
	}
	for _, tt := range tests {
		got := codes(tt.query)
		if len(got) == 0 || got[0] != tt.first {
			t.Errorf("Search(%q) = %v, want %d first", tt.query, got, tt.first)
		}
	}
	if got := codes("zzzz qqqq"); len(got) != 0 {
		t.Errorf("unknown words found %v", got)
	}
	if got := codes("zzzz qqqq xxxx gone"); len(got) != 0 {
		t.Errorf("a query with one known word in four found %v", got)
	}
	if got := ix.Search("client", 1); len(got) != 1 {
		t.Errorf("limit 1 returned %d hits", len(got))
	}
}

// Two signals that share their words are one piece of evidence: the
// second code of both may not climb over the first code of the one the
// query holds. Signals of different words still add up.
func TestSecondEvidence(t *testing.T) {
	signal := func(code, target int, prior float64, text string) Doc {
		return Doc{Code: code, Official: true, Target: target, Prior: prior, Copied: true,
			Fields: []Field{{Text: text, Weight: WeightSignal, Phrase: true, Ident: true}}}
	}
	docs := []Doc{
		{Code: 401, Official: true, Fields: []Field{{Text: "Unauthorized", Weight: WeightName, Phrase: true}}},
		{Code: 302, Official: true, Target: 1, Fields: []Field{{Text: "Found", Weight: WeightName, Phrase: true}}},
		{Code: 403, Official: true, Target: 2, Fields: []Field{{Text: "Forbidden", Weight: WeightName, Phrase: true}}},
		signal(401, 0, 1, "AuthenticationScheme: * was challenged by the handler."),
		signal(302, 1, 0.95, "AuthenticationScheme: * was challenged by the handler."),
		signal(403, 2, 1, "AuthenticationScheme: * was forbidden by the handler."),
		signal(302, 1, 0.95, "AuthenticationScheme: * was forbidden by the handler."),
		// The name of an exception and its message: two pieces of evidence.
		signal(403, 2, 1, "AccessDeniedException"),
		signal(403, 2, 1, "Access is denied by the voter"),
		signal(401, 0, 1, "Access is denied by the voter, token rejected"),
	}
	// Other entries, as in a catalogue, so that none of these words is
	// common enough to be passed over.
	for i := range 40 {
		docs = append(docs, Doc{Code: 500 + i, Official: true, Target: len(docs), Fields: []Field{{Text: fmt.Sprintf("filler%c%c", 'a'+i/26, 'a'+i%26), Weight: WeightName, Phrase: true}}})
	}
	ix := Build(docs)
	first := func(q string) int {
		hits := ix.Search(q, 3)
		if len(hits) == 0 {
			return 0
		}
		return int(ix.Docs[hits[0].Doc].Code)
	}
	if got := first("info: AuthenticationScheme: Bearer was challenged by the handler."); got != 401 {
		t.Errorf("a held signal's first code lost to its second code, which a look-alike signal also gives: got %d first, want 401", got)
	}
	if got := first("AccessDeniedException: Access is denied by the voter"); got != 403 {
		t.Errorf("an exception's name and its message did not add up: got %d first, want 403", got)
	}
}

// A signal that is one identifier is a name: typed as words it is only a
// hint, pasted as it is it decides.
func TestNamedSignal(t *testing.T) {
	docs := []Doc{
		{Code: 400, Official: true, Fields: []Field{{Text: "Bad Request", Weight: WeightName, Phrase: true}}},
		{Code: 401, Official: true, Target: 1, Fields: []Field{
			{Text: "Unauthorized", Weight: WeightName, Phrase: true},
			{Text: "token expired", Weight: WeightAlias, Phrase: true},
		}},
		{Code: 400, Official: true, Target: 0, Copied: true, Fields: []Field{
			{Text: "TOKEN_EXPIRED", Weight: WeightSignal, Phrase: true, Ident: true},
			{Text: "Firebase Authentication", Weight: WeightProduct, Vendor: true},
		}},
	}
	for i := range 40 {
		docs = append(docs, Doc{Code: 500 + i, Official: true, Target: len(docs), Fields: []Field{{Text: fmt.Sprintf("filler%c%c", 'a'+i/26, 'a'+i%26), Weight: WeightName, Phrase: true}}})
	}
	ix := Build(docs)
	if !ix.Docs[2].Named || ix.Docs[1].Named {
		t.Fatalf("Named: signal %v, entry %v; want true, false", ix.Docs[2].Named, ix.Docs[1].Named)
	}
	for q, want := range map[string]int{"token expired": 401, "TOKEN_EXPIRED": 400, `{"error":{"message":"TOKEN_EXPIRED"}}`: 400} {
		hits := ix.Search(q, 3)
		if len(hits) == 0 || ix.Docs[hits[0].Target].Code != int32(want) {
			t.Errorf("Search(%q) = %v, want %d first", q, hits, want)
		}
	}
}

// The name in a message ("TypeError: Failed to fetch") is a class many
// messages share: without its message it is weaker evidence than a signal
// that is the name alone.
func TestNameInMessage(t *testing.T) {
	docs := []Doc{
		{Code: 0, Official: true, Fields: []Field{{Text: "No Status", Weight: WeightName, Phrase: true}}},
		{Code: 500, Official: true, Target: 1, Fields: []Field{{Text: "Internal Server Error", Weight: WeightName, Phrase: true}}},
		{Code: 0, Official: true, Target: 0, Copied: true, Fields: []Field{{Text: "TypeError: Failed to fetch", Weight: WeightSignal, Phrase: true, Ident: true}}},
		{Code: 500, Official: true, Target: 1, Copied: true, Fields: []Field{{Text: "TypeError", Weight: WeightSignal, Phrase: true, Ident: true}}},
	}
	for i := range 40 {
		docs = append(docs, Doc{Code: 600 + i, Official: true, Target: len(docs), Fields: []Field{{Text: fmt.Sprintf("filler%c%c", 'a'+i/26, 'a'+i%26), Weight: WeightName, Phrase: true}}})
	}
	ix := Build(docs)
	if !ix.Docs[2].Sentence || ix.Docs[3].Sentence {
		t.Fatalf("Sentence: message %v, bare name %v; want true, false", ix.Docs[2].Sentence, ix.Docs[3].Sentence)
	}
	for q, want := range map[string]int{"TypeError: Cannot read properties of undefined (reading 'id')": 500, "TypeError: Failed to fetch": 0} {
		hits := ix.Search(q, 3)
		if len(hits) == 0 || ix.Docs[hits[0].Target].Code != int32(want) {
			t.Errorf("Search(%q) = %v, want %d first", q, hits, want)
		}
	}
}

// A typed query keeps its words, terms and hits on the stack: SearchBuf
// with room for the hits allocates nothing once its scratch is pooled, when
// the index knows the query's words (an unknown word's stem is made).
func TestSearchBufAllocations(t *testing.T) {
	ix := testIndex()
	var buf [16]Hit
	for _, q := range []string{"client closed request", "not found", "nginx client closed connection"} {
		if n := testing.AllocsPerRun(100, func() { ix.SearchBuf(q, 10, buf[:0]) }); n > 0 {
			t.Errorf("SearchBuf(%q) allocates %v times, want none", q, n)
		}
		got, want := ix.SearchBuf(q, 10, buf[:0]), ix.Search(q, 10)
		if !slices.Equal(got, want) {
			t.Errorf("SearchBuf(%q) = %v, Search = %v", q, got, want)
		}
	}
}

// A document's state from an earlier search is ignored by its gen; when
// the count of searches wraps, every state is cleared.
func TestScratchGenerations(t *testing.T) {
	sc := &scratch{docs: make([]docState, 3), gen: 7}
	sc.docs[1] = docState{score: 2, gen: 7}
	sc.next()
	if sc.gen != 8 || sc.docs[1].gen == sc.gen {
		t.Fatalf("after next: gen %d, document's gen %d", sc.gen, sc.docs[1].gen)
	}
	sc.gen = math.MaxUint32
	sc.docs[2] = docState{score: 3, gen: 1}
	sc.next()
	if sc.gen != 1 || sc.docs[2] != (docState{}) || sc.docs[1] != (docState{}) {
		t.Fatalf("after the count wrapped: gen %d, states %+v", sc.gen, sc.docs)
	}
	// Searches in a row, through the pool, give what a fresh index gives.
	ix := testIndex()
	want := ix.Search("client closed", 0)
	for range 3 {
		ix.Search("not found nginx", 0)
		if got := ix.Search("client closed", 0); !slices.Equal(got, want) {
			t.Fatalf("after other searches: %v, want %v", got, want)
		}
	}
}

// cutVocab is the vocabulary of randomIndex and of the random queries: small,
// so that words meet often, in names, descriptions, vendor fields and
// signals.
var cutVocab = strings.Fields("gateway timeout upstream proxy request client closed connection server " +
	"error not found resource gone deleted moved permanent redirect token expired login forbidden " +
	"rate limit quota exceeded payload large upload header field cookie nginx cloudflare origin " +
	"unreachable handshake failed certificate conflict version lock precondition")

// randomWords returns n words of cutVocab.
func randomWords(rng *rand.Rand, n int) string {
	ws := make([]string, n)
	for i := range ws {
		ws[i] = cutVocab[rng.IntN(len(cutVocab))]
	}
	return strings.Join(ws, " ")
}

// randomIndex builds an index of 24 entries (a third of them vendors' codes)
// and 300 signals from cutVocab, and the same index with the cut off.
func randomIndex() (cut, whole *Index) {
	rng := rand.New(rand.NewPCG(1, 2))
	const entries = 24
	var docs []Doc
	for i := range entries {
		d := Doc{Code: 400 + i, Official: i%3 != 0, Target: i, Vendor: i%3 == 0, Fields: []Field{
			{Text: randomWords(rng, 1+rng.IntN(3)), Weight: WeightName, Phrase: true},
			{Text: randomWords(rng, 8+rng.IntN(12)), Weight: WeightDescr},
		}}
		if d.Vendor {
			d.Fields = append(d.Fields, Field{Text: randomWords(rng, 1), Weight: WeightVendor, Vendor: true})
		}
		docs = append(docs, d)
	}
	for range 300 {
		target := rng.IntN(entries)
		docs = append(docs, Doc{Code: 400 + target, Official: true, Target: target, Copied: true, Fields: []Field{
			{Text: randomWords(rng, 2+rng.IntN(4)), Weight: WeightSignal, Phrase: true},
			{Text: randomWords(rng, 1), Weight: WeightProduct, Vendor: true},
		}})
	}
	cut = Build(docs)
	w := *cut
	w.noCut = true
	return cut, &w
}

// The exact cut of Search passes over documents that could not hold half
// of a typed query's words: it must change no hit and no score. Random
// queries on randomIndex are searched with the cut and without it.
func TestExactCutChangesNothing(t *testing.T) {
	cut, whole := randomIndex()
	rng := rand.New(rand.NewPCG(3, 4))
	for range 2000 {
		q := randomWords(rng, 1+rng.IntN(6))
		switch rng.IntN(4) {
		case 0: // a word being typed
			q = q[:len(q)-rng.IntN(3)]
		case 1: // a typo
			i := rng.IntN(len(q))
			q = q[:i] + q[i+1:]
		}
		got, want := cut.Search(q, 0), whole.Search(q, 0)
		if !slices.Equal(got, want) {
			t.Fatalf("Search(%q) with the cut: %v\nwithout: %v", q, got, want)
		}
	}

	// A query word that stands only in the vendor field of a document the
	// cut passes over still counts as naming a vendor: "zeta", read last,
	// can no longer reach a new document, but the signal with the product
	// zeta must still mark the unofficial 401 as another vendor's.
	docs := []Doc{
		{Code: 400, Official: true, Target: 0, Fields: []Field{{Text: "alpha beta", Weight: WeightName, Phrase: true}}},
		{Code: 401, Target: 1, Vendor: true, Fields: []Field{{Text: "alpha beta", Weight: WeightName, Phrase: true}, {Text: "acme", Weight: WeightVendor, Vendor: true}}},
		{Code: 402, Official: true, Target: 2, Fields: []Field{{Text: "omega", Weight: WeightName, Phrase: true}, {Text: "zeta", Weight: WeightDescr}}},
	}
	for i := range 27 {
		docs = append(docs, Doc{Code: 403 + i, Official: true, Target: 3 + i, Fields: []Field{{Text: fmt.Sprintf("filler%c", 'a'+i), Weight: WeightName, Phrase: true}}})
	}
	docs = append(docs, Doc{Code: 402, Official: true, Target: 2, Copied: true, Fields: []Field{
		{Text: "omega", Weight: WeightSignal, Phrase: true}, {Text: "zeta", Weight: WeightProduct, Vendor: true}}})
	cut = Build(docs)
	noCut := *cut
	noCut.noCut = true
	got, want := cut.Search("alpha beta zeta", 0), noCut.Search("alpha beta zeta", 0)
	if !slices.Equal(got, want) {
		t.Fatalf("a vendor's word past the cut: %v with the cut, %v without", got, want)
	}
}

// FuzzExactCut searches randomIndex for any text, with the cut and without
// it: the hits must be the same.
func FuzzExactCut(f *testing.F) {
	for _, q := range []string{"gateway timeout", "nginx client closed connection", "not found 404",
		"token expired login forbid", "rate limit quota exceeded payload large", "Gateway.Timeout error"} {
		f.Add(q)
	}
	cut, whole := randomIndex()
	f.Fuzz(func(t *testing.T, q string) {
		if got, want := cut.Search(q, 0), whole.Search(q, 0); !slices.Equal(got, want) {
			t.Fatalf("Search(%q) with the cut: %v\nwithout: %v", q, got, want)
		}
	})
}

func TestSuggest(t *testing.T) {
	ix := testIndex()
	if got := ix.Suggest("nto fuond"); got != "not found" {
		t.Errorf("Suggest = %q", got)
	}
	if got := ix.Suggest("not found"); got != "" {
		t.Errorf("Suggest of known words = %q", got)
	}
	// The attack run's F8: a huge query is read only as far as Search
	// reads one, so the work and the answer stay bounded.
	if got := ix.Suggest(strings.Repeat("nto fuond ", 20_000)); got == "" || len(got) > MaxQueryBytes {
		t.Errorf("Suggest of 40 000 words: %d bytes, want 1 to %d", len(got), MaxQueryBytes)
	}
}

func TestBuildIsSorted(t *testing.T) {
	ix := testIndex()
	for i := 1; i < ix.terms(); i++ {
		if ix.stemOf(int32(i-1)) >= ix.stemOf(int32(i)) {
			t.Fatalf("terms are not sorted: %q before %q", ix.stemOf(int32(i-1)), ix.stemOf(int32(i)))
		}
	}
	for i := 1; i < len(ix.Surface); i++ {
		if len(ix.text(&ix.Surface[i])) < len(ix.text(&ix.Surface[i-1])) {
			t.Fatal("surface words are not sorted by length")
		}
	}
	// Every list of lists is flat: each term's postings, each document's
	// phrases and each phrase's terms are where their ends say.
	for term := int32(0); term < int32(ix.terms()); term++ {
		if len(ix.postings(term)) == 0 {
			t.Fatalf("term %q has no postings", ix.stemOf(term))
		}
		for _, p := range ix.postings(term) {
			if int(p.Doc) >= len(ix.Docs) {
				t.Fatalf("term %q: posting of document %d of %d", ix.stemOf(term), p.Doc, len(ix.Docs))
			}
		}
	}
	next := uint32(0) // the phrases of the documents follow one another
	for d, info := range ix.Docs {
		if info.PhraseStart != next || info.PhraseEnd < info.PhraseStart || int(info.PhraseEnd) > len(ix.Phrases) {
			t.Fatalf("document %d: phrases [%d, %d) after %d of %d", d, info.PhraseStart, info.PhraseEnd, next, len(ix.Phrases))
		}
		next = info.PhraseEnd
	}
	if int(next) != len(ix.Phrases) {
		t.Fatalf("the documents' phrases end at %d of %d", next, len(ix.Phrases))
	}
	for d := range ix.Docs {
		for _, p := range ix.phrases(d) {
			var mask uint64
			for _, tok := range ix.tokens(&p) {
				mask |= bit(tok)
			}
			if len(ix.tokens(&p)) == 0 || mask != p.Mask {
				t.Fatalf("document %d: phrase %v has mask %x, want %x", d, ix.tokens(&p), p.Mask, mask)
			}
		}
	}
}

// TestOneEditMatchesScan checks that the keyed lookup of words one edit
// away (Index.TypoKeys) finds what the scan of every word finds, in the same
// order, for every one-edit variant of every word of a vocabulary.
func TestOneEditMatchesScan(t *testing.T) {
	vocab := strings.Fields(`gateway timeout request requests upload payload large larger
		entity content length too many rate limit limited throttle throttled forbidden
		unauthorized authentication credentials token expired bearer header headers
		method allowed conflict version precondition failed range satisfiable teapot
		expectation misdirected unprocessable locked dependency early upgrade required
		legal reasons internal server error implemented bad unavailable service loop
		detected extended network proxy origin closed connection client nginx prematurely
		reset refused resolved certificate handshake invalid response body status code
		redirect moved permanently found other modified temporary permanent continue
		switching protocols processing hints created accepted partial multi already
		reported used choices cache cached stale gone missing deleted address answers`)
	docs := []Doc{{Code: 200, Official: true, Fields: []Field{{Text: strings.Join(vocab, " "), Weight: WeightDescr}}}}
	keyed := Build(docs)
	if len(keyed.TypoKeys) == 0 {
		t.Fatal("no typo keys built")
	}
	scan := *keyed
	scan.TypoKeys = nil
	letters := "aeiorstnlx"
	checked := 0
	for _, w := range vocab {
		var variants []string
		for i := 0; i <= len(w); i++ {
			if i < len(w) {
				variants = append(variants, w[:i]+w[i+1:]) // deletion
				for _, c := range letters {
					variants = append(variants, w[:i]+string(c)+w[i+1:]) // substitution
				}
			}
			if i+1 < len(w) {
				variants = append(variants, w[:i]+string(w[i+1])+string(w[i])+w[i+2:]) // swap
			}
			for _, c := range letters {
				variants = append(variants, w[:i]+string(c)+w[i:]) // insertion
			}
		}
		for _, v := range variants {
			if len(v) < oneEditMin || len(v) > oneEditMax || keyed.known(v) {
				continue
			}
			got, want := keyed.typos(v), scan.typos(v)
			if !slices.Equal(got, want) {
				t.Fatalf("typos(%q): keyed %v, scan %v", v, got, want)
			}
			checked++
		}
	}
	if checked < 1000 {
		t.Fatalf("only %d variants checked", checked)
	}
}

// TestHashTablesFindEveryKey checks the generated lookups against what they
// replace: every stem finds its term and every surface word its stem
// through Index.StemTable and Index.TextTable, as a binary search finds
// them, and a word or stem the index lacks finds nothing.
func TestHashTablesFindEveryKey(t *testing.T) {
	text := `Gateway Timeout: the upstream server timed out while reading the response header;
		a request entity too large, the payload was larger than allowed, uploads refused,
		unauthorized, unauthenticated, forbidden, not found, gone, moved permanently, redirecting`
	ix := Build([]Doc{{Code: 504, Official: true, Fields: []Field{{Text: text, Weight: WeightDescr, Phrase: true}}}})
	if len(ix.StemTable) < 2*ix.terms() || len(ix.TextTable) < 2*len(ix.Surface) {
		t.Fatalf("tables of %d and %d slots for %d stems and %d words: want at least twice as many", len(ix.StemTable), len(ix.TextTable), ix.terms(), len(ix.Surface))
	}
	for term := range int32(ix.terms()) {
		if got := ix.termID(ix.stemOf(term)); got != term {
			t.Errorf("termID(%q) = %d, want %d", ix.stemOf(term), got, term)
		}
	}
	for i := range ix.Surface {
		w := ix.text(&ix.Surface[i])
		if stem, term := ix.stem(w); term != ix.Surface[i].Stem || stem != ix.stemOf(term) {
			t.Errorf("stem(%q) = %q, %d; want %q, %d", w, stem, term, ix.stemOf(ix.Surface[i].Stem), ix.Surface[i].Stem)
		}
	}
	for _, w := range []string{"zebra", "timeou", "gatewayx", ""} {
		if term := ix.termID(w); term != -1 {
			t.Errorf("termID(%q) = %d, want -1", w, term)
		}
	}
	// A word the index has not seen is stemmed, and its stem looked up.
	if stem, term := ix.stem("timeouts"); stem != "timeout" || term < 0 || ix.stemOf(term) != "timeout" {
		t.Errorf(`stem("timeouts") = %q, %d; want the term "timeout"`, stem, term)
	}
}
