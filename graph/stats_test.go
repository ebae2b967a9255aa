package graph

import (
	"context"
	"testing"
)

// statsFixture is a small archive whose numbers are counted by hand below.
const statsFixture = `
<http://ex.org/doc/a> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://schema.org/CreativeWork> <http://ex.org/doc/a> .
<http://ex.org/doc/a> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://xmlns.com/foaf/0.1/Document> <http://ex.org/doc/a> .
<http://ex.org/doc/a> <http://purl.org/dc/terms/title> "Memorandum of Conversation"@en <http://ex.org/doc/a> .
<http://ex.org/p/mao> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://schema.org/Person> <http://ex.org/doc/a> .
<http://ex.org/p/mao> <http://www.w3.org/2000/01/rdf-schema#label> "Mao Zedong" <http://ex.org/doc/a> .
<http://ex.org/p/shehu> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://schema.org/Person> <http://ex.org/doc/a> .
<http://ex.org/o/ccp> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://schema.org/Organization> <http://ex.org/doc/a> .
<http://ex.org/l/beijing> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://schema.org/Place> <http://ex.org/doc/a> .
<http://ex.org/e/1> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://semanticweb.cs.vu.nl/2009/11/sem/Event> <http://ex.org/doc/a> .
<http://ex.org/e/1> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://dossier-archive.github.io/ns#Purge> <http://ex.org/doc/a> .
<http://ex.org/doc/b> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://schema.org/CreativeWork> <http://ex.org/doc/b> .
<http://ex.org/p/mao> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://schema.org/Person> <http://ex.org/doc/b> .
<http://ex.org/p/mao> <http://www.w3.org/2000/01/rdf-schema#label> "Mao Zedong" <http://ex.org/doc/b> .
<http://ex.org/p/mao> <http://www.w3.org/2004/02/skos/core#altLabel> "Chairman Mao" <http://ex.org/doc/b> .
<http://ex.org/e/2> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://dossier-archive.github.io/ns#Plenum> <http://ex.org/doc/b> .
<http://ex.org/e/3> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://dossier-archive.github.io/ns#Publication> <http://ex.org/doc/b> .
<http://ex.org/e/3> <http://purl.org/dc/terms/date> "1966"^^<http://www.w3.org/2001/XMLSchema#gYear> <http://ex.org/doc/b> .
<http://ex.org/x> <http://www.w3.org/2000/01/rdf-schema#label> "Person" <http://ex.org/doc/b> .
<http://ex.org/x> <http://www.w3.org/2000/01/rdf-schema#seeAlso> <https://schema.org/Person> <http://ex.org/doc/b> .
`

func TestStats(t *testing.T) {
	byGraph := map[string]int{}
	qs := parseNQ(t, statsFixture)
	backends(t, func(t *testing.T, s *Store) {
		for _, g := range []string{"http://ex.org/doc/a", "http://ex.org/doc/b"} {
			var part = qs[:0:0]
			for _, q := range qs {
				if q.G.Value == g {
					part = append(part, q)
				}
			}
			byGraph[g] = len(part)
			mustReplace(t, s, g, part)
		}
		got := mustStats(t, s)
		want := Stats{
			Documents:     2, // doc/a, doc/b
			Persons:       2, // mao (typed in both graphs), shehu; x only points at the class
			Organizations: 1,
			Places:        1,
			Events:        3, // e/1 (sem:Event and Purge: one), e/2, e/3
			Quads:         19,
			Triples:       17, // mao's type and label are in both graphs
		}
		if got != want {
			t.Errorf("Stats = %+v\nwant    %+v", got, want)
		}
	})
	if byGraph["http://ex.org/doc/a"] != 10 || byGraph["http://ex.org/doc/b"] != 9 {
		t.Errorf("fixture split %v", byGraph)
	}
}

func TestStatsEmpty(t *testing.T) {
	backends(t, func(t *testing.T, s *Store) {
		if got := mustStats(t, s); got != (Stats{}) {
			t.Errorf("empty store: %+v", got)
		}
	})
}

// TestStatsAfterRemoval checks counts after deletes, which is where
// Cayley's stores keep tombstones and counters that could drift.
func TestStatsAfterRemoval(t *testing.T) {
	qs := parseNQ(t, statsFixture)
	backends(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		var a, b = qs[:0:0], qs[:0:0]
		for _, q := range qs {
			if q.G.Value == "http://ex.org/doc/a" {
				a = append(a, q)
			} else {
				b = append(b, q)
			}
		}
		mustReplace(t, s, "http://ex.org/doc/a", a)
		mustReplace(t, s, "http://ex.org/doc/b", b)
		if _, err := s.RemoveGraph(ctx, qs[0].G); err != nil {
			t.Fatal(err)
		}
		want := Stats{Documents: 1, Persons: 1, Events: 2, Quads: 9, Triples: 9}
		if got := mustStats(t, s); got != want {
			t.Errorf("after removing doc/a: %+v\nwant %+v", got, want)
		}
	})
}
