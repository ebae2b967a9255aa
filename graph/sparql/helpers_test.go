package sparql

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/dossier-archive/dossier/corpus"
	"github.com/dossier-archive/dossier/extract"
	"github.com/dossier-archive/dossier/graph"
	"github.com/dossier-archive/dossier/ontology"
	"github.com/dossier-archive/dossier/pipeline"
	"github.com/dossier-archive/dossier/rdfio"
)

// The test data sets: the real corpus (../shared, absent in some
// checkouts) and the project's own sample documents, each built into a
// memory store by the project's pipeline; and a small hand-written
// N-Quads file with what the documents lack (blank nodes, language tags,
// numbers of every type, time zones, a collection, a cycle), imported.
var datasetDirs = []struct{ name, dir string }{
	{"corpus", "../../../shared/corpus"},
	{"samples", "../../data/samples"},
	{"edge", "testdata/edge/edge.nq"},
}

type dataset struct {
	name   string
	store  *graph.Store // memory
	bolt   *graph.Store // the same quads in an embedded bolt store, made on demand
	pg     *graph.Store // and in PostgreSQL (DOSSIER_TEST_POSTGRES), made on demand
	quads  string       // N-Quads export
	merged string       // N-Triples export of the merged graph
	err    error
}

var (
	datasetsMu sync.Mutex
	datasets   = map[string]*dataset{}
)

// loadDataset builds (once per test binary) the named data set, or skips
// the test when its documents are absent.
func loadDataset(t testing.TB, name string) *dataset {
	t.Helper()
	datasetsMu.Lock()
	defer datasetsMu.Unlock()
	if d, ok := datasets[name]; ok {
		if d.err != nil {
			t.Fatal(d.err)
		}
		return d
	}
	var dir string
	for _, d := range datasetDirs {
		if d.name == name {
			dir = d.dir
		}
	}
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("data set %s: %s is absent", name, dir)
	}
	d := &dataset{name: name}
	d.err = buildDataset(d, dir)
	datasets[name] = d
	if d.err != nil {
		t.Fatal(d.err)
	}
	return d
}

func buildDataset(d *dataset, dir string) error {
	ctx := context.Background()
	if strings.HasSuffix(dir, ".nq") {
		return importDataset(d, dir)
	}
	sources, err := corpus.Find([]string{dir})
	if err != nil {
		return err
	}
	x, err := extract.New()
	if err != nil {
		return err
	}
	st, err := graph.Open(ctx, graph.Config{Store: "memory"})
	if err != nil {
		return err
	}
	b := &pipeline.Builder{Extractor: x, Mapper: ontology.Mapper{}, Store: st}
	if _, err := b.Build(ctx, sources); err != nil {
		return err
	}
	d.store = st
	return exportDataset(d)
}

// importDataset loads an N-Quads file into a memory store.
func importDataset(d *dataset, file string) error {
	ctx := context.Background()
	b, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	st, err := graph.Open(ctx, graph.Config{Store: "memory"})
	if err != nil {
		return err
	}
	dec, err := rdfio.NewNQuadsDecoder(bytes.NewReader(b), rdfio.DecodeOptions{Name: file})
	if err != nil {
		return err
	}
	defer dec.Close()
	if _, err := st.Import(ctx, dec, ontology.Term{}); err != nil {
		return err
	}
	d.store = st
	return exportDataset(d)
}

// exportDataset writes the store as N-Quads and as the merged N-Triples,
// for Oxigraph.
func exportDataset(d *dataset) error {
	ctx := context.Background()
	st := d.store
	var err error
	export := func(format string, merged bool) (string, error) {
		f, _ := rdfio.ByName(format)
		var buf bytes.Buffer
		enc, err := f.NewEncoder(&buf, rdfio.EncodeOptions{})
		if err != nil {
			return "", err
		}
		if _, err := st.Export(ctx, enc, merged); err != nil {
			return "", err
		}
		if err := enc.Close(); err != nil {
			return "", err
		}
		return buf.String(), nil
	}
	if d.quads, err = export("nquads", false); err != nil {
		return err
	}
	d.merged, err = export("ntriples", true)
	return err
}

// boltStore returns the data set imported into a bolt store (Cayley's KV
// backend, which has other indexes and size estimates than memory).
func (d *dataset) boltStore(t testing.TB) *graph.Store {
	t.Helper()
	datasetsMu.Lock()
	defer datasetsMu.Unlock()
	if d.bolt != nil {
		return d.bolt
	}
	dir, err := os.MkdirTemp("", "sparql-bolt-")
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	st, err := graph.Open(ctx, graph.Config{Store: filepath.Join(dir, "store")})
	if err != nil {
		t.Fatal(err)
	}
	dec, err := rdfio.NewNQuadsDecoder(strings.NewReader(d.quads), rdfio.DecodeOptions{Name: d.name + ".nq"})
	if err != nil {
		t.Fatal(err)
	}
	defer dec.Close()
	if _, err := st.Import(ctx, dec, ontology.Term{}); err != nil {
		t.Fatal(err)
	}
	d.bolt = st
	boltDirs = append(boltDirs, dir)
	return st
}

// boltDirs are removed when the tests end (TestMain).
var boltDirs []string

// postgresEnv names the variable holding the URL of a PostgreSQL database
// for the tests (as in package graph); unset, PostgreSQL is not tested.
const postgresEnv = "DOSSIER_TEST_POSTGRES"

// backends are the kinds of store the suites run on: memory and bolt
// always, PostgreSQL (Cayley's SQL backend) when DOSSIER_TEST_POSTGRES
// holds a URL.
func backends() []string {
	b := []string{"memory", "bolt"}
	if os.Getenv(postgresEnv) != "" {
		b = append(b, "postgres")
	}
	return b
}

// on returns the data set in a store of the given kind.
func (d *dataset) on(t testing.TB, backend string) *graph.Store {
	t.Helper()
	switch backend {
	case "bolt":
		return d.boltStore(t)
	case "postgres":
		return d.postgresStore(t)
	}
	return d.store
}

// postgresStore returns the data set imported into a PostgreSQL database
// of its own, next to the one DOSSIER_TEST_POSTGRES names (its name with
// "_sparql_" and the data set's name added; dropped when the tests end),
// so that it neither empties nor is emptied by the tests of package graph
// that use that database, possibly at the same time.
func (d *dataset) postgresStore(t testing.TB) *graph.Store {
	t.Helper()
	datasetsMu.Lock()
	defer datasetsMu.Unlock()
	if d.pg != nil {
		return d.pg
	}
	u, err := freshDatabase(os.Getenv(postgresEnv), "sparql_"+d.name)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	st, err := graph.Open(ctx, graph.Config{Store: u})
	if err != nil {
		t.Fatal(err)
	}
	pgDatabases = append(pgDatabases, u)
	dec, err := rdfio.NewNQuadsDecoder(strings.NewReader(d.quads), rdfio.DecodeOptions{Name: d.name + ".nq"})
	if err != nil {
		st.Close()
		t.Fatal(err)
	}
	defer dec.Close()
	if _, err := st.Import(ctx, dec, ontology.Term{}); err != nil {
		st.Close()
		t.Fatal(err)
	}
	d.pg = st
	return st
}

// pgDatabases are the URLs of the databases freshDatabase made, dropped
// when the tests end (TestMain).
var pgDatabases []string

// freshDatabase (re)creates the database named like that of the URL base
// with "_" and suffix added, and returns its URL.
func freshDatabase(base, suffix string) (string, error) {
	u, err := url.Parse(base)
	if err != nil {
		return "", fmt.Errorf("%s: %w", postgresEnv, err)
	}
	name := strings.TrimPrefix(u.Path, "/")
	if name == "" {
		name = "postgres"
	}
	name += "_" + suffix
	if err := adminExec(base, "DROP DATABASE IF EXISTS "+quoteIdent(name)); err != nil {
		return "", err
	}
	if err := adminExec(base, "CREATE DATABASE "+quoteIdent(name)); err != nil {
		return "", err
	}
	u.Path = "/" + name
	return u.String(), nil
}

// dropDatabase drops the database of a URL freshDatabase returned,
// connected to the base database.
func dropDatabase(base, u string) error {
	p, err := url.Parse(u)
	if err != nil {
		return err
	}
	return adminExec(base, "DROP DATABASE IF EXISTS "+quoteIdent(strings.TrimPrefix(p.Path, "/")))
}

// adminExec runs one statement on the database of URL u (with lib/pq,
// the driver Cayley's postgres backend registers).
func adminExec(u, stmt string) error {
	db, err := sql.Open("postgres", u)
	if err != nil {
		return err
	}
	defer db.Close()
	if _, err := db.Exec(stmt); err != nil {
		return fmt.Errorf("%s: %s: %w", postgresEnv, stmt, err)
	}
	return nil
}

func quoteIdent(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

func TestMain(m *testing.M) {
	code := m.Run()
	datasetsMu.Lock()
	for _, d := range datasets {
		if d.bolt != nil {
			d.bolt.Close()
		}
		if d.pg != nil {
			d.pg.Close()
		}
	}
	for _, st := range benchStores {
		st.Close()
	}
	for _, dir := range boltDirs {
		os.RemoveAll(dir)
	}
	for _, u := range pgDatabases {
		if err := dropDatabase(os.Getenv(postgresEnv), u); err != nil {
			fmt.Fprintln(os.Stderr, err)
		}
	}
	datasetsMu.Unlock()
	os.Exit(code)
}

// run evaluates a query and returns its results as the TSV format (SELECT),
// "true"/"false" (ASK) or N-Triples (CONSTRUCT, DESCRIBE).
func run(ctx context.Context, st *graph.Store, text string) (string, *Query, error) {
	q, err := Parse(text)
	if err != nil {
		return "", nil, err
	}
	var buf bytes.Buffer
	var w Writer
	switch q.Form {
	case Construct, Describe:
		f, _ := rdfio.ByName("ntriples")
		enc, err := f.NewEncoder(&buf, rdfio.EncodeOptions{})
		if err != nil {
			return "", q, err
		}
		w = GraphWriter(enc)
	default:
		w = newTSVWriter(&buf)
	}
	if err := Exec(ctx, st, q, w); err != nil {
		return "", q, err
	}
	if err := w.Close(); err != nil {
		return "", q, err
	}
	return strings.TrimSuffix(buf.String(), "\n"), q, nil
}

// queryFiles lists the suite's queries.
func queryFiles(t testing.TB) []string {
	t.Helper()
	files, err := filepath.Glob("testdata/queries/*.rq")
	if err != nil || len(files) == 0 {
		t.Fatalf("no queries in testdata/queries: %v", err)
	}
	return files
}
