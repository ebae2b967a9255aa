package server

import (
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/dossier-archive/dossier/archive"
	"github.com/dossier-archive/dossier/ontology"
)

func TestIRIOfMapsPathUnderBase(t *testing.T) {
	for _, c := range []struct{ base, path, want string }{
		{"", "/person/zhou-enlai", "https://dossier.example.org/person/zhou-enlai"},
		{"https://archive.example.org/data", "/person/zhou-enlai", "https://archive.example.org/data/person/zhou-enlai"},
		// non-ASCII letters stay as the Mapper mints them, encoded or not
		{"", "/person/%C3%87ako", "https://dossier.example.org/person/Çako"},
		{"", "/person/Çako", "https://dossier.example.org/person/Çako"},
		// what the Mapper percent-encodes is found however it is sent
		{"", "/document/a%2Eb", "https://dossier.example.org/document/a%2Eb"},
		{"", "/document/a.b", "https://dossier.example.org/document/a%2Eb"},
		{"", "/event/doc-1/meeting%201", "https://dossier.example.org/event/doc-1/meeting%201"},
	} {
		s := &Server{base: ontology.NormalizeBase(c.base)}
		if c.base == "" {
			s.base = ontology.DefaultBase
		}
		r := httptest.NewRequest("GET", c.path, nil)
		if got := s.iriOf(r); got != c.want {
			t.Errorf("base %q path %s: got %s, want %s", c.base, c.path, got, c.want)
		}
		// and a page's link to the IRI leads back to it
		a := &reader{base: s.base}
		back := httptest.NewRequest("GET", a.local(c.want), nil)
		if got := s.iriOf(back); got != c.want {
			t.Errorf("link %s to %s leads to %s", a.local(c.want), c.want, got)
		}
	}
}

func TestNegotiate(t *testing.T) {
	for _, c := range []struct{ accept, format, want string }{
		{"", "", "html"},
		{"*/*", "", "html"},
		{htmlAccept[len("Accept: "):], "", "html"},
		{"text/turtle", "", "turtle"},
		{"application/ld+json", "", "jsonld"},
		{"application/n-triples", "", "ntriples"},
		{"text/html;q=0.5, text/turtle", "", "turtle"},
		{"text/turtle;q=0.4, application/ld+json;q=0.9", "", "jsonld"},
		{"application/rdf+xml, text/*;q=0.5", "", "html"}, // RDF/XML cannot be written; text/html wins the tie
		{"image/png", "", "406"},
		{"text/html", "turtle", "turtle"},
		{"", "jsonld", "jsonld"},
		{"", "nonsense", "406"},
	} {
		r := httptest.NewRequest("GET", "/person/x", nil)
		if c.format != "" {
			r = httptest.NewRequest("GET", "/person/x?format="+c.format, nil)
		}
		if c.accept != "" {
			r.Header.Set("Accept", c.accept)
		}
		rep, ok := negotiate(r, false)
		got := "406"
		switch {
		case !ok:
		case rep.html:
			got = "html"
		default:
			got = rep.format.Name
		}
		if got != c.want {
			t.Errorf("Accept %q format %q: got %s, want %s", c.accept, c.format, got, c.want)
		}
	}
}

func TestFold(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Phạm Văn Đồng", "pham van dong"},
		{"ZHOU  Enlai", "zhou enlai"},
		{"Zëri i Popullit", "zeri i popullit"},
		{"Łódź", "lodz"},
		{"Straße", "strasse"},
		{"  Mao ", "mao"},
	} {
		if got := archive.Fold(c.in); got != c.want {
			t.Errorf("archive.Fold(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestSearchRanksAndIgnoresAccents(t *testing.T) {
	ix := &searchIndex{entries: map[string]*searchEntry{}}
	add := func(iri, kind string, names ...string) {
		e := &searchEntry{IRI: iri, Kind: kind, Label: names[0], Names: names}
		for _, n := range names {
			e.folded = append(e.folded, archive.Fold(n))
		}
		ix.entries[iri] = e
		ix.sorted = append(ix.sorted, e)
	}
	add("p/dong", "person", "Phạm Văn Đồng", "Pham Van Dong")
	add("p/mao", "person", "Mao Zedong", "Mao Tse-tung")
	add("p/dongo", "person", "Dongo")
	add("pl/shandong", "place", "Shandong")
	add("e/x", "event", "Meeting of Dong and Mao")

	hits, total := ix.search("DONG", 0)
	var got []string
	for _, h := range hits {
		got = append(got, h.IRI)
	}
	// "Dongo" starts with it; in "Phạm Văn Đồng" and the event's label a
	// word does; in "Mao Zedong" and "Shandong" it is inside a word. Ties
	// keep the index's order.
	want := []string{"p/dongo", "p/dong", "e/x", "p/mao", "pl/shandong"}
	if total != len(want) || strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("search DONG = %v (total %d), want %v", got, total, want)
	}
	hits, _ = ix.search("tse-TUNG", 0)
	if len(hits) != 1 || hits[0].IRI != "p/mao" || hits[0].Matched != "Mao Tse-tung" {
		t.Errorf("search by an alternative name: %+v", hits)
	}
	if hits, _ := ix.search("  ", 0); hits != nil {
		t.Errorf("blank query found %v", hits)
	}
	if hits, total := ix.search("o", 2); len(hits) != 2 || total != 5 {
		t.Errorf("limit: %d hits of %d", len(hits), total)
	}
}

func TestAnnotateNestsAndEscapes(t *testing.T) {
	text := "Zhou: <b>Mao</b> & Liu met.\nNext turn."
	d := archive.NewDocument(text)
	// characters are bytes here (ASCII); marks are taken in order
	marks := []mark{
		{archive.Span{Begin: 9, End: 12}, levelName, "<m>", "</m>"},        // "Mao"
		{archive.Span{Begin: 8, End: 14}, levelName, "<x>", "</x>"},        // ">Mao</": holds a name of its own level
		{archive.Span{Begin: 11, End: 20}, levelName, "<bad>", "</bad>"},   // crosses "Mao": left out
		{archive.Span{Begin: 0, End: 27}, levelSentence, "<s>", "</s>"},    // the sentence
		{archive.Span{Begin: 0, End: 27}, levelBlock, "<turn>", "</turn>"}, // the turn, the same stretch: goes outside
		{archive.Span{Begin: 9, End: 12}, levelSentence, "<in>", "</in>"},  // a sentence inside a name: left out
		{archive.Span{Begin: 2, End: 30}, levelSentence, "<cross>", ""},    // crosses the turn: left out
		{archive.Span{Begin: 28, End: 38}, levelName, "<n>", "</n>"},
		{archive.Span{Begin: 30, End: 30}, levelName, "<empty>", ""}, // empty: left out
	}
	got := string(annotate(d, archive.Span{Begin: 0, End: len(text)}, marks))
	// the line break after the turn is dropped: the block ends the line
	want := "<turn><s>Zhou: &lt;b<x>&gt;<m>Mao</m>&lt;/</x>b&gt; &amp; Liu met.</s></turn><n>Next turn.</n>"
	if got != want {
		t.Errorf("annotate:\n got %s\nwant %s", got, want)
	}
	// a window of the text: marks reaching outside it are left out, so
	// the sentence mark of "Mao" now nests outside its name
	if got := string(annotate(d, archive.Span{Begin: 9, End: 12}, marks)); got != "<in><m>Mao</m></in>" {
		t.Errorf("window: %s", got)
	}
}
