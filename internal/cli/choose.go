package cli

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/httpstatus/httpstatus"
)

// Bounds on what choose reads: answers from standard input and flags.
const (
	maxAnswerLine = 256     // bytes in one answer
	maxAnswerText = 4 << 10 // bytes of standard input read for answers
)

func newChoose(e *env) *cobra.Command {
	var answers []string
	var format string
	cmd := &cobra.Command{
		Use:   "choose",
		Short: "Which code should I return? A few plain questions lead to it",
		Long: `Answer a few plain questions (at most 7) and get the code to return, the header
fields it calls for and the situations that lead there.

On a terminal it asks: type an answer's number, b to go back, q to quit. Elsewhere
it takes the answers from --answer (repeatable; a number from 1, or the answer's
id) or, without --answer, from standard input, one a line. --format prints the
whole guide instead: mermaid (a flowchart), dot (Graphviz) or json.`,
		Example: `  httpstatus choose
  httpstatus choose -a client-problem -a state -a conflict
  httpstatus choose -a 3 -a 4 -a 2 --json
  printf '3\n4\n2\n' | httpstatus choose
  httpstatus choose --format mermaid > guide.mmd`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := e.check(); err != nil {
				return err
			}
			if format != "" {
				if len(answers) > 0 {
					return usageErr("--format prints the whole guide; it takes no --answer")
				}
				return e.chooseFormat(format)
			}
			if len(answers) == 0 && e.interactive() {
				return e.chooseInteractive(e.stdin)
			}
			if len(answers) == 0 {
				var err error
				if answers, err = readAnswers(e.stdin); err != nil {
					return err
				}
			}
			return e.chooseWalk(answers)
		},
	}
	cmd.Flags().StringArrayVarP(&answers, "answer", "a", nil, "an answer, in order: its number from 1 or its id (repeatable)")
	cmd.Flags().StringVar(&format, "format", "", "print the whole guide: mermaid, dot or json")
	cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions([]string{"mermaid", "dot", "json"}, cobra.ShellCompDirectiveNoFileComp)) //nolint:errcheck // the flag exists
	return cmd
}

// interactive reports whether both standard input and output are terminals.
func (e *env) interactive() bool {
	in, ok := e.stdin.(*os.File)
	return ok && term.IsTerminal(int(in.Fd())) && e.terminal()
}

// readAnswers reads answers from r, one a line, skipping blank lines.
func readAnswers(r io.Reader) ([]string, error) {
	if r == nil {
		return nil, usageErr("choose: give answers with --answer or on standard input, one a line")
	}
	sc := bufio.NewScanner(io.LimitReader(r, maxAnswerText))
	sc.Buffer(make([]byte, 0, 512), maxAnswerLine)
	var out []string
	for sc.Scan() {
		if a := strings.TrimSpace(sc.Text()); a != "" {
			out = append(out, a)
		}
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			return nil, usageErr("choose: an answer on standard input is longer than %d bytes", maxAnswerLine)
		}
		return nil, usageErr("choose: reading standard input: %v", err)
	}
	if len(out) == 0 {
		return nil, usageErr("choose: no answers: give them with --answer or on standard input, one a line")
	}
	return out, nil
}

// chooseWalk follows answers and prints the walk; answers that stop before
// a code are a usage error, after the question they stop at is printed.
func (e *env) chooseWalk(answers []string) error {
	for _, a := range answers {
		if len(a) > maxAnswerLine {
			return usageErr("choose: an answer is longer than %d bytes", maxAnswerLine)
		}
	}
	w, err := httpstatus.Choose(answers...)
	if err != nil {
		return usageErr("choose: %v", err)
	}
	if e.json {
		if err := writeJSON(e.stdout, w); err != nil {
			return err
		}
	} else {
		p := e.printer()
		p.path(w)
		if w.Result != nil {
			p.outcome(*w.Result)
		} else {
			p.question(*w.Question)
		}
	}
	if w.Result == nil {
		return usageErr("choose: the answers stop at question %q: add one of 1 to %d", w.Question.ID, len(w.Question.Answers))
	}
	return nil
}

// chooseInteractive asks on the terminal until a code, or until q.
func (e *env) chooseInteractive(in io.Reader) error {
	p := e.printer()
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 0, 512), maxAnswerLine)
	var answers []string
	for {
		w, _ := httpstatus.Choose(answers...)
		if w.Result != nil {
			fmt.Fprintln(p.w)
			p.path(w)
			p.outcome(*w.Result)
			return nil
		}
		fmt.Fprintln(p.w)
		p.question(*w.Question)
		back := ""
		if len(answers) > 0 {
			back = ", b back"
		}
		fmt.Fprintf(p.w, "%s ", p.paint(dim, fmt.Sprintf("[1-%d%s, q quit]>", len(w.Question.Answers), back)))
		if !sc.Scan() {
			fmt.Fprintln(p.w)
			return nil // end of input: as q
		}
		in := strings.TrimSpace(sc.Text())
		switch strings.ToLower(in) {
		case "q", "quit", "exit":
			return nil
		case "b", "back":
			if len(answers) > 0 {
				answers = answers[:len(answers)-1]
			}
			continue
		case "":
			continue
		}
		if _, err := httpstatus.Choose(append(answers, in)...); err != nil {
			fmt.Fprintf(p.w, "%s\n", p.paint(dim, fmt.Sprintf("Type a number from 1 to %d, b to go back or q to quit.", len(w.Question.Answers))))
			continue
		}
		answers = append(answers, in)
	}
}

// question writes a question with its answers numbered.
func (p *printer) question(q httpstatus.Question) {
	fmt.Fprintf(p.w, "%s\n", p.paint(bold, q.Text))
	for i, a := range q.Answers {
		lead := fmt.Sprintf("  %d. ", i+1)
		text := a.Text
		if a.Code != 0 {
			text += " → " + strconv.Itoa(a.Code)
		}
		p.hanging(lead, text)
	}
}

// path writes the questions answered so far.
func (p *printer) path(w httpstatus.Walk) {
	for i, s := range w.Path {
		p.hanging(fmt.Sprintf("%d. ", i+1), s.Question.Text+" "+p.paint(dim, "→ "+s.Answer.Text))
	}
}

// outcome writes where a walk ends.
func (p *printer) outcome(o httpstatus.Outcome) {
	fmt.Fprintf(p.w, "\n%s %s\n", p.code(o.Code), p.paint(bold, o.Name))
	p.para(o.Summary, "  ")
	if o.Note != "" {
		p.para(o.Note, "  ")
	}
	if len(o.Headers) > 0 {
		p.heading("Header rules")
		nw := 0
		for _, h := range o.Headers {
			nw = max(nw, len(h.Name))
		}
		for _, h := range o.Headers {
			when := ""
			if h.When != "" {
				when = " (when " + h.When + ")"
			}
			p.hanging(fmt.Sprintf("  %-10s %-*s  ", h.Requirement, nw, h.Name), h.Note+when)
		}
	}
	if len(o.Situations) > 0 {
		p.heading("Situations that lead here")
		for _, s := range o.Situations {
			p.hanging("  • ", s.Title+" "+p.paint(dim, "("+s.ID+")"))
		}
	}
	more := fmt.Sprintf("httpstatus %03d", o.Code)
	if n := httpstatus.Neighbours(o.Code); len(n) > 0 {
		more += fmt.Sprintf(", httpstatus vs %03d %03d", o.Code, n[0])
	}
	p.heading("More")
	p.para(more, "  ")
}

// chooseFormat prints the whole guide for other tools.
func (e *env) chooseFormat(format string) error {
	qs := httpstatus.Questions()
	switch format {
	case "json":
		return writeJSON(e.stdout, qs)
	case "mermaid":
		_, err := io.WriteString(e.stdout, mermaid(qs))
		return err
	case "dot":
		_, err := io.WriteString(e.stdout, dot(qs))
		return err
	}
	return usageErr("--format must be mermaid, dot or json, not %q", clip(format, 20))
}

// mermaid writes the guide as a Mermaid flowchart: the questions as nodes,
// then one edge a line, each answer that ends the walk a leaf node whose
// label starts with its code.
func mermaid(qs []httpstatus.Question) string {
	var b strings.Builder
	b.WriteString("flowchart TD\n")
	id := func(s string) string { return strings.ReplaceAll(s, "-", "_") }
	label := func(s string) string {
		return strings.NewReplacer(`"`, "#quot;", "<", "#lt;", ">", "#gt;").Replace(s)
	}
	for _, q := range qs {
		fmt.Fprintf(&b, "    %s{\"%s\"}\n", id(q.ID), label(q.Text))
	}
	for _, q := range qs {
		for _, a := range q.Answers {
			if a.Next != "" {
				fmt.Fprintf(&b, "    %s -->|\"%s\"| %s\n", id(q.ID), label(a.Text), id(a.Next))
				continue
			}
			fmt.Fprintf(&b, "    %s -->|\"%s\"| %s__%s([\"%03d %s\"])\n", id(q.ID), label(a.Text), id(q.ID), id(a.ID), a.Code, label(codeName(a.Code)))
		}
	}
	return b.String()
}

// dot writes the guide as a Graphviz digraph.
func dot(qs []httpstatus.Question) string {
	var b strings.Builder
	b.WriteString("digraph choose {\n    rankdir=LR;\n    node [fontname=\"sans-serif\"];\n")
	for _, q := range qs {
		fmt.Fprintf(&b, "    %q [shape=box, label=%q];\n", q.ID, q.Text)
	}
	for _, q := range qs {
		for _, a := range q.Answers {
			to := a.Next
			if a.Code != 0 {
				to = q.ID + "/" + a.ID
				fmt.Fprintf(&b, "    %q [shape=ellipse, label=%q];\n", to, fmt.Sprintf("%03d %s", a.Code, codeName(a.Code)))
			}
			fmt.Fprintf(&b, "    %q -> %q [label=%q];\n", q.ID, to, a.Text)
		}
	}
	b.WriteString("}\n")
	return b.String()
}

func codeName(c int) string {
	if es, ok := httpstatus.Lookup(c); ok {
		return es[0].Name
	}
	return ""
}
