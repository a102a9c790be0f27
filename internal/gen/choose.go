package main

import (
	"errors"
	"fmt"
	"path/filepath"
	"reflect"

	"github.com/httpstatus/httpstatus"
)

// chooseFile is the shape of data/choose.yaml.
type chooseFile struct {
	Questions []httpstatus.Question `json:"questions"`
}

// maxQuestions is the most questions the guide may ask before a code.
const maxQuestions = 7

// loadChoose reads the decision guide, fills each question's parent, the
// answer that leads to it and its depth, fills each code answer's
// situations, and checks the tree against the entries and the situations.
func loadChoose(dir string, entries []httpstatus.Entry, sits []httpstatus.Situation) ([]httpstatus.Question, error) {
	path := filepath.Join(dir, "choose.yaml")
	var f chooseFile
	if err := decode(path, &f); err != nil {
		return nil, err
	}
	qs := f.Questions
	for i := range qs {
		trimStrings(reflect.ValueOf(&qs[i]).Elem())
	}
	fail := func(format string, args ...any) error {
		return fmt.Errorf("%s: %s", path, fmt.Sprintf(format, args...))
	}
	if len(qs) == 0 || qs[0].ID != "start" {
		return nil, fail("the first question must be \"start\"")
	}
	index := map[string]int{}
	for i, q := range qs {
		if !situationID.MatchString(q.ID) {
			return nil, fail("question id %q: use lower-case words and hyphens", q.ID)
		}
		if _, dup := index[q.ID]; dup {
			return nil, fail("question id %q is used twice", q.ID)
		}
		index[q.ID] = i
	}
	byCode := map[int][]string{}
	situationCode := map[string]int{}
	for _, s := range sits {
		byCode[s.Code] = append(byCode[s.Code], s.ID)
		situationCode[s.ID] = s.Code
	}
	reached := map[string]bool{}
	var errs []error
	for i := range qs {
		q := &qs[i]
		if q.Text == "" || len(q.Answers) < 2 || len(q.Answers) > 9 {
			errs = append(errs, fail("question %q needs a text and 2 to 9 answers (one keypress each)", q.ID))
		}
		seen := map[string]bool{}
		for j := range q.Answers {
			a := &q.Answers[j]
			where := fmt.Sprintf("question %q, answer %q", q.ID, a.ID)
			switch {
			case !situationID.MatchString(a.ID):
				errs = append(errs, fail("%s: use lower-case words and hyphens", where))
			case seen[a.ID]:
				errs = append(errs, fail("%s: used twice", where))
			case a.Text == "":
				errs = append(errs, fail("%s: no text", where))
			case (a.Next == "") == (a.Code == 0):
				errs = append(errs, fail("%s: give either next or code", where))
			}
			seen[a.ID] = true
			if a.Next != "" {
				k, ok := index[a.Next]
				switch {
				case !ok:
					errs = append(errs, fail("%s: no question %q", where, a.Next))
				case reached[a.Next] || a.Next == "start":
					errs = append(errs, fail("%s: question %q is already reached by another answer", where, a.Next))
				default:
					reached[a.Next] = true
					qs[k].Parent, qs[k].Via = q.ID, a.ID
				}
				if len(a.Situations) > 0 || a.Note != "" {
					errs = append(errs, fail("%s: only an answer with a code has situations or a note", where))
				}
				continue
			}
			if _, ok := primary(entries, a.Code); !ok {
				errs = append(errs, fail("%s: the catalogue has no code %d", where, a.Code))
			}
			for _, id := range a.Situations {
				if c, ok := situationCode[id]; !ok || c != a.Code {
					errs = append(errs, fail("%s: situation %q does not exist or does not answer %d", where, id, a.Code))
				}
			}
			if len(a.Situations) == 0 {
				a.Situations = byCode[a.Code]
			}
		}
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	for i := range qs {
		if i > 0 && !reached[qs[i].ID] {
			return nil, fail("question %q is reached by no answer", qs[i].ID)
		}
		d, id := 0, qs[i].ID
		for id != "start" {
			id = qs[index[id]].Parent
			if d++; d > len(qs) {
				return nil, fail("question %q is in a loop", qs[i].ID)
			}
		}
		qs[i].Depth = d
		if d+1 > maxQuestions {
			return nil, fail("question %q is the %dth question on its path; at most %d", qs[i].ID, d+1, maxQuestions)
		}
	}
	return qs, nil
}
