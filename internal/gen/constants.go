package main

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/httpstatus/httpstatus"
	"github.com/httpstatus/httpstatus/internal/catalogtest"
)

// version is a release number as ecosystems write them: "7.0", "1.2.0",
// "3.13", "8".
var version = regexp.MustCompile(`^[0-9]+(\.[0-9]+){0,3}$`)

// ecosystemOf returns the ecosystem with the given key of Constants, or
// the zero value.
func ecosystemOf(key string) (eco struct {
	key, product, component, source, versions string
	get                                       func(httpstatus.Constants) string
}) {
	for _, e := range ecosystems {
		if e.key == key {
			return e
		}
	}
	return eco
}

// checkHistory checks an entry's constants_history against itself and the
// entry's constants, and fills in each record's product. A record names a
// known ecosystem, an identifier, at least one well-formed version in
// order, and an https source; an identifier the entry lists as current is
// not removed; what replaces an identifier is the entry's current one.
func checkHistory(e *httpstatus.Entry) error {
	seen := map[string]bool{}
	for i := range e.ConstantsHistory {
		h := &e.ConstantsHistory[i]
		eco := ecosystemOf(h.Ecosystem)
		bad := func(format string, args ...any) error {
			return fmt.Errorf("constants_history %s %q: %s", h.Ecosystem, h.Identifier, fmt.Sprintf(format, args...))
		}
		if eco.key == "" {
			var keys []string
			for _, e := range ecosystems {
				keys = append(keys, e.key)
			}
			return bad("ecosystem is not one of %s", strings.Join(keys, ", "))
		}
		if h.Product != "" {
			return bad("product is filled in by the generator from the ecosystem; leave it out")
		}
		h.Product = eco.versions
		current := eco.get(e.Constants)
		switch {
		case h.Identifier == "" || strings.ContainsAny(h.Identifier, "\n\t"):
			return bad("needs an identifier on one line")
		case seen[h.Ecosystem+"\x00"+h.Identifier]:
			return bad("is listed twice")
		case !strings.HasPrefix(h.Source, "https://") || strings.ContainsAny(h.Source, " \n"):
			return bad("source %q is not an https URL", h.Source)
		case h.Since == "" && h.Deprecated == "" && h.Renamed == "" && h.Removed == "":
			return bad("names no version: give since, deprecated, renamed or removed")
		case h.Removed != "" && h.Identifier == current:
			return bad("is removed but is the entry's current constant; take it out of constants")
		case h.Renamed != "" && h.ReplacedBy == "":
			return bad("is renamed but names no replaced_by")
		case h.ReplacedBy != "" && h.ReplacedBy != current:
			return bad("replaced_by %q is not the entry's current constant %q", h.ReplacedBy, current)
		case h.ReplacedBy == h.Identifier && h.ReplacedBy != "":
			return bad("replaces itself")
		}
		seen[h.Ecosystem+"\x00"+h.Identifier] = true
		var order []string
		for _, v := range []string{h.Since, h.Deprecated, h.Renamed, h.Removed} {
			if v == "" {
				continue
			}
			if !version.MatchString(v) {
				return bad("version %q is not a release number such as 7.0 or 1.2.0", v)
			}
			order = append(order, v)
		}
		for j := 1; j < len(order); j++ {
			if catalogtest.CompareVersions(order[j-1], order[j]) > 0 {
				return bad("versions are out of order: %s comes after %s", order[j-1], order[j])
			}
		}
	}
	return nil
}
