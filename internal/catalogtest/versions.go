package catalogtest

import (
	"bufio"
	"fmt"
	"go/build"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
)

// CompareVersions compares two release numbers ("7.0", "1.2.0", "3.13")
// part by part, a missing part counting as 0: it returns -1, 0 or +1.
func CompareVersions(a, b string) int {
	pa, pb := strings.Split(a, "."), strings.Split(b, ".")
	for i := 0; i < len(pa) || i < len(pb); i++ {
		var x, y int
		if i < len(pa) {
			x, _ = strconv.Atoi(pa[i])
		}
		if i < len(pb) {
			y, _ = strconv.Atoi(pb[i])
		}
		switch {
		case x < y:
			return -1
		case x > y:
			return 1
		}
	}
	return 0
}

// Holds reports whether an identifier with the given since and removed
// versions (either may be empty) exists in release v.
func Holds(v, since, removed string) bool {
	return (since == "" || CompareVersions(v, since) >= 0) && (removed == "" || CompareVersions(v, removed) < 0)
}

var goAPIFile = regexp.MustCompile(`^go(1(?:\.[0-9]+)?)\.txt$`)

// GoConstantsSince reads the API lists of the local Go distribution
// ($GOROOT/api/go1.N.txt) and returns, for each status constant of
// net/http, the Go release that added it, as "http.StatusEarlyHints" →
// "1.13".
func GoConstantsSince() (map[string]string, error) {
	files, err := filepath.Glob(filepath.Join(build.Default.GOROOT, "api", "go1*.txt"))
	if err != nil {
		return nil, err
	}
	out := map[string]string{}
	for _, f := range files {
		m := goAPIFile.FindStringSubmatch(filepath.Base(f))
		if m == nil {
			continue
		}
		r, err := os.Open(f)
		if err != nil {
			return nil, err
		}
		sc := bufio.NewScanner(r)
		for sc.Scan() {
			rest, ok := strings.CutPrefix(sc.Text(), "pkg net/http, const Status")
			if !ok {
				continue
			}
			name := "http.Status" + strings.Fields(rest)[0]
			if old, ok := out[name]; !ok || CompareVersions(m[1], old) < 0 {
				out[name] = m[1]
			}
		}
		r.Close()
		if err := sc.Err(); err != nil {
			return nil, err
		}
	}
	if len(out) < 50 {
		return nil, fmt.Errorf("found only %d status constants in %s", len(out), filepath.Join(build.Default.GOROOT, "api"))
	}
	return out, nil
}
