package bench

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dossier-archive/dossier/graph"
	"github.com/dossier-archive/dossier/graph/sparql"
	"github.com/dossier-archive/dossier/network"
	"github.com/dossier-archive/dossier/ontology"
)

// Environment of the benchmarks:
//
//	DOSSIER_BENCH_SIZES          load sizes in quads, comma-separated (default 100000)
//	DOSSIER_BENCH_QUERY_QUADS    quads in the store the queries run on (default 100000)
//	DOSSIER_BENCH_STORES         backends, comma-separated (default memory,bolt, and
//	                             postgres when DOSSIER_TEST_POSTGRES holds a URL)
//	DOSSIER_TEST_POSTGRES        a PostgreSQL URL whose database the benchmarks may empty
//
// One iteration of a load benchmark is a whole load: run with -benchtime 1x.

func envInts(name string, def []int) []int {
	v := os.Getenv(name)
	if v == "" {
		return def
	}
	var out []int
	for _, f := range strings.Split(v, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err == nil && n > 0 {
			out = append(out, n)
		}
	}
	return out
}

func stores() []string {
	if v := os.Getenv("DOSSIER_BENCH_STORES"); v != "" {
		return strings.Split(v, ",")
	}
	out := []string{"memory", "bolt"}
	if os.Getenv("DOSSIER_TEST_POSTGRES") != "" {
		out = append(out, "postgres")
	}
	return out
}

var datasets struct {
	sync.Mutex
	docs  []Doc
	quads int
}

// dataset returns the documents of the first n quads (cached: the largest
// set asked for so far is kept, smaller ones are its prefix).
func dataset(b *testing.B, n int) ([]Doc, int) {
	b.Helper()
	datasets.Lock()
	defer datasets.Unlock()
	if datasets.quads < n {
		docs, total, err := Dataset(n)
		if err != nil {
			b.Fatal(err)
		}
		datasets.docs, datasets.quads = docs, total
	}
	total := 0
	for i, d := range datasets.docs {
		total += len(d.Quads)
		if total >= n {
			return datasets.docs[:i+1], total
		}
	}
	return datasets.docs, total
}

// open opens an empty store of the kind.
func open(b *testing.B, kind string) *graph.Store {
	b.Helper()
	where := kind
	switch kind {
	case "bolt":
		where = b.TempDir() + "/store"
	case "postgres":
		where = os.Getenv("DOSSIER_TEST_POSTGRES")
		if where == "" {
			b.Skip("DOSSIER_TEST_POSTGRES is not set")
		}
	}
	st, err := graph.Open(context.Background(), graph.Config{Store: where})
	if err != nil {
		b.Fatal(err)
	}
	if kind == "postgres" {
		if err := st.RemoveAllGraphs(context.Background()); err != nil {
			b.Fatal(err)
		}
	}
	return st
}

// load writes the documents through one Loader, as `dossier build` does.
func load(b *testing.B, st *graph.Store, docs []Doc) {
	b.Helper()
	l := st.Loader()
	for _, d := range docs {
		if _, err := l.ReplaceGraph(context.Background(), d.Graph, d.Quads); err != nil {
			b.Fatal(err)
		}
	}
	if err := l.Close(context.Background()); err != nil {
		b.Fatal(err)
	}
}

func sizeName(n int) string {
	switch {
	case n%1000000 == 0:
		return fmt.Sprintf("%dM", n/1000000)
	case n%1000 == 0:
		return fmt.Sprintf("%dk", n/1000)
	}
	return strconv.Itoa(n)
}

// BenchmarkLoad: quads/s of loading the documents' graphs into an empty
// store, and quads per CPU second (which other processes on a busy
// machine do not disturb).
func BenchmarkLoad(b *testing.B) {
	for _, kind := range stores() {
		for _, size := range envInts("DOSSIER_BENCH_SIZES", []int{100000}) {
			b.Run(kind+"/"+sizeName(size), func(b *testing.B) {
				docs, n := dataset(b, size)
				var elapsed, cpu time.Duration
				for range b.N {
					b.StopTimer()
					st := open(b, kind)
					b.StartTimer()
					start, cpu0 := time.Now(), cpuTime()
					load(b, st, docs)
					elapsed += time.Since(start)
					cpu += cpuTime() - cpu0
					b.StopTimer()
					st.Close()
					b.StartTimer()
				}
				b.ReportMetric(float64(n*b.N)/elapsed.Seconds(), "quads/s")
				if cpu > 0 {
					b.ReportMetric(float64(n*b.N)/cpu.Seconds(), "quads/cpu-s")
				}
			})
		}
	}
}

// queryRuns is how often each query runs per person.
const queryRuns = 5

// BenchmarkQuery: p50 and p95 latency of what a historian asks, on a store
// of DOSSIER_BENCH_QUERY_QUADS quads, over 20 people from the most to the
// least mentioned:
//
//   - person: find a person by name (Gizmo);
//   - twohop: the titles of the documents that mention a person (Gizmo);
//   - sparql-join: the people named with a person in documents of a
//     period, a SPARQL join with a FILTER;
//   - network: the co-mention network of the whole archive (package
//     network), once per run.
func BenchmarkQuery(b *testing.B) {
	size := envInts("DOSSIER_BENCH_QUERY_QUADS", []int{100000})[0]
	for _, kind := range stores() {
		b.Run(kind+"/"+sizeName(size), func(b *testing.B) {
			docs, _ := dataset(b, size)
			people := People(docs, 20)
			st := open(b, kind)
			defer st.Close()
			load(b, st, docs)
			ctx := context.Background()
			for _, q := range Queries {
				b.Run(q.Name, func(b *testing.B) {
					var lat []time.Duration
					rows := 0
					cpu0 := cpuTime()
					for range b.N {
						lat = lat[:0]
						rows = 0
						for range queryRuns {
							for _, p := range people {
								start := time.Now()
								n, err := q.Run(ctx, st, p)
								if err != nil {
									b.Fatal(err)
								}
								if n == 0 && q.Name != "sparql-join" {
									b.Fatalf("%s: no results for %s", q.Name, p.Label)
								}
								lat = append(lat, time.Since(start))
								rows += n
								if q.Name == "network" {
									break
								}
							}
						}
					}
					cpu := cpuTime() - cpu0
					slices.Sort(lat)
					b.ReportMetric(ms(cpu)/float64(len(lat)), "cpu-ms/query")
					b.ReportMetric(ms(lat[len(lat)/2]), "p50-ms")
					b.ReportMetric(ms(lat[(len(lat)*95+99)/100-1]), "p95-ms")
					b.ReportMetric(ms(lat[len(lat)-1]), "max-ms")
					b.ReportMetric(float64(rows)/float64(len(lat)), "rows/query")
				})
			}
		})
	}
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// Query is one of the benchmark's questions; Run returns the number of
// results.
type Query struct {
	Name string
	Run  func(ctx context.Context, st *graph.Store, p Person) (int, error)
}

const (
	rdfType  = "<" + ontology.RDF + "type>"
	rdfsLbl  = "<" + ontology.RDFS + "label>"
	mentions = "<" + ontology.Schema + "mentions>"
	person   = "<" + ontology.Schema + "Person>"
	title    = "<" + ontology.DCTerms + "title>"
)

// Queries are the benchmark's questions. The SPARQL texts are the ones
// scripts/bench/oxigraph.js sends to Oxigraph (SparqlJoin).
var Queries = []Query{
	{"person", func(ctx context.Context, st *graph.Store, p Person) (int, error) {
		q := fmt.Sprintf(`g.V(%s).in(%q).has(%q, %q).unique().all()`, strconv.Quote(p.Label), rdfsLbl, rdfType, person)
		r, err := st.Query(ctx, "gizmo", q, 0)
		return len(r), err
	}},
	{"twohop", func(ctx context.Context, st *graph.Store, p Person) (int, error) {
		q := fmt.Sprintf(`g.V(%q).in(%q).out(%q).unique().all()`, "<"+p.IRI+">", mentions, title)
		r, err := st.Query(ctx, "gizmo", q, 0)
		return len(r), err
	}},
	{"sparql-join", func(ctx context.Context, st *graph.Store, p Person) (int, error) {
		q, err := sparql.ParseWith(SparqlJoin(p.IRI), sparql.Options{Prefixes: ontology.Prefixes("")})
		if err != nil {
			return 0, err
		}
		var c counter
		err = sparql.Exec(ctx, st, q, &c)
		return c.rows, err
	}},
	{"network", func(ctx context.Context, st *graph.Store, _ Person) (int, error) {
		n, err := network.Project(ctx, st, network.CoMention, network.Filter{})
		if err != nil {
			return 0, err
		}
		return len(n.Nodes), nil
	}},
}

type counter struct{ rows int }

func (c *counter) Head([]string) error        { return nil }
func (c *counter) Row([]ontology.Term) error  { c.rows++; return nil }
func (c *counter) Boolean(bool) error         { return nil }
func (c *counter) Triple(ontology.Quad) error { return nil }
func (c *counter) Close() error               { return nil }
