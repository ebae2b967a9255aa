package sparql

import (
	"bytes"
	"context"
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

func TestMain(m *testing.M) {
	code := m.Run()
	datasetsMu.Lock()
	for _, d := range datasets {
		if d.bolt != nil {
			d.bolt.Close()
		}
	}
	for _, st := range benchStores {
		st.Close()
	}
	for _, dir := range boltDirs {
		os.RemoveAll(dir)
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
