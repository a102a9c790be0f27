package main

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/httpstatus/httpstatus"
)

// retryFile is the shape of data/retry.yaml: the retry facts of every
// entry, keyed by the entry's file name without .yaml, and the table of
// what well-known clients retry.
type retryFile struct {
	Facts   map[string]httpstatus.RetryFacts `json:"facts"`
	Clients []httpstatus.RetryClient         `json:"clients"`
}

// The words RetryFacts.Change may hold.
var retryChanges = []string{"credentials", "content", "headers", "url", "method", "conditions", "protocol", "state", "server", "account"}

// The methods a client row may list.
var retryMethods = []string{"GET", "HEAD", "OPTIONS", "TRACE", "PUT", "DELETE", "POST", "PATCH", "CONNECT"}

// loadRetry reads dir/retry.yaml, gives every entry its retry facts and
// returns the clients' table. Every entry must have facts, and every key
// must name an entry's file.
func loadRetry(dir string, entries []httpstatus.Entry) ([]httpstatus.RetryClient, error) {
	path := filepath.Join(dir, "retry.yaml")
	var rf retryFile
	if err := decode(path, &rf); err != nil {
		return nil, err
	}
	keys, err := entryKeys(dir)
	if err != nil {
		return nil, err
	}
	for key, f := range rf.Facts {
		id, ok := keys[key]
		if !ok {
			return nil, fmt.Errorf("%s: facts for %q, which is no file of %s", path, key, filepath.Join(dir, "codes"))
		}
		trimStrings(reflect.ValueOf(&f).Elem())
		if err := checkFacts(f, id.code); err != nil {
			return nil, fmt.Errorf("%s: %s: %w", path, key, err)
		}
		for i := range entries {
			if entries[i].Code == id.code && entries[i].Vendor == id.vendor {
				entries[i].RetryFacts = f
			}
		}
	}
	for key, id := range keys {
		if _, ok := rf.Facts[key]; !ok {
			return nil, fmt.Errorf("%s: no facts for %s (code %d)", path, key, id.code)
		}
	}
	seen := map[string]bool{}
	for i := range rf.Clients {
		c := &rf.Clients[i]
		trimStrings(reflect.ValueOf(c).Elem())
		if err := checkClient(*c); err != nil {
			return nil, fmt.Errorf("%s: client %d (%s): %w", path, i+1, c.ID, err)
		}
		if seen[c.ID] {
			return nil, fmt.Errorf("%s: two clients with id %q", path, c.ID)
		}
		seen[c.ID] = true
		if c.Methods == nil {
			c.Methods = []string{}
		}
		if c.Statuses == nil {
			c.Statuses = []httpstatus.RetryStatus{}
		}
	}
	return rf.Clients, nil
}

type entryID struct {
	code   int
	vendor string
}

// entryKeys maps the file name of every entry under dir/codes, without
// .yaml, to its code and vendor.
func entryKeys(dir string) (map[string]entryID, error) {
	files, err := filepath.Glob(filepath.Join(dir, "codes", "*.yaml"))
	if err != nil {
		return nil, err
	}
	keys := make(map[string]entryID, len(files))
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		var id struct {
			Code   int    `yaml:"code"`
			Vendor string `yaml:"vendor"`
		}
		if err := yaml.Unmarshal(raw, &id); err != nil {
			return nil, fmt.Errorf("%s: %w", f, err)
		}
		keys[strings.TrimSuffix(filepath.Base(f), ".yaml")] = entryID{id.Code, strings.TrimSpace(id.Vendor)}
	}
	return keys, nil
}

// checkFacts checks the facts of an entry with code.
func checkFacts(f httpstatus.RetryFacts, code int) error {
	switch f.When {
	case httpstatus.RetryNone, httpstatus.RetryUnchanged, httpstatus.RetryNever:
		if len(f.Change) > 0 {
			return fmt.Errorf("change is for when: after-change only")
		}
	case httpstatus.RetryAfterChange:
		if len(f.Change) == 0 {
			return fmt.Errorf("when: after-change needs change: what must change")
		}
		for _, c := range f.Change {
			if !slices.Contains(retryChanges, c) {
				return fmt.Errorf("change %q is none of %s", c, strings.Join(retryChanges, ", "))
			}
		}
	default:
		return fmt.Errorf("when %q is none of none, unchanged, after-change, never", f.When)
	}
	if f.IdempotentOnly && f.When != httpstatus.RetryUnchanged {
		return fmt.Errorf("idempotent_only is for when: unchanged only")
	}
	// Which codes a specification gives Retry-After a meaning for is a
	// fact of the specifications, so it is checked here as well: any 3xx,
	// 413, 429 and 503.
	want := ""
	switch {
	case code/100 == 3:
		want = httpstatus.RetryAfterRedirect
	case code == 413:
		want = httpstatus.RetryAfterTemporary
	case code == 429, code == 503:
		want = httpstatus.RetryAfterWait
	}
	if f.RetryAfter != want {
		return fmt.Errorf("retry_after %q, but the specifications give Retry-After with %d the meaning %q", f.RetryAfter, code, want)
	}
	return nil
}

// checkClient checks a row of the clients' table.
func checkClient(c httpstatus.RetryClient) error {
	switch {
	case c.ID == "" || c.ID != strings.ToLower(c.ID) || strings.ContainsAny(c.ID, " /"):
		return fmt.Errorf("needs an id in lower case, without spaces or slashes")
	case c.Name == "" || c.Language == "" || c.Component == "":
		return fmt.Errorf("needs a name, a language and a component")
	case c.Version == "":
		return fmt.Errorf("needs the version checked (say so when it could not be pinned)")
	case !strings.Contains(c.Source, "https://"):
		return fmt.Errorf("needs a source with a link")
	case c.RetryAfter == "" || c.Errors == "" || c.Attempts == "":
		return fmt.Errorf("needs retry_after, errors and attempts (say so when unconfirmed)")
	}
	for _, m := range c.Methods {
		if !slices.Contains(retryMethods, m) {
			return fmt.Errorf("method %q is none of %s", m, strings.Join(retryMethods, ", "))
		}
	}
	for _, s := range c.Statuses {
		if len(s.Status) == 0 {
			return fmt.Errorf("a statuses group without status")
		}
		for _, p := range append(slices.Clone(s.Status), s.Except...) {
			if _, err := httpstatus.Match(p); err != nil {
				return err
			}
		}
	}
	return nil
}
