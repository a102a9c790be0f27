package catalogtest

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/httpstatus/httpstatus"
)

// A RegistryRow is one code of a snapshot of the IANA HTTP Status Code
// Registry, in the form of testdata/iana-status-codes.csv: the code, the
// registry's description as it reads, the reference, and the registration
// ("permanent", "permanent (obsoleted)", "temporary (registered …)").
type RegistryRow struct {
	Code         int
	Name         string
	Reference    string
	Registration string
}

// Limits on a registry snapshot: the registry has fewer than a hundred
// codes, and its longest cell a few dozen words. (Rows are bounded too:
// each is a distinct code from 100 to 599.)
const (
	maxRegistryField = 1000
	maxRegistryBytes = 1 << 20
)

var registryHeader = []string{"code", "name", "reference", "registration"}

// ReadRegistry reads a registry snapshot: a CSV file whose header is
// code,name,reference,registration, one registered code a row (no ranges
// such as "104-199 Unassigned"). It refuses more than a megabyte, and says
// what is wrong with the first bad row.
func ReadRegistry(r io.Reader) ([]RegistryRow, error) {
	raw, err := io.ReadAll(io.LimitReader(r, maxRegistryBytes+1))
	if err != nil {
		return nil, fmt.Errorf("registry: %w", err)
	}
	if len(raw) > maxRegistryBytes {
		return nil, fmt.Errorf("registry: larger than %d bytes", maxRegistryBytes)
	}
	cr := csv.NewReader(bytes.NewReader(raw))
	cr.FieldsPerRecord = len(registryHeader)
	head, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("registry header: %w", err)
	}
	for i, h := range registryHeader {
		if strings.TrimSpace(strings.ToLower(head[i])) != h {
			return nil, fmt.Errorf("registry header is %q, want %s", strings.Join(head, ","), strings.Join(registryHeader, ","))
		}
	}
	var rows []RegistryRow
	seen := map[int]bool{}
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("registry: %w", err)
		}
		line, _ := cr.FieldPos(0)
		for _, f := range rec {
			if len(f) > maxRegistryField {
				return nil, fmt.Errorf("registry line %d: a field is longer than %d bytes", line, maxRegistryField)
			}
		}
		code, err := strconv.Atoi(strings.TrimSpace(rec[0]))
		if err != nil || code < 100 || code > 599 || len(strings.TrimSpace(rec[0])) != 3 {
			return nil, fmt.Errorf("registry line %d: %q is not a status code from 100 to 599", line, rec[0])
		}
		if seen[code] {
			return nil, fmt.Errorf("registry line %d: %d appears twice", line, code)
		}
		seen[code] = true
		row := RegistryRow{Code: code, Name: strings.TrimSpace(rec[1]), Reference: strings.TrimSpace(rec[2]), Registration: strings.TrimSpace(rec[3])}
		if row.Name == "" || row.Registration == "" {
			return nil, fmt.Errorf("registry line %d: %d needs a name and a registration", line, code)
		}
		rows = append(rows, row)
	}
	if len(rows) == 0 {
		return nil, errors.New("registry: no rows")
	}
	return rows, nil
}

// registrationOf maps a snapshot row to the registration of its entry.
func registrationOf(r RegistryRow) httpstatus.Registration {
	switch {
	case r.Name == "(Unused)":
		return httpstatus.Unused
	case strings.Contains(r.Registration, "obsoleted"):
		return httpstatus.Obsoleted
	case strings.HasPrefix(r.Registration, "temporary"):
		return httpstatus.Temporary
	}
	return httpstatus.Permanent
}

// RegistryChanges compares a registry snapshot with the catalogue's
// registered entries and returns what differs, one line a change, in the
// snapshot's order and then the codes gone: a code new to the registry, a
// renamed code, a changed registration, a reference to a document the
// entry's spec does not cite, a code gone from the registry. None means
// the catalogue follows the snapshot.
func RegistryChanges(rows []RegistryRow, entries []httpstatus.Entry) []string {
	registered := map[int]httpstatus.Entry{}
	for _, e := range entries {
		if e.Registration != httpstatus.Unofficial {
			registered[e.Code] = e
		}
	}
	var out []string
	inRegistry := map[int]bool{}
	for _, r := range rows {
		inRegistry[r.Code] = true
		e, ok := registered[r.Code]
		if !ok {
			out = append(out, fmt.Sprintf("%d: new in the registry as %q (%s, %s); the catalogue has no registered entry", r.Code, r.Name, r.Registration, r.Reference))
			continue
		}
		if e.IANAName != r.Name {
			out = append(out, fmt.Sprintf("%d: renamed: the catalogue's iana_name is %q, the registry says %q", r.Code, e.IANAName, r.Name))
		}
		if want := registrationOf(r); e.Registration != want {
			out = append(out, fmt.Sprintf("%d: registration changed: the catalogue says %s, the registry %q (%s)", r.Code, e.Registration, r.Registration, want))
		}
		if doc := firstDocument(r.Reference); doc != "" && !strings.HasPrefix(e.Spec, doc) {
			out = append(out, fmt.Sprintf("%d: reference changed: the registry cites %q, the catalogue's spec is %q", r.Code, r.Reference, e.Spec))
		}
	}
	var gone []int
	for c := range registered {
		if !inRegistry[c] {
			gone = append(gone, c)
		}
	}
	slices.Sort(gone)
	for _, c := range gone {
		out = append(out, fmt.Sprintf("%d: gone from the registry; the catalogue still marks it %s", c, registered[c].Registration))
	}
	return out
}

// firstDocument is the first document a registry reference names: "RFC
// 9110" of "RFC 9110, Section 15.5.14", "RFC 2774" of "RFC 2774; Status
// change …".
func firstDocument(ref string) string {
	if i := strings.IndexAny(ref, ",;"); i >= 0 {
		ref = ref[:i]
	}
	return strings.TrimSpace(ref)
}
