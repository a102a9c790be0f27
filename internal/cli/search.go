package cli

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/httpstatus/httpstatus"
)

// maxPaste bounds what `search -` reads from standard input; search itself
// reads only the start of it.
const maxPaste = 64 << 10

func newSearch(e *env) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "search <words...>",
		Short: "Rank the catalogue against some words, or against what you see",
		Long: `Rank the catalogue against some words, or against what you see: an
exception, a constant, a log line, a platform's or a browser's error. With -
as the only argument, the text is read from standard input.`,
		Example: `  httpstatus search rate limit
  httpstatus search upload is too big
  httpstatus search MethodArgumentNotValidException
  httpstatus 'upstream timed out (110: Connection timed out) while reading response header'
  tail -1 /var/log/nginx/error.log | httpstatus search -
  httpstatus search --json --limit 5 gateway timeout`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := e.check(); err != nil {
				return err
			}
			if len(args) == 1 && args[0] == "-" {
				q, err := readPaste(e.stdin)
				if err != nil {
					return err
				}
				return e.search(q)
			}
			return e.search(strings.Join(args, " "))
		},
	}
	cmd.Flags().IntVar(&e.limit, "limit", 10, "the most results to show")
	return cmd
}

// readPaste reads a pasted text from r, at most maxPaste bytes of it, and
// joins its lines.
func readPaste(r io.Reader) (string, error) {
	if r == nil {
		return "", usageErr("search -: nothing on standard input")
	}
	b, err := io.ReadAll(io.LimitReader(r, maxPaste))
	if err != nil {
		return "", usageErr("search -: reading standard input: %v", err)
	}
	q := strings.Join(strings.Fields(string(b)), " ")
	if q == "" {
		return "", usageErr("search -: standard input is empty")
	}
	if bytes.IndexByte(b, 0) >= 0 {
		return "", usageErr("search -: standard input is not text")
	}
	return q, nil
}

// hit is a search result as --json prints it: the entry's fields, and the
// signal that led to it.
type hit struct {
	httpstatus.Entry
	Matched   *httpstatus.Signal    `json:"matched,omitempty"`
	Situation *httpstatus.Situation `json:"situation,omitempty"`
}

func (e *env) search(query string) error {
	results := httpstatus.Search(query, e.limit)
	if len(results) == 0 {
		hint := "try fewer or other words, or httpstatus list"
		if s := httpstatus.Suggest(query); s != "" {
			hint = fmt.Sprintf("did you mean %s?", quoteInput(s))
		}
		return notFound(fmt.Sprintf("nothing in the catalogue matches %s", quoteInput(query)), hint)
	}
	if e.json {
		hits := make([]hit, len(results))
		for i, r := range results {
			hits[i] = hit{r.Entry, r.Matched, r.Situation}
		}
		return writeJSON(e.stdout, hits)
	}
	p := e.printer()
	p.results(results)
	if m := results[0].Matched; m != nil {
		p.signal(*m)
	}
	if s := results[0].Situation; s != nil {
		p.situation(*s)
	}
	return nil
}

// clip shortens s to at most n runes.
func clip(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}
