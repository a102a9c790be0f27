// Package cli is the httpstatus command. Main takes its arguments, its
// environment and its streams as values, so that it runs in tests as it runs
// in a terminal.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strconv"
	"strings"
	"sync/atomic"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/httpstatus/httpstatus"
)

// Exit codes.
const (
	ExitFound    = 0 // the command found what was asked, or did its job
	ExitNotFound = 1 // nothing matched, or the server failed
	ExitUsage    = 2 // the arguments were wrong
	ExitOutput   = 3 // the output could not be written (a full disk, a closed stream)
	// ExitInterrupted: SIGINT or SIGTERM stopped a command other than serve
	// (128 + SIGINT, as shells report it).
	ExitInterrupted = 130
)

// Version is the program's version; the release build sets it with
// -ldflags "-X github.com/httpstatus/httpstatus/internal/cli.Version=v1.2.3".
var Version = ""

// exitError carries an exit code with the error that caused it.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

func usageErr(format string, args ...any) error {
	return &exitError{ExitUsage, fmt.Errorf(format, args...)}
}

// notFound is an error for "nothing matched", with a suggestion for stderr.
func notFound(reason, suggestion string) error {
	if suggestion != "" {
		reason += "\n" + suggestion
	}
	return &exitError{ExitNotFound, errors.New(reason)}
}

// env is what a command needs from the outside world.
type env struct {
	ctx    context.Context
	getenv func(string) string
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer

	json  bool
	color string // auto, always, never
	limit int

	// graceful is set by a command that handles ctx's end itself (serve),
	// which Main then waits for.
	graceful atomic.Bool
}

// outWriter keeps the first error of writing to the output; every later
// write fails with it.
type outWriter struct {
	w   io.Writer
	err error
}

func (o *outWriter) Write(p []byte) (int, error) {
	if o.err != nil {
		return 0, o.err
	}
	n, err := o.w.Write(p)
	if err == nil && n < len(p) {
		err = io.ErrShortWrite
	}
	o.err = err
	return n, err
}

// maxErrorLine bounds the line Main writes for an error, in runes.
const maxErrorLine = 300

// Main runs the httpstatus command with args (without the program name) and
// returns its exit code: 0 found, 1 nothing found, 2 usage error, 3 the
// output could not be written, 130 interrupted. When ctx ends (the caller's
// SIGINT or SIGTERM), a command other than serve is abandoned at once;
// serve shuts down gracefully and Main waits for it.
func Main(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) int {
	out := &outWriter{w: stdout}
	e := &env{ctx: ctx, getenv: getenv, stdin: stdin, stdout: out, stderr: stderr}
	root := newRoot(e)
	root.SetArgs(args)
	done := make(chan error, 1)
	go func() { done <- root.ExecuteContext(ctx) }()
	var err error
	select {
	case err = <-done:
	case <-ctx.Done():
		if !e.graceful.Load() {
			fmt.Fprintln(stderr, "httpstatus: interrupted")
			return ExitInterrupted
		}
		err = <-done
	}
	if out.err != nil {
		// One rule for text and --json: the command's own error, if any, is
		// most likely this one.
		fmt.Fprintf(stderr, "httpstatus: writing the output: %v\n", out.err)
		return ExitOutput
	}
	if err == nil {
		return ExitFound
	}
	code := ExitUsage // cobra's own errors are all about the arguments
	var ee *exitError
	if errors.As(err, &ee) {
		code = ee.code
	}
	msg := strings.TrimSpace(err.Error())
	first, rest, _ := strings.Cut(msg, "\n")
	fmt.Fprintf(stderr, "httpstatus: %s\n", clip(first, maxErrorLine))
	if rest != "" {
		fmt.Fprintln(stderr, rest)
	}
	return code
}

const rootExamples = `  httpstatus 404                 everything about 404 Not Found
  httpstatus 404 418             several codes at once
  httpstatus 4xx                 every 4xx code (also 41x, 5x3, 4)
  httpstatus teapot              a word that is not a code searches
  httpstatus search rate limit   ranked search
  httpstatus list --class 5xx    the registered 5xx codes, one a line
  httpstatus 429 --json          the entry as JSON
  httpstatus serve               the website, JSON API and test endpoint`

func newRoot(e *env) *cobra.Command {
	root := &cobra.Command{
		Use:   "httpstatus [code | pattern | words...]",
		Short: "The HTTP status code reference: every code, what it means, how to use it",
		Long: "httpstatus explains HTTP status codes: every code in the IANA registry and the\n" +
			"well-known vendor codes (nginx, Cloudflare, IIS, AWS ...), with header rules,\n" +
			"caching and retry facts, examples, and how other ecosystems name them.\n\n" +
			"Exit codes: 0 found, 1 nothing found, 2 usage error, 3 the output could not be\n" +
			"written, 130 interrupted (serve shuts down gracefully and exits 0).\n\n" +
			"Data: " + httpstatus.DataVersion + ".",
		Example:       rootExamples,
		Args:          cobra.ArbitraryArgs,
		Version:       version(),
		SilenceErrors: true,
		SilenceUsage:  true,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usageErr("name a code, a pattern or some words; see httpstatus --help")
			}
			if err := e.check(); err != nil {
				return err
			}
			return e.lookup(args)
		},
		ValidArgsFunction: completeCodes,
	}
	// The streams first: cobra's completion commands capture them when made.
	root.SetIn(e.stdin)
	root.SetOut(e.stdout)
	root.SetErr(e.stderr)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return &exitError{ExitUsage, err} })
	pf := root.PersistentFlags()
	pf.BoolVar(&e.json, "json", false, "print JSON: an array of entries with the catalogue's field names")
	pf.StringVar(&e.color, "color", "auto", "colour the output: auto, always or never (NO_COLOR turns it off)")
	root.Flags().IntVar(&e.limit, "limit", 10, "the most search results to show when the words are a search")
	root.RegisterFlagCompletionFunc("color", cobra.FixedCompletions([]string{"auto", "always", "never"}, cobra.ShellCompDirectiveNoFileComp)) //nolint:errcheck // the flag exists
	root.AddCommand(newSearch(e), newList(e), newServe(e), newCheck(e), newChoose(e), newVs(e), newRetry(e), newExport(e), newPages(e), newHealthcheck(e), newMan(e))
	root.InitDefaultCompletionCmd()
	for _, c := range root.Commands() {
		if c.Name() == "completion" {
			// Without a shell cobra would print help and succeed.
			c.Args = cobra.NoArgs
			c.RunE = func(*cobra.Command, []string) error {
				return usageErr("completion needs a shell: bash, zsh, fish or powershell")
			}
		}
	}
	root.SetVersionTemplate("httpstatus {{.Version}}\n")
	return root
}

// check validates the flags every command shares.
func (e *env) check() error {
	switch e.color {
	case "auto", "always", "never":
	default:
		return usageErr("--color must be auto, always or never, not %s", quoteInput(e.color))
	}
	if e.limit < 1 {
		return usageErr("--limit must be at least 1, not %d", e.limit)
	}
	return nil
}

// maxEchoed is the most of an argument an error message repeats, in runes,
// as the server's errors do.
const maxEchoed = 40

// quoteInput quotes what the user gave, for an error message: cut to
// maxEchoed runes, with control characters escaped.
func quoteInput(s string) string {
	return strconv.Quote(clip(s, maxEchoed))
}

// completeCodes offers every code of the catalogue, with its name.
func completeCodes(_ *cobra.Command, _ []string, toComplete string) ([]string, cobra.ShellCompDirective) {
	var out []string
	seen := map[int]bool{}
	for _, en := range httpstatus.All() {
		c := fmt.Sprintf("%03d", en.Code)
		if seen[en.Code] || !strings.HasPrefix(c, toComplete) {
			continue
		}
		seen[en.Code] = true
		out = append(out, c+"\t"+en.Name)
	}
	return out, cobra.ShellCompDirectiveNoFileComp
}

func version() string {
	if Version != "" {
		return Version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "dev"
}

// colorOn decides whether to colour output written to w.
func (e *env) colorOn(w io.Writer) bool {
	switch {
	case e.color == "never" || e.getenv("NO_COLOR") != "" || e.getenv("TERM") == "dumb":
		return false
	case e.color == "always":
		return true
	}
	f, ok := fileOf(w)
	return ok && term.IsTerminal(int(f.Fd()))
}

// fileOf returns the file under w, seeing through Main's outWriter.
func fileOf(w io.Writer) (*os.File, bool) {
	if o, ok := w.(*outWriter); ok {
		w = o.w
	}
	f, ok := w.(*os.File)
	return f, ok
}

// width is the width to wrap text to: the terminal's, else $COLUMNS, else 80.
func (e *env) width() int {
	if f, ok := fileOf(e.stdout); ok && term.IsTerminal(int(f.Fd())) {
		if w, _, err := term.GetSize(int(f.Fd())); err == nil && w > 20 {
			return w
		}
	}
	if n, err := strconv.Atoi(e.getenv("COLUMNS")); err == nil && n > 20 {
		return n
	}
	return 80
}

// terminal reports whether stdout is a terminal.
func (e *env) terminal() bool {
	f, ok := fileOf(e.stdout)
	return ok && term.IsTerminal(int(f.Fd()))
}
