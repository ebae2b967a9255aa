package graph

import (
	"context"
	"sort"

	"github.com/cayleygraph/cayley/graph"

	"github.com/dossier-archive/dossier/ontology"
)

// QuadEncoder receives quads one at a time (rdfio's encoders are one).
type QuadEncoder interface {
	Encode(ontology.Quad) error
}

// Export streams the store to enc and returns the number of quads it
// encoded.
//
// With merged set, the named graphs are merged into one graph, as Turtle
// and N-Triples hold it: each quad comes without its graph, a triple that
// several graphs hold comes once, and the triples arrive grouped by
// subject, sorted by predicate and object within a subject, so an encoder
// can write predicate lists. The count equals Stats().Triples. Without
// merged, every quad comes with its graph (for N-Quads).
//
// Memory stays bounded: merged export holds one subject's quads at a time,
// the other holds one quad.
func (s *Store) Export(ctx context.Context, enc QuadEncoder, merged bool) (int, error) {
	unlock, err := s.rlock()
	if err != nil {
		return 0, err
	}
	defer unlock()
	n := 0
	if !merged && s.bolt != nil {
		err := s.boltLogScan(ctx, nil, func(q ontology.Quad) error {
			if err := enc.Encode(q); err != nil {
				return err
			}
			n++
			return nil
		})
		return n, err
	}
	if !merged {
		err := s.scan(ctx, s.qs.QuadsAllIterator(), func(r graph.Ref) error {
			q, err := s.qs.Quad(r)
			if err != nil {
				return err
			}
			oq, err := fromQuad(q)
			if err != nil {
				return err
			}
			if err := enc.Encode(oq); err != nil {
				return err
			}
			n++
			return nil
		})
		return n, err
	}
	var triples []ontology.Quad
	seen := make(map[ontology.Quad]struct{})
	// add takes a quad of the subject as a triple, once: distinct stored
	// values that read back as one term (Cayley's Bool "True" and a typed
	// "true") would be one triple to a parser, and the same triple stated
	// in several graphs is one in the merged graph.
	add := func(t ontology.Quad) {
		t.G = ontology.Term{}
		if _, dup := seen[t]; !dup {
			seen[t] = struct{}{}
			triples = append(triples, t)
		}
	}
	// emit writes one subject's triples, sorted, and forgets them.
	emit := func() error {
		defer func() { triples = triples[:0]; clear(seen) }()
		sort.Slice(triples, func(i, j int) bool { return tripleLess(triples[i], triples[j]) })
		for _, t := range triples {
			if err := enc.Encode(t); err != nil {
				return err
			}
			n++
		}
		return nil
	}
	if s.bolt != nil {
		ok, err := s.boltEachSubject(ctx, func(quads []ontology.Quad) error {
			for _, t := range quads {
				add(t)
			}
			return emit()
		})
		if ok {
			return n, err
		}
	}
	err = s.eachSubject(ctx, func(_ graph.Ref, _ int, refs []graph.Ref) error {
		for _, r := range refs {
			q, err := s.qs.Quad(r)
			if err != nil {
				return err
			}
			t, err := fromQuad(q)
			if err != nil {
				return err
			}
			add(t)
		}
		return emit()
	}, true)
	return n, err
}

func tripleLess(a, b ontology.Quad) bool {
	if a.P.Value != b.P.Value {
		return a.P.Value < b.P.Value
	}
	return termLess(a.O, b.O)
}

func termLess(a, b ontology.Term) bool {
	if a.Kind != b.Kind {
		return a.Kind < b.Kind
	}
	if a.Value != b.Value {
		return a.Value < b.Value
	}
	if a.Datatype != b.Datatype {
		return a.Datatype < b.Datatype
	}
	return a.Lang < b.Lang
}
