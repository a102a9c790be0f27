package cli

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/httpstatus/httpstatus/internal/errorpages"
	"github.com/httpstatus/httpstatus/internal/server"
)

func newPages(e *env) *cobra.Command {
	var srv, ref string
	cmd := &cobra.Command{
		Use:   "pages DIR",
		Short: "Write friendly error pages for your web server, and its configuration",
		Long: "pages writes, for every 4xx and 5xx code of the catalogue, an error page for the\n" +
			"people who meet it (NNN.html: the code's friendly message, a short explanation, a link\n" +
			"to the reference; light and dark, nothing fetched from elsewhere), its problem details\n" +
			"(NNN.json) and a plain-text version (NNN.txt), plus haproxy/NNN.http for HAProxy.\n\n" +
			"--server prints the configuration that serves them with the error's own status\n" +
			"(never 200): nginx, apache, caddy, traefik or haproxy. --reference-url links each\n" +
			"page to that httpstatus site's page for the code instead of the specification.",
		Example: `  httpstatus pages /srv/errors --server nginx > /etc/nginx/snippets/httpstatus-errors.conf
  httpstatus pages ./errors --reference-url https://example.org/http/`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usageErr("pages takes one directory, got %d arguments", len(args))
			}
			return nil
		},
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE: func(cmd *cobra.Command, args []string) error {
			if srv != "" && !slices.Contains(errorpages.Servers, srv) {
				return usageErr("--server must be one of %s, not %q", strings.Join(errorpages.Servers, ", "), srv)
			}
			ref, err := server.ParseBaseURL(ref)
			if err != nil {
				return usageErr("--reference-url: %v", err)
			}
			dir, err := filepath.Abs(args[0])
			if err != nil {
				return usageErr("%v", err)
			}
			pages, err := errorpages.Write(dir, errorpages.Options{ReferenceURL: ref})
			if err != nil {
				return &exitError{ExitOutput, fmt.Errorf("pages: %w", err)}
			}
			if srv == "" {
				fmt.Fprintf(e.stdout, "wrote %d error pages (.html, .json, .txt) to %s\n", len(pages), dir)
				return nil
			}
			fmt.Fprintf(e.stderr, "wrote %d error pages to %s\n", len(pages), dir)
			return errorpages.Config(e.stdout, srv, dir, pages)
		},
	}
	cmd.Flags().StringVar(&srv, "server", "", "print the configuration for: "+strings.Join(errorpages.Servers, ", "))
	cmd.Flags().StringVar(&ref, "reference-url", "", "an httpstatus site to link each page to, e.g. https://example.org/http/")
	cmd.RegisterFlagCompletionFunc("server", cobra.FixedCompletions(errorpages.Servers, cobra.ShellCompDirectiveNoFileComp)) //nolint:errcheck // the flag exists
	return cmd
}
