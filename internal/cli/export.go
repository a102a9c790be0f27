package cli

import (
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/spf13/cobra"

	"github.com/httpstatus/httpstatus/internal/export"
	"github.com/httpstatus/httpstatus/internal/server"
)

func newExport(e *env) *cobra.Command {
	var baseURL string
	var noSearch bool
	cmd := &cobra.Command{
		Use:   "export DIR",
		Short: "Write the whole website and its JSON documents as static files",
		Long: "export writes the reference website into DIR (new or empty) as static files that any\n" +
			"static host serves, from its root or a sub-path: every page as PATH/index.html, the\n" +
			"JSON API's GET documents as .json files (api/v1/codes.json, api/v1/codes/404.json, …),\n" +
			"the OpenAPI document, the assets, robots.txt, llms.txt, index.txt and 404.html. Links\n" +
			"between pages are relative. --base-url adds what needs absolute URLs: sitemap.xml,\n" +
			"robots.txt's Sitemap line and the OpenSearch description.\n\n" +
			"Search as you type runs the library's own search compiled to WebAssembly, which\n" +
			"needs the Go toolchain and the httpstatus source (run it inside a checkout);\n" +
			"--no-search leaves the plain search form. The test endpoint and the checker's form\n" +
			"need the server; their links lead to a page that says how to run it.",
		Example: `  httpstatus export public
  httpstatus export public --base-url https://example.org/http/
  python3 -m http.server -d public 8000`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usageErr("export takes one directory, got %d arguments", len(args))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if _, err := server.ParseBaseURL(baseURL); err != nil {
				return usageErr("--base-url: %v", err)
			}
			opts := export.Options{Dir: args[0], BaseURL: baseURL}
			if !noSearch {
				wd, err := os.Getwd()
				if err != nil {
					return usageErr("%v", err)
				}
				root, err := export.FindModule("", wd)
				if err != nil {
					return usageErr("%v; or pass --no-search", err)
				}
				opts.Search = &export.Search{ModuleDir: root}
			}
			start := time.Now()
			rep, err := export.Export(opts)
			switch {
			case errors.Is(err, export.ErrNotEmpty):
				return usageErr("export: %v", err)
			case err != nil:
				return &exitError{ExitOutput, fmt.Errorf("export: %w", err)}
			}
			fmt.Fprintf(e.stdout, "wrote %d files (%d pages), %.1f MB, to %s in %s\n",
				rep.Files, rep.Pages, float64(rep.Bytes)/1e6, args[0], time.Since(start).Round(time.Millisecond))
			if rep.WASM > 0 {
				fmt.Fprintf(e.stdout, "search: static/search.wasm, %.1f MB\n", float64(rep.WASM)/1e6)
			}
			for _, p := range rep.Unlinked {
				fmt.Fprintf(e.stderr, "httpstatus: a page links to %s, which the server does not answer with 200; the link leads to needs-server/\n", p)
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&baseURL, "base-url", "", "the address the copy will be served at, e.g. https://example.org/http/")
	cmd.Flags().BoolVar(&noSearch, "no-search", false, "leave out the WebAssembly search (no Go toolchain needed)")
	return cmd
}
