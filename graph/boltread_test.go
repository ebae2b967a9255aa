package graph

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	cproto "github.com/cayleygraph/cayley/graph/proto"
	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/pquads"
	"google.golang.org/protobuf/proto"

	"github.com/dossier-archive/dossier/ontology"
)

// TestDecodeLogRecord decodes what Cayley's protobuf encoder writes, with
// every field set, large IDs (multi-byte varints), and none set.
func TestDecodeLogRecord(t *testing.T) {
	val, err := pquads.MarshalValue(quad.LangString{Value: "Çako", Lang: "sq"})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []*cproto.Primitive{
		{},
		{ID: 7, Subject: 1, Predicate: 2, Object: 3, Label: 4},
		{ID: 1 << 40, Subject: 300, Predicate: 1<<63 + 5, Object: 127, Label: 128, Replaces: 9, Timestamp: -1, Deleted: true},
		{ID: 12, Timestamp: 1732660000000000000, Value: val},
	} {
		b, err := proto.Marshal(p)
		if err != nil {
			t.Fatal(err)
		}
		r, err := decodeLogRecord(b)
		if err != nil {
			t.Fatalf("%v: %v", p, err)
		}
		if r.id != p.ID || r.s != p.Subject || r.p != p.Predicate || r.o != p.Object || r.g != p.Label ||
			r.deleted != p.Deleted || string(r.value) != string(p.Value) || r.isNode() != p.IsNode() {
			t.Errorf("%v decoded as %+v", p, r)
		}
	}
	// A record cut short is an error, not a quad of zeros.
	b, _ := proto.Marshal(&cproto.Primitive{ID: 1 << 40, Value: val})
	for _, n := range []int{1, 3, len(b) - 1} {
		if _, err := decodeLogRecord(b[:n]); err == nil {
			t.Errorf("%d of %d bytes decoded without error", n, len(b))
		}
	}
}

// TestBoltReadAgainstMemory: Match and Export on bolt (which read the file
// directly) give what the memory store gives, over a store whose log holds
// removed quads and replaced graphs, with transactions of three records
// and a node cache of two entries a generation, so every path (resuming a
// scan in the middle of an index entry, evicting and re-reading nodes) is
// taken many times; and with the file's mapped pages released every few
// reads and writes, in and between transactions.
func TestBoltReadAgainstMemory(t *testing.T) {
	defer func(c, g, o int, r int64) { boltChunk, nodeCacheGen, releaseOps, releaseRecords = c, g, o, r }(boltChunk, nodeCacheGen, releaseOps, releaseRecords)
	boltChunk, nodeCacheGen = 3, 2
	releaseOps, releaseRecords = 16, 5 // the mapped pages go all the time
	defer func(d time.Duration) { releaseInterval = d }(releaseInterval)
	releaseInterval = time.Millisecond
	ctx := context.Background()
	mem, err := Open(ctx, Config{Store: "memory"})
	if err != nil {
		t.Fatal(err)
	}
	defer mem.Close()
	bs, err := Open(ctx, Config{Store: t.TempDir() + "/store", BatchSize: 5})
	if err != nil {
		t.Fatal(err)
	}
	defer bs.Close()
	if bs.bolt == nil {
		t.Fatal("the bolt store has no bolt file")
	}
	docs := synthetic(6, 20)
	changed := synthetic(9, 11) // the first six replace the graphs above
	var graphs []string
	for g := range docs {
		graphs = append(graphs, g)
	}
	slices.Sort(graphs)
	var all []ontology.Quad
	for _, s := range []*Store{mem, bs} {
		for _, g := range graphs {
			mustReplace(t, s, g, docs[g])
		}
		for g, qs := range changed {
			mustReplace(t, s, g, qs)
		}
		if _, err := s.RemoveGraph(ctx, ontology.NewIRI(graphs[2])); err != nil {
			t.Fatal(err)
		}
	}
	for g, qs := range changed {
		if g != graphs[2] {
			all = append(all, qs...)
		}
	}
	want := dump(t, mem)
	if got := dump(t, bs); !slices.Equal(got, want) {
		t.Fatalf("export: bolt gave %d quads, memory %d\n got %q\nwant %q", len(got), len(want), got, want)
	}
	if len(want) != len(all) {
		t.Fatalf("memory store holds %d quads, %d were written", len(want), len(all))
	}
	merged := func(s *Store) []string {
		var c collect
		n, err := s.Export(ctx, &c, true)
		if err != nil || n != len(c.quads) {
			t.Fatalf("merged export: %d of %d, %v", n, len(c.quads), err)
		}
		return nqText(t, c.quads) // in order: subjects by node ID, then sorted
	}
	// Node IDs differ between backends, so the order of subjects too:
	// the same triples as the memory store, in the same order as Cayley's
	// own reading of the same bolt store (which a store without a subject
	// index falls back to).
	got := merged(bs)
	indexes := bs.boltIndexes
	bs.boltIndexes = nil
	cayley := merged(bs)
	bs.boltIndexes = indexes
	if !slices.Equal(got, cayley) {
		t.Errorf("merged export: bolt gave %d triples, Cayley's reading %d\n got %q\nwant %q", len(got), len(cayley), got, cayley)
	}
	if want := merged(mem); !slices.Equal(sorted(got), sorted(want)) {
		t.Errorf("merged export: bolt gave %d triples, memory %d", len(got), len(want))
	}
	if got, want := mustStats(t, bs), mustStats(t, mem); got != want {
		t.Errorf("stats: bolt %+v, memory %+v", got, want)
	}
	typ := ontology.NewIRI(ontology.RDFType)
	person := ontology.NewIRI(ontology.Schema + "Person")
	patterns := []ontology.Quad{
		{},
		{G: ontology.NewIRI(graphs[1])},
		{G: ontology.NewIRI(graphs[2])}, // removed
		{P: typ},
		{P: typ, O: person},
		{S: all[3].S},
		{S: all[3].S, P: typ},
		{S: all[3].S, G: all[3].G},
		{O: all[4].O},
		{S: all[4].S, P: all[4].P, O: all[4].O, G: all[4].G},
	}
	for _, pat := range patterns {
		read := func(s *Store) []string {
			var got []ontology.Quad
			if err := s.Match(ctx, pat.S, pat.P, pat.O, pat.G, func(q ontology.Quad) error {
				got = append(got, q)
				return nil
			}); err != nil {
				t.Fatalf("%v: %v", pat, err)
			}
			if len(got) == 0 {
				return nil
			}
			l := nqText(t, got)
			slices.Sort(l)
			return l
		}
		var brute []ontology.Quad
		for _, q := range all {
			if matches(pat, q) {
				brute = append(brute, q)
			}
		}
		wantM := read(mem)
		got := read(bs)
		// and without indexes: the log, checked record by record
		bs.boltIndexes = nil
		gotLog := read(bs)
		bs.boltIndexes = indexes
		if !slices.Equal(got, wantM) || !slices.Equal(gotLog, wantM) || len(got) != len(brute) {
			t.Errorf("pattern %v: bolt %d quads (%d by its log), memory %d, by hand %d\n got %q\nwant %q", pat, len(got), len(gotLog), len(wantM), len(brute), got, wantM)
		}
	}
}

// TestBoltMatchStops: an error of fn ends a bolt scan at once, in the
// middle of a transaction's records, and comes back.
func TestBoltMatchStops(t *testing.T) {
	defer func(c int) { boltChunk = c }(boltChunk)
	boltChunk = 4
	ctx := context.Background()
	s, err := Open(ctx, Config{Store: t.TempDir() + "/store"})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for g, qs := range synthetic(3, 10) {
		mustReplace(t, s, g, qs)
	}
	stop := fmt.Errorf("enough")
	for _, g := range []ontology.Term{{}, ontology.NewIRI("https://dossier.example.org/doc/1")} {
		n := 0
		err := s.Match(ctx, ontology.Term{}, ontology.Term{}, ontology.Term{}, g, func(ontology.Quad) error {
			n++
			if n == 6 {
				return stop
			}
			return nil
		})
		if err != stop || n != 6 {
			t.Errorf("graph %v: %d calls, %v", g, n, err)
		}
	}
}
