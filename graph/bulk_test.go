package graph

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	cproto "github.com/cayleygraph/cayley/graph/proto"
	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/pquads"
	bolt "go.etcd.io/bbolt"
	"google.golang.org/protobuf/proto"

	"github.com/dossier-archive/dossier/ontology"
)

// openBoltStore opens a new bolt store in a temporary directory; bulk
// says whether a Loader may load it in bulk.
func openBoltStore(t testing.TB, bulk bool) (*Store, string) {
	t.Helper()
	dir := t.TempDir() + "/store"
	s, err := Open(context.Background(), Config{Store: dir})
	if err != nil {
		t.Fatal(err)
	}
	s.noBulk = !bulk
	t.Cleanup(func() { s.Close() })
	return s, dir
}

// bulkTestDocs is generated documents extracted as the builder does
// (archive) and the synthetic ones, whose literals need escaping.
func bulkTestDocs(t testing.TB) []archiveDoc {
	docs, _ := archive(t, 6000)
	docs = slices.Clone(docs)
	syn := synthetic(12, 30)
	names := make([]string, 0, len(syn))
	for g := range syn {
		names = append(names, g)
	}
	sort.Strings(names)
	for _, g := range names {
		docs = append(docs, archiveDoc{ontology.NewIRI(g), syn[g]})
	}
	return docs
}

func loadDocs(t testing.TB, s *Store, docs []archiveDoc) {
	t.Helper()
	ctx := context.Background()
	l := s.Loader()
	for _, d := range docs {
		if _, err := l.ReplaceGraph(ctx, d.g, d.quads); err != nil {
			t.Fatal(err)
		}
	}
	if err := l.Close(ctx); err != nil {
		t.Fatal(err)
	}
}

// boltLayout describes everything Cayley keeps in a bolt file in terms of
// values instead of IDs, so that two stores with the same content and
// differently numbered nodes and quads compare equal: the log (nodes and
// quads, live or dead), every index entry, the node buckets (hash → the
// node's value, and its reference count) and the quad count. It checks
// the invariants the readers rely on on the way: index lists strictly
// increasing, hashes in the buckets they name, IDs pointing at records.
func boltLayout(t testing.TB, db *bolt.DB) []string {
	t.Helper()
	var out []string
	err := db.View(func(tx *bolt.Tx) error {
		logB := tx.Bucket(logBucket)
		recs := map[uint64]logRecord{}
		vals := map[uint64]string{}
		values := map[uint64]quad.Value{}
		var maxID uint64
		if err := logB.ForEach(func(k, v []byte) error {
			r, err := decodeLogRecord(v)
			if err != nil {
				return err
			}
			if r.id != binary.BigEndian.Uint64(k) {
				return fmt.Errorf("log key %x holds record %d", k, r.id)
			}
			maxID = max(maxID, r.id)
			r.value = slices.Clone(r.value)
			recs[r.id] = r
			if r.isNode() {
				qv, err := pquads.UnmarshalValue(r.value)
				if err != nil {
					return err
				}
				vals[r.id] = quad.StringOf(qv)
				values[r.id] = qv
			}
			return nil
		}); err != nil {
			return err
		}
		name := func(id uint64) string {
			if id == 0 {
				return "-"
			}
			if v, ok := vals[id]; ok {
				return v
			}
			// Cayley removes a node no live quad names from the log;
			// dead quads and their index entries keep its ID
			return "(removed node)"
		}
		quadOf := func(id uint64) string {
			r, ok := recs[id]
			if !ok || r.isNode() {
				t.Errorf("quad %d is not in the log", id)
				return "?"
			}
			q := fmt.Sprintf("%s %s %s %s dead=%v", name(r.s), name(r.p), name(r.o), name(r.g), r.deleted)
			if !r.deleted && strings.Contains(q, "(removed node)") {
				t.Errorf("live quad %d names a node not in the log: %s", id, q)
			}
			return q
		}
		for _, r := range recs {
			if r.isNode() {
				out = append(out, "node "+vals[r.id])
			} else {
				out = append(out, "quad "+quadOf(r.id))
			}
		}
		meta := tx.Bucket([]byte("meta"))
		inds, err := indexBucketNames(meta.Get([]byte("indexes")))
		if err != nil {
			return err
		}
		for _, ind := range inds {
			b := tx.Bucket([]byte(ind))
			if b == nil {
				return fmt.Errorf("no index bucket %q", ind)
			}
			if err := b.ForEach(func(k, v []byte) error {
				var key []string
				for i := 0; i+8 <= len(k); i += 8 {
					key = append(key, name(binary.BigEndian.Uint64(k[i:])))
				}
				ids, err := decodeUvarints(v)
				if err != nil {
					return err
				}
				if !slices.IsSorted(ids) || len(slices.Compact(slices.Clone(ids))) != len(ids) {
					t.Errorf("index %s key %v: quad IDs %v not strictly increasing", ind, key, ids)
				}
				for _, id := range ids {
					out = append(out, fmt.Sprintf("index %s %s -> %s", ind, strings.Join(key, " "), quadOf(id)))
				}
				return nil
			}); err != nil {
				return err
			}
		}
		c := tx.Cursor()
		for k, v := c.First(); k != nil; k, v = c.Next() {
			if v != nil || len(k) != 3 || (k[0] != 'v' && k[0] != 'n') {
				continue
			}
			kind := k[0]
			if err := tx.Bucket(k).ForEach(func(h, v []byte) error {
				if !bytes.Equal(h[:2], k[1:]) {
					t.Errorf("hash %x in bucket %q", h, k)
				}
				n, _ := binary.Uvarint(v)
				if kind == 'v' {
					out = append(out, fmt.Sprintf("hash %x -> %s", h, name(n)))
					if got := quad.HashOf(values[n]); !bytes.Equal(got, h) {
						t.Errorf("node %d (%s) is under hash %x, its hash is %x", n, vals[n], h, got)
					}
				} else {
					out = append(out, fmt.Sprintf("refs %x = %d", h, n))
				}
				return nil
			}); err != nil {
				return err
			}
		}
		size := meta.Get([]byte("size"))
		horizon := meta.Get([]byte("horizon"))
		if len(horizon) != 8 || binary.LittleEndian.Uint64(horizon) < maxID {
			t.Errorf("horizon %x is below the largest ID %d", horizon, maxID)
		}
		out = append(out, fmt.Sprintf("size %x", size))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(out)
	return out
}

// indexBucketNames names the index buckets listed in the meta bucket.
func indexBucketNames(b []byte) ([]string, error) {
	var idx []struct {
		Dirs []quad.Direction `json:"dirs"`
	}
	if err := json.Unmarshal(b, &idx); err != nil {
		return nil, err
	}
	var names []string
	for _, ind := range idx {
		var n []byte
		for _, d := range ind.Dirs {
			n = append(n, d.Prefix())
		}
		names = append(names, string(n))
	}
	return names, nil
}

// sortedResults prints query results in a stable order.
func sortedResults(rs []any) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = fmt.Sprint(r)
	}
	sort.Strings(out)
	return out
}

func decodeUvarints(b []byte) ([]uint64, error) {
	var out []uint64
	for len(b) > 0 {
		v, n := binary.Uvarint(b)
		if n <= 0 {
			return nil, errors.New("bad uvarint")
		}
		out = append(out, v)
		b = b[n:]
	}
	return out, nil
}

// TestBulkLoadWritesCayleysLayout: a new bolt store loaded in bulk holds,
// bucket by bucket, what Cayley's own writes make of the same documents
// (up to the numbering of nodes and quads), answers the same, and goes on
// taking Cayley's writes: replacing and removing documents afterwards
// leaves both stores alike again.
func TestBulkLoadWritesCayleysLayout(t *testing.T) {
	defer setBulkSizes(200, 300, 500, 1500)() // many log commits, transactions, sort runs and segments
	docs := bulkTestDocs(t)
	cayley, _ := openBoltStore(t, false)
	bulk, _ := openBoltStore(t, true)
	loadDocs(t, cayley, docs)
	l := bulk.Loader()
	ctx := context.Background()
	for _, d := range docs {
		if _, err := l.ReplaceGraph(ctx, d.g, d.quads); err != nil {
			t.Fatal(err)
		}
	}
	if bulk.bulk == nil {
		t.Fatal("the new store was not loaded in bulk")
	}
	if _, err := bulk.ReplaceGraph(ctx, docs[0].g, nil); !errors.Is(err, errBulkLoading) {
		t.Errorf("a write during the bulk load: got %v, want errBulkLoading", err)
	}
	if bulk.bulk.base == 0 {
		t.Error("the load was written in one segment: segments are untested")
	}
	runs := 0
	for _, ix := range bulk.bulk.index {
		runs += len(ix.sort.runs)
	}
	if runs == 0 {
		t.Error("the index records never went to disk: the external sort is untested")
	}
	if err := l.Close(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(bulk.where, bulkDirName)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the mark of the bulk load is still there: %v", err)
	}
	compareStores(t, cayley, bulk)

	// Cayley's writes on top: a document changed, one removed, one added
	changed := slices.Clone(docs[1].quads)
	changed = append(changed[:len(changed)/2], ontology.Quad{
		S: docs[1].g, P: ontology.NewIRI(ontology.DCTerms + "title"), O: ontology.NewString("changed"),
	})
	extra := synthetic(13, 30)["https://dossier.example.org/doc/12"]
	for _, s := range []*Store{cayley, bulk} {
		mustReplace(t, s, docs[1].g.Value, changed)
		if _, err := s.RemoveGraph(ctx, docs[2].g); err != nil {
			t.Fatal(err)
		}
		mustReplace(t, s, "https://dossier.example.org/doc/12", extra)
	}
	compareStores(t, cayley, bulk)
}

func compareStores(t *testing.T, a, b *Store) {
	t.Helper()
	la, lb := boltLayout(t, a.bolt), boltLayout(t, b.bolt)
	if !slices.Equal(la, lb) {
		t.Errorf("bolt layouts differ (%d and %d lines):\n%s", len(la), len(lb), diff(la, lb))
	}
	if da, db := dump(t, a), dump(t, b); !slices.Equal(da, db) {
		t.Errorf("exports differ:\n%s", diff(da, db))
	}
	if sa, sb := mustStats(t, a), mustStats(t, b); sa != sb {
		t.Errorf("stats differ: %+v and %+v", sa, sb)
	}
	// Cayley's own iterators, through Gizmo
	for _, q := range []string{
		`g.V("<` + ontology.Schema + `Person>").in("<` + ontology.RDF + `type>").out("<http://www.w3.org/2000/01/rdf-schema#label>").all()`,
		`g.V().out("<` + ContentHash + `>").all()`,
	} {
		ra, err := a.Query(context.Background(), "gizmo", q, 0)
		if err != nil {
			t.Fatal(err)
		}
		rb, err := b.Query(context.Background(), "gizmo", q, 0)
		if err != nil {
			t.Fatal(err)
		}
		if fa, fb := fmt.Sprint(sortedResults(ra)), fmt.Sprint(sortedResults(rb)); fa != fb || len(ra) == 0 {
			t.Errorf("%s: %d and %d results\n%s\n%s", q, len(ra), len(rb), fa, fb)
		}
	}
}

// TestBulkLoadSameGraphTwice: a Loader given a document a second time
// ends the bulk load, and the second version replaces the first.
func TestBulkLoadSameGraphTwice(t *testing.T) {
	docs := bulkTestDocs(t)[:3]
	want, _ := openBoltStore(t, false)
	got, _ := openBoltStore(t, true)
	second := docs[0].quads[:len(docs[0].quads)/3]
	ctx := context.Background()
	for _, s := range []*Store{want, got} {
		l := s.Loader()
		for _, d := range []archiveDoc{docs[0], docs[1], {docs[0].g, second}, docs[2]} {
			if _, err := l.ReplaceGraph(ctx, d.g, d.quads); err != nil {
				t.Fatal(err)
			}
		}
		if err := l.Close(ctx); err != nil {
			t.Fatal(err)
		}
	}
	compareStores(t, want, got)
}

// TestBulkLoadAbort: a store closed in the middle of a bulk load (its
// Loader never closed) is empty again, and can be loaded in bulk again.
func TestBulkLoadAbort(t *testing.T) {
	defer setBulkSizes(100, 300, 500, 1<<20)()
	docs := bulkTestDocs(t)[:4]
	s, dir := openBoltStore(t, true)
	ctx := context.Background()
	startLoad(t, s, docs) // and never closed
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s, err := Open(ctx, Config{Store: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if s.DiscardedInterruptedBuild() {
		t.Error("a load aborted cleanly left its mark")
	}
	if empty, err := s.bulkEligible(); err != nil || !empty {
		t.Errorf("after the abort the store is not empty (%v)", err)
	}
	loadDocs(t, s, docs)
	fresh, _ := openBoltStore(t, true)
	loadDocs(t, fresh, docs)
	if got, want := dump(t, s), dump(t, fresh); s.bulk != nil || !slices.Equal(got, want) {
		t.Errorf("loaded again, the store differs from a fresh one:\n%s", diff(want, got))
	}
}

// TestBulkLoadFails: when a bulk load cannot go on (here its sort runs
// can no longer be written), the Loader's error names every document the
// load had, the store is empty again with no mark left, and it can be
// loaded again.
func TestBulkLoadFails(t *testing.T) {
	// (a read-only directory would not stop root: the directory is
	// taken away instead)
	defer setBulkSizes(100, 300, 50, 1<<20)()
	docs := bulkTestDocs(t)[:4]
	s, _ := openBoltStore(t, true)
	ctx := context.Background()
	l := startLoad(t, s, docs[:2])
	mark := filepath.Join(s.where, bulkDirName)
	if err := os.RemoveAll(mark); err != nil {
		t.Fatal(err)
	}
	var err error
	for _, d := range docs[2:] {
		if _, err = l.ReplaceGraph(ctx, d.g, d.quads); err != nil {
			break
		}
	}
	var be *BatchError
	if !errors.As(err, &be) || len(be.Graphs) < 3 || be.Graphs[0] != docs[0].g {
		t.Fatalf("got %v, want a BatchError naming the documents loaded so far", err)
	}
	if empty, err := s.bulkEligible(); err != nil || !empty {
		t.Errorf("after the failed load the store is not empty (%v)", err)
	}
	if _, err := os.Stat(mark); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the mark of the failed load is there: %v", err)
	}
	if err := l.Close(ctx); err != nil {
		t.Fatal(err)
	}
	loadDocs(t, s, docs)
	fresh, _ := openBoltStore(t, true)
	loadDocs(t, fresh, docs)
	if got, want := dump(t, s), dump(t, fresh); !slices.Equal(got, want) {
		t.Errorf("loaded again, the store differs from a fresh one:\n%s", diff(want, got))
	}
}

// TestBulkLoadInterrupted: a store whose bulk load was cut short by the
// end of its process (here: its file and mark copied mid-load) is emptied
// by the next Open, which says so.
func TestBulkLoadInterrupted(t *testing.T) {
	defer setBulkSizes(100, 300, 500, 1<<20)()
	docs := bulkTestDocs(t)[:4]
	s, dir := openBoltStore(t, true)
	ctx := context.Background()
	l := startLoad(t, s, docs)
	if err := l.bulk.commitLog(); err != nil {
		t.Fatal(err)
	}
	copyDir := t.TempDir() + "/copy"
	if out, err := exec.Command("cp", "-r", dir, copyDir).CombinedOutput(); err != nil {
		t.Fatalf("cp: %v %s", err, out)
	}
	if err := l.Close(ctx); err != nil {
		t.Fatal(err)
	}
	c, err := Open(ctx, Config{Store: copyDir})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if !c.DiscardedInterruptedBuild() {
		t.Error("the interrupted load was not reported")
	}
	if st := mustStats(t, c); st.Quads != 0 {
		t.Errorf("after an interrupted load: %d quads, want 0", st.Quads)
	}
	loadDocs(t, c, docs)
	if got, want := dump(t, c), dump(t, s); !slices.Equal(got, want) {
		t.Errorf("built again, the store differs:\n%s", diff(want, got))
	}
}

// startLoad gives docs to a new Loader of s and returns it, not closed.
func startLoad(t *testing.T, s *Store, docs []archiveDoc) *Loader {
	t.Helper()
	l := s.Loader()
	for _, d := range docs {
		if _, err := l.ReplaceGraph(context.Background(), d.g, d.quads); err != nil {
			t.Fatal(err)
		}
	}
	return l
}

// setBulkSizes makes the bulk load's batches small, so that a test's few
// thousand quads go through several of each; it returns the undo.
func setBulkSizes(logBytes, txPuts, sortRecords, segmentNodes int) func() {
	a, b, c, d, e := bulkLogBytes, bulkTxPuts, bulkSortRecords, bulkSegmentNodes, bulkMergePuts
	bulkLogBytes, bulkTxPuts, bulkSortRecords, bulkSegmentNodes, bulkMergePuts = logBytes, txPuts, sortRecords, segmentNodes, txPuts/2
	return func() { bulkLogBytes, bulkTxPuts, bulkSortRecords, bulkSegmentNodes, bulkMergePuts = a, b, c, d, e }
}

func TestRecordSorter(t *testing.T) {
	for _, width := range []int{3, 4} {
		for _, max := range []int{1, 7, 1000, 1 << 20} {
			for _, unique := range []bool{false, true} {
				t.Run(fmt.Sprintf("width%d/max%d/unique=%v", width, max, unique), func(t *testing.T) {
					dir := t.TempDir()
					rs := newRecordSorter(width, max, dir)
					rs.unique = unique
					r := rand.New(rand.NewPCG(1, uint64(max)))
					var want []indexRecord
					for i := 0; i < 5000; i++ {
						var rec indexRecord
						for j := 0; j < width; j++ {
							// small IDs repeat, as nodes do; some are huge
							rec[j] = r.Uint64N(50)
							if r.IntN(10) == 0 {
								rec[j] = r.Uint64()
							}
						}
						want = append(want, rec)
						if err := rs.add(rec); err != nil {
							t.Fatal(err)
						}
					}
					slices.SortFunc(want, compareRecords)
					if unique {
						want = slices.Compact(want)
					}
					var got []indexRecord
					if err := rs.each(func(r indexRecord) error { got = append(got, r); return nil }); err != nil {
						t.Fatal(err)
					}
					if !slices.Equal(got, want) {
						t.Errorf("sorted %d records, got %d, first difference at %d", len(want), len(got), firstDiff(got, want))
					}
					if left, _ := os.ReadDir(dir); len(left) != 0 {
						t.Errorf("%d run files left", len(left))
					}
				})
			}
		}
	}
}

func firstDiff(a, b []indexRecord) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}

// TestLogRecordsAsProtobuf: the log records written by hand are the bytes
// proto.Marshal writes for Cayley's Primitive.
func TestLogRecordsAsProtobuf(t *testing.T) {
	val, _ := pquads.MarshalValue(quad.String("Çako"))
	for _, c := range []struct {
		got []byte
		p   *cproto.Primitive
	}{
		{appendNodeRecord(nil, 1, 1764115200123456789, val), &cproto.Primitive{ID: 1, Timestamp: 1764115200123456789, Value: val}},
		{appendNodeRecord(nil, 1<<40, 5, val), &cproto.Primitive{ID: 1 << 40, Timestamp: 5, Value: val}},
		{appendQuadRecord(nil, 300, [4]uint64{1, 2, 3, 4}, 7), &cproto.Primitive{ID: 300, Subject: 1, Predicate: 2, Object: 3, Label: 4, Timestamp: 7}},
		{appendQuadRecord(nil, 9, [4]uint64{1 << 33, 2, 128, 0}, 1<<62), &cproto.Primitive{ID: 9, Subject: 1 << 33, Predicate: 2, Object: 128, Timestamp: 1 << 62}},
	} {
		want, err := proto.Marshal(c.p)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(c.got, want) {
			t.Errorf("%v: got %x, want %x", c.p, c.got, want)
		}
	}
}
