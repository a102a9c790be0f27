package httpstatus

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// ErrPattern is the error Match and ParseCode wrap when their input is not
// a code or a pattern of codes.
var ErrPattern = errors.New("not a status code or pattern")

// ParseCode parses a status code: three digits, 000 to 999.
func ParseCode(s string) (int, error) {
	if len(s) != 3 {
		return 0, fmt.Errorf("%w: %q: a status code has three digits", ErrPattern, s)
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 || strings.ContainsAny(s, "+-") {
		return 0, fmt.Errorf("%w: %q: a status code has three digits", ErrPattern, s)
	}
	return n, nil
}

// Match returns every entry whose code fits pattern, in catalogue order. A
// pattern is a code ("404"), or up to three characters of digits and x, each
// x standing for any digit: "4xx", "41x", "5x3". Missing trailing places are
// x: "4" is "4xx" and "41" is "41x". A pattern that fits no entry returns an
// empty list and no error.
func Match(pattern string) ([]Entry, error) {
	p, ok := patternOf(pattern)
	if !ok {
		return nil, fmt.Errorf("%w: %q: use a code like 404 or a pattern like 4xx, 41x or 5x3", ErrPattern, pattern)
	}
	var out []Entry
	for i := range entries {
		if fits(p, entries[i].Code) {
			out = append(out, entries[i].clone())
		}
	}
	return out, nil
}

// patternOf parses a pattern into three places, each a digit or 'x'.
func patternOf(s string) (p [3]byte, ok bool) {
	if s == "" || len(s) > 3 {
		return p, false
	}
	for i := range p {
		p[i] = 'x'
		if i < len(s) {
			c := s[i] | 0x20 // lower case for letters; digits keep their value
			if c == 'x' {
				continue
			}
			if s[i] < '0' || s[i] > '9' {
				return p, false
			}
			p[i] = s[i]
		}
	}
	return p, true
}

// pattern is patternOf for Search: a query is a pattern only when it has a
// digit, so that "x" and "xx" stay words.
func pattern(s string) ([3]byte, bool) {
	p, ok := patternOf(s)
	if !ok || p == [3]byte{'x', 'x', 'x'} {
		return [3]byte{}, false
	}
	return p, true
}

// fits reports whether code matches the pattern's places.
func fits(p [3]byte, code int) bool {
	digits := [3]byte{byte('0' + code/100%10), byte('0' + code/10%10), byte('0' + code%10)}
	for j := range p {
		if p[j] != 'x' && p[j] != digits[j] {
			return false
		}
	}
	return true
}
