package graph

import (
	"context"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/cayleygraph/quad/nquads"

	"github.com/dossier-archive/dossier/ontology"
)

func TestMain(m *testing.M) {
	// The test decoder must not re-format typed literals either.
	nquads.AutoConvertTypedString = false
	if len(os.Args) > 1 && os.Getenv(holdLockEnv) != "" {
		holdLock() // child process of TestBoltInUse
		return
	}
	os.Exit(m.Run())
}

// backends runs f once per store kind: memory, bolt in a temporary
// directory, and PostgreSQL when DOSSIER_TEST_POSTGRES holds a URL.
func backends(t *testing.T, f func(t *testing.T, s *Store)) {
	t.Helper()
	cases := []struct{ name, store string }{
		{"memory", "memory"},
		{"bolt", ""},
	}
	if u := os.Getenv("DOSSIER_TEST_POSTGRES"); u != "" {
		cases = append(cases, struct{ name, store string }{"postgres", u})
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			store := c.store
			if store == "" {
				store = t.TempDir() + "/store"
			}
			s, err := Open(context.Background(), Config{Store: store, BatchSize: 7})
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { s.Close() })
			if c.name == "postgres" {
				resetSQL(t, s)
			}
			f(t, s)
		})
	}
}

// resetSQL empties a PostgreSQL test store, so tests start from nothing.
func resetSQL(t *testing.T, s *Store) {
	t.Helper()
	ctx := context.Background()
	gs, err := s.Graphs(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range gs {
		if _, err := s.RemoveGraph(ctx, g.Graph); err != nil {
			t.Fatal(err)
		}
	}
}

// parseNQ reads N-Quads text with Cayley's reader (an independent parser
// for the purpose of these tests).
func parseNQ(t testing.TB, text string) []ontology.Quad {
	t.Helper()
	r := nquads.NewReader(strings.NewReader(text), false)
	var out []ontology.Quad
	for {
		q, err := r.ReadQuad()
		if err == io.EOF {
			return out
		} else if err != nil {
			t.Fatal(err)
		}
		oq, err := fromQuad(q)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, oq)
	}
}

// nqText writes quads as N-Quads with Cayley's writer, one line each.
func nqText(t testing.TB, qs []ontology.Quad) []string {
	t.Helper()
	var b strings.Builder
	w := nquads.NewWriter(&b)
	for _, q := range qs {
		cq, err := toQuad(q)
		if err != nil {
			t.Fatal(err)
		}
		if err := w.WriteQuad(cq); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
}

// collect is a QuadEncoder that keeps what it is given.
type collect struct{ quads []ontology.Quad }

func (c *collect) Encode(q ontology.Quad) error { c.quads = append(c.quads, q); return nil }

// dump is the whole store as sorted N-Quads lines.
func dump(t testing.TB, s *Store) []string {
	t.Helper()
	var c collect
	if _, err := s.Export(context.Background(), &c, false); err != nil {
		t.Fatal(err)
	}
	if len(c.quads) == 0 {
		return nil
	}
	lines := nqText(t, c.quads)
	slices.Sort(lines)
	return lines
}

// sliceDecoder yields quads and then err (io.EOF when err is nil).
type sliceDecoder struct {
	quads []ontology.Quad
	err   error
}

func (d *sliceDecoder) Decode() (ontology.Quad, error) {
	if len(d.quads) == 0 {
		if d.err != nil {
			return ontology.Quad{}, d.err
		}
		return ontology.Quad{}, io.EOF
	}
	q := d.quads[0]
	d.quads = d.quads[1:]
	return q, nil
}

func mustReplace(t testing.TB, s *Store, g string, qs []ontology.Quad) Changes {
	t.Helper()
	ch, err := s.ReplaceGraph(context.Background(), ontology.NewIRI(g), qs)
	if err != nil {
		t.Fatal(err)
	}
	return ch
}

func mustStats(t testing.TB, s *Store) Stats {
	t.Helper()
	st, err := s.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// synthetic makes n quads of documents in the genre: each document typed,
// titled, hashed, mentioning persons from a small shared pool (so the
// same triples recur across graphs), with literals that need escaping.
func synthetic(docs, perDoc int) map[string][]ontology.Quad {
	const ex = "https://dossier.example.org/"
	typ := ontology.NewIRI(ontology.RDF + "type")
	out := make(map[string][]ontology.Quad, docs)
	for d := 0; d < docs; d++ {
		g := fmt.Sprintf("%sdoc/%d", ex, d)
		G := ontology.NewIRI(g)
		qs := []ontology.Quad{
			{S: G, P: typ, O: ontology.NewIRI(ontology.Schema + "CreativeWork"), G: G},
			{S: G, P: ontology.NewIRI(ontology.DCTerms + "title"), O: ontology.NewLangString(fmt.Sprintf("Memorandum %d: \"Çako\" said\n\\", d), "en"), G: G},
			{S: G, P: ontology.NewIRI(ContentHash), O: ontology.NewString(fmt.Sprintf("%x", d*7919)), G: G},
		}
		for i := 0; len(qs) < perDoc; i++ {
			p := ontology.NewIRI(fmt.Sprintf("%sperson/%d", ex, (d*31+i)%97))
			m := ontology.NewIRI(fmt.Sprintf("%s#m%d", g, i))
			qs = append(qs,
				ontology.Quad{S: p, P: typ, O: ontology.NewIRI(ontology.Schema + "Person"), G: G},
				ontology.Quad{S: m, P: ontology.NewIRI(ontology.NIF + "beginIndex"), O: ontology.NewTyped(fmt.Sprint(i*17), ontology.XSD+"nonNegativeInteger"), G: G},
				ontology.Quad{S: m, P: ontology.NewIRI(ontology.ITSRDF + "taIdentRef"), O: p, G: G},
			)
		}
		out[g] = qs[:perDoc]
	}
	return out
}
