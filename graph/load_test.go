package graph

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/cayleygraph/cayley/graph"

	"github.com/dossier-archive/dossier/ontology"
)

const (
	docA = "https://dossier.example.org/doc/0"
	docB = "https://dossier.example.org/doc/1"
)

func TestReplaceGraphIsIdempotent(t *testing.T) {
	docs := synthetic(2, 20)
	backends(t, func(t *testing.T, s *Store) {
		if ch := mustReplace(t, s, docA, docs[docA]); ch != (Changes{Added: 20}) {
			t.Errorf("first load: %+v", ch)
		}
		mustReplace(t, s, docB, docs[docB])
		before := dump(t, s)
		st := mustStats(t, s)
		if st.Quads != 40 || len(before) != 40 {
			t.Fatalf("after two documents of 20 quads: %d quads, dump %d", st.Quads, len(before))
		}
		// Reloading a document, in a different order and with duplicates,
		// changes nothing.
		again := slices.Clone(docs[docA])
		slices.Reverse(again)
		again = append(again, again[:5]...)
		if ch := mustReplace(t, s, docA, again); ch != (Changes{}) {
			t.Errorf("reload: %+v, want no change", ch)
		}
		if after := dump(t, s); !slices.Equal(after, before) {
			t.Errorf("reload changed the store:\n%s", diff(before, after))
		}
		if got := mustStats(t, s).Quads; got != 40 {
			t.Errorf("quads after reload: %d, want 40", got)
		}
	})
}

func TestReplaceGraphReplaces(t *testing.T) {
	docs := synthetic(2, 20)
	backends(t, func(t *testing.T, s *Store) {
		mustReplace(t, s, docA, docs[docA])
		mustReplace(t, s, docB, docs[docB])
		otherBefore := graphDump(t, s, docB)

		// The changed document keeps 12 of its quads, loses 8 and gains 3.
		changed := slices.Clone(docs[docA][:12])
		G := ontology.NewIRI(docA)
		changed = append(changed,
			ontology.Quad{S: G, P: ontology.NewIRI(ontology.DCTerms + "date"), O: ontology.NewTyped("1967-02", ontology.XSD+"gYearMonth")},
			ontology.Quad{S: G, P: ontology.NewIRI(ontology.DCTerms + "language"), O: ontology.NewString("sq"), G: G},
			ontology.Quad{S: ontology.NewBlank("turn1"), P: ontology.NewIRI(ontology.Dossier + "speaker"), O: ontology.NewIRI("https://dossier.example.org/person/mao-zedong"), G: G},
		)
		if ch := mustReplace(t, s, docA, changed); ch != (Changes{Added: 3, Removed: 8}) {
			t.Errorf("changes: %+v, want 3 added, 8 removed", ch)
		}
		want := make([]ontology.Quad, len(changed))
		for i, q := range changed {
			q.G = G
			want[i] = q
		}
		wantLines := nqText(t, want)
		slices.Sort(wantLines)
		if got := graphDump(t, s, docA); !slices.Equal(got, wantLines) {
			t.Errorf("graph after replace:\n%s", diff(wantLines, got))
		}
		if got := graphDump(t, s, docB); !slices.Equal(got, otherBefore) {
			t.Errorf("the other graph changed:\n%s", diff(otherBefore, got))
		}
		if got := mustStats(t, s).Quads; got != 35 {
			t.Errorf("quads: %d, want 35", got)
		}
	})
}

func TestReplaceGraphRejectsForeignQuads(t *testing.T) {
	backends(t, func(t *testing.T, s *Store) {
		G := ontology.NewIRI(docA)
		bad := [][]ontology.Quad{
			{{S: G, P: G, O: G, G: ontology.NewIRI(docB)}},                              // another graph
			{{S: ontology.NewString("x"), P: G, O: G}},                                  // literal subject
			{{S: G, P: G, O: ontology.NewIRI("http://ex.org/a b")}},                     // space in IRI
			{{S: G, P: G, O: ontology.NewLangString("x", "en us")}},                     // bad language tag
			{{S: G, P: G, O: ontology.Term{Kind: ontology.Literal, Value: "\xff\xfe"}}}, // not UTF-8
		}
		mustReplace(t, s, docA, synthetic(1, 5)[docA])
		before := dump(t, s)
		for i, qs := range bad {
			if _, err := s.ReplaceGraph(context.Background(), G, qs); err == nil {
				t.Errorf("case %d: accepted %v", i, qs)
			}
		}
		if _, err := s.ReplaceGraph(context.Background(), ontology.NewString("g"), nil); err == nil {
			t.Error("a literal graph name was accepted")
		}
		if after := dump(t, s); !slices.Equal(before, after) {
			t.Errorf("a rejected load changed the store:\n%s", diff(before, after))
		}
	})
}

func TestRemoveGraph(t *testing.T) {
	docs := synthetic(2, 20)
	backends(t, func(t *testing.T, s *Store) {
		mustReplace(t, s, docA, docs[docA])
		mustReplace(t, s, docB, docs[docB])
		otherBefore := graphDump(t, s, docB)
		n, err := s.RemoveGraph(context.Background(), ontology.NewIRI(docA))
		if err != nil || n != 20 {
			t.Fatalf("RemoveGraph = %d, %v; want 20", n, err)
		}
		if got := graphDump(t, s, docA); len(got) != 0 {
			t.Errorf("removed graph still holds %v", got)
		}
		// Triples the two documents shared (persons typed in both) stay
		// in the other document's graph.
		if got := graphDump(t, s, docB); !slices.Equal(got, otherBefore) {
			t.Errorf("the other graph changed:\n%s", diff(otherBefore, got))
		}
		if n, err := s.RemoveGraph(context.Background(), ontology.NewIRI(docA)); n != 0 || err != nil {
			t.Errorf("removing again: %d, %v", n, err)
		}
		if gs, err := s.Graphs(context.Background()); err != nil || len(gs) != 1 || gs[0] != (GraphInfo{ontology.NewIRI(docB), 20}) {
			t.Errorf("Graphs = %+v, %v", gs, err)
		}
	})
}

func TestGraphHash(t *testing.T) {
	docs := synthetic(2, 6)
	backends(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		if h, ok, err := s.GraphHash(ctx, ontology.NewIRI(docA)); h != "" || ok || err != nil {
			t.Errorf("empty store: %q, %v, %v", h, ok, err)
		}
		mustReplace(t, s, docA, docs[docA])
		mustReplace(t, s, docB, docs[docB])
		if h, ok, err := s.GraphHash(ctx, ontology.NewIRI(docB)); h != "1eef" || !ok || err != nil { // 7919 in hex
			t.Errorf("GraphHash = %q, %v, %v; want 1eef", h, ok, err)
		}
		// The same triple in another graph is not the document's hash.
		G := ontology.NewIRI("https://dossier.example.org/other")
		mustReplace(t, s, G.Value, []ontology.Quad{{S: G, P: ontology.NewIRI(ContentHash), O: ontology.NewString("x")}})
		mustReplace(t, s, "https://dossier.example.org/elsewhere", []ontology.Quad{{S: G, P: ontology.NewIRI(ContentHash), O: ontology.NewString("y")}})
		if h, ok, err := s.GraphHash(ctx, G); h != "x" || !ok || err != nil {
			t.Errorf("GraphHash = %q, %v, %v; want x", h, ok, err)
		}
	})
}

func TestGraphs(t *testing.T) {
	backends(t, func(t *testing.T, s *Store) {
		docs := synthetic(3, 4)
		for _, g := range []string{docB, docA, "https://dossier.example.org/doc/2"} {
			mustReplace(t, s, g, docs[g])
		}
		gs, err := s.Graphs(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, g := range gs {
			got = append(got, g.Graph.Value+" "+string(rune('0'+g.Quads)))
		}
		want := []string{docA + " 4", docB + " 4", "https://dossier.example.org/doc/2 4"}
		if !slices.Equal(got, want) {
			t.Errorf("Graphs = %v, want %v", got, want)
		}
	})
}

// failingWriter fails the n-th transaction it is given.
type failingWriter struct {
	graph.QuadWriter
	n int
}

func (w *failingWriter) ApplyTransaction(tx *graph.Transaction) error {
	w.n--
	if w.n == 0 {
		return errors.New("disk on fire")
	}
	return w.QuadWriter.ApplyTransaction(tx)
}

func TestReplaceGraphUndoesAFailedBatch(t *testing.T) {
	docs := synthetic(2, 30)
	backends(t, func(t *testing.T, s *Store) {
		mustReplace(t, s, docA, docs[docA][:10])
		mustReplace(t, s, docB, docs[docB])
		before := dump(t, s)
		// 20 adds in batches of 7: the third transaction fails.
		s.w = &failingWriter{QuadWriter: s.w, n: 3}
		_, err := s.ReplaceGraph(context.Background(), ontology.NewIRI(docA), docs[docA])
		if err == nil || !strings.Contains(err.Error(), "disk on fire") {
			t.Fatalf("got %v", err)
		}
		if after := dump(t, s); !slices.Equal(before, after) {
			t.Errorf("a failed replace left the store changed:\n%s", diff(before, after))
		}
	})
}

// graphDump is one graph as sorted N-Quads lines.
func graphDump(t *testing.T, s *Store, g string) []string {
	t.Helper()
	var out []string
	for _, l := range dump(t, s) {
		if strings.HasSuffix(l, " <"+g+"> .") {
			out = append(out, l)
		}
	}
	return out
}

// diff lists lines only in want (-) and only in got (+).
func diff(want, got []string) string {
	var b strings.Builder
	for _, l := range want {
		if !slices.Contains(got, l) {
			b.WriteString("- " + l + "\n")
		}
	}
	for _, l := range got {
		if !slices.Contains(want, l) {
			b.WriteString("+ " + l + "\n")
		}
	}
	if b.Len() == 0 {
		return "(same lines, different multiplicity or order)"
	}
	return b.String()
}
