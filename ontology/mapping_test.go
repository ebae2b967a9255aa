package ontology

import (
	"bytes"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/dossier-archive/dossier/extract"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata")

// memoText is written for this test (not from any archive). Its offsets in
// Unicode characters, counted by hand (and checked with Python's len): 168
// characters in all; line 2 starts at char 24, its "Çako" is chars 46–50,
// "last May" 52–60, "overthrown" 75–85; line 3 starts at char 100: "Çako"
// 100–104, "毛泽东" 106–109, "Mëhilli" 120–127, "From 1959 to 1961" 136–153.
const memoText = "Tirana, 3 February 1967\n" +
	"Chairman Mao: Comrade Çako, last May Peng Zhen was overthrown by the Party.\n" +
	"Çako: 毛泽东 is right; Mëhilli agrees. From 1959 to 1961 we met often.\n"

// span returns the byte span of the n-th (from 1) occurrence of s in memoText.
func span(t testing.TB, s string, n int) extract.Span {
	t.Helper()
	off := 0
	for k := 1; ; k++ {
		i := strings.Index(memoText[off:], s)
		if i < 0 {
			t.Fatalf("%q occurrence %d not in the text", s, n)
		}
		if k == n {
			return extract.Span{Start: off + i, End: off + i + len(s)}
		}
		off += i + len(s)
	}
}

// memo builds a document by hand, as the extractor would.
func memo(t testing.TB) *extract.Document {
	const (
		mao = iota
		cako
		peng
		mehilli
		tirana
		party
	)
	mention := func(text string, n, entity int, typ extract.EntityType, name, title string) extract.Mention {
		return extract.Mention{Span: span(t, text, n), Text: text, Type: typ, Name: name, Title: title, Entity: entity, Sentence: -1}
	}
	line2 := span(t, "Chairman Mao: Comrade", 1).Start
	line3 := span(t, "Çako: ", 1).Start
	doc := &extract.Document{
		Path: "memo.txt",
		Text: memoText,
		Meta: extract.Metadata{
			ID:             "memo-1967-02-03",
			Title:          "Conversation of Mao and Çako",
			Date:           "1967-02-03",
			Place:          "Tirana",
			Source:         "https://archive.example.org/document/1?lang=en&p=2",
			Citation:       "Written for Dossier's tests, \"file\" 1",
			Summary:        "Mao and Çako discuss\nthe purge of Peng Zhen.",
			Language:       "Albanian",
			Translator:     "A. Translator",
			Classification: "Top Secret",
		},
		Paragraphs: []extract.Span{
			{Start: 0, End: line2 - 1}, {Start: line2, End: line3 - 1}, {Start: line3, End: len(memoText) - 1},
		},
		Sentences: []extract.Sentence{
			{Span: extract.Span{Start: 0, End: line2 - 1}, Paragraph: 0, Turn: -1},
			{Span: extract.Span{Start: line2, End: line3 - 1}, Paragraph: 1, Turn: 0},
			{Span: span(t, "Çako: 毛泽东 is right; Mëhilli agrees.", 1), Paragraph: 2, Turn: 1},
			// The evidence of the meeting: one resource with both descriptions.
			{Span: span(t, "From 1959 to 1961 we met often.", 1), Paragraph: 2, Turn: 1},
		},
		Turns: []extract.Turn{
			{Span: extract.Span{Start: line2, End: line3}, Label: span(t, "Chairman Mao", 1), Speaker: mao},
			{Span: extract.Span{Start: line3, End: len(memoText)}, Label: span(t, "Çako", 2), Speaker: cako},
		},
		Mentions: []extract.Mention{
			mention("Tirana", 1, tirana, extract.Place, "Tirana", ""),
			mention("Chairman Mao", 1, mao, extract.Person, "Mao", "Chairman"),
			mention("Çako", 1, cako, extract.Person, "Çako", ""),
			mention("Peng Zhen", 1, peng, extract.Person, "Peng Zhen", ""),
			mention("Party", 1, party, extract.Organization, "Party", ""),
			mention("Çako", 2, cako, extract.Person, "Çako", ""),
			mention("毛泽东", 1, mao, extract.Person, "毛泽东", ""),
			mention("Mëhilli", 1, mehilli, extract.Person, "Mëhilli", ""),
		},
		Entities: []extract.Entity{
			{ID: "mao-zedong", Type: extract.Person, Name: "Mao Zedong", AltNames: []string{"毛泽东", "Mao Tse-tung"},
				SameAs: []string{Wikidata + "Q5816"}, Mentions: []int{1, 6}, Roles: []string{"Chairman"}},
			{ID: "cako", Type: extract.Person, Name: "Çako", Mentions: []int{2, 5}, Nationality: "Albanian"},
			{ID: "peng-zhen", Type: extract.Person, Name: "Peng Zhen", Mentions: []int{3}, MemberOf: []int{party}},
			{ID: "mehilli", Type: extract.Person, Name: "Mëhilli", Mentions: []int{7}},
			{ID: "tirana", Type: extract.Place, Name: "Tirana", Mentions: []int{0}},
			{ID: "chinese-communist-party", Type: extract.Organization, Name: "Chinese Communist Party", Mentions: []int{4}},
		},
		Dates: []extract.Date{
			{Span: span(t, "3 February 1967", 1), Text: "3 February 1967", Value: "1967-02-03", Sentence: -1},
			{Span: span(t, "last May", 1), Text: "last May", Value: "1966-05", Relative: true, Sentence: -1},
			{Span: span(t, "From 1959 to 1961", 1), Text: "From 1959 to 1961", Value: "1959/1961", Sentence: -1},
		},
		Events: []extract.Event{
			{ID: "purge-peng-zhen", Type: extract.Purge, Label: "Overthrow of Peng Zhen",
				Trigger:  span(t, "overthrown", 1),
				Evidence: span(t, "Comrade Çako, last May Peng Zhen was overthrown by the Party.", 1),
				Date:     "1966-05", DateRef: 1, Agents: []int{party}, Patients: []int{peng}, Place: -1},
			{Type: extract.Meeting, Label: "Meetings of Mao and Çako",
				Trigger:  span(t, "met", 1),
				Evidence: span(t, "From 1959 to 1961 we met often.", 1),
				DateRef:  2, Agents: []int{mao, cako}, Place: tirana},
		},
	}
	return doc
}

const testHash = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"

func mapMemo(t *testing.T) []Quad {
	t.Helper()
	var quads []Quad
	err := Mapper{}.Document(memo(t), testHash, func(q Quad) error {
		quads = append(quads, q)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return quads
}

func nquads(quads []Quad) []byte {
	var b bytes.Buffer
	for _, q := range quads {
		b.WriteString(q.String())
		b.WriteByte('\n')
	}
	return b.Bytes()
}

func TestDocumentGolden(t *testing.T) {
	got := nquads(mapMemo(t))
	golden := filepath.Join("testdata", "memo.nq")
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./ontology -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		gl, wl := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
		for i := 0; i < len(gl) || i < len(wl); i++ {
			var g, w string
			if i < len(gl) {
				g = gl[i]
			}
			if i < len(wl) {
				w = wl[i]
			}
			if g != w {
				t.Fatalf("output differs from %s at line %d:\n got: %s\nwant: %s\n(run go test ./ontology -update after review)", golden, i+1, g, w)
			}
		}
	}
}

// TestDocumentRapper checks the mapping's N-Quads with an independent
// parser: every quad is valid and counted once.
func TestDocumentRapper(t *testing.T) {
	if _, err := exec.LookPath("rapper"); err != nil {
		t.Skip("rapper (raptor2-utils) not installed")
	}
	quads := mapMemo(t)
	f := filepath.Join(t.TempDir(), "memo.nq")
	if err := os.WriteFile(f, nquads(quads), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("rapper", "-i", "nquads", "-c", f).CombinedOutput()
	if err != nil {
		t.Fatalf("rapper rejected the mapping: %v\n%s", err, out)
	}
	m := regexp.MustCompile(`returned (\d+) (triples|statements)`).FindSubmatch(out)
	if m == nil {
		t.Fatalf("no count in rapper output:\n%s", out)
	}
	if n, _ := strconv.Atoi(string(m[1])); n != len(quads) {
		t.Errorf("rapper counted %d quads, the mapping emitted %d", n, len(quads))
	}
}

func TestDocumentInvariants(t *testing.T) {
	quads := mapMemo(t)
	docIRI := NewIRI(DefaultBase + "document/memo-1967-02-03")
	seen := map[Quad]bool{}
	for _, q := range quads {
		if q.G != docIRI {
			t.Errorf("quad outside the document graph: %s", q)
		}
		for _, term := range []Term{q.S, q.P, q.O, q.G} {
			if term.Kind == Blank {
				t.Errorf("blank node in %s", q)
			}
		}
		if seen[q] {
			t.Errorf("duplicate quad %s", q)
		}
		seen[q] = true
		if err := q.Check(); err != nil {
			t.Errorf("invalid quad %s: %v", q, err)
		}
	}
	// The quads of one subject come together (a Turtle writer groups them).
	done := map[Term]bool{}
	for i, q := range quads {
		if i > 0 && q.S != quads[i-1].S {
			if done[q.S] {
				t.Errorf("the quads of %s are not together (again at %d)", q.S, i)
			}
			done[quads[i-1].S] = true
		}
	}
	for _, q := range quads {
		if q.S.Value == docIRI.Value+"#char=100,135" && q.P.Value == NIFAnchorOf {
			t.Errorf("a sentence that is not evidence has an anchor: %s", q)
		}
	}
	again := mapMemo(t)
	if !bytes.Equal(nquads(quads), nquads(again)) {
		t.Error("two mappings of the same document differ")
	}
}

// has reports whether quads contain the triple (s, p, o).
func has(quads []Quad, s, p string, o Term) bool {
	for _, q := range quads {
		if q.S.Value == s && q.P.Value == p && q.O == o {
			return true
		}
	}
	return false
}

func TestDocumentContent(t *testing.T) {
	quads := mapMemo(t)
	b := DefaultBase
	doc := b + "document/memo-1967-02-03"
	mao := NewIRI(b + "person/mao-zedong")
	cako := NewIRI(b + "person/cako")
	str := func(s, e int) string { return doc + "#char=" + strconv.Itoa(s) + "," + strconv.Itoa(e) }
	nn := func(n int) Term { return NewTyped(strconv.Itoa(n), XSDNonNegativeInteger) }
	cases := []struct {
		name string
		s, p string
		o    Term
	}{
		{"document type", doc, RDFType, NewIRI(SchemaCreativeWork)},
		{"document date by precision", doc, DCTermsDate, NewTyped("1967-02-03", XSDDate)},
		{"source IRI", doc, DCTermsSource, NewIRI("https://archive.example.org/document/1?lang=en&p=2")},
		{"content hash", doc, DossierContentHash, NewString(testHash)},
		{"language as given", doc, DCTermsLanguage, NewString("Albanian")},
		{"dateline place is the Place entity", doc, SchemaLocationCreated, NewIRI(b + "place/tirana")},
		{"whole text", str(0, 168), NIFIsString, NewString(memoText)},
		{"document text", doc, DossierText, NewIRI(str(0, 168))},
		{"label", mao.Value, RDFSLabel, NewString("Mao Zedong")},
		{"alt name", mao.Value, SKOSAltLabel, NewString("Mao Tse-tung")},
		{"mention name as alt label", mao.Value, SKOSAltLabel, NewString("Mao")},
		{"sameAs", mao.Value, OWLSameAs, NewIRI("http://www.wikidata.org/entity/Q5816")},
		{"role", mao.Value, SchemaJobTitle, NewString("Chairman")},
		{"nationality", cako.Value, SchemaNationality, NewString("Albanian")},
		{"member of", b + "person/peng-zhen", SchemaMemberOf, NewIRI(b + "organization/chinese-communist-party")},
		// Character offsets of non-ASCII text, counted by hand.
		{"Çako anchor", str(46, 50), NIFAnchorOf, NewString("Çako")},
		{"Çako begin", str(46, 50), NIFBeginIndex, nn(46)},
		{"Çako end", str(46, 50), NIFEndIndex, nn(50)},
		{"Çako entity", str(46, 50), ITSRDFTaIdentRef, cako},
		{"Çako in turn label", str(100, 104), NIFAnchorOf, NewString("Çako")},
		{"毛泽东", str(106, 109), ITSRDFTaIdentRef, mao},
		{"Mëhilli", str(120, 127), NIFAnchorOf, NewString("Mëhilli")},
		{"mention context", str(120, 127), NIFReferenceContext, NewIRI(str(0, 168))},
		// Dates typed by precision.
		{"day", str(8, 23), DossierDateValue, NewTyped("1967-02-03", XSDDate)},
		{"month", str(52, 60), DossierDateValue, NewTyped("1966-05", XSDGYearMonth)},
		{"relative", str(52, 60), DossierIsRelative, NewTyped("true", XSDBoolean)},
		{"span", str(136, 153), DossierDateValue, NewTyped("1959/1961", DossierDateInterval)},
		// Turns: who speaks, and whom they talk about.
		{"turn of", doc + "#turn-1", DossierTurnOf, NewIRI(doc)},
		{"speaker", doc + "#turn-1", DossierSpeaker, mao},
		{"speaker label", doc + "#turn-2", DossierSpeakerLabel, NewString("Çako")},
		{"turn begin", doc + "#turn-2", NIFBeginIndex, nn(100)},
		{"turn mentions", doc + "#turn-1", SchemaMentions, NewIRI(b + "person/peng-zhen")},
		{"turn 2 mentions Mao", doc + "#turn-2", SchemaMentions, mao},
		// Events.
		{"purge type", b + "event/memo-1967-02-03/purge-peng-zhen", RDFType, NewIRI(DossierPurge)},
		{"purge is an event", b + "event/memo-1967-02-03/purge-peng-zhen", RDFType, NewIRI(SEMEvent)},
		{"agent", b + "event/memo-1967-02-03/purge-peng-zhen", DossierAgent, NewIRI(b + "organization/chinese-communist-party")},
		{"target", b + "event/memo-1967-02-03/purge-peng-zhen", DossierTarget, NewIRI(b + "person/peng-zhen")},
		{"target as actor", b + "event/memo-1967-02-03/purge-peng-zhen", SEMHasActor, NewIRI(b + "person/peng-zhen")},
		{"time stamp", b + "event/memo-1967-02-03/purge-peng-zhen", SEMHasTimeStamp, NewTyped("1966-05", XSDGYearMonth)},
		{"evidence", b + "event/memo-1967-02-03/purge-peng-zhen", DossierEvidence, NewIRI(str(38, 99))},
		{"evidence is a sentence", str(38, 99), RDFType, NewIRI(NIFSentence)},
		{"trigger", b + "event/memo-1967-02-03/purge-peng-zhen", DossierTrigger, NewIRI(str(75, 85))},
		{"derived from", b + "event/memo-1967-02-03/purge-peng-zhen", ProvWasDerivedFrom, NewIRI(doc)},
		{"event by number", b + "event/memo-1967-02-03/2", RDFType, NewIRI(DossierMeeting)},
		{"span begin", b + "event/memo-1967-02-03/2", SEMHasBeginTimeStamp, NewTyped("1959", XSDGYear)},
		{"span end", b + "event/memo-1967-02-03/2", SEMHasEndTimeStamp, NewTyped("1961", XSDGYear)},
		{"place", b + "event/memo-1967-02-03/2", SEMHasPlace, NewIRI(b + "place/tirana")},
		// Paragraphs and sentences, offsets counted by hand (see memoText).
		{"dateline is a paragraph", str(0, 23), RDFType, NewIRI(NIFParagraph)},
		{"and a sentence", str(0, 23), RDFType, NewIRI(NIFSentence)},
		{"line 2 paragraph", str(24, 99), RDFType, NewIRI(NIFParagraph)},
		{"line 2 paragraph end", str(24, 99), NIFEndIndex, nn(99)},
		{"line 3 paragraph", str(100, 167), RDFType, NewIRI(NIFParagraph)},
		{"sentence", str(100, 135), RDFType, NewIRI(NIFSentence)},
		{"sentence begin", str(100, 135), NIFBeginIndex, nn(100)},
		{"sentence end", str(100, 135), NIFEndIndex, nn(135)},
		{"sentence context", str(100, 135), NIFReferenceContext, NewIRI(str(0, 168))},
		{"evidence sentence keeps its anchor", str(136, 167), NIFAnchorOf, NewString("From 1959 to 1961 we met often.")},
	}
	for _, c := range cases {
		if !has(quads, c.s, c.p, c.o) {
			t.Errorf("%s: missing <%s> <%s> %s", c.name, c.s, c.p, c.o)
		}
	}
	// Negative checks: the speaker's own label is not "talked about", and
	// the label is not its own alternative label.
	if has(quads, doc+"#turn-2", SchemaMentions, cako) {
		t.Error("turn 2 mentions its own speaker through the speaker label")
	}
	if has(quads, mao.Value, SKOSAltLabel, NewString("Mao Zedong")) {
		t.Error("canonical name repeated as altLabel")
	}
	if has(quads, b+"event/memo-1967-02-03/2", SEMHasTimeStamp, NewTyped("1959/1961", DossierDateInterval)) {
		t.Error("a span event has a single time stamp")
	}
}

func TestDocumentBase(t *testing.T) {
	m := Mapper{Base: "http://archive.example.net/dossier"}
	quads, err := m.Quads(memo(t), "")
	if err != nil {
		t.Fatal(err)
	}
	want := NewIRI("http://archive.example.net/dossier/document/memo-1967-02-03")
	for _, q := range quads {
		if q.G != want {
			t.Fatalf("graph %s, want %s", q.G, want)
		}
		if q.P.Value == DossierContentHash {
			t.Error("empty hash emitted")
		}
	}
	for _, bad := range []string{"not an iri", "http://x.org/a#frag", "http://x.org/a b"} {
		if _, err := (Mapper{Base: bad}).Quads(memo(t), ""); err == nil {
			t.Errorf("base %q accepted", bad)
		}
	}
}

func TestDocumentMalformed(t *testing.T) {
	cases := map[string]func(d *extract.Document){
		"no ID":               func(d *extract.Document) { d.Meta.ID = "" },
		"span past the end":   func(d *extract.Document) { d.Mentions[0].End = len(d.Text) + 1 },
		"span cuts Ç":         func(d *extract.Document) { d.Mentions[2].Start++ },
		"entity out of range": func(d *extract.Document) { d.Mentions[0].Entity = 99 },
		"speaker out of range": func(d *extract.Document) {
			d.Turns[0].Speaker = 6
		},
		"agent out of range": func(d *extract.Document) { d.Events[0].Agents = []int{-1} },
		"date out of range":  func(d *extract.Document) { d.Events[0].DateRef = 3 },
		"bad sameAs":         func(d *extract.Document) { d.Entities[0].SameAs = []string{"Q5816"} },
		"unknown type":       func(d *extract.Document) { d.Entities[0].Type = "Ship" },
		"invalid UTF-8":      func(d *extract.Document) { d.Text = d.Text[:len(d.Text)-1] + "\xff" },
	}
	for name, change := range cases {
		doc := memo(t)
		change(doc)
		n := 0
		err := Mapper{}.Document(doc, "", func(Quad) error { n++; return nil })
		if err == nil {
			t.Errorf("%s: no error", name)
		}
		if n != 0 {
			t.Errorf("%s: %d quads emitted before the error", name, n)
		}
	}
}

func TestDocumentEmitError(t *testing.T) {
	stop := os.ErrClosed
	n := 0
	err := Mapper{}.Document(memo(t), "", func(Quad) error {
		n++
		if n == 3 {
			return stop
		}
		return nil
	})
	if err != stop || n != 3 {
		t.Errorf("got %v after %d quads, want %v after 3", err, n, stop)
	}
}

func TestPathSegment(t *testing.T) {
	for in, want := range map[string]string{
		"mao-zedong":    "mao-zedong",
		"çako":          "çako",
		"毛泽东":           "毛泽东",
		"a b/c#d?e%f":   "a%20b%2Fc%23d%3Fe%25f",
		".":             "%2E",
		"x(1),y;z'":     "x%281%29%2Cy%3Bz%27",
		"under_score~1": "under_score~1",
		"bad\xffutf8":   "bad%FFutf8",
	} {
		if got := PathSegment(in); got != want {
			t.Errorf("PathSegment(%q) = %q, want %q", in, got, want)
		}
		if err := CheckIRI(DefaultBase + "person/" + PathSegment(in)); err != nil {
			t.Errorf("PathSegment(%q) gives an invalid IRI: %v", in, err)
		}
	}
}

func TestDateLiteral(t *testing.T) {
	for _, c := range []struct {
		in, lex, dt string
	}{
		{"1966", "1966", XSDGYear},
		{"1966-05", "1966-05", XSDGYearMonth},
		{"1967-02-03", "1967-02-03", XSDDate},
		{"1967-02-03T17:20", "1967-02-03T17:20:00", XSDDateTime},
		{"1967-02-03T17:20:05", "1967-02-03T17:20:05", XSDDateTime},
		{"1959/1961", "1959/1961", DossierDateInterval},
		{"1966-05/1966-08-18", "1966-05/1966-08-18", DossierDateInterval},
		{"1966-13", "1966-13", ""},
		{"1967-02-32", "1967-02-32", ""},
		{"1967-02-03T25:00", "1967-02-03T25:00", ""},
		{"1959/1961/1962", "1959/1961/1962", ""},
		{"spring 1966", "spring 1966", ""},
		{"", "", ""},
	} {
		got, ok := DateLiteral(c.in)
		if got != NewTyped(c.lex, c.dt) || ok != (c.dt != "") {
			t.Errorf("DateLiteral(%q) = %s, %v; want %s", c.in, got, ok, NewTyped(c.lex, c.dt))
		}
	}
	b, e, ok := SplitInterval("1966-05/1966-08-18")
	if !ok || b != NewTyped("1966-05", XSDGYearMonth) || e != NewTyped("1966-08-18", XSDDate) {
		t.Errorf("SplitInterval = %s, %s, %v", b, e, ok)
	}
	if _, _, ok := SplitInterval("1966"); ok {
		t.Error("SplitInterval accepted a single date")
	}
}

func TestTermString(t *testing.T) {
	for _, c := range []struct {
		t    Term
		want string
	}{
		{NewIRI("http://ex.org/a"), "<http://ex.org/a>"},
		{NewBlank("b1"), "_:b1"},
		{NewString("He said \"hi\"\n\tthen\\ left\x01\x7f"), `"He said \"hi\"\n\tthen\\ left\u0001\u007F"`},
		{NewLangString("Çako", "SQ"), `"Çako"@sq`},
		{NewTyped("12abc", XSDInteger), `"12abc"^^<http://www.w3.org/2001/XMLSchema#integer>`},
		{NewTyped("x", XSDString), `"x"`},
		{Term{}, ""},
	} {
		if got := c.t.String(); got != c.want {
			t.Errorf("String() = %s, want %s", got, c.want)
		}
	}
}

func TestTermCheck(t *testing.T) {
	good := []Term{
		NewIRI("http://ex.org/a(1),b;c?d=e&f!g$h*i+j'k~l%20m@n."),
		NewIRI("urn:isbn:123"),
		NewBlank("b1"), NewBlank("x.y"), NewBlank("1a"),
		NewString("any\x00thing"),
		NewLangString("x", "zh-Hans-CN"),
		{Kind: Literal, Value: "x", Lang: "en", Datatype: RDF + "langString"},
		NewTyped("12abc", XSDInteger),
	}
	bad := []Term{
		NewIRI(""), NewIRI("relative/path"), NewIRI("http://ex.org/a b"), NewIRI("http://ex.org/<a>"),
		NewIRI("http://ex.org/\x00"), NewIRI("http://ex.org/a\\b"),
		NewBlank(""), NewBlank("a b"), NewBlank("end."), NewBlank("-x"),
		NewString("bad \xff"),
		NewLangString("x", "en_US"), NewLangString("x", "1en"), NewLangString("x", "en-"),
		{Kind: Literal, Value: "x", Lang: "en", Datatype: XSDInteger},
		NewTyped("x", RDF+"langString"),
		NewTyped("x", "integer"),
		{Kind: 9},
	}
	for _, term := range good {
		if err := term.Check(); err != nil {
			t.Errorf("%#v: %v", term, err)
		}
	}
	for _, term := range bad {
		if term.Check() == nil {
			t.Errorf("%#v accepted", term)
		}
	}
}

func TestOntologyFile(t *testing.T) {
	ttl := Turtle()
	for _, term := range []string{"Purge", "Plenum", "Meeting", "Publication", "agent", "target", "Turn",
		"speaker", "turnOf", "evidence", "trigger", "TemporalExpression", "dateValue", "contentHash", "dateInterval"} {
		if !bytes.Contains(ttl, []byte("\ndossier:"+term+"\n")) {
			t.Errorf("dossier:%s is not defined in dossier.ttl", term)
		}
	}
	if _, err := exec.LookPath("rapper"); err != nil {
		t.Skip("rapper (raptor2-utils) not installed")
	}
	cmd := exec.Command("rapper", "-i", "turtle", "-c", "-", "https://dossier-archive.github.io/ns")
	cmd.Stdin = bytes.NewReader(ttl)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("rapper rejected dossier.ttl: %v\n%s", err, out)
	}
	if !bytes.Contains(out, []byte("returned ")) {
		t.Fatalf("unexpected rapper output:\n%s", out)
	}
}

// TestOntologyDefinesMappedTerms checks that every dossier: term the
// mapping emits is defined in the ontology file.
func TestOntologyDefinesMappedTerms(t *testing.T) {
	ttl := Turtle()
	for _, q := range mapMemo(t) {
		for _, term := range []Term{q.P, q.O, {Kind: IRI, Value: q.O.Datatype}} {
			if term.Kind == IRI && strings.HasPrefix(term.Value, Dossier) {
				local := strings.TrimPrefix(term.Value, Dossier)
				if !bytes.Contains(ttl, []byte("\ndossier:"+local+"\n")) {
					t.Errorf("dossier:%s is emitted but not defined in dossier.ttl", local)
				}
			}
		}
	}
}

func TestPrefixes(t *testing.T) {
	ps := Prefixes("https://archive.example.org")
	names := map[string]string{}
	for _, p := range ps {
		if _, dup := names[p.Name]; dup {
			t.Errorf("prefix %s twice", p.Name)
		}
		names[p.Name] = p.Namespace
		if err := CheckIRI(p.Namespace); err != nil {
			t.Errorf("prefix %s: %v", p.Name, err)
		}
	}
	for _, want := range []string{"rdf", "rdfs", "xsd", "owl", "skos", "dcterms", "foaf", "schema", "sem", "nif", "itsrdf", "prov", "dossier"} {
		if names[want] == "" {
			t.Errorf("prefix %s missing", want)
		}
	}
	if names["person"] != "https://archive.example.org/person/" {
		t.Errorf("person: = %q", names["person"])
	}
	m := Mapper{Base: "https://archive.example.org"}
	if got := m.EntityIRI(extract.Person, "cako"); got != names["person"]+"cako" {
		t.Errorf("EntityIRI = %q, not under person:", got)
	}
	if got := m.DocumentIRI("d1"); got != names["doc"]+"d1" {
		t.Errorf("DocumentIRI = %q, not under doc:", got)
	}
}

func BenchmarkMapDocument(b *testing.B) {
	doc := memo(b)
	b.SetBytes(int64(len(doc.Text)))
	b.ReportAllocs()
	var n int
	for b.Loop() {
		quads, err := Mapper{}.Quads(doc, testHash)
		if err != nil {
			b.Fatal(err)
		}
		n = len(quads)
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "quads/s")
}
