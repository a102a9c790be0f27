package httpsyntax

import "testing"

func TestIsToken(t *testing.T) {
	for s, want := range map[string]bool{
		"gzip": true, "X-Custom_1": true, "!#$%&'*+-.^_`|~": true,
		"": false, "a b": false, "a,b": false, `"q"`: false, "a/b": false, "é": false, "a\x00": false,
	} {
		if got := IsToken(s); got != want {
			t.Errorf("IsToken(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestHasToken(t *testing.T) {
	vs := []string{"keep-alive, Upgrade", " close "}
	for tok, want := range map[string]bool{"upgrade": true, "CLOSE": true, "keep-alive": true, "up": false, "": false} {
		if got := HasToken(vs, tok); got != want {
			t.Errorf("HasToken(%q) = %v, want %v", tok, got, want)
		}
	}
	if HasToken(nil, "x") {
		t.Error("HasToken(nil) found a token")
	}
}

func TestAlnumAnd(t *testing.T) {
	set := AlnumAnd("-/")
	n := 0
	for c := range 256 {
		if set[c] {
			n++
		}
	}
	if n != 26+26+10+2 {
		t.Errorf("AlnumAnd(%q) holds %d bytes, want 64", "-/", n)
	}
	for _, c := range []byte("azAZ09-/") {
		if !set[c] {
			t.Errorf("AlnumAnd(%q) lacks %q", "-/", c)
		}
	}
	for _, c := range []byte(" _.:\x00\x7f\xc3") {
		if set[c] {
			t.Errorf("AlnumAnd(%q) holds %q", "-/", c)
		}
	}
}
