package server

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/httpstatus/httpstatus"
	"github.com/httpstatus/httpstatus/internal/searchapi"
)

// Limits of /api/v1/search.
const (
	defaultSearchLimit = searchapi.DefaultLimit
	maxSearchLimit     = searchapi.MaxLimit
)

// handleAPIByCode serves a JSON document rendered for each code under
// prefix ("/api/v1/codes/" for every meaning of the number, "/api/v1/retry/"
// for its retry facts). A malformed code is a 400, one the catalogue does
// not know a 404.
func handleAPIByCode(s *site, prefix string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		raw := r.PathValue("code")
		code, err := httpstatus.ParseCode(raw)
		if err != nil {
			s.problem(w, r, http.StatusBadRequest,
				fmt.Sprintf("not a status code: %q; a status code has three digits, 000 to 999", raw))
			return
		}
		res, ok := s.res[fmt.Sprintf("%s%03d", prefix, code)]
		if !ok {
			s.problem(w, r, http.StatusNotFound,
				fmt.Sprintf("the catalogue has no meaning for %03d; see /api/v1/codes", code))
			return
		}
		serve(w, r, res, http.StatusOK)
	})
}

// handleListByCode serves a list rendered at start-up at path (every
// signal, every situation), or with ?code= the items of one code, as of
// gives them: 400 if the code is malformed, 404 if the catalogue has no
// such code, [] when it has none of them.
func handleListByCode[T any](s *site, path string, of func(code int) []T) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		raw, ok := r.URL.Query()["code"]
		if !ok {
			serve(w, r, s.res[path], http.StatusOK)
			return
		}
		code, err := httpstatus.ParseCode(raw[0])
		if err != nil {
			s.problem(w, r, http.StatusBadRequest,
				fmt.Sprintf("not a status code: %q; a status code has three digits, 000 to 999", raw[0]))
			return
		}
		if _, ok := httpstatus.Lookup(code); !ok {
			s.problem(w, r, http.StatusNotFound,
				fmt.Sprintf("the catalogue has no meaning for %03d; see /api/v1/codes", code))
			return
		}
		items := of(code)
		if items == nil {
			items = []T{}
		}
		writeJSONResource(s, w, r, items)
	})
}

// handleAPISearch serves /api/v1/search?q=&limit=: the entries that match,
// best first.
func handleAPISearch(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		query := r.URL.Query()
		q := strings.TrimSpace(query.Get("q"))
		if q == "" {
			s.problem(w, r, http.StatusBadRequest, "the query parameter q is required: /api/v1/search?q=rate+limit")
			return
		}
		if len(q) > maxQuery {
			s.problem(w, r, http.StatusBadRequest, fmt.Sprintf("q is longer than %d bytes", maxQuery))
			return
		}
		limit := defaultSearchLimit
		if v, ok := query["limit"]; ok {
			n, err := strconv.Atoi(v[0])
			if err != nil || n < 1 || n > maxSearchLimit {
				s.problem(w, r, http.StatusBadRequest,
					fmt.Sprintf("limit must be a whole number from 1 to %d", maxSearchLimit))
				return
			}
			limit = n
		}
		buf := getBuffer()
		defer putBuffer(buf)
		if err := searchapi.Encode(buf, searchapi.Hits(q, limit)); err != nil { // the export's search runs the same
			s.problem(w, r, http.StatusServiceUnavailable, "the results could not be encoded")
			return
		}
		serve(w, r, newDynamic(buf.Bytes(), jsonType, cachePage, http.StatusOK), http.StatusOK)
	})
}
