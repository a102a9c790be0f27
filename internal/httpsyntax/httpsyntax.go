// Package httpsyntax holds the small pieces of HTTP field syntax (RFC 9110,
// Section 5.6) that the checker, the test endpoint, problem details and the
// server all read: one definition of each.
package httpsyntax

import "strings"

// TChar says which bytes may stand in a token (RFC 9110, Section 5.6.2).
var TChar = AlnumAnd("!#$%&'*+-.^_`|~")

// AlnumAnd returns the set of the ASCII letters and digits and the bytes of
// marks, as a table by byte: the shape of most character classes of the
// HTTP and URI grammars.
func AlnumAnd(marks string) (t [256]bool) {
	for c := '0'; c <= '9'; c++ {
		t[c] = true
	}
	for c := 'a'; c <= 'z'; c++ {
		t[c], t[c-'a'+'A'] = true, true
	}
	for i := 0; i < len(marks); i++ {
		t[marks[i]] = true
	}
	return t
}

// IsToken reports whether s is a token (RFC 9110, Section 5.6.2).
func IsToken(s string) bool { return AllIn(s, &TChar) }

// AllIn reports whether s is not empty and every byte of it is in set.
func AllIn(s string, set *[256]bool) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !set[s[i]] {
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
