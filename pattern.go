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
	p := strings.ToLower(pattern)
	if p == "" || len(p) > 3 {
		return nil, fmt.Errorf("%w: %q: use a code like 404 or a pattern like 4xx, 41x or 5x3", ErrPattern, pattern)
	}
	for _, r := range p {
		if (r < '0' || r > '9') && r != 'x' {
			return nil, fmt.Errorf("%w: %q: use a code like 404 or a pattern like 4xx, 41x or 5x3", ErrPattern, pattern)
		}
	}
	p += strings.Repeat("x", 3-len(p))
	var out []Entry
	for i := range entries {
		c := entries[i].Code
		digits := [3]byte{byte('0' + c/100%10), byte('0' + c/10%10), byte('0' + c%10)}
		ok := true
		for j := 0; j < 3; j++ {
			if p[j] != 'x' && p[j] != digits[j] {
				ok = false
				break
			}
		}
		if ok {
			out = append(out, entries[i].clone())
		}
	}
	return out, nil
}
