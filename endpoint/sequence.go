package endpoint

import (
	"errors"
	"fmt"
	"math"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Defaults of the bounds on ?sequence= state (Config.Sequences).
const (
	DefaultSequencesPerClient = 32
	DefaultSequencesTotal     = 10000
	DefaultSequenceTTL        = 5 * time.Minute
)

// maxSequenceKey bounds the length of a ?sequence= key.
const maxSequenceKey = 64

// SequenceLimits bound the state the endpoint keeps for ?sequence=. A zero
// field takes its default.
type SequenceLimits struct {
	// PerClient is how many sequences one client address (IPv6 by /64)
	// may have running at once; beyond it a new key gets 429. Default 32.
	PerClient int
	// Total is how many sequences the endpoint keeps at once; beyond it a
	// new key gets 503. Default 10000.
	Total int
	// TTL is how long a sequence lives after its first request; then the
	// next request with its key starts it again. Default 5 minutes.
	TTL time.Duration
}

// sequences holds the position of every running sequence.
type sequences struct {
	perClient, total int
	ttl              time.Duration
	now              func() time.Time

	mu      sync.Mutex
	clients map[string][]*sequence // by client address
	count   int                    // sequences in clients
	swept   time.Time              // when expired sequences were last dropped
	soonest time.Time              // the earliest expiry seen by the last sweep
}

// A sequence is one key's position in its list of codes.
type sequence struct {
	key     string // the ?sequence= key and the codes, which together name it
	served  int    // responses given so far
	expires time.Time
}

func newSequences(l SequenceLimits, now func() time.Time) *sequences {
	s := &sequences{perClient: l.PerClient, total: l.Total, ttl: l.TTL, now: now, clients: map[string][]*sequence{}}
	if s.perClient <= 0 {
		s.perClient = DefaultSequencesPerClient
	}
	if s.total <= 0 {
		s.total = DefaultSequencesTotal
	}
	if s.ttl <= 0 {
		s.ttl = DefaultSequenceTTL
	}
	s.swept = now()
	return s
}

// sequenceParam returns the ?sequence= key of a query, and whether there
// is one; a malformed key is an error.
func sequenceParam(rawQuery string) (string, bool, error) {
	if !strings.Contains(rawQuery, "sequence=") {
		return "", false, nil
	}
	q, _ := url.ParseQuery(rawQuery)
	vs, ok := q["sequence"]
	switch {
	case !ok:
		return "", false, nil
	case len(vs) > 1:
		return "", false, fmt.Errorf("?sequence= is given %d times; give it once", len(vs))
	case vs[0] == "" || len(vs[0]) > maxSequenceKey:
		return "", false, fmt.Errorf("a ?sequence= key has 1 to %d characters", maxSequenceKey)
	}
	for _, c := range []byte(vs[0]) {
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("-._~", c) >= 0) {
			return "", false, errors.New("a ?sequence= key takes only letters, digits and - . _ ~")
		}
	}
	return vs[0], true, nil
}

// errSequenceFull is a refusal for lack of room, with the status to answer
// and how long to wait.
type errSequenceFull struct {
	status int
	wait   time.Duration
	reason string
}

func (e *errSequenceFull) Error() string { return e.reason }

// next returns the code for this request of the sequence key from client
// over codes (their order, without weights).
func (s *sequences) next(client, key string, codes []int) (int, error) {
	name := key + "\x00" + fmt.Sprint(codes)
	now := s.now()
	s.mu.Lock()
	defer s.mu.Unlock()
	list := s.clients[client]
	live := list[:0]
	var found *sequence
	for _, q := range list {
		if !now.Before(q.expires) {
			s.count--
			continue
		}
		live = append(live, q)
		if q.key == name {
			found = q
		}
	}
	clear(list[len(live):])
	list = live
	if found == nil {
		if len(list) >= s.perClient {
			s.clients[client] = list
			wait := list[0].expires.Sub(now)
			for _, q := range list {
				wait = min(wait, q.expires.Sub(now))
			}
			return 0, &errSequenceFull{http.StatusTooManyRequests, wait, fmt.Sprintf(
				"your address has %d sequences running, the most it may; one ends within %s, or reuse a key", len(list), seconds(wait))}
		}
		if s.count >= s.total && now.Sub(s.swept) >= time.Second {
			s.sweep(now)
		}
		if s.count >= s.total {
			s.clients[client] = list
			wait := max(s.soonest.Sub(now), time.Second)
			return 0, &errSequenceFull{http.StatusServiceUnavailable, wait, fmt.Sprintf(
				"the endpoint holds %d sequences, the most it may; try again within %s", s.count, seconds(wait))}
		}
		found = &sequence{key: name, expires: now.Add(s.ttl)}
		list = append(list, found)
		s.count++
	}
	if len(list) == 0 {
		delete(s.clients, client)
	} else {
		s.clients[client] = list
	}
	i := min(found.served, len(codes)-1)
	found.served++
	return codes[i], nil
}

// sweep drops every expired sequence and notes the soonest expiry left.
func (s *sequences) sweep(now time.Time) {
	s.swept = now
	s.soonest = now.Add(s.ttl)
	for c, list := range s.clients {
		live := list[:0]
		for _, q := range list {
			if now.Before(q.expires) {
				live = append(live, q)
				if q.expires.Before(s.soonest) {
					s.soonest = q.expires
				}
			}
		}
		s.count -= len(list) - len(live)
		clear(list[len(live):])
		if len(live) == 0 {
			delete(s.clients, c)
		} else {
			s.clients[c] = live
		}
	}
}

// seconds formats a wait as whole seconds, rounded up, at least 1.
func seconds(d time.Duration) string {
	return strconv.Itoa(secondsOf(d)) + " s"
}

func secondsOf(d time.Duration) int {
	return max(1, int(math.Ceil(d.Seconds())))
}

// sequenced answers the code of a ?sequence= request; it reports false
// after writing an error itself.
func (h *handler) sequenced(w http.ResponseWriter, r *http.Request, key, seg string, code int, choices []choice) (int, bool) {
	codes := []int{code}
	if choices != nil {
		codes = codes[:0]
		for _, c := range choices {
			codes = append(codes, c.code)
		}
	}
	if strings.Contains(seg, ":") {
		fail(w, r, http.StatusBadRequest, "a sequence answers its codes in order: give them without weights")
		return 0, false
	}
	next, err := h.sequences.next(h.client(r).String(), key, codes)
	if err != nil {
		var full *errSequenceFull
		if errors.As(err, &full) {
			failRetry(w, r, full.status, strconv.Itoa(secondsOf(full.wait)), full.reason)
			return 0, false
		}
		fail(w, r, http.StatusBadRequest, err.Error())
		return 0, false
	}
	return next, true
}
