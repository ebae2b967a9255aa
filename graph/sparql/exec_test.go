package sparql

import (
	"context"
	"errors"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/dossier-archive/dossier/ontology"
)

// A cross product of the store with itself stops at the deadline with the
// context's error, whether it streams, sorts or groups, and leaves the
// store usable.
func TestDeadline(t *testing.T) {
	d := loadDataset(t, "samples")
	for _, q := range []string{
		"SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }",
		"SELECT ?a WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?i",
		"SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }",
		"ASK { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i FILTER(?a = ?d && ?d = ?g && ?c = 0) }",
		"SELECT * WHERE { ?a (<https://schema.org/mentions>|^<https://schema.org/mentions>)* ?b . ?c ?d ?e }",
		"SELECT (COUNT(*) AS ?n) WHERE { " + valuesProduct + " }",
	} {
		parsed, err := Parse(q)
		if err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
		start := time.Now()
		err = Exec(ctx, d.store, parsed, newTSVWriter(io.Discard))
		cancel()
		if !errors.Is(err, context.DeadlineExceeded) || !strings.Contains(err.Error(), "query stopped") {
			t.Errorf("%s: got %v, want the deadline", q, err)
		}
		if el := time.Since(start); el > 3*time.Second {
			t.Errorf("%s: stopped after %s", q, el)
		}
	}
	got, _, err := run(context.Background(), d.store, "ASK { ?s ?p ?o }")
	if err != nil || got != "true" {
		t.Errorf("the store after a stopped query: %q %v", got, err)
	}
}

// valuesProduct is a cross product of VALUES clauses: 10^12 solutions
// that never touch the store.
var valuesProduct = func() string {
	var b strings.Builder
	for i := 0; i < 12; i++ {
		b.WriteString("VALUES ?v" + string(rune('a'+i)) + " { 0 1 2 3 4 5 6 7 8 9 } ")
	}
	return b.String()
}()

// LIMIT ends the evaluation as soon as it has its rows: a cross product
// with LIMIT answers at once.
func TestLimitStopsEarly(t *testing.T) {
	d := loadDataset(t, "samples")
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	got, _, err := run(ctx, d.store, "SELECT ?c WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } LIMIT 2 OFFSET 1")
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(got, "\n"); n != 2 {
		t.Errorf("%d rows:\n%s", n, got)
	}
}

// The writer's error stops the query and is returned as it is.
func TestWriterError(t *testing.T) {
	d := loadDataset(t, "samples")
	q, err := Parse("SELECT * WHERE { ?s ?p ?o }")
	if err != nil {
		t.Fatal(err)
	}
	boom := errors.New("disk full")
	if err := Exec(context.Background(), d.store, q, failingWriter{boom}); !errors.Is(err, boom) {
		t.Errorf("got %v", err)
	}
	// a graph writer refuses SELECT results
	if err := Exec(context.Background(), d.store, q, GraphWriter(nil)); err == nil || !strings.Contains(err.Error(), "not SELECT") {
		t.Errorf("SELECT into a graph writer: %v", err)
	}
}

type failingWriter struct{ err error }

func (f failingWriter) Head([]string) error { return nil }
func (f failingWriter) Row(r []ontology.Term) error {
	return f.err
}
func (f failingWriter) Boolean(bool) error         { return f.err }
func (f failingWriter) Triple(ontology.Quad) error { return f.err }
func (f failingWriter) Close() error               { return nil }

// GRAPH joins its body with each named graph even when the body matches
// no quad: SPARQL's definition, where Oxigraph (which the suite otherwise
// agrees with) evaluates such a body once. Answers computed by hand from
// testdata/edge/edge.nq (graphs g1 and g2; ages 78 and 71 in g1).
func TestGraphSemantics(t *testing.T) {
	d := loadDataset(t, "edge")
	for _, c := range []struct{ query, want string }{
		{`SELECT ?g ?x WHERE { GRAPH ?g { VALUES ?x { 1 } } } ORDER BY ?g`,
			"?g\t?x\n<http://example.org/g1>\t1\n<http://example.org/g2>\t1"},
		{`SELECT ?x WHERE { GRAPH <http://example.org/absent> { VALUES ?x { 1 } } }`, "?x"},
		{`SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { GRAPH <http://example.org/g1> { ?s <http://example.org/age> ?a } } }`,
			"?n\n4"},
		{`SELECT ?g WHERE { GRAPH ?g { } } ORDER BY ?g`, "?g\n<http://example.org/g1>\n<http://example.org/g2>"},
		{`SELECT ?g WHERE { GRAPH ?g { FILTER(?g = <http://example.org/g2>) } }`, "?g\n<http://example.org/g2>"},
	} {
		got, _, err := run(context.Background(), d.store, c.query)
		if err != nil {
			t.Errorf("%s: %v", c.query, err)
			continue
		}
		if got != c.want {
			t.Errorf("%s:\n got %q\nwant %q", c.query, got, c.want)
		}
	}
}
