package graph

import (
	"context"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/dossier-archive/dossier/ontology"
)

const authority = "file:///archive/authority.ttl"

func authorityQuads(n int) []ontology.Quad {
	var qs []ontology.Quad
	for i := 0; i < n; i++ {
		p := ontology.NewIRI(fmt.Sprintf("https://dossier.example.org/person/%d", i))
		qs = append(qs, ontology.Quad{S: p, P: ontology.NewIRI(ontology.RDFS + "label"), O: ontology.NewLangString(fmt.Sprintf("Person %d \"Çako\"", i), "sq")})
	}
	return qs
}

func TestImport(t *testing.T) {
	backends(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		mustReplace(t, s, docA, synthetic(1, 10)[docA])
		in := authorityQuads(20) // more than one batch of 7: spilled
		in = append(in, in[3])   // a duplicate line
		in = append(in, ontology.Quad{S: ontology.NewBlank("b1"), P: ontology.NewIRI(ontology.RDFS + "label"), O: ontology.NewString("anonymous"), G: ontology.NewIRI(docB)})
		ch, err := s.Import(ctx, &sliceDecoder{quads: in}, ontology.NewIRI(authority))
		if err != nil {
			t.Fatal(err)
		}
		if ch != (Changes{Added: 21}) {
			t.Errorf("changes %+v, want 21 added", ch)
		}
		gs, _ := s.Graphs(ctx)
		want := []GraphInfo{{ontology.NewIRI(authority), 20}, {ontology.NewIRI(docA), 10}, {ontology.NewIRI(docB), 1}}
		if !slices.Equal(gs, want) {
			t.Errorf("graphs %+v, want %+v", gs, want)
		}
		// Importing again adds nothing.
		before := dump(t, s)
		ch, err = s.Import(ctx, &sliceDecoder{quads: in}, ontology.NewIRI(authority))
		if err != nil || ch != (Changes{}) {
			t.Errorf("second import: %+v, %v", ch, err)
		}
		if after := dump(t, s); !slices.Equal(before, after) {
			t.Errorf("second import changed the store:\n%s", diff(before, after))
		}
		// The imported file can be removed whole.
		if n, err := s.RemoveGraph(ctx, ontology.NewIRI(authority)); n != 20 || err != nil {
			t.Errorf("RemoveGraph = %d, %v", n, err)
		}
	})
}

func TestImportScopesBlankNodes(t *testing.T) {
	backends(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		b := ontology.NewBlank("b1")
		label := ontology.NewIRI(ontology.RDFS + "label")
		for _, f := range []string{"file:///one.ttl", "file:///two.ttl"} {
			in := []ontology.Quad{{S: b, P: label, O: ontology.NewString(f)}}
			if _, err := s.Import(ctx, &sliceDecoder{quads: in}, ontology.NewIRI(f)); err != nil {
				t.Fatal(err)
			}
		}
		var c collect
		s.Export(ctx, &c, true)
		if len(c.quads) != 2 || c.quads[0].S == c.quads[1].S {
			t.Errorf("_:b1 of two files merged: %v", c.quads)
		}
	})
}

// TestImportBadInputLeavesStoreUnchanged: whatever is wrong, wherever it
// is, the store is byte for byte what it was.
func TestImportBadInputLeavesStoreUnchanged(t *testing.T) {
	good := authorityQuads(30)
	bad := func(q ontology.Quad, at int) []ontology.Quad {
		in := slices.Clone(good)
		return slices.Insert(in, at, q)
	}
	G := ontology.NewIRI(authority)
	cases := map[string]*sliceDecoder{
		"syntax error at the end":   {quads: good, err: errors.New("authority.ttl:31: expected '.'")},
		"syntax error at the start": {err: errors.New("authority.ttl:1: expected '.'")},
		"literal subject":           {quads: bad(ontology.Quad{S: ontology.NewString("x"), P: G, O: G}, 25)},
		"bad IRI":                   {quads: bad(ontology.Quad{S: G, P: G, O: ontology.NewIRI("http://ex.org/a>b")}, 29)},
		"invalid UTF-8":             {quads: bad(ontology.Quad{S: G, P: G, O: ontology.NewString("\xc3\x28")}, 12)},
	}
	backends(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		s.tempDir = t.TempDir()
		mustReplace(t, s, docA, synthetic(1, 10)[docA])
		if _, err := s.Import(ctx, &sliceDecoder{quads: authorityQuads(3)}, G); err != nil {
			t.Fatal(err)
		}
		before := dump(t, s)
		for name, dec := range cases {
			dec := *dec
			if _, err := s.Import(ctx, &dec, G); err == nil {
				t.Errorf("%s: accepted", name)
			} else if strings.HasPrefix(name, "syntax") && !strings.Contains(err.Error(), "authority.ttl:") {
				t.Errorf("%s: the error %q lost the file and line", name, err)
			}
			if after := dump(t, s); !slices.Equal(before, after) {
				t.Errorf("%s: the store changed:\n%s", name, diff(before, after))
			}
		}
		// Quads with no graph need a default graph.
		if _, err := s.Import(ctx, &sliceDecoder{quads: good}, ontology.Term{}); err == nil {
			t.Error("triples with no default graph were accepted")
		}
		// Spill files are removed.
		if m, err := os.ReadDir(s.tempDir); err != nil || len(m) != 0 {
			t.Errorf("left in the spill directory: %v, %v", m, err)
		}
	})
}

func TestImportUndoesAFailedBatch(t *testing.T) {
	backends(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		G := ontology.NewIRI(authority)
		if _, err := s.Import(ctx, &sliceDecoder{quads: authorityQuads(10)}, G); err != nil {
			t.Fatal(err)
		}
		before := dump(t, s)
		// 30 quads, 10 already there, batches of 7: the 4th write fails
		// after 3 batches added quads.
		s.w = &failingWriter{QuadWriter: s.w, n: 4}
		_, err := s.Import(ctx, &sliceDecoder{quads: authorityQuads(30)}, G)
		if err == nil || !strings.Contains(err.Error(), "disk on fire") {
			t.Fatalf("got %v", err)
		}
		if after := dump(t, s); !slices.Equal(before, after) {
			t.Errorf("a failed import left the store changed:\n%s", diff(before, after))
		}
	})
}

func TestSpillRoundTrip(t *testing.T) {
	sp := &spill{batch: 2, dir: t.TempDir()}
	defer sp.close()
	in := append(authorityQuads(5), ontology.Quad{S: ontology.NewBlank("x"), P: ontology.NewIRI("http://p"), O: ontology.NewTyped("\x00\n", "http://dt"), G: ontology.NewIRI("http://g")})
	for _, q := range in {
		if err := sp.add(q); err != nil {
			t.Fatal(err)
		}
	}
	if err := sp.rewind(); err != nil {
		t.Fatal(err)
	}
	var out []ontology.Quad
	for {
		b, err := sp.next()
		if err != nil {
			t.Fatal(err)
		}
		if len(b) == 0 {
			break
		}
		if len(b) > 2 {
			t.Errorf("batch of %d", len(b))
		}
		out = append(out, b...)
	}
	if !slices.Equal(in, out) {
		t.Errorf("spilled %v\nread back %v", in, out)
	}
}
