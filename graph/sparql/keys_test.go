package sparql

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/cayley/graph/refs"
	csql "github.com/cayleygraph/cayley/graph/sql"
	"github.com/cayleygraph/quad"

	"github.com/dossier-archive/dossier/ontology"
)

// The keys by which DISTINCT, GROUP BY, COUNT(DISTINCT) and the path and
// default-graph filters tell store nodes apart. On Cayley's SQL backends a
// node is the hash of its value (sql.NodeHash from quad directions and
// lookups, refs.ValueHash from iterator tags): once, every such node had
// the same row key, so DISTINCT and GROUP BY made one group of everything
// on PostgreSQL.
func TestNodeKeys(t *testing.T) {
	mao, zhou := quad.String("Mao Zedong"), quad.IRI("http://example.org/zhou")
	sqlMao, sqlZhou := csql.NodeHash{ValueHash: refs.HashOf(mao)}, csql.NodeHash{ValueHash: refs.HashOf(zhou)}
	tagMao := refs.HashOf(mao) // the same node as it comes from an iterator's tags
	maoTerm := ontology.NewString("Mao Zedong")
	vals := []struct {
		name string
		v    val
	}{
		{"bolt 1", val{ref: kv.Int64Value(1)}},
		{"bolt 2", val{ref: kv.Int64Value(2)}},
		{"sql mao", val{ref: sqlMao}},
		{"sql zhou", val{ref: sqlZhou}},
		{"computed term", val{term: &maoTerm}},
		{"unbound", val{}},
	}
	for i, a := range vals {
		for j, b := range vals {
			ka, kb := string(appendKey(nil, a.v)), string(appendKey(nil, b.v))
			if (ka == kb) != (i == j) {
				t.Errorf("%s and %s: row keys %q and %q", a.name, b.name, ka, kb)
			}
			if (keyOf(a.v) == keyOf(b.v)) != (i == j) {
				t.Errorf("%s and %s: keys %v and %v", a.name, b.name, keyOf(a.v), keyOf(b.v))
			}
		}
	}
	// one SQL node, as a quad direction gives it and as a tag does
	if refKey(sqlMao) != refKey(tagMao) || string(appendKey(nil, val{ref: sqlMao})) != string(appendKey(nil, val{ref: tagMao})) {
		t.Error("sql.NodeHash and refs.ValueHash of one value have different keys")
	}
	// rows that differ in one slot only
	r1 := solution{{ref: sqlMao}, {ref: sqlZhou}}
	r2 := solution{{ref: sqlMao}, {ref: sqlMao}}
	if rowKey(r1, []int{0, 1}) == rowKey(r2, []int{0, 1}) {
		t.Error("rows differing in their second SQL node have one row key")
	}
	if rowKey(r1, []int{0}) != rowKey(r2, []int{0}) {
		t.Error("rows with the same SQL node have different row keys")
	}
	// keyLess is a strict order on SQL nodes (the default graph's bounded
	// duplicate filter keeps a quad only in the least of its graphs)
	var hashes []csql.NodeHash
	for i := 0; i < 20; i++ {
		hashes = append(hashes, csql.NodeHash{ValueHash: refs.HashOf(quad.IRI(fmt.Sprintf("http://example.org/g%d", i)))})
	}
	for _, a := range hashes {
		if keyLess(a, a) {
			t.Errorf("%v < itself", a)
		}
		for _, b := range hashes {
			if a != b && keyLess(a, b) == keyLess(b, a) {
				t.Errorf("%v and %v are not ordered", a, b)
			}
		}
	}
}

// Queries that group, deduplicate or count distinct values give the same
// answers on every backend (memory, bolt, and PostgreSQL when
// DOSSIER_TEST_POSTGRES is set), each with several rows: the checks of
// .ci/run between bolt and PostgreSQL, kept here too so that they run
// without Node (which the comparison with Oxigraph needs).
func TestBackendsAgree(t *testing.T) {
	const prefixes = `PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX schema: <https://schema.org/>
`
	queries := []string{
		`SELECT DISTINCT ?name WHERE { ?p a schema:Person ; rdfs:label ?name } ORDER BY ?name`,
		`SELECT ?name (COUNT(DISTINCT ?doc) AS ?docs) WHERE { ?doc schema:mentions ?p . ?p a schema:Person ; rdfs:label ?name } GROUP BY ?name ORDER BY DESC(?docs) ?name`,
		`SELECT REDUCED ?class WHERE { ?x a ?class } ORDER BY ?class`,
		`SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s a ?class } } GROUP BY ?g ORDER BY ?g`,
		`SELECT ?class (COUNT(DISTINCT *) AS ?rows) (COUNT(DISTINCT ?x) AS ?members) WHERE { ?x a ?class ; rdfs:label ?l } GROUP BY ?class ORDER BY ?class`,
		`SELECT ?a (COUNT(?b) AS ?n) WHERE { ?a schema:mentions/^schema:mentions ?b } GROUP BY ?a ORDER BY ?a`,
	}
	for _, name := range []string{"samples", "corpus"} {
		t.Run(name, func(t *testing.T) {
			d := loadDataset(t, name)
			for _, q := range queries {
				want := ""
				for _, backend := range backends() {
					ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
					got, _, err := run(ctx, d.on(t, backend), prefixes+q)
					cancel()
					if err != nil {
						t.Fatalf("%s on %s: %v", q, backend, err)
					}
					if rows := strings.Count(got, "\n"); rows < 2 {
						t.Errorf("%s on %s: %d rows, want several:\n%s", q, backend, rows, got)
					}
					if want == "" {
						want = got
					} else if got != want {
						t.Errorf("%s on %s differs from memory\n--- diff\n%s", q, backend, diffLines(got, want))
					}
				}
			}
		})
	}
}
