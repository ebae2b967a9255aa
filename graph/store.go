// Package graph is Dossier's knowledge-graph store: it opens a Cayley
// backend (embedded bolt, memory, PostgreSQL, CockroachDB), loads each
// document's quads into the document's named graph (replacing what was
// there), answers Gizmo queries, counts what the archive holds, and streams
// the graph out to and in from RDF encoders. It is the only package in
// Dossier that imports Cayley; everything it hands out or takes in is plain
// ontology.Term and ontology.Quad.
package graph

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"math"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/cayleygraph/cayley/graph"
	ckv "github.com/cayleygraph/cayley/graph/kv"
	_ "github.com/cayleygraph/cayley/graph/memstore" // "memory"
	_ "github.com/cayleygraph/cayley/graph/sql/cockroach"
	_ "github.com/cayleygraph/cayley/graph/sql/postgres"
	"github.com/cayleygraph/cayley/writer"
	"github.com/cayleygraph/quad"
	hkv "github.com/hidal-go/hidalgo/kv"
	bolt "go.etcd.io/bbolt"
)

// Config says which store to open and how to write to it.
type Config struct {
	// Store is where the graph lives:
	//   - a directory path: an embedded bolt store (the file
	//     DIR/indexes.bolt), created when the directory is missing or empty;
	//   - "memory": an in-memory store, lost when the process ends;
	//   - postgres://… or postgresql://…: Cayley's PostgreSQL backend
	//     (tables are created on first use);
	//   - cockroach://… (or cockroachdb://…): Cayley's CockroachDB backend;
	//     the rest of the URL is a PostgreSQL connection URL for the cluster.
	Store string
	// Options are passed to the Cayley backend. Bolt knows "nosync" and
	// "no_bloom" (see DefaultBoltOptions); the SQL backends know
	// "maxopenconnections", "maxidleconnections", "connmaxlifetime".
	Options map[string]any
	// BatchSize is the most quad changes written in one transaction; 0
	// means DefaultBoltBatchSize for bolt, DefaultBatchSize for the others.
	BatchSize int
	// TempDir is where Import spills inputs larger than one batch while it
	// validates them; "" means os.TempDir().
	TempDir string
}

// DefaultBatchSize is the number of quad changes per write transaction.
// Bolt slows down as write transactions grow past about 10 000 quads, and
// badger refuses much larger ones (notes on Cayley, §2.2).
const DefaultBatchSize = 10000

// DefaultBoltBatchSize is the batch of a bolt store. A bolt write
// transaction reads pages all over the file (Cayley spreads nodes over
// 2×65 536 buckets by hash), and those pages stay mapped into the process
// until the batch is written (releaseMapped): at 10 000 quads a batch of a
// store of some gigabytes held up to 900 MB of them, at 5 000 half that,
// with no measurable change in load rate (BenchmarkLoad, 5 000 to 20 000).
const DefaultBoltBatchSize = 5000

// DefaultBoltOptions are the Cayley options an embedded bolt store is
// opened with, unless Config.Options says otherwise.
//
// no_bloom: without it, Cayley's KV layer allocates its bloom filters (a
// fixed capacity of 100 M quads) on every open and, on reopen, reads the
// whole quad log to fill them, so the cost of opening grows with the store.
// Dossier is a CLI: `dossier stats` or `dossier query` open the store, do
// one thing and exit, and pay that every time. The filter only speeds up
// the duplicate check of quads being added; Dossier adds only quads it has
// found missing (ReplaceGraph writes the difference), and measured loading
// is no slower without it. BenchmarkOpen and BenchmarkLoad measure both.
var DefaultBoltOptions = map[string]any{"no_bloom": true}

// Store is an open graph store. Its methods are safe for concurrent use;
// writes are serialized.
type Store struct {
	backend string // "bolt", "memory", "postgres", "cockroach"
	where   string // directory or redacted URL, for messages
	qs      graph.QuadStore
	w       graph.QuadWriter
	sqlDB   *sql.DB  // the SQL backends' database, for counts Cayley cannot push down
	bolt    *bolt.DB // the bolt backend's file, to release its mapped pages (see Loader.Flush) and to read it directly (boltread.go)
	// boltIndexes are the bolt store's quad indexes; nodes caches its node
	// values by ID (boltread.go).
	boltIndexes []ckv.QuadIndex
	nodes       nodeCache
	recordsRead atomic.Int64 // by boltread.go's readers, to release mapped pages
	batch       int
	tempDir     string

	// mu serializes writers (ReplaceGraph reads the old graph and writes
	// the difference; nobody may write in between), and on memstore readers
	// too (see rlock).
	mu        sync.RWMutex
	lockReads bool
	closed    bool

	// noBloom is true for a bolt store opened without Cayley's bloom
	// filters; bulk is the bulk load in progress (bulk.go), and discarded
	// says that Open emptied the store of an interrupted one.
	noBloom   bool
	noBulk    bool // tests: load as if the store were not new
	bulk      *bulkLoad
	discarded bool
}

// Open opens (creating when needed) the store cfg names.
func Open(ctx context.Context, cfg Config) (*Store, error) {
	backend, addr, err := parseStore(cfg.Store)
	if err != nil {
		return nil, err
	}
	s := &Store{backend: backend, where: addr, batch: cfg.BatchSize, tempDir: cfg.TempDir}
	if s.batch <= 0 {
		s.batch = DefaultBatchSize
		if backend == "bolt" {
			s.batch = DefaultBoltBatchSize
		}
	}
	opts := graph.Options{}
	if backend == "bolt" {
		for k, v := range DefaultBoltOptions {
			opts[k] = v
		}
	}
	for k, v := range cfg.Options {
		opts[k] = v
	}
	switch backend {
	case "memory":
		s.qs, err = graph.NewQuadStore("memstore", "", nil)
		s.lockReads = true
	case "bolt":
		err = s.openBolt(addr, opts)
	case "postgres", "cockroach":
		s.where = redact(addr)
		s.qs, s.sqlDB, err = openSQL(ctx, backend, addr, opts)
	}
	if err != nil {
		return nil, err
	}
	// ignore_duplicate (and ignore_missing): a quad added that is already
	// stored, or removed that is already gone, is skipped instead of
	// failing the whole transaction. Dossier writes differences, so this
	// only matters for races with other writers of a shared SQL store.
	s.w, err = writer.NewSingle(s.qs, writeOpts)
	if err != nil {
		s.qs.Close()
		if s.sqlDB != nil {
			s.sqlDB.Close()
		}
		return nil, err
	}
	return s, nil
}

// openBolt opens the bolt store in dir, emptying it first when a bulk
// load of it was interrupted (see bulk.go).
func (s *Store) openBolt(dir string, opts graph.Options) error {
	qs, err := openBolt(dir, opts)
	if err != nil {
		return err
	}
	kv, _ := openedBolt.LoadAndDelete(dir)
	if _, statErr := os.Stat(filepath.Join(dir, bulkDirName)); statErr == nil {
		// The store's lock is ours: no other process is loading it.
		qs.Close()
		if s.discarded, err = discardInterruptedBulk(dir); err != nil {
			return fmt.Errorf("store %s: emptying it after an interrupted build: %w", dir, err)
		}
		if qs, err = openBolt(dir, opts); err != nil {
			return err
		}
		kv, _ = openedBolt.LoadAndDelete(dir)
	}
	s.qs = qs
	if kv == nil {
		return nil
	}
	s.bolt = kv.(*boltKV).db
	s.noBloom, _ = opts.BoolKey("no_bloom", false)
	if s.boltIndexes, err = readBoltIndexes(s.bolt); err != nil {
		s.qs.Close()
		return fmt.Errorf("store %s: reading its list of indexes: %w", dir, err)
	}
	return nil
}

// DiscardedInterruptedBuild says whether Open found a build that had been
// loading the store in bulk when its process ended, and emptied the store
// (it was empty when that build began): the documents must be built again.
func (s *Store) DiscardedInterruptedBuild() bool { return s.discarded }

// Backend names the kind of store: "bolt", "memory", "postgres" or
// "cockroach".
func (s *Store) Backend() string { return s.backend }

// String names the store for messages: the backend and the directory or
// the URL without its password.
func (s *Store) String() string {
	if s.where == "" {
		return s.backend
	}
	return s.backend + " " + s.where
}

// Close closes the store. It waits for running writes.
func (s *Store) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return nil
	}
	s.closed = true
	var err error
	if s.bulk != nil {
		// a Loader left open: what it loaded is lost, as a Loader's
		// staged changes are (see Loader.Close)
		err = s.bulk.abort()
	}
	err = errors.Join(err, s.w.Close(), s.qs.Close())
	if s.sqlDB != nil {
		err = errors.Join(err, s.sqlDB.Close())
	}
	return err
}

var errClosed = errors.New("graph store is closed")

// rlock guards a read. Cayley's memstore is not safe for concurrent use,
// not even by two readers (its iterators write to the store), so there a
// read takes the lock exclusively; other backends read concurrently with
// everything.
func (s *Store) rlock() (unlock func(), err error) {
	if s.lockReads {
		return s.lock()
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.closed {
		return nil, errClosed
	}
	return func() {}, nil
}

// lock guards a write. While a bulk load is in progress (bulk.go) the
// store takes no writes but the load's own.
func (s *Store) lock() (unlock func(), err error) {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return nil, errClosed
	}
	if s.bulk != nil {
		s.mu.Unlock()
		return nil, errBulkLoading
	}
	return s.mu.Unlock, nil
}

// parseStore tells the backend from the store string.
func parseStore(store string) (backend, addr string, err error) {
	store = strings.TrimSpace(store)
	if store == "" {
		return "", "", errors.New("no store given: want a directory, \"memory\", postgres://… or cockroach://…")
	}
	if store == "memory" {
		return "memory", "", nil
	}
	scheme, rest, ok := strings.Cut(store, "://")
	if !ok {
		return "bolt", filepath.Clean(store), nil
	}
	switch strings.ToLower(scheme) {
	case "postgres", "postgresql":
		return "postgres", store, nil
	case "cockroach", "cockroachdb":
		// CockroachDB speaks the PostgreSQL wire protocol; Cayley's
		// cockroach backend dials it with pgx, which wants a postgres URL.
		return "cockroach", "postgresql://" + rest, nil
	}
	return "", "", fmt.Errorf("unknown store scheme %q in %q: want a directory, \"memory\", postgres://… or cockroach://…", scheme, redact(store))
}

func redact(addr string) string {
	u, err := url.Parse(addr)
	if err != nil {
		return "(unparsable URL)"
	}
	return u.Redacted()
}

// --- bolt ---

const (
	boltFile = "indexes.bolt" // the file Cayley keeps in a bolt store's directory
	// boltBackend is Dossier's own registration of Cayley's bolt store; see
	// openBoltKV.
	boltBackend = "dossier-bolt"
	// lockTimeout bounds the wait for bolt's file lock when another
	// process took it between checkNotInUse and the open.
	lockTimeout = 2 * time.Second
)

func init() {
	// Cayley's own "bolt" registration has two faults: it opens the file
	// with no lock timeout, so a second process hangs forever on a store in
	// use, and it uses boltdb/bolt v1.3.1, whose unsafe pointer arithmetic
	// crashes under the race detector (checkptr: "converted pointer
	// straddles multiple allocations"). This registration is the same store
	// (DIR/indexes.bolt, same file format, same KV layout) opened with
	// go.etcd.io/bbolt, bolt's maintained fork, and a lock timeout.
	ckv.Register(boltBackend, ckv.Registration{NewFunc: openBoltKV, InitFunc: openBoltKV, IsPersistent: true})
}

// initialMmap is bbolt's InitialMmapSize: 1 GB where addresses are 64 bits.
const initialMmap = (1 << 30) * (math.MaxInt >> 32 & 1)

// openedBolt hands the bbolt database Cayley opened through openBoltKV
// to the Store that asked for it (openBolt), keyed by directory: Cayley
// keeps the KV to itself.
var openedBolt sync.Map // dir → *boltKV

func openBoltKV(dir string, opt graph.Options) (hkv.KV, error) {
	db, err := bolt.Open(filepath.Join(dir, boltFile), 0o644, &bolt.Options{
		Timeout: lockTimeout,
		// The map freelist is bbolt's faster in-memory form of the list
		// of free pages; the file format does not change.
		FreelistType: bolt.FreelistMapType,
		// Map 1 GB of address space from the start (not memory: pages
		// are read in only when touched): bbolt remaps whenever the file
		// outgrows the mapping, copying every node the write transaction
		// holds, which a build of a growing store did fifteen times on its
		// way to 1 GB. 64-bit address spaces only.
		InitialMmapSize: initialMmap,
	})
	if errors.Is(err, bolt.ErrTimeout) {
		return nil, errInUse(dir)
	} else if err != nil {
		return nil, fmt.Errorf("store %s: %w", dir, err)
	}
	nosync, err := opt.BoolKey("nosync", false)
	if err != nil {
		db.Close()
		return nil, err
	}
	db.NoSync = nosync
	db.NoGrowSync = nosync
	kv := &boltKV{db}
	openedBolt.Store(dir, kv)
	return kv, nil
}

func errInUse(dir string) error {
	return fmt.Errorf("store %s is in use by another process", dir)
}

// kvIndexes are the indexes of a new KV store: Cayley's two defaults
// (subject-predicate for forward traversal, object-predicate-subject for
// reverse traversal and duplicate checks) and one on label-subject, without
// which listing a document's graph (ReplaceGraph, RemoveGraph) scans every
// quad in the store, making a build quadratic.
var kvIndexes = []ckv.QuadIndex{
	{Dirs: []quad.Direction{quad.Subject, quad.Predicate}},
	{Dirs: []quad.Direction{quad.Object, quad.Predicate, quad.Subject}},
	{Dirs: []quad.Direction{quad.Label, quad.Subject}},
}

// kvInitMu guards ckv.DefaultQuadIndexes, which Cayley's KV Init reads
// (its only other source of indexes is an environment variable).
var kvInitMu sync.Mutex

func openBolt(dir string, opts graph.Options) (graph.QuadStore, error) {
	file := filepath.Join(dir, boltFile)
	if fi, err := os.Stat(dir); err == nil && !fi.IsDir() {
		return nil, fmt.Errorf("store %s is not a directory", dir)
	}
	if _, err := os.Stat(file); errors.Is(err, os.ErrNotExist) {
		if err := createBolt(dir, opts); err != nil {
			return nil, err
		}
	} else if err != nil {
		return nil, fmt.Errorf("store %s: %w", dir, err)
	}
	if err := checkNotInUse(file); err != nil {
		if errors.Is(err, errLocked) {
			return nil, errInUse(dir)
		}
		return nil, fmt.Errorf("store %s: %w", dir, err)
	}
	qs, err := graph.NewQuadStore(boltBackend, dir, opts)
	if errors.Is(err, graph.ErrNotInitialized) {
		return nil, fmt.Errorf("store %s: %s exists but is not a Cayley store", dir, boltFile)
	} else if err != nil {
		return nil, fmt.Errorf("store %s: %w", dir, err)
	}
	return qs, nil
}

// createBolt makes a new bolt store in dir, which must be missing or
// empty: a typo in --store must not litter a directory of documents.
func createBolt(dir string, opts graph.Options) error {
	f, err := os.Open(dir)
	if err == nil {
		names, rerr := f.Readdirnames(1)
		f.Close()
		if rerr != nil && rerr != io.EOF {
			return fmt.Errorf("store %s: %w", dir, rerr)
		}
		if len(names) > 0 {
			return fmt.Errorf("store %s: the directory is not empty and holds no %s; give an empty or new directory", dir, boltFile)
		}
	} else if !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("store %s: %w", dir, err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("store %s: %w", dir, err)
	}
	kvInitMu.Lock()
	defer kvInitMu.Unlock()
	saved := ckv.DefaultQuadIndexes
	ckv.DefaultQuadIndexes = kvIndexes
	defer func() { ckv.DefaultQuadIndexes = saved }()
	if err := graph.InitQuadStore(boltBackend, dir, opts); err != nil && !errors.Is(err, graph.ErrDatabaseExists) {
		return fmt.Errorf("store %s: cannot create: %w", dir, err)
	}
	return nil
}

// --- SQL ---

func openSQL(ctx context.Context, backend, addr string, opts graph.Options) (qs graph.QuadStore, db *sql.DB, err error) {
	driver := "postgres" // lib/pq, registered by Cayley's postgres backend
	if backend == "cockroach" {
		driver = "pgx" // registered by Cayley's cockroach backend
	}
	where := redact(addr)
	defer func() {
		if err != nil {
			err = fmt.Errorf("store %s: %w", where, err)
			if db != nil {
				db.Close()
			}
		}
	}()
	db, err = sql.Open(driver, addr)
	if err != nil {
		return nil, nil, err
	}
	db.SetMaxOpenConns(2)
	if err := db.PingContext(ctx); err != nil {
		return nil, db, err
	}
	var n int
	err = db.QueryRowContext(ctx, `SELECT count(*) FROM information_schema.tables
		WHERE table_schema = current_schema() AND table_name = 'quads'`).Scan(&n)
	if err != nil {
		return nil, db, err
	}
	if n == 0 {
		if err := graph.InitQuadStore(backend, addr, opts); err != nil && !errors.Is(err, graph.ErrDatabaseExists) {
			return nil, db, fmt.Errorf("cannot create tables: %w", err)
		}
	}
	// Cayley indexes quads by subject, predicate and object but not by
	// label; a document's graph could only be found by a full table scan.
	if _, err := db.ExecContext(ctx, `CREATE INDEX IF NOT EXISTS dossier_label_index ON quads (label_hash)`); err != nil {
		return nil, db, fmt.Errorf("cannot index graph labels: %w", err)
	}
	qs, err = graph.NewQuadStore(backend, addr, opts)
	if err != nil {
		return nil, db, err
	}
	return qs, db, nil
}
