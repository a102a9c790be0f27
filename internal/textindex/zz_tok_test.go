package textindex

import (
	"os"
	"testing"
)

func TestZZTok(t *testing.T) {
	q := os.Getenv("Q")
	q2, keyed := jsonKeys(q)
	w, id := tokenize(q2, true, nil)
	t.Logf("json %q keyed %v words %q idents %q codes %v", q2, keyed, rewrite(w), id, statusCodes(q2))
}
