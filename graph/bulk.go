package graph

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/cayleygraph/cayley/graph/refs"
	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/pquads"
	boom "github.com/tylertreat/BoomFilters"
	bolt "go.etcd.io/bbolt"

	"github.com/dossier-archive/dossier/ontology"
)

// Building a new bolt store in bulk.
//
// Cayley's KV layer adds a quad by looking up each of its four nodes by
// hash in one of 2×65 536 buckets, counting a reference to each, adding the
// quad to its log and appending the quad's ID to the entry of its key in
// each index: reads and writes all over the file, whose pages bolt copies
// and writes again at every commit, a cost that grows with the store. A
// build of a 10 000-document archive (17.5 M quads) spent nearly all of its
// 22 minutes there.
//
// A new store needs none of those reads: everything it will hold arrives
// through the build. bulkLoad writes the very same layout (same buckets,
// keys and values, so Cayley and the readers of boltread.go cannot tell the
// difference), in the order the file wants it: the log as it grows (its
// keys are increasing IDs), then each node bucket and each index once, in
// key order. The nodes are counted in memory (about 70 bytes each), the
// index entries sorted in memory up to bulkSortRecords and on disk beyond
// (recordSorter).
//
// The store's readers see the documents when the load ends. If the
// process dies before that, the store holds a part of a log that no index
// knows: the directory DIR/bulk-load marks a load in progress, and Open
// empties a store that still has it (the store was empty before the load
// began).

// bulkDirName is the directory, in the store's, whose presence says that
// a bulk load is in progress; it also holds the load's sort runs.
const bulkDirName = "bulk-load"

// bulkLogBytes is how much of the log is written per transaction.
var bulkLogBytes = 8 << 20

// bulkTxPuts is how many node or index entries are written per
// transaction at the end of a segment: bolt keeps a transaction's pages
// in memory until it commits. Entries in key order share pages, a few
// dozen to a page; bulkMergePuts is the bound after the first segment,
// when new entries fall between the store's (and old ones are read): each
// may have a page of its own, 4 KB of memory until the commit.
var bulkTxPuts, bulkMergePuts = 1 << 18, 1 << 13

// bulkSortRecords is how many index records, of all indexes together, are
// kept in memory (32 bytes each) before they are sorted to disk.
var bulkSortRecords = 3 << 20

// bulkSegmentNodes bounds the nodes counted in memory (about 70 bytes
// each): a load that has more writes what it has loaded so far, a segment,
// and goes on with an empty table, looking the nodes it does not know up
// in the store's node buckets. The 10 000 generated documents of
// BENCHMARKS.md (72 MB of text) have 2.9 M nodes.
var bulkSegmentNodes = 3 << 20

// bulkReleaseReads is how many reads of the store a bulk load makes
// between two releases of the file's mapped pages. After the first
// segment, it reads nodes and index entries all over the file, and the
// kernel maps up to 64 KB around each page read: without releases inside
// a transaction, a 300 MB archive's build had 950 MB of the file mapped.
// (Within a transaction the map cannot move: bolt remaps only on commit,
// and not while a reader is open.)
var bulkReleaseReads = 2048

// errBulkLoading refuses writes while a build loads the store in bulk.
var errBulkLoading = errors.New("the store is being built (a bulk load is in progress) and takes no other writes until the build ends")

// bulkNode is a node of the current segment: its hash, ID and the
// references to it (quad directions that name it) the segment adds. A
// node whose ID is at most the segment's base was in the store before.
type bulkNode struct {
	hash refs.ValueHash
	refs uint32
	id   uint64
}

// bulkIndex is one of the store's quad indexes being built.
type bulkIndex struct {
	name []byte
	dirs []quad.Direction
	sort *recordSorter
}

type bulkLoad struct {
	s      *Store
	db     *bolt.DB
	dir    string // DIR/bulk-load
	noSync bool   // the db's setting, restored for the last commit
	index  []bulkIndex
	nodeOf map[refs.ValueHash]int32 // position in nodes
	nodes  []bulkNode
	last   uint64 // the last ID given to a node or a quad
	base   uint64 // the last ID in the store when the segment began
	reads  int    // of the store since its mapped pages were last released
	// stored holds, per segment written, the hashes of its new nodes:
	// a node that none of them may hold is new, with no read of the store
	stored []*boom.BloomFilter
	quads  int64 // quads loaded, all segments
	graphs map[ontology.Term]bool
	order  []ontology.Term // the graphs loaded, in order
	// the log records of the next commit: their IDs, and their bytes one
	// after the other in arena
	logIDs  []uint64
	logEnds []int
	arena   []byte
	stamp   int64
}

// bulkEligible says whether s can be loaded in bulk: an embedded bolt
// store that holds nothing and never has (no ID was ever given), without
// Cayley's bloom filters (which would not know the quads written here),
// and whose indexes are all plain.
func (s *Store) bulkEligible() (bool, error) {
	if s.bolt == nil || !s.noBloom || s.noBulk {
		return false, nil
	}
	for _, ind := range s.boltIndexes {
		if ind.Unique || len(ind.Dirs) == 0 || len(ind.Dirs) > 3 {
			return false, nil
		}
	}
	empty := true
	err := s.bolt.View(func(tx *bolt.Tx) error {
		if meta := tx.Bucket([]byte("meta")); meta != nil {
			for _, k := range []string{"size", "horizon"} {
				if v := meta.Get([]byte(k)); len(v) == 8 && binary.LittleEndian.Uint64(v) != 0 {
					empty = false
				}
			}
		}
		if log := tx.Bucket(logBucket); log != nil {
			if k, _ := log.Cursor().First(); k != nil {
				empty = false
			}
		}
		return nil
	})
	return empty, err
}

// startBulk begins a bulk load of s, or returns nil when s cannot be
// loaded in bulk. Until the load ends, s takes no other writes.
func (s *Store) startBulk() (*bulkLoad, error) {
	unlock, err := s.lock()
	if err != nil {
		return nil, err
	}
	defer unlock()
	if ok, err := s.bulkEligible(); err != nil || !ok {
		return nil, err
	}
	dir := filepath.Join(s.where, bulkDirName)
	if err := os.Mkdir(dir, 0o755); err != nil {
		return nil, fmt.Errorf("store %s: %w", s.where, err)
	}
	if err := syncDir(s.where); err != nil {
		os.Remove(dir)
		return nil, fmt.Errorf("store %s: %w", s.where, err)
	}
	b := &bulkLoad{
		s:      s,
		db:     s.bolt,
		dir:    dir,
		noSync: s.bolt.NoSync,
		nodeOf: map[refs.ValueHash]int32{},
		graphs: map[ontology.Term]bool{},
		stamp:  time.Now().UnixNano(),
	}
	per := max(bulkSortRecords/len(s.boltIndexes), 1)
	for _, ind := range s.boltIndexes {
		b.index = append(b.index, bulkIndex{
			name: indexBucketName(ind),
			dirs: ind.Dirs,
			sort: newRecordSorter(len(ind.Dirs)+1, per, dir),
		})
	}
	// The log written before the end needs no fsync: if the process
	// dies, Open throws it away. The last commit syncs all of it.
	s.bolt.NoSync = true
	s.bulk = b
	return b, nil
}

// loaded says whether graph g was loaded by b.
func (b *bulkLoad) loaded(g ontology.Term) bool { return b.graphs[g] }

// add loads a prepared graph that b has not loaded before.
func (b *bulkLoad) add(p *Prepared) error {
	if len(p.want.vals) == 0 {
		return nil
	}
	b.graphs[p.g] = true
	b.order = append(b.order, p.g)
	if p.quadNodes == nil {
		p.indexNodes() // prepared for another store
	}
	if err := b.addQuads(p); err != nil {
		return err
	}
	if len(b.nodes) >= bulkSegmentNodes {
		return b.writeSegment(false)
	}
	if len(b.arena) >= bulkLogBytes {
		return b.commitLog()
	}
	return nil
}

// addQuads gives the quads of p and their new nodes IDs and log records,
// and their index entries to the sorters.
func (b *bulkLoad) addQuads(p *Prepared) error {
	// Nodes not in memory may be in the store, when a segment has been
	// written: a read transaction finds them, closed before anything is
	// written (a commit that grows the file waits for readers).
	var tx *bolt.Tx
	if b.base > 0 {
		var err error
		if tx, err = b.db.Begin(false); err != nil {
			return err
		}
		defer tx.Rollback()
	}
	nodeIDs := make([]uint64, len(p.nodes))
	for i, n := range p.nodes {
		id, err := b.node(tx, n)
		if err != nil {
			return err
		}
		nodeIDs[i] = id
	}
	for _, qn := range p.quadNodes {
		var ids [4]uint64 // by direction: subject, predicate, object, label
		for d, n := range qn {
			if n >= 0 {
				ids[d] = nodeIDs[n]
			}
		}
		b.last++
		qid := b.last
		b.arena = appendQuadRecord(b.arena, qid, ids, b.stamp)
		b.logged(qid)
		for _, ix := range b.index {
			var r indexRecord
			for j, d := range ix.dirs {
				r[j] = ids[d-quad.Subject]
			}
			r[len(ix.dirs)] = qid
			if err := ix.sort.add(r); err != nil {
				return fmt.Errorf("sorting the index %s: %w", ix.name, err)
			}
		}
		b.quads++
	}
	return nil
}

// node returns the ID of a document's node, giving it one (and a log
// record) when it is new, and counts the document's references to it. tx,
// when not nil, reads the nodes written by earlier segments.
func (b *bulkLoad) node(tx *bolt.Tx, pn preparedNode) (uint64, error) {
	h := pn.hash
	if i, ok := b.nodeOf[h]; ok {
		n := &b.nodes[i]
		if uint64(n.refs)+uint64(pn.refs) > math.MaxUint32 {
			return 0, fmt.Errorf("node %s: more references than one segment of a bulk load can count", pn.val)
		}
		n.refs += pn.refs
		return n.id, nil
	}
	if id, ok := b.storedNode(tx, h); ok {
		b.nodeOf[h] = int32(len(b.nodes))
		b.nodes = append(b.nodes, bulkNode{hash: h, id: id, refs: pn.refs})
		return id, nil
	}
	val, err := pquads.MarshalValue(pn.val)
	if err != nil {
		return 0, err
	}
	b.last++
	b.nodeOf[h] = int32(len(b.nodes))
	b.nodes = append(b.nodes, bulkNode{hash: h, id: b.last, refs: pn.refs})
	b.arena = appendNodeRecord(b.arena, b.last, b.stamp, val)
	b.logged(b.last)
	return b.last, nil
}

// storedNode looks the node of hash h up in the node buckets written by
// earlier segments.
func (b *bulkLoad) storedNode(tx *bolt.Tx, h refs.ValueHash) (uint64, bool) {
	if tx == nil || !slices.ContainsFunc(b.stored, func(f *boom.BloomFilter) bool { return f.Test(h[:]) }) {
		return 0, false
	}
	if b.reads++; b.reads >= bulkReleaseReads {
		b.reads = 0
		adviseMapped(b.db)
	}
	bk := tx.Bucket([]byte{'v', h[0], h[1]})
	if bk == nil {
		return 0, false
	}
	v := bk.Get(h[:])
	if v == nil {
		return 0, false
	}
	id, n := binary.Uvarint(v)
	return id, n > 0
}

// logged notes that the record just appended to the arena has ID id.
func (b *bulkLoad) logged(id uint64) {
	b.logIDs = append(b.logIDs, id)
	b.logEnds = append(b.logEnds, len(b.arena))
}

// commitLog writes the pending log records in one transaction.
func (b *bulkLoad) commitLog() error {
	if len(b.logIDs) == 0 {
		return nil
	}
	b.s.mu.Lock()
	defer b.s.mu.Unlock()
	err := b.db.Update(func(tx *bolt.Tx) error {
		log := tx.Bucket(logBucket)
		if log == nil {
			return errors.New("the store has no log bucket")
		}
		log.FillPercent = logFillPercent
		keys := make([]byte, 8*len(b.logIDs))
		start := 0
		for i, id := range b.logIDs {
			k := keys[8*i : 8*i+8]
			binary.BigEndian.PutUint64(k, id)
			if err := log.Put(k, b.arena[start:b.logEnds[i]]); err != nil {
				return err
			}
			start = b.logEnds[i]
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("writing the quad log: %w", err)
	}
	releaseMapped(b.db)
	// bolt copied the records into its pages on commit: the arena can
	// take the next ones
	b.logIDs, b.logEnds, b.arena = b.logIDs[:0], b.logEnds[:0], b.arena[:0]
	return nil
}

// finish writes the last segment and ends the load: the store holds
// every graph added, and takes other writes again.
func (b *bulkLoad) finish() error { return b.writeSegment(true) }

// writeSegment writes the nodes and the index entries of the segment,
// then the store's counters: readers see the documents loaded so far. The
// last one also syncs the file and removes the mark of the load.
func (b *bulkLoad) writeSegment(last bool) error {
	if err := b.commitLog(); err != nil {
		return err
	}
	b.s.mu.Lock()
	defer b.s.mu.Unlock()
	if err := b.writeNodes(); err != nil {
		return err
	}
	for _, ix := range b.index {
		if err := b.writeIndex(ix); err != nil {
			return fmt.Errorf("writing the index %s: %w", ix.name, err)
		}
	}
	if last {
		b.db.NoSync = b.noSync
	}
	err := b.db.Update(func(tx *bolt.Tx) error {
		meta := tx.Bucket([]byte("meta"))
		if meta == nil {
			return errors.New("the store has no meta bucket")
		}
		if err := meta.Put([]byte("size"), leUint64(uint64(b.quads))); err != nil {
			return err
		}
		return meta.Put([]byte("horizon"), leUint64(b.last))
	})
	if err != nil {
		return fmt.Errorf("writing the store's counters: %w", err)
	}
	b.base = b.last
	b.nodeOf = map[refs.ValueHash]int32{}
	b.nodes = b.nodes[:0]
	releaseMapped(b.db)
	if !last {
		return nil
	}
	if err := b.db.Sync(); err != nil {
		return err
	}
	if err := os.RemoveAll(b.dir); err != nil {
		return err
	}
	b.s.bulk = nil
	return syncDir(b.s.where)
}

// writeNodes writes each new node's ID and every node's reference count
// into the buckets named after the first two bytes of its hash, in hash
// order; a node of an earlier segment or load has its count added to.
func (b *bulkLoad) writeNodes() error {
	b.nodeOf = nil // the nodes are found by hash no more: let it go
	slices.SortFunc(b.nodes, func(x, y bulkNode) int { return bytes.Compare(x.hash[:], y.hash[:]) })
	stored := boom.NewBloomFilter(uint(max(len(b.nodes), 1)), 0.01)
	for i := range b.nodes {
		if b.nodes[i].id > b.base {
			stored.Add(b.nodes[i].hash[:])
		}
	}
	b.stored = append(b.stored, stored)
	// The reference counts first, then the IDs: bucket by bucket in the
	// order of their names, so that bolt appends each new bucket to the
	// root's list instead of moving half of it ('n…' < 'v…').
	w := b.writer()
	for i := range b.nodes {
		n := &b.nodes[i]
		h := n.hash
		nb := []byte{'n', h[0], h[1]}
		refs := uint64(n.refs)
		if n.id <= b.base {
			old, err := w.get(nb, h[:])
			if err != nil {
				return err
			}
			r, _ := binary.Uvarint(old)
			refs += r
		}
		if err := w.put(nb, h[:], binary.AppendUvarint(nil, refs)); err != nil {
			return err
		}
	}
	for i := range b.nodes {
		n := &b.nodes[i]
		if n.id <= b.base {
			continue
		}
		h := n.hash
		if err := w.put([]byte{'v', h[0], h[1]}, h[:], binary.AppendUvarint(nil, n.id)); err != nil {
			return err
		}
	}
	return w.commit()
}

// writeIndex writes an index: each key (the IDs of the index's
// directions, 8 bytes each, big-endian) with the IDs of its quads in
// increasing order, as uvarints, as Cayley's flushMapBucket does.
func (b *bulkLoad) writeIndex(ix bulkIndex) error {
	w := b.writer()
	n := len(ix.dirs)
	var key []byte
	var val []byte
	var prev indexRecord
	flush := func() error {
		if key == nil {
			return nil
		}
		if b.base > 0 {
			// the key may have quads of earlier segments, whose IDs
			// are all smaller: the list stays in order
			old, err := w.get(ix.name, key)
			if err != nil {
				return err
			}
			if old != nil {
				val = append(slices.Clip(old), val...)
			}
		}
		return w.put(ix.name, key, val)
	}
	err := ix.sort.each(func(r indexRecord) error {
		if key == nil || !sameKey(prev, r, n) {
			if err := flush(); err != nil {
				return err
			}
			key = make([]byte, 8*n)
			for i := range n {
				binary.BigEndian.PutUint64(key[8*i:], r[i])
			}
			val = nil
		}
		prev = r
		val = binary.AppendUvarint(val, r[n])
		return nil
	})
	if err == nil {
		err = flush()
	}
	if err != nil {
		return err
	}
	return w.commit()
}

func sameKey(a, b indexRecord, n int) bool {
	for i := range n {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// abort ends a load that cannot finish: it empties the store again (it
// was empty when the load began). If that fails too, the mark of the load
// stays and the next Open empties the store.
func (b *bulkLoad) abort() error {
	b.s.bulk = nil
	b.db.NoSync = b.noSync
	for _, ix := range b.index {
		ix.sort.remove()
	}
	err := b.db.Update(func(tx *bolt.Tx) error {
		var drop [][]byte
		c := tx.Cursor()
		for k, v := c.First(); k != nil; k, v = c.Next() {
			if v != nil {
				continue
			}
			if string(k) != "meta" {
				drop = append(drop, append([]byte(nil), k...))
			}
		}
		for _, name := range drop {
			if err := tx.DeleteBucket(name); err != nil {
				return err
			}
		}
		// the buckets a new store has (Cayley's createBuckets)
		if _, err := tx.CreateBucket(logBucket); err != nil {
			return err
		}
		for _, ix := range b.index {
			if _, err := tx.CreateBucket(ix.name); err != nil {
				return err
			}
		}
		if meta := tx.Bucket([]byte("meta")); meta != nil {
			for _, k := range []string{"size", "horizon"} {
				if err := meta.Delete([]byte(k)); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	return errors.Join(os.RemoveAll(b.dir), syncDir(b.s.where))
}

// bulkWriter puts keys in order into buckets of the root, committing
// every limit puts.
type bulkWriter struct {
	db    *bolt.DB
	limit int // puts per transaction
	tx    *bolt.Tx
	open  map[string]*bolt.Bucket // the transaction's buckets opened so far
	puts  int
	reads int // since the mapped pages were last released
}

// writer returns a bulkWriter for the current segment.
func (b *bulkLoad) writer() *bulkWriter {
	limit := bulkTxPuts
	if b.base > 0 {
		limit = min(limit, bulkMergePuts)
	}
	return &bulkWriter{db: b.db, limit: limit}
}

func (w *bulkWriter) put(bucket, key, val []byte) error {
	b, err := w.bucket(bucket)
	if err != nil {
		return err
	}
	w.puts++
	return b.Put(key, val)
}

// get returns the value of key in bucket (valid until the next put), or
// nil.
func (w *bulkWriter) get(bucket, key []byte) ([]byte, error) {
	b, err := w.bucket(bucket)
	if err != nil {
		return nil, err
	}
	if w.reads++; w.reads >= bulkReleaseReads {
		w.reads = 0
		adviseMapped(w.db)
	}
	return b.Get(key), nil
}

// bucket returns the named bucket of the root, created when missing, in
// the current transaction, which it first commits when it has had
// bulkTxPuts.
func (w *bulkWriter) bucket(name []byte) (*bolt.Bucket, error) {
	if w.tx != nil && w.puts >= w.limit {
		if err := w.commit(); err != nil {
			return nil, err
		}
	}
	if w.tx == nil {
		tx, err := w.db.Begin(true)
		if err != nil {
			return nil, err
		}
		w.tx, w.open, w.puts = tx, map[string]*bolt.Bucket{}, 0
	}
	if b, ok := w.open[string(name)]; ok {
		return b, nil
	}
	b := w.tx.Bucket(name)
	if b == nil {
		var err error
		if b, err = w.tx.CreateBucket(name); err != nil {
			return nil, err
		}
	}
	// Keys come in order: full pages, as the log's.
	b.FillPercent = logFillPercent
	w.open[string(name)] = b
	return b, nil
}

func (w *bulkWriter) commit() error {
	if w.tx == nil {
		return nil
	}
	err := w.tx.Commit()
	w.tx, w.open = nil, nil
	releaseMapped(w.db)
	return err
}

// appendNodeRecord appends a node's log record: the protobuf encoding of
// Cayley's graph/proto.Primitive with ID, Timestamp and Value set, as
// proto.Marshal writes it (fields in order, zeros left out).
func appendNodeRecord(b []byte, id uint64, stamp int64, value []byte) []byte {
	b = appendVarintField(b, 1, id)
	b = appendVarintField(b, 7, uint64(stamp))
	b = binary.AppendUvarint(b, 8<<3|2)
	b = binary.AppendUvarint(b, uint64(len(value)))
	return append(b, value...)
}

// appendQuadRecord appends a quad's log record: ID, the node IDs by
// direction (fields 2–5) and Timestamp.
func appendQuadRecord(b []byte, id uint64, ids [4]uint64, stamp int64) []byte {
	b = appendVarintField(b, 1, id)
	for i, x := range ids {
		b = appendVarintField(b, uint64(2+i), x)
	}
	return appendVarintField(b, 7, uint64(stamp))
}

func appendVarintField(b []byte, field, v uint64) []byte {
	if v == 0 {
		return b
	}
	b = binary.AppendUvarint(b, field<<3)
	return binary.AppendUvarint(b, v)
}

func leUint64(v uint64) []byte {
	b := make([]byte, 8)
	binary.LittleEndian.PutUint64(b, v)
	return b
}

// syncDir makes a directory's entries durable (a file created or removed
// in it).
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	return errors.Join(d.Sync(), d.Close())
}

// discardInterruptedBulk empties the bolt store in dir when a bulk load
// of it never ended (its mark is still there): it removes the store file
// and the mark, so that the store is created again, empty, as it was when
// the load began. It reports whether it did.
func discardInterruptedBulk(dir string) (bool, error) {
	mark := filepath.Join(dir, bulkDirName)
	if _, err := os.Stat(mark); errors.Is(err, os.ErrNotExist) {
		return false, nil
	} else if err != nil {
		return false, err
	}
	if err := os.Remove(filepath.Join(dir, boltFile)); err != nil && !errors.Is(err, os.ErrNotExist) {
		return false, err
	}
	if err := os.RemoveAll(mark); err != nil {
		return false, err
	}
	return true, syncDir(dir)
}
