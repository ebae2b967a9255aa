package graph

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/dossier-archive/dossier/ontology"
)

// Benchmarks load benchQuads quads (DOSSIER_BENCH_QUADS, default 100 000)
// of generated documents (archive: corpus/synthetic, extracted and mapped
// as `dossier build` does), one ReplaceGraph per document, the way the
// builder does. Run with -benchtime=1x: one iteration is a whole load.
//
//	go test ./graph -run '^$' -bench . -benchtime 1x -benchmem

func benchQuads() int {
	if n, err := strconv.Atoi(os.Getenv("DOSSIER_BENCH_QUADS")); err == nil && n > 0 {
		return n
	}
	return 100000
}

type benchDoc struct {
	g     string
	quads []ontology.Quad
}

func benchDocs(b *testing.B, n int) ([]benchDoc, int) {
	docs, total := archive(b, n)
	out := make([]benchDoc, len(docs))
	for i, d := range docs {
		out[i] = benchDoc{d.g.Value, d.quads}
	}
	return out, total
}

var benchStores = []struct {
	name   string
	opts   map[string]any
	loader bool // group commit through a Loader
}{
	{"memory", nil, false},
	{"bolt", nil, false}, // DefaultBoltOptions: no_bloom
	{"bolt-bloom", map[string]any{"no_bloom": false}, false},
	{"bolt-nosync", map[string]any{"nosync": true}, false},
	{"memory-loader", nil, true},
	{"bolt-loader", nil, true},
	{"bolt-nosync-loader", map[string]any{"nosync": true}, true},
}

func init() {
	if u := os.Getenv("DOSSIER_TEST_POSTGRES"); u != "" {
		benchStores = append(benchStores, struct {
			name   string
			opts   map[string]any
			loader bool
		}{"postgres-loader", nil, true})
	}
}

func openBench(b *testing.B, name string, opts map[string]any) *Store {
	batch, _ := strconv.Atoi(os.Getenv("DOSSIER_BENCH_BATCH"))
	store := "memory"
	switch {
	case strings.HasPrefix(name, "postgres"):
		store = os.Getenv("DOSSIER_TEST_POSTGRES")
	case !strings.HasPrefix(name, "memory"):
		store = b.TempDir() + "/store"
	}
	s, err := Open(context.Background(), Config{Store: store, Options: opts, BatchSize: batch})
	if err != nil {
		b.Fatal(err)
	}
	if strings.HasPrefix(name, "postgres") {
		if err := s.RemoveAllGraphs(context.Background()); err != nil {
			b.Fatal(err)
		}
	}
	return s
}

func loadAll(b *testing.B, s *Store, docs []benchDoc) {
	for _, d := range docs {
		if _, err := s.ReplaceGraph(context.Background(), ontology.NewIRI(d.g), d.quads); err != nil {
			b.Fatal(err)
		}
	}
}

func loadAllLoader(b *testing.B, s *Store, docs []benchDoc) {
	l := s.Loader()
	for _, d := range docs {
		if _, err := l.ReplaceGraph(context.Background(), ontology.NewIRI(d.g), d.quads); err != nil {
			b.Fatal(err)
		}
	}
	if err := l.Close(context.Background()); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkLoad: quads/s of a fresh build, one transaction per document.
func BenchmarkLoad(b *testing.B) {
	docs, n := benchDocs(b, benchQuads())
	for _, bs := range benchStores {
		b.Run(bs.name, func(b *testing.B) {
			var elapsed, cpu time.Duration
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				s := openBench(b, bs.name, bs.opts)
				b.StartTimer()
				start, cpu0 := time.Now(), cpuTime()
				if bs.loader {
					loadAllLoader(b, s, docs)
				} else {
					loadAll(b, s, docs)
				}
				elapsed += time.Since(start)
				cpu += cpuTime() - cpu0
				b.StopTimer()
				s.Close()
				b.StartTimer()
			}
			b.ReportMetric(float64(n*b.N)/elapsed.Seconds(), "quads/s")
			if cpu > 0 {
				b.ReportMetric(float64(n*b.N)/cpu.Seconds(), "quads/cpu-s")
			}
		})
	}
}

// BenchmarkReload: quads/s of rebuilding unchanged documents (read the
// graph, find no difference, write nothing).
func BenchmarkReload(b *testing.B) {
	docs, n := benchDocs(b, benchQuads())
	for _, bs := range benchStores[:2] {
		b.Run(bs.name, func(b *testing.B) {
			s := openBench(b, bs.name, bs.opts)
			defer s.Close()
			loadAll(b, s, docs)
			b.ResetTimer()
			start := time.Now()
			for i := 0; i < b.N; i++ {
				loadAll(b, s, docs)
			}
			b.ReportMetric(float64(n*b.N)/time.Since(start).Seconds(), "quads/s")
		})
	}
}

// BenchmarkOpen: the cost of opening a bolt store that holds benchQuads
// quads, with and without Cayley's bloom filters: time per open and heap
// held by the open store.
func BenchmarkOpen(b *testing.B) {
	dir := b.TempDir() + "/store"
	s, err := Open(context.Background(), Config{Store: dir})
	if err != nil {
		b.Fatal(err)
	}
	docs, _ := benchDocs(b, benchQuads())
	loadAllLoader(b, s, docs)
	s.Close()
	for _, bloom := range []bool{false, true} {
		b.Run(fmt.Sprintf("bloom=%v", bloom), func(b *testing.B) {
			var heap uint64
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				var before, after runtime.MemStats
				runtime.GC()
				runtime.ReadMemStats(&before)
				b.StartTimer()
				s, err := Open(context.Background(), Config{Store: dir, Options: map[string]any{"no_bloom": !bloom}})
				if err != nil {
					b.Fatal(err)
				}
				b.StopTimer()
				runtime.GC()
				runtime.ReadMemStats(&after)
				heap += after.HeapAlloc - min(before.HeapAlloc, after.HeapAlloc)
				s.Close()
				b.StartTimer()
			}
			b.ReportMetric(float64(heap)/float64(b.N)/(1<<20), "MB-heap/open")
		})
	}
}

// BenchmarkRead: Stats (one streaming pass for the distinct triples), the
// merged and the N-Quads export, and every document's graph by Match, on
// benchQuads quads; wall time and CPU time per run.
func BenchmarkRead(b *testing.B) {
	docs, _ := benchDocs(b, benchQuads())
	for _, bs := range benchStores {
		if bs.name != "memory" && bs.name != "bolt" && bs.name != "postgres-loader" {
			continue
		}
		s := openBench(b, bs.name, bs.opts)
		loadAllLoader(b, s, docs)
		b.Run("stats/"+bs.name, func(b *testing.B) {
			cpu0 := cpuTime()
			for i := 0; i < b.N; i++ {
				if _, err := s.Stats(context.Background()); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(cpuTime()-cpu0)/float64(b.N)/1e6, "cpu-ms/op")
		})
		for _, merged := range []bool{true, false} {
			name := "export-merged/"
			if !merged {
				name = "export-quads/"
			}
			b.Run(name+bs.name, func(b *testing.B) {
				var n int
				start, cpu0 := time.Now(), cpuTime()
				for i := 0; i < b.N; i++ {
					var err error
					if n, err = s.Export(context.Background(), discard{}, merged); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(n*b.N)/time.Since(start).Seconds(), "quads/s")
				b.ReportMetric(float64(cpuTime()-cpu0)/float64(b.N)/1e6, "cpu-ms/op")
			})
		}
		// every document's graph, one Match each, as the network
		// projections read the archive
		b.Run("match-graphs/"+bs.name, func(b *testing.B) {
			cpu0 := cpuTime()
			for i := 0; i < b.N; i++ {
				n := 0
				for _, d := range docs {
					if err := s.Match(context.Background(), ontology.Term{}, ontology.Term{}, ontology.Term{}, ontology.NewIRI(d.g), func(ontology.Quad) error {
						n++
						return nil
					}); err != nil {
						b.Fatal(err)
					}
				}
				if n == 0 {
					b.Fatal("no quads")
				}
			}
			b.ReportMetric(float64(cpuTime()-cpu0)/float64(b.N)/1e6, "cpu-ms/op")
		})
		s.Close()
	}
}

type discard struct{}

func (discard) Encode(ontology.Quad) error { return nil }

// BenchmarkImport: quads/s of Import (validate, spill, check which quads
// are missing, write in batches) into an empty store and, again, into the
// store that already holds them.
func BenchmarkImport(b *testing.B) {
	var quads []ontology.Quad
	docs, _ := benchDocs(b, benchQuads())
	for _, d := range docs {
		quads = append(quads, d.quads...)
	}
	for _, bs := range benchStores[:2] {
		b.Run(bs.name, func(b *testing.B) {
			var fresh, again time.Duration
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				s := openBench(b, bs.name, bs.opts)
				b.StartTimer()
				for _, d := range []*time.Duration{&fresh, &again} {
					start := time.Now()
					if _, err := s.Import(context.Background(), &sliceDecoder{quads: quads}, ontology.NewIRI("file:///x.nq")); err != nil {
						b.Fatal(err)
					}
					*d += time.Since(start)
				}
				b.StopTimer()
				s.Close()
				b.StartTimer()
			}
			b.ReportMetric(float64(len(quads)*b.N)/fresh.Seconds(), "quads/s")
			b.ReportMetric(float64(len(quads)*b.N)/again.Seconds(), "quads/s-again")
		})
	}
}
