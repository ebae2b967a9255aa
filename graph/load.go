package graph

import (
	"context"
	"errors"
	"fmt"
	"sort"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/iterator"
	"github.com/cayleygraph/cayley/graph/refs"
	"github.com/cayleygraph/quad"

	"github.com/dossier-archive/dossier/ontology"
)

// Changes counts what a write did to the store.
type Changes struct {
	Added   int // quads that were not there before
	Removed int // quads that are no longer there
}

// ContentHash is the predicate of a document's content hash: the triple
// <doc> dossier:contentHash "…" in the graph <doc> tells the builder whether
// the document changed since it was loaded (GraphHash).
const ContentHash = ontology.Dossier + "contentHash"

// ReplaceGraph makes the named graph g hold exactly quads: the quads of g
// that are not in quads are removed and the missing ones added, so loading
// the same document twice changes nothing and a changed document replaces
// its graph instead of adding to it. Each quad's graph must be g or empty
// (empty means g).
//
// Only the difference is written, in one transaction when it has at most
// BatchSize changes; a larger difference is written in batches, and if one
// batch fails the earlier ones are undone, so the graph is either replaced
// or left as it was.
func (s *Store) ReplaceGraph(ctx context.Context, g ontology.Term, quads []ontology.Quad) (Changes, error) {
	want, err := wantGraph(g, quads)
	if err != nil {
		return Changes{}, err
	}
	unlock, err := s.lock()
	if err != nil {
		return Changes{}, err
	}
	defer unlock()
	deltas, ch, err := s.diffGraph(ctx, g, want)
	if err != nil || len(deltas) == 0 {
		return ch, err
	}
	if err := s.apply(ctx, deltas); err != nil {
		return Changes{}, fmt.Errorf("graph %s: %w", termString(g), err)
	}
	return ch, nil
}

// wanted is the content a graph is to hold: its distinct quads in the
// order they were given, converted to Cayley's form, and the set of them.
type wanted struct {
	keys []ontology.Quad
	vals []quad.Quad
	set  map[ontology.Quad]struct{}
}

// wantGraph checks and converts the quads meant for graph g, dropping
// duplicates and keeping the order of first occurrence.
func wantGraph(g ontology.Term, quads []ontology.Quad) (wanted, error) {
	if _, err := graphValue(g); err != nil {
		return wanted{}, err
	}
	w := wanted{
		keys: make([]ontology.Quad, 0, len(quads)),
		vals: make([]quad.Quad, 0, len(quads)),
		set:  make(map[ontology.Quad]struct{}, len(quads)),
	}
	conv := newConverter()
	for i, q := range quads {
		if q.G.IsZero() {
			q.G = g
		} else if q.G != g {
			return wanted{}, fmt.Errorf("quad %d is in graph %s, not %s", i, termString(q.G), termString(g))
		}
		if _, dup := w.set[q]; dup {
			continue
		}
		cq, err := conv.quad(q)
		if err != nil {
			return wanted{}, fmt.Errorf("quad %d of graph %s: %w", i, termString(g), err)
		}
		w.set[q] = struct{}{}
		w.keys = append(w.keys, q)
		w.vals = append(w.vals, cq)
	}
	return w, nil
}

// diffGraph compares the stored graph g with want and returns the deltas
// that turn one into the other: deletes first, in a stable order, then the
// additions in the order the quads were given, so that stores built from
// the same documents come out identical (node and quad IDs follow the
// order of writes). A graph the store does not hold yet costs no read and
// no sort: its deltas are the wanted quads as they are.
func (s *Store) diffGraph(ctx context.Context, g ontology.Term, want wanted) ([]graph.Delta, Changes, error) {
	gv, _ := toValue(g)
	have, err := s.graphQuads(ctx, gv)
	if err != nil {
		return nil, Changes{}, err
	}
	if len(have) == 0 {
		deltas := make([]graph.Delta, len(want.vals))
		for i, q := range want.vals {
			deltas[i] = graph.Delta{Quad: q, Action: graph.Add}
		}
		return deltas, Changes{Added: len(deltas)}, nil
	}
	var del []ontology.Quad
	for k := range have {
		if _, ok := want.set[k]; !ok {
			del = append(del, k)
		}
	}
	sort.Slice(del, func(i, j int) bool { return quadLess(del[i], del[j]) })
	deltas := make([]graph.Delta, 0, len(del)+len(want.vals))
	for _, k := range del {
		// Delete the quad as it is stored, not as it converts back:
		// Cayley finds quads by the hash of their values.
		deltas = append(deltas, graph.Delta{Quad: have[k], Action: graph.Delete})
	}
	added := 0
	for i, k := range want.keys {
		if _, ok := have[k]; !ok {
			deltas = append(deltas, graph.Delta{Quad: want.vals[i], Action: graph.Add})
			added++
		}
	}
	return deltas, Changes{Added: added, Removed: len(del)}, nil
}

// RemoveGraph removes every quad of the named graph g and reports how many
// there were.
func (s *Store) RemoveGraph(ctx context.Context, g ontology.Term) (int, error) {
	ch, err := s.ReplaceGraph(ctx, g, nil)
	return ch.Removed, err
}

// GraphHash returns the dossier:contentHash of the document whose graph is
// g (the object of <g> dossier:contentHash ?h in graph g), and whether there
// is one. It reads a handful of quads, so the builder can call it for every
// document to skip the unchanged ones.
func (s *Store) GraphHash(ctx context.Context, g ontology.Term) (string, bool, error) {
	gv, err := graphValue(g)
	if err != nil {
		return "", false, err
	}
	unlock, err := s.rlock()
	if err != nil {
		return "", false, err
	}
	defer unlock()
	refs, err := s.refsOf(gv, quad.IRI(ContentHash))
	if err != nil || refs == nil {
		return "", false, err
	}
	gref, pref := refs[0], refs[1]
	var hashes []string
	err = s.scan(ctx, s.qs.QuadIterator(quad.Subject, gref), func(r graph.Ref) error {
		if !s.dirIs(r, quad.Predicate, pref) || !s.dirIs(r, quad.Label, gref) {
			return nil
		}
		q, err := s.qs.Quad(r)
		if err != nil {
			return err
		}
		o, err := fromValue(q.Object)
		if err != nil {
			return err
		}
		hashes = append(hashes, o.Value)
		return nil
	})
	if err != nil || len(hashes) == 0 {
		return "", false, err
	}
	sort.Strings(hashes) // more than one would be a bug upstream; be deterministic
	return hashes[0], true, nil
}

// RemoveAllGraphs empties the store of every named graph, one graph per
// transaction: what a benchmark or test does to start from nothing on a
// store it cannot delete (a shared PostgreSQL database).
func (s *Store) RemoveAllGraphs(ctx context.Context) error {
	gs, err := s.Graphs(ctx)
	if err != nil {
		return err
	}
	l := s.Loader()
	for _, g := range gs {
		if _, err := l.ReplaceGraph(ctx, g.Graph, nil); err != nil {
			l.Close(ctx)
			return err
		}
	}
	return l.Close(ctx)
}

// GraphInfo describes one named graph.
type GraphInfo struct {
	Graph ontology.Term
	Quads int
}

// Graphs lists the named graphs in the store with their quad counts,
// sorted by name. Quads in the default graph are not listed. It reads every
// quad once; memory grows with the number of graphs, not of quads.
func (s *Store) Graphs(ctx context.Context) ([]GraphInfo, error) {
	unlock, err := s.rlock()
	if err != nil {
		return nil, err
	}
	defer unlock()
	counts := make(map[any]int)
	labels := make(map[any]graph.Ref)
	err = s.scan(ctx, s.qs.QuadsAllIterator(), func(r graph.Ref) error {
		l, err := s.qs.QuadDirection(r, quad.Label)
		if err != nil || l == nil {
			return err
		}
		k := refs.ToKey(l)
		if _, ok := labels[k]; !ok {
			labels[k] = l
		}
		counts[k]++
		return nil
	})
	if err != nil {
		return nil, err
	}
	out := make([]GraphInfo, 0, len(labels))
	for k, l := range labels {
		v, err := s.qs.NameOf(l)
		if err != nil {
			return nil, err
		}
		t, err := fromValue(v)
		if err != nil {
			return nil, err
		}
		if t.IsZero() {
			continue
		}
		out = append(out, GraphInfo{Graph: t, Quads: counts[k]})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Graph.Value < out[j].Graph.Value })
	return out, nil
}

// graphValue checks that g can name a graph.
func graphValue(g ontology.Term) (quad.Value, error) {
	if g.Kind != ontology.IRI && g.Kind != ontology.Blank {
		return nil, fmt.Errorf("graph name %s is not an IRI", termString(g))
	}
	return toValue(g)
}

// graphQuads reads the quads of graph g, keyed by their plain form.
func (s *Store) graphQuads(ctx context.Context, g quad.Value) (map[ontology.Quad]quad.Quad, error) {
	out := make(map[ontology.Quad]quad.Quad)
	gref, err := s.qs.ValueOf(g)
	if err != nil || gref == nil {
		return out, err
	}
	err = s.scan(ctx, s.qs.QuadIterator(quad.Label, gref), func(r graph.Ref) error {
		q, err := s.qs.Quad(r)
		if err != nil {
			return err
		}
		k, err := fromQuad(q)
		if err != nil {
			return err
		}
		out[k] = q
		return nil
	})
	return out, err
}

// refsOf resolves values to store references; nil (and no error) when one
// of them is not in the store.
func (s *Store) refsOf(vals ...quad.Value) ([]graph.Ref, error) {
	out := make([]graph.Ref, len(vals))
	for i, v := range vals {
		r, err := s.qs.ValueOf(v)
		if err != nil || r == nil {
			return nil, err
		}
		out[i] = r
	}
	return out, nil
}

// dirIs reports whether quad r has node want in direction d.
func (s *Store) dirIs(r graph.Ref, d quad.Direction, want graph.Ref) bool {
	v, err := s.qs.QuadDirection(r, d)
	if err != nil || v == nil {
		return false
	}
	return refs.ToKey(v) == refs.ToKey(want)
}

// scan calls fn for each result of the shape, stopping at the first error
// or when ctx is done.
func (s *Store) scan(ctx context.Context, sh iterator.Shape, fn func(graph.Ref) error) error {
	it := sh.Iterate()
	defer it.Close()
	for n := 0; it.Next(ctx); n++ {
		if n%1024 == 1023 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		if err := fn(it.Result()); err != nil {
			return err
		}
	}
	if err := it.Err(); err != nil {
		return err
	}
	return ctx.Err()
}

// writeOpts are the options of every write (see Open): a quad added that
// is already stored, or removed that is already gone, is skipped.
var writeOpts = graph.IgnoreOpts{IgnoreDup: true, IgnoreMissing: true}

// apply writes deltas, BatchSize per transaction, undoing the written
// batches if a later one fails.
//
// Additions and removals never share a transaction: the additions are
// written first, then the removals. Cayley's KV store (bolt) mis-writes a
// transaction that mixes them when a node loses more quads than it gains
// in it: it counts each node's net change of references, resolves the
// nodes of added quads only among those that gain, and so writes the
// added quads of such a node without it (an object that reads back
// empty), drops others as duplicates of those, and may delete the node
// while quads still use it. A Loader batch mixes them whenever a changed
// document is written with others (a rebuild). Between the two
// transactions a reader may see a replaced graph holding its old and new
// quads together; it never sees one missing.
func (s *Store) apply(ctx context.Context, deltas []graph.Delta) error {
	deltas = addsFirst(deltas)
	for done := 0; done < len(deltas); {
		if err := ctx.Err(); err != nil {
			return s.undo(deltas[:done], err)
		}
		end := s.batchEnd(deltas, done)
		if err := s.w.ApplyTransaction(transaction(deltas[done:end])); err != nil {
			return s.undo(deltas[:done], err)
		}
		done = end
	}
	return nil
}

// addsFirst orders deltas additions first, keeping the order within each.
func addsFirst(deltas []graph.Delta) []graph.Delta {
	adds := 0
	sorted := true
	for i, d := range deltas {
		if d.Action == graph.Add {
			if adds != i {
				sorted = false
			}
			adds++
		}
	}
	if sorted {
		return deltas
	}
	out := make([]graph.Delta, 0, len(deltas))
	for _, d := range deltas {
		if d.Action == graph.Add {
			out = append(out, d)
		}
	}
	for _, d := range deltas {
		if d.Action != graph.Add {
			out = append(out, d)
		}
	}
	return out
}

// batchEnd is the end of the transaction that starts at deltas[start]: at
// most BatchSize deltas, all of one action.
func (s *Store) batchEnd(deltas []graph.Delta, start int) int {
	end := min(start+s.batch, len(deltas))
	for i := start + 1; i < end; i++ {
		if deltas[i].Action != deltas[start].Action {
			return i
		}
	}
	return end
}

// undo reverts deltas that were written, last batch first, and returns
// cause (with the undo's own failure if it failed too).
func (s *Store) undo(deltas []graph.Delta, cause error) error {
	inv := make([]graph.Delta, len(deltas))
	for i, d := range deltas {
		inv[len(deltas)-1-i] = graph.Delta{Quad: d.Quad, Action: -d.Action}
	}
	for done := 0; done < len(inv); {
		end := s.batchEnd(inv, done)
		if err := s.w.ApplyTransaction(transaction(inv[done:end])); err != nil {
			return errors.Join(cause, fmt.Errorf("undoing the partial write also failed, the store is left half-written: %w", err))
		}
		done = end
	}
	return cause
}

// transaction wraps deltas that hold no quad twice in a Cayley
// transaction. It is built directly, not through Transaction.AddQuad,
// whose only extra is a map that drops repeated deltas (a quarter of a
// memory store's load time): the deltas here are differences of sets of
// quads, of distinct graphs, and never repeat one.
func transaction(deltas []graph.Delta) *graph.Transaction {
	return &graph.Transaction{Deltas: deltas}
}

func quadLess(a, b ontology.Quad) bool {
	for _, t := range [4][2]ontology.Term{{a.S, b.S}, {a.P, b.P}, {a.O, b.O}, {a.G, b.G}} {
		if t[0] != t[1] {
			return termLess(t[0], t[1])
		}
	}
	return false
}
