package server

import (
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/httpstatus/httpstatus"
)

// The decision guide's pages: /choose (the first question), /choose/{q}
// (any question) and /choose/{q}/{a} (an answer that ends with a code).
// Every one is rendered at start-up; answers are plain links, so the guide
// works without JavaScript, and a finished path's URL can be shared.

type choosePage struct {
	layout
	Walk     httpstatus.Walk
	Steps    []chooseStep // the path so far, each with the URL of its question
	Back     string       // the URL of the question before; empty at the start
	Options  []chooseOption
	Result   *httpstatus.Outcome
	Compare  []compareLink
	ShareURL string
}

type chooseStep struct {
	Question, Answer, URL string
}

type chooseOption struct {
	N          int
	Text, URL  string
	Code       int // when the answer ends with a code
	NextPrompt string
}

type compareLink struct {
	URL, Label string
}

// questionURL is the stable URL of a question.
func questionURL(id string) string {
	if id == "start" {
		return "/choose"
	}
	return "/choose/" + id
}

// answerURL is the URL an answer leads to.
func answerURL(q httpstatus.Question, a httpstatus.Answer) string {
	if a.Next != "" {
		return questionURL(a.Next)
	}
	return "/choose/" + q.ID + "/" + a.ID
}

// compareURL is the canonical URL of a comparison: codes ascending.
func compareURL(codes ...int) string {
	cs := slices.Clone(codes)
	slices.Sort(cs)
	parts := make([]string, len(cs))
	for i, c := range cs {
		parts[i] = fmt.Sprintf("%03d", c)
	}
	return "/compare/" + strings.Join(parts, "-")
}

func compareLinks(code int) []compareLink {
	var out []compareLink
	for _, n := range httpstatus.Neighbours(code) {
		out = append(out, compareLink{URL: compareURL(code, n), Label: fmt.Sprintf("%03d vs %03d", min(code, n), max(code, n))})
	}
	return out
}

// addChoose renders every page of the guide.
func (s *site) addChoose() error {
	for _, q := range httpstatus.Questions() {
		w, err := httpstatus.ChooseAt(q.ID, "")
		if err != nil {
			return err
		}
		if err := s.addPage(questionURL(q.ID), "choose", s.chooseView(w)); err != nil {
			return err
		}
		for _, a := range q.Answers {
			if a.Code == 0 {
				continue
			}
			w, err := httpstatus.ChooseAt(q.ID, a.ID)
			if err != nil {
				return err
			}
			if err := s.addPage(answerURL(q, a), "choose", s.chooseView(w)); err != nil {
				return err
			}
		}
	}
	return nil
}

func (s *site) chooseView(w httpstatus.Walk) choosePage {
	p := choosePage{Walk: w, Result: w.Result}
	for _, st := range w.Path {
		p.Steps = append(p.Steps, chooseStep{Question: st.Question.Text, Answer: st.Answer.Text, URL: questionURL(st.Question.ID)})
	}
	if n := len(w.Path); n > 0 {
		p.Back = questionURL(w.Path[n-1].Question.ID)
	}
	if w.Question != nil {
		q := *w.Question
		p.layout = s.layout(q.Text, "Which HTTP status code should I return? "+q.Text, questionURL(q.ID))
		for i, a := range q.Answers {
			p.Options = append(p.Options, chooseOption{N: i + 1, Text: a.Text, URL: answerURL(q, a), Code: a.Code})
		}
		p.ShareURL = questionURL(q.ID)
	} else {
		o := w.Result
		last := w.Path[len(w.Path)-1]
		p.ShareURL = answerURL(last.Question, last.Answer)
		p.layout = s.layout(fmt.Sprintf("Return %03d %s", o.Code, o.Name), o.Summary, p.ShareURL)
		p.Compare = compareLinks(o.Code)
	}
	if len(w.Path) == 0 {
		p.Crumbs = []crumb{{"Home", "/"}, {"Which code?", ""}}
	} else {
		p.Crumbs = []crumb{{"Home", "/"}, {"Which code?", "/choose"}, {fmt.Sprintf("Step %d", len(w.Path)+1), ""}}
		if w.Result != nil {
			p.Crumbs[2].Name = fmt.Sprintf("%03d", w.Result.Code)
		}
	}
	return p
}

// The side-by-side pages: /compare/401-403, any two or three codes. The
// canonical URL names the codes ascending, each with three digits; another
// order or spelling is redirected to it, and anything else is the 404
// page, as for any path that names no page.

type comparePage struct {
	layout
	Comparison httpstatus.Comparison
	Columns    []compareColumn
}

type compareColumn struct {
	Entry      httpstatus.Entry
	Situations []httpstatus.Situation
}

// maxCompareSegment bounds the {codes} segment: three codes and two hyphens.
const maxCompareSegment = 11

// parseCompare parses "401-403" or "502-503-504" into codes.
func parseCompare(seg string) ([]int, bool) {
	if len(seg) > maxCompareSegment {
		return nil, false
	}
	parts := strings.Split(seg, "-")
	if len(parts) < 2 || len(parts) > 3 {
		return nil, false
	}
	codes := make([]int, len(parts))
	for i, p := range parts {
		c, err := strconv.Atoi(p)
		if err != nil || c < 100 || c > 999 || len(p) > 3 {
			return nil, false
		}
		codes[i] = c
	}
	return codes, true
}

func handleCompare(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		seg := r.PathValue("codes")
		codes, ok := parseCompare(seg)
		if !ok {
			s.notFound(w, r)
			return
		}
		cmp, err := httpstatus.Compare(codes...)
		if err != nil {
			s.notFound(w, r)
			return
		}
		if canon := compareURL(codes...); canon != r.URL.Path {
			http.Redirect(w, r, canon, http.StatusMovedPermanently)
			return
		}
		p := comparePage{Comparison: cmp}
		var names []string
		for _, e := range cmp.Entries {
			names = append(names, fmt.Sprintf("%03d %s", e.Code, e.Name))
			sits := httpstatus.SituationsFor(e.Code)
			if len(sits) > 4 {
				sits = sits[:4]
			}
			p.Columns = append(p.Columns, compareColumn{Entry: e, Situations: sits})
		}
		p.layout = s.layout(strings.Join(names, " vs "), cmp.Verdict, r.URL.Path)
		p.Crumbs = []crumb{{"Home", "/"}, {"Guide", "/guide"}, {strings.TrimPrefix(r.URL.Path, "/compare/"), ""}}
		buf := getBuffer()
		defer putBuffer(buf)
		if err := s.renderTo(buf, "compare", p); err != nil {
			s.problem(w, r, http.StatusServiceUnavailable, "the page could not be rendered")
			return
		}
		serve(w, r, newDynamic(buf.Bytes(), htmlType, cachePage, http.StatusOK), http.StatusOK)
	})
}

// The API of the guide, the situations and comparisons.

// Bounds on the query parameters of /api/v1/choose and /api/v1/compare.
const (
	maxAnswerParam = 64
	maxCodesParam  = 32
)

// handleAPIChoose serves /api/v1/choose?answer=…&answer=…: the walk those
// answers make (ids or numbers from 1), the next question or the result.
// Answers that do not fit are a 400.
func handleAPIChoose(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		answers := r.URL.Query()["answer"]
		if len(answers) > httpstatus.MaxAnswers {
			s.problem(w, r, http.StatusBadRequest, fmt.Sprintf("at most %d answers", httpstatus.MaxAnswers))
			return
		}
		for _, a := range answers {
			if len(a) > maxAnswerParam {
				s.problem(w, r, http.StatusBadRequest, fmt.Sprintf("an answer is longer than %d bytes", maxAnswerParam))
				return
			}
		}
		walk, err := httpstatus.Choose(answers...)
		if err != nil {
			s.problem(w, r, http.StatusBadRequest, err.Error())
			return
		}
		writeJSONResource(s, w, r, walk)
	})
}

// handleAPICompare serves /api/v1/compare?codes=401,403.
func handleAPICompare(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		raw := r.URL.Query().Get("codes")
		if raw == "" || len(raw) > maxCodesParam {
			s.problem(w, r, http.StatusBadRequest, "codes is required: two or three codes separated by commas, /api/v1/compare?codes=401,403")
			return
		}
		var codes []int
		for _, f := range strings.Split(raw, ",") {
			c, err := httpstatus.ParseCode(strings.TrimSpace(f))
			if err != nil {
				s.problem(w, r, http.StatusBadRequest, fmt.Sprintf("not a status code: %q; a status code has three digits", f))
				return
			}
			codes = append(codes, c)
		}
		cmp, err := httpstatus.Compare(codes...)
		if err != nil {
			s.problem(w, r, http.StatusBadRequest, err.Error())
			return
		}
		writeJSONResource(s, w, r, cmp)
	})
}

// writeJSONResource encodes v and serves it as a cacheable 200.
func writeJSONResource(s *site, w http.ResponseWriter, r *http.Request, v any) {
	buf := getBuffer()
	defer putBuffer(buf)
	if err := encodeJSONTo(buf, v); err != nil {
		s.problem(w, r, http.StatusServiceUnavailable, "the answer could not be encoded")
		return
	}
	serve(w, r, newDynamic(buf.Bytes(), jsonType, cachePage, http.StatusOK), http.StatusOK)
}
