package problem

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

// BenchmarkError measures one problem written to a recorder, in each form,
// beside net/http's http.Error as the peer; compare them as ratios in one
// run, not with a fixed figure.
func BenchmarkError(b *testing.B) {
	b.Run("peer=http.Error", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			rec := httptest.NewRecorder()
			http.Error(rec, "no user with the id 42", 404)
		}
	})
	for _, accept := range []string{"", "application/json", "text/plain"} {
		b.Run("accept="+accept, func(b *testing.B) {
			req := httptest.NewRequest("GET", "/", nil)
			if accept != "" {
				req.Header.Set("Accept", accept)
			}
			b.ReportAllocs()
			for b.Loop() {
				rec := httptest.NewRecorder()
				Error(rec, req, 404, "no user with the id 42")
			}
		})
	}
}
