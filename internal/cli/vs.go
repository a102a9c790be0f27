package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/httpstatus/httpstatus"
)

func newVs(e *env) *cobra.Command {
	return &cobra.Command{
		Use:   "vs <code> <code> [code]",
		Short: "Set two or three codes side by side, with a verdict",
		Long: `Set two or three codes side by side: what each means, when to use it, its
header rules, caching and retry, the catalogue's explanation of how to choose
between them where it has one, and a one-line verdict.`,
		Example: `  httpstatus vs 401 403
  httpstatus vs 502 503 504
  httpstatus vs 409 422 --json`,
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) < 2 || len(args) > 3 {
				return usageErr("vs takes two or three codes, not %d", len(args))
			}
			return nil
		},
		RunE: func(_ *cobra.Command, args []string) error {
			if err := e.check(); err != nil {
				return err
			}
			codes := make([]int, len(args))
			for i, a := range args {
				c, err := httpstatus.ParseCode(a)
				if err != nil {
					return usageErr("vs: %q is not a status code: a code has three digits", clip(a, 20))
				}
				codes[i] = c
			}
			cmp, err := httpstatus.Compare(codes...)
			if err != nil {
				return usageErr("vs: %v", err)
			}
			if e.json {
				return writeJSON(e.stdout, cmp)
			}
			e.printer().comparison(cmp)
			return nil
		},
	}
}

// comparison writes codes side by side, one block a code, then how to
// choose.
func (p *printer) comparison(c httpstatus.Comparison) {
	for i, en := range c.Entries {
		if i > 0 {
			fmt.Fprintln(p.w)
		}
		fmt.Fprintf(p.w, "%s %s\n", p.code(en.Code), p.paint(bold, en.Name))
		p.hanging("  Meaning:    ", en.Summary)
		if len(en.UseCases) > 0 {
			p.hanging("  Use it:     ", en.UseCases[0])
		}
		if len(en.Headers) == 0 {
			p.hanging("  Headers:    ", "no header rules of its own")
		}
		for j, h := range en.Headers {
			lead := "              "
			if j == 0 {
				lead = "  Headers:    "
			}
			p.hanging(lead, fmt.Sprintf("%s %s", h.Requirement, h.Name))
		}
		p.hanging("  Cacheable:  ", yesNo(en.Cacheable)+" (heuristically, without explicit freshness)")
		p.hanging("  Retry:      ", en.Retry)
	}
	if c.Confusion != nil {
		p.heading(c.Confusion.Title)
		p.paras(c.Confusion.Explanation)
	}
	p.heading("Verdict")
	p.para(c.Verdict, "  ")
}
