package export

import (
	"bufio"
	"context"
	"encoding/xml"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/httpstatus/httpstatus/internal/server"
)

func TestRelative(t *testing.T) {
	for _, tc := range []struct{ from, to, want string }{
		{"/", "/guide/", "guide/"},
		{"/", "/", "./"},
		{"/404/", "/", "../"},
		{"/404/", "/guide/", "../guide/"},
		{"/404/", "/404/", "./"},
		{"/choose/a/b/", "/choose/a/", "../"},
		{"/choose/a/b/", "/static/app.js", "../../../static/app.js"},
		{"/llms.txt", "/api/v1/codes.json", "api/v1/codes.json"},
		{"/api/v1/x/", "/api/v1/codes.json", "../codes.json"},
	} {
		t.Run(tc.from+"→"+tc.to, func(t *testing.T) {
			if got := relative(tc.from, tc.to); got != tc.want {
				t.Errorf("relative(%q, %q) = %q, want %q", tc.from, tc.to, got, tc.want)
			}
		})
	}
}

func TestExportURL(t *testing.T) {
	for _, tc := range []struct{ path, ctype, url, file string }{
		{"/", "text/html", "/", "index.html"},
		{"/404", "text/html", "/404/", "404/index.html"},
		{"/choose/a/b", "text/html", "/choose/a/b/", "choose/a/b/index.html"},
		{"/api/v1/codes", "application/json", "/api/v1/codes.json", "api/v1/codes.json"},
		{"/api/v1/openapi.json", "application/json", "/api/v1/openapi.json", "api/v1/openapi.json"},
		{"/static/app.1234.js", "text/javascript", "/static/app.1234.js", "static/app.1234.js"},
		{"/llms.txt", "text/plain", "/llms.txt", "llms.txt"},
	} {
		u := exportURL(tc.path, tc.ctype)
		if u != tc.url || fileName(u) != tc.file {
			t.Errorf("%s (%s): %q %q, want %q %q", tc.path, tc.ctype, u, fileName(u), tc.url, tc.file)
		}
	}
}

// TestExportRefusesNonEmpty: an export never writes among other files.
func TestExportRefusesNonEmpty(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "keep.txt"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Export(Options{Dir: dir}); err == nil || !strings.Contains(err.Error(), "not empty") {
		t.Fatalf("Export into a non-empty directory: %v", err)
	}
	if _, err := Export(Options{Dir: t.TempDir(), BaseURL: "ftp://x/"}); err == nil {
		t.Fatal("Export took an ftp base URL")
	}
}

// staticHost serves dir with Python's http.server on a free loopback port
// until the test ends, and returns its URL.
func staticHost(t *testing.T, dir string) string {
	t.Helper()
	if _, err := exec.LookPath("python3"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("CI needs python3: %v", err)
		}
		t.Skip("python3 is not installed")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	cmd := exec.CommandContext(ctx, "python3", "-u", "-m", "http.server", "--bind", "127.0.0.1", "--directory", dir, "0")
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = io.Discard
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cancel(); cmd.Wait() }) //nolint:errcheck // killed on purpose
	port := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			if m := regexp.MustCompile(`port (\d+)`).FindStringSubmatch(sc.Text()); m != nil {
				port <- m[1]
				break
			}
		}
		io.Copy(io.Discard, out) //nolint:errcheck // drained until the server ends
	}()
	select {
	case p := <-port:
		return "http://127.0.0.1:" + p
	case <-time.After(20 * time.Second):
		t.Fatal("python3 -m http.server did not start in 20 s")
	}
	return ""
}

// serverPages returns the paths of the pages the server's sitemap lists.
func serverPages(t *testing.T) []string {
	t.Helper()
	h, err := server.New(server.Config{})
	if err != nil {
		t.Fatal(err)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "http://x.test/sitemap.xml", nil))
	var set struct {
		Locs []string `xml:"url>loc"`
	}
	if err := xml.Unmarshal(rec.Body.Bytes(), &set); err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, l := range set.Locs {
		out = append(out, strings.TrimPrefix(l, "http://x.test"))
	}
	return out
}

var linkRE = regexp.MustCompile(`(?:href|src|action)="([^"]*)"`)

// checkSite walks the export as a browser would, from root: every page,
// asset and document linked from a page under root answers 200 with a
// fitting type. It returns the pages it saw.
func checkSite(t *testing.T, root string) map[string]bool {
	t.Helper()
	client := &http.Client{Timeout: 10 * time.Second}
	seen := map[string]bool{root: true}
	queue := []string{root}
	pages := map[string]bool{}
	for len(queue) > 0 && len(seen) < 5000 {
		u := queue[0]
		queue = queue[1:]
		resp, err := client.Get(u)
		if err != nil {
			t.Fatalf("GET %s: %v", u, err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 {
			t.Errorf("GET %s: %d", u, resp.StatusCode)
			continue
		}
		ctype := resp.Header.Get("Content-Type")
		switch {
		case strings.HasSuffix(u, ".json") && !strings.Contains(ctype, "json"):
			t.Errorf("%s is served as %q", u, ctype)
		case strings.HasSuffix(u, ".css") && !strings.HasPrefix(ctype, "text/css"):
			t.Errorf("%s is served as %q", u, ctype)
		}
		if !strings.HasPrefix(ctype, "text/html") {
			continue
		}
		pages[resp.Request.URL.Path] = true
		for _, m := range linkRE.FindAllStringSubmatch(string(body), -1) {
			ref := strings.ReplaceAll(m[1], "&amp;", "&")
			if strings.HasPrefix(ref, "#") || strings.HasPrefix(ref, "mailto:") {
				continue
			}
			if strings.HasPrefix(ref, "/") && !strings.HasPrefix(ref, "//") {
				t.Errorf("%s has a root-relative link %q", u, ref)
				continue
			}
			next, err := resp.Request.URL.Parse(ref)
			if err != nil {
				t.Errorf("%s: bad link %q", u, ref)
				continue
			}
			next.Fragment = ""
			n := next.String()
			if !strings.HasPrefix(n, root) || seen[n] {
				continue
			}
			seen[n] = true
			queue = append(queue, n)
		}
	}
	return pages
}

// TestExportStaticHost exports the site and serves it with Python's
// http.server, from the root and from a sub-path: every link works, every
// page of the server's sitemap is there, and the JSON documents are the
// server's.
func TestExportStaticHost(t *testing.T) {
	want := serverPages(t)
	for _, tc := range []struct{ name, base, sub string }{
		{"root", "", ""},
		{"subpath", "https://example.org/http/", "http/"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			top := t.TempDir()
			dir := filepath.Join(top, tc.sub)
			rep, err := Export(Options{Dir: dir, BaseURL: tc.base})
			if err != nil {
				t.Fatal(err)
			}
			if len(rep.Unlinked) > 0 {
				t.Errorf("links the server does not answer: %v", rep.Unlinked)
			}
			t.Logf("%d files, %d pages, %d bytes", rep.Files, rep.Pages, rep.Bytes)
			host := staticHost(t, top)
			root := host + "/" + tc.sub
			pages := checkSite(t, root)
			for _, p := range want {
				if u := "/" + tc.sub + strings.TrimPrefix(exportURL(p, "text/html"), "/"); !pages[u] {
					t.Errorf("the export has no page %s (the server's %s) linked from the home page", u, p)
				}
			}
			for _, p := range []string{"api/v1/codes.json", "api/v1/codes/404.json", "api/v1/openapi.json", "api/v1/signals.json", "robots.txt", "llms.txt", "index.txt", "404.html", "needs-server/"} {
				resp, err := http.Get(root + p)
				if err != nil {
					t.Fatal(err)
				}
				resp.Body.Close()
				if resp.StatusCode != 200 {
					t.Errorf("%s: %d", p, resp.StatusCode)
				}
			}
			_, err = os.Stat(filepath.Join(dir, "sitemap.xml"))
			if hasSitemap := err == nil; hasSitemap != (tc.base != "") {
				t.Errorf("sitemap.xml written: %v, with base URL %q", hasSitemap, tc.base)
			}
			// The test endpoint's links lead to the page that says it needs the server.
			home, _ := os.ReadFile(filepath.Join(dir, "index.html"))
			if !strings.Contains(string(home), `href="needs-server/"`) {
				t.Error("the home page's link to the test endpoint does not lead to needs-server/")
			}
			// A JSON document is the server's, byte for byte.
			h, _ := server.New(server.Config{BaseURL: tc.base})
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest("GET", "/api/v1/codes/404", nil))
			got, _ := os.ReadFile(filepath.Join(dir, "api/v1/codes/404.json"))
			if string(got) != rec.Body.String() {
				t.Error("api/v1/codes/404.json differs from GET /api/v1/codes/404")
			}
			// The not-found page's links are rooted, as it is served at any depth.
			nf, _ := os.ReadFile(filepath.Join(dir, "404.html"))
			if !strings.Contains(string(nf), fmt.Sprintf(`href="/%sguide/"`, tc.sub)) {
				t.Errorf("404.html does not link to /%sguide/", tc.sub)
			}
			if tc.base != "" {
				llms, _ := os.ReadFile(filepath.Join(dir, "llms.txt"))
				if !strings.Contains(string(llms), "(https://example.org/http/api/v1/codes.json)") {
					t.Error("llms.txt does not link to the export's api/v1/codes.json")
				}
				index, _ := os.ReadFile(filepath.Join(dir, "index.txt"))
				if !strings.Contains(string(index), "(https://example.org/http/api/v1/codes/404.json)") {
					t.Error("index.txt does not link to the export's api/v1/codes/404.json")
				}
			}
		})
	}
}

// TestFindModule finds this module's root from a directory inside it.
func TestFindModule(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go command")
	}
	root, err := FindModule("", ".")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		t.Errorf("FindModule = %s, which has no go.mod", root)
	}
	if _, err := FindModule("", os.TempDir()); err == nil {
		t.Error("FindModule found the module outside it")
	}
}
