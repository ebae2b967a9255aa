package server

import (
	"context"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// chromium finds a Chromium or Chrome to drive, or "".
func chromium() string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "headless-shell"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// screenshots is where the browser test saves its pictures:
// $DOSSIER_SCREENSHOTS when set, else the test's temporary folder.
func screenshots(t *testing.T) string {
	if dir := os.Getenv("DOSSIER_SCREENSHOTS"); dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		return dir
	}
	return t.TempDir()
}

// TestBrowserSearchPersonDocumentBack drives headless Chromium through
// what a historian does: search for a name, open the person, follow a
// sentence into its document, and come back, all with the keyboard and
// real links, and saves a screenshot of each page.
func TestBrowserSearchPersonDocumentBack(t *testing.T) {
	if testing.Short() {
		t.Skip("the browser test is not short")
	}
	exe := chromium()
	if exe == "" {
		t.Skip("no Chromium installed (Debian: apt-get install chromium); the browser test needs one")
	}
	s := newServer(t, samplesStore(t), nil)
	ts := httptest.NewServer(s)
	defer ts.Close()
	shots := screenshots(t)

	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(exe),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		// Going back must load the page (and fire its load event, which
		// NavigateBack waits for), not restore it from the
		// back-forward cache.
		chromedp.Flag("disable-features", "BackForwardCache"),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 1000),
	}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelAlloc()
	browser, cancelBrowser := chromedp.NewContext(allocCtx)
	defer cancelBrowser()
	if err := chromedp.Do(browser); err != nil { // start it without a deadline
		t.Fatalf("starting Chromium: %v", err)
	}
	ctx, cancel := context.WithTimeout(browser, 90*time.Second)
	defer cancel()

	must := func(step string, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", step, err)
		}
	}
	text := func(sel string) string {
		t.Helper()
		s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
		must("text of "+sel, err)
		return s
	}
	eval := func(js string) int {
		t.Helper()
		n, err := chromedp.Run(ctx, chromedp.Evaluate[int](js))
		must(js, err)
		return n
	}
	shot := func(name string) {
		t.Helper()
		png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
		must("screenshot", err)
		path := filepath.Join(shots, name+".png")
		must("saving "+path, os.WriteFile(path, png, 0o644))
		t.Logf("screenshot %s", path)
	}
	location := func() string {
		t.Helper()
		loc, err := chromedp.Run(ctx, chromedp.Location())
		must("location", err)
		return strings.TrimPrefix(loc, ts.URL)
	}

	// The home page; the first Tab reaches the skip link, and the focus
	// shows.
	must("home", chromedp.Do(ctx, chromedp.Navigate(ts.URL+"/"), chromedp.WaitVisible(chromedp.ID("q"))))
	must("tab", chromedp.Do(ctx, chromedp.KeyEvent(kb.Tab)))
	if got, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.activeElement.textContent`)); err != nil || got != "Skip to content" {
		t.Errorf("the first Tab focuses %q (%v), want the skip link", got, err)
	}
	if got, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`getComputedStyle(document.activeElement).outlineStyle`)); got != "solid" {
		t.Errorf("the focused link has outline %q: focus is not visible", got)
	}
	if n := eval(`document.querySelectorAll('table.docs tbody tr').length`); n != 3 {
		t.Errorf("the home page lists %d documents, want 3", n)
	}
	shot("1-home")

	// Search, typed and submitted with Enter.
	must("focus search", chromedp.Do(ctx, chromedp.Focus(chromedp.ID("q"))))
	_, err := chromedp.RunResponse(ctx, chromedp.SendKeys(chromedp.ID("q"), "zhou enlai"+kb.Enter))
	must("search", err)
	if loc := location(); loc != "/search?q=zhou+enlai" {
		t.Errorf("search went to %s", loc)
	}
	hits := text("main")
	for _, want := range []string{"Zhou Enlai", "People"} {
		if !strings.Contains(hits, want) {
			t.Errorf("search results lack %q:\n%s", want, hits)
		}
	}
	shot("2-search")

	// The person.
	_, err = chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(`ol.hits a[href="/person/zhou-enlai"]`)))
	must("open the person", err)
	if h1 := text("h1"); h1 != "Zhou Enlai" {
		t.Fatalf("person page heading %q", h1)
	}
	if n := eval(`document.querySelectorAll('ul.sentences mark').length`); n == 0 {
		t.Error("no name highlighted in the person's sentences")
	}
	if n := eval(`document.querySelectorAll('ol.timeline li').length`); n == 0 {
		t.Error("no events on the person's timeline")
	}
	if n := eval(`document.querySelectorAll('table.co tbody tr').length`); n == 0 {
		t.Error("nobody named with the person")
	}
	shot("3-person")

	// A sentence, in its document.
	href, err := chromedp.Run(ctx, chromedp.AttributeValue(chromedp.CSS(`ul.sentences a.context`), "href"))
	must("sentence link", err)
	_, err = chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(`ul.sentences a.context`)))
	must("open the document", err)
	if loc := location(); loc != href.Value {
		t.Errorf("the sentence link went to %s, want %s", loc, href.Value)
	}
	if !strings.HasPrefix(location(), "/document/zhou-pham-1966-11-20#char=") {
		t.Errorf("not on the document: %s", location())
	}
	if h1 := text("h1"); !strings.Contains(h1, "Zhou Enlai") || !strings.Contains(h1, "Pham Van Dong") {
		t.Errorf("document heading %q", h1)
	}
	for sel, min := range map[string]int{`.text a.ent.k-person`: 10, `.text time.date[title]`: 1, `.text .turn`: 2, `.doc-graph li`: 5} {
		if n := eval(`document.querySelectorAll('` + sel + `').length`); n < min {
			t.Errorf("%d of %s on the document page, want at least %d", n, sel, min)
		}
	}
	// the sentence is the target, scrolled into view and marked
	if n := eval(`(() => { const e = document.querySelector(':target'); if (!e) return -1;
		const r = e.getBoundingClientRect(); return (r.top >= 0 && r.top < innerHeight) ? 1 : 0 })()`); n != 1 {
		t.Errorf("the linked sentence is not in view (%d)", n)
	}
	shot("4-document")

	// Printed, the document drops the search and navigation.
	must("print media", chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"})
		return err
	})))
	if got, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`getComputedStyle(document.querySelector('form.search')).display`)); got != "none" {
		t.Errorf("printed, the search form shows (display %q)", got)
	}
	must("screen media", chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: ""})
		return err
	})))

	// Back to the person, and back to the search.
	must("back", chromedp.Do(ctx, chromedp.NavigateBack(), chromedp.WaitVisible(chromedp.CSS("h1"))))
	if loc := location(); loc != "/person/zhou-enlai" {
		t.Errorf("back went to %s", loc)
	}
	if h1 := text("h1"); h1 != "Zhou Enlai" {
		t.Errorf("after going back the heading is %q", h1)
	}
	shot("5-back-to-person")
	must("back again", chromedp.Do(ctx, chromedp.NavigateBack(), chromedp.WaitVisible(chromedp.CSS("ol.hits"))))
	if v, err := chromedp.Run(ctx, chromedp.Value(chromedp.ID("q"))); err != nil || v != "zhou enlai" {
		t.Errorf("the search box holds %q (%v)", v, err)
	}
}
