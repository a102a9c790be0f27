package httpstatus

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// MaxAnswers bounds how many answers Choose follows; no path through the
// guide is longer than 7.
const MaxAnswers = 16

// A Step is one question of a walk and the answer given to it.
type Step struct {
	Question Question `json:"question"`
	Answer   Answer   `json:"answer"`
}

// A Walk is a path through the decision guide: the steps taken, then either
// the question to answer next or, when the path has reached a code, the
// result.
type Walk struct {
	Path     []Step    `json:"path"`
	Question *Question `json:"question,omitempty"` // the next question; nil once the walk has a result
	Result   *Outcome  `json:"result,omitempty"`
}

// An Outcome is where a walk ends: the code, what it means, the header
// rules the code carries (its MUST, MUST NOT, SHOULD and SHOULD NOT fields,
// from its entry), and the situations that lead there.
type Outcome struct {
	Code       int          `json:"code"`
	Name       string       `json:"name"`
	Summary    string       `json:"summary"`
	Note       string       `json:"note,omitempty"`
	Headers    []HeaderRule `json:"headers"`
	Situations []Situation  `json:"situations"`
}

// Questions returns the whole decision guide, the first question ("start")
// first. Each question's answers lead to another question or to a code.
func Questions() []Question {
	out := make([]Question, len(questions))
	for i := range questions {
		out[i] = questions[i].clone()
	}
	return out
}

// LookupQuestion returns the question with the given id.
func LookupQuestion(id string) (Question, bool) {
	if i := questionIndex(id); i >= 0 {
		return questions[i].clone(), true
	}
	return Question{}, false
}

// Choose walks the decision guide from its first question, taking each
// answer in turn. An answer is an answer's id ("client-problem") or its
// number among the question's answers, from 1. It returns an error naming
// the first answer that does not fit, or an answer given after the walk
// reached a code. With no answers, the walk stands at the first question.
func Choose(answers ...string) (Walk, error) {
	if len(answers) > MaxAnswers {
		return Walk{}, fmt.Errorf("%d answers: no path is longer than %d", len(answers), MaxAnswers)
	}
	w := Walk{Path: []Step{}}
	q := &questions[0]
	for n, given := range answers {
		if q == nil {
			return w, fmt.Errorf("answer %d (%q): the walk already ended at %d", n+1, clip(given), w.Result.Code)
		}
		a, ok := q.answer(given)
		if !ok {
			return w, fmt.Errorf("answer %d (%q) is not an answer to %q: give 1 to %d or one of %s", n+1, clip(given), q.ID, len(q.Answers), strings.Join(q.answerIDs(), ", "))
		}
		w.Path = append(w.Path, Step{Question: q.clone(), Answer: a.clone()})
		if a.Code != 0 {
			w.Result = outcome(a)
			q = nil
			continue
		}
		q = &questions[questionIndex(a.Next)]
	}
	if q != nil {
		c := q.clone()
		w.Question = &c
	}
	return w, nil
}

// ChooseAt returns the walk that stands at question id, or, with an answer
// id that leads to a code, the walk that ends with it. Every question has
// one path to it, so the pair names a walk as a URL can.
func ChooseAt(id, answer string) (Walk, error) {
	i := questionIndex(id)
	if i < 0 {
		return Walk{}, fmt.Errorf("no question %q", clip(id))
	}
	var path []string
	for q := &questions[i]; q.Parent != ""; q = &questions[questionIndex(q.Parent)] {
		path = append(path, q.Via)
	}
	slices.Reverse(path)
	if answer != "" {
		a, ok := questions[i].answer(answer)
		if !ok || a.Code == 0 || a.ID != answer {
			return Walk{}, fmt.Errorf("question %q has no answer %q that ends with a code", id, clip(answer))
		}
		path = append(path, answer)
	}
	return Choose(path...)
}

// Answers returns the ids of the walk's answers, in order: what Choose
// takes to make the walk again.
func (w Walk) Answers() []string {
	out := make([]string, len(w.Path))
	for i, s := range w.Path {
		out[i] = s.Answer.ID
	}
	return out
}

// Back returns the walk without its last answer: the question before, asked
// again. At the first question it returns w unchanged.
func (w Walk) Back() Walk {
	ids := w.Answers()
	if len(ids) == 0 {
		return w
	}
	b, _ := Choose(ids[:len(ids)-1]...)
	return b
}

func outcome(a *Answer) *Outcome {
	o := &Outcome{Code: a.Code, Note: a.Note, Headers: []HeaderRule{}, Situations: []Situation{}}
	lo, hi := span(a.Code)
	if lo < hi {
		o.Name, o.Summary = entries[lo].Name, entries[lo].Summary
		for _, h := range entries[lo].Headers {
			if h.Requirement != May {
				o.Headers = append(o.Headers, h)
			}
		}
	}
	for _, id := range a.Situations {
		if i := situationIndex(id); i >= 0 {
			o.Situations = append(o.Situations, situations[i].clone())
		}
	}
	return o
}

func questionIndex(id string) int {
	return slices.IndexFunc(questions, func(q Question) bool { return q.ID == id })
}

// answer finds an answer by id or by number from 1.
func (q *Question) answer(given string) (*Answer, bool) {
	given = strings.TrimSpace(given)
	if n, err := strconv.Atoi(given); err == nil && n >= 1 && n <= len(q.Answers) {
		return &q.Answers[n-1], true
	}
	for i := range q.Answers {
		if q.Answers[i].ID == given {
			return &q.Answers[i], true
		}
	}
	return nil, false
}

func (q *Question) answerIDs() []string {
	out := make([]string, len(q.Answers))
	for i, a := range q.Answers {
		out[i] = a.ID
	}
	return out
}

func (q Question) clone() Question {
	q.Answers = cloneList(q.Answers)
	for i := range q.Answers {
		q.Answers[i] = q.Answers[i].clone()
	}
	return q
}

func (a *Answer) clone() Answer {
	c := *a
	c.Situations = slices.Clone(a.Situations)
	return c
}

// clip shortens what a caller gave for an error message.
func clip(s string) string {
	if r := []rune(s); len(r) > 40 {
		return string(r[:40]) + "…"
	}
	return s
}
