package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/httpstatus/httpstatus"
)

func newList(e *env) *cobra.Command {
	var class string
	var official, unofficial, all bool
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List codes, one a line",
		Example: `  httpstatus list                  the registered codes
  httpstatus list --class 4xx      the registered 4xx codes
  httpstatus list --unofficial     the vendor codes
  httpstatus list --all --json     the whole catalogue as JSON`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := e.check(); err != nil {
				return err
			}
			n := 0
			for _, b := range []bool{official, unofficial, all} {
				if b {
					n++
				}
			}
			if n > 1 {
				return usageErr("--official, --unofficial and --all exclude each other")
			}
			entries := httpstatus.All()
			if class != "" {
				var err error
				if entries, err = classEntries(class); err != nil {
					return err
				}
			}
			var out []httpstatus.Entry
			for _, en := range entries {
				isOfficial := en.Registration != httpstatus.Unofficial
				if all || (unofficial && !isOfficial) || (!unofficial && isOfficial) {
					out = append(out, en)
				}
			}
			if len(out) == 0 {
				return notFound("no code matches those filters", "try httpstatus list --all")
			}
			if e.json {
				return writeJSON(e.stdout, out)
			}
			e.printer().lines(out)
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&class, "class", "", "only this class or pattern: 1xx to 5xx, or e.g. 41x")
	f.BoolVar(&official, "official", false, "only codes in the IANA registry (the default)")
	f.BoolVar(&unofficial, "unofficial", false, "only vendor and informal codes")
	f.BoolVar(&all, "all", false, "every entry, registered and unofficial")
	cmd.RegisterFlagCompletionFunc("class", cobra.FixedCompletions([]string{"1xx", "2xx", "3xx", "4xx", "5xx"}, cobra.ShellCompDirectiveNoFileComp)) //nolint:errcheck // the flag exists
	return cmd
}

func classEntries(class string) ([]httpstatus.Entry, error) {
	if !numeric(class) {
		return nil, usageErr("--class %s: use a class such as 4xx or a pattern such as 41x", quoteInput(class))
	}
	entries, err := httpstatus.Match(class)
	if err != nil {
		return nil, &exitError{ExitUsage, fmt.Errorf("--class: %w", err)}
	}
	return entries, nil
}
