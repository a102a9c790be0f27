package server

import (
	"context"
	"testing"

	"github.com/chromedp/chromedp"
)

// phoneViewport emulates a phone screen w CSS pixels wide.
func phoneViewport(w int64) chromedp.Action[chromedp.Void] {
	return chromedp.EmulateViewport(w, 844, chromedp.EmulateScale(2), chromedp.EmulateMobile)
}

// openPage loads path and waits for its h1.
func openPage(t *testing.T, ctx context.Context, url string) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Navigate(url), chromedp.WaitVisible(chromedp.CSS("h1"))); err != nil {
		t.Fatalf("opening %s: %v", url, err)
	}
}

// evalJS runs a JavaScript expression and returns its value.
func evalJS[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js))
	if err != nil {
		t.Fatalf("%s: %v", js, err)
	}
	return v
}

// TestBrowserReflow loads the reading pages at 320 CSS pixels (WCAG 1.4.10):
// none scrolls sideways. At 390 the tables of the guide and of the header
// rules are stacked cards as wide as the text, and the guide's height is
// logged.
func TestBrowserReflow(t *testing.T) {
	ctx := newBrowser(t, true)
	srv := newTestServer(t)
	if err := chromedp.Do(ctx, phoneViewport(320)); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"/404", "/416", "/499", "/guide", "/headers", "/headers/retry-after"} {
		openPage(t, ctx, srv.URL+p)
		if w := evalJS[int64](t, ctx, `document.documentElement.scrollWidth`); w > 320 {
			wide := evalJS[string](t, ctx, `[...document.querySelectorAll("body *")].filter(e => e.getBoundingClientRect().right > 320.5).slice(0, 5).map(e => e.tagName + "." + e.className + " " + (e.textContent || "").slice(0, 40)).join("; ")`)
			t.Errorf("%s is %d px wide at 320 px: it scrolls sideways (%s)", p, w, wide)
		}
	}
	if err := chromedp.Do(ctx, phoneViewport(390)); err != nil {
		t.Fatal(err)
	}
	openPage(t, ctx, srv.URL+"/guide")
	// A card: the Why cell takes the width of its row.
	ratio := evalJS[float64](t, ctx, `(() => { const td = document.querySelector("table.guide td[data-label=Why]"); return td.getBoundingClientRect().width / td.closest("tr").getBoundingClientRect().width; })()`)
	if ratio < 0.8 {
		t.Errorf("on a phone the guide's Why cell is %.0f%% of its row, want a stacked card", ratio*100)
	}
	t.Logf("the guide is %d px tall at 390 px", evalJS[int64](t, ctx, `document.documentElement.scrollHeight`))
	saveScreenshot(t, ctx, "viewport-guide-phone.png")
	openPage(t, ctx, srv.URL+"/416")
	if d := evalJS[string](t, ctx, `getComputedStyle(document.querySelector("table.headers tr")).display`); d != "block" {
		t.Errorf("on a phone the header rules are laid out as %q, want stacked cards (block)", d)
	}
}

// TestBrowserTOC checks the table of contents: beside the text and sticky
// on a desktop, collapsed above the text on a phone, and the jump box of a
// number with several meanings.
func TestBrowserTOC(t *testing.T) {
	ctx := newBrowser(t, true)
	srv := newTestServer(t)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1366, 900)); err != nil {
		t.Fatal(err)
	}
	openPage(t, ctx, srv.URL+"/404")
	shown := evalJS[bool](t, ctx, `document.querySelector(".toc a[href='#headers']").checkVisibility()`)
	if !shown {
		t.Fatal("on a desktop the table of contents is not shown")
	}
	if !evalJS[bool](t, ctx, `document.querySelector(".toc details").open`) {
		t.Error("on a desktop the table of contents is shown but not open (assistive technology hears it collapsed)")
	}
	beside := evalJS[bool](t, ctx, `document.querySelector(".toc").getBoundingClientRect().left >= document.querySelector(".reading > .text").getBoundingClientRect().right`)
	if !beside {
		t.Error("on a desktop the table of contents is not beside the text")
	}
	// Text column: about 70 characters a line.
	// The median, over the paragraphs of four lines or more, of their
	// characters per line.
	perLine := evalJS[float64](t, ctx, `(() => { const r = []; for (const p of document.querySelectorAll(".entry p")) { const lines = Math.round(p.getBoundingClientRect().height / parseFloat(getComputedStyle(p).lineHeight)); if (lines >= 4) r.push(p.textContent.length / lines); } r.sort((a, b) => a - b); return r[Math.floor(r.length / 2)]; })()`)
	if perLine < 55 || perLine > 82 {
		t.Errorf("lines of about %.0f characters, want about 70", perLine)
	}
	t.Logf("about %.0f characters a line", perLine)
	saveScreenshot(t, ctx, "viewport-404-desktop.png")
	// Sticky: after scrolling far down it is still at the top of the screen.
	evalJS[bool](t, ctx, `window.scrollTo(0, document.documentElement.scrollHeight / 2), true`)
	top := evalJS[float64](t, ctx, `document.querySelector(".toc").getBoundingClientRect().top`)
	if top < 0 || top > 40 {
		t.Errorf("after scrolling the table of contents is at %.0f px from the top, want it to stick near 0", top)
	}
	// A link of the table of contents lands on its section.
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(".toc a[href='#specifications']"))); err != nil {
		t.Fatal(err)
	}
	if y := evalJS[float64](t, ctx, `document.getElementById("specifications").getBoundingClientRect().top`); y < 0 || y > 100 {
		t.Errorf("after following the link, #specifications is at %.0f px", y)
	}

	// On /499 the jump box leads to the second meaning.
	openPage(t, ctx, srv.URL+"/499")
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`.meanings a[href="#esri-arcgis"]`))); err != nil {
		t.Fatal(err)
	}
	if y := evalJS[float64](t, ctx, `document.getElementById("esri-arcgis").getBoundingClientRect().top`); y < 0 || y > 100 {
		t.Errorf("after the jump, Esri's meaning is at %.0f px", y)
	}

	// On a phone: collapsed above the text, opened by its summary.
	if err := chromedp.Do(ctx, phoneViewport(390)); err != nil {
		t.Fatal(err)
	}
	openPage(t, ctx, srv.URL+"/404")
	if evalJS[bool](t, ctx, `document.querySelector(".toc a[href='#headers']").checkVisibility() || document.querySelector(".toc details").open`) {
		t.Error("on a phone the table of contents is open; want it collapsed")
	}
	above := evalJS[bool](t, ctx, `document.querySelector(".toc summary").getBoundingClientRect().bottom <= document.querySelector(".entry .summary").getBoundingClientRect().top`)
	if !above {
		t.Error("on a phone the table of contents is not above the text")
	}
	saveScreenshot(t, ctx, "viewport-404-phone.png")
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(".toc summary"))); err != nil {
		t.Fatal(err)
	}
	if !evalJS[bool](t, ctx, `document.querySelector(".toc a[href='#headers']").checkVisibility()`) {
		t.Error("on a phone the summary does not open the table of contents")
	}
}
