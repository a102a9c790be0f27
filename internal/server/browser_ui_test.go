package server

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// axePages is every page template the accessibility test runs axe-core on,
// one row each: a new template is one line here.
var axePages = []struct{ name, path string }{
	{"home", "/"},
	{"code", "/404"},
	{"code/auth", "/401"},
	{"code/vendor", "/499"},
	{"class", "/4xx"},
	{"guide", "/guide"},
	{"search", "/search?q=rate+limit"},
	{"search/empty", "/search"},
	{"notfound", "/nope"},
	{"notfound/code", "/777"},
	{"check", "/check"},
	{"choose", "/choose"},
	{"compare", "/compare/401-403"},
	{"headers", "/headers"},
	{"header", "/headers/retry-after"},
	{"retry", "/retry"},
}

// axeScript returns axe-core's source, which scripts/test installs with npm
// (test/browser). Without it the test is skipped, unless $CI is set.
func axeScript(t *testing.T) string {
	t.Helper()
	_, file, _, _ := runtime.Caller(0)
	p := filepath.Join(filepath.Dir(file), "..", "..", "test", "browser", "node_modules", "axe-core", "axe.min.js")
	b, err := os.ReadFile(p)
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("CI needs axe-core (npm ci --prefix test/browser): %v", err)
		}
		t.Skipf("axe-core is not installed: %v (run npm ci --prefix test/browser)", err)
	}
	return string(b)
}

// axeViolation is what the test reports of one axe-core violation.
type axeViolation struct {
	ID     string   `json:"id"`
	Impact string   `json:"impact"`
	Help   string   `json:"help"`
	Nodes  []string `json:"nodes"`
}

// runAxe injects axe-core into the page open in ctx and returns its
// violations (the default rules: WCAG 2.x A and AA, and best practices).
// With rules, only those rules run.
func runAxe(t *testing.T, ctx context.Context, script string, rules ...string) []axeViolation {
	t.Helper()
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](script+";true")); err != nil {
		t.Fatalf("injecting axe-core: %v", err)
	}
	opts := map[string]any{"resultTypes": []string{"violations"}}
	if len(rules) > 0 {
		opts["runOnly"] = map[string]any{"type": "rule", "values": rules}
	}
	o, _ := json.Marshal(opts)
	out, err := chromedp.Run(ctx, chromedp.Evaluate[string](`axe.run(document, `+string(o)+`).then(r => JSON.stringify(r.violations.map(v => ({
		id: v.id, impact: v.impact, help: v.help,
		nodes: v.nodes.slice(0, 5).map(n => n.target.join(" ") + ": " + (n.failureSummary || "").split("\n").slice(1).join(" ")),
	}))))`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("running axe-core: %v", err)
	}
	var vs []axeViolation
	if err := json.Unmarshal([]byte(out), &vs); err != nil {
		t.Fatalf("axe-core's answer %q: %v", out, err)
	}
	return vs
}

// darkRules are the axe-core rules that a dark colour scheme can change:
// the dark passes run only these, which keeps the test short.
var darkRules = []string{"color-contrast", "link-in-text-block"}

// TestBrowserAxe runs axe-core on every page template at phone and desktop
// size, light and dark (the colour rules), and wants no violation. At 320
// px wide no page may scroll sideways (WCAG 1.4.10).
func TestBrowserAxe(t *testing.T) {
	script := axeScript(t)
	srv := newTestServer(t)
	type screen struct {
		name          string
		width, height int64
		mobile, dark  bool
	}
	screens := []screen{
		{"desktop", 1366, 900, false, false},
		{"desktop-dark", 1366, 900, false, true},
		{"phone", 390, 844, true, false},
		{"phone-dark", 390, 844, true, true},
	}
	for _, sc := range screens {
		t.Run(sc.name, func(t *testing.T) {
			ctx := newBrowserFor(t, true, 3*time.Minute)
			opts := []chromedp.EmulateViewportOption{chromedp.EmulateScale(1)}
			if sc.mobile {
				opts = append(opts, chromedp.EmulateMobile)
			}
			steps := []chromedp.Action[chromedp.Void]{chromedp.EmulateViewport(sc.width, sc.height, opts...)}
			if sc.dark {
				steps = append(steps, darkMode)
			}
			if err := chromedp.Do(ctx, steps...); err != nil {
				t.Fatal(err)
			}
			for _, p := range axePages {
				if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+p.path), chromedp.WaitReady(chromedp.CSS("footer"))); err != nil {
					t.Fatalf("%s: %v", p.path, err)
				}
				var rules []string
				if sc.dark {
					rules = darkRules
				}
				for _, v := range runAxe(t, ctx, script, rules...) {
					t.Errorf("%s (%s) %s: %s [%s]\n\t%s", p.name, p.path, v.ID, v.Help, v.Impact, strings.Join(v.Nodes, "\n\t"))
				}
			}
		})
	}
	// The states that scripts add: the suggestions open, a try-it answer.
	t.Run("states", func(t *testing.T) {
		ctx := newBrowser(t, true)
		err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/"), chromedp.WaitVisible(chromedp.ID("q")),
			chromedp.SendKeys(chromedp.ID("q"), "rate"), chromedp.WaitVisible(chromedp.CSS("#live-results [role=option]")),
			chromedp.KeyEvent(kbArrowDown))
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range runAxe(t, ctx, script) {
			t.Errorf("suggestions open: %s: %s [%s]\n\t%s", v.ID, v.Help, v.Impact, strings.Join(v.Nodes, "\n\t"))
		}
		err = chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/401"), chromedp.WaitVisible(chromedp.CSS("[data-try-send]")),
			chromedp.Click(chromedp.CSS("[data-try-send]")), chromedp.WaitVisible(chromedp.CSS("[data-try-out]")))
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range runAxe(t, ctx, script) {
			t.Errorf("try-it answer: %s: %s [%s]\n\t%s", v.ID, v.Help, v.Impact, strings.Join(v.Nodes, "\n\t"))
		}
	})
	t.Run("reflow-320", func(t *testing.T) {
		ctx := newBrowser(t, true)
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(320, 640, chromedp.EmulateMobile)); err != nil {
			t.Fatal(err)
		}
		for _, p := range axePages {
			if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+p.path), chromedp.WaitReady(chromedp.CSS("footer"))); err != nil {
				t.Fatalf("%s: %v", p.path, err)
			}
			wide, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(() => {
				const w = document.documentElement.clientWidth;
				if (document.documentElement.scrollWidth <= w + 1) return ""; // a pixel of rounding, as in TestBrowserDark
				const over = [...document.querySelectorAll("body *")].filter(e => e.getBoundingClientRect().right > w + 1 );
				return document.documentElement.scrollWidth + " px: " + over.slice(0, 3).map(e => e.tagName.toLowerCase() + (e.className ? "." + e.className : "") + " " + JSON.stringify(e.textContent.slice(0, 50))).join(", ");
			})()`))
			if err != nil {
				t.Fatal(err)
			}
			if wide != "" {
				t.Errorf("%s scrolls sideways at 320 px: %s", p.path, wide)
			}
		}
	})
}

// waitFor evaluates expr until it is true, or fails after 10 s.
func waitFor(t *testing.T, ctx context.Context, what, expr string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](expr)); err == nil && ok {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("waiting for %s (%s)", what, expr)
}

func evalString(t *testing.T, ctx context.Context, expr string) string {
	t.Helper()
	s, err := chromedp.Run(ctx, chromedp.Evaluate[string](expr))
	if err != nil {
		t.Fatalf("%s: %v", expr, err)
	}
	return s
}

// TestBrowserCombobox drives the search suggestions with the keyboard only:
// "/" focuses the box without typing into it, the list is an ARIA combobox
// whose options the arrow keys walk while typing still reaches the box,
// Escape closes it, Enter opens the active option, an outside click closes
// the list, and an exact code or class with Enter opens its page.
func TestBrowserCombobox(t *testing.T) {
	ctx := newBrowser(t, true)
	srv := newTestServer(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/"), chromedp.WaitVisible(chromedp.ID("q"))); err != nil {
		t.Fatal(err)
	}
	if got := evalString(t, ctx, `document.activeElement.id`); got == "q" {
		t.Error("the home page's box has the focus on load (autofocus)")
	}
	if err := chromedp.Do(ctx, pressSlash); err != nil {
		t.Fatal(err)
	}
	if got := evalString(t, ctx, `document.activeElement.id + "|" + document.activeElement.value`); got != "q|" {
		t.Errorf(`after "/": focus|value = %q, want the empty search box`, got)
	}
	if err := chromedp.Do(ctx, chromedp.KeyEvent("forb")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "suggestions for forb", `document.querySelectorAll("#live-results [role=option]").length > 0 && document.getElementById("q").getAttribute("aria-expanded") === "true"`)
	if got := evalString(t, ctx, `document.getElementById("q").getAttribute("role") + " " + document.getElementById("live-results").getAttribute("role")`); got != "combobox listbox" {
		t.Errorf("roles %q, want combobox listbox", got)
	}
	if got := evalString(t, ctx, `document.getElementById("live-count").textContent`); !strings.Contains(got, "suggestion") {
		t.Errorf("the live region says %q, want the number of suggestions", got)
	}
	if got := evalString(t, ctx, `document.querySelector("#live-results [role=option]").textContent`); !strings.HasPrefix(got, "403") {
		t.Errorf("first suggestion for forb %q, want 403 Forbidden", got)
	}
	saveScreenshot(t, ctx, "viewport-combobox-forb.png")

	// ArrowDown makes the first option active; the focus stays in the box.
	if err := chromedp.Do(ctx, chromedp.KeyEvent(kbArrowDown)); err != nil {
		t.Fatal(err)
	}
	state := `(() => { const q = document.getElementById("q"); const a = q.getAttribute("aria-activedescendant");
		const o = a && document.getElementById(a); return document.activeElement.id + "|" + (o ? o.getAttribute("aria-selected") + "|" + o.textContent.slice(0, 3) : "none"); })()`
	if got := evalString(t, ctx, state); got != "q|true|403" {
		t.Errorf("after ArrowDown: focus|selected|option = %q, want q|true|403", got)
	}
	// A key typed while an option is active reaches the box.
	if err := chromedp.Do(ctx, chromedp.KeyEvent("i")); err != nil {
		t.Fatal(err)
	}
	if got := evalString(t, ctx, `document.getElementById("q").value`); got != "forbi" {
		t.Errorf("typing while an option is active: value %q, want forbi", got)
	}
	waitFor(t, ctx, "suggestions for forbi", `document.querySelectorAll("#live-results [role=option]").length > 0 && !document.getElementById("q").hasAttribute("aria-activedescendant")`)
	// Escape closes the list.
	if err := chromedp.Do(ctx, chromedp.KeyEvent(kbEscape)); err != nil {
		t.Fatal(err)
	}
	if got := evalString(t, ctx, `document.getElementById("q").getAttribute("aria-expanded") + " " + document.getElementById("live-results").hidden`); got != "false true" {
		t.Errorf("after Escape: expanded, hidden = %q, want false true", got)
	}
	// ArrowDown opens it again, a second ArrowDown picks the first option, Enter opens it.
	if err := chromedp.Do(ctx, chromedp.KeyEvent(kbArrowDown), chromedp.KeyEvent(kbArrowDown)); err != nil {
		t.Fatal(err)
	}
	if got := evalString(t, ctx, state); got != "q|true|403" {
		t.Errorf("after Escape, ArrowDown twice: focus|selected|option = %q, want q|true|403", got)
	}
	if err := chromedp.Do(ctx, pressEnter); err != nil {
		t.Fatal(err)
	}
	at(t, ctx, "/403", "403")

	// An outside click closes the list.
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/"), chromedp.WaitVisible(chromedp.ID("q")), chromedp.SendKeys(chromedp.ID("q"), "gat")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "suggestions for gat", `!document.getElementById("live-results").hidden`)
	if got := evalString(t, ctx, `document.querySelector("#live-results [role=option]").textContent`); !strings.HasPrefix(got, "504") && !strings.HasPrefix(got, "502") {
		t.Errorf("first suggestion for gat %q, want 504 or 502", got)
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("h1"))); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the list to close on an outside click", `document.getElementById("live-results").hidden`)
	// Tab out of the box closes it too.
	if err := chromedp.Do(ctx, chromedp.Focus(chromedp.ID("q"))); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the list to open again on focus", `!document.getElementById("live-results").hidden`)
	if err := chromedp.Do(ctx, chromedp.KeyEvent("\t")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the list to close on Tab", `document.getElementById("live-results").hidden && document.getElementById("q").getAttribute("aria-expanded") === "false"`)

	// An exact code, and a class, with Enter open their pages (the server
	// redirects /search, so this holds without JavaScript too).
	for _, c := range []struct{ q, path, h1 string }{{"404", "/404", "404"}, {"4xx", "/4xx", "4xx"}} {
		if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/"), chromedp.WaitVisible(chromedp.ID("q")),
			chromedp.SendKeys(chromedp.ID("q"), c.q), chromedp.KeyEvent("\r")); err != nil {
			t.Fatal(err)
		}
		at(t, ctx, c.path, c.h1)
	}
}

// press presses a key as a keyboard does: one keyDown event that carries
// its text, so that a handler that cancels it keeps the text out (as for
// "/", or Enter on an option, which must not also submit the form).
// chromedp.KeyEvent sends the text as a separate event, which a page
// cannot cancel from keydown.
func press(key, code string, vk int64, text string) chromedp.Action[chromedp.Void] {
	return func(ctx context.Context, t *chromedp.Target) (chromedp.Void, error) {
		for _, typ := range []input.DispatchKeyEventType{input.DispatchKeyEventTypeKeyDown, input.DispatchKeyEventTypeKeyUp} {
			p := input.DispatchKeyEventParams{Type: typ, Key: key, Code: code, WindowsVirtualKeyCode: vk, NativeVirtualKeyCode: vk}
			if typ == input.DispatchKeyEventTypeKeyDown {
				p.Text, p.UnmodifiedText = text, text
			}
			if _, err := cdp.Call(ctx, t, input.DispatchKeyEvent, p); err != nil {
				return chromedp.Void{}, err
			}
		}
		return chromedp.Void{}, nil
	}
}

var (
	pressSlash = press("/", "Slash", 191, "/")
	pressEnter = press("Enter", "Enter", 13, "\r")
)

// Keys for chromedp.KeyEvent.
const (
	kbArrowDown = kb.ArrowDown
	kbEscape    = kb.Escape
)

// TestBrowserTryIt sends the try-it panel's request on code pages and
// checks what it shows: the status line, the headers and the content, or
// what the browser keeps from a page (a redirect, an interim response),
// and never a login dialog for 401.
func TestBrowserTryIt(t *testing.T) {
	ctx := newBrowser(t, true)
	srv := newTestServer(t)
	tests := []struct {
		code       string
		out        []string // in the panel's response block
		note       string   // in its note, "" for none
		noResponse bool
	}{
		{"200", []string{"200 OK", "content-type: text/plain", "The request succeeded"}, "", false},
		{"204", []string{"204 No Content", "(no content)"}, "", false},
		{"301", []string{"301 Moved Permanently"}, "hides a redirect", false},
		{"401", []string{"401 Unauthorized", `www-authenticate: Bearer realm="httpstatus"`}, "Bearer challenge", false},
		{"103", []string{"200 OK"}, "103 Early Hints first", false},
		{"499", []string{"499 ", "(no content)"}, "the catalogue calls 499 “Client Closed Request”", false},
		{"999", []string{"999 ", "Request Denied"}, "the catalogue calls 999", false},
	}
	for _, tt := range tests {
		err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/"+tt.code), chromedp.WaitVisible(chromedp.CSS("[data-try-send]")),
			chromedp.Click(chromedp.CSS("[data-try-send]")))
		if err != nil {
			t.Fatalf("%s: %v", tt.code, err)
		}
		waitFor(t, ctx, tt.code+" response", `!document.querySelector("[data-try-out]").hidden`)
		out := evalString(t, ctx, `document.querySelector("[data-try-out]").textContent`)
		for _, want := range tt.out {
			if !strings.Contains(out, want) {
				t.Errorf("%s: the panel shows %q, want %q in it", tt.code, out, want)
			}
		}
		if !strings.HasPrefix(out, tt.out[0]) {
			t.Errorf("%s: the panel starts %q, want the status line %q", tt.code, out, tt.out[0])
		}
		note := evalString(t, ctx, `document.querySelector("[data-try-note]").hidden ? "" : document.querySelector("[data-try-note]").textContent`)
		if tt.note == "" && note != "" || !strings.Contains(note, tt.note) {
			t.Errorf("%s: note %q, want %q", tt.code, note, tt.note)
		}
		if loc := evalString(t, ctx, `location.pathname`); loc != "/"+tt.code {
			t.Errorf("%s: the page moved to %s", tt.code, loc)
		}
		curl := evalString(t, ctx, `document.querySelector("[data-try-curl]").textContent`)
		if want := fmt.Sprintf("curl -i %s/status/%s", srv.URL, tt.code); curl != want {
			t.Errorf("%s: curl command %q, want %q", tt.code, curl, want)
		}
		saveScreenshot(t, ctx, "tryit-"+tt.code+".png")
	}
	// 000 and 101 cannot be asked for by a page: the panel says why.
	for code, want := range map[string]string{"000": "not a status a server sends", "101": "cannot ask for 101"} {
		if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/"+code), chromedp.WaitVisible(chromedp.CSS("[data-try-note]"))); err != nil {
			t.Fatalf("%s: %v", code, err)
		}
		if note := evalString(t, ctx, `document.querySelector("[data-try-note]").textContent`); !strings.Contains(note, want) {
			t.Errorf("%s: note %q, want %q", code, note, want)
		}
	}
}

// TestBrowserTryItNoJS: without JavaScript the panel stays a link.
func TestBrowserTryItNoJS(t *testing.T) {
	ctx := newBrowser(t, false)
	srv := newTestServer(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/404"), chromedp.WaitVisible(chromedp.CSS("a.try"))); err != nil {
		t.Fatal(err)
	}
	if got := evalString(t, ctx, `String(document.querySelector("[data-try]").hidden) + " " + document.querySelector("a.try").getAttribute("href")`); got != "true /status/404" {
		t.Errorf("without JavaScript: panel hidden, link = %q, want true /status/404", got)
	}
}

// TestBrowserCopy clicks the copy buttons of an example (with the clipboard
// stubbed, which headless Chromium keeps from pages): the request block is
// copied without a trailing blank line, "copy as curl" gives a command, and
// a live region says what was copied.
func TestBrowserCopy(t *testing.T) {
	ctx := newBrowser(t, true)
	srv := newTestServer(t)
	err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/401"), chromedp.WaitVisible(chromedp.CSS(`[data-copy-from="example-request-text-0"]`)))
	if err != nil {
		t.Fatal(err)
	}
	evalString(t, ctx, `navigator.clipboard.writeText = text => { window.copied = text; return Promise.resolve(); }, ""`)
	said := `(() => { const s = [...document.querySelectorAll("[role=status]")].map(e => e.textContent).join("|"); return s; })()`
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`[data-copy-from="example-request-text-0"]`))); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the copy", `window.copied !== undefined`)
	got := evalString(t, ctx, `window.copied`)
	if !strings.HasPrefix(got, "GET /api/me HTTP/1.1\nHost: api.example\n") || strings.HasSuffix(got, "\n") || strings.Contains(got, "\r") {
		t.Errorf("copied %q, want the request with LF line ends and no trailing blank line", got)
	}
	waitFor(t, ctx, "the announcement", `document.body.textContent.includes("Copied the request to the clipboard.")`)
	if s := evalString(t, ctx, said); !strings.Contains(s, "Copied the request to the clipboard.") {
		t.Errorf("the live regions say %q", s)
	}
	evalString(t, ctx, `window.copied = undefined, ""`)
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`[data-copy-label="the request as a curl command"]`))); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the curl copy", `window.copied !== undefined`)
	if got := evalString(t, ctx, `window.copied`); !strings.HasPrefix(got, "curl -i 'https://api.example/api/me' -H 'Authorization: Bearer ") {
		t.Errorf("copied as curl %q", got)
	}
}
