package httpstatus

import "strings"

// Registration says how a status code stands in the IANA HTTP Status Code
// Registry.
type Registration string

// The registration states of an entry.
const (
	Permanent  Registration = "permanent"  // registered for good
	Temporary  Registration = "temporary"  // provisionally registered; the registration expires
	Unused     Registration = "unused"     // reserved by the registry as "(Unused)": 306 and 418
	Obsoleted  Registration = "obsoleted"  // registered, but its specification is historic: 510
	Unofficial Registration = "unofficial" // not registered; used by a vendor or by convention
)

// Requirement is the strength of a header rule, in the sense of BCP 14
// (RFC 2119 and RFC 8174).
type Requirement string

// The strengths of a header rule.
const (
	Must      Requirement = "MUST"
	Should    Requirement = "SHOULD"
	May       Requirement = "MAY"
	ShouldNot Requirement = "SHOULD NOT"
	MustNot   Requirement = "MUST NOT"
)

// Strength orders requirements: 2 for MUST and MUST NOT, 1 for SHOULD and
// SHOULD NOT, 0 for MAY.
func (r Requirement) Strength() int {
	switch r {
	case Must, MustNot:
		return 2
	case Should, ShouldNot:
		return 1
	}
	return 0
}

// An Entry is one meaning of one status code: a registered code, or a
// vendor's or a convention's use of a number. One number can carry several
// entries (499 is nginx's Client Closed Request and Esri's Token Required).
type Entry struct {
	Code         int          `json:"code"`
	Name         string       `json:"name"`      // display name, e.g. "I'm a teapot"
	IANAName     string       `json:"iana_name"` // exact registry text; empty when unofficial
	Class        string       `json:"class"`     // "4xx"
	Registration Registration `json:"registration"`
	Vendor       string       `json:"vendor"` // who uses an unofficial code; empty when registered
	Summary      string       `json:"summary"`
	Description  string       `json:"description"` // paragraphs separated by a blank line
	UseCases     []string     `json:"use_cases"`
	Mistakes     []string     `json:"mistakes"`
	APIUsage     string       `json:"api_usage"`
	Message      string       `json:"message"` // for an end user's error page
	Spec         string       `json:"spec"`    // e.g. "RFC 9110, Section 15.5.5"
	SpecURL      string       `json:"spec_url"`
	Aliases      []string     `json:"aliases"`
	Keywords     []string     `json:"keywords"`
	Headers      []HeaderRule `json:"headers"`
	BodyAllowed  bool         `json:"body_allowed"`
	Cacheable    bool         `json:"cacheable"` // heuristically cacheable by default (RFC 9110, Section 15.1)
	Retry        string       `json:"retry"`
	RetryFacts   RetryFacts   `json:"retry_facts"` // the retry facts as data; see RetryFacts
	Example      Example      `json:"example"`
	Constants    Constants    `json:"constants"`
	// ConstantsHistory records, for identifiers of Constants and for older
	// identifiers of the same code, in which versions of their ecosystem
	// they hold: when one was added, deprecated, renamed or removed.
	ConstantsHistory []ConstantVersions `json:"constants_history"`
	Related          []int              `json:"related"`
	// Sources are the documents the entry's facts come from: specification
	// sections, vendor documents, source files. Every entry has one or more.
	Sources []Source `json:"sources"`
	// Verified is the date (YYYY-MM-DD) on which the entry's facts were last
	// checked against its sources; empty when no such check is recorded.
	Verified string `json:"verified"`
	// Versions names the product versions a vendor entry describes, e.g.
	// "Laravel 13.x (11.x and 12.x: see the description)"; empty for a
	// registered code.
	Versions string `json:"versions,omitempty"`
}

// A Source is one document an entry's facts come from.
type Source struct {
	Title string `json:"title"` // e.g. "RFC 9110, Section 15.5.5: 404 Not Found"
	URL   string `json:"url"`   // an absolute https link
}

// A HeaderRule is a requirement the specification places on a response
// header field for a status code.
type HeaderRule struct {
	Name        string      `json:"name"`
	Requirement Requirement `json:"requirement"`
	Note        string      `json:"note"`
	// When names the condition under which the rule holds, empty when it
	// always does: "single-part" and "multipart" (a 206's content),
	// "like-200" (only if a 200 to the same request would carry the field),
	// "byte-range-request", "get-or-head", "patch",
	// "request-without-content-coding", "server-prefers" (a 300 with a
	// preferred choice), "offers-upload" (a 104 announcing an upload).
	When    string `json:"when,omitempty"`
	Spec    string `json:"spec"`     // the section that states the rule, e.g. "RFC 9110, Section 15.5.2"
	SpecURL string `json:"spec_url"` // a link to that section
}

// A Rule is a requirement the HTTP specifications place on any response by
// its status code and the method of its request, whatever the resource: no
// content in a 204, Date in a 4xx, Content-Length that agrees with the
// content, the grammar of a field. The rules a single code sets for its
// header fields are its Entry's Headers; package check applies both.
type Rule struct {
	ID          string      `json:"id"` // stable, e.g. "no-content-204"
	Requirement Requirement `json:"requirement"`
	Header      string      `json:"header"` // empty when the rule is about the content or the status line
	// Status lists the codes the rule applies to as patterns ("1xx",
	// "204"); empty means every code. ExceptStatus takes codes out.
	Status       []string `json:"status"`
	ExceptStatus []string `json:"except_status"`
	// Methods lists the request methods the rule applies to; empty means
	// every method. ExceptMethods takes methods out.
	Methods       []string `json:"methods"`
	ExceptMethods []string `json:"except_methods"`
	When          string   `json:"when"` // a condition, as HeaderRule.When
	Test          string   `json:"test"` // how package check evaluates the rule, e.g. "absent", "grammar"
	Summary       string   `json:"summary"`
	Fix           string   `json:"fix"` // one line: what to change
	Spec          string   `json:"spec"`
	SpecURL       string   `json:"spec_url"`
}

// An Example is a realistic exchange as raw HTTP/1.1 text, with CRLF line
// endings in the message heads.
type Example struct {
	Request  string `json:"request"`
	Response string `json:"response"`
}

// Constants are the identifiers other ecosystems give a code. A field is
// empty where that ecosystem declares no identifier for it.
type Constants struct {
	Go      string `json:"go,omitempty"`      // net/http, e.g. http.StatusNotFound
	Python  string `json:"python,omitempty"`  // http.HTTPStatus, e.g. HTTPStatus.NOT_FOUND
	Node    string `json:"node,omitempty"`    // the text of http.STATUS_CODES
	DotNet  string `json:"dotnet,omitempty"`  // System.Net.HttpStatusCode
	Rust    string `json:"rust,omitempty"`    // http::StatusCode
	Spring  string `json:"spring,omitempty"`  // org.springframework.http.HttpStatus
	Rails   string `json:"rails,omitempty"`   // Rack symbol, e.g. :not_found
	Symfony string `json:"symfony,omitempty"` // Symfony\Component\HttpFoundation\Response
}

// ConstantVersions is the life of one identifier for a code in one
// ecosystem: the version that added it, deprecated it, renamed it (keeping
// it as an alias) or removed it, and the identifier to use instead. A
// version field is empty when nothing is recorded for it; at least one is
// set. Versions are the ecosystem's own release numbers: Python's for
// python, Spring Framework's for spring, Rack's for rails, the http
// crate's for rust.
type ConstantVersions struct {
	// Ecosystem is a key of Constants: "go", "python", "node", "dotnet",
	// "rust", "spring", "rails" or "symfony".
	Ecosystem string `json:"ecosystem"`
	// Product names what the versions are versions of, e.g. "Spring
	// Framework", "Rack" (for rails); filled in from Ecosystem.
	Product    string `json:"product"`
	Identifier string `json:"identifier"`           // as written in Constants, e.g. HttpStatus.PAYLOAD_TOO_LARGE
	Since      string `json:"since,omitempty"`      // the first version that has it, e.g. "4.1"
	Deprecated string `json:"deprecated,omitempty"` // the version that deprecated it
	// Renamed is the version that gave the code a new name (ReplacedBy)
	// and kept this identifier as an alias, without deprecating it.
	Renamed    string `json:"renamed,omitempty"`
	Removed    string `json:"removed,omitempty"`     // the first version without it
	ReplacedBy string `json:"replaced_by,omitempty"` // the identifier to use instead, the entry's current one
	Note       string `json:"note,omitempty"`        // what else to know, or what stays unconfirmed
	Source     string `json:"source"`                // where the versions are confirmed: a tag's source file, a changelog
}

// Summary says in a few words what the versions are, for a reader:
// "since Spring Framework 4.1, deprecated in 7.0, use
// HttpStatus.CONTENT_TOO_LARGE".
func (c ConstantVersions) Summary() string {
	var parts []string
	product := c.Product
	at := func(what, v string) {
		if v == "" {
			return
		}
		if product != "" {
			v = product + " " + v
			product = "" // named once, at its first version
		}
		parts = append(parts, what+" "+v)
	}
	at("since", c.Since)
	at("deprecated in", c.Deprecated)
	at("renamed in", c.Renamed)
	at("removed in", c.Removed)
	s := strings.Join(parts, ", ")
	switch {
	case c.ReplacedBy != "" && c.Renamed != "" && c.Removed == "":
		s += ", still an alias of " + c.ReplacedBy
	case c.ReplacedBy != "":
		s += ", use " + c.ReplacedBy
	}
	return s
}

// A Class is one of the five classes of status codes, 1xx to 5xx.
type Class struct {
	Class       string   `json:"class"` // "4xx"
	Digit       int      `json:"digit"` // 4
	Name        string   `json:"name"`  // "Client Error"
	Summary     string   `json:"summary"`
	Description string   `json:"description"`
	Rules       []string `json:"rules"` // rules that hold for every code in the class
	Spec        string   `json:"spec"`
	SpecURL     string   `json:"spec_url"`
}

// A GuideRow is one line of the REST/JSON API guide: for a method and an
// outcome, the code to return and why.
type GuideRow struct {
	Method      string `json:"method"`  // GET, POST, PUT, PATCH, DELETE
	Outcome     string `json:"outcome"` // e.g. "created", "validation failed"
	Code        int    `json:"code"`
	Alternative []int  `json:"alternatives,omitempty"`
	Why         string `json:"why"`
}

// A Confusion explains how to choose between codes that are easily mixed up,
// such as 401 and 403.
type Confusion struct {
	Codes       []int  `json:"codes"`
	Title       string `json:"title"`
	Verdict     string `json:"verdict"` // the choice in one line
	Explanation string `json:"explanation"`
}

// SignalKind says what sort of thing a signal is.
type SignalKind string

// The kinds of signal.
const (
	Exception SignalKind = "exception" // an exception or error class a framework maps to a status
	Constant  SignalKind = "constant"  // an identifier for a code in some ecosystem's source
	LogLine   SignalKind = "log"       // a line a server or proxy writes to its log
	Platform  SignalKind = "platform"  // a hosting platform's, CDN's or cloud's error
	Client    SignalKind = "client"    // a browser's or HTTP client's message
)

// A Signal is something developers see in the wild that stands for a status
// code: an exception in a stack trace, a constant in someone's code, a line in
// a server's error log, a platform's numbered error, a browser's message.
type Signal struct {
	Text      string     `json:"text"` // as it appears; * stands for a variable part
	Kind      SignalKind `json:"kind"`
	Product   string     `json:"product"`             // who produces the text
	Component string     `json:"component,omitempty"` // module, class or subsystem
	Versions  string     `json:"versions,omitempty"`  // the versions the mapping was checked for
	Codes     []int      `json:"codes"`               // the codes it stands for, most usual first; 0: no response
	Meaning   string     `json:"meaning,omitempty"`
	Causes    []string   `json:"causes,omitempty"`
	Fix       string     `json:"fix,omitempty"`
	Source    string     `json:"source"`         // where the mapping is confirmed
	Note      string     `json:"note,omitempty"` // configuration it depends on, or what stays unconfirmed
}

// A Situation is a case an API or web developer meets while writing a
// handler ("an email is already registered", "the idempotency key is reused
// with a different body"), with the code to return, the alternatives and
// when each is right, why (with the section that says so), the header fields
// the situation calls for beyond the code's own rules (Headers of the code),
// an example response and the usual wrong answer.
type Situation struct {
	ID           string        `json:"id"`    // stable, e.g. "email-already-registered"
	Topic        string        `json:"topic"` // e.g. "Conflicts and concurrency"
	Title        string        `json:"title"`
	Code         int           `json:"code"`
	Alternatives []Alternative `json:"alternatives"`
	Why          string        `json:"why"`
	Spec         string        `json:"spec"` // e.g. "RFC 9110, Section 15.5.10"
	SpecURL      string        `json:"spec_url"`
	// Headers are the fields this situation calls for; the code's own rules
	// (Headers(code)) hold as well and are not repeated here unless the
	// situation says more about them.
	Headers []HeaderRule `json:"headers"`
	Example string       `json:"example"` // a response as raw HTTP/1.1
	// Request is the request the example answers, as raw HTTP/1.1, where the
	// rules for the response depend on it (a HEAD, a refused method).
	Request   string   `json:"request,omitempty"`
	Wrong     string   `json:"wrong"`                // the common wrong answer, and why it is wrong
	WrongCode int      `json:"wrong_code,omitempty"` // its code, when it is one
	Keywords  []string `json:"keywords"`
}

// An Alternative is another code that fits a situation under a condition.
type Alternative struct {
	Code int    `json:"code"`
	When string `json:"when"`
}

// A Question is one step of the decision guide that leads to the code to
// return. The questions form a tree: every question but the first is
// reached by exactly one answer, so its Parent is the way back.
type Question struct {
	ID      string   `json:"id"` // stable, e.g. "client-state"; "start" is the first
	Text    string   `json:"text"`
	Answers []Answer `json:"answers"`
	Parent  string   `json:"parent,omitempty"` // the question before; empty for the first
	Via     string   `json:"via,omitempty"`    // the answer of Parent that leads here
	Depth   int      `json:"depth"`            // questions asked before this one
}

// An Answer is one choice of a Question. It leads either to another
// question (Next) or to a code (Code).
type Answer struct {
	ID   string `json:"id"` // stable within its question, e.g. "conflict"
	Text string `json:"text"`
	Next string `json:"next,omitempty"` // the next question's ID
	Code int    `json:"code,omitempty"` // the code to return, when the answer ends the walk
	Note string `json:"note,omitempty"` // one line to remember with the code
	// Situations are the ids of the situations that lead to this answer;
	// by default every situation of Code.
	Situations []string `json:"situations,omitempty"`
}
