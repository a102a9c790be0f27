package server

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// at waits until the page is path with a heading that holds want.
func at(t *testing.T, ctx context.Context, path, want string) {
	t.Helper()
	expr := `location.pathname === ` + jsString(path) + ` && document.querySelector("h1") !== null && document.querySelector("h1").textContent.includes(` + jsString(want) + `)`
	// Evaluate again until it holds: a page being replaced has no context
	// to evaluate in for a moment.
	deadline := time.Now().Add(15 * time.Second)
	for time.Now().Before(deadline) {
		if ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](expr)); err == nil && ok {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	loc, _ := chromedp.Run(ctx, chromedp.Location())
	t.Fatalf("waiting for %s with %q: at %s", path, want, loc)
}

func jsString(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}

// TestBrowserChooseKeyboard walks the guide with the keyboard only: a
// number key, Tab and Enter on an answer, b for Back, numbers to a code.
func TestBrowserChooseKeyboard(t *testing.T) {
	ctx := newBrowser(t, true)
	srv := newTestServer(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/choose")); err != nil {
		t.Fatal(err)
	}
	at(t, ctx, "/choose", "How did the request turn out?")
	if err := chromedp.Do(ctx, chromedp.KeyEvent("3")); err != nil {
		t.Fatal(err)
	}
	at(t, ctx, "/choose/client", "What stops the request?")
	// The heading has the focus after each step, so Tab reaches the first answer.
	active, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.activeElement.tagName`))
	if err != nil || active != "H1" {
		t.Errorf("focus after a step is on %q (%v), want the heading", active, err)
	}
	if err := chromedp.Do(ctx, chromedp.KeyEvent("\t"), chromedp.KeyEvent("\r")); err != nil {
		t.Fatal(err)
	}
	at(t, ctx, "/choose/client-who", "What is wrong with the caller?")
	if err := chromedp.Do(ctx, chromedp.KeyEvent("b")); err != nil {
		t.Fatal(err)
	}
	at(t, ctx, "/choose/client", "What stops the request?")
	if err := chromedp.Do(ctx, chromedp.KeyEvent("4")); err != nil {
		t.Fatal(err)
	}
	at(t, ctx, "/choose/client-state", "What does the request run into?")
	if err := chromedp.Do(ctx, chromedp.KeyEvent("3")); err != nil {
		t.Fatal(err)
	}
	at(t, ctx, "/choose/client-conditions", "What happened with the condition?")
	if err := chromedp.Do(ctx, chromedp.KeyEvent("2")); err != nil {
		t.Fatal(err)
	}
	at(t, ctx, "/choose/client-conditions/missing", "428")
	saveScreenshot(t, ctx, "choose-result.png")
	// The browser's own Back returns to the question before.
	if err := chromedp.Do(ctx, chromedp.NavigateBack()); err != nil {
		t.Fatal(err)
	}
	at(t, ctx, "/choose/client-conditions", "What happened with the condition?")
}

// TestBrowserChooseNoJS walks the guide with JavaScript off: answers are
// links, Back is a link, and the finished path is a page of its own.
func TestBrowserChooseNoJS(t *testing.T) {
	ctx := newBrowser(t, false)
	srv := newTestServer(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/choose")); err != nil {
		t.Fatal(err)
	}
	at(t, ctx, "/choose", "How did the request turn out?")
	for _, step := range []struct{ href, path, heading string }{
		{"/choose/server", "/choose/server", "What failed?"},
		{"/choose/server-upstream", "/choose/server-upstream", "What did the upstream server do?"},
		{"/choose/server", "/choose/server", "What failed?"}, // Back
		{"/choose/server-upstream", "/choose/server-upstream", "What did the upstream server do?"},
		{"/choose/server-upstream/timeout", "/choose/server-upstream/timeout", "504"},
	} {
		if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`main a[href="`+step.href+`"]`))); err != nil {
			t.Fatalf("clicking %s: %v", step.href, err)
		}
		at(t, ctx, step.path, step.heading)
	}
	saveScreenshot(t, ctx, "choose-nojs.png")
	// The shared URL opens the same answer.
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/choose/server-upstream/timeout")); err != nil {
		t.Fatal(err)
	}
	at(t, ctx, "/choose/server-upstream/timeout", "Gateway Timeout")
}
