package endpoint

import (
	"context"
	"errors"
	"github.com/httpstatus/httpstatus/internal/httpsyntax"
	"io"
	"net/http"
	"net/netip"
	"sync"
	"time"

	"github.com/httpstatus/httpstatus/internal/clientip"
)

// DefaultMaxDelayedPerClient is the default of Config.MaxDelayedPerClient.
const DefaultMaxDelayedPerClient = 8

// delays bounds the requests sleeping at once: in all, and per client (an
// IPv4 address, an IPv6 /64), so that one client cannot hold every slot.
type delays struct {
	all       chan struct{} // a slot per sleeping request
	perClient int

	mu       sync.Mutex
	byClient map[netip.Prefix]int
}

func newDelays(all, perClient int) *delays {
	return &delays{all: make(chan struct{}, all), perClient: perClient, byClient: map[netip.Prefix]int{}}
}

// acquire takes a slot for client, or returns why it cannot; release gives
// it back.
func (d *delays) acquire(client netip.Prefix) (release func(), refusal string) {
	d.mu.Lock()
	if d.byClient[client] >= d.perClient {
		d.mu.Unlock()
		return nil, "too many delayed requests from your address at once; try again shortly"
	}
	d.byClient[client]++
	d.mu.Unlock()
	select {
	case d.all <- struct{}{}:
	default:
		d.leave(client)
		return nil, "too many delayed requests at once; try again shortly"
	}
	return func() { <-d.all; d.leave(client) }, ""
}

func (d *delays) leave(client netip.Prefix) {
	d.mu.Lock()
	if d.byClient[client]--; d.byClient[client] <= 0 {
		delete(d.byClient, client)
	}
	d.mu.Unlock()
}

// client returns the key the per-client limits count r under: its client
// (behind a trusted proxy, the one the proxy names) by IPv4 address or IPv6 /64.
func (h *handler) client(r *http.Request) netip.Prefix {
	a, _ := h.trusted.FromRequest(r)
	return clientip.Key(a)
}

// errBodyTooLarge is readBody's error for a body over maxDrain.
var errBodyTooLarge = errors.New("body too large")

// readBody reads the body of a request that is about to sleep, up to
// maxDrain, so that the server sees at once when the client goes away (it
// watches the connection only once the body is read), and a client that
// sends its body slowly waits without holding a slot. A request that holds
// its body back for a 100 Continue is left alone: reading would send one.
func readBody(r *http.Request) error {
	if r.Body == nil || r.Body == http.NoBody || r.ContentLength == 0 || httpsyntax.HasToken(r.Header.Values("Expect"), "100-continue") {
		return nil
	}
	n, err := io.Copy(io.Discard, io.LimitReader(r.Body, maxDrain+1))
	if err != nil {
		return err
	}
	if n > maxDrain {
		return errBodyTooLarge
	}
	return nil
}

// Why a sleep ended.
const (
	slept        = iota // the time passed
	clientGone          // the request's context ended
	shuttingDown        // Config.Shutdown was closed
)

// sleep waits for d, or until the client goes away or the server shuts
// down.
func (h *handler) sleep(ctx context.Context, d time.Duration) int {
	if d <= 0 {
		return slept
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return slept
	case <-ctx.Done():
		return clientGone
	case <-h.shutdown:
		return shuttingDown
	}
}

// failShutdown answers a request whose sleep the shutdown ended: 503, and
// the connection closes.
func failShutdown(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Connection", "close")
	failRetry(w, r, http.StatusServiceUnavailable, retryAfter, "the server is shutting down; try again shortly")
}
