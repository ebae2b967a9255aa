package server

import (
	"context"
	"encoding/xml"
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/dossier-archive/dossier/archive"
	"github.com/dossier-archive/dossier/ontology"
)

// The sample documents hold Zhou Enlai and Pham Van Dong's conversation of
// 20 November 1966 (a transcript with speaker turns and events), a report
// from Tirana and a memorandum of Rusk and Gromyko's talk.
const (
	zhouPath = "/person/zhou-enlai"
	zhouDoc  = "/document/zhou-pham-1966-11-20"
)

// wellFormed checks that a page parses as XML-ish HTML: every element
// closed, nothing crossing (the annotated text is generated markup).
func wellFormed(t *testing.T, page string) {
	t.Helper()
	if strings.Contains(page, "<script") {
		t.Error("the page has a script: no function may need JavaScript")
	}
	body := page[strings.Index(page, "<body>"):]
	body = body[:strings.Index(body, "</body>")+len("</body>")]
	// void elements of our templates, made XML
	body = regexp.MustCompile(`<(input|meta|link|br)([^>]*?)/?>`).ReplaceAllString(body, "<$1$2/>")
	d := xml.NewDecoder(strings.NewReader(body))
	d.Strict = true
	d.AutoClose = nil
	d.Entity = xml.HTMLEntity
	for {
		_, err := d.Token()
		if err == io.EOF {
			return
		}
		if err != nil {
			t.Fatalf("page is not well formed: %v", err)
		}
	}
}

func TestHomeListsDocuments(t *testing.T) {
	s := newServer(t, samplesStore(t), nil)
	r := get(t, s, "/", htmlAccept)
	r.want(t, http.StatusOK, `<html lang="en">`, "<main", `role="search"`,
		`href="/document/zhou-pham-1966-11-20"`, `href="/document/report-tirana-1961"`, `href="/document/frus-style-rusk-gromyko-1963"`,
		`<time datetime="1966-11-20">20 November 1966</time>`, "<strong>3</strong> documents")
	if ct := r.header.Get("Content-Type"); ct != "text/html; charset=utf-8" {
		t.Errorf("Content-Type %q", ct)
	}
	if csp := r.header.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'none'") {
		t.Errorf("no content security policy: %q", csp)
	}
	wellFormed(t, r.body)
	// documents by date: 1961, 1963, 1966
	a, b, c := strings.Index(r.body, "report-tirana-1961"), strings.Index(r.body, "rusk-gromyko-1963"), strings.Index(r.body, "zhou-pham-1966")
	if !(a < b && b < c) {
		t.Errorf("documents not in date order: %d %d %d", a, b, c)
	}
	get(t, s, "/static/style.css").want(t, http.StatusOK, "@media print", ":focus-visible")
}

func TestSearchPage(t *testing.T) {
	s := newServer(t, samplesStore(t), nil)
	// case and accents aside, part of a name
	r := get(t, s, "/search?q=ZHOU+enl", htmlAccept)
	r.want(t, http.StatusOK, `href="/person/zhou-enlai"`, ">Zhou Enlai</a>", `value="ZHOU enl"`, "People")
	wellFormed(t, r.body)
	get(t, s, "/search?q=gr%C3%B3myko", htmlAccept).want(t, http.StatusOK, `href="/person/andrei-gromyko"`)
	// documents by title, places, organizations
	get(t, s, "/search?q=record+of+conversation", htmlAccept).want(t, http.StatusOK, `href="/document/zhou-pham-1966-11-20"`)
	get(t, s, "/search?q=tirana", htmlAccept).want(t, http.StatusOK, `href="/place/tirana"`)
	get(t, s, "/search?q=xyzzy", htmlAccept).want(t, http.StatusOK, "Nothing in the archive is called")
	get(t, s, "/search", htmlAccept).want(t, http.StatusOK, "Type part of a name")
	// HTML in the query is text
	r = get(t, s, "/search?q=%3Cscript%3Ealert(1)%3C/script%3E", htmlAccept)
	if strings.Contains(r.body, "<script>") {
		t.Error("the query was not escaped")
	}
}

func TestPersonPage(t *testing.T) {
	s := newServer(t, samplesStore(t), nil)
	r := get(t, s, zhouPath, htmlAccept)
	r.want(t, http.StatusOK,
		"<h1>Zhou Enlai</h1>",
		"https://dossier.example.org/person/zhou-enlai",
		"Also written", "Offices", "Premier",
		// the documents, with each sentence and the name marked
		`<a href="/document/zhou-pham-1966-11-20">Record of Conversation between Premier Zhou Enlai and Comrade Pham Van Dong</a>`,
		"<mark>Premier Zhou</mark>: When did you arrive in Beijing?",
		`href="/document/zhou-pham-1966-11-20#char=`,
		// the timeline and the people named with him
		`<ol class="timeline">`, `href="/event/zhou-pham-1966-11-20/`,
		"Named with", `href="/person/pham-van-dong"`,
		// the other representations
		`rel="alternate" type="text/turtle" href="/person/zhou-enlai?format=turtle"`)
	wellFormed(t, r.body)
	if r.header.Get("Vary") != "Accept" {
		t.Errorf("Vary: %q", r.header.Get("Vary"))
	}
	// each "in context" link points at a sentence the document page marks
	doc := get(t, s, zhouDoc, htmlAccept).body
	for _, m := range regexp.MustCompile(`href="/document/zhou-pham-1966-11-20#(char=\d+,\d+)"`).FindAllStringSubmatch(r.body, -1) {
		if !strings.Contains(doc, `id="`+m[1]+`"`) {
			t.Errorf("the document page has no mark %s", m[1])
		}
	}
	// the timeline is in date order
	dates := regexp.MustCompile(`<time datetime="([0-9-]+)">`).FindAllStringSubmatch(r.body[strings.Index(r.body, "timeline"):strings.Index(r.body, "docs-h")], -1)
	for i := 1; i < len(dates); i++ {
		if dates[i][1] < dates[i-1][1] {
			t.Errorf("timeline out of order: %s before %s", dates[i-1][1], dates[i][1])
		}
	}
}

func TestOrganizationAndPlacePages(t *testing.T) {
	s := newServer(t, samplesStore(t), nil)
	get(t, s, "/organization/party-of-labor-of-albania", htmlAccept).want(t, http.StatusOK, "<h1>Party of Labor of Albania</h1>", "Organization", "report-tirana-1961")
	r := get(t, s, "/place/moscow", htmlAccept)
	r.want(t, http.StatusOK, "<h1>Moscow</h1>", "<mark>Moscow</mark>")
	wellFormed(t, r.body)
}

func TestDocumentPage(t *testing.T) {
	st := samplesStore(t)
	s := newServer(t, st, nil)
	r := get(t, s, zhouDoc, htmlAccept)
	r.want(t, http.StatusOK,
		"<h1>Record of Conversation between Premier Zhou Enlai and Comrade Pham Van Dong</h1>",
		// entities marked and linked, dates with their value, turns
		`<a class="ent k-person" id="char=`, `href="/person/zhou-enlai" title="Person: Zhou Enlai">`,
		`class="ent k-place"`, `href="/place/beijing"`,
		`<time class="date" id="char=`, `datetime="1966-11-20" title="1966-11-20">`,
		`<div class="turn" id="turn-1"><p class="turn-head">Turn 1 · <a href="/person/zhou-enlai">Zhou Enlai</a></p>`,
		`<span class="s" id="char=`,
		// the graph: entities and events, and the data
		"The document's graph", `<a class="k-person" href="/person/pham-van-dong">Pham Van Dong</a>`, "Events",
		`href="/graph/zhou-pham-1966-11-20?format=turtle"`, `href="/document/zhou-pham-1966-11-20?format=jsonld"`,
		"Xinjiang Room, Great Hall of the People, Beijing")
	wellFormed(t, r.body)

	// The marked text is the document's text, every character of it but
	// the line breaks that turns stand in for.
	d, err := archive.Read(context.Background(), st, ontology.DefaultBase+"document/zhou-pham-1966-11-20")
	if err != nil {
		t.Fatal(err)
	}
	text := r.body[strings.Index(r.body, `<div class="text"`):]
	text = text[strings.Index(text, ">")+1 : strings.Index(text, "</section>")]
	text = regexp.MustCompile(`<p class="turn-head">.*?</p>`).ReplaceAllString(text, "")
	text = regexp.MustCompile(`<[^>]+>`).ReplaceAllString(text, "")
	text = strings.NewReplacer("&lt;", "<", "&gt;", ">", "&amp;", "&", "&#34;", `"`, "&#39;", "'", "&quot;", `"`).Replace(text)
	strip := func(s string) string { return strings.Join(strings.Fields(s), " ") }
	if strip(text) != strip(d.Text) {
		t.Errorf("the page's text differs from the document's:\n%s\n---\n%s", clip(strip(text)), clip(strip(d.Text)))
	}
	if len(d.Turns) == 0 || len(d.Mentions) == 0 || len(d.Dates) == 0 || len(d.Events) == 0 {
		t.Fatalf("the sample lost its annotations: %d turns, %d mentions, %d dates, %d events", len(d.Turns), len(d.Mentions), len(d.Dates), len(d.Events))
	}
	if n := strings.Count(r.body, `class="ent `); n != len(d.Mentions)+4 { // + the legend's four
		t.Errorf("%d names marked, the document has %d", n-4, len(d.Mentions))
	}
	if n := strings.Count(r.body, `<time class="date"`); n != len(d.Dates) {
		t.Errorf("%d dates marked, the document has %d", n, len(d.Dates))
	}
	if n := strings.Count(r.body, `<div class="turn"`); n != len(d.Turns) {
		t.Errorf("%d turns shown, the document has %d", n, len(d.Turns))
	}
}

func TestEventPage(t *testing.T) {
	st := samplesStore(t)
	s := newServer(t, st, nil)
	d, err := archive.Read(context.Background(), st, ontology.DefaultBase+"document/zhou-pham-1966-11-20")
	if err != nil {
		t.Fatal(err)
	}
	var ev *archive.Event
	for _, e := range d.Events {
		if e.HasEvidence && e.HasTrigger && len(e.Agents) > 0 {
			ev = e
			break
		}
	}
	if ev == nil {
		t.Fatal("no event with evidence, trigger and agents in the sample")
	}
	path := strings.TrimPrefix(ev.IRI, ontology.DefaultBase[:len(ontology.DefaultBase)-1])
	r := get(t, s, path, htmlAccept)
	r.want(t, http.StatusOK, "<h1>"+escaped(ev.Label)+"</h1>", "Evidence",
		"<mark title=\"the words that name the event\">"+d.Str(ev.Trigger)+"</mark>",
		`href="/document/zhou-pham-1966-11-20#`+fragment(ev.Evidence)+`">Read it in the document</a>`,
		`href="`+strings.TrimPrefix(ev.Agents[0], "https://dossier.example.org")+`"`,
		`<a href="/document/zhou-pham-1966-11-20">`)
	for _, typ := range ev.Types {
		r.want(t, http.StatusOK, typ)
	}
	wellFormed(t, r.body)
}

func escaped(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&#34;", "'", "&#39;").Replace(s)
}

func TestNetworkPage(t *testing.T) {
	s := newServer(t, samplesStore(t), nil)
	r := get(t, s, "/network", htmlAccept)
	r.want(t, http.StatusOK, `<svg role="img" xmlns="http://www.w3.org/2000/svg"`, "<title>", "<circle", `<table class="ranking">`,
		`href="/person/`, `<option value="co-mention-document"`, `href="/network.svg?"`)
	if strings.Contains(r.body, "<?xml") {
		t.Error("an XML declaration inside the HTML")
	}
	get(t, s, "/network?projection=co-mention-document&metric=pagerank", htmlAccept).want(t, http.StatusOK, `<option value="co-mention-document" selected>`)
	get(t, s, "/network?projection=nonsense", htmlAccept).want(t, http.StatusBadRequest, `role="alert"`)
	get(t, s, "/network?from=1966&to=1965", htmlAccept).want(t, http.StatusBadRequest, `role="alert"`)
	svg := get(t, s, "/network.svg?projection=speaker")
	svg.want(t, http.StatusOK, "<?xml", "<svg")
	if svg.header.Get("Content-Type") != "image/svg+xml" {
		t.Errorf("SVG Content-Type %q", svg.header.Get("Content-Type"))
	}
	if err := xml.Unmarshal([]byte(svg.body), new(struct{})); err != nil {
		t.Errorf("the SVG does not parse: %v", err)
	}
}

func TestNotFound(t *testing.T) {
	s := newServer(t, samplesStore(t), nil)
	for _, p := range []string{"/person/nobody-at-all", "/document/no-such", "/event/no/such", "/place/atlantis", "/graph/no-such", "/nothing/here"} {
		r := get(t, s, p, htmlAccept)
		if r.status != http.StatusNotFound {
			t.Errorf("%s: status %d, want 404", p, r.status)
		}
	}
	get(t, s, "/person/nobody-at-all", htmlAccept).want(t, http.StatusNotFound, "<h1>Not Found</h1>", "nothing under this address")
	get(t, s, "/person/nobody-at-all", "Accept: text/turtle").want(t, http.StatusNotFound)
}
