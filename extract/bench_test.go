package extract_test

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/dossier-archive/dossier/extract"
)

// The benchmarks report MB/s of document text (b.SetBytes): the whole
// extraction on one core (BenchmarkExtract, run with -cpu 1), on all cores
// (BenchmarkExtractParallel), and each stage alone (BenchmarkStages). They
// also report MB per CPU second, which other processes on a busy machine
// do not disturb. Reproduce with
//
//	go test ./extract -run XXX -bench 'Extract|Stages' -cpu 1 -count 5
//	go test ./extract -run XXX -bench ExtractParallel
//
// Wall-clock figures suffer when other processes share the machine;
// instruction counts do not:
//
//	go test -c -o extract.test ./extract
//	GOGC=off valgrind --tool=callgrind ./extract.test -test.short \
//		-test.run XXX -test.bench 'Stages/Dates' -test.benchtime 1x

// corpus returns the documents in the genre at hand: the project's own
// (data/samples, testdata/events, testdata/heldout) and, when present, the
// development corpus (../shared/corpus), read at run time.
func corpus(tb testing.TB) [][]byte {
	var docs [][]byte
	for _, pattern := range []string{
		filepath.Join("..", "data", "samples", "*"),
		filepath.Join("testdata", "events", "*"),
		filepath.Join("testdata", "heldout", "*"),
		filepath.Join("..", "..", "shared", "corpus", "*.txt"),
	} {
		files, _ := filepath.Glob(pattern)
		sort.Strings(files)
		for _, f := range files {
			if strings.HasSuffix(f, ".json") {
				continue
			}
			b, err := os.ReadFile(f)
			if err != nil {
				tb.Fatal(err)
			}
			docs = append(docs, b)
		}
	}
	if len(docs) == 0 {
		tb.Skip("no documents")
	}
	return docs
}

// bigCorpus repeats the documents up to about 4 MB (with -short, once:
// for counting instructions under valgrind).
func bigCorpus(tb testing.TB) (docs [][]byte, size int) {
	unit := corpus(tb)
	want := 4 << 20
	if testing.Short() {
		want = 1
	}
	for size < want {
		for _, d := range unit {
			docs = append(docs, d)
			size += len(d)
		}
	}
	return docs, size
}

// BenchmarkExtract measures the whole extraction (header, segmentation,
// names, entities, dates, events) over about 4 MB of documents.
func BenchmarkExtract(b *testing.B) {
	docs, size := bigCorpus(b)
	x, err := extract.New()
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	b.ResetTimer()
	cpu0 := cpuTime()
	for i := 0; i < b.N; i++ {
		for _, d := range docs {
			if _, err := x.Extract("doc.txt", d); err != nil {
				b.Fatal(err)
			}
		}
	}
	reportCPU(b, cpu0, int64(size)*int64(b.N))
}

// BenchmarkExtractParallel measures the whole extraction on all cores
// (GOMAXPROCS goroutines, or -cpu): each operation extracts every document
// of the corpus once, so MB/s is the throughput of the machine.
func BenchmarkExtractParallel(b *testing.B) {
	docs := corpus(b)
	size := 0
	for _, d := range docs {
		size += len(d)
	}
	x, err := extract.New()
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	b.ResetTimer()
	cpu0 := cpuTime()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			for _, d := range docs {
				if _, err := x.Extract("doc.txt", d); err != nil {
					b.Error(err)
					return
				}
			}
		}
	})
	reportCPU(b, cpu0, int64(size)*int64(b.N))
}

// stage is one step of Extractor.Run, as the stage benchmarks call it.
type stage struct {
	name string
	run  func(d *extract.Document, lex *extract.Lexicon)
}

var stages = []stage{
	{"Header", func(d *extract.Document, _ *extract.Lexicon) {
		// the first stage: a fresh document (ReadHeader adds to the
		// fields, and the text's lines are split once per document)
		*d = extract.Document{Text: d.Text, Meta: extract.Metadata{ID: d.Meta.ID}}
		extract.ReadHeader(d)
	}},
	{"Segment", func(d *extract.Document, _ *extract.Lexicon) { extract.Segment(d) }},
	{"Mentions", extract.FindMentions},
	{"Entities", extract.ResolveEntities},
	{"Dates", func(d *extract.Document, _ *extract.Lexicon) { extract.FindDates(d) }},
	{"Events", extract.FindEvents},
}

// BenchmarkStages measures each stage alone over about 4 MB of documents
// that the stages before it have already read. What stages share (the
// text's lines and lower case, made once per document by the first stage
// that needs them) is counted in the first run only: the whole extraction
// (BenchmarkExtract) is the figure that counts.
func BenchmarkStages(b *testing.B) {
	texts, size := bigCorpus(b)
	lex, err := extract.DefaultLexicon()
	if err != nil {
		b.Fatal(err)
	}
	for k, st := range stages {
		b.Run(st.name, func(b *testing.B) {
			docs := make([]*extract.Document, len(texts))
			for i, t := range texts {
				docs[i] = &extract.Document{Text: string(t)}
				docs[i].Meta.ID = "doc"
				for _, before := range stages[:k] {
					before.run(docs[i], lex)
				}
			}
			b.SetBytes(int64(size))
			b.ReportAllocs()
			b.ResetTimer()
			cpu0 := cpuTime()
			for i := 0; i < b.N; i++ {
				for _, d := range docs {
					st.run(d, lex)
				}
			}
			reportCPU(b, cpu0, int64(size)*int64(b.N))
		})
	}
}

// BenchmarkNames measures the name stages together (FindMentions and
// ResolveEntities) on documents already read and segmented.
func BenchmarkNames(b *testing.B) {
	texts, size := bigCorpus(b)
	lex, err := extract.DefaultLexicon()
	if err != nil {
		b.Fatal(err)
	}
	var docs []*extract.Document
	for _, t := range texts {
		d := &extract.Document{Text: string(t)}
		extract.ReadHeader(d)
		extract.Segment(d)
		docs = append(docs, d)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	b.ResetTimer()
	cpu0 := cpuTime()
	for i := 0; i < b.N; i++ {
		for _, d := range docs {
			extract.FindMentions(d, lex)
			extract.ResolveEntities(d, lex)
		}
	}
	reportCPU(b, cpu0, int64(size)*int64(b.N))
}

// reportCPU adds the throughput per CPU second (all threads, garbage
// collection included) to the wall-clock MB/s of b.SetBytes.
func reportCPU(b *testing.B, cpu0 time.Duration, bytes int64) {
	if d := cpuTime() - cpu0; d > 0 && cpu0 > 0 {
		b.ReportMetric(float64(bytes)/1e6/d.Seconds(), "MB/cpu-s")
	}
}
