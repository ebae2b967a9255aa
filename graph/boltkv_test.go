package graph

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	hkv "github.com/hidal-go/hidalgo/kv"
	hbolt "github.com/hidal-go/hidalgo/kv/bbolt"
	"github.com/hidal-go/hidalgo/kv/options"
	bolt "go.etcd.io/bbolt"
)

func openTestBoltKV(t testing.TB) hkv.KV {
	db, err := bolt.Open(filepath.Join(t.TempDir(), "kv.bolt"), 0o644, nil)
	if err != nil {
		t.Fatal(err)
	}
	return &boltKV{db}
}

// boltKV must answer every read as hidalgo's bbolt adapter does after the
// same writes (a random mix of puts, deletes and nested buckets), through
// Get, GetBatch and prefix scans at every depth: hidalgo's adapter is the
// reference, since stores written by it must keep working.
func TestBoltKVMatchesHidalgo(t *testing.T) {
	ctx := context.Background()
	r := rand.New(rand.NewPCG(7, 7))
	part := func() []byte {
		// few distinct parts, so that keys share buckets and prefixes
		return []byte{"ablv"[r.IntN(4)], byte('0' + r.IntN(3))}[:1+r.IntN(2)]
	}
	key := func() hkv.Key {
		k := make(hkv.Key, 1+r.IntN(3))
		for i := range k {
			k[i] = part()
		}
		return k
	}
	ours := openTestBoltKV(t)
	defer ours.Close()
	ref, err := hbolt.Open(filepath.Join(t.TempDir(), "ref.bolt"), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ref.Close()
	for round := range 30 {
		// the same transaction of writes on both; a write that fails on
		// one (a key whose bucket is a value, or the reverse) must fail
		// on the other too
		ops := make([]struct {
			del bool
			k   hkv.Key
			v   []byte
		}, 20)
		for i := range ops {
			ops[i].del = r.IntN(4) == 0
			ops[i].k = key()
			ops[i].v = []byte{byte(round), byte(i)}
		}
		var errs [2][]bool
		for n, db := range []hkv.KV{ours, ref} {
			err := hkv.Update(ctx, db, func(tx hkv.Tx) error {
				for _, op := range ops {
					var err error
					if op.del {
						err = tx.Del(ctx, op.k)
					} else {
						err = tx.Put(ctx, op.k, op.v)
					}
					errs[n] = append(errs[n], err != nil)
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
		}
		if !slices.Equal(errs[0], errs[1]) {
			t.Fatalf("round %d: writes failed differently: %v (ours) and %v (hidalgo)", round, errs[0], errs[1])
		}
		for range 20 {
			k := key()
			prefix := k[:1+r.IntN(len(k))]
			if r.IntN(2) == 0 {
				prefix[len(prefix)-1] = prefix[len(prefix)-1][:r.IntN(len(prefix[len(prefix)-1])+1)]
			}
			a, b := readAll(t, ours, k, prefix), readAll(t, ref, k, prefix)
			if a != b {
				t.Fatalf("round %d, key %q, prefix %q:\nours:    %s\nhidalgo: %s", round, k, prefix, a, b)
			}
		}
	}
}

// readAll describes what a store answers for k and a scan of prefix.
func readAll(t *testing.T, db hkv.KV, k, prefix hkv.Key) string {
	ctx := context.Background()
	var b strings.Builder
	err := hkv.View(ctx, db, func(tx hkv.Tx) error {
		v, err := tx.Get(ctx, k)
		fmt.Fprintf(&b, "get=%v/%v ", v, err)
		vs, err := tx.GetBatch(ctx, []hkv.Key{k, prefix})
		fmt.Fprintf(&b, "batch=%v/%v scan=", vs, err)
		it := tx.Scan(ctx, options.WithPrefixKV(prefix))
		defer it.Close()
		for it.Next(ctx) {
			fmt.Fprintf(&b, "%q=%v ", it.Key(), it.Val())
		}
		return it.Err()
	})
	if err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// A file written through boltKV reads back the same through hidalgo's
// bbolt adapter, and the other way round: the layout is the same, so
// stores made before boltKV keep working.
func TestBoltKVSameLayoutAsHidalgo(t *testing.T) {
	ctx := context.Background()
	keys := []hkv.Key{
		{[]byte("meta"), []byte("size")},
		{[]byte("log"), []byte{0, 0, 0, 1}},
		{[]byte("v\x01\x02"), []byte("hash-a")},
		{[]byte("a"), []byte("b"), []byte("c")},
		{[]byte("top")},
	}
	for _, writeOurs := range []bool{true, false} {
		path := filepath.Join(t.TempDir(), "kv.bolt")
		db, err := bolt.Open(path, 0o644, nil)
		if err != nil {
			t.Fatal(err)
		}
		var w, r hkv.KV = &boltKV{db}, hbolt.New(db)
		if !writeOurs {
			w, r = r, w
		}
		err = hkv.Update(ctx, w, func(tx hkv.Tx) error {
			for i, k := range keys {
				if err := tx.Put(ctx, k, []byte{byte(i + 1)}); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		err = hkv.View(ctx, r, func(tx hkv.Tx) error {
			for i, k := range keys {
				v, err := tx.Get(ctx, k)
				if err != nil {
					return err
				}
				if len(v) != 1 || v[0] != byte(i+1) {
					t.Errorf("written by ours=%v: %q reads %v", writeOurs, k, v)
				}
			}
			var got []string
			it := tx.Scan(ctx)
			defer it.Close()
			for it.Next(ctx) {
				got = append(got, fmt.Sprintf("%q", it.Key()))
			}
			if len(got) != len(keys) {
				t.Errorf("written by ours=%v: a scan finds %d keys, want %d: %v", writeOurs, len(got), len(keys), got)
			}
			return it.Err()
		})
		if err != nil {
			t.Fatal(err)
		}
		db.Close()
	}
}
