package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/httpstatus/httpstatus"
)

// guideLeaves returns the answer ids of every path through the guide that
// ends with a code, and that code.
func guideLeaves(t *testing.T) (paths [][]string, codes []int) {
	t.Helper()
	var walk func(path []string)
	walk = func(path []string) {
		w, err := httpstatus.Choose(path...)
		if err != nil {
			t.Fatal(err)
		}
		if w.Result != nil {
			paths = append(paths, path)
			codes = append(codes, w.Result.Code)
			return
		}
		for _, a := range w.Question.Answers {
			walk(append(slices.Clone(path), a.ID))
		}
	}
	walk(nil)
	return paths, codes
}

// TestChooseEveryLeaf walks the guide to each leaf through Main, once with
// --answer ids and once with numbers on standard input, and checks the code
// printed.
func TestChooseEveryLeaf(t *testing.T) {
	paths, codes := guideLeaves(t)
	for i, p := range paths {
		t.Run(strings.Join(p, "/"), func(t *testing.T) {
			var args []string
			for _, a := range p {
				args = append(args, "-a", a)
			}
			code, out, errOut := run(t, nil, append([]string{"choose", "--json"}, args...)...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			var w httpstatus.Walk
			if err := json.Unmarshal([]byte(out), &w); err != nil || w.Result == nil || w.Result.Code != codes[i] {
				t.Fatalf("result %+v, %v; want %d", w.Result, err, codes[i])
			}
			// The same walk by numbers, from standard input.
			var nums []string
			for _, s := range w.Path {
				for k, a := range s.Question.Answers {
					if a.ID == s.Answer.ID {
						nums = append(nums, strconv.Itoa(k+1))
					}
				}
			}
			var stdout, stderr bytes.Buffer
			rc := Main(context.Background(), []string{"choose"}, func(string) string { return "" },
				strings.NewReader(strings.Join(nums, "\n")+"\n"), &stdout, &stderr)
			if rc != 0 || !strings.Contains(stdout.String(), "\n"+strconv.Itoa(codes[i])+" ") {
				t.Errorf("stdin %v: exit %d, output\n%s%s", nums, rc, stdout.String(), stderr.String())
			}
		})
	}
}

func TestChooseErrors(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		stdin  string
		stderr string
	}{
		{"error/unknown-answer", []string{"choose", "-a", "perhaps"}, "", `("perhaps") is not an answer to "start"`},
		{"error/unfinished", []string{"choose", "-a", "3"}, "", `the answers stop at question "client"`},
		{"error/after-end", []string{"choose", "-a", "1", "-a", "created", "-a", "1"}, "", "already ended at 201"},
		{"error/no-answers", []string{"choose"}, "", "no answers"},
		{"error/format", []string{"choose", "--format", "svg"}, "", "--format must be mermaid, dot or json"},
		{"error/format-and-answer", []string{"choose", "--format", "dot", "-a", "1"}, "", "takes no --answer"},
		{"error/long-line", []string{"choose"}, strings.Repeat("x", 300), "longer than 256 bytes"},
		{"error/args", []string{"choose", "409"}, "", "unknown command"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			rc := Main(context.Background(), tt.args, func(string) string { return "" }, strings.NewReader(tt.stdin), &stdout, &stderr)
			if rc != ExitUsage || !strings.Contains(stderr.String(), tt.stderr) || strings.Count(stderr.String(), "\n") != 1 {
				t.Errorf("exit %d, stderr %q; want 2 and one line with %q", rc, stderr.String(), tt.stderr)
			}
		})
	}
}

// TestChooseInteractive drives the terminal dialogue: a wrong key, an
// answer, back, answers to a code.
func TestChooseInteractive(t *testing.T) {
	var out bytes.Buffer
	e := &env{stdout: &out, getenv: func(string) string { return "" }, color: "never"}
	in := strings.NewReader("9\n3\nb\n3\n4\n3\n2\n")
	if err := e.chooseInteractive(in); err != nil {
		t.Fatal(err)
	}
	got := out.String()
	for _, want := range []string{
		"Type a number from 1 to 4",
		"What stops the request?",
		"428 Precondition Required",
		"If-Match",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("dialogue lacks %q:\n%s", want, got)
		}
	}
	// After b the first question is asked again.
	if strings.Count(got, "How did the request turn out?") < 3 {
		t.Errorf("back did not return to the first question:\n%s", got)
	}
	out.Reset()
	if err := e.chooseInteractive(strings.NewReader("1\nq\n")); err != nil || strings.Contains(out.String(), "200 OK") {
		t.Errorf("q did not quit: %v\n%s", err, out.String())
	}
}

func TestChooseFormats(t *testing.T) {
	paths, _ := guideLeaves(t)
	_, out, _ := run(t, nil, "choose", "--format", "mermaid")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if lines[0] != "flowchart TD" {
		t.Fatalf("first line %q", lines[0])
	}
	leafEdges := 0
	for _, l := range lines[1:] {
		if strings.Contains(l, "-->") && strings.Contains(l, `(["`) {
			leafEdges++
			label := l[strings.Index(l, `(["`)+3:]
			if _, err := strconv.Atoi(label[:3]); err != nil {
				t.Errorf("leaf label does not start with a code: %s", l)
			}
		}
	}
	if leafEdges != len(paths) {
		t.Errorf("%d leaf edges, %d leaves", leafEdges, len(paths))
	}
	_, out, _ = run(t, nil, "choose", "--format", "dot")
	if !strings.HasPrefix(out, "digraph choose {") || strings.Count(out, "->") != len(paths)+len(httpstatus.Questions())-1 {
		t.Errorf("dot output has %d edges", strings.Count(out, "->"))
	}
	_, out, _ = run(t, nil, "choose", "--format", "json")
	var qs []httpstatus.Question
	if err := json.Unmarshal([]byte(out), &qs); err != nil || len(qs) != len(httpstatus.Questions()) {
		t.Errorf("json: %v, %d questions", err, len(qs))
	}
}

func TestVs(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		code   int
		stdout string
		stderr string
	}{
		{"ok/401-403", []string{"vs", "401", "403"}, 0, "VERDICT", ""},
		{"ok/three", []string{"vs", "504", "502", "503"}, 0, "502 Bad Gateway", ""},
		{"ok/no-confusion", []string{"vs", "200", "418"}, 0, "I'm a teapot", ""},
		{"error/one", []string{"vs", "401"}, 2, "", "two or three codes, not 1"},
		{"error/four", []string{"vs", "400", "401", "403", "404"}, 2, "", "two or three codes, not 4"},
		{"error/repeated", []string{"vs", "401", "401"}, 2, "", "401 is given twice"},
		{"error/unknown", []string{"vs", "401", "299"}, 2, "", "no code 299"},
		{"error/not-a-code", []string{"vs", "401", "forbidden"}, 2, "", `"forbidden" is not a status code`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := run(t, nil, tt.args...)
			if code != tt.code || !strings.Contains(out, tt.stdout) || !strings.Contains(errOut, tt.stderr) {
				t.Errorf("exit %d, stdout %q, stderr %q", code, out, errOut)
			}
			if tt.code == 2 && (out != "" || strings.Count(errOut, "\n") != 1) {
				t.Errorf("want no stdout and one line on stderr: %q %q", out, errOut)
			}
		})
	}
	_, out, _ := run(t, nil, "vs", "403", "401", "--json")
	var c httpstatus.Comparison
	if err := json.Unmarshal([]byte(out), &c); err != nil || c.Entries[0].Code != 401 || c.Confusion == nil {
		t.Errorf("--json: %v %+v", err, c)
	}
}
