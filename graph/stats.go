package graph

import (
	"context"
	"errors"
	"reflect"

	"github.com/cayleygraph/cayley/graph"
	ckv "github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/cayley/graph/refs"
	"github.com/cayleygraph/quad"

	"github.com/dossier-archive/dossier/ontology"
)

// Stats counts what the archive holds. Entity and event counts are
// distinct subjects, whichever graphs type them.
type Stats struct {
	Documents     int // subjects typed schema:CreativeWork
	Persons       int // schema:Person
	Organizations int // schema:Organization
	Places        int // schema:Place
	Events        int // sem:Event or one of Dossier's event classes
	Quads         int // quads in the store, every named graph counted
	// Triples is the number of distinct subject-predicate-object triples
	// across all graphs: the size of the merged graph, which is what a
	// Turtle or N-Triples export holds.
	Triples int
}

// EventClasses are the classes whose instances Stats counts as events.
var EventClasses = []string{
	ontology.SEM + "Event",
	ontology.Dossier + "Purge",
	ontology.Dossier + "Plenum",
	ontology.Dossier + "Meeting",
	ontology.Dossier + "Publication",
}

// Stats counts documents, entities, events, quads and triples.
//
// The class counts read only the rdf:type quads of those classes. Quads
// comes from the backend's own counter. Triples needs one streaming pass
// (except on SQL, where it is one query): every node is asked for the quads
// it is the subject of, and the predicate-object pairs of one subject are
// de-duplicated in memory, so memory is bounded by the largest subject, not
// the store.
func (s *Store) Stats(ctx context.Context) (Stats, error) {
	unlock, err := s.rlock()
	if err != nil {
		return Stats{}, err
	}
	defer unlock()
	var st Stats
	for _, c := range []struct {
		n       *int
		classes []string
	}{
		{&st.Documents, []string{ontology.Schema + "CreativeWork"}},
		{&st.Persons, []string{ontology.Schema + "Person"}},
		{&st.Organizations, []string{ontology.Schema + "Organization"}},
		{&st.Places, []string{ontology.Schema + "Place"}},
		{&st.Events, EventClasses},
	} {
		if *c.n, err = s.countTyped(ctx, c.classes); err != nil {
			return Stats{}, err
		}
	}
	if st.Quads, err = s.countQuads(ctx); err != nil {
		return Stats{}, err
	}
	st.Triples, err = s.countTriples(ctx)
	return st, err
}

// countTriples counts distinct subject-predicate-object triples. The SQL
// backends answer in one query. Elsewhere the quads are read in one pass in
// the store's own order (on bolt, its quad log, read by a cursor) and
// their node IDs sorted and counted (sortedTriples), which costs a fraction
// of reading each subject's quads through the index, one random read each.
// A backend whose node references are not integers falls back to that.
func (s *Store) countTriples(ctx context.Context) (int, error) {
	n := 0
	if s.sqlDB != nil {
		err := s.sqlDB.QueryRowContext(ctx, `SELECT count(*) FROM
			(SELECT DISTINCT subject_hash, predicate_hash, object_hash FROM quads) AS triples`).Scan(&n)
		return n, err
	}
	ts := &sortedTriples{dir: s.tempDir}
	defer ts.close()
	if s.bolt != nil {
		// the log bucket itself, without Cayley's reads by ID
		if err := s.boltLogTriples(ctx, ts.add); err != nil {
			return 0, err
		}
		return ts.count()
	}
	err := s.scan(ctx, s.qs.QuadsAllIterator(), func(r graph.Ref) error {
		var t triple
		for i, d := range [3]quad.Direction{quad.Subject, quad.Predicate, quad.Object} {
			v, err := s.qs.QuadDirection(r, d)
			if err != nil {
				return err
			}
			id, ok := nodeID(v)
			if !ok {
				return errNotIntegers
			}
			t[i] = id
		}
		return ts.add(t)
	})
	if err == nil {
		return ts.count()
	}
	if !errors.Is(err, errNotIntegers) {
		return 0, err
	}
	err = s.eachSubject(ctx, func(_ graph.Ref, pairs int, _ []graph.Ref) error {
		n += pairs
		return nil
	}, false)
	return n, err
}

var errNotIntegers = errors.New("node references are not integers")

// nodeID is the integer a backend identifies a node by (bolt's node IDs,
// memstore's), if it uses integers.
func nodeID(r graph.Ref) (uint64, bool) {
	if r == nil {
		return 0, false
	}
	switch k := refs.ToKey(r).(type) {
	case ckv.Int64Value:
		return uint64(k), true
	case uint64:
		return k, true
	case int64:
		return uint64(k), true
	default:
		v := reflect.ValueOf(k)
		switch v.Kind() {
		case reflect.Int, reflect.Int64, reflect.Int32:
			return uint64(v.Int()), true
		case reflect.Uint, reflect.Uint64, reflect.Uint32:
			return v.Uint(), true
		}
	}
	return 0, false
}

// countTyped counts the distinct subjects of rdf:type quads whose object
// is one of classes.
func (s *Store) countTyped(ctx context.Context, classes []string) (int, error) {
	typ, err := s.qs.ValueOf(quad.IRI(ontology.RDF + "type"))
	if err != nil || typ == nil {
		return 0, err
	}
	seen := make(map[any]struct{})
	for _, c := range classes {
		cref, err := s.qs.ValueOf(quad.IRI(c))
		if err != nil {
			return 0, err
		} else if cref == nil {
			continue
		}
		err = s.scan(ctx, s.qs.QuadIterator(quad.Object, cref), func(r graph.Ref) error {
			if !s.dirIs(r, quad.Predicate, typ) {
				return nil
			}
			subj, err := s.qs.QuadDirection(r, quad.Subject)
			if err != nil {
				return err
			}
			seen[refs.ToKey(subj)] = struct{}{}
			return nil
		})
		if err != nil {
			return 0, err
		}
	}
	return len(seen), nil
}

// countQuads trusts the backend's counter when it says it is exact (bolt
// and the SQL backends keep one; memstore's is the size of its quad map)
// and counts by iterating otherwise. A KV store that was never written to
// has no counter yet and answers with an error ("kv: no bucket").
func (s *Store) countQuads(ctx context.Context) (int, error) {
	st, err := s.qs.Stats(ctx, false)
	if err == nil && st.Quads.Exact {
		return int(st.Quads.Value), nil
	}
	n := 0
	err = s.scan(ctx, s.qs.QuadsAllIterator(), func(graph.Ref) error { n++; return nil })
	return n, err
}

// eachSubject calls fn once for every node that is the subject of at least
// one quad, with the number of distinct predicate-object pairs it has
// across graphs and, when withQuads is set, one quad reference for each
// pair. Memory is bounded by one subject's quads.
func (s *Store) eachSubject(ctx context.Context, fn func(subject graph.Ref, pairs int, quads []graph.Ref) error, withQuads bool) error {
	type pair struct{ p, o any }
	seen := make(map[pair]struct{})
	var quads []graph.Ref
	return s.scan(ctx, s.qs.NodesAllIterator(), func(node graph.Ref) error {
		clear(seen)
		quads = quads[:0]
		err := s.scan(ctx, s.qs.QuadIterator(quad.Subject, node), func(r graph.Ref) error {
			p, err := s.qs.QuadDirection(r, quad.Predicate)
			if err != nil {
				return err
			}
			o, err := s.qs.QuadDirection(r, quad.Object)
			if err != nil {
				return err
			}
			k := pair{refs.ToKey(p), refs.ToKey(o)}
			if _, dup := seen[k]; dup {
				return nil
			}
			seen[k] = struct{}{}
			if withQuads {
				quads = append(quads, r)
			}
			return nil
		})
		if err != nil || len(seen) == 0 {
			return err
		}
		return fn(node, len(seen), quads)
	})
}
