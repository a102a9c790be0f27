package main

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/httpstatus/httpstatus"
)

// signalFile is the shape of a file under data/signals/.
type signalFile struct {
	Product   string              `json:"product"`
	Signals   []httpstatus.Signal `json:"signals"`
	Constants []constantTable     `json:"constants"`
}

// A constantTable is an ecosystem's identifiers for codes, written compactly.
type constantTable struct {
	Product   string            `json:"product"`
	Component string            `json:"component"`
	Versions  string            `json:"versions"`
	Source    string            `json:"source"`
	Codes     map[string]string `json:"codes"`
}

// ecosystems describes the identifiers every entry carries in its
// constants, so that they are signals too, and the keys its
// constants_history may name. Node's text is the entry's name, already
// searched as one, so it is no signal. versions names what the versions in
// constants_history are versions of.
var ecosystems = []struct {
	key, product, component, source, versions string
	get                                       func(httpstatus.Constants) string
}{
	{"go", "Go", "net/http", "https://pkg.go.dev/net/http#pkg-constants", "Go", func(c httpstatus.Constants) string { return c.Go }},
	{"python", "Python", "http.HTTPStatus", "https://docs.python.org/3/library/http.html#http.HTTPStatus", "Python", func(c httpstatus.Constants) string { return c.Python }},
	{"node", "", "", "", "Node.js", func(c httpstatus.Constants) string { return c.Node }},
	{"dotnet", ".NET", "System.Net.HttpStatusCode", "https://learn.microsoft.com/en-us/dotnet/api/system.net.httpstatuscode", ".NET", func(c httpstatus.Constants) string { return c.DotNet }},
	{"rust", "Rust", "http crate, http::StatusCode", "https://docs.rs/http/latest/http/status/struct.StatusCode.html", "Rust http", func(c httpstatus.Constants) string { return c.Rust }},
	{"spring", "Spring Framework", "org.springframework.http.HttpStatus", "https://docs.spring.io/spring-framework/docs/current/javadoc-api/org/springframework/http/HttpStatus.html", "Spring Framework", func(c httpstatus.Constants) string { return c.Spring }},
	{"rails", "Ruby on Rails", "Rack status symbols (Rack::Utils::SYMBOL_TO_STATUS_CODE)", "https://github.com/rack/rack/blob/main/lib/rack/utils.rb", "Rack", func(c httpstatus.Constants) string { return c.Rails }},
	{"symfony", "Symfony", "Symfony\\Component\\HttpFoundation\\Response", "https://github.com/symfony/symfony/blob/7.3/src/Symfony/Component/HttpFoundation/Response.php", "Symfony", func(c httpstatus.Constants) string { return c.Symfony }},
}

// loadSignals reads every signal file under dir/signals and checks the
// signals against the entries. It returns them in order of code, product
// and text, followed by the entries' own constants as signals (which search
// finds, and which Signals leaves out: the entries list them); listed is
// how many come from the files.
func loadSignals(dir string, entries []httpstatus.Entry) (sigs []httpstatus.Signal, listed int, err error) {
	files, err := filepath.Glob(filepath.Join(dir, "signals", "*.yaml"))
	if err != nil {
		return nil, 0, err
	}
	for _, f := range files {
		fs, err := readSignalFile(f)
		if err != nil {
			return nil, 0, err
		}
		sigs = append(sigs, fs...)
	}
	sort.SliceStable(sigs, func(i, j int) bool {
		a, b := sigs[i], sigs[j]
		if a.Codes[0] != b.Codes[0] {
			return a.Codes[0] < b.Codes[0]
		}
		if a.Product != b.Product {
			return a.Product < b.Product
		}
		return a.Text < b.Text
	})
	listed = len(sigs)
	for _, e := range entries {
		for _, eco := range ecosystems {
			if id := eco.get(e.Constants); id != "" && eco.product != "" {
				sigs = append(sigs, httpstatus.Signal{
					Text: id, Kind: httpstatus.Constant, Product: eco.product, Component: eco.component,
					Codes: []int{e.Code}, Source: eco.source,
				})
			}
		}
		// The older identifiers lead to the code as the current ones do.
		for _, h := range e.ConstantsHistory {
			eco := ecosystemOf(h.Ecosystem)
			if eco.product == "" || h.Identifier == eco.get(e.Constants) {
				continue
			}
			sigs = append(sigs, httpstatus.Signal{
				Text: h.Identifier, Kind: httpstatus.Constant, Product: eco.product, Component: eco.component,
				Versions: h.Summary(), Codes: []int{e.Code}, Source: h.Source,
			})
		}
	}
	if err := checkSignals(sigs, entries); err != nil {
		return nil, 0, err
	}
	return sigs, listed, nil
}

// readSignalFile reads one file of signals, filling in its product and
// expanding its constant tables.
func readSignalFile(path string) ([]httpstatus.Signal, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var doc any
	if err := yaml.Unmarshal(raw, &doc); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	var sf signalFile
	if err := decodeValue(path, stringKeys(doc), &sf); err != nil {
		return nil, err
	}
	var out []httpstatus.Signal
	for _, s := range sf.Signals {
		if s.Product == "" {
			s.Product = sf.Product
		}
		out = append(out, s)
	}
	for _, t := range sf.Constants {
		product := cmp(t.Product, sf.Product)
		codes := make([]int, 0, len(t.Codes))
		for k := range t.Codes {
			n, err := strconv.Atoi(k)
			if err != nil {
				return nil, fmt.Errorf("%s: constants of %s: %q is not a code", path, t.Component, k)
			}
			codes = append(codes, n)
		}
		slices.Sort(codes)
		for _, c := range codes {
			out = append(out, httpstatus.Signal{
				Text: t.Codes[strconv.Itoa(c)], Kind: httpstatus.Constant, Product: product,
				Component: t.Component, Versions: t.Versions, Codes: []int{c}, Source: t.Source,
			})
		}
	}
	for i := range out {
		trimSignal(&out[i])
	}
	for _, s := range out {
		if err := checkSignal(s); err != nil {
			return nil, fmt.Errorf("%s: signal %q: %w", path, s.Text, err)
		}
	}
	return out, nil
}

func cmp(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// trimSignal trims and reflows the prose of a signal; its text keeps its
// inner spacing but not the spaces around it.
func trimSignal(s *httpstatus.Signal) {
	s.Text = strings.TrimSpace(s.Text)
	for _, p := range []*string{&s.Product, &s.Component, &s.Versions, &s.Meaning, &s.Fix, &s.Source, &s.Note} {
		*p = reflow(*p)
	}
	for i := range s.Causes {
		s.Causes[i] = reflow(s.Causes[i])
	}
}

// stringKeys turns the maps YAML decodes with number keys into maps with
// string keys, which JSON can carry.
func stringKeys(v any) any {
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			v[k] = stringKeys(x)
		}
		return v
	case map[any]any:
		m := make(map[string]any, len(v))
		for k, x := range v {
			m[fmt.Sprint(k)] = stringKeys(x)
		}
		return m
	case []any:
		for i, x := range v {
			v[i] = stringKeys(x)
		}
	}
	return v
}

var kinds = []httpstatus.SignalKind{httpstatus.Exception, httpstatus.Constant, httpstatus.LogLine, httpstatus.Platform, httpstatus.Client}

// checkSignal checks the fields of one signal on its own.
func checkSignal(s httpstatus.Signal) error {
	switch {
	case s.Text == "":
		return fmt.Errorf("no text")
	case strings.ContainsAny(s.Text, "\n\t"):
		return fmt.Errorf("text holds a line break or tab")
	case len(s.Text) > 300:
		return fmt.Errorf("text is longer than 300 bytes: keep the distinctive part")
	case !slices.Contains(kinds, s.Kind):
		return fmt.Errorf("kind %q is not one of %v", s.Kind, kinds)
	case s.Product == "":
		return fmt.Errorf("no product")
	case utf8.RuneCountInString(s.Product) > maxProduct:
		// The CLI lists signals by product, the product in a column of
		// its own that must fit a 50-column terminal.
		return fmt.Errorf("product %q is longer than %d characters", s.Product, maxProduct)
	case len(s.Codes) == 0:
		return fmt.Errorf("no codes")
	case !strings.HasPrefix(s.Source, "https://"):
		return fmt.Errorf("source %q is not an https URL", s.Source)
	}
	if s.Kind != httpstatus.Constant {
		switch {
		case s.Meaning == "":
			return fmt.Errorf("no meaning")
		case len(s.Causes) == 0:
			return fmt.Errorf("no causes")
		case s.Fix == "":
			return fmt.Errorf("no fix")
		}
	}
	for i, c := range s.Codes {
		if slices.Contains(s.Codes[:i], c) {
			return fmt.Errorf("code %d listed twice", c)
		}
	}
	return nil
}

// maxProduct bounds a product's name (see checkSignal).
const maxProduct = 40

// checkSignals checks the signals against each other and the entries: every
// code exists, and no product has the same text twice.
func checkSignals(sigs []httpstatus.Signal, entries []httpstatus.Entry) error {
	known := map[int]bool{}
	for _, e := range entries {
		known[e.Code] = true
	}
	seen := map[string]bool{}
	for _, s := range sigs {
		for _, c := range s.Codes {
			if !known[c] {
				return fmt.Errorf("signal %q (%s): the catalogue has no code %d", s.Text, s.Product, c)
			}
		}
		key := strings.ToLower(s.Product + "\x00" + s.Text)
		if seen[key] {
			return fmt.Errorf("signal %q appears twice for %s", s.Text, s.Product)
		}
		seen[key] = true
	}
	return nil
}

// target returns the index of the entry a signal's code counts for: the
// meaning whose vendor is the signal's product, else the number's first
// meaning.
func target(entries []httpstatus.Entry, code int, product string) int {
	first := -1
	p := strings.ToLower(product)
	for i, e := range entries {
		if e.Code != code {
			continue
		}
		if first < 0 {
			first = i
		}
		if v := strings.ToLower(e.Vendor); v != "" && (strings.Contains(v, p) || strings.Contains(p, strings.Fields(v)[0])) {
			return i
		}
	}
	return first
}

// lintSignals checks one signal file, with the entries under the data
// folder beside it, and prints its problems; it returns how many.
func lintSignals(path string) int {
	sigs, err := readSignalFile(path)
	if err == nil {
		var entries []httpstatus.Entry
		if entries, err = loadEntries(filepath.Dir(filepath.Dir(path))); err == nil {
			err = checkSignals(sigs, entries)
		}
	}
	if err != nil {
		fmt.Println(err)
		return 1
	}
	fmt.Printf("%s: %d signals\n", path, len(sigs))
	return 0
}
