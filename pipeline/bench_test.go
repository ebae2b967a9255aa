package pipeline

import (
	"context"
	"os"
	"runtime/metrics"
	"strconv"
	"testing"
	"time"

	"github.com/dossier-archive/dossier/corpus"
	"github.com/dossier-archive/dossier/corpus/synthetic"
	"github.com/dossier-archive/dossier/extract"
	"github.com/dossier-archive/dossier/graph"
	"github.com/dossier-archive/dossier/ontology"
)

// BenchmarkBuild builds a generated archive of DOSSIER_BENCH_DOCS documents
// (default 200) into a fresh store of each backend, the way `dossier
// build` does, and reports documents/s, MB/s of text and the peak of the
// Go heap. One iteration is a whole build: run with -benchtime 1x.
//
//	go test ./pipeline -run '^$' -bench Build -benchtime 1x
func BenchmarkBuild(b *testing.B) {
	src, gs := generatedArchive(b, 200)
	x, err := extract.New()
	if err != nil {
		b.Fatal(err)
	}
	stores := []string{"memory", "bolt"}
	if u := os.Getenv("DOSSIER_TEST_POSTGRES"); u != "" {
		stores = append(stores, "postgres")
	}
	for _, kind := range stores {
		b.Run(kind, func(b *testing.B) {
			var elapsed, cpu time.Duration
			var quads int
			for range b.N {
				b.StopTimer()
				where := kind
				switch kind {
				case "bolt":
					where = b.TempDir() + "/store"
				case "postgres":
					where = os.Getenv("DOSSIER_TEST_POSTGRES")
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
				bl := &Builder{Extractor: x, Mapper: ontology.Mapper{}, Store: st}
				b.StartTimer()
				cpu0 := cpuTime()
				sum, err := bl.Build(context.Background(), src)
				if err != nil {
					b.Fatal(err)
				}
				cpu += cpuTime() - cpu0
				elapsed += sum.Elapsed
				quads += sum.Added
				b.StopTimer()
				st.Close()
				b.StartTimer()
			}
			b.SetBytes(gs.Bytes)
			b.ReportMetric(float64(len(src)*b.N)/elapsed.Seconds(), "docs/s")
			b.ReportMetric(float64(quads)/elapsed.Seconds(), "quads/s")
			if cpu > 0 {
				b.ReportMetric(float64(len(src)*b.N)/cpu.Seconds(), "docs/cpu-s")
			}
			b.ReportMetric(float64(peakHeap())/(1<<20), "MB-peak-heap")
		})
	}
}

// peakHeap is the most memory the Go runtime has mapped for the heap so
// far (what the process's resident size is bounded by, less mmap'd files).
func peakHeap() uint64 {
	s := []metrics.Sample{{Name: "/memory/classes/total:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// BenchmarkCheck measures the up-front pass of a build (every file read
// and checked before anything is written), the price of reading each file
// twice: MB/s of text.
func BenchmarkCheck(b *testing.B) {
	src, gs := generatedArchive(b, 2000)
	bl := &Builder{}
	b.SetBytes(gs.Bytes)
	b.ResetTimer()
	for range b.N {
		if bad := bl.check(src); len(bad) > 0 {
			b.Fatal(bad)
		}
	}
}

// generatedArchive writes a generated archive (seed 1) of n documents, or
// $DOSSIER_BENCH_DOCS, into a temporary folder and finds its documents.
func generatedArchive(b *testing.B, n int) ([]corpus.Source, synthetic.Summary) {
	b.Helper()
	if v, err := strconv.Atoi(os.Getenv("DOSSIER_BENCH_DOCS")); err == nil && v > 0 {
		n = v
	}
	g, err := synthetic.New(1, n)
	if err != nil {
		b.Fatal(err)
	}
	dir := b.TempDir()
	gs, err := g.WriteDir(context.Background(), dir, n)
	if err != nil {
		b.Fatal(err)
	}
	src, err := corpus.Find([]string{dir})
	if err != nil {
		b.Fatal(err)
	}
	return src, gs
}
