package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/httpstatus/httpstatus"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"httpstatus": func() {
			os.Exit(Main(context.Background(), os.Args[1:], os.Getenv, os.Stdin, os.Stdout, os.Stderr))
		},
	})
}

// TestScripts runs the black-box scenarios in testdata/script.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{Dir: "testdata/script"})
}

// run calls Main in-process with env as the environment.
func run(t *testing.T, env map[string]string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	getenv := func(k string) string { return env[k] }
	code = Main(context.Background(), args, getenv, strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

func TestMainExitCodes(t *testing.T) {
	tests := []struct {
		name     string
		args     []string
		code     int
		stdout   string // a substring, or "" for empty
		stderr   string // a substring, or "" for empty
		noStdout bool
	}{
		{name: "ok/404", args: []string{"404"}, stdout: "404 Not Found"},
		{name: "ok/several", args: []string{"404", "418"}, stdout: "I'm a teapot"},
		{name: "ok/vendor-meanings", args: []string{"499"}, stdout: "Client Closed Request"},
		{name: "ok/pattern-4xx", args: []string{"4xx"}, stdout: "429  Too Many Requests"},
		{name: "ok/pattern-41x", args: []string{"41x"}, stdout: "418  I'm a teapot"},
		{name: "ok/pattern-5x3", args: []string{"5x3"}, stdout: "503  Service Unavailable"},
		{name: "ok/pattern-digit", args: []string{"1"}, stdout: "100  Continue"},
		{name: "ok/bare-word-searches", args: []string{"teapot"}, stdout: "418"},
		{name: "ok/search", args: []string{"search", "rate", "limit"}, stdout: "429"},
		{name: "ok/list", args: []string{"list"}, stdout: "511  Network Authentication Required"},
		{name: "ok/list-class", args: []string{"list", "--class", "2xx"}, stdout: "226  IM Used"},
		{name: "ok/version", args: []string{"--version"}, stdout: "httpstatus "},
		{name: "ok/help", args: []string{"--help"}, stdout: "httpstatus search rate limit"},
		{name: "ok/completion", args: []string{"completion", "bash"}, stdout: "bash completion"},
		{name: "notfound/code", args: []string{"299"}, code: 1, stderr: "did you mean", noStdout: true},
		{name: "notfound/pattern", args: []string{"6xx"}, code: 1, stderr: "no code in the catalogue matches 6xx", noStdout: true},
		{name: "notfound/search", args: []string{"search", "qqqqzzzz"}, code: 1, stderr: "nothing in the catalogue matches", noStdout: true},
		{name: "notfound/suggestion", args: []string{"search", "taepto"}, code: 1, stderr: `did you mean "teapot"?`, noStdout: true},
		{name: "error/99999", args: []string{"99999"}, code: 2, stderr: "three digits", noStdout: true},
		{name: "error/limit-negative", args: []string{"--limit", "-1", "x"}, code: 2, stderr: "--limit must be at least 1", noStdout: true},
		{name: "error/search-limit-zero", args: []string{"search", "--limit", "0", "x"}, code: 2, stderr: "--limit", noStdout: true},
		{name: "error/limit-not-number", args: []string{"search", "--limit", "ten", "x"}, code: 2, stderr: "invalid argument", noStdout: true},
		{name: "error/unknown-flag", args: []string{"--frobnicate"}, code: 2, stderr: "unknown flag", noStdout: true},
		{name: "error/no-args", args: []string{}, code: 2, stderr: "name a code", noStdout: true},
		{name: "error/search-no-words", args: []string{"search"}, code: 2, stderr: "requires at least 1 arg", noStdout: true},
		{name: "error/list-both", args: []string{"list", "--all", "--unofficial"}, code: 2, stderr: "exclude each other", noStdout: true},
		{name: "error/list-bad-class", args: []string{"list", "--class", "teapots"}, code: 2, stderr: "--class", noStdout: true},
		{name: "error/color", args: []string{"404", "--color", "sometimes"}, code: 2, stderr: "--color", noStdout: true},
		{name: "error/bad-pattern", args: []string{"4x4x"}, code: 2, stderr: "three digits", noStdout: true},
		{name: "error/completion-shell", args: []string{"completion", "tcsh"}, code: 2, stderr: "tcsh", noStdout: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			code, out, errs := run(t, nil, tt.args...)
			if code != tt.code {
				t.Errorf("exit code %d, want %d (stderr %q)", code, tt.code, errs)
			}
			if !strings.Contains(out, tt.stdout) {
				t.Errorf("stdout lacks %q:\n%s", tt.stdout, out)
			}
			if tt.noStdout && out != "" {
				t.Errorf("stdout should be empty on failure, got:\n%s", out)
			}
			if tt.stderr != "" && !strings.Contains(errs, tt.stderr) {
				t.Errorf("stderr lacks %q: %q", tt.stderr, errs)
			}
			if tt.code == 2 && strings.Count(strings.TrimSpace(errs), "\n") > 0 {
				t.Errorf("a usage error is one line, got %q", errs)
			}
			if tt.code == 0 && errs != "" {
				t.Errorf("stderr should be empty on success, got %q", errs)
			}
		})
	}
}

// TestJSON checks that every --json output is an array of entries with the
// catalogue's field names.
func TestJSON(t *testing.T) {
	tests := []struct {
		name  string
		args  []string
		first int
		count int // 0: any
	}{
		{"lookup", []string{"404", "--json"}, 404, 1},
		{"lookup-several", []string{"--json", "499"}, 499, 2},
		{"pattern", []string{"--json", "5xx"}, 500, 0},
		{"search", []string{"search", "--json", "--limit", "5", "rate", "limit"}, 429, 5},
		{"bare-search", []string{"--json", "--limit", "2", "teapot"}, 418, 0},
		{"list-all", []string{"list", "--all", "--json"}, 0, len(httpstatus.All())},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			code, out, errs := run(t, nil, tt.args...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errs)
			}
			var entries []map[string]any
			if err := json.Unmarshal([]byte(out), &entries); err != nil {
				t.Fatalf("not a JSON array: %v\n%s", err, out)
			}
			if tt.count > 0 && len(entries) != tt.count {
				t.Errorf("%d entries, want %d", len(entries), tt.count)
			}
			if len(entries) == 0 {
				t.Fatal("no entries")
			}
			if c := int(entries[0]["code"].(float64)); tt.first != 0 && c != tt.first {
				t.Errorf("first code %d, want %d", c, tt.first)
			}
			for _, k := range []string{"code", "name", "iana_name", "class", "registration", "summary", "headers", "example", "constants", "related"} {
				if _, ok := entries[0][k]; !ok {
					t.Errorf("entry lacks %q", k)
				}
			}
		})
	}
	if _, out, _ := run(t, nil, "search", "--json", "--limit", "3", "zzqqzzqq", "xxyyxxyy"); out != "" {
		t.Errorf("a search that finds nothing printed %d bytes", len(out))
	}
}

func TestColor(t *testing.T) {
	tests := []struct {
		name string
		env  map[string]string
		args []string
		want bool
	}{
		{"pipe-default", nil, []string{"404"}, false},
		{"always", nil, []string{"--color=always", "404"}, true},
		{"no-color-beats-always", map[string]string{"NO_COLOR": "1"}, []string{"--color=always", "404"}, false},
		{"never", nil, []string{"--color=never", "404"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, out, _ := run(t, tt.env, tt.args...)
			if got := strings.Contains(out, "\x1b["); got != tt.want {
				t.Errorf("colour %v, want %v", got, tt.want)
			}
		})
	}
}

func TestWrapWidth(t *testing.T) {
	_, out, _ := run(t, map[string]string{"COLUMNS": "50"}, "404")
	for _, l := range strings.Split(out, "\n") {
		if n := len([]rune(l)); n > 50 && !strings.HasPrefix(strings.TrimSpace(l), ">") && !strings.HasPrefix(strings.TrimSpace(l), "<") && !strings.Contains(l, "https://") {
			t.Errorf("line of %d runes at COLUMNS=50: %q", n, l)
		}
	}
}

// TestGolden compares rendered output with the files in testdata/golden;
// go test -run TestGolden -update rewrites them.
func TestGolden(t *testing.T) {
	for name, args := range map[string][]string{
		"404.txt":            {"404"},
		"499.txt":            {"499"},
		"4xx.txt":            {"4xx"},
		"search.txt":         {"search", "too", "many", "requests"},
		"list.txt":           {"list", "--unofficial"},
		"pasted.txt":         {`2024/05/14 10:25:02 [error] 2231#2231: *901 connect() failed (111: Connection refused) while connecting to upstream, client: 10.0.3.7, server: _, request: "GET / HTTP/1.1", upstream: "http://127.0.0.1:3000/", host: "example.com"`},
		"503.txt":            {"503"},
		"choose-mermaid.txt": {"choose", "--format", "mermaid"},
		"choose-409.txt":     {"choose", "-a", "client-problem", "-a", "state", "-a", "conflict"},
		"vs-401-403.txt":     {"vs", "401", "403"},
	} {
		t.Run(name, func(t *testing.T) {
			_, out, _ := run(t, map[string]string{"COLUMNS": "100"}, args...)
			path := filepath.Join("testdata", "golden", name)
			if *update {
				if err := os.WriteFile(path, []byte(out), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -update)", err)
			}
			if string(want) != out {
				t.Errorf("output of httpstatus %s differs from %s (go test -run TestGolden -update after checking it)\n%s", strings.Join(args, " "), path, out)
			}
		})
	}
}

func TestCompleteCodes(t *testing.T) {
	got, _ := completeCodes(nil, nil, "41")
	if len(got) < 9 || !strings.HasPrefix(got[0], "410\t") {
		t.Errorf("completion of 41: %v", got)
	}
}

func FuzzArgs(f *testing.F) {
	for _, s := range []string{"404", "4xx", "5x3", "teapot", "99999", "--limit -1 x", "search rate limit", "list --class 4xx", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		args := strings.Fields(s)
		if len(args) > 0 && (args[0] == "serve" || args[0] == "completion" || args[0] == "__complete" || args[0] == "__completeNoDesc") {
			return // not a lookup: serve starts a server
		}
		var out, errb bytes.Buffer
		code := Main(context.Background(), args, func(string) string { return "" }, strings.NewReader(""), &out, &errb)
		if code < 0 || code > 2 {
			t.Fatalf("exit code %d for %q", code, s)
		}
		if code != 0 && errb.Len() == 0 {
			t.Fatalf("exit %d without a reason for %q", code, s)
		}
	})
}

// TestConstantVersions shows, under Constants, since when a current
// identifier holds and what became of the older ones.
func TestConstantVersions(t *testing.T) {
	_, out, _ := run(t, map[string]string{"COLUMNS": "200"}, "413")
	out = strings.Join(strings.Fields(out), " ") // as one line, whatever the wrapping
	for _, want := range []string{
		"Spring HttpStatus.CONTENT_TOO_LARGE (since Spring Framework 7.0) ",
		"Spring HttpStatus.PAYLOAD_TOO_LARGE — since Spring Framework 4.1, deprecated in 7.0, use HttpStatus.CONTENT_TOO_LARGE ",
		"Python HTTPStatus.REQUEST_ENTITY_TOO_LARGE — renamed in Python 3.13, still an alias of HTTPStatus.CONTENT_TOO_LARGE ",
		"Rails :payload_too_large — deprecated in Rack 3.1, use :content_too_large.",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("httpstatus 413 lacks %q:\n%s", want, out)
		}
	}
	// An entry whose only identifier was removed keeps the section.
	if _, out, _ := run(t, map[string]string{"COLUMNS": "200"}, "420"); !strings.Contains(out, "Spring   HttpStatus.METHOD_FAILURE — removed in Spring Framework 7.0\n") {
		t.Errorf("httpstatus 420 lacks the removed Spring constant:\n%s", out)
	}
}
