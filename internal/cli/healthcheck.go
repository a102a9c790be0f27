package cli

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"time"

	"github.com/spf13/cobra"

	"github.com/httpstatus/httpstatus/internal/server"
)

// healthcheck asks a running server's /healthz, for container health checks
// in images without a shell or curl. It only ever asks the address the
// server was told to listen on, over loopback when that is a wildcard.
func newHealthcheck(e *env) *cobra.Command {
	var addr string
	var timeout time.Duration
	cmd := &cobra.Command{
		Use:   "healthcheck",
		Short: "Exit 0 when the server at --addr answers GET /healthz with 200, else 1",
		Long: "healthcheck asks GET /healthz of the server listening on --addr (default\n" +
			"HTTPSTATUS_ADDR, else " + server.DefaultAddr + "; a wildcard host such as 0.0.0.0 is asked on\n" +
			"127.0.0.1) and exits 0 on 200, else 1 with the reason on stderr. It is the\n" +
			"container image's HEALTHCHECK, which has no shell or curl.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if !cmd.Flags().Changed("addr") {
				if v := e.getenv("HTTPSTATUS_ADDR"); v != "" {
					addr = v
				}
			}
			host, port, err := net.SplitHostPort(addr)
			if err != nil || port == "" || port == "0" {
				return usageErr("--addr must be host:port with a port, not %q", addr)
			}
			if ip := net.ParseIP(host); host == "" || ip != nil && ip.IsUnspecified() {
				host = "127.0.0.1"
			}
			if timeout <= 0 {
				return usageErr("--timeout must be positive, not %s", timeout)
			}
			ctx, cancel := context.WithTimeout(e.ctx, timeout)
			defer cancel()
			url := "http://" + net.JoinHostPort(host, port) + "/healthz"
			req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
			if err != nil {
				return usageErr("%v", err)
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				return &exitError{ExitNotFound, fmt.Errorf("healthcheck: %w", err)}
			}
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				return &exitError{ExitNotFound, fmt.Errorf("healthcheck: %s answered %s", url, resp.Status)}
			}
			fmt.Fprintln(e.stdout, "ok")
			return nil
		},
	}
	cmd.Flags().StringVar(&addr, "addr", server.DefaultAddr, "the address the server listens on, host:port (env HTTPSTATUS_ADDR)")
	cmd.Flags().DurationVar(&timeout, "timeout", 3*time.Second, "how long to wait for the answer")
	return cmd
}
