package graph

import (
	"context"
	"fmt"

	"github.com/cayleygraph/cayley/graph"
	ckv "github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/quad"

	"github.com/dossier-archive/dossier/ontology"
)

// Match calls fn for every stored quad whose subject, predicate, object
// and graph equal the given terms, where a zero Term matches anything (so
// the zero graph means any graph, not only the default graph). It stops at
// the first error fn returns, or when ctx is done, and returns that error.
// Quads come in the backend's order.
//
// Match reads through Cayley's quad index of one fixed term, the one the
// backend estimates to match the fewest quads (ties go to subject, object,
// graph, predicate, in that order: a predicate such as rdf:type matches a
// large part of any store, and Dossier's KV indexes start with subject,
// object and graph), and checks the other fixed terms on each quad. With no
// fixed term it reads every quad. On bolt it reads the index bucket (or,
// with no fixed term, the quad log) itself, in the file's order, and
// resolves node IDs through a cache (boltread.go), instead of reading each
// quad and its four nodes through Cayley one at a time.
//
// Literals match by their stored form: a pattern "5"^^xsd:integer finds
// what Dossier wrote, not a native integer another tool stored.
//
// fn runs inside the read (on the memory backend that holds the store's
// lock), so it must not call the Store's methods; collect what it needs
// and query again after Match returns.
func (s *Store) Match(ctx context.Context, subject, predicate, object, g ontology.Term, fn func(ontology.Quad) error) error {
	unlock, err := s.rlock()
	if err != nil {
		return err
	}
	defer unlock()
	var fixed []fixedTerm
	for _, c := range []struct {
		dir quad.Direction
		t   ontology.Term
	}{{quad.Subject, subject}, {quad.Object, object}, {quad.Label, g}, {quad.Predicate, predicate}} {
		if c.t.IsZero() {
			continue
		}
		v, err := toValue(c.t)
		if err != nil {
			return fmt.Errorf("match: %s: %w", c.dir, err)
		}
		r, err := s.qs.ValueOf(v)
		if err != nil {
			return err
		}
		if r == nil {
			return nil // a term the store never saw matches nothing
		}
		fixed = append(fixed, fixedTerm{c.dir, r})
	}
	if len(fixed) > 0 {
		best, empty, err := s.mostSelective(ctx, fixed)
		if err != nil || empty {
			return err
		}
		fixed[0], fixed[best] = fixed[best], fixed[0]
	}
	if s.bolt != nil {
		if bf, ok := boltFixedTerms(fixed); ok {
			return s.boltMatch(ctx, bf, fn)
		}
	}
	shape := s.qs.QuadsAllIterator()
	if len(fixed) > 0 {
		shape = s.qs.QuadIterator(fixed[0].dir, fixed[0].ref)
		fixed = fixed[1:]
	}
	return s.scan(ctx, shape, func(r graph.Ref) error {
		for _, f := range fixed {
			if !s.dirIs(r, f.dir, f.ref) {
				return nil
			}
		}
		q, err := s.qs.Quad(r)
		if err != nil {
			return err
		}
		oq, err := fromQuad(q)
		if err != nil {
			return err
		}
		return fn(oq)
	})
}

// boltFixedTerms converts fixed terms to bolt node IDs.
func boltFixedTerms(fixed []fixedTerm) ([]boltFixed, bool) {
	out := make([]boltFixed, len(fixed))
	for i, f := range fixed {
		id, ok := f.ref.(ckv.Int64Value)
		if !ok {
			return nil, false
		}
		out[i] = boltFixed{f.dir, uint64(id)}
	}
	return out, true
}

// fixedTerm is one bound position of a Match pattern.
type fixedTerm struct {
	dir quad.Direction
	ref graph.Ref
}

// mostSelective returns the index of the fixed term with the smallest
// estimated quad count (the first on ties), and whether one of them is
// known to match nothing.
func (s *Store) mostSelective(ctx context.Context, fixed []fixedTerm) (best int, empty bool, err error) {
	var bestSize int64 = -1
	for i, f := range fixed {
		size, err := s.qs.QuadIteratorSize(ctx, f.dir, f.ref)
		if err != nil {
			return 0, false, err
		}
		if size.Exact && size.Value == 0 {
			return 0, true, nil
		}
		if bestSize < 0 || size.Value < bestSize {
			best, bestSize = i, size.Value
		}
	}
	return best, false, nil
}
