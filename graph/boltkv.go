package graph

import (
	"bytes"
	"context"

	hkv "github.com/hidal-go/hidalgo/kv"
	bolt "go.etcd.io/bbolt"
)

// boltKV is the hierarchical key-value interface Cayley's KV store writes
// through (hidalgo's kv.KV), over a bbolt file: a key's leading parts name
// nested buckets, its last part the key in the innermost one. It is the
// same layout, so the same file, as hidalgo's own bbolt adapter, written
// again for speed, because a build spends most of its time here:
//
//   - Put finds the buckets of a key through bbolt's cache of open
//     buckets, and creates one only when it is missing. hidalgo's adapter
//     calls CreateBucketIfNotExists for every write, which searches the
//     parent bucket's B-tree before it finds the cached one: with Cayley's
//     2×65 536 node buckets that was a tenth of the load's CPU time.
//   - Cayley's quad log is append-only (its keys are increasing IDs), so
//     its pages are filled to 95 % instead of bbolt's 50 % (FillPercent):
//     fewer pages to write on each commit, a smaller file.
//   - A write transaction releases the pages of the file it has read from
//     the process's resident set every releaseOps reads and writes
//     (adviseMapped): a batch reads pages all over the file (nodes are
//     spread over 2×65 536 buckets by hash), and they would otherwise stay
//     resident until the batch is written, a set that grows with the store.
type boltKV struct{ db *bolt.DB }

// releaseOps is how many reads and writes of a write transaction go
// between two releases of its mapped pages.
var releaseOps = 1 << 14

// logBucket is the name of Cayley's quad log bucket (graph/kv: logIndex).
var logBucket = []byte("log")

const logFillPercent = 0.95

func (k *boltKV) Close() error { return k.db.Close() }

func (k *boltKV) Tx(_ context.Context, rw bool) (hkv.Tx, error) {
	tx, err := k.db.Begin(rw)
	if err != nil {
		return nil, err
	}
	return &boltTx{tx: tx, db: k.db}, nil
}

func (k *boltKV) View(ctx context.Context, fn func(tx hkv.Tx) error) error {
	return hkv.View(ctx, k, fn)
}

func (k *boltKV) Update(ctx context.Context, fn func(tx hkv.Tx) error) error {
	return hkv.Update(ctx, k, fn)
}

type boltTx struct {
	tx  *bolt.Tx
	db  *bolt.DB
	ops int // reads and writes since the last release (write transactions)
}

// touched counts n reads or writes of a write transaction and releases
// the mapped pages every releaseOps. In the middle of a transaction the
// map cannot move (bbolt remaps only while committing), so no read
// transaction is needed to pin it.
func (t *boltTx) touched(n int) {
	if !t.tx.Writable() {
		return
	}
	t.ops += n
	if t.ops >= releaseOps {
		t.ops = 0
		adviseMapped(t.db)
	}
}

// root is the file's root bucket (bbolt exposes it through a cursor).
func (t *boltTx) root() *bolt.Bucket { return t.tx.Cursor().Bucket() }

// bucket returns the bucket that holds key and the rest of the key (one
// part when the buckets exist), or nil.
func (t *boltTx) bucket(key hkv.Key) (*bolt.Bucket, hkv.Key) {
	if len(key) <= 1 {
		return t.root(), key
	}
	b := t.tx.Bucket(key[0])
	key = key[1:]
	for b != nil && len(key) > 1 {
		b = b.Bucket(key[0])
		key = key[1:]
	}
	return b, key
}

func (t *boltTx) Get(_ context.Context, key hkv.Key) (hkv.Value, error) {
	t.touched(1)
	b, k := t.bucket(key)
	if b == nil || len(k) != 1 {
		return nil, hkv.ErrNotFound
	}
	v := b.Get(k[0])
	if v == nil {
		return nil, hkv.ErrNotFound
	}
	return v, nil
}

func (t *boltTx) GetBatch(_ context.Context, keys []hkv.Key) ([]hkv.Value, error) {
	t.touched(len(keys))
	vals := make([]hkv.Value, len(keys))
	for i, key := range keys {
		if b, k := t.bucket(key); b != nil && len(k) == 1 {
			vals[i] = b.Get(k[0])
		}
	}
	return vals, nil
}

func (t *boltTx) Commit(context.Context) error { return t.tx.Commit() }

func (t *boltTx) Close() error {
	if err := t.tx.Rollback(); err != nil && err != bolt.ErrTxClosed {
		return err
	}
	return nil
}

// sub opens (creating when missing) the bucket name of b, or of the
// root when b is nil.
func (t *boltTx) sub(b *bolt.Bucket, name []byte) (*bolt.Bucket, error) {
	var s *bolt.Bucket
	if b == nil {
		s = t.tx.Bucket(name)
	} else {
		s = b.Bucket(name)
	}
	if s != nil {
		return s, nil
	}
	var err error
	if b == nil {
		s, err = t.tx.CreateBucket(name)
	} else {
		s, err = b.CreateBucket(name)
	}
	if err != nil {
		return nil, err
	}
	if b == nil && bytes.Equal(name, logBucket) {
		s.FillPercent = logFillPercent
	}
	return s, nil
}

func (t *boltTx) Put(_ context.Context, key hkv.Key, v hkv.Value) error {
	if !t.tx.Writable() {
		return hkv.ErrReadOnly
	}
	t.touched(1)
	var b *bolt.Bucket
	if len(key) <= 1 {
		b = t.root()
	} else {
		var err error
		for i, part := range key[:len(key)-1] {
			parent := b
			if i == 0 {
				parent = nil
			}
			if b, err = t.sub(parent, part); err != nil {
				return err
			}
		}
		if bytes.Equal(key[0], logBucket) && len(key) == 2 {
			b.FillPercent = logFillPercent
		}
	}
	last := key[len(key)-1]
	if len(last) == 0 && len(v) == 0 {
		return nil // only the buckets were wanted
	}
	return b.Put(last, v)
}

func (t *boltTx) Del(_ context.Context, key hkv.Key) error {
	if !t.tx.Writable() {
		return hkv.ErrReadOnly
	}
	t.touched(1)
	b, k := t.bucket(key)
	if b == nil || len(k) != 1 {
		return nil
	}
	return b.Delete(k[0])
}

func (t *boltTx) Scan(_ context.Context, opts ...hkv.IteratorOption) hkv.Iterator {
	it := &boltIter{tx: t}
	it.WithPrefix(nil)
	return hkv.ApplyIteratorOptions(it, opts)
}

// boltIter has no Seek of its own (Cayley does not seek); hidalgo's
// kv.Seek falls back to Reset and Next.
var _ hkv.PrefixIterator = (*boltIter)(nil)

// boltIter walks the keys under a prefix depth first, in key order, nested
// buckets flattened into their keys' leading parts.
type boltIter struct {
	tx    *boltTx
	base  *bolt.Bucket // the bucket the prefix's last part is looked up in
	baseK hkv.Key      // the key parts naming base
	pref  []byte       // the prefix's last part
	// the path from base down to the current key: a cursor per level and
	// the key parts of the buckets entered
	curs  []*bolt.Cursor
	parts hkv.Key
	k, v  []byte
	done  bool
}

func (it *boltIter) WithPrefix(pref hkv.Key) hkv.Iterator {
	it.base, it.baseK, it.pref = nil, nil, nil
	b, rest := it.tx.bucket(pref)
	switch {
	case b == nil || len(rest) > 1:
		// a bucket the prefix names does not exist: nothing to iterate
	case len(rest) == 0:
		it.base = b
	default:
		it.base, it.pref = b, rest[0]
		it.baseK = pref[:len(pref)-1]
	}
	if len(rest) == 0 {
		it.baseK = pref
	}
	it.Reset()
	return it
}

func (it *boltIter) Reset() {
	it.curs, it.parts, it.k, it.v = it.curs[:0], it.parts[:0], nil, nil
	it.done = it.base == nil
}

// settle enters nested buckets from the current key down to the first
// plain key, or moves on when a bucket is empty; false at the end.
func (it *boltIter) settle() bool {
	for {
		if it.k == nil {
			// this level is exhausted: go up
			if len(it.curs) <= 1 {
				it.done = true
				return false
			}
			it.curs = it.curs[:len(it.curs)-1]
			it.parts = it.parts[:len(it.parts)-1]
			it.k, it.v = it.curs[len(it.curs)-1].Next()
			if len(it.curs) == 1 {
				it.checkPrefix()
			}
			continue
		}
		if it.v != nil {
			return true
		}
		// a nested bucket (its value is nil): enter it
		parent := it.curs[len(it.curs)-1].Bucket()
		b := parent.Bucket(it.k)
		if b == nil {
			return true // a key with a nil value after all
		}
		it.parts = append(it.parts, it.k)
		c := b.Cursor()
		it.curs = append(it.curs, c)
		it.k, it.v = c.First()
	}
}

// checkPrefix ends the walk when the top-level key leaves the prefix.
func (it *boltIter) checkPrefix() {
	if it.k != nil && !bytes.HasPrefix(it.k, it.pref) {
		it.k, it.v = nil, nil
	}
}

func (it *boltIter) Next(context.Context) bool {
	if it.done {
		return false
	}
	if len(it.curs) == 0 {
		c := it.base.Cursor()
		it.curs = append(it.curs, c)
		it.k, it.v = c.Seek(it.pref)
		it.checkPrefix()
		return it.settle()
	}
	it.k, it.v = it.curs[len(it.curs)-1].Next()
	if len(it.curs) == 1 {
		it.checkPrefix()
	}
	return it.settle()
}

func (it *boltIter) Key() hkv.Key {
	if it.done || it.k == nil {
		return nil
	}
	out := make(hkv.Key, 0, len(it.baseK)+len(it.parts)+1)
	out = append(out, it.baseK...)
	for _, p := range it.parts {
		out = append(out, append([]byte(nil), p...))
	}
	return append(out, append([]byte(nil), it.k...))
}

func (it *boltIter) Val() hkv.Value {
	if it.done {
		return nil
	}
	return it.v
}

func (it *boltIter) Err() error   { return nil }
func (it *boltIter) Close() error { it.done = true; return nil }
