package cli

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestExportPagesHealthcheckUsage(t *testing.T) {
	full := t.TempDir()
	if err := os.WriteFile(filepath.Join(full, "x"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	afile := filepath.Join(t.TempDir(), "a-file")
	if err := os.WriteFile(afile, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name   string
		args   []string
		code   int
		stderr string
	}{
		{"export/no-dir", []string{"export"}, 2, "export takes one directory"},
		{"export/bad-base", []string{"export", t.TempDir(), "--no-search", "--base-url", "ftp://x"}, 2, "--base-url"},
		{"export/not-empty", []string{"export", full, "--no-search"}, ExitUsage, "not empty"},
		{"pages/unwritable", []string{"pages", afile}, ExitOutput, "pages:"},
		{"pages/no-dir", []string{"pages"}, 2, "pages takes one directory"},
		{"pages/bad-server", []string{"pages", t.TempDir(), "--server", "iis"}, 2, "--server must be one of nginx, apache"},
		{"pages/bad-ref", []string{"pages", t.TempDir(), "--reference-url", "example.org"}, 2, "--reference-url"},
		{"healthcheck/bad-addr", []string{"healthcheck", "--addr", "nowhere"}, 2, "--addr must be host:port"},
		{"healthcheck/down", []string{"healthcheck", "--addr", "127.0.0.1:1"}, 1, "healthcheck:"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, _, stderr := run(t, nil, tc.args...)
			if code != tc.code || !strings.Contains(stderr, tc.stderr) {
				t.Errorf("exit %d, stderr %q; want %d and %q", code, stderr, tc.code, tc.stderr)
			}
		})
	}
}

func TestExportNoSearch(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	code, stdout, stderr := run(t, nil, "export", dir, "--no-search")
	if code != 0 || !strings.Contains(stdout, "pages)") || stderr != "" {
		t.Fatalf("exit %d\n%s%s", code, stdout, stderr)
	}
	for _, f := range []string{"index.html", "404/index.html", "api/v1/codes.json", "llms.txt", "404.html"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Error(err)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "static", "search.wasm")); err == nil {
		t.Error("--no-search wrote search.wasm")
	}
}

func TestPagesServer(t *testing.T) {
	dir := t.TempDir()
	code, stdout, stderr := run(t, nil, "pages", dir, "--server", "nginx")
	if code != 0 || !strings.Contains(stdout, "error_page 404 /.httpstatus-errors/404.$httpstatus_error_ext;") ||
		!strings.Contains(stdout, "alias "+dir+"/;") || !strings.Contains(stderr, "error pages to") {
		t.Fatalf("exit %d\n%s\n%s", code, stdout, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "503.html")); err != nil {
		t.Error(err)
	}
}

func TestHealthcheck(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/healthz" {
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	addr := strings.TrimPrefix(srv.URL, "http://")
	code, stdout, _ := run(t, map[string]string{"HTTPSTATUS_ADDR": addr}, "healthcheck")
	if code != 0 || stdout != "ok\n" {
		t.Errorf("healthcheck of %s: exit %d, %q", addr, code, stdout)
	}
	// A wildcard address is asked on loopback.
	port := addr[strings.LastIndex(addr, ":")+1:]
	if code, _, stderr := run(t, nil, "healthcheck", "--addr", "0.0.0.0:"+port); code != 0 {
		t.Errorf("healthcheck of 0.0.0.0:%s: exit %d, %s", port, code, stderr)
	}
}

func TestMan(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "man1")
	code, stdout, stderr := run(t, nil, "man", dir)
	if code != 0 || !strings.Contains(stdout, "wrote the manual pages") {
		t.Fatalf("exit %d\n%s%s", code, stdout, stderr)
	}
	for name, want := range map[string]string{
		"httpstatus.1":        `.TH "HTTPSTATUS" "1"`,
		"httpstatus-serve.1":  `\fB--base-url\fP`,
		"httpstatus-export.1": "export DIR",
		"httpstatus-pages.1":  "nginx",
	} {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Error(err)
			continue
		}
		if !strings.Contains(string(b), want) {
			t.Errorf("%s lacks %q", name, want)
		}
	}
	if code, _, _ := run(t, nil, "man"); code != 2 {
		t.Errorf("man without a directory: exit %d, want 2", code)
	}
}
