package graph

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"sync"

	ckv "github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/pquads"
	bolt "go.etcd.io/bbolt"

	"github.com/dossier-archive/dossier/ontology"
)

// Reading a bolt store without Cayley's iterators.
//
// Cayley's KV store keeps every node and every quad as a record of its log
// bucket, keyed by an increasing ID (8 bytes, big-endian): a node record
// holds its value, a quad record the IDs of its four nodes. Its iterators
// read a quad by ID, one record at a time, and Store.Quad then reads each
// of the four nodes again, each in a transaction of its own: five random
// reads of the B-tree per quad. The readers here walk the log bucket (all
// quads) or one index bucket (a fixed term) with a bbolt cursor, in the
// file's own order, and resolve node IDs to terms through a cache that the
// store keeps across reads: predicates, classes, graphs and common
// literals are read once.
//
// Each transaction reads at most boltChunk records and is closed before fn
// sees the quads it found, so that fn never runs inside a transaction (a
// write transaction that grows the file waits for open read transactions;
// a reader that opened a second one behind it would wait forever), and a
// long read does not keep a write waiting. Like Cayley's iterators, a read
// is therefore not one snapshot: a quad written or removed meanwhile may be
// seen or not.

// boltChunk is the most log or index records one read transaction walks.
var boltChunk = 8192

// releaseRecords is how many records the readers here read, together,
// between two releases of the file's mapped pages (releaseMapped): a scan
// of the whole store would otherwise leave all of it resident.
var releaseRecords int64 = 1 << 16

// readRecords counts records read, outside any transaction, and releases
// the mapped pages every releaseRecords.
func (s *Store) readRecords(n int) {
	if n <= 0 {
		return
	}
	if t := s.recordsRead.Add(int64(n)); t/releaseRecords != (t-int64(n))/releaseRecords {
		releaseMapped(s.bolt)
	}
}

// logRecord is one decoded record of Cayley's log (its protobuf message
// graph/proto.Primitive, decoded by hand: the generic decoder was most of
// the cost of a scan).
type logRecord struct {
	id, s, p, o, g uint64
	value          []byte // a node's value (pquads); empty for a quad
	deleted        bool
}

func (r *logRecord) isNode() bool { return len(r.value) != 0 }

func (r *logRecord) dir(d quad.Direction) uint64 {
	switch d {
	case quad.Subject:
		return r.s
	case quad.Predicate:
		return r.p
	case quad.Object:
		return r.o
	case quad.Label:
		return r.g
	}
	return 0
}

var errBadRecord = errors.New("malformed record in the quad log")

// decodeLogRecord decodes a Primitive: fields 1–5 are the IDs, 8 the
// value, 9 the deleted flag; others (Replaces, Timestamp, unknown fields)
// are skipped. value aliases b.
func decodeLogRecord(b []byte) (logRecord, error) {
	var r logRecord
	for len(b) > 0 {
		tag, n := binary.Uvarint(b)
		if n <= 0 {
			return r, errBadRecord
		}
		b = b[n:]
		field, wire := tag>>3, tag&7
		switch wire {
		case 0: // varint
			v, n := binary.Uvarint(b)
			if n <= 0 {
				return r, errBadRecord
			}
			b = b[n:]
			switch field {
			case 1:
				r.id = v
			case 2:
				r.s = v
			case 3:
				r.p = v
			case 4:
				r.o = v
			case 5:
				r.g = v
			case 9:
				r.deleted = v != 0
			}
		case 2: // bytes
			l, n := binary.Uvarint(b)
			if n <= 0 || l > uint64(len(b)-n) {
				return r, errBadRecord
			}
			if field == 8 {
				r.value = b[n : n+int(l)]
			}
			b = b[n+int(l):]
		case 1: // fixed64
			if len(b) < 8 {
				return r, errBadRecord
			}
			b = b[8:]
		case 5: // fixed32
			if len(b) < 4 {
				return r, errBadRecord
			}
			b = b[4:]
		default:
			return r, errBadRecord
		}
	}
	return r, nil
}

// nodeCache maps node IDs to terms. Cayley never reuses an ID (a node
// removed and added again gets a new one), so an entry stays true as long
// as the store is open. Two generations bound it: when the current one is
// full it becomes the old one, and what is found in the old one moves back.
type nodeCache struct {
	mu       sync.Mutex
	cur, old map[uint64]ontology.Term
}

// nodeCacheGen is the size of a generation: at most twice this many terms
// (a few tens of MB) are kept.
var nodeCacheGen = 1 << 17

func (c *nodeCache) get(id uint64) (ontology.Term, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if t, ok := c.cur[id]; ok {
		return t, true
	}
	t, ok := c.old[id]
	if ok {
		c.putLocked(id, t)
	}
	return t, ok
}

func (c *nodeCache) put(id uint64, t ontology.Term) {
	c.mu.Lock()
	c.putLocked(id, t)
	c.mu.Unlock()
}

func (c *nodeCache) putLocked(id uint64, t ontology.Term) {
	if c.cur == nil || len(c.cur) >= nodeCacheGen {
		c.old, c.cur = c.cur, make(map[uint64]ontology.Term, min(nodeCacheGen, 1024))
	}
	c.cur[id] = t
}

// boltReader resolves records inside one read transaction.
type boltReader struct {
	s   *Store
	log *bolt.Bucket
	key [8]byte
	// a cursor for quads read by ID in increasing order (an index lists a
	// document's quads, written together, with consecutive IDs): the next
	// record is a step of it, not a search of the B-tree
	cur  *bolt.Cursor
	last uint64 // the ID cur is at; 0 when none
}

func (s *Store) boltReader(tx *bolt.Tx) *boltReader {
	return &boltReader{s: s, log: tx.Bucket(logBucket)}
}

// record reads the log record id; ok is false when there is none.
func (br *boltReader) record(id uint64) (r logRecord, ok bool, err error) {
	if br.log == nil {
		return r, false, nil
	}
	binary.BigEndian.PutUint64(br.key[:], id)
	v := br.log.Get(br.key[:])
	if v == nil {
		return r, false, nil
	}
	r, err = decodeLogRecord(v)
	return r, err == nil, err
}

// quadRecord is record for quads, read in increasing ID order.
func (br *boltReader) quadRecord(id uint64) (r logRecord, ok bool, err error) {
	if br.log == nil {
		return r, false, nil
	}
	if br.cur == nil {
		br.cur = br.log.Cursor()
	}
	var k, v []byte
	if br.last != 0 && id == br.last+1 {
		k, v = br.cur.Next()
	} else {
		binary.BigEndian.PutUint64(br.key[:], id)
		k, v = br.cur.Seek(br.key[:])
	}
	br.last = 0
	if len(k) != 8 || binary.BigEndian.Uint64(k) != id {
		return r, false, nil
	}
	br.last = id
	if v == nil {
		return r, false, nil
	}
	r, err = decodeLogRecord(v)
	return r, err == nil, err
}

// term returns the term of node id (the zero Term for 0, the default
// graph).
func (br *boltReader) term(id uint64) (ontology.Term, error) {
	if id == 0 {
		return ontology.Term{}, nil
	}
	if t, ok := br.s.nodes.get(id); ok {
		return t, nil
	}
	r, ok, err := br.record(id)
	if err != nil {
		return ontology.Term{}, fmt.Errorf("node %d: %w", id, err)
	}
	if !ok || !r.isNode() {
		return ontology.Term{}, fmt.Errorf("node %d is missing from the quad log", id)
	}
	v, err := pquads.UnmarshalValue(r.value)
	if err != nil {
		return ontology.Term{}, fmt.Errorf("node %d: %w", id, err)
	}
	t, err := fromValue(v)
	if err != nil {
		return ontology.Term{}, err
	}
	br.s.nodes.put(id, t)
	return t, nil
}

// quad resolves a quad record.
func (br *boltReader) quad(r *logRecord) (q ontology.Quad, err error) {
	if q.S, err = br.term(r.s); err != nil {
		return q, err
	}
	if q.P, err = br.term(r.p); err != nil {
		return q, err
	}
	if q.O, err = br.term(r.o); err != nil {
		return q, err
	}
	q.G, err = br.term(r.g)
	return q, err
}

// boltFixed is a bound position of a pattern by node ID.
type boltFixed struct {
	dir quad.Direction
	id  uint64
}

func matchesFixed(r *logRecord, fixed []boltFixed) bool {
	for _, f := range fixed {
		if r.dir(f.dir) != f.id {
			return false
		}
	}
	return true
}

// boltChunkRead is what one read transaction of a long read found: the
// values to hand on, how many records it read (at most boltChunk), and
// whether it reached the end.
type boltChunkRead[T any] struct {
	out  []T
	read int
	done bool
}

// boltChunks reads the bolt file a chunk at a time, each chunk in a read
// transaction of its own, so that a long read neither keeps a writer
// waiting nor holds the pages it has read (readRecords releases them); it
// hands each chunk's values to emit outside the transaction. read goes on
// from where the last chunk stopped (its closure keeps the position) and
// sets done at the end.
func boltChunks[T any](ctx context.Context, s *Store, read func(tx *bolt.Tx, ch *boltChunkRead[T]) error, emit func(T) error) error {
	var ch boltChunkRead[T]
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		ch.out, ch.read, ch.done = ch.out[:0], 0, false
		err := s.bolt.View(func(tx *bolt.Tx) error { return read(tx, &ch) })
		s.readRecords(ch.read)
		if err != nil {
			return err
		}
		for _, v := range ch.out {
			if err := emit(v); err != nil {
				return err
			}
		}
		if ch.done {
			return nil
		}
	}
}

// boltMatch is Match on bolt: with no fixed term it walks the log; else it
// walks the index whose first direction is fixed[0]'s (all of them when
// none has), checking the other fixed terms by ID before reading any node.
func (s *Store) boltMatch(ctx context.Context, fixed []boltFixed, fn func(ontology.Quad) error) error {
	if len(fixed) > 0 {
		if ind, ok := s.boltIndexFor(fixed[0].dir); ok {
			return s.boltIndexScan(ctx, ind, fixed, fn)
		}
	}
	return s.boltLogScan(ctx, fixed, fn)
}

// boltLogScan calls fn with every live quad of the log that matches fixed,
// in log order (the order quads were first written).
func (s *Store) boltLogScan(ctx context.Context, fixed []boltFixed, fn func(ontology.Quad) error) error {
	return boltLiveQuads(ctx, s, func(br *boltReader, r *logRecord, ch *boltChunkRead[ontology.Quad]) error {
		if !matchesFixed(r, fixed) {
			return nil
		}
		q, err := br.quad(r)
		if err == nil {
			ch.out = append(ch.out, q)
		}
		return err
	}, fn)
}

// boltLiveQuads walks the log in chunks (boltChunks), in log order, and
// calls each with the record of every live quad, inside the chunk's
// transaction; each puts what it makes of it in ch.out for emit.
func boltLiveQuads[T any](ctx context.Context, s *Store, each func(br *boltReader, r *logRecord, ch *boltChunkRead[T]) error, emit func(T) error) error {
	var after []byte // the last key read
	return boltChunks(ctx, s, func(tx *bolt.Tx, ch *boltChunkRead[T]) error {
		br := s.boltReader(tx)
		if br.log == nil {
			ch.done = true
			return nil
		}
		c := br.log.Cursor()
		var k, v []byte
		if after == nil {
			k, v = c.First()
		} else if k, v = c.Seek(after); k != nil && bytes.Equal(k, after) {
			k, v = c.Next()
		}
		for ; k != nil && ch.read < boltChunk; k, v = c.Next() {
			ch.read++
			after = append(after[:0], k...)
			r, err := decodeLogRecord(v)
			if err != nil {
				return fmt.Errorf("quad log record %x: %w", k, err)
			}
			if r.isNode() || r.deleted {
				continue
			}
			if err := each(br, &r, ch); err != nil {
				return err
			}
		}
		ch.done = k == nil
		return nil
	}, emit)
}

// boltIndexFor returns the store's index whose first direction is d.
func (s *Store) boltIndexFor(d quad.Direction) (ckv.QuadIndex, bool) {
	for _, ind := range s.boltIndexes {
		if len(ind.Dirs) > 0 && ind.Dirs[0] == d {
			return ind, true
		}
	}
	return ckv.QuadIndex{}, false
}

// readBoltIndexes reads the list of indexes Cayley keeps in the meta
// bucket (a store without it has Cayley's legacy indexes).
func readBoltIndexes(db *bolt.DB) ([]ckv.QuadIndex, error) {
	var out []ckv.QuadIndex
	err := db.View(func(tx *bolt.Tx) error {
		meta := tx.Bucket([]byte("meta"))
		var v []byte
		if meta != nil {
			v = meta.Get([]byte("indexes"))
		}
		if v == nil {
			out = []ckv.QuadIndex{{Dirs: []quad.Direction{quad.Subject}}, {Dirs: []quad.Direction{quad.Object}}}
			return nil
		}
		return json.Unmarshal(v, &out)
	})
	return out, err
}

func indexBucketName(ind ckv.QuadIndex) []byte {
	name := make([]byte, len(ind.Dirs))
	for i, d := range ind.Dirs {
		name[i] = d.Prefix()
	}
	return name
}

// boltIndexScan calls fn with the live quads of index ind under the ID of
// fixed[0] that match all of fixed, in index order. An index entry's key
// is the IDs of its directions; its value the IDs of its quads (uvarints).
func (s *Store) boltIndexScan(ctx context.Context, ind ckv.QuadIndex, fixed []boltFixed, fn func(ontology.Quad) error) error {
	name := indexBucketName(ind)
	var prefix [8]byte
	binary.BigEndian.PutUint64(prefix[:], fixed[0].id)
	// the position reached: the key of an index entry and how many of its
	// quad IDs were read
	var at []byte
	skip := 0
	return boltChunks(ctx, s, func(tx *bolt.Tx, ch *boltChunkRead[ontology.Quad]) error {
		br := s.boltReader(tx)
		b := tx.Bucket(name)
		if b == nil {
			ch.done = true
			return nil
		}
		c := b.Cursor()
		var k, v []byte
		if at == nil {
			k, v = c.Seek(prefix[:])
		} else if k, v = c.Seek(at); k == nil || !bytes.Equal(k, at) {
			skip = 0 // the entry went away meanwhile: go on with the next
		}
		for ; k != nil && bytes.HasPrefix(k, prefix[:]); k, v = c.Next() {
			at = append(at[:0], k...)
			list := v
			for i := 0; len(list) > 0; i++ {
				id, m := binary.Uvarint(list)
				if m <= 0 {
					return fmt.Errorf("index %s entry %x: malformed list of quads", name, k)
				}
				list = list[m:]
				if i < skip {
					continue
				}
				if ch.read >= boltChunk {
					skip = i
					return nil
				}
				ch.read++
				r, ok, err := br.quadRecord(id)
				if err != nil {
					return fmt.Errorf("quad %d: %w", id, err)
				}
				if !ok || r.isNode() || r.deleted || !matchesFixed(&r, fixed) {
					continue
				}
				q, err := br.quad(&r)
				if err != nil {
					return err
				}
				ch.out = append(ch.out, q)
			}
			skip = 0
		}
		ch.done = true
		return nil
	}, fn)
}

// boltLogTriples calls fn with the subject, predicate and object IDs of
// every live quad of the log, in log order, reading no node.
func (s *Store) boltLogTriples(ctx context.Context, fn func(triple) error) error {
	return boltLiveQuads(ctx, s, func(_ *boltReader, r *logRecord, ch *boltChunkRead[triple]) error {
		ch.out = append(ch.out, triple{r.s, r.p, r.o})
		return nil
	}, fn)
}

// boltEachSubject calls fn with the live quads of each subject in turn, in
// the order of subject IDs (the order of Cayley's nodes), reading the
// store's index whose first direction is the subject (Dossier's and
// Cayley's default subject-predicate index); ok is false when the store
// has none. Memory is bounded by one subject's quads and one chunk.
func (s *Store) boltEachSubject(ctx context.Context, fn func([]ontology.Quad) error) (ok bool, err error) {
	ind, ok := s.boltIndexFor(quad.Subject)
	if !ok {
		return false, nil
	}
	name := indexBucketName(ind)
	var next []byte // the first key of the next subject to read
	return true, boltChunks(ctx, s, func(tx *bolt.Tx, ch *boltChunkRead[[]ontology.Quad]) error {
		br := s.boltReader(tx)
		b := tx.Bucket(name)
		if b == nil {
			ch.done = true
			return nil
		}
		c := b.Cursor()
		var k, v []byte
		if next == nil {
			k, v = c.First()
		} else {
			k, v = c.Seek(next)
		}
		var cur []byte // the subject being read (8 bytes)
		var quads []ontology.Quad
		for ; k != nil; k, v = c.Next() {
			if len(k) < 8 {
				return fmt.Errorf("index %s: short key %x", name, k)
			}
			if cur == nil || !bytes.Equal(k[:8], cur) {
				if cur != nil {
					ch.out = append(ch.out, quads)
					quads = nil
					if ch.read >= boltChunk {
						next = append(next[:0], k...)
						return nil
					}
				}
				cur = append(cur[:0], k[:8]...)
			}
			for list := v; len(list) > 0; {
				id, m := binary.Uvarint(list)
				if m <= 0 {
					return fmt.Errorf("index %s entry %x: malformed list of quads", name, k)
				}
				list = list[m:]
				ch.read++
				r, ok, err := br.quadRecord(id)
				if err != nil {
					return fmt.Errorf("quad %d: %w", id, err)
				}
				if !ok || r.isNode() || r.deleted {
					continue
				}
				q, err := br.quad(&r)
				if err != nil {
					return err
				}
				quads = append(quads, q)
			}
		}
		if cur != nil {
			ch.out = append(ch.out, quads)
		}
		ch.done = true
		return nil
	}, func(quads []ontology.Quad) error {
		if len(quads) == 0 {
			return nil
		}
		return fn(quads)
	})
}
