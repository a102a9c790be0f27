package server

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// chromiumPath is Debian's chromium, which CI installs.
const chromiumPath = "/usr/bin/chromium"

// newBrowser starts headless Chromium, or skips the test when it is not
// installed, unless $CI is set: there its absence is a failure.
func newBrowser(t *testing.T, js bool) context.Context {
	t.Helper()
	if _, err := exec.LookPath(chromiumPath); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("CI needs Chromium at %s: %v", chromiumPath, err)
		}
		t.Skipf("Chromium is not installed at %s", chromiumPath)
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromiumPath),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 1000),
	}
	if !js {
		opts = append(opts, chromedp.Flag("blink-settings", "scriptEnabled=false"))
	}
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelB := chromedp.NewContext(actx)
	ctx, cancelC := context.WithTimeout(ctx, 60*time.Second)
	t.Cleanup(func() { cancelC(); cancelB(); cancelA() })
	return ctx
}

// screenshotDir is $HTTPSTATUS_SCREENSHOT_DIR, or a temporary directory.
func screenshotDir(t *testing.T) string {
	t.Helper()
	if d := os.Getenv("HTTPSTATUS_SCREENSHOT_DIR"); d != "" {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		return d
	}
	return t.TempDir()
}

// saveScreenshot saves the whole page as a PNG, or only the viewport when
// the name starts with "viewport-".
func saveScreenshot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	shot := chromedp.FullScreenshot(100)
	if strings.HasPrefix(name, "viewport-") {
		shot = chromedp.CaptureScreenshot()
	}
	png, err := chromedp.Run(ctx, shot)
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	p := filepath.Join(screenshotDir(t), name)
	if err := os.WriteFile(p, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s", p)
}

// TestBrowserSearchSignal pastes an identifier into the home page's box: the
// live result names the signal that matched it.
func TestBrowserSearchSignal(t *testing.T) {
	ctx := newBrowser(t, true)
	srv := newTestServer(t)
	err := chromedp.Do(ctx,
		chromedp.Navigate(srv.URL+"/"),
		chromedp.WaitVisible(chromedp.ID("q")),
		chromedp.SendKeys(chromedp.ID("q"), "http.StatusTeapot"),
		// The answers to shorter prefixes may show first: wait for the
		// answer to the whole identifier, or time out and report below.
		chromedp.Poll[chromedp.Void](`(() => { const a = document.querySelector("#live-results li:first-child a"); return !!a && a.querySelector(".matched") !== null && a.textContent.trim().startsWith("418"); })()`, chromedp.WithPollingTimeout(10*time.Second)),
	)
	if err != nil {
		t.Fatalf("searching: %v", err)
	}
	first, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("#live-results li:first-child a")))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(strings.TrimSpace(first), "418") || !strings.Contains(first, "http.StatusTeapot") {
		t.Errorf("the first live result is %q, want 418 matched by http.StatusTeapot", first)
	}
	saveScreenshot(t, ctx, "search-signal.png")
}

// TestBrowserSearch types "rate limit" into the home page's box, waits for
// the live results, follows the first (429) and checks its page.
func TestBrowserSearch(t *testing.T) {
	ctx := newBrowser(t, true)
	srv := newTestServer(t)

	err := chromedp.Do(ctx,
		chromedp.Navigate(srv.URL+"/"),
		chromedp.WaitVisible(chromedp.ID("q")),
	)
	if err != nil {
		t.Fatalf("opening /: %v", err)
	}
	focused, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.activeElement !== null && document.activeElement.id === "q"`))
	if err != nil {
		t.Fatal(err)
	}
	if !focused {
		t.Error("the search box does not have focus on /")
	}
	err = chromedp.Do(ctx,
		chromedp.SendKeys(chromedp.ID("q"), "rate limit"),
		chromedp.WaitVisible(chromedp.CSS("#live-results li a")),
	)
	if err != nil {
		t.Fatalf("searching: %v", err)
	}
	first, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("#live-results li:first-child a")))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(strings.TrimSpace(first), "429") {
		t.Errorf("the first live result is %q, want 429", first)
	}
	saveScreenshot(t, ctx, "search-live.png")

	err = chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS("#live-results li:first-child a")),
		chromedp.WaitVisible(chromedp.CSS("table.headers")),
	)
	if err != nil {
		t.Fatalf("opening the result: %v", err)
	}
	h1, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("h1")))
	if err != nil {
		t.Fatal(err)
	}
	headers, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("table.headers")))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(h1, "429") {
		t.Errorf("h1 %q, want 429", h1)
	}
	if !strings.Contains(headers, "Retry-After") {
		t.Errorf("the header table lacks Retry-After: %q", headers)
	}
	copyShown, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelector("button.copy:not([hidden])") !== null`))
	if err != nil {
		t.Fatal(err)
	}
	if !copyShown {
		t.Error("no copy button is shown")
	}
	saveScreenshot(t, ctx, "code-429.png")

	// "/" focuses the search box from anywhere on the page.
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.activeElement.blur(), true`)); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.KeyEvent("/")); err != nil {
		t.Fatal(err)
	}
	active, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.activeElement ? document.activeElement.id : ""`))
	if err != nil {
		t.Fatal(err)
	}
	if active != "q" {
		t.Errorf(`after "/" the focus is on %q, want the search box`, active)
	}
}

// TestBrowserNoJS submits the search form with JavaScript off.
func TestBrowserNoJS(t *testing.T) {
	ctx := newBrowser(t, false)
	srv := newTestServer(t)
	err := chromedp.Do(ctx,
		chromedp.Navigate(srv.URL+"/"),
		chromedp.WaitVisible(chromedp.ID("q")),
		chromedp.SendKeys(chromedp.ID("q"), "rate limit"),
		chromedp.Submit(chromedp.ID("q")),
		chromedp.WaitVisible(chromedp.CSS("#results li a")),
	)
	if err != nil {
		t.Fatalf("searching without JavaScript: %v", err)
	}
	loc, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		t.Fatal(err)
	}
	first, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("#results li:first-child a")))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(loc, "/search?q=rate+limit") {
		t.Errorf("the form went to %s", loc)
	}
	if !strings.HasPrefix(strings.TrimSpace(first), "429") {
		t.Errorf("the first result is %q, want 429", first)
	}
	live, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`!document.getElementById("live-results").hidden`))
	if err != nil {
		t.Fatal(err)
	}
	if live {
		t.Error("the live results list shows without JavaScript")
	}
	saveScreenshot(t, ctx, "search-nojs.png")
}

// darkMode is an action that makes the tab prefer a dark colour scheme.
func darkMode(ctx context.Context, t *chromedp.Target) (chromedp.Void, error) {
	_, err := cdp.Call(ctx, t, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
		Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: "dark"}},
	})
	return chromedp.Void{}, err
}

// TestBrowserDark takes screenshots of /404 in dark mode, and of / on a
// phone-sized screen.
func TestBrowserDark(t *testing.T) {
	ctx := newBrowser(t, true)
	srv := newTestServer(t)
	err := chromedp.Do(ctx,
		darkMode,
		chromedp.Navigate(srv.URL+"/404"),
		chromedp.WaitVisible(chromedp.CSS("h1")),
	)
	if err != nil {
		t.Fatal(err)
	}
	bg, err := chromedp.Run(ctx, chromedp.Evaluate[string](`getComputedStyle(document.body).backgroundColor`))
	if err != nil {
		t.Fatal(err)
	}
	if bg != "rgb(18, 20, 23)" {
		t.Errorf("dark background %q, want rgb(18, 20, 23)", bg)
	}
	saveScreenshot(t, ctx, "code-404-dark.png")

	err = chromedp.Do(ctx,
		chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(2), chromedp.EmulateMobile),
		chromedp.Navigate(srv.URL+"/"),
		chromedp.WaitVisible(chromedp.CSS("h1")),
	)
	if err != nil {
		t.Fatal(err)
	}
	wide, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.documentElement.scrollWidth > window.innerWidth + 1`))
	if err != nil {
		t.Fatal(err)
	}
	if wide {
		t.Error("the home page scrolls sideways on a phone")
	}
	saveScreenshot(t, ctx, "viewport-home-phone-dark.png")
}
