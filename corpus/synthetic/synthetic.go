// Package synthetic writes archives of generated documents in the genre
// Dossier reads, for tests and benchmarks: translated records of
// conversation with speaker turns (the Wilson Center's layout), FRUS-style
// memoranda (dateline, SUBJECT, PARTICIPANTS, source footnote) and plain
// embassy reports. The people repeat across documents the way they do in a
// real archive, a few central figures in most documents and a long tail
// named once or twice (a Zipf law over the cast); the documents carry
// absolute and relative dates, purges, plenums, meetings and publications.
//
// Everything is generated from a seed: document i of a generator is the
// same whatever else is generated, and on every machine. The text is made
// from templates written for this package and names drawn from Dossier's
// lexicons (package data) or invented from syllables; it is not an
// archival record, and every document says so in its header.
package synthetic

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
)

// Generator makes the documents of one synthetic archive.
type Generator struct {
	seed uint64
	docs int
	lx   *lexicons
	cast []Person
	z    zipf
}

// New prepares an archive of docs documents from seed. The cast grows with
// the archive (three people for every document, at least 300) so
// that the tail of rarely named people stays long.
func New(seed uint64, docs int) (*Generator, error) {
	if docs < 0 {
		return nil, fmt.Errorf("synthetic: %d documents", docs)
	}
	lx, err := readLexicons()
	if err != nil {
		return nil, err
	}
	n := min(300+3*docs, 300000)
	r := rand.New(rand.NewPCG(seed, 0x5eed))
	g := &Generator{seed: seed, docs: docs, lx: lx, cast: makeCast(lx, r, n)}
	g.z = newZipf(len(g.cast), 1.05)
	return g, nil
}

// Cast is the archive's people, most often named first.
func (g *Generator) Cast() []Person { return g.cast }

// Layout is the shape of a document.
type Layout int

// The layouts the extractor reads (extract.ReadHeader).
const (
	Record Layout = iota // Wilson Center record of conversation, speaker turns
	Memo                 // FRUS memorandum of conversation
	Report               // plain report with "Label: value" header lines
)

func (l Layout) String() string {
	return [...]string{"record", "memo", "report"}[l]
}

// Document is one generated document.
type Document struct {
	Index  int
	Name   string // file name, unique in the archive: "memo-000042.txt"
	Dir    string // sub-folder, a thousand documents each: "0000"
	Layout Layout
	Date   string // YYYY-MM-DD the document is dated
	People []int  // indices into Cast of everyone it names
	Text   []byte
}

// Document makes document i (0 ≤ i), the same for the same seed and
// archive size.
func (g *Generator) Document(i int) Document {
	r := rand.New(rand.NewPCG(g.seed, uint64(i)+1))
	w := newWriter(g, r)
	var layout Layout
	switch x := r.IntN(10); {
	case x < 4:
		layout = Record
	case x < 8:
		layout = Memo
	default:
		layout = Report
	}
	// sizes of the genre: median about 5.5 KB, from 2 KB to 30 KB
	target := int(math.Exp(math.Log(5500) + 0.7*r.NormFloat64()))
	target = min(max(target, 2048), 30<<10)
	switch layout {
	case Record:
		w.record(target, i)
	case Memo:
		w.memo(target, i)
	default:
		w.report(target, i)
	}
	d := Document{
		Index:  i,
		Name:   fmt.Sprintf("%s-%06d.txt", layout, i),
		Dir:    fmt.Sprintf("%04d", i/1000),
		Layout: layout,
		Date:   w.date.iso(),
		Text:   []byte(w.b.String()),
	}
	for p := range w.named {
		d.People = append(d.People, p)
	}
	slices.Sort(d.People)
	return d
}

// Summary is what WriteDir wrote.
type Summary struct {
	Documents int
	Bytes     int64
}

// WriteDir writes documents 0..n-1 under dir (dir/0000/memo-000000.txt,
// …), on all cores. A file that exists is overwritten.
func (g *Generator) WriteDir(ctx context.Context, dir string, n int) (Summary, error) {
	var sum Summary
	var bytes atomic.Int64
	var next atomic.Int64
	var firstErr error
	var once sync.Once
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var wg sync.WaitGroup
	for range runtime.NumCPU() {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ctx.Err() == nil {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				d := g.Document(i)
				sub := filepath.Join(dir, d.Dir)
				err := os.MkdirAll(sub, 0o755)
				if err == nil {
					err = os.WriteFile(filepath.Join(sub, d.Name), d.Text, 0o644)
				}
				if err != nil {
					once.Do(func() { firstErr = err; cancel() })
					return
				}
				bytes.Add(int64(len(d.Text)))
			}
		}()
	}
	wg.Wait()
	if firstErr != nil {
		return sum, firstErr
	}
	if err := ctx.Err(); err != nil {
		return sum, err
	}
	return Summary{Documents: n, Bytes: bytes.Load()}, nil
}
