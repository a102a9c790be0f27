package cli

import (
	"fmt"
	"strings"

	"github.com/httpstatus/httpstatus"
)

// numeric reports whether an argument is meant as a code or a pattern: it
// has a digit and nothing but digits and x.
func numeric(arg string) bool {
	digit := false
	for _, r := range strings.ToLower(arg) {
		switch {
		case r >= '0' && r <= '9':
			digit = true
		case r == 'x':
		default:
			return false
		}
	}
	return digit
}

// lookup shows codes and patterns; arguments that are not all codes or
// patterns are a search.
func (e *env) lookup(args []string) error {
	for _, a := range args {
		if !numeric(a) {
			return e.search(strings.Join(args, " "))
		}
	}
	var all []httpstatus.Entry
	var missing []string
	for i, a := range args {
		exact := len(a) == 3 && !strings.ContainsAny(strings.ToLower(a), "x")
		if len(a) > 3 {
			return usageErr("%s is not a status code: codes have three digits, 000 to 999 (or use a pattern like 4xx)", quoteInput(a))
		}
		entries, err := httpstatus.Match(a)
		if err != nil {
			return &exitError{ExitUsage, err}
		}
		if len(entries) == 0 {
			missing = append(missing, a)
			continue
		}
		all = append(all, entries...)
		if e.json {
			continue
		}
		if i > 0 {
			fmt.Fprintln(e.stdout)
		}
		if exact {
			p := e.printer()
			for j, en := range entries {
				if j > 0 {
					fmt.Fprintln(e.stdout)
				}
				p.entry(en, len(entries))
			}
			p.sightings(entries[0].Code)
		} else {
			e.printer().lines(entries)
		}
	}
	if e.json && len(all) > 0 {
		if err := writeJSON(e.stdout, all); err != nil {
			return err
		}
	}
	if len(missing) > 0 {
		return notFound(fmt.Sprintf("no code in the catalogue matches %s", strings.Join(missing, ", ")), suggestCodes(missing[0]))
	}
	return nil
}

// suggestCodes names the catalogued codes nearest to a missing one.
func suggestCodes(arg string) string {
	n, err := httpstatus.ParseCode(arg)
	if err != nil {
		return "try a pattern such as " + arg[:1] + "xx, or httpstatus list"
	}
	best := []httpstatus.Entry{}
	seen := map[int]bool{}
	for _, en := range httpstatus.All() {
		if en.Code/100 != n/100 || seen[en.Code] {
			continue
		}
		seen[en.Code] = true
		best = append(best, en)
	}
	if len(best) == 0 {
		return "try httpstatus list --all"
	}
	dist := func(en httpstatus.Entry) int { return max(en.Code-n, n-en.Code) }
	for i := 1; i < len(best); i++ {
		for j := i; j > 0 && dist(best[j]) < dist(best[j-1]); j-- {
			best[j], best[j-1] = best[j-1], best[j]
		}
	}
	var names []string
	for _, en := range best[:min(3, len(best))] {
		names = append(names, fmt.Sprintf("%03d %s", en.Code, en.Name))
	}
	return fmt.Sprintf("did you mean %s? (or httpstatus %dxx)", strings.Join(names, ", "), n/100)
}
