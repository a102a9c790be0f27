package cli

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/httpstatus/httpstatus"
	"github.com/httpstatus/httpstatus/check"
)

// Bounds of httpstatus check's input.
const (
	maxRequestFile = 1 << 20  // --request
	maxDataFile    = 8 << 20  // --data-file
	maxHAR         = 64 << 20 // --har
	maxHAREntries  = 10000
)

// checkFlags are the settings of httpstatus check.
type checkFlags struct {
	method   string
	headers  []string
	data     string
	dataFile string
	timeout  time.Duration
	follow   bool
	probe    bool
	request  string
	har      string
	strict   bool
}

// checked is one response's report with what the text output shows of it.
type checked struct {
	label  string // e.g. "GET https://example.com/ → 401 Unauthorized"
	report check.Report
}

func newCheck(e *env) *cobra.Command {
	var f checkFlags
	cmd := &cobra.Command{
		Use:   "check URL | - | --har FILE",
		Short: "Hold a response to the rules of HTTP: from a URL, stdin or a HAR file",
		Long: "check holds HTTP responses to the rules the specifications (RFC 9110, 9111, 9112)\n" +
			"place on them by their status code and request method: the catalogue's header\n" +
			"rules of each code (a 401 MUST carry WWW-Authenticate, a 405 Allow, ...) and the\n" +
			"rules for any response (no content in a 204, Date in a 4xx, Content-Length that\n" +
			"agrees with the content, the grammar of Retry-After, Location, Content-Range,\n" +
			"Allow and the auth challenges). Findings are listed worst first, each with its\n" +
			"strength, a fix and the section of the specification.\n\n" +
			"  httpstatus check URL        send one request (-X, -H, -d, --data-file) and check the answer;\n" +
			"                              --follow checks each redirect and the chain, --probe adds up to\n" +
			"                              7 requests to the same URL (conditional GET, ranges, OPTIONS,\n" +
			"                              an unknown method, HEAD against GET)\n" +
			"  httpstatus check -          read one raw response from stdin, as curl -si prints it\n" +
			"                              (--method names the request's method, --request FILE gives it whole)\n" +
			"  httpstatus check --har F    check every entry of a HAR file\n\n" +
			"Exit codes: 0 no MUST or MUST NOT is broken (with --strict: nor a SHOULD or SHOULD\n" +
			"NOT); 1 one is; 2 a usage error, or input that is not an HTTP response; 3 the output\n" +
			"could not be written; 130 interrupted.",
		Example: `  httpstatus check https://example.com/
  httpstatus check -X DELETE -H 'Authorization: Bearer t' https://api.example/items/7
  httpstatus check --follow http://example.com/old
  curl -si https://example.com/ | httpstatus check -
  curl -sI https://example.com/ | httpstatus check --method HEAD -
  httpstatus check --har session.har --json`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			reports, err := e.runCheck(cmd, &f, args)
			if err != nil {
				return err
			}
			// HAR files, redirect chains and probes give an array even
			// when they hold one response, so scripts can rely on it.
			many := f.har != "" || f.follow || f.probe
			return e.printChecks(reports, f.strict, many)
		},
	}
	fl := cmd.Flags()
	fl.StringVarP(&f.method, "method", "X", "", "the request method: sent in URL mode (default GET, or POST with -d), assumed for stdin (default GET)")
	fl.StringArrayVarP(&f.headers, "header", "H", nil, "a request header 'Name: value' (URL mode; repeatable)")
	fl.StringVarP(&f.data, "data", "d", "", "request content to send (URL mode)")
	fl.StringVar(&f.dataFile, "data-file", "", "send the content of a file (URL mode; at most 8 MiB)")
	fl.DurationVar(&f.timeout, "timeout", 10*time.Second, "the longest one request may take (URL mode)")
	fl.BoolVar(&f.follow, "follow", false, "follow redirects (at most 10), checking each hop and the chain (URL mode)")
	fl.BoolVar(&f.probe, "probe", false, "probe the URL with 7 more requests to the same host (URL mode)")
	fl.StringVar(&f.request, "request", "", "a file holding the raw request the response on stdin answered")
	fl.StringVar(&f.har, "har", "", "check every entry of a HAR file")
	fl.BoolVar(&f.strict, "strict", false, "exit 1 on SHOULD and SHOULD NOT findings too")
	return cmd
}

// runCheck works out the mode from the arguments and returns the reports.
func (e *env) runCheck(cmd *cobra.Command, f *checkFlags, args []string) ([]checked, error) {
	if err := e.check(); err != nil {
		return nil, err
	}
	urlOnly := []string{"header", "data", "data-file", "timeout", "follow", "probe"}
	changed := func(names ...string) string {
		for _, n := range names {
			if cmd.Flags().Changed(n) {
				return n
			}
		}
		return ""
	}
	switch {
	case f.har != "":
		if len(args) > 0 {
			return nil, usageErr("--har reads a file; give no URL or - with it")
		}
		if n := changed(append(urlOnly, "method", "request")...); n != "" {
			return nil, usageErr("--%s does not apply to --har", n)
		}
		return e.checkHAR(f.har)
	case len(args) == 0:
		return nil, usageErr("name a URL, - for a response on stdin, or --har FILE; see httpstatus check --help")
	case args[0] == "-":
		if n := changed(urlOnly...); n != "" {
			return nil, usageErr("--%s applies to a URL, not to a response on stdin", n)
		}
		return e.checkStdin(f)
	default:
		if f.request != "" {
			return nil, usageErr("--request applies to a response on stdin, not to a URL")
		}
		return e.checkURL(f, args[0])
	}
}

// checkStdin checks the raw response on stdin.
func (e *env) checkStdin(f *checkFlags) ([]checked, error) {
	var req *http.Request
	if f.method != "" {
		if !isMethod(f.method) {
			return nil, usageErr("--method %s is not a method name", quoteInput(f.method))
		}
		req = &http.Request{Method: f.method}
	}
	if f.request != "" {
		if f.method != "" {
			return nil, usageErr("--request names the method itself; give --method or --request, not both")
		}
		raw, err := readFile(f.request, maxRequestFile)
		if err != nil {
			return nil, usageErr("--request: %v", err)
		}
		r, err := http.ReadRequest(bufio.NewReader(bytes.NewReader(raw)))
		if err != nil {
			return nil, usageErr("--request: %s is not an HTTP request: %v", f.request, err)
		}
		req = r
	}
	raw, err := io.ReadAll(io.LimitReader(e.stdin, check.MaxSize+1))
	if err != nil {
		return nil, usageErr("reading stdin: %v", err)
	}
	if len(raw) > check.MaxSize {
		return nil, usageErr("stdin holds more than %d bytes; check one response at a time", check.MaxSize)
	}
	rep, err := check.Raw(raw, req)
	if err != nil {
		return nil, usageErr("stdin is not an HTTP response: %v", err)
	}
	return []checked{{label: rep.Method + " (stdin) → " + statusText(rep.Status), report: rep}}, nil
}

// readFile reads at most limit bytes of a file.
func readFile(name string, limit int64) ([]byte, error) {
	fh, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	b, err := io.ReadAll(io.LimitReader(fh, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > limit {
		return nil, fmt.Errorf("%s is larger than %d bytes", name, limit)
	}
	return b, nil
}

func isMethod(m string) bool {
	if m == "" {
		return false
	}
	for _, c := range m {
		if c > 0x7e || c <= ' ' || strings.ContainsRune("\"(),/:;<=>?@[\\]{}", c) {
			return false
		}
	}
	return true
}

// statusText is "404 Not Found", or the code alone when net/http has no
// name for it.
func statusText(code int) string {
	if t := http.StatusText(code); t != "" {
		return fmt.Sprintf("%03d %s", code, t)
	}
	if en, ok := httpstatus.Lookup(code); ok {
		return fmt.Sprintf("%03d %s", code, en[0].Name)
	}
	return fmt.Sprintf("%03d", code)
}

// printChecks writes the reports and returns the error that sets the exit
// code: nil when no MUST (or, when strict, SHOULD) is broken.
func (e *env) printChecks(reports []checked, strict, many bool) error {
	failed, musts, shoulds := 0, 0, 0
	for _, c := range reports {
		if c.report.Failed(strict) {
			failed++
		}
		for _, f := range c.report.Findings {
			switch {
			case f.Violation():
				musts++
			case f.Recommendation():
				shoulds++
			}
		}
	}
	if e.json {
		if !many {
			if err := writeJSON(e.stdout, reports[0].report); err != nil {
				return err
			}
		} else {
			all := make([]check.Report, len(reports))
			for i, c := range reports {
				all[i] = c.report
			}
			if err := writeJSON(e.stdout, all); err != nil {
				return err
			}
		}
	} else {
		e.writeChecks(reports)
	}
	if failed == 0 {
		return nil
	}
	what := fmt.Sprintf("%d MUST or MUST NOT broken", musts)
	if strict {
		what += fmt.Sprintf(", %d SHOULD or SHOULD NOT (--strict)", shoulds)
	}
	if len(reports) > 1 {
		what += fmt.Sprintf(" in %d of %d responses", failed, len(reports))
	}
	return &exitError{ExitNotFound, errors.New(what)}
}

// writeChecks prints the reports for people: per response a heading, then
// its findings worst first.
func (e *env) writeChecks(reports []checked) {
	w := e.stdout
	color := e.colorOn(w)
	paint := func(code, s string) string {
		if !color {
			return s
		}
		return "\x1b[" + code + "m" + s + "\x1b[0m"
	}
	width := e.width()
	for i, c := range reports {
		if i > 0 {
			fmt.Fprintln(w)
		}
		fmt.Fprintln(w, paint("1", c.label))
		if len(c.report.Findings) == 0 {
			fmt.Fprintln(w, "  no findings")
			continue
		}
		for _, f := range c.report.Findings {
			strength := fmt.Sprintf("%-10s", f.Requirement)
			switch {
			case f.Violation():
				strength = paint("31;1", strength)
			case f.Recommendation():
				strength = paint("33", strength)
			default:
				strength = paint("36", strength)
			}
			head := f.Rule
			if f.Header != "" {
				head += "  (" + f.Header + ")"
			}
			fmt.Fprintf(w, "  %s %s\n", strength, head)
			for _, l := range wrapText(f.Message, width-13) {
				fmt.Fprintf(w, "             %s\n", l)
			}
			fmt.Fprintf(w, "             %s  %s\n", f.Spec, paint("2", f.SpecURL))
		}
		v := len(c.report.Violations())
		fmt.Fprintf(w, "  %d MUST/MUST NOT broken, %s in all; see %s\n", v, plural(len(c.report.Findings), "finding"), referencePage(c.report.Status))
	}
}

// referencePage names where to read about a code.
func referencePage(code int) string {
	return fmt.Sprintf("httpstatus %03d", code)
}

// wrapText breaks s into lines of at most width runes, at spaces.
func wrapText(s string, width int) []string {
	if width < 30 {
		width = 30
	}
	var lines []string
	var cur strings.Builder
	for _, word := range strings.Fields(s) {
		if cur.Len() > 0 && cur.Len()+1+len([]rune(word)) > width {
			lines = append(lines, cur.String())
			cur.Reset()
		}
		if cur.Len() > 0 {
			cur.WriteByte(' ')
		}
		cur.WriteString(word)
	}
	if cur.Len() > 0 {
		lines = append(lines, cur.String())
	}
	return lines
}

// parseTarget checks a URL given on the command line.
func parseTarget(raw string) (*url.URL, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return nil, usageErr("not a URL: %s", quoteInput(raw))
	}
	if u.Scheme != "http" && u.Scheme != "https" || u.Host == "" {
		return nil, usageErr("%s is not an http:// or https:// URL (for a response on stdin, use -)", quoteInput(raw))
	}
	return u, nil
}

// plural writes n and a noun, with an s unless n is 1.
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
