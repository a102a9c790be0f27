package cli

import (
	"fmt"
	"log/slog"
	"strconv"
	"time"

	"github.com/spf13/cobra"

	"github.com/httpstatus/httpstatus/endpoint"
	"github.com/httpstatus/httpstatus/internal/clientip"
	"github.com/httpstatus/httpstatus/internal/server"
)

// serveFlags are the settings of httpstatus serve.
type serveFlags struct {
	addr                string
	maxSleep            time.Duration
	maxDelayed          int
	maxDelayedPerClient int
	maxConns            int
	maxConnsPerClient   int
	trustedProxies      []string
	rate                int
	logFormat           string
	baseURL             string
}

// intEnv are the integer flags of serve that an environment variable sets.
var intEnv = []struct{ flag, env string }{
	{"max-conns", "HTTPSTATUS_MAX_CONNS"},
	{"max-conns-per-client", "HTTPSTATUS_MAX_CONNS_PER_CLIENT"},
	{"max-delayed", "HTTPSTATUS_MAX_DELAYED"},
	{"max-delayed-per-client", "HTTPSTATUS_MAX_DELAYED_PER_CLIENT"},
	{"rate-limit", "HTTPSTATUS_RATE_LIMIT"},
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
			"Environment: HTTPSTATUS_ADDR sets --addr, HTTPSTATUS_MAX_SLEEP sets --max-sleep,\n" +
			"HTTPSTATUS_BASE_URL sets --base-url, HTTPSTATUS_MAX_CONNS --max-conns,\n" +
			"HTTPSTATUS_MAX_CONNS_PER_CLIENT --max-conns-per-client, HTTPSTATUS_MAX_DELAYED\n" +
			"--max-delayed, HTTPSTATUS_MAX_DELAYED_PER_CLIENT --max-delayed-per-client,\n" +
			"HTTPSTATUS_RATE_LIMIT --rate-limit, HTTPSTATUS_LOG_FORMAT --log-format and\n" +
			"HTTPSTATUS_TRUSTED_PROXY --trusted-proxy (comma-separated); a flag given on the\n" +
			"command line wins.\n\n" +
			"In public: the server caps connections (in all and per client address), sleeping\n" +
			"requests, and with --rate-limit the requests to /status/ per client. Behind a\n" +
			"reverse proxy every client has the proxy's address: give the proxy with\n" +
			"--trusted-proxy so that X-Forwarded-For names the client, or set the limits at\n" +
			"the proxy. See SECURITY in the README.",
		Example: `  httpstatus serve
  httpstatus serve --addr :8080 --rate-limit 120
  HTTPSTATUS_ADDR=0.0.0.0:80 httpstatus serve --log-format json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			e.graceful.Store(true) // Main waits for the shutdown
			if err := f.fromEnv(cmd, e.getenv); err != nil {
				return err
			}
			if err := f.check(); err != nil {
				return err
			}
			trusted, err := clientip.ParseTrusted(f.trustedProxies)
			if err != nil {
				return usageErr("--trusted-proxy: %v", err)
			}
			logs := newLogBuffer(e.stderr, time.Second)
			logger := f.logger(logs)
			err = server.Run(e.ctx, server.Config{
				Addr:                f.addr,
				MaxSleep:            f.maxSleep,
				MaxDelayed:          f.maxDelayed,
				MaxDelayedPerClient: f.maxDelayedPerClient,
				MaxConns:            f.maxConns,
				MaxConnsPerClient:   f.maxConnsPerClient,
				TrustedProxies:      trusted,
				RatePerMinute:       f.rate,
				Logger:              logger,
				BaseURL:             f.baseURL,
			}, logger)
			logs.Close()
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
	fl.IntVar(&f.maxDelayedPerClient, "max-delayed-per-client", endpoint.DefaultMaxDelayedPerClient,
		"the most test-endpoint requests of one client sleeping at once (env HTTPSTATUS_MAX_DELAYED_PER_CLIENT)")
	fl.IntVar(&f.maxConns, "max-conns", server.DefaultMaxConns,
		"the most connections open at once; beyond it new ones are closed at once (env HTTPSTATUS_MAX_CONNS)")
	fl.IntVar(&f.maxConnsPerClient, "max-conns-per-client", server.DefaultMaxConnsPerClient,
		"the most connections open at once from one client address, IPv6 by /64 (env HTTPSTATUS_MAX_CONNS_PER_CLIENT)")
	fl.StringArrayVar(&f.trustedProxies, "trusted-proxy", nil,
		"a proxy, as an address or CIDR, whose X-Forwarded-For names the client; repeatable (env HTTPSTATUS_TRUSTED_PROXY)")
	fl.IntVar(&f.rate, "rate-limit", 0, "requests per minute per client for /status/ (0 = off; IPv6 by /64, a /48 gets 16x)")
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
	for _, ie := range intEnv {
		if v := getenv(ie.env); v != "" && !cmd.Flags().Changed(ie.flag) {
			if err := cmd.Flags().Set(ie.flag, v); err != nil {
				return usageErr("%s must be a whole number, not %s", ie.env, quoteInput(v))
			}
		}
	}
	if v := getenv("HTTPSTATUS_LOG_FORMAT"); v != "" && !cmd.Flags().Changed("log-format") {
		f.logFormat = v
	}
	if v := getenv("HTTPSTATUS_TRUSTED_PROXY"); v != "" && !cmd.Flags().Changed("trusted-proxy") {
		f.trustedProxies = []string{v}
	}
	if v := getenv("HTTPSTATUS_MAX_SLEEP"); v != "" && !cmd.Flags().Changed("max-sleep") {
		d, err := time.ParseDuration(v)
		if err != nil {
			// A bare number is seconds.
			n, nerr := strconv.Atoi(v)
			if nerr != nil {
				return usageErr("HTTPSTATUS_MAX_SLEEP must be a duration like 10s, not %s", quoteInput(v))
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
	case f.maxDelayedPerClient < 1:
		return usageErr("--max-delayed-per-client must be at least 1, not %d", f.maxDelayedPerClient)
	case f.maxConns < 1:
		return usageErr("--max-conns must be at least 1, not %d", f.maxConns)
	case f.maxConnsPerClient < 1:
		return usageErr("--max-conns-per-client must be at least 1, not %d", f.maxConnsPerClient)
	case f.rate < 0:
		return usageErr("--rate-limit must be 0 (off) or more, not %d", f.rate)
	case f.logFormat != "text" && f.logFormat != "json":
		return usageErr("--log-format must be text or json, not %s", quoteInput(f.logFormat))
	}
	if _, err := server.ParseBaseURL(f.baseURL); err != nil {
		return usageErr("--base-url: %v", err)
	}
	return nil
}

// logger writes to logs: request lines buffered, any other line at once.
func (f *serveFlags) logger(logs *logBuffer) *slog.Logger {
	var h slog.Handler = slog.NewTextHandler(logs, nil)
	json := f.logFormat == "json"
	if json {
		h = slog.NewJSONHandler(logs, nil)
	}
	return slog.New(flushingHandler{h, logs, json, true})
}
