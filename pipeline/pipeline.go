// Package pipeline builds the graph from documents: it reads and checks
// every input first (so that a bad file leaves the store untouched),
// extracts and maps documents to quads on all cores, and loads them
// through one writer, a document at a time, skipping documents whose
// content has not changed since they were loaded.
package pipeline

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"runtime"
	"sync"
	"time"

	"github.com/dossier-archive/dossier/corpus"
	"github.com/dossier-archive/dossier/extract"
	"github.com/dossier-archive/dossier/graph"
	"github.com/dossier-archive/dossier/ontology"
)

// Builder loads documents into a store.
type Builder struct {
	Extractor *extract.Extractor
	Mapper    ontology.Mapper
	Store     *graph.Store
	// Workers is how many documents are read and extracted at once;
	// 0 means one per CPU.
	Workers int
	// KeepGoing skips documents that cannot be read instead of stopping;
	// they are listed in Summary.Skipped.
	KeepGoing bool
	// Progress, when set, is called after each document with the number
	// done and the total.
	Progress func(done, total int)
	// Finishing, when set, is called once every document has been given
	// to the store, before the store's last writes: a new store loaded in
	// bulk writes its indexes then, which takes a while on a large archive.
	Finishing func()
}

// Summary is what a build did.
type Summary struct {
	Documents int     // documents given (after expanding folders)
	Loaded    int     // documents whose graph was written
	Unchanged int     // documents skipped because their content was already loaded
	Skipped   []error // documents that could not be read (KeepGoing)
	Added     int     // quads added
	Removed   int     // quads removed (old versions of changed documents)
	Bytes     int64   // bytes of text read
	Elapsed   time.Duration
}

// DocsPerSecond is the build's rate over all documents given.
func (s Summary) DocsPerSecond() float64 {
	if s.Elapsed <= 0 {
		return 0
	}
	return float64(s.Documents) / s.Elapsed.Seconds()
}

// Build reads, extracts and loads the sources. Before anything is written
// every source is read and checked: without KeepGoing, the first bad
// source is returned as the error and the store is not touched.
func (b *Builder) Build(ctx context.Context, sources []corpus.Source) (Summary, error) {
	start := time.Now()
	sum := Summary{Documents: len(sources)}
	bad := b.check(sources)
	for path, err := range duplicateIDs(sources) {
		if _, ok := bad[path]; !ok {
			bad[path] = err
		}
	}
	if len(bad) > 0 && !b.KeepGoing {
		for _, s := range sources {
			if err, ok := bad[s.Path]; ok {
				return sum, err
			}
		}
	}
	var good []corpus.Source
	for _, s := range sources {
		if err, ok := bad[s.Path]; ok {
			sum.Skipped = append(sum.Skipped, err)
			continue
		}
		good = append(good, s)
	}

	type result struct {
		src   corpus.Source
		graph *graph.Prepared
		same  bool
		size  int
		err   error
	}
	workers := b.workers()
	jobs := make(chan corpus.Source)
	results := make(chan result, workers)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for src := range jobs {
				r := result{src: src}
				r.graph, r.same, r.size, r.err = b.prepare(ctx, src)
				select {
				case results <- r:
				case <-ctx.Done():
					return
				}
			}
		}()
	}
	go func() {
		defer close(jobs)
		for _, s := range good {
			select {
			case jobs <- s:
			case <-ctx.Done():
				return
			}
		}
	}()
	go func() { wg.Wait(); close(results) }()

	// one writer: the store sees one document at a time, through a loader
	// that commits several small documents per transaction
	loader := b.Store.Loader()
	done := len(sum.Skipped)
	var firstErr error
	for r := range results {
		done++
		if b.Progress != nil {
			b.Progress(done, len(sources))
		}
		if firstErr != nil {
			continue
		}
		switch {
		case r.err != nil:
			if !b.KeepGoing || ctx.Err() != nil {
				firstErr = r.err
				cancel()
				continue
			}
			sum.Skipped = append(sum.Skipped, r.err)
		case r.same:
			sum.Unchanged++
			sum.Bytes += int64(r.size)
		default:
			ch, err := loader.ReplacePrepared(ctx, r.graph)
			if err != nil {
				firstErr = fmt.Errorf("%s: loading: %w", r.src.Path, err)
				cancel()
				continue
			}
			sum.Loaded++
			sum.Added += ch.Added
			sum.Removed += ch.Removed
			sum.Bytes += int64(r.size)
		}
	}
	if b.Finishing != nil {
		b.Finishing()
	}
	if err := loader.Close(context.WithoutCancel(ctx)); err != nil && firstErr == nil {
		firstErr = fmt.Errorf("loading: %w", err)
	}
	sum.Elapsed = time.Since(start)
	if firstErr == nil && ctx.Err() != nil && !errors.Is(ctx.Err(), context.Canceled) {
		firstErr = ctx.Err()
	}
	return sum, firstErr
}

func (b *Builder) workers() int {
	if b.Workers > 0 {
		return b.Workers
	}
	return runtime.NumCPU()
}

// check reads every source and returns the errors by path: unreadable,
// empty, binary, not UTF-8.
func (b *Builder) check(sources []corpus.Source) map[string]error {
	bad := map[string]error{}
	var mu sync.Mutex
	var wg sync.WaitGroup
	sem := make(chan struct{}, b.workers())
	for _, s := range sources {
		wg.Add(1)
		sem <- struct{}{}
		go func(s corpus.Source) {
			defer func() { <-sem; wg.Done() }()
			data, err := os.ReadFile(s.Path)
			if err == nil {
				err = extract.CheckText(s.Path, data)
			} else {
				err = readError(s.Path, err)
			}
			if err != nil {
				mu.Lock()
				bad[s.Path] = err
				mu.Unlock()
			}
		}(s)
	}
	wg.Wait()
	return bad
}

// prepare reads one document, and unless the store already holds this
// very content, extracts it, maps it to quads and prepares them for the
// store (graph.Store.Prepare), all on the calling worker.
func (b *Builder) prepare(ctx context.Context, src corpus.Source) (p *graph.Prepared, same bool, size int, err error) {
	data, err := os.ReadFile(src.Path)
	if err != nil {
		return nil, false, 0, readError(src.Path, err)
	}
	size = len(data)
	sum := sha256.Sum256(data)
	hash := hex.EncodeToString(sum[:])
	g := ontology.NewIRI(b.Mapper.DocumentIRI(extract.DocumentID(src.Path)))
	old, ok, err := b.Store.GraphHash(ctx, g)
	if err != nil {
		return nil, false, size, fmt.Errorf("%s: %w", src.Path, err)
	}
	if ok && old == hash {
		return nil, true, size, nil
	}
	doc, err := b.Extractor.Extract(src.Path, data)
	if err != nil {
		return nil, false, size, err
	}
	quads, err := b.Mapper.Quads(doc, hash)
	if err != nil {
		return nil, false, size, fmt.Errorf("%s: %w", src.Path, err)
	}
	if p, err = b.Store.Prepare(g, quads); err != nil {
		return nil, false, size, fmt.Errorf("%s: %w", src.Path, err)
	}
	return p, false, size, nil
}

// duplicateIDs finds sources whose document ID (from the file name) is
// already taken by an earlier source: both would write one named graph.
func duplicateIDs(sources []corpus.Source) map[string]error {
	first := map[string]string{}
	dups := map[string]error{}
	for _, s := range sources {
		id := extract.DocumentID(s.Path)
		if p, ok := first[id]; ok {
			dups[s.Path] = fmt.Errorf("%s: document ID %q is already taken by %s (rename one of the files)", s.Path, id, p)
			continue
		}
		first[id] = s.Path
	}
	return dups
}

func readError(path string, err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s: %w", path, pe.Err)
	}
	return fmt.Errorf("%s: %w", path, err)
}
