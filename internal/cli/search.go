package cli

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/httpstatus/httpstatus"
)

func newSearch(e *env) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "search <words...>",
		Short: "Rank the catalogue against some words",
		Example: `  httpstatus search rate limit
  httpstatus search upload is too big
  httpstatus search --json --limit 5 gateway timeout`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := e.check(); err != nil {
				return err
			}
			return e.search(strings.Join(args, " "))
		},
	}
	cmd.Flags().IntVar(&e.limit, "limit", 10, "the most results to show")
	return cmd
}

func (e *env) search(query string) error {
	results := httpstatus.Search(query, e.limit)
	if len(results) == 0 {
		hint := "try fewer or other words, or httpstatus list"
		if s := httpstatus.Suggest(query); s != "" {
			hint = fmt.Sprintf("did you mean %q?", s)
		}
		return notFound(fmt.Sprintf("nothing in the catalogue matches %q", query), hint)
	}
	entries := make([]httpstatus.Entry, len(results))
	for i, r := range results {
		entries[i] = r.Entry
	}
	if e.json {
		return writeJSON(e.stdout, entries)
	}
	e.printer().lines(entries)
	return nil
}
