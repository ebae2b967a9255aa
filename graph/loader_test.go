package graph

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/dossier-archive/dossier/ontology"
)

// TestLoaderMatchesReplaceGraph: group commit gives the very store that
// one transaction per document gives, and the same Changes.
func TestLoaderMatchesReplaceGraph(t *testing.T) {
	docs := synthetic(6, 5) // batches of 7: documents share transactions
	names := []string{}
	for i := range 6 {
		names = append(names, "https://dossier.example.org/doc/"+string(rune('0'+i)))
	}
	var want []string
	var wantChanges []Changes
	backends(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		l := s.Loader()
		var got []Changes
		for _, g := range names {
			ch, err := l.ReplaceGraph(ctx, ontology.NewIRI(g), docs[g])
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, ch)
		}
		// The same document again, changed, while its first version may
		// still be staged.
		ch, err := l.ReplaceGraph(ctx, ontology.NewIRI(names[5]), docs[names[5]][:2])
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, ch)
		if err := l.Close(ctx); err != nil {
			t.Fatal(err)
		}
		d := dump(t, s)
		if want == nil {
			// First backend: compare with plain ReplaceGraph in a fresh store.
			ref, err := Open(ctx, Config{Store: "memory"})
			if err != nil {
				t.Fatal(err)
			}
			defer ref.Close()
			for _, g := range names {
				wantChanges = append(wantChanges, mustReplace(t, ref, g, docs[g]))
			}
			wantChanges = append(wantChanges, mustReplace(t, ref, names[5], docs[names[5]][:2]))
			want = dump(t, ref)
		}
		if !slices.Equal(d, want) {
			t.Errorf("store after Loader:\n%s", diff(want, d))
		}
		if !slices.Equal(got, wantChanges) {
			t.Errorf("changes %v, want %v", got, wantChanges)
		}
		if len(d) != 27 {
			t.Errorf("%d quads, want 27", len(d))
		}
	})
}

func TestLoaderBatchError(t *testing.T) {
	docs := synthetic(4, 3)
	backends(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		g := func(i int) string { return "https://dossier.example.org/doc/" + string(rune('0'+i)) }
		mustReplace(t, s, g(0), docs[g(0)])
		before := dump(t, s)
		s.w = &failingWriter{QuadWriter: s.w, n: 1}
		l := s.Loader()
		// 3 + 3 quads are staged; the third document does not fit in a
		// batch of 7 and flushes the first two, which fails.
		for i := 1; i <= 2; i++ {
			if _, err := l.ReplaceGraph(ctx, ontology.NewIRI(g(i)), docs[g(i)]); err != nil {
				t.Fatal(err)
			}
		}
		_, err := l.ReplaceGraph(ctx, ontology.NewIRI(g(3)), docs[g(3)])
		var be *BatchError
		if !errors.As(err, &be) || !slices.Equal(be.Graphs, []ontology.Term{ontology.NewIRI(g(1)), ontology.NewIRI(g(2)), ontology.NewIRI(g(3))}) {
			t.Fatalf("got %v", err)
		}
		if after := dump(t, s); !slices.Equal(before, after) {
			t.Errorf("the failed batch reached the store:\n%s", diff(before, after))
		}
		if err := l.Close(ctx); err != nil { // nothing is left staged
			t.Fatal(err)
		}
		if after := dump(t, s); !slices.Equal(before, after) {
			t.Errorf("Close wrote lost documents:\n%s", diff(before, after))
		}
	})
}

// TestConcurrentReadsAndWrites runs readers while a Loader writes; run
// with -race. Cayley's memstore has no locking of its own.
func TestConcurrentReadsAndWrites(t *testing.T) {
	docs := synthetic(20, 10)
	backends(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		done := make(chan struct{})
		errs := make(chan error, 3)
		for r := 0; r < 3; r++ {
			go func() {
				for {
					select {
					case <-done:
						errs <- nil
						return
					default:
					}
					var err error
					switch r {
					case 0:
						_, err = s.Stats(ctx)
					case 1:
						_, err = s.Query(ctx, "gizmo", `g.V().out("<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>").all()`, 10)
					case 2:
						_, err = s.Export(ctx, &collect{}, true)
					}
					if err != nil {
						errs <- err
						return
					}
				}
			}()
		}
		l := s.Loader()
		for g, qs := range docs {
			if _, err := l.ReplaceGraph(ctx, ontology.NewIRI(g), qs); err != nil {
				t.Fatal(err)
			}
		}
		if err := l.Close(ctx); err != nil {
			t.Fatal(err)
		}
		close(done)
		for r := 0; r < 3; r++ {
			if err := <-errs; err != nil {
				t.Error(err)
			}
		}
		if st := mustStats(t, s); st.Quads != 200 {
			t.Errorf("%d quads, want 200", st.Quads)
		}
	})
}

// TestMixedBatchKeepsNodes: a write that removes more quads of a node than
// it adds (here the literal "v": two quads of graph a go, one of graph b
// and then one of a come) stores the added quads whole. In one Cayley KV
// transaction they lost their object and the node could be deleted under
// them (see Store.apply).
func TestMixedBatchKeepsNodes(t *testing.T) {
	backends(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		const ex = "http://ex.org/"
		p, v := ontology.NewIRI(ex+"p"), ontology.NewString("v")
		q := func(subj string) ontology.Quad { return ontology.Quad{S: ontology.NewIRI(ex + subj), P: p, O: v} }
		mustReplace(t, s, ex+"a", []ontology.Quad{q("a1"), q("a2")})
		l := s.Loader()
		if _, err := l.ReplaceGraph(ctx, ontology.NewIRI(ex+"a"), nil); err != nil {
			t.Fatal(err)
		}
		if _, err := l.ReplaceGraph(ctx, ontology.NewIRI(ex+"b"), []ontology.Quad{q("b1")}); err != nil {
			t.Fatal(err)
		}
		if err := l.Close(ctx); err != nil {
			t.Fatal(err)
		}
		want := []string{
			`<http://ex.org/b1> <http://ex.org/p> "v" <http://ex.org/b> .`,
		}
		if got := dump(t, s); !slices.Equal(got, want) {
			t.Errorf("after one batch:\n got %q\nwant %q", got, want)
		}
		// one document's own replacement, in one call
		mustReplace(t, s, ex+"a", []ontology.Quad{q("a1"), q("a2")})
		if ch := mustReplace(t, s, ex+"a", []ontology.Quad{q("a3")}); ch != (Changes{Added: 1, Removed: 2}) {
			t.Errorf("changes %+v", ch)
		}
		want = []string{
			`<http://ex.org/a3> <http://ex.org/p> "v" <http://ex.org/a> .`,
			`<http://ex.org/b1> <http://ex.org/p> "v" <http://ex.org/b> .`,
		}
		if got := dump(t, s); !slices.Equal(got, want) {
			t.Errorf("after a replacement:\n got %q\nwant %q", got, want)
		}
		// the literal is still a node the store finds
		n := 0
		if err := s.Match(ctx, ontology.Term{}, ontology.Term{}, v, ontology.Term{}, func(ontology.Quad) error { n++; return nil }); err != nil || n != 2 {
			t.Errorf("quads with object \"v\": %d, %v", n, err)
		}
	})
}

// TestRemoveAllGraphs: after it, no graph and no quad is left, on every
// backend.
func TestRemoveAllGraphs(t *testing.T) {
	docs := synthetic(3, 4)
	backends(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		l := s.Loader()
		for g, quads := range docs {
			if _, err := l.ReplaceGraph(ctx, ontology.NewIRI(g), quads); err != nil {
				t.Fatal(err)
			}
		}
		if err := l.Close(ctx); err != nil {
			t.Fatal(err)
		}
		if gs, err := s.Graphs(ctx); err != nil || len(gs) != 3 {
			t.Fatalf("before: %d graphs (%v), want 3", len(gs), err)
		}
		if err := s.RemoveAllGraphs(ctx); err != nil {
			t.Fatal(err)
		}
		gs, err := s.Graphs(ctx)
		if err != nil || len(gs) != 0 {
			t.Fatalf("after: %d graphs (%v), want none", len(gs), err)
		}
		st, err := s.Stats(ctx)
		if err != nil || st.Quads != 0 {
			t.Fatalf("after: %d quads (%v), want none", st.Quads, err)
		}
	})
}
