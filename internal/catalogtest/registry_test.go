package catalogtest

import (
	"strings"
	"testing"
)

// TestReadRegistry reads a good snapshot and names what is wrong with bad
// ones.
func TestReadRegistry(t *testing.T) {
	rows, err := ReadRegistry(strings.NewReader("code,name,reference,registration\n100,Continue,\"RFC 9110, Section 15.2.1\",permanent\n510,Not Extended (OBSOLETED),RFC 2774,permanent (obsoleted)\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 || rows[0] != (RegistryRow{100, "Continue", "RFC 9110, Section 15.2.1", "permanent"}) || registrationOf(rows[1]) != "obsoleted" {
		t.Errorf("rows %+v", rows)
	}
	for want, in := range map[string]string{
		"header":            "Value,Description,Reference\n100,Continue,RFC 9110\n",
		"not a status code": "code,name,reference,registration\n104-199,Unassigned,,\n",
		"appears twice":     "code,name,reference,registration\n100,Continue,RFC 9110,permanent\n100,Continue,RFC 9110,permanent\n",
		"needs a name":      "code,name,reference,registration\n100,,RFC 9110,permanent\n",
		"no rows":           "code,name,reference,registration\n",
		"wrong number":      "code,name,reference,registration\n100,Continue\n",
		"longer than":       "code,name,reference,registration\n100," + strings.Repeat("x", 2000) + ",RFC 9110,permanent\n",
		"larger than":       "code,name,reference,registration\n" + strings.Repeat("100,Continue,RFC 9110,permanent\n", 40000),
	} {
		if _, err := ReadRegistry(strings.NewReader(in)); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: got %v", want, err)
		}
	}
}

// FuzzReadRegistry: any input gives rows or an error, never a panic, and
// the rows it gives are codes from 100 to 599 with a name.
func FuzzReadRegistry(f *testing.F) {
	f.Add("code,name,reference,registration\n100,Continue,\"RFC 9110, Section 15.2.1\",permanent\n")
	f.Add("code,name,reference,registration\n104,Upload Resumption Supported,draft-ietf-httpbis-resumable-upload-05,temporary (registered 2024-11-13)\n")
	f.Add("Value,Description,Reference\n104-199,Unassigned,\n")
	f.Fuzz(func(t *testing.T, in string) {
		rows, err := ReadRegistry(strings.NewReader(in))
		if err != nil {
			return
		}
		for _, r := range rows {
			if r.Code < 100 || r.Code > 599 || r.Name == "" {
				t.Fatalf("row %+v", r)
			}
		}
	})
}
