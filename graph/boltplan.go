package graph

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/iterator"
	ckv "github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/cayley/graph/refs"
	"github.com/cayleygraph/cayley/query/shape"
	"github.com/cayleygraph/quad"
	bolt "go.etcd.io/bbolt"
)

// Query plans on bolt.
//
// Cayley's KV store answers a pattern with two fixed terms, such as
// has(rdf:type, schema:Person) or in(rdfs:label) from a name, by a scan of
// an index prefix (object-predicate of the object-predicate-subject
// index), and estimates the size of every such scan at half the store,
// whatever it holds: the name's one quad and the tens of thousands of
// rdf:type schema:Person quads look alike. Between two such estimates
// Cayley's And takes the first, and sometimes the first is the large one:
// g.V(name).in(rdfs:label).has(rdf:type, schema:Person) then reads every
// person's quads to find the one named (seconds on a store of a million
// quads, where the right plan takes a fraction of a millisecond).
//
// Cayley's KV optimizer turns such a pattern into an index scan only when
// it fixes every direction of an index; with two of three fixed it builds
// an intersection of two one-term iterators instead (the quads of the
// object, checked against the predicate), each estimated at half the store
// or all of it.
//
// plannedQS gives Gizmo the bolt store with its shape optimizer wrapped: a
// pattern whose fixed terms are a proper prefix of one of the store's
// indexes becomes a scan of that prefix (which Cayley's index iterator
// supports), and its size is counted in the index itself, up to
// planCountCap quads, so the And starts from the small side. A larger scan
// keeps Cayley's estimate of half the store.
type plannedQS struct {
	graph.QuadStore
	kv      *ckv.QuadStore
	db      *bolt.DB
	indexes []ckv.QuadIndex
}

// planCountCap bounds the index entries counted for one estimate.
var planCountCap = 4096

// planned returns the store Gizmo should query: s.qs, wrapped on bolt.
func (s *Store) planned() graph.QuadStore {
	kv, ok := s.qs.(*ckv.QuadStore)
	if !ok || s.bolt == nil {
		return s.qs
	}
	return &plannedQS{QuadStore: s.qs, kv: kv, db: s.bolt, indexes: s.boltIndexes}
}

// OptimizeShape plans prefix scans, and leaves the rest to Cayley's KV
// optimizer.
func (p *plannedQS) OptimizeShape(ctx context.Context, s shape.Shape) (shape.Shape, bool) {
	if qa, ok := s.(shape.QuadsAction); ok {
		if out, ok := p.prefixScan(qa); ok {
			return out, true
		}
	}
	out, opt := p.kv.OptimizeShape(ctx, s)
	if opt {
		out = p.ownScans(out)
	}
	return out, opt
}

// ownScans makes the index scans of a shape Cayley's KV optimizer returned
// (a NodesFrom whose quads are a scan, alone or in an intersection) build
// their iterators on the KV store itself, which they require, rather than
// on the wrapper.
func (p *plannedQS) ownScans(s shape.Shape) shape.Shape {
	switch s := s.(type) {
	case ckv.IndexScan:
		return countedScan{scan: s, kv: p.kv, size: -1}
	case shape.NodesFrom:
		s.Quads = p.ownScans(s.Quads)
		return s
	case shape.Intersect:
		out := make(shape.Intersect, len(s))
		for i, c := range s {
			out[i] = p.ownScans(c)
		}
		return out
	}
	return s
}

// prefixScan plans the quads of qa as the scan of an index prefix, when
// its fixed terms are a proper prefix of an index and no index has exactly
// them (Cayley plans that one itself, with an exact size).
func (p *plannedQS) prefixScan(qa shape.QuadsAction) (shape.Shape, bool) {
	n := len(qa.Filter)
	if n == 0 {
		return nil, false
	}
	var best *ckv.IndexScan
	for _, ind := range p.indexes {
		if len(ind.Dirs) < n {
			continue
		}
		vals := make([]uint64, 0, n)
		for _, d := range ind.Dirs[:n] {
			v, ok := qa.Filter[d].(ckv.Int64Value)
			if !ok {
				break
			}
			vals = append(vals, uint64(v))
		}
		if len(vals) != n {
			continue
		}
		if len(ind.Dirs) == n {
			return nil, false
		}
		if best == nil {
			best = &ckv.IndexScan{Index: ind, Values: vals}
		}
	}
	if best == nil {
		return nil, false
	}
	size, ok := p.count(*best)
	if !ok {
		size = 1 + p.kv.Size()/2 // Cayley's estimate of a prefix
	}
	scan := countedScan{scan: *best, kv: p.kv, size: size, exact: ok}
	if len(qa.Save) == 0 && len(best.Index.Dirs) > n && best.Index.Dirs[n] == qa.Result {
		return nodesByIndex{scan: scan, dir: qa.Result, db: p.db}, true
	}
	return qa.SimplifyFrom(scan), true
}

// nodesByIndex is the nodes in direction dir of the quads of an index
// prefix whose next direction is dir: Cayley's HasA over the scan, except
// that checking a node (Contains) looks the prefix and the node up in the
// index, instead of reading every quad of the node (HasA's way) until one
// is in the scan. The set of people, has(rdf:type, schema:Person), checks
// a candidate by one index entry, not by reading all its quads (thousands,
// for a person named in many documents).
type nodesByIndex struct {
	scan countedScan
	dir  quad.Direction
	db   *bolt.DB
}

func (s nodesByIndex) BuildIterator(qs graph.QuadStore) iterator.Shape {
	return &nodesIterator{HasA: graph.NewHasA(s.scan.kv, s.scan.BuildIterator(qs), s.dir), s: s}
}

func (s nodesByIndex) Optimize(context.Context, shape.Optimizer) (shape.Shape, bool) {
	return s, false
}

type nodesIterator struct {
	*graph.HasA
	s nodesByIndex
}

func (it *nodesIterator) String() string { return "IndexNodes(" + it.s.dir.String() + ")" }

func (it *nodesIterator) Lookup() iterator.Index {
	prefix := make([]byte, 8*len(it.s.scan.scan.Values)+8)
	for i, v := range it.s.scan.scan.Values {
		binary.BigEndian.PutUint64(prefix[8*i:], v)
	}
	return &indexContains{db: it.s.db, bucket: indexBucketName(it.s.scan.scan.Index), key: prefix}
}

// Stats: a check is one index lookup and a read of the quad log.
func (it *nodesIterator) Stats(ctx context.Context) (iterator.Costs, error) {
	c, err := it.HasA.Stats(ctx)
	c.ContainsCost = 2
	return c, err
}

func (it *nodesIterator) Optimize(ctx context.Context) (iterator.Shape, bool) {
	if out, _ := it.HasA.Optimize(ctx); iterator.IsNull(out) {
		return out, true
	}
	return it, false
}

// indexContains checks nodes against an index prefix: key is the prefix
// followed by room for the node's ID. Each further live quad under the
// prefix and the node is one more path (NextPath), as HasA has it.
type indexContains struct {
	db     *bolt.DB
	bucket []byte
	key    []byte
	ids    []uint64 // the quads listed under the key, and
	next   int      // the first of them not yet looked at
	result refs.Ref
	err    error
}

func (c *indexContains) Contains(ctx context.Context, v refs.Ref) bool {
	c.result, c.ids, c.next = nil, c.ids[:0], 0
	id, ok := v.(ckv.Int64Value)
	if !ok || c.err != nil {
		return false
	}
	binary.BigEndian.PutUint64(c.key[len(c.key)-8:], uint64(id))
	return c.find(v, true)
}

func (c *indexContains) NextPath(context.Context) bool {
	if c.result == nil || c.next >= len(c.ids) {
		return false
	}
	return c.find(c.result, false)
}

// find reads the index entries under the key (when list is set) and
// looks for the next live quad among them.
func (c *indexContains) find(v refs.Ref, list bool) bool {
	found := false
	c.err = c.db.View(func(tx *bolt.Tx) error {
		b, log := tx.Bucket(c.bucket), tx.Bucket(logBucket)
		if b == nil || log == nil {
			return nil
		}
		if list {
			// the entries under the prefix and the node (one, when the
			// node's direction is the index's last)
			cur := b.Cursor()
			for k, l := cur.Seek(c.key); k != nil && bytes.HasPrefix(k, c.key); k, l = cur.Next() {
				for len(l) > 0 {
					qid, m := binary.Uvarint(l)
					if m <= 0 {
						return fmt.Errorf("index %s entry %x: malformed list of quads", c.bucket, k)
					}
					l = l[m:]
					c.ids = append(c.ids, qid)
				}
			}
		}
		var rk [8]byte
		for c.next < len(c.ids) {
			qid := c.ids[c.next]
			c.next++
			binary.BigEndian.PutUint64(rk[:], qid)
			rec := log.Get(rk[:])
			if rec == nil {
				continue
			}
			r, err := decodeLogRecord(rec)
			if err != nil {
				return fmt.Errorf("quad %d: %w", qid, err)
			}
			if !r.isNode() && !r.deleted {
				found = true
				return nil
			}
		}
		return nil
	})
	found = found && c.err == nil
	if found {
		c.result = v
	} else {
		c.result = nil
	}
	return found
}

func (c *indexContains) String() string                 { return "IndexNodesContains" }
func (c *indexContains) TagResults(map[string]refs.Ref) {}
func (c *indexContains) Result() refs.Ref               { return c.result }
func (c *indexContains) Err() error                     { return c.err }
func (c *indexContains) Close() error                   { return nil }

// count counts the quad IDs under the scan's prefix of its index, giving
// up past planCountCap.
func (p *plannedQS) count(s ckv.IndexScan) (int64, bool) {
	prefix := make([]byte, 8*len(s.Values))
	for i, v := range s.Values {
		binary.BigEndian.PutUint64(prefix[8*i:], v)
	}
	name := indexBucketName(s.Index)
	var n int64
	ok := true
	err := p.db.View(func(tx *bolt.Tx) error {
		b := tx.Bucket(name)
		if b == nil {
			return nil
		}
		c := b.Cursor()
		for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
			for len(v) > 0 {
				_, m := binary.Uvarint(v)
				if m <= 0 {
					return fmt.Errorf("index %s entry %x: malformed list of quads", name, k)
				}
				v = v[m:]
				n++
			}
			if n > int64(planCountCap) {
				ok = false
				return nil
			}
		}
		return nil
	})
	return n, ok && err == nil
}

// countedScan is Cayley's index scan with a counted size, or none when
// size is negative. (The count includes removed quads whose IDs the index
// still lists: an upper bound, which is what a plan needs.)
type countedScan struct {
	scan  ckv.IndexScan
	kv    *ckv.QuadStore
	size  int64
	exact bool
}

func (s countedScan) BuildIterator(graph.QuadStore) iterator.Shape {
	if s.size < 0 {
		return s.scan.BuildIterator(s.kv) // not counted: Cayley's own
	}
	return countedIterator{Shape: s.scan.BuildIterator(s.kv), size: s.size, exact: s.exact && s.size == 0}
}

func (s countedScan) Optimize(context.Context, shape.Optimizer) (shape.Shape, bool) {
	return s, false
}

type countedIterator struct {
	iterator.Shape
	size  int64
	exact bool // only when empty: a count may include removed quads
}

func (it countedIterator) Stats(ctx context.Context) (iterator.Costs, error) {
	c, err := it.Shape.Stats(ctx)
	c.Size = refs.Size{Value: it.size, Exact: it.exact}
	return c, err
}

func (it countedIterator) Optimize(context.Context) (iterator.Shape, bool) {
	return it, false
}
