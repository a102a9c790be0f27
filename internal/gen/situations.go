package main

import (
	"bufio"
	"errors"
	"fmt"
	"net/http"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"

	"github.com/httpstatus/httpstatus"
	"github.com/httpstatus/httpstatus/check"
)

// situationFile is the shape of a file under data/situations/.
type situationFile struct {
	Topic      string                 `json:"topic"`
	Situations []httpstatus.Situation `json:"situations"`
}

// situationID is the form of a situation's id: lower-case words joined by
// hyphens, so that it can stand in a URL as it is.
var situationID = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// loadSituations reads every file under dir/situations, in file order and
// then the order within each file, and checks each situation against the
// entries: its code and alternatives exist and differ, its spec is cited
// with an https link, its id is unique, its header rules agree with the
// code's own, and its example is a response with that code that breaks no
// MUST or MUST NOT of package check.
func loadSituations(dir string, entries []httpstatus.Entry) ([]httpstatus.Situation, error) {
	files, err := filepath.Glob(filepath.Join(dir, "situations", "*.yaml"))
	if err != nil {
		return nil, err
	}
	var out []httpstatus.Situation
	var errs []error
	seen := map[string]string{}
	for _, f := range files {
		sits, err := readSituationFile(f, entries)
		if err != nil {
			errs = append(errs, err)
		}
		for _, s := range sits {
			if other, dup := seen[s.ID]; dup {
				errs = append(errs, fmt.Errorf("%s: situation id %q is also used in %s", f, s.ID, other))
			}
			seen[s.ID] = f
			out = append(out, s)
		}
	}
	return out, errors.Join(errs...)
}

// readSituationFile reads and checks the situations of one file; it
// returns those that pass, and the problems of the others.
func readSituationFile(f string, entries []httpstatus.Entry) ([]httpstatus.Situation, error) {
	var sf situationFile
	if err := decode(f, &sf); err != nil {
		return nil, err
	}
	if strings.TrimSpace(sf.Topic) == "" || len(sf.Situations) == 0 {
		return nil, fmt.Errorf("%s: needs a topic and at least one situation", f)
	}
	var out []httpstatus.Situation
	var errs []error
	for _, s := range sf.Situations {
		s.Topic = sf.Topic
		err := normalizeSituation(&s)
		if err == nil {
			err = checkSituation(s, entries)
		}
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: situation %q: %w", f, s.ID, err))
			continue
		}
		out = append(out, s)
	}
	return out, errors.Join(errs...)
}

// lintSituations checks one file of situations against the entries under
// the data folder beside it and prints its problems; it returns how many.
func lintSituations(path string) int {
	entries, err := loadEntries(filepath.Dir(filepath.Dir(path)))
	if err != nil {
		fmt.Println(err)
		return 1
	}
	sits, err := readSituationFile(path, entries)
	if err != nil {
		fmt.Println(err)
		return 1
	}
	fmt.Printf("%s: %d situations\n", path, len(sits))
	return 0
}

// normalizeSituation trims and reflows the prose, puts the example in wire
// form and fills each header rule's section as entries do.
func normalizeSituation(s *httpstatus.Situation) error {
	example, request := s.Example, s.Request
	trimStrings(reflect.ValueOf(s).Elem())
	var err error
	if s.Example, err = wire(example, true); err != nil {
		return fmt.Errorf("example: %w", err)
	}
	if s.Request, err = wire(request, false); err != nil {
		return fmt.Errorf("example request: %w", err)
	}
	if s.SpecURL == "" {
		s.SpecURL = specURL(s.Spec)
	}
	citeHeaders(s.Headers, s.Spec, s.SpecURL)
	return nil
}

var requirements = []httpstatus.Requirement{httpstatus.Must, httpstatus.MustNot, httpstatus.Should, httpstatus.ShouldNot, httpstatus.May}

// checkSituation checks one situation against the entries.
func checkSituation(s httpstatus.Situation, entries []httpstatus.Entry) error {
	switch {
	case !situationID.MatchString(s.ID) || len(s.ID) > 64:
		return fmt.Errorf("id must be lower-case words joined by hyphens, at most 64 bytes")
	case s.Title == "" || s.Why == "" || s.Wrong == "":
		return fmt.Errorf("needs a title, a why and a wrong answer")
	case s.Spec == "":
		return fmt.Errorf("no spec: cite the section that says so")
	case !strings.HasPrefix(s.SpecURL, "https://"):
		return fmt.Errorf("spec_url %q is not an https link", s.SpecURL)
	case len(s.Keywords) == 0:
		return fmt.Errorf("no keywords")
	}
	entry, ok := primary(entries, s.Code)
	if !ok {
		return fmt.Errorf("the catalogue has no code %d", s.Code)
	}
	for i, a := range s.Alternatives {
		switch {
		case a.Code == s.Code:
			return fmt.Errorf("alternative %d is the situation's own code", a.Code)
		case a.When == "":
			return fmt.Errorf("alternative %d does not say when it is right", a.Code)
		case slices.ContainsFunc(s.Alternatives[:i], func(b httpstatus.Alternative) bool { return b.Code == a.Code }):
			return fmt.Errorf("alternative %d listed twice", a.Code)
		}
		if _, ok := primary(entries, a.Code); !ok {
			return fmt.Errorf("alternative: the catalogue has no code %d", a.Code)
		}
	}
	if s.WrongCode != 0 {
		if s.WrongCode == s.Code {
			return fmt.Errorf("wrong_code is the situation's own code")
		}
		if _, ok := primary(entries, s.WrongCode); !ok {
			return fmt.Errorf("wrong_code: the catalogue has no code %d", s.WrongCode)
		}
	}
	for _, h := range s.Headers {
		if h.Name == "" || h.Note == "" || !slices.Contains(requirements, h.Requirement) {
			return fmt.Errorf("header rule %q needs a name, a note and a requirement among %v", h.Name, requirements)
		}
		// Reuse, not restate: a field the code's own rules already govern
		// keeps the catalogue's strength.
		for _, r := range entry.Headers {
			if strings.EqualFold(r.Name, h.Name) && r.When == "" && r.Requirement != h.Requirement && h.Requirement.Strength() < r.Requirement.Strength() {
				return fmt.Errorf("header %s is %s here but %s in the rules of %d", h.Name, h.Requirement, r.Requirement, s.Code)
			}
		}
	}
	return checkExample(s)
}

// checkExample parses a situation's example as a response to a GET (or to
// the method its title names when that changes the rules) and holds it to
// package check's MUST and MUST NOT rules.
func checkExample(s httpstatus.Situation) error {
	if s.Example == "" {
		return fmt.Errorf("no example response")
	}
	req, _ := http.NewRequest(http.MethodGet, "/", nil)
	if s.Request != "" {
		var err error
		if req, err = http.ReadRequest(bufio.NewReader(strings.NewReader(s.Request))); err != nil {
			return fmt.Errorf("example request: %w", err)
		}
	}
	rep, err := check.Raw([]byte(s.Example), req)
	if err != nil {
		return fmt.Errorf("example: %w", err)
	}
	if rep.Status != s.Code {
		return fmt.Errorf("example answers %d, not %d", rep.Status, s.Code)
	}
	if v := rep.Violations(); len(v) > 0 {
		return fmt.Errorf("example breaks %s: %s", v[0].Rule, v[0].Message)
	}
	return nil
}

// primary returns the first meaning of code.
func primary(entries []httpstatus.Entry, code int) (httpstatus.Entry, bool) {
	for _, e := range entries {
		if e.Code == code {
			return e, true
		}
	}
	return httpstatus.Entry{}, false
}
