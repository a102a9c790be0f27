// Package catalogtest holds the checks every catalogue entry must pass. The
// library's tests run them over the compiled catalogue, and the generator's
// -lint mode runs them over source files while they are being written.
package catalogtest

import (
	"bufio"
	"fmt"
	"go/ast"
	"go/build"
	"go/parser"
	"go/token"
	"io"
	"net/http"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/httpstatus/httpstatus"
)

// GoConstants reads net/http's own source and returns its status constants
// by code, as "http.StatusNotFound".
func GoConstants() (map[int]string, error) {
	pkg, err := build.Default.Import("net/http", "", build.FindOnly)
	if err != nil {
		return nil, err
	}
	f, err := parser.ParseFile(token.NewFileSet(), filepath.Join(pkg.Dir, "status.go"), nil, 0)
	if err != nil {
		return nil, err
	}
	out := map[int]string{}
	for _, d := range f.Decls {
		g, ok := d.(*ast.GenDecl)
		if !ok || g.Tok != token.CONST {
			continue
		}
		for _, s := range g.Specs {
			vs := s.(*ast.ValueSpec)
			for i, name := range vs.Names {
				if i >= len(vs.Values) {
					continue
				}
				lit, ok := vs.Values[i].(*ast.BasicLit)
				if !ok || lit.Kind != token.INT {
					continue
				}
				code, err := strconv.Atoi(lit.Value)
				if err != nil || !strings.HasPrefix(name.Name, "Status") {
					continue
				}
				out[code] = "http." + name.Name
			}
		}
	}
	if len(out) < 50 {
		return nil, fmt.Errorf("found only %d status constants in net/http", len(out))
	}
	return out, nil
}

var sentenceEnd = regexp.MustCompile(`[.!?](\s|$)`)

// Check returns every problem with one entry, judged on its own. goConsts
// comes from GoConstants.
func Check(e httpstatus.Entry, goConsts map[int]string) []error {
	var errs []error
	bad := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }
	official := e.Registration != httpstatus.Unofficial

	switch e.Registration {
	case httpstatus.Permanent, httpstatus.Temporary, httpstatus.Unused, httpstatus.Obsoleted:
		if e.IANAName == "" || e.Vendor != "" {
			bad("a registered entry has an iana_name and no vendor")
		}
	case httpstatus.Unofficial:
		if e.IANAName != "" || e.Vendor == "" {
			bad("an unofficial entry has a vendor and no iana_name")
		}
	default:
		bad("registration %q is not one of permanent, temporary, unused, obsoleted, unofficial", e.Registration)
	}
	if want := fmt.Sprintf("%dxx", e.Code/100); e.Class != want {
		bad("class %q, want %q", e.Class, want)
	}
	for field, v := range map[string]string{
		"name": e.Name, "summary": e.Summary, "description": e.Description, "api_usage": e.APIUsage,
		"message": e.Message, "spec": e.Spec, "spec_url": e.SpecURL, "retry": e.Retry,
		"example.request": e.Example.Request,
	} {
		if strings.TrimSpace(v) == "" {
			bad("%s is empty", field)
		}
	}
	if strings.Contains(e.Summary, "\n") {
		bad("summary is more than one line")
	}
	if !strings.HasPrefix(e.SpecURL, "https://") {
		bad("spec_url %q is not an https link", e.SpecURL)
	}
	if n := len(sentenceEnd.FindAllString(e.Description, -1)); official && n < 4 {
		bad("description has %d sentences; a registered code needs at least 4", n)
	}
	if len(e.UseCases) == 0 {
		bad("use_cases is empty")
	}
	if official && len(e.Mistakes) == 0 {
		bad("mistakes is empty")
	}
	if len(e.Keywords) == 0 {
		bad("keywords is empty")
	}
	for _, r := range e.Related {
		if r == e.Code {
			bad("related lists the code itself")
		}
	}
	for _, h := range e.Headers {
		switch h.Requirement {
		case httpstatus.Must, httpstatus.Should, httpstatus.May, httpstatus.ShouldNot, httpstatus.MustNot:
		default:
			bad("header %s: requirement %q is not MUST, SHOULD, MAY, SHOULD NOT or MUST NOT", h.Name, h.Requirement)
		}
		if h.Name == "" || h.Note == "" {
			bad("header rule %+v needs a name and a note", h)
		}
		if h.Spec == "" || !strings.HasPrefix(h.SpecURL, "https://") {
			bad("header %s: the rule needs a spec and an https spec_url", h.Name)
		}
	}
	if len(e.Sources) == 0 {
		bad("sources is empty: list the documents the entry's facts come from")
	}
	if !official && strings.TrimSpace(e.Versions) == "" {
		bad("versions is empty: a vendor entry names the product versions it describes")
	}
	if official && e.Versions != "" {
		bad("versions is for vendor entries; a registered code's sources say which documents apply")
	}
	noBody := e.Code/100 == 1 || e.Code == 204 || e.Code == 304
	if official && noBody && e.BodyAllowed {
		bad("body_allowed is true, but a %d never has content", e.Code)
	}

	if want, ok := goConsts[e.Code]; ok && official && e.Constants.Go != want {
		bad("constants.go is %q; net/http declares %s", e.Constants.Go, want)
	}
	if _, ok := goConsts[e.Code]; (!ok || !official) && e.Constants.Go != "" {
		bad("constants.go is %q, but net/http declares no constant for this meaning", e.Constants.Go)
	}

	errs = append(errs, checkExample(e)...)
	return errs
}

// checkExample parses the example with net/http and checks it against the
// entry's own rules.
func checkExample(e httpstatus.Entry) []error {
	var errs []error
	bad := func(format string, args ...any) { errs = append(errs, fmt.Errorf("example: "+format, args...)) }
	if e.Example.Request == "" {
		return nil // reported as an empty field
	}
	req, err := http.ReadRequest(bufio.NewReader(strings.NewReader(e.Example.Request)))
	if err != nil {
		bad("request does not parse: %v", err)
		return errs
	}
	if _, err := io.ReadAll(req.Body); err != nil {
		bad("request body: %v", err)
	}
	if e.Example.Response == "" {
		if e.Registration != httpstatus.Unofficial {
			bad("response is empty")
		}
		return errs // an unofficial code that is never sent on the wire (444, 499, 000)
	}
	r := bufio.NewReader(strings.NewReader(e.Example.Response))
	for i := 0; ; i++ {
		resp, err := http.ReadResponse(r, req)
		if err != nil {
			bad("response %d does not parse: %v", i+1, err)
			return errs
		}
		body, err := io.ReadAll(resp.Body)
		if err != nil {
			bad("response %d body: %v", i+1, err)
		}
		if i == 0 {
			// Some codes travel in the body of another response rather than
			// in the status line: WebDAV's 208 inside a 207 Multi-Status
			// (RFC 5842, Section 7.1), a vendor's code inside the JSON error
			// object of a 200 (Esri ArcGIS's 498 and 499).
			inBody := (resp.StatusCode == http.StatusMultiStatus &&
				strings.Contains(string(body), fmt.Sprintf(" %d ", e.Code))) ||
				(resp.StatusCode == http.StatusOK && e.Registration == httpstatus.Unofficial &&
					regexp.MustCompile(fmt.Sprintf(`"code":\s*%d\b`, e.Code)).Match(body))
			if resp.StatusCode != e.Code && !inBody {
				bad("response has status %d, want %d", resp.StatusCode, e.Code)
			}
			for _, h := range e.Headers {
				names := strings.Split(h.Name, " or ")
				present := false
				for _, n := range names {
					if resp.Header.Get(strings.TrimSpace(n)) != "" {
						present = true
					}
				}
				if h.Requirement == httpstatus.Must && !present {
					bad("response lacks %s, which the entry says MUST be sent", h.Name)
				}
				if h.Requirement == httpstatus.MustNot && present {
					bad("response has %s, which the entry says MUST NOT be sent", h.Name)
				}
			}
			if !e.BodyAllowed && len(body) > 0 {
				bad("response has a body, but body_allowed is false")
			}
		}
		if len(body) > 0 && req.Method == http.MethodHead {
			bad("response to HEAD has a body")
		}
		if resp.StatusCode/100 != 1 || resp.StatusCode == http.StatusSwitchingProtocols {
			break
		}
	}
	if rest, _ := io.ReadAll(r); len(strings.TrimSpace(string(rest))) > 0 && e.Code != http.StatusSwitchingProtocols {
		bad("response has %d bytes after the final message: is Content-Length right?", len(rest))
	}
	return errs
}
