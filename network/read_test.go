package network

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"testing"

	gen "github.com/dossier-archive/dossier/corpus/synthetic"
	"github.com/dossier-archive/dossier/extract"
	"github.com/dossier-archive/dossier/graph"
	"github.com/dossier-archive/dossier/ontology"
)

// TestProjectBoltAsMemory: generated documents loaded through a Loader,
// some of them then replaced in the same batch as others are written and
// one removed, leave the bolt and the memory store holding exactly the
// quads written, and every projection reads the same network from both
// (on bolt, Match reads the file's index and log itself).
func TestProjectBoltAsMemory(t *testing.T) {
	ctx := context.Background()
	g, err := gen.New(3, 40)
	if err != nil {
		t.Fatal(err)
	}
	x, err := extract.New()
	if err != nil {
		t.Fatal(err)
	}
	var m ontology.Mapper
	type doc struct {
		g     ontology.Term
		quads []ontology.Quad
	}
	var docs []doc
	for i := 0; i < 40; i++ {
		d := g.Document(i)
		xd, err := x.Extract(d.Name, d.Text)
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(d.Text)
		qs, err := m.Quads(xd, hex.EncodeToString(sum[:]))
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, doc{ontology.NewIRI(m.DocumentIRI(xd.Meta.ID)), qs})
	}
	var stores []*graph.Store
	for _, where := range []string{"memory", t.TempDir() + "/store"} {
		st, err := graph.Open(ctx, graph.Config{Store: where, BatchSize: 3000})
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		l := st.Loader()
		for _, d := range docs {
			if _, err := l.ReplaceGraph(ctx, d.g, d.quads); err != nil {
				t.Fatal(err)
			}
		}
		// documents 0–4 lose their last hundred quads; 5 is removed
		for _, d := range docs[:5] {
			if _, err := l.ReplaceGraph(ctx, d.g, d.quads[:len(d.quads)-100]); err != nil {
				t.Fatal(err)
			}
		}
		if err := l.Close(ctx); err != nil {
			t.Fatal(err)
		}
		if _, err := st.RemoveGraph(ctx, docs[5].g); err != nil {
			t.Fatal(err)
		}
		stores = append(stores, st)
	}
	// both hold exactly the quads written
	var want []string
	for i, d := range docs {
		qs := d.quads
		switch {
		case i < 5:
			qs = qs[:len(qs)-100]
		case i == 5:
			continue
		}
		for _, q := range qs {
			if q.G.IsZero() {
				q.G = d.g
			}
			want = append(want, fmt.Sprint(q))
		}
	}
	slices.Sort(want)
	want = slices.Compact(want)
	for _, st := range stores {
		var c quadStrings
		if _, err := st.Export(ctx, &c, false); err != nil {
			t.Fatal(err)
		}
		slices.Sort(c)
		if !slices.Equal(c, want) {
			t.Errorf("%s holds %d quads, %d were written", st.Backend(), len(c), len(want))
		}
	}
	for _, p := range Projections {
		var nodes, edges [2][]string
		for i, st := range stores {
			n, err := Project(ctx, st, p, Filter{})
			if err != nil {
				t.Fatalf("%s on %s: %v", p, st.Backend(), err)
			}
			nodes[i], edges[i] = nodeList(n), edgeList(n)
		}
		if !slices.Equal(nodes[0], nodes[1]) || !slices.Equal(edges[0], edges[1]) {
			t.Errorf("%s: memory %d nodes, %d edges; bolt %d nodes, %d edges", p, len(nodes[0]), len(edges[0]), len(nodes[1]), len(edges[1]))
		}
		if p == CoMention && (len(nodes[0]) < 20 || len(edges[0]) < 20) {
			t.Errorf("%s: only %d nodes and %d edges from 39 documents", p, len(nodes[0]), len(edges[0]))
		}
	}
}

// quadStrings keeps the quads it is given as text.
type quadStrings []string

func (c *quadStrings) Encode(q ontology.Quad) error {
	*c = append(*c, fmt.Sprint(q))
	return nil
}
