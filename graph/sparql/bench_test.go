package sparql

import (
	"context"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/dossier-archive/dossier/graph"
	"github.com/dossier-archive/dossier/ontology"
)

// The benchmarks query a synthetic archive shaped like Dossier's graphs:
// benchDocs documents (dated 1950–1969), each in its own named graph with
// its date and title, the people it mentions (about ten of benchPeople,
// each described again in every document that mentions them, as the
// mapping does) and an event with its actors.
//
//	go test ./graph/sparql -run '^$' -bench . -benchmem
const (
	benchDocs   = 3000
	benchPeople = 2000
)

var benchQueries = []struct{ name, query string }{
	{"person-by-label", `SELECT ?p WHERE { ?p rdfs:label "Person 1234" ; a schema:Person }`},
	{"join-filter-1966", `SELECT DISTINCT ?name WHERE {
		?doc dcterms:date ?date ; schema:mentions ?p .
		?p rdfs:label ?name .
		FILTER(?date >= "1966-01-01"^^xsd:date && ?date < "1967-01-01"^^xsd:date) }`},
	{"graph-provenance", `SELECT ?g ?date WHERE {
		GRAPH ?g { <https://dossier.example.org/person/p42> rdfs:label ?l }
		?g dcterms:date ?date }`},
	{"count-group-by", `SELECT ?p (COUNT(?doc) AS ?n) WHERE { ?doc schema:mentions ?p } GROUP BY ?p ORDER BY DESC(?n) ?p LIMIT 10`},
}

var (
	benchMu     sync.Mutex
	benchStores = map[string]*graph.Store{}
)

// benchStore builds the synthetic archive once per backend.
func benchStore(b *testing.B, backend string) *graph.Store {
	b.Helper()
	benchMu.Lock()
	defer benchMu.Unlock()
	if st, ok := benchStores[backend]; ok {
		return st
	}
	ctx := context.Background()
	where := "memory"
	if backend == "bolt" {
		where = filepath.Join(benchDir(b), "store")
	}
	st, err := graph.Open(ctx, graph.Config{Store: where})
	if err != nil {
		b.Fatal(err)
	}
	l := st.Loader()
	r := rand.New(rand.NewSource(1966))
	const base = "https://dossier.example.org/"
	iri := ontology.NewIRI
	for d := 0; d < benchDocs; d++ {
		doc := iri(fmt.Sprintf("%sdocument/d%d", base, d))
		date := fmt.Sprintf("%d-%02d-%02d", 1950+r.Intn(20), 1+r.Intn(12), 1+r.Intn(28))
		quads := []ontology.Quad{
			{S: doc, P: iri(ontology.RDFType), O: iri(ontology.SchemaCreativeWork)},
			{S: doc, P: iri(ontology.DCTermsDate), O: ontology.NewTyped(date, ontology.XSDDate)},
			{S: doc, P: iri(ontology.DCTermsTitle), O: ontology.NewString(fmt.Sprintf("Memorandum %d", d))},
		}
		event := iri(fmt.Sprintf("%sevent/d%d/meeting", base, d))
		quads = append(quads, ontology.Quad{S: event, P: iri(ontology.RDFType), O: iri(ontology.SEMEvent)})
		for k := 0; k < 10; k++ {
			p := r.Intn(benchPeople)
			person := iri(fmt.Sprintf("%sperson/p%d", base, p))
			quads = append(quads,
				ontology.Quad{S: doc, P: iri(ontology.SchemaMentions), O: person},
				ontology.Quad{S: person, P: iri(ontology.RDFType), O: iri(ontology.SchemaPerson)},
				ontology.Quad{S: person, P: iri(ontology.RDFSLabel), O: ontology.NewString(fmt.Sprintf("Person %d", p))})
			if k < 3 {
				quads = append(quads, ontology.Quad{S: event, P: iri(ontology.SEMHasActor), O: person})
			}
		}
		if _, err := l.ReplaceGraph(ctx, doc, quads); err != nil {
			b.Fatal(err)
		}
	}
	if err := l.Close(ctx); err != nil {
		b.Fatal(err)
	}
	benchStores[backend] = st
	return st
}

var (
	benchDirOnce sync.Once
	benchDirPath string
)

// benchDir is a directory that outlives single benchmarks (b.TempDir is
// removed when the benchmark that made it ends, with the store inside).
func benchDir(b *testing.B) string {
	benchDirOnce.Do(func() {
		dir, err := os.MkdirTemp("", "sparql-bench-")
		if err != nil {
			b.Fatal(err)
		}
		benchDirPath = dir
		boltDirs = append(boltDirs, dir) // removed by TestMain
	})
	return benchDirPath
}

func BenchmarkQuery(b *testing.B) {
	for _, backend := range []string{"memory", "bolt"} {
		for _, bq := range benchQueries {
			b.Run(backend+"/"+bq.name, func(b *testing.B) {
				st := benchStore(b, backend)
				q, err := ParseWith(bq.query, Options{Prefixes: ontology.Prefixes("")})
				if err != nil {
					b.Fatal(err)
				}
				ctx := context.Background()
				var rows int
				b.ReportAllocs()
				b.ResetTimer()
				for b.Loop() {
					w := &countingWriter{}
					if err := Exec(ctx, st, q, w); err != nil {
						b.Fatal(err)
					}
					rows = w.rows
				}
				if rows == 0 {
					b.Fatalf("%s: no rows", bq.name)
				}
				b.ReportMetric(float64(rows), "rows/op")
			})
		}
	}
}

// countingWriter counts rows (and writes them nowhere).
type countingWriter struct {
	resultBase
	rows int
}

func (c *countingWriter) Head([]string) error       { return nil }
func (c *countingWriter) Row([]ontology.Term) error { c.rows++; return nil }
func (c *countingWriter) Boolean(bool) error        { return nil }
func (c *countingWriter) Close() error              { return nil }

// BenchmarkCorpus runs "the people mentioned in documents dated 1966" on
// the real corpus (skipped when ../shared is absent), in memory and in
// bolt.
func BenchmarkCorpus(b *testing.B) {
	d := loadDataset(b, "corpus")
	q, err := ParseWith(`SELECT DISTINCT ?name WHERE {
		?doc dcterms:date ?date ; schema:mentions ?person .
		?person a schema:Person ; rdfs:label ?name .
		FILTER(YEAR(?date) = 1966) }`, Options{Prefixes: ontology.Prefixes("")})
	if err != nil {
		b.Fatal(err)
	}
	for _, backend := range []string{"memory", "bolt"} {
		b.Run("mentioned-1966/"+backend, func(b *testing.B) {
			st := d.store
			if backend == "bolt" {
				st = d.boltStore(b)
			}
			var rows int
			b.ReportAllocs()
			for b.Loop() {
				w := &countingWriter{}
				if err := Exec(context.Background(), st, q, w); err != nil {
					b.Fatal(err)
				}
				rows = w.rows
			}
			if rows == 0 {
				b.Fatal("no rows")
			}
			b.ReportMetric(float64(rows), "rows/op")
		})
	}
}
