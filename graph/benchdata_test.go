package graph

import (
	"crypto/sha256"
	"encoding/hex"
	"sync"
	"testing"

	gen "github.com/dossier-archive/dossier/corpus/synthetic"
	"github.com/dossier-archive/dossier/extract"
	"github.com/dossier-archive/dossier/ontology"
)

// archiveDoc is one generated document's graph, as the builder loads it.
type archiveDoc struct {
	g     ontology.Term
	quads []ontology.Quad
}

var archiveCache struct {
	sync.Mutex
	docs  []archiveDoc
	quads int
}

// archive returns the graphs of generated documents (corpus/synthetic,
// seed 1) extracted and mapped the way `dossier build` does, enough of
// them to hold at least n quads: the data of the load and query
// benchmarks, realistic in its mix of shared nodes (people, classes,
// offsets) and per-document ones (mentions, sentences).
func archive(tb testing.TB, n int) ([]archiveDoc, int) {
	tb.Helper()
	c := &archiveCache
	c.Lock()
	defer c.Unlock()
	if c.quads < n {
		g, err := gen.New(1, 10000)
		if err != nil {
			tb.Fatal(err)
		}
		x, err := extract.New()
		if err != nil {
			tb.Fatal(err)
		}
		m := ontology.Mapper{}
		for i := len(c.docs); c.quads < n; i++ {
			d := g.Document(i)
			doc, err := x.Extract(d.Name, d.Text)
			if err != nil {
				tb.Fatal(err)
			}
			sum := sha256.Sum256(d.Text)
			qs, err := m.Quads(doc, hex.EncodeToString(sum[:]))
			if err != nil {
				tb.Fatal(err)
			}
			c.docs = append(c.docs, archiveDoc{ontology.NewIRI(m.DocumentIRI(doc.Meta.ID)), qs})
			c.quads += len(qs)
		}
	}
	// the prefix of documents that first reaches n quads
	total := 0
	for i, d := range c.docs {
		total += len(d.quads)
		if total >= n {
			return c.docs[:i+1], total
		}
	}
	return c.docs, total
}
