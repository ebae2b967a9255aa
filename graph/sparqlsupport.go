package graph

import (
	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"

	"github.com/dossier-archive/dossier/ontology"
)

// This file is what package graph/sparql needs from the store: the
// Cayley quad store itself, read under the store's lock, and the one
// conversion between plain terms and Cayley values.

// View calls fn with the store's Cayley quad store, holding the read lock
// (exclusive on memstore, whose iterators are not safe for concurrent use)
// until fn returns. fn must not keep the quad store or any iterator past
// its return, and must not write through it.
func (s *Store) View(fn func(qs graph.QuadStore) error) error {
	unlock, err := s.rlock()
	if err != nil {
		return err
	}
	defer unlock()
	return fn(s.qs)
}

// ValueOfTerm converts a term to the Cayley value the store keeps it as
// (nil for the zero Term).
func ValueOfTerm(t ontology.Term) (quad.Value, error) { return toValue(t) }

// TermOfValue converts a stored Cayley value back to a term.
func TermOfValue(v quad.Value) (ontology.Term, error) { return fromValue(v) }
