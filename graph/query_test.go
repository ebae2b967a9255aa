package graph

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/dossier-archive/dossier/ontology"
)

func loadFixture(t *testing.T, s *Store) {
	t.Helper()
	byGraph := map[string][]ontology.Quad{}
	for _, q := range parseNQ(t, statsFixture) {
		byGraph[q.G.Value] = append(byGraph[q.G.Value], q)
	}
	for g, qs := range byGraph {
		mustReplace(t, s, g, qs)
	}
}

func TestQuery(t *testing.T) {
	backends(t, func(t *testing.T, s *Store) {
		loadFixture(t, s)
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		q := `g.V().has("<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>", "<https://schema.org/Person>").out("<http://www.w3.org/2000/01/rdf-schema#label>").unique().all()`
		got, err := s.Query(ctx, "gizmo", q, 0)
		if err != nil {
			t.Fatal(err)
		}
		js, _ := json.Marshal(got)
		if string(js) != `[{"id":"Mao Zedong"}]` {
			t.Errorf("got %s", js)
		}
		// A second query works: sessions are not reused.
		got, err = s.Query(ctx, "gizmo", `g.V("<http://ex.org/e/3>").out().all()`, 0)
		if err != nil {
			t.Fatal(err)
		}
		js, _ = json.Marshal(got)
		if !strings.Contains(string(js), `"\u003chttps://dossier-archive.github.io/ns#Publication\u003e"`) || len(got) != 2 {
			t.Errorf("got %s", js)
		}
		// The limit caps results.
		got, err = s.Query(ctx, "gizmo", `g.V().all()`, 3)
		if err != nil || len(got) != 3 {
			t.Errorf("limit 3: %d results, %v", len(got), err)
		}
	})
}

func TestQueryTimeout(t *testing.T) {
	backends(t, func(t *testing.T, s *Store) {
		loadFixture(t, s)
		for _, q := range []string{`while(true){}`, `g.emit(1); for(;;){}`, `g.V().forEach(function(){ while(true){} })`} {
			ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
			_, err := s.Query(ctx, "gizmo", q, 0)
			cancel()
			if err == nil || !strings.Contains(err.Error(), "context deadline exceeded") {
				t.Errorf("%s: got %v", q, err)
			}
		}
		// The store is still usable, for reading and writing.
		if _, err := s.Query(context.Background(), "gizmo", `g.V().count()`, 0); err != nil {
			t.Error(err)
		}
		mustReplace(t, s, "http://ex.org/doc/c", nil)
	})
}

func TestQueryErrors(t *testing.T) {
	backends(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		_, err := s.Query(ctx, "gizmo", `g.V(.all()`, 0)
		t.Log(err)
		if err == nil || !strings.Contains(err.Error(), "SyntaxError") {
			t.Errorf("syntax error: %v", err)
		}
		_, err = s.Query(ctx, "gizmo", `g.V().Order()`, 0)
		if err == nil || !strings.Contains(err.Error(), "Object has no member 'Order'") {
			t.Errorf("runtime error: %v", err)
		}
		if _, err := s.Query(ctx, "sparql", `SELECT * WHERE {?s ?p ?o}`, 0); err == nil {
			t.Error("an unknown language was accepted")
		}
	})
}
