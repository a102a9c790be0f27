package export

import (
	"bufio"
	"context"
	"encoding/json"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/httpstatus/httpstatus/internal/server"
)

// chromiumPath is Debian's chromium, which CI installs (as in the server's
// browser tests).
const chromiumPath = "/usr/bin/chromium"

// needChromium skips the test when Chromium is missing, but in CI, which
// must have it.
func needChromium(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath(chromiumPath); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("CI needs Chromium at %s: %v", chromiumPath, err)
		}
		t.Skipf("Chromium is not installed at %s", chromiumPath)
	}
}

// newBrowser starts a headless Chromium whose every step must end within
// budget of its start.
func newBrowser(t *testing.T, budget time.Duration) context.Context {
	t.Helper()
	needChromium(t)
	actx, cancelA := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(chromiumPath), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck, chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("disable-background-networking", true))
	ctx, cancelB := chromedp.NewContext(actx)
	ctx, cancelC := context.WithTimeout(ctx, budget)
	t.Cleanup(func() { cancelC(); cancelB(); cancelA() })
	return ctx
}

// queries reads the queries of a judged query set (query, tab, codes).
func queries(t *testing.T, name string) []string {
	t.Helper()
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		q, _, _ := strings.Cut(line, "\t")
		out = append(out, q)
	}
	return out
}

// TestBrowserExportSearch exports the site with its WebAssembly search to a
// sub-path, serves it with Python's http.server, and in Chromium runs the
// export's search over the query sets: every ranking is the server's
// /api/v1/search answer. Then it types into the box and follows a result.
func TestBrowserExportSearch(t *testing.T) {
	needChromium(t)
	if testing.Short() {
		t.Skip("builds the WebAssembly search")
	}
	mod, err := FindModule("", ".")
	if err != nil {
		t.Fatal(err)
	}
	var qs []string
	sets, _ := filepath.Glob(filepath.Join(mod, "testdata", "search-*.tsv"))
	for _, set := range sets {
		qs = append(qs, queries(t, set)...)
	}
	if len(qs) < 50 {
		t.Fatalf("only %d queries in %v", len(qs), sets)
	}
	// The browser's budget grows with the query sets: a minute for the
	// export and its pages, and 20 ms for each query the WebAssembly search
	// answers.
	ctx := newBrowser(t, time.Minute+time.Duration(len(qs))*20*time.Millisecond)
	top := t.TempDir()
	start := time.Now()
	rep, err := Export(Options{Dir: filepath.Join(top, "http"), BaseURL: "https://example.org/http/", Search: &Search{ModuleDir: mod}})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("export with search: %s, search.wasm %d bytes", time.Since(start).Round(time.Millisecond), rep.WASM)
	root := staticHost(t, top) + "/http/"

	arg, _ := json.Marshal(qs)
	var got []string
	err = chromedp.Do(ctx,
		chromedp.Navigate(root),
		chromedp.WaitVisible(chromedp.ID("q")),
	)
	if err != nil {
		t.Fatal(err)
	}
	searched := time.Now()
	got, err = chromedp.Run(ctx, chromedp.Evaluate[[]string](
		`Promise.all(`+string(arg)+`.map(q => window.httpstatusSearch(q, 10).then(r => JSON.stringify(r))))`,
		chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("running the export's search: %v", err)
	}
	t.Logf("the export's search answered %d queries in %s", len(qs), time.Since(searched).Round(time.Millisecond))
	h, err := server.New(server.Config{})
	if err != nil {
		t.Fatal(err)
	}
	differ := 0
	for i, q := range qs {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", "/api/v1/search?limit=10&q="+url.QueryEscape(q), nil))
		var want, have any
		if err := json.Unmarshal(rec.Body.Bytes(), &want); err != nil {
			t.Fatalf("%q: the server answered %d %s", q, rec.Code, rec.Body)
		}
		if err := json.Unmarshal([]byte(got[i]), &have); err != nil {
			t.Fatalf("%q: the export answered %q", q, got[i])
		}
		if !reflect.DeepEqual(want, have) {
			differ++
			if differ <= 5 {
				t.Errorf("%q: the export's results differ from the server's", q)
			}
		}
	}
	t.Logf("%d queries from %d sets: %d differ", len(qs), len(sets), differ)

	// The box: live results from the WebAssembly search, its options leading
	// into the export.
	var href string
	err = chromedp.Do(ctx,
		chromedp.SendKeys(chromedp.ID("q"), "rate limit"),
		chromedp.WaitVisible(chromedp.CSS("#live-results [role=option]")),
	)
	if err != nil {
		t.Fatal(err)
	}
	href, err = chromedp.Run(ctx, chromedp.Evaluate[string](`new URL(document.querySelector("#live-results [role=option]").dataset.href, location.href).href`))
	if err != nil {
		t.Fatal(err)
	}
	if href != root+"429/" {
		t.Errorf("the first live result links to %s, want %s429/", href, root)
	}
	var h1 string
	err = chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#live-results [role=option]")), chromedp.WaitVisible(chromedp.CSS("h1")))
	if err == nil {
		h1, err = chromedp.Run(ctx, chromedp.Text(chromedp.CSS("h1")))
	}
	if err != nil || !strings.Contains(h1, "429") {
		t.Errorf("following the result: %q, %v", h1, err)
	}
}
