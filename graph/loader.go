package graph

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/refs"
	"github.com/cayleygraph/quad"
	bolt "go.etcd.io/bbolt"

	"github.com/dossier-archive/dossier/ontology"
)

// Loader replaces the graphs of many documents through one writer,
// several documents per transaction. A transaction has a fixed cost (bolt
// writes and syncs its touched pages on every commit, about 8 ms here), so
// a build of many small documents goes much faster when their changes are
// committed together; see BenchmarkLoad.
//
// A Loader is for one goroutine, and meant to be the only writer while it
// has staged changes: ReplaceGraph computes each document's difference
// against the store when it is called, and the difference is written later.
// Readers see a document's new graph once its batch is written.
//
// A Loader that starts on an empty bolt store loads it in bulk (bulk.go),
// which is many times faster: its readers see the documents when the
// Loader is flushed or closed, and the store takes no other writes until
// then. Given a document a second time, it ends the bulk load and goes on
// as above.
type Loader struct {
	s       *Store
	started bool      // whether the first graph has come (and bulk was decided)
	bulk    *bulkLoad // the bulk load in progress, or nil
	deltas  []graph.Delta
	graphs  []ontology.Term // graphs with staged changes, in order
	staged  map[ontology.Term]bool
}

// Loader starts a group-committing loader for s.
func (s *Store) Loader() *Loader {
	return &Loader{s: s, staged: map[ontology.Term]bool{}}
}

// BatchError says that a batch of staged documents could not be written.
// None of their changes reached the store.
type BatchError struct {
	Graphs []ontology.Term // the documents whose changes were lost
	Err    error
}

func (e *BatchError) Error() string {
	names := make([]string, 0, 3)
	for _, g := range e.Graphs[:min(3, len(e.Graphs))] {
		names = append(names, termString(g))
	}
	more := ""
	if len(e.Graphs) > 3 {
		more = fmt.Sprintf(" and %d more", len(e.Graphs)-3)
	}
	return fmt.Sprintf("writing the graphs %s%s: %v", strings.Join(names, ", "), more, e.Err)
}

func (e *BatchError) Unwrap() error { return e.Err }

// ReplaceGraph stages the replacement of graph g by quads (see
// Store.ReplaceGraph) and returns the changes it will make. When the staged
// changes reach the store's batch size they are written in one
// transaction. If that write fails, the error is a *BatchError naming
// every document whose changes did not reach the store, g included; they
// are no longer staged.
func (l *Loader) ReplaceGraph(ctx context.Context, g ontology.Term, quads []ontology.Quad) (Changes, error) {
	p, err := l.s.Prepare(g, quads)
	if err != nil {
		return Changes{}, err
	}
	return l.ReplacePrepared(ctx, p)
}

// Prepared is a document's graph checked, rid of duplicates and converted
// to the store's form: the part of loading that needs no store, which a
// builder does on its workers, so that the one writer only writes.
type Prepared struct {
	g    ontology.Term
	want wanted
	// for a bulk load (bulk.go): the graph's distinct nodes, and each
	// quad's nodes by direction as positions in nodes (-1: none)
	nodes     []preparedNode
	quadNodes [][4]int32
}

// preparedNode is a distinct node of a prepared graph: its value, the
// hash Cayley finds it by, and how many quad directions name it.
type preparedNode struct {
	hash refs.ValueHash
	val  quad.Value
	refs uint32
}

// Prepare checks and converts quads for the replacement of graph g in s
// (see Store.ReplaceGraph for what they may be). It reads nothing from s,
// and is safe to call from many goroutines.
func (s *Store) Prepare(g ontology.Term, quads []ontology.Quad) (*Prepared, error) {
	want, err := wantGraph(g, quads)
	if err != nil {
		return nil, err
	}
	p := &Prepared{g: g, want: want}
	if s.bolt != nil {
		p.indexNodes() // for a bulk load, should there be one
	}
	return p, nil
}

// indexNodes lists the distinct nodes of p and hashes them, on the
// builder's workers: a bulk load then looks each node up once per
// document, not once per quad that names it.
func (p *Prepared) indexNodes() {
	pos := make(map[ontology.Term]int32, len(p.want.keys))
	p.quadNodes = make([][4]int32, len(p.want.keys))
	for i, k := range p.want.keys {
		terms := [4]ontology.Term{k.S, k.P, k.O, k.G}
		for d, t := range terms {
			v := p.want.vals[i].Get(quad.Direction(d + 1))
			if v == nil {
				p.quadNodes[i][d] = -1
				continue
			}
			n, ok := pos[t]
			if !ok {
				n = int32(len(p.nodes))
				pos[t] = n
				p.nodes = append(p.nodes, preparedNode{hash: refs.HashOf(v), val: v})
			}
			p.nodes[n].refs++
			p.quadNodes[i][d] = n
		}
	}
}

// Quads is the number of distinct quads prepared.
func (p *Prepared) Quads() int { return len(p.want.keys) }

// ReplacePrepared is ReplaceGraph with quads already prepared.
func (l *Loader) ReplacePrepared(ctx context.Context, p *Prepared) (Changes, error) {
	g, want := p.g, p.want
	if !l.started && len(want.vals) > 0 {
		l.started = true
		var err error
		if l.bulk, err = l.s.startBulk(); err != nil {
			return Changes{}, err
		}
	}
	if l.bulk != nil && !l.bulk.loaded(g) {
		if err := l.bulk.add(p); err != nil {
			return Changes{}, l.abortBulk(err)
		}
		return Changes{Added: p.Quads()}, nil
	}
	if l.bulk != nil {
		// g again: its second version replaces the first, which must be
		// in the store to be found
		if err := l.finishBulk(); err != nil {
			return Changes{}, notLoaded(err, g)
		}
	}
	if l.staged[g] {
		// The staged difference of g was computed against the old graph;
		// write it before computing the next one.
		if err := l.Flush(ctx); err != nil {
			return Changes{}, notLoaded(err, g)
		}
	}
	unlock, err := l.s.lock()
	if err != nil {
		return Changes{}, err
	}
	deltas, ch, err := l.s.diffGraph(ctx, g, want)
	unlock()
	if err != nil || len(deltas) == 0 {
		return ch, err
	}
	if len(l.deltas) > 0 && len(l.deltas)+len(deltas) > l.s.batch {
		if err := l.Flush(ctx); err != nil {
			return Changes{}, notLoaded(err, g)
		}
	}
	l.deltas = append(l.deltas, deltas...)
	l.graphs = append(l.graphs, g)
	l.staged[g] = true
	if len(l.deltas) >= l.s.batch {
		if err := l.Flush(ctx); err != nil {
			return Changes{}, err
		}
	}
	return ch, nil
}

// notLoaded adds g to the documents a failed flush lost.
func notLoaded(err error, g ontology.Term) error {
	if be, ok := err.(*BatchError); ok {
		be.Graphs = append(be.Graphs, g)
	}
	return err
}

// finishBulk ends the bulk load: the store holds what it loaded, and
// takes other writes again. If that fails, the store is emptied again and
// the error is a *BatchError naming every graph the load had.
func (l *Loader) finishBulk() error {
	if err := l.bulk.finish(); err != nil {
		return l.abortBulk(err)
	}
	l.bulk = nil
	return nil
}

// abortBulk gives up the bulk load after err.
func (l *Loader) abortBulk(err error) error {
	b := l.bulk
	l.bulk = nil
	l.s.mu.Lock()
	aerr := b.abort()
	l.s.mu.Unlock()
	if aerr != nil {
		err = fmt.Errorf("%w (and emptying the store again: %v; it will be emptied when next opened)", err, aerr)
	}
	return &BatchError{Graphs: b.order, Err: err}
}

// Flush writes the staged changes.
func (l *Loader) Flush(ctx context.Context) error {
	if l.bulk != nil {
		return l.finishBulk()
	}
	if len(l.deltas) == 0 {
		return nil
	}
	graphs := l.graphs
	deltas := l.deltas
	l.deltas, l.graphs = l.deltas[:0:0], nil
	clear(l.staged)
	unlock, err := l.s.lock()
	if err != nil {
		return &BatchError{Graphs: graphs, Err: err}
	}
	defer unlock()
	// A batch reads pages all over the bolt file (Cayley spreads nodes by
	// hash), and they stay resident until released (releaseMapped; the
	// pages stay in the page cache). The transaction releases the pages it
	// has only read as it goes (boltTx.touched); the pages of the nodes it
	// changes come back while it commits, when bbolt copies them into the
	// pages it writes, so they are released every releaseInterval from
	// beside it too, and all of them after the batch: the resident memory
	// stays bounded by what a fraction of a batch touches, not by the size
	// of the store.
	var stop func()
	if l.s.bolt != nil {
		stop = releaseEvery(l.s.bolt, releaseInterval)
	}
	err = l.s.apply(ctx, deltas)
	if l.s.bolt != nil {
		stop()
		releaseMapped(l.s.bolt)
	}
	if err != nil {
		return &BatchError{Graphs: graphs, Err: err}
	}
	return nil
}

// releaseInterval is how often the mapped pages of a bolt file are
// released while a batch is written.
var releaseInterval = 100 * time.Millisecond

// releaseEvery releases db's mapped pages every d from a goroutine of its
// own (releaseMapped holds a read transaction, so bbolt cannot move the
// map meanwhile; a write that must move it waits for the moment the
// release takes), until stop is called.
func releaseEvery(db *bolt.DB, d time.Duration) (stop func()) {
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(d)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				releaseMapped(db)
			}
		}
	}()
	return func() {
		close(done)
		wg.Wait()
	}
}

// Close writes what is still staged. The Loader must not be used after.
func (l *Loader) Close(ctx context.Context) error {
	err := l.Flush(ctx)
	l.s = nil
	return err
}
