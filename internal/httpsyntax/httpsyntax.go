// Package httpsyntax holds the small pieces of HTTP field syntax (RFC 9110,
// Section 5.6) that the checker, the test endpoint, problem details and the
// server all read: one definition of each.
package httpsyntax

import "strings"

// TChar says which bytes may stand in a token (RFC 9110, Section 5.6.2).
var TChar = func() (t [256]bool) {
	for c := '0'; c <= '9'; c++ {
		t[c] = true
	}
	for c := 'a'; c <= 'z'; c++ {
		t[c], t[c-'a'+'A'] = true, true
	}
	for _, c := range "!#$%&'*+-.^_`|~" {
		t[c] = true
	}
	return t
}()

// IsToken reports whether s is a token (RFC 9110, Section 5.6.2).
func IsToken(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !TChar[s[i]] {
			return false
		}
	}
	return true
}

// HasToken reports whether comma-separated field values hold token, in any
// case ("Connection: keep-alive, Upgrade" holds "upgrade").
func HasToken(values []string, token string) bool {
	for _, v := range values {
		for t := range strings.SplitSeq(v, ",") {
			if strings.EqualFold(strings.TrimSpace(t), token) {
				return true
			}
		}
	}
	return false
}
