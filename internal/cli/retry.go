package cli

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/httpstatus/httpstatus"
)

// retryJSON is the output of httpstatus retry --json without a code, the
// same shape as the API's /api/v1/retry.
type retryJSON struct {
	Clients []httpstatus.RetryClient `json:"clients"`
	Codes   []httpstatus.CodeRetries `json:"codes"`
}

func newRetry(e *env) *cobra.Command {
	return &cobra.Command{
		Use:   "retry [code]",
		Short: "What a retry can fix, and what well-known clients retry by default",
		Long: `Without a code: every code that at least one well-known client retries by
default (go-retryablehttp, the AWS SDK for Go, Google's Go client, Envoy,
urllib3, OkHttp, axios-retry, got, .NET's resilience handler, Polly), which
clients retry it, under what condition, and where they disagree; then the
clients, with the version checked.

With a code: its retry facts (can the same request succeed, only after a
change, only for idempotent methods, what Retry-After means with it) and what
each client does with it.`,
		Example: `  httpstatus retry
  httpstatus retry 503
  httpstatus retry 429 --json`,
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) > 1 {
				return usageErr("retry takes one code or none, not %d arguments", len(args))
			}
			return nil
		},
		RunE: func(_ *cobra.Command, args []string) error {
			if err := e.check(); err != nil {
				return err
			}
			if len(args) == 0 {
				t := retryJSON{Clients: httpstatus.RetryClients(), Codes: httpstatus.RetryTable()}
				if e.json {
					return writeJSON(e.stdout, t)
				}
				e.printer().retryTable(t)
				return nil
			}
			code, err := httpstatus.ParseCode(args[0])
			if err != nil {
				return usageErr("retry: %q is not a status code: a code has three digits", clip(args[0], 20))
			}
			r, ok := httpstatus.RetriesFor(code)
			if !ok {
				return notFound(fmt.Sprintf("retry: the catalogue has no meaning for %03d", code), "")
			}
			if e.json {
				return writeJSON(e.stdout, r)
			}
			es, _ := httpstatus.Lookup(code)
			e.printer().codeRetries(r, es[0].Name)
			return nil
		},
	}
}

// retryTable writes, for every code some client retries, which clients do,
// then the clients.
func (p *printer) retryTable(t retryJSON) {
	for i, r := range t.Codes {
		if i > 0 {
			fmt.Fprintln(p.w)
		}
		es, _ := httpstatus.Lookup(r.Code)
		line := p.code(r.Code) + " " + p.paint(bold, es[0].Name)
		if r.Disagree {
			line += "  " + p.paint(dim, "clients disagree")
		}
		fmt.Fprintln(p.w, line)
		var yes, cond, no, configured []string
		for _, c := range r.Clients {
			switch {
			case !c.Default:
				if c.Retries {
					configured = append(configured, withWhen(c))
				}
			case c.Retries && c.When == "":
				yes = append(yes, c.Client)
			case c.Retries:
				cond = append(cond, withWhen(c))
			default:
				no = append(no, c.Client)
			}
		}
		for _, row := range []struct {
			lead  string
			items []string
		}{
			{"  retry:      ", yes}, {"  sometimes:  ", cond}, {"  not:        ", no}, {"  configured: ", configured},
		} {
			if len(row.items) > 0 {
				p.hanging(row.lead, strings.Join(row.items, "; "))
			}
		}
	}
	p.heading("Clients (version checked)")
	for _, c := range t.Clients {
		def := ""
		if !c.Default {
			def = " (retries only when configured)"
		}
		p.hanging("  "+c.ID+": ", c.Name+", "+c.Version+def)
	}
	fmt.Fprintln(p.w)
	p.para("Sources, methods, Retry-After handling and transport errors: httpstatus retry --json, or /retry on the website.", "")
}

func withWhen(c httpstatus.ClientRetry) string {
	if c.When == "" {
		return c.Client
	}
	return c.Client + " (" + c.When + ")"
}

// codeRetries writes one code's retry facts and every client's verdict.
func (p *printer) codeRetries(r httpstatus.CodeRetries, name string) {
	fmt.Fprintf(p.w, "%s %s\n", p.code(r.Code), p.paint(bold, name))
	p.para(r.Facts.Summary(), "  ")
	p.heading("What clients do by default")
	width := 0
	for _, c := range r.Clients {
		width = max(width, len(c.Client))
	}
	for _, c := range r.Clients {
		v := "no"
		if c.Retries {
			v = "yes"
			if c.When != "" {
				v = "yes, " + c.When
			}
		}
		if !c.Default && c.Retries {
			v += " (not by default: once retries are configured)"
		}
		p.hanging(fmt.Sprintf("  %-*s  ", width, c.Client), v)
	}
	if r.Disagree {
		fmt.Fprintln(p.w)
		p.para(fmt.Sprintf("Clients disagree on %03d: those that retry by default do not all answer alike.", r.Code), "  ")
	}
}
