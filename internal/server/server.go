// Package server is the httpstatus website, JSON API and test endpoint: one
// http.Handler built by New, and Run, which serves it until its context ends.
//
// Pages and API responses are rendered once, when New is called, into a
// cache of bodies with their gzipped forms and ETags; only search results,
// the OpenSearch description and the 404 page of an unknown code are built
// per request, and gzipped only for a client that accepts gzip.
package server

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"github.com/httpstatus/httpstatus/endpoint"
	"github.com/httpstatus/httpstatus/internal/clientip"
)

// Config sets up the server. The zero value serves on DefaultAddr.
type Config struct {
	// Addr is the TCP address to listen on; default DefaultAddr. Port 0
	// picks a free port; Run logs the address it got.
	Addr string
	// MaxSleep caps the test endpoint's ?sleep=; default 10 seconds.
	MaxSleep time.Duration
	// MaxDelayed bounds the test endpoint's requests sleeping at once.
	MaxDelayed int
	// MaxDelayedPerClient bounds the test endpoint's requests sleeping at
	// once from one client; default endpoint.DefaultMaxDelayedPerClient.
	MaxDelayedPerClient int
	// RatePerMinute limits the requests a client may make to /status/ a
	// minute; 0 turns the limit off.
	RatePerMinute int
	// MaxConns bounds the connections open at once, and MaxConnsPerClient
	// those of one client (an IPv4 address, an IPv6 /64; a trusted proxy
	// is bound only by MaxConns). Beyond them Run closes a new connection
	// as soon as it is accepted. Defaults DefaultMaxConns and
	// DefaultMaxConnsPerClient.
	MaxConns, MaxConnsPerClient int
	// TrustedProxies are the proxies whose X-Forwarded-For (or Forwarded)
	// names the client for the per-client limits of the test endpoint.
	TrustedProxies []netip.Prefix
	// Logger receives one line per request; nil discards them.
	Logger *slog.Logger
	// BaseURL is the public address of the site, an absolute http or https
	// URL ending in "/" (ParseBaseURL checks one). Every absolute URL the
	// site emits starts with it; empty means the site emits none that
	// depend on the request's Host.
	BaseURL string
}

// ParseBaseURL checks a --base-url: an absolute http or https URL with a
// host, no query or fragment. It returns it ending in "/".
func ParseBaseURL(s string) (string, error) {
	if s == "" {
		return "", nil
	}
	u, err := url.Parse(s)
	switch {
	case err != nil:
		return "", fmt.Errorf("base URL %q: %w", s, err)
	case u.Scheme != "http" && u.Scheme != "https":
		return "", fmt.Errorf("base URL %q: must start with http:// or https://", s)
	case u.Host == "" || u.User != nil:
		return "", fmt.Errorf("base URL %q: must name a host and no user", s)
	case u.RawQuery != "" || u.Fragment != "" || u.ForceQuery:
		return "", fmt.Errorf("base URL %q: must have no query or fragment", s)
	}
	if !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
		u.RawPath = ""
	}
	return u.String(), nil
}

// Defaults and limits of the server.
const (
	DefaultAddr       = "127.0.0.1:8080"
	readHeaderTimeout = 5 * time.Second
	readTimeout       = 30 * time.Second
	writeTimeout      = 30 * time.Second // plus the endpoint's MaxSleep
	idleTimeout       = 120 * time.Second
	shutdownTimeout   = 15 * time.Second
	maxHeaderBytes    = 16 << 10
	maxURIBytes       = 8 << 10
)

// New returns the whole site as one handler: pages, static assets, the JSON
// API under /api/v1, and the test endpoint under /status/.
func New(cfg Config) (http.Handler, error) {
	return newHandler(cfg, nil)
}

// newHandler is New, with the channel whose closing tells the test endpoint
// that the server is shutting down.
// startGCPercent is the GOGC of start-up (see Run).
const startGCPercent = 25

func newHandler(cfg Config, shutdown <-chan struct{}) (http.Handler, error) {
	logger := cfg.Logger
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	base, err := ParseBaseURL(cfg.BaseURL)
	if err != nil {
		return nil, err
	}
	site, err := build(base)
	if err != nil {
		return nil, fmt.Errorf("rendering the site: %w", err)
	}
	status := endpoint.New(endpoint.Config{
		Prefix:              statusPrefix,
		MaxSleep:            cfg.MaxSleep,
		MaxDelayed:          cfg.MaxDelayed,
		MaxDelayedPerClient: cfg.MaxDelayedPerClient,
		RatePerMinute:       cfg.RatePerMinute,
		TrustedProxies:      cfg.TrustedProxies,
		Shutdown:            shutdown,
		ReferenceURL: func(code int) string {
			return cmp.Or(site.abs("/"+strconv.Itoa(code)), "/"+strconv.Itoa(code))
		},
		Stylesheet: site.assets["style.css"],
	})
	mux := http.NewServeMux()
	addRoutes(mux, site, status)
	var h http.Handler = withErrors(mux, site, status)
	h = withCORS(h)
	h = withURILimit(h, site)
	h = withSecurityHeaders(h)
	h = withRecover(h, logger, site)
	h = withLogging(h, logger)
	return h, nil
}

// Run serves the site on cfg.Addr until ctx is done, then shuts down
// gracefully: sleeping requests of the test endpoint end at once with a
// 503 and Connection: close, and other requests in flight get up to 15
// seconds. It logs "listening on http://ADDR" once the listener is open, and
// returns nil after a clean shutdown. It caps connections (Config.MaxConns,
// Config.MaxConnsPerClient), logging when a cap refuses some.
func Run(ctx context.Context, cfg Config, logger *slog.Logger) error {
	if logger == nil {
		logger = cfg.Logger
	}
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	cfg.Logger = logger
	if cfg.Addr == "" {
		cfg.Addr = DefaultAddr
	}
	maxSleep := cfg.MaxSleep
	if maxSleep <= 0 {
		maxSleep = endpoint.DefaultMaxSleep
	}
	maxConns := cmp.Or(max(cfg.MaxConns, 0), DefaultMaxConns)
	perClient := cmp.Or(max(cfg.MaxConnsPerClient, 0), DefaultMaxConnsPerClient)
	if limit := fileLimit(); limit > 0 && maxConns > limit-reservedFiles {
		logger.Warn("the descriptor limit is below --max-conns; lowering it",
			"max_conns", maxConns, "nofile", limit, "now", max(limit-reservedFiles, 1))
		maxConns = max(limit-reservedFiles, 1)
	}
	shutdown := make(chan struct{})
	// Rendering every page at start makes several times as much garbage
	// (buffers, compressors) as it keeps: collect it early, so that it
	// does not set the process's peak, and give it back to the system at
	// once rather than whenever the runtime gets round to it.
	gc := debug.SetGCPercent(startGCPercent)
	h, err := newHandler(cfg, shutdown)
	debug.SetGCPercent(gc)
	if err != nil {
		return err
	}
	debug.FreeOSMemory()
	srv := &http.Server{
		Addr:              cfg.Addr,
		Handler:           h,
		ReadHeaderTimeout: readHeaderTimeout,
		ReadTimeout:       readTimeout,
		WriteTimeout:      writeTimeout + maxSleep,
		IdleTimeout:       idleTimeout,
		MaxHeaderBytes:    maxHeaderBytes,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
		BaseContext:       func(net.Listener) context.Context { return context.WithoutCancel(ctx) },
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return err
	}
	capped := newCapListener(ln, maxConns, perClient, clientip.Trusted(cfg.TrustedProxies), logger)
	srv.ConnState = capped.connState
	logger.Info("listening on http://" + ln.Addr().String())

	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(capped) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	logger.Info("shutting down")
	close(shutdown)
	sctx, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return fmt.Errorf("shutting down: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
