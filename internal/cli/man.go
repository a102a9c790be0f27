package cli

import (
	"fmt"
	"os"

	"github.com/spf13/cobra"
	"github.com/spf13/cobra/doc"
)

func newMan(e *env) *cobra.Command {
	return &cobra.Command{
		Use:   "man DIR",
		Short: "Write the manual pages of httpstatus and its commands into DIR",
		Long: "man writes a manual page (section 1) for httpstatus and one for each command,\n" +
			"made from the same help text as --help, into DIR (made if missing):\n" +
			"httpstatus.1, httpstatus-serve.1, ... Read one with man -l DIR/httpstatus.1, or\n" +
			"install them under a man1 directory on your MANPATH.",
		Example: `  httpstatus man ./man && man -l ./man/httpstatus.1
  sudo httpstatus man /usr/local/share/man/man1`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usageErr("man takes one directory, got %d arguments", len(args))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := os.MkdirAll(args[0], 0o755); err != nil {
				return &exitError{ExitNotFound, fmt.Errorf("man: %w", err)}
			}
			root := cmd.Root()
			root.DisableAutoGenTag = true // the same pages for the same version, whenever made
			header := &doc.GenManHeader{Title: "HTTPSTATUS", Section: "1", Source: "httpstatus " + version(), Manual: "httpstatus manual"}
			if err := doc.GenManTree(root, header, args[0]); err != nil {
				return &exitError{ExitNotFound, fmt.Errorf("man: %w", err)}
			}
			fmt.Fprintf(e.stdout, "wrote the manual pages to %s\n", args[0])
			return nil
		},
	}
}
