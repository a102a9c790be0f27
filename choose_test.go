package httpstatus_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/httpstatus/httpstatus"
)

// leaves walks the guide and returns the answer ids of every path that ends
// with a code.
func leaves(t *testing.T) [][]string {
	t.Helper()
	var out [][]string
	var walk func(path []string)
	walk = func(path []string) {
		w, err := httpstatus.Choose(path...)
		if err != nil {
			t.Fatalf("Choose(%v): %v", path, err)
		}
		if w.Result != nil {
			out = append(out, path)
			return
		}
		for _, a := range w.Question.Answers {
			walk(append(slices.Clone(path), a.ID))
		}
	}
	walk(nil)
	return out
}

// chooseCodes are the codes an origin server or API sends, which the guide
// must reach.
var chooseCodes = []int{200, 201, 202, 204, 206, 300, 301, 302, 303, 304, 307, 308,
	400, 401, 403, 404, 405, 406, 409, 410, 412, 413, 415, 416, 422, 428, 429, 451,
	500, 501, 502, 503, 504}

func TestChooseTree(t *testing.T) {
	paths := leaves(t)
	reached := map[int]bool{}
	leafCount := 0
	for _, q := range httpstatus.Questions() {
		for _, a := range q.Answers {
			if a.Code != 0 {
				leafCount++
			}
		}
	}
	if len(paths) != leafCount {
		t.Errorf("%d leaves reachable from the start, %d answers with a code", len(paths), leafCount)
	}
	for _, p := range paths {
		if len(p) > 7 {
			t.Errorf("path %v asks %d questions; at most 7", p, len(p))
		}
		w, _ := httpstatus.Choose(p...)
		reached[w.Result.Code] = true
		if w.Result.Name == "" {
			t.Errorf("path %v: result %d has no name", p, w.Result.Code)
		}
		if len(w.Result.Situations) == 0 && slices.Contains(chooseCodes, w.Result.Code) {
			t.Logf("path %v: no situation leads to %d", p, w.Result.Code)
		}
	}
	for _, c := range chooseCodes {
		if !reached[c] {
			t.Errorf("no path leads to %d", c)
		}
	}
}

func TestChooseBack(t *testing.T) {
	for _, p := range leaves(t) {
		w, _ := httpstatus.Choose(p...)
		for i := len(p); i > 0; i-- {
			b := w.Back()
			if b.Question == nil || b.Question.ID != w.Path[i-1].Question.ID {
				t.Fatalf("%v: Back from step %d is not the question before", p, i)
			}
			if !slices.Equal(b.Answers(), p[:i-1]) {
				t.Fatalf("%v: Back gives answers %v", p, b.Answers())
			}
			w = b
		}
		if w.Back().Question.ID != "start" {
			t.Fatalf("Back at the start left it")
		}
	}
}

// TestChooseAt checks that every question and every code answer is named by
// its ids alone (the URLs of /choose), and that the parent of a question is
// the question before it on its path.
func TestChooseAt(t *testing.T) {
	for _, q := range httpstatus.Questions() {
		w, err := httpstatus.ChooseAt(q.ID, "")
		if err != nil || w.Question == nil || w.Question.ID != q.ID {
			t.Fatalf("ChooseAt(%q) = %v, %v", q.ID, w.Question, err)
		}
		if len(w.Path) != q.Depth {
			t.Errorf("%s: depth %d, path %d", q.ID, q.Depth, len(w.Path))
		}
		if q.Parent != "" && w.Path[len(w.Path)-1].Question.ID != q.Parent {
			t.Errorf("%s: parent %s, path ends at %s", q.ID, q.Parent, w.Path[len(w.Path)-1].Question.ID)
		}
		for _, a := range q.Answers {
			if a.Code == 0 {
				continue
			}
			w, err := httpstatus.ChooseAt(q.ID, a.ID)
			if err != nil || w.Result == nil || w.Result.Code != a.Code {
				t.Errorf("ChooseAt(%q, %q) = %v, %v", q.ID, a.ID, w.Result, err)
			}
		}
	}
}

func TestChooseErrors(t *testing.T) {
	tests := []struct {
		name    string
		answers []string
		want    string
	}{
		{"error/unknown", []string{"maybe"}, `answer 1 ("maybe") is not an answer to "start"`},
		{"error/zero", []string{"0"}, "give 1 to"},
		{"error/too-high", []string{"99"}, "give 1 to"},
		{"error/after-end", []string{"success", "created", "1"}, "already ended at 201"},
		{"error/too-many", slices.Repeat([]string{"1"}, 17), "no path is longer"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := httpstatus.Choose(tt.answers...)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Choose(%v) error %v, want %q", tt.answers, err, tt.want)
			}
		})
	}
	if _, err := httpstatus.ChooseAt("nowhere", ""); err == nil {
		t.Error("ChooseAt accepted an unknown question")
	}
	if _, err := httpstatus.ChooseAt("start", "success"); err == nil {
		t.Error("ChooseAt accepted an answer that leads to a question")
	}
}

func TestChooseOutcomeHeaders(t *testing.T) {
	w, err := httpstatus.Choose("client-problem", "resource", "method")
	if err != nil || w.Result == nil {
		t.Fatal(err)
	}
	if w.Result.Code != 405 || !slices.ContainsFunc(w.Result.Headers, func(h httpstatus.HeaderRule) bool {
		return h.Name == "Allow" && h.Requirement == httpstatus.Must
	}) {
		t.Errorf("405 result %+v lacks Allow MUST", w.Result)
	}
	for _, h := range w.Result.Headers {
		if h.Requirement == httpstatus.May {
			t.Errorf("result lists MAY rule %s", h.Name)
		}
	}
	// Numbers and ids are the same answers.
	n, _ := httpstatus.Choose("3", "2", "3")
	if fmt.Sprint(n.Answers()) != fmt.Sprint(w.Answers()) {
		t.Errorf("numbers %v, ids %v", n.Answers(), w.Answers())
	}
}

// FuzzChoose feeds Choose arbitrary answers: it never panics, and a walk it
// returns without error either stands at a question or has a result.
func FuzzChoose(f *testing.F) {
	f.Add("client-problem\nstate\nconflict")
	f.Add("3\n4\n2")
	f.Add("1\n\x00\n99")
	f.Fuzz(func(t *testing.T, s string) {
		w, err := httpstatus.Choose(strings.Split(s, "\n")...)
		if err != nil {
			return
		}
		if (w.Question == nil) == (w.Result == nil) {
			t.Fatalf("walk %v has both or neither a question and a result", w.Answers())
		}
		if len(w.Path) > 7 {
			t.Fatalf("walk of %d steps", len(w.Path))
		}
	})
}

// FuzzCompare: Compare never panics and sorts what it accepts.
func FuzzCompare(f *testing.F) {
	f.Add(401, 403, 0)
	f.Add(504, 502, 503)
	f.Fuzz(func(t *testing.T, a, b, c int) {
		codes := []int{a, b}
		if c != 0 {
			codes = append(codes, c)
		}
		cmp, err := httpstatus.Compare(codes...)
		if err != nil {
			return
		}
		for i := 1; i < len(cmp.Entries); i++ {
			if cmp.Entries[i-1].Code >= cmp.Entries[i].Code {
				t.Fatalf("Compare(%v) not sorted", codes)
			}
		}
	})
}
