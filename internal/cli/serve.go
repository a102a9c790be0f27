package cli

import (
	"fmt"
	"log/slog"
	"strconv"
	"time"

	"github.com/spf13/cobra"

	"github.com/httpstatus/httpstatus/internal/server"
)

// serveFlags are the settings of httpstatus serve.
type serveFlags struct {
	addr       string
	maxSleep   time.Duration
	maxDelayed int
	rate       int
	logFormat  string
	baseURL    string
}

func newServe(e *env) *cobra.Command {
	var f serveFlags
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Serve the reference website, the JSON API and the test endpoint",
		Long: "serve starts the httpstatus website (/, /404, /4xx, /guide, /search), the JSON API\n" +
			"under /api/v1 (described at /api/v1/openapi.json) and the test endpoint\n" +
			"/status/{code}. It logs one line per request to stderr and shuts down\n" +
			"gracefully on SIGINT or SIGTERM.\n\n" +
			"Environment: HTTPSTATUS_ADDR sets --addr, HTTPSTATUS_MAX_SLEEP sets --max-sleep\n" +
			"and HTTPSTATUS_BASE_URL sets --base-url; a flag given on the command line wins.",
		Example: `  httpstatus serve
  httpstatus serve --addr :8080 --rate-limit 120
  HTTPSTATUS_ADDR=0.0.0.0:80 httpstatus serve --log-format json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := f.fromEnv(cmd, e.getenv); err != nil {
				return err
			}
			if err := f.check(); err != nil {
				return err
			}
			logger := f.logger(e)
			err := server.Run(e.ctx, server.Config{
				Addr:          f.addr,
				MaxSleep:      f.maxSleep,
				MaxDelayed:    f.maxDelayed,
				RatePerMinute: f.rate,
				Logger:        logger,
				BaseURL:       f.baseURL,
			}, logger)
			if err != nil {
				return &exitError{ExitNotFound, fmt.Errorf("serve: %w", err)}
			}
			return nil
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.addr, "addr", server.DefaultAddr, "the address to listen on, host:port (env HTTPSTATUS_ADDR)")
	fl.DurationVar(&f.maxSleep, "max-sleep", 10*time.Second, "the longest ?sleep= the test endpoint takes (env HTTPSTATUS_MAX_SLEEP)")
	fl.IntVar(&f.maxDelayed, "max-delayed", 64, "the most test-endpoint requests sleeping at once; beyond it they get 503")
	fl.IntVar(&f.rate, "rate-limit", 0, "requests per minute per client for /status/ (0 = off)")
	fl.StringVar(&f.baseURL, "base-url", "", "the site's public address, e.g. https://example.org/ (env HTTPSTATUS_BASE_URL); absolute links use it")
	fl.StringVar(&f.logFormat, "log-format", "text", "the request log's format on stderr: text or json")
	cmd.RegisterFlagCompletionFunc("log-format", cobra.FixedCompletions([]string{"text", "json"}, cobra.ShellCompDirectiveNoFileComp)) //nolint:errcheck // the flag exists
	return cmd
}

// fromEnv fills the flags not given on the command line from the
// environment.
func (f *serveFlags) fromEnv(cmd *cobra.Command, getenv func(string) string) error {
	if v := getenv("HTTPSTATUS_ADDR"); v != "" && !cmd.Flags().Changed("addr") {
		f.addr = v
	}
	if v := getenv("HTTPSTATUS_BASE_URL"); v != "" && !cmd.Flags().Changed("base-url") {
		f.baseURL = v
	}
	if v := getenv("HTTPSTATUS_MAX_SLEEP"); v != "" && !cmd.Flags().Changed("max-sleep") {
		d, err := time.ParseDuration(v)
		if err != nil {
			// A bare number is seconds.
			n, nerr := strconv.Atoi(v)
			if nerr != nil {
				return usageErr("HTTPSTATUS_MAX_SLEEP must be a duration like 10s, not %q", v)
			}
			d = time.Duration(n) * time.Second
		}
		f.maxSleep = d
	}
	return nil
}

func (f *serveFlags) check() error {
	switch {
	case f.addr == "":
		return usageErr("--addr must not be empty")
	case f.maxSleep <= 0:
		return usageErr("--max-sleep must be positive, not %s", f.maxSleep)
	case f.maxDelayed < 1:
		return usageErr("--max-delayed must be at least 1, not %d", f.maxDelayed)
	case f.rate < 0:
		return usageErr("--rate-limit must be 0 (off) or more, not %d", f.rate)
	case f.logFormat != "text" && f.logFormat != "json":
		return usageErr("--log-format must be text or json, not %q", f.logFormat)
	}
	if _, err := server.ParseBaseURL(f.baseURL); err != nil {
		return usageErr("--base-url: %v", err)
	}
	return nil
}

func (f *serveFlags) logger(e *env) *slog.Logger {
	if f.logFormat == "json" {
		return slog.New(slog.NewJSONHandler(e.stderr, nil))
	}
	return slog.New(slog.NewTextHandler(e.stderr, nil))
}
