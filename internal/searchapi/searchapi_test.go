package searchapi

import (
	"bytes"
	"strings"
	"testing"

	"github.com/httpstatus/httpstatus"
)

func TestHits(t *testing.T) {
	hits := Hits("  http.StatusTeapot ", 3)
	if len(hits) == 0 || hits[0].Code != 418 || hits[0].Matched == nil {
		t.Fatalf("Hits(http.StatusTeapot) = %+v, want 418 matched by a signal", hits)
	}
	var buf bytes.Buffer
	if err := Encode(&buf, Hits("zzzzqqqq", 3)); err != nil || buf.String() != "[]" {
		t.Errorf("no hits encode as %q, %v; want []", buf.String(), err)
	}
	long := strings.Repeat("é", httpstatus.MaxQuery) // cut on a rune boundary
	if c := Clean(long); len(c) > httpstatus.MaxQuery || !strings.HasPrefix(long, c) {
		t.Errorf("Clean cut a %d-byte query to %d bytes", len(long), len(c))
	}
}
