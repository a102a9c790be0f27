package server

import (
	"encoding/json"
	"errors"
	"fmt"
	"github.com/httpstatus/httpstatus/internal/httpsyntax"
	"io"
	"mime"
	"net/http"
	"slices"
	"strings"

	"github.com/httpstatus/httpstatus"
	"github.com/httpstatus/httpstatus/check"
)

// Limits of the checker's face on the web. The server only ever checks
// text it is given; it never fetches a URL.
const (
	maxCheckBody = 64 << 10 // the raw response
	// maxCheckForm bounds a form post, whose URL encoding can triple the
	// response's size.
	maxCheckForm = 3*maxCheckBody + 1024
)

// checkMethods are the methods the /check page offers.
var checkMethods = []string{"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "CONNECT"}

// checkInput is the JSON body of POST /api/v1/check.
type checkInput struct {
	Response string `json:"response"`
	Method   string `json:"method"`
}

// errTooLarge marks input over maxCheckBody.
var errTooLarge = fmt.Errorf("the response is larger than %d bytes", maxCheckBody)

// handleAPICheck serves POST /api/v1/check: the raw response as text/plain
// (the method in ?method=, default GET) or as {"response", "method"} in
// application/json. It answers the report as JSON; 413 above 64 KiB, 415
// for another media type, 400 for text that is not a response.
func handleAPICheck(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
		var in checkInput
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxCheckForm))
		var tooBig *http.MaxBytesError
		switch {
		case errors.As(err, &tooBig):
			s.problem(w, r, http.StatusRequestEntityTooLarge, errTooLarge.Error())
			return
		case err != nil:
			s.problem(w, r, http.StatusBadRequest, "the request content could not be read")
			return
		}
		switch mt {
		case "text/plain", "":
			in = checkInput{Response: string(body), Method: r.URL.Query().Get("method")}
		case "application/json":
			dec := json.NewDecoder(strings.NewReader(string(body)))
			dec.DisallowUnknownFields()
			if err := dec.Decode(&in); err != nil {
				s.problem(w, r, http.StatusBadRequest, `the content is not a JSON object {"response": "...", "method": "GET"}`)
				return
			}
		default:
			w.Header().Set("Accept-Post", "text/plain, application/json")
			s.problem(w, r, http.StatusUnsupportedMediaType, "send the raw response as text/plain, or JSON {\"response\": \"...\", \"method\": \"GET\"} as application/json")
			return
		}
		rep, status, reason := runCheck(in)
		if status != http.StatusOK {
			s.problem(w, r, status, reason)
			return
		}
		buf := getBuffer()
		defer putBuffer(buf)
		if err := encodeJSONTo(buf, rep); err != nil {
			s.problem(w, r, http.StatusServiceUnavailable, "the report could not be encoded")
			return
		}
		w.Header().Set("Access-Control-Allow-Origin", "*")
		serve(w, r, newDynamic(buf.Bytes(), jsonType, cacheNone, http.StatusOK), http.StatusOK)
	})
}

// runCheck checks in and returns the report, or the status and reason of
// a refusal.
func runCheck(in checkInput) (check.Report, int, string) {
	if len(in.Response) > maxCheckBody {
		return check.Report{}, http.StatusRequestEntityTooLarge, errTooLarge.Error()
	}
	method := in.Method
	if method == "" {
		method = http.MethodGet
	}
	if !httpsyntax.IsToken(method) || len(method) > 32 {
		return check.Report{}, http.StatusBadRequest, "method is not a method name such as GET or HEAD"
	}
	rep, err := check.Raw([]byte(in.Response), &http.Request{Method: method})
	if err != nil {
		return check.Report{}, http.StatusBadRequest, "not an HTTP response: " + err.Error()
	}
	return rep, http.StatusOK, ""
}

// checkView is the /check page: the form, and the report of what was
// posted.
type checkView struct {
	layout
	Methods  []string
	Method   string
	Response string
	Error    string
	Report   *check.Report
	CodeURL  string // the reference page of the report's code, if the catalogue has one
	CodeName string
	Counts   [3]int // MUST, SHOULD, MAY findings
}

func (s *site) checkView() checkView {
	p := checkView{
		layout:  s.layout("Check a response", "Paste a raw HTTP response and hold it to the rules of RFC 9110.", "/check"),
		Methods: checkMethods,
		Method:  http.MethodGet,
	}
	p.Crumbs = []crumb{{"Home", "/"}, {"Check", ""}}
	return p
}

// handleCheckPage serves POST /check, the form of the /check page: it
// renders the page again with the report, or with why there is none.
func handleCheckPage(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := s.checkView()
		status := http.StatusOK
		r.Body = http.MaxBytesReader(w, r.Body, maxCheckForm)
		if err := r.ParseForm(); err != nil {
			var tooBig *http.MaxBytesError
			if errors.As(err, &tooBig) {
				status, p.Error = http.StatusRequestEntityTooLarge, errTooLarge.Error()
			} else {
				status, p.Error = http.StatusBadRequest, "the form could not be read"
			}
		} else {
			p.Response = r.PostForm.Get("response")
			if m := r.PostForm.Get("method"); slices.Contains(checkMethods, m) {
				p.Method = m
			}
			rep, st, reason := runCheck(checkInput{Response: p.Response, Method: p.Method})
			if st != http.StatusOK {
				status, p.Error = st, reason
			} else {
				p.Report = &rep
				p.Title = fmt.Sprintf("Check: %03d", rep.Status)
				if en, ok := httpstatus.Lookup(rep.Status); ok {
					p.CodeURL, p.CodeName = fmt.Sprintf("/%03d", rep.Status), en[0].Name
				}
				for _, f := range rep.Findings {
					switch {
					case f.Violation():
						p.Counts[0]++
					case f.Recommendation():
						p.Counts[1]++
					default:
						p.Counts[2]++
					}
				}
			}
		}
		if len(p.Response) > maxCheckBody {
			p.Response = "" // not echoed back
		}
		buf := getBuffer()
		defer putBuffer(buf)
		if err := s.renderTo(buf, "check", p); err != nil {
			s.problem(w, r, http.StatusServiceUnavailable, "the page could not be rendered")
			return
		}
		serve(w, r, newDynamic(buf.Bytes(), htmlType, cacheNone, status), status)
	})
}
