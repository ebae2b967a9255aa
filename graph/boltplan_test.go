package graph

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"testing"

	"github.com/cayleygraph/cayley/query/path"
	"github.com/cayleygraph/cayley/query/shape"
	"github.com/cayleygraph/quad"

	"github.com/dossier-archive/dossier/ontology"
)

// TestPlannedQueries: Gizmo on bolt, through the planned store, answers
// as on the memory store (the same results, as many times each: all()
// lists a node once per path), and gives the nodes worked out by hand:
// has() and in()/out() with two fixed terms (the
// index prefix scans), a type removed from one document but not another,
// a type removed everywhere (its quads stay listed in Cayley's indexes,
// marked deleted in the log), tags, and a pattern no index leads with.
func TestPlannedQueries(t *testing.T) {
	ctx := context.Background()
	const ex = "http://ex.org/"
	typ, lbl := ontology.NewIRI(ontology.RDFType), ontology.NewIRI(ontology.RDFSLabel)
	person, org := ontology.NewIRI(ontology.SchemaPerson), ontology.NewIRI(ontology.SchemaOrganization)
	doc := func(i int, people ...int) (string, []ontology.Quad) {
		g := fmt.Sprintf("%sdoc/%d", ex, i)
		var qs []ontology.Quad
		for _, p := range people {
			pi := ontology.NewIRI(fmt.Sprintf("%sp/%d", ex, p))
			qs = append(qs,
				ontology.Quad{S: pi, P: typ, O: person},
				ontology.Quad{S: pi, P: lbl, O: ontology.NewString(fmt.Sprintf("Name %d", p%5))},
			)
		}
		qs = append(qs, ontology.Quad{S: ontology.NewIRI(g), P: lbl, O: ontology.NewString("Name 1")},
			ontology.Quad{S: ontology.NewIRI(g), P: typ, O: org})
		return g, qs
	}
	mem, err := Open(ctx, Config{Store: "memory"})
	if err != nil {
		t.Fatal(err)
	}
	defer mem.Close()
	bs, err := Open(ctx, Config{Store: t.TempDir() + "/store", BatchSize: 4})
	if err != nil {
		t.Fatal(err)
	}
	defer bs.Close()
	for _, s := range []*Store{mem, bs} {
		for i := 0; i < 8; i++ {
			g, qs := doc(i, i, i+1, i+2, 11)
			mustReplace(t, s, g, qs)
		}
		// p/11 and p/3 are no longer people in document 3; p/3 still is
		// in documents 1 and 2; p/11 in the others.
		g, qs := doc(3, 4, 5)
		mustReplace(t, s, g, qs)
		// p/0 was a person only in document 0: now nowhere.
		g, qs = doc(0, 1, 2)
		mustReplace(t, s, g, qs)
	}
	queries := []string{
		`g.V("Name 0").in("<` + ontology.RDFSLabel + `>").has("<` + ontology.RDFType + `>", "<` + ontology.SchemaPerson + `>").unique().all()`,
		`g.V("Name 1").in("<` + ontology.RDFSLabel + `>").has("<` + ontology.RDFType + `>", "<` + ontology.SchemaPerson + `>").unique().all()`,
		`g.V("Name 1").in("<` + ontology.RDFSLabel + `>").has("<` + ontology.RDFType + `>", "<` + ontology.SchemaOrganization + `>").all()`,
		`g.V("Name 3").in("<` + ontology.RDFSLabel + `>").tag("who").has("<` + ontology.RDFType + `>", "<` + ontology.SchemaPerson + `>").all()`,
		`g.V().has("<` + ontology.RDFType + `>", "<` + ontology.SchemaPerson + `>").count()`,
		`g.V("<` + ex + `p/3>").out("<` + ontology.RDFSLabel + `>").all()`,
		`g.V("<` + ex + `p/11>").has("<` + ontology.RDFType + `>", "<` + ontology.SchemaPerson + `>").all()`,
		`g.V("<` + ex + `p/0>", "<` + ex + `p/1>").has("<` + ontology.RDFType + `>", "<` + ontology.SchemaPerson + `>").all()`,
		`g.V().has("<` + ontology.RDFSLabel + `>", "Name 4").has("<` + ontology.RDFType + `>", "<` + ontology.SchemaPerson + `>").unique().all()`,
	}
	want := [][]string{
		{"p/5"}, // p/0 is a person nowhere now
		{"p/1", "p/6", "p/11"},
		{"doc/0", "doc/1", "doc/2", "doc/3", "doc/4", "doc/5", "doc/6", "doc/7"},
		{"p/3", "p/8"},
		nil, // a count, compared between backends only
		{"Name 3"},
		{"p/11"},
		{"p/1"},
		{"p/4", "p/9"},
	}
	for i, q := range queries {
		run := func(s *Store) []string {
			got, err := s.Query(ctx, "gizmo", q, 0)
			if err != nil {
				t.Fatalf("%s: %v", q, err)
			}
			var out []string
			for _, r := range got {
				js, _ := json.Marshal(r)
				out = append(out, string(js))
			}
			slices.Sort(out)
			return out
		}
		got, fromMem := run(bs), run(mem)
		if !slices.Equal(got, fromMem) {
			t.Errorf("%s:\n bolt   %q\n memory %q", q, got, fromMem)
		}
		if want[i] == nil {
			continue
		}
		var w []string
		for _, id := range want[i] {
			if id[0] == 'N' {
				w = append(w, fmt.Sprintf(`{"id":%q}`, id))
			} else {
				w = append(w, fmt.Sprintf(`{"id":"\u003c%s%s\u003e"}`, ex, id))
			}
		}
		if i == 3 {
			for j, id := range want[i] {
				w[j] = fmt.Sprintf(`{"id":"\u003c%s%s\u003e","who":"\u003c%s%s\u003e"}`, ex, id, ex, id)
			}
		}
		slices.Sort(w)
		if set := slices.Compact(slices.Clone(got)); !slices.Equal(set, w) {
			t.Errorf("%s:\n got  %q\n want %q", q, got, w)
		}
	}
}

// TestPlanPersonLookup: on bolt, the person lookup is planned as a scan of
// the name's label quads, each candidate checked by one index entry.
func TestPlanPersonLookup(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, Config{Store: t.TempDir() + "/store"})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	loadFixture(t, s)
	p := path.StartPath(s.planned(), quad.String("Mao Zedong")).In(quad.IRI(ontology.RDFSLabel)).
		Has(quad.IRI(ontology.RDFType), quad.IRI(ontology.SchemaPerson))
	sh, _ := shape.Optimize(ctx, p.Shape(), s.planned())
	n := 0
	shape.Walk(sh, func(c shape.Shape) bool {
		switch c.(type) {
		case nodesByIndex:
			n++
			return false
		case shape.QuadsAction:
			t.Errorf("a pattern was left to Cayley's intersection of one-term iterators: %#v", c)
		}
		return true
	})
	if n != 2 {
		t.Errorf("%d patterns planned by index prefix, want 2 (in and has): %#v", n, sh)
	}
}
