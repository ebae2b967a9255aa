package network

import (
	"context"
	"sort"
	"strings"
	"testing"

	"github.com/dossier-archive/dossier/extract"
	"github.com/dossier-archive/dossier/graph"
	"github.com/dossier-archive/dossier/ontology"
)

// talkText is written for this test: a header line and two speaker turns
// of a transcript, five sentences.
const talkText = "Memorandum of a conversation, 4 May 1962.\n\n" +
	"Chairman Lin: Comrade Vasko, the Party expelled Tao Ming in March. Vasko and Tao Ming were friends.\n\n" +
	"Vasko: I met Sun Bo in Tirana. Lin and Sun Bo agree.\n"

// at returns the byte span of the n-th (from 1) occurrence of s in text.
func at(t testing.TB, text, s string, n int) extract.Span {
	t.Helper()
	off := 0
	for k := 1; ; k++ {
		i := strings.Index(text[off:], s)
		if i < 0 {
			t.Fatalf("%q occurrence %d not in the text", s, n)
		}
		if k == n {
			return extract.Span{Start: off + i, End: off + i + len(s)}
		}
		off += i + len(s)
	}
}

// talk is the document an extractor would make of talkText: who is named
// where, who speaks, and three events (the Party purges Tao Ming in March;
// Vasko meets Sun Bo in Tirana, undated; Lin publishes on Sun Bo in May).
func talk(t testing.TB) *extract.Document {
	const (
		lin = iota
		vasko
		tao
		sun
		party
		tirana
	)
	x := talkText
	sentence := func(s string, para, turn int) extract.Sentence {
		return extract.Sentence{Span: at(t, x, s, 1), Paragraph: para, Turn: turn}
	}
	mention := func(s string, n, e int, typ extract.EntityType) extract.Mention {
		return extract.Mention{Span: at(t, x, s, n), Text: s, Name: s, Type: typ, Entity: e}
	}
	p1 := at(t, x, "Chairman Lin: Comrade Vasko, the Party expelled Tao Ming in March. Vasko and Tao Ming were friends.", 1)
	p2 := at(t, x, "Vasko: I met Sun Bo in Tirana. Lin and Sun Bo agree.", 1)
	return &extract.Document{
		Text: x,
		Meta: extract.Metadata{ID: "talk-1962-05-04", Date: "1962-05-04"},
		Paragraphs: []extract.Span{
			at(t, x, "Memorandum of a conversation, 4 May 1962.", 1), p1, p2,
		},
		Sentences: []extract.Sentence{
			sentence("Memorandum of a conversation, 4 May 1962.", 0, -1),
			sentence("Chairman Lin: Comrade Vasko, the Party expelled Tao Ming in March.", 1, 0),
			sentence("Vasko and Tao Ming were friends.", 1, 0),
			sentence("Vasko: I met Sun Bo in Tirana.", 2, 1),
			sentence("Lin and Sun Bo agree.", 2, 1),
		},
		Turns: []extract.Turn{
			{Span: p1, Label: at(t, x, "Chairman Lin", 1), Speaker: lin},
			{Span: p2, Label: at(t, x, "Vasko", 3), Speaker: vasko},
		},
		Mentions: []extract.Mention{
			mention("Chairman Lin", 1, lin, extract.Person), // the label of turn 1
			mention("Vasko", 1, vasko, extract.Person),
			mention("Party", 1, party, extract.Organization),
			mention("Tao Ming", 1, tao, extract.Person),
			mention("Vasko", 2, vasko, extract.Person),
			mention("Tao Ming", 2, tao, extract.Person),
			mention("Vasko", 3, vasko, extract.Person), // the label of turn 2
			mention("Sun Bo", 1, sun, extract.Person),
			mention("Tirana", 1, tirana, extract.Place),
			mention("Lin", 2, lin, extract.Person),
			mention("Sun Bo", 2, sun, extract.Person),
		},
		Entities: []extract.Entity{
			{ID: "lin", Type: extract.Person, Name: "Lin"},
			{ID: "vasko", Type: extract.Person, Name: "Vasko"},
			{ID: "tao-ming", Type: extract.Person, Name: "Tao Ming"},
			{ID: "sun-bo", Type: extract.Person, Name: "Sun Bo"},
			{ID: "party", Type: extract.Organization, Name: "the Party"},
			{ID: "tirana", Type: extract.Place, Name: "Tirana"},
		},
		Events: []extract.Event{
			{Type: extract.Purge, Label: "Tao Ming expelled", Date: "1962-03", DateRef: -1,
				Evidence: at(t, x, "Comrade Vasko, the Party expelled Tao Ming in March.", 1),
				Agents:   []int{party}, Patients: []int{tao}, Place: -1},
			{Type: extract.Meeting, Label: "Vasko meets Sun Bo", DateRef: -1,
				Agents: []int{vasko, sun}, Place: tirana},
			{Type: extract.Publication, Label: "Lin on Sun Bo", Date: "1962-05", DateRef: -1,
				Agents: []int{lin}, Patients: []int{sun}, Place: -1},
		},
	}
}

// note is a second document, of 1965: "Vasko and Tao Ming spoke."
func note(t *testing.T) *extract.Document {
	x := "Vasko and Tao Ming spoke.\n"
	return &extract.Document{
		Text:       x,
		Meta:       extract.Metadata{ID: "note-1965", Date: "1965"},
		Paragraphs: []extract.Span{at(t, x, "Vasko and Tao Ming spoke.", 1)},
		Sentences:  []extract.Sentence{{Span: at(t, x, "Vasko and Tao Ming spoke.", 1), Turn: -1}},
		Mentions: []extract.Mention{
			{Span: at(t, x, "Vasko", 1), Text: "Vasko", Name: "Vasko", Type: extract.Person, Entity: 0},
			{Span: at(t, x, "Tao Ming", 1), Text: "Tao Ming", Name: "Tao Ming", Type: extract.Person, Entity: 1},
		},
		Entities: []extract.Entity{
			{ID: "vasko", Type: extract.Person, Name: "Vasko"},
			{ID: "tao-ming", Type: extract.Person, Name: "Tao Ming"},
		},
	}
}

// testStore loads documents into a memory store through the mapping.
func testStore(t testing.TB, docs ...*extract.Document) *graph.Store {
	t.Helper()
	ctx := context.Background()
	st, err := graph.Open(ctx, graph.Config{Store: "memory"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	var m ontology.Mapper
	for _, d := range docs {
		quads, err := m.Quads(d, "")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := st.ReplaceGraph(ctx, ontology.NewIRI(m.DocumentIRI(d.Meta.ID)), quads); err != nil {
			t.Fatal(err)
		}
	}
	return st
}

// edgeList writes a network's edges as "A–B:w" (undirected, names in
// order) or "A→B:w", sorted.
func edgeList(n *Network) []string {
	var out []string
	for _, e := range n.Edges {
		a, b := n.Nodes[e.From].Label, n.Nodes[e.To].Label
		sep := "→"
		if !n.Directed {
			sep = "–"
			if b < a {
				a, b = b, a
			}
		}
		out = append(out, a+sep+b+":"+exact(e.Weight))
	}
	sort.Strings(out)
	return out
}

func nodeList(n *Network) []string {
	var out []string
	for _, node := range n.Nodes {
		out = append(out, node.Label)
	}
	sort.Strings(out)
	return out
}

// Each projection of talk, counted on paper. The speakers' labels
// ("Chairman Lin:", "Vasko:") are not mentions; Tirana is a place, never
// a node.
//
//	sentences: S2 {Vasko, Party, Tao Ming}, S3 {Vasko, Tao Ming},
//	  S4 {Sun Bo}, S5 {Lin, Sun Bo}.
//	turns: 1 {Vasko, Party, Tao Ming}, 2 {Sun Bo, Lin}.
//	document: {Vasko, Party, Tao Ming, Sun Bo, Lin}: C(5,2) = 10 pairs.
//	speaker: Lin spoke of Vasko, the Party, Tao Ming; Vasko of Sun Bo, Lin.
//	events: purge Party → Tao Ming; meeting Vasko, Sun Bo;
//	  publication Lin → Sun Bo.
func TestProjections(t *testing.T) {
	st := testStore(t, talk(t))
	ctx := context.Background()
	all5 := []string{"Lin", "Sun Bo", "Tao Ming", "Vasko", "the Party"}
	for _, c := range []struct {
		p     Projection
		f     Filter
		nodes []string
		edges []string
	}{
		{CoMentionSentence, Filter{}, all5,
			[]string{"Lin–Sun Bo:1", "Tao Ming–Vasko:2", "Tao Ming–the Party:1", "Vasko–the Party:1"}},
		{CoMentionParagraph, Filter{}, all5,
			[]string{"Lin–Sun Bo:1", "Tao Ming–Vasko:1", "Tao Ming–the Party:1", "Vasko–the Party:1"}},
		{CoMentionDocument, Filter{}, all5,
			[]string{"Lin–Sun Bo:1", "Lin–Tao Ming:1", "Lin–Vasko:1", "Lin–the Party:1", "Sun Bo–Tao Ming:1",
				"Sun Bo–Vasko:1", "Sun Bo–the Party:1", "Tao Ming–Vasko:1", "Tao Ming–the Party:1", "Vasko–the Party:1"}},
		{Speaker, Filter{}, all5,
			[]string{"Lin→Tao Ming:1", "Lin→Vasko:1", "Lin→the Party:1", "Vasko→Lin:1", "Vasko→Sun Bo:1"}},
		{CoParticipation, Filter{}, all5,
			[]string{"Lin–Sun Bo:1", "Sun Bo–Vasko:1", "Tao Ming–the Party:1"}},
		{Purge, Filter{}, []string{"Tao Ming", "the Party"}, []string{"the Party→Tao Ming:1"}},
		{Publication, Filter{}, []string{"Lin", "Sun Bo"}, []string{"Lin→Sun Bo:1"}},
		// The meeting has agents and no target: Vasko stays alone.
		{AgentTarget, Filter{}, all5, []string{"Lin→Sun Bo:1", "the Party→Tao Ming:1"}},
		// Filters.
		{CoParticipation, Filter{EventTypes: []string{"meeting"}}, []string{"Sun Bo", "Vasko"}, []string{"Sun Bo–Vasko:1"}},
		{CoParticipation, Filter{EventTypes: []string{"Other"}}, nil, nil},
		// March 1962 keeps the purge; the meeting takes its document's
		// date (4 May), the publication is of May.
		{CoParticipation, Filter{Period: mustBetween(t, "1962-03", "1962-03")}, []string{"Tao Ming", "the Party"}, []string{"Tao Ming–the Party:1"}},
		{CoParticipation, Filter{Period: mustBetween(t, "1962-05-04", "")}, []string{"Lin", "Sun Bo", "Vasko"}, []string{"Lin–Sun Bo:1", "Sun Bo–Vasko:1"}},
		{CoMentionSentence, Filter{Period: mustBetween(t, "1963", "")}, nil, nil},
		{CoMentionSentence, Filter{Kinds: []Kind{Person}}, []string{"Lin", "Sun Bo", "Tao Ming", "Vasko"},
			[]string{"Lin–Sun Bo:1", "Tao Ming–Vasko:2"}},
		{CoMentionSentence, Filter{Kinds: []Kind{Organization}}, []string{"the Party"}, nil},
		{Speaker, Filter{Documents: []string{"elsewhere"}}, nil, nil},
	} {
		n, err := Project(ctx, st, c.p, c.f)
		if err != nil {
			t.Fatalf("%s %v: %v", c.p, c.f, err)
		}
		if got := nodeList(n); strings.Join(got, ", ") != strings.Join(c.nodes, ", ") {
			t.Errorf("%s (%s): nodes %q, want %q", c.p, c.f, got, c.nodes)
		}
		if got := edgeList(n); strings.Join(got, ", ") != strings.Join(c.edges, ", ") {
			t.Errorf("%s (%s): edges %q, want %q", c.p, c.f, got, c.edges)
		}
		if n.Directed != c.p.Directed() {
			t.Errorf("%s: directed %v", c.p, n.Directed)
		}
	}
}

func mustBetween(t *testing.T, from, to string) Period {
	t.Helper()
	p, err := Between(from, to)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// Two documents meet in one node per person; weights add up; choosing a
// document by identifier or IRI keeps its share only.
func TestProjectionAcrossDocuments(t *testing.T) {
	st := testStore(t, talk(t), note(t))
	ctx := context.Background()
	n, err := Project(ctx, st, CoMentionSentence, Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if w := n.Weight(n.NodeIndex(ontology.DefaultBase+"person/vasko"), n.NodeIndex(ontology.DefaultBase+"person/tao-ming")); w != 3 {
		t.Errorf("Vasko–Tao Ming in both documents: weight %v, want 2 + 1", w)
	}
	i := n.NodeIndex(ontology.DefaultBase + "organization/party")
	if i < 0 || n.Nodes[i].Label != "the Party" || n.Nodes[i].Kind != Organization {
		t.Errorf("the Party's node: %+v", n.Nodes)
	}
	for _, doc := range []string{"talk-1962-05-04", ontology.DefaultBase + "document/talk-1962-05-04"} {
		n, err = Project(ctx, st, CoMentionSentence, Filter{Documents: []string{doc}})
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Join(edgeList(n), ", "); !strings.Contains(got, "Tao Ming–Vasko:2") {
			t.Errorf("document %s only: %s", doc, got)
		}
	}
	n, err = Project(ctx, st, CoMentionSentence, Filter{Period: mustBetween(t, "1965", "1965")})
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(edgeList(n), ", "); got != "Tao Ming–Vasko:1" {
		t.Errorf("1965 only: %s", got)
	}
}

func TestProjectErrors(t *testing.T) {
	st := testStore(t, note(t))
	if _, err := Project(context.Background(), st, "friendship", Filter{}); err == nil {
		t.Error("unknown projection accepted")
	}
	if _, err := Project(context.Background(), st, CoParticipation, Filter{EventTypes: []string{"Banquet"}}); err == nil {
		t.Error("unknown event type accepted")
	}
	for _, s := range []string{"co-mention", "Co-Mention-Document", " purge "} {
		if _, err := ParseProjection(s); err != nil {
			t.Errorf("ParseProjection(%q): %v", s, err)
		}
	}
}

func TestParseDate(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"1966", "1966-01-01–1966-12-31"},
		{"1966-02", "1966-02-01–1966-02-28"},
		{"1964-02", "1964-02-01–1964-02-29"},
		{"1967-02-03", "1967-02-03–1967-02-03"},
		{"1967-02-03T17:20:00", "1967-02-03–1967-02-03"},
		{"1959/1961", "1959-01-01–1961-12-31"},
		{"1953-12/1954-05", "1953-12-01–1954-05-31"},
	} {
		p, err := ParseDate(c.in)
		if err != nil || p.String() != c.want {
			t.Errorf("ParseDate(%q) = %s, %v; want %s", c.in, p, err, c.want)
		}
	}
	for _, bad := range []string{"", "May 1966", "1966-13", "1961/1959", "66"} {
		if _, err := ParseDate(bad); err == nil {
			t.Errorf("ParseDate(%q) accepted", bad)
		}
	}
	if _, err := Between("1967", "1966"); err == nil {
		t.Error("a period ending before it begins was accepted")
	}
}
