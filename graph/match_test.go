package graph

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/dossier-archive/dossier/ontology"
)

// TestMatch checks Match against a brute-force filter of the whole store,
// for every combination of fixed and wildcard positions of several stored
// quads (a subject shared by graphs, a literal object, rdf:type).
func TestMatch(t *testing.T) {
	backends(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		var all []ontology.Quad
		for g, qs := range synthetic(3, 12) {
			mustReplace(t, s, g, qs)
			all = append(all, qs...)
		}
		samples := []ontology.Quad{all[0], all[1], all[4], all[5], all[len(all)-1]}
		for _, q := range samples {
			for mask := 0; mask < 16; mask++ {
				var pat ontology.Quad
				if mask&1 != 0 {
					pat.S = q.S
				}
				if mask&2 != 0 {
					pat.P = q.P
				}
				if mask&4 != 0 {
					pat.O = q.O
				}
				if mask&8 != 0 {
					pat.G = q.G
				}
				var want []ontology.Quad
				for _, c := range all {
					if matches(pat, c) {
						want = append(want, c)
					}
				}
				var got []ontology.Quad
				err := s.Match(ctx, pat.S, pat.P, pat.O, pat.G, func(q ontology.Quad) error {
					got = append(got, q)
					return nil
				})
				if err != nil {
					t.Fatalf("pattern %v: %v", pat, err)
				}
				if len(want) == 0 {
					t.Fatalf("pattern %v of a stored quad matches nothing by brute force", pat)
				}
				gl, wl := nqText(t, got), nqText(t, want)
				slices.Sort(gl)
				slices.Sort(wl)
				if !slices.Equal(gl, wl) {
					t.Errorf("pattern %v: Match gave %d quads, brute force %d\n got: %q\nwant: %q", pat, len(got), len(want), gl, wl)
				}
			}
		}
	})
}

func matches(pat, q ontology.Quad) bool {
	return (pat.S.IsZero() || pat.S == q.S) && (pat.P.IsZero() || pat.P == q.P) &&
		(pat.O.IsZero() || pat.O == q.O) && (pat.G.IsZero() || pat.G == q.G)
}

func TestMatchNothingAndStop(t *testing.T) {
	backends(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		for g, qs := range synthetic(2, 9) {
			mustReplace(t, s, g, qs)
		}
		n := 0
		count := func(ontology.Quad) error { n++; return nil }
		// A term the store never saw, alone and next to a common one.
		unseen := ontology.NewIRI("https://dossier.example.org/person/nobody")
		typ := ontology.NewIRI(ontology.RDFType)
		if err := s.Match(ctx, unseen, typ, ontology.Term{}, ontology.Term{}, count); err != nil || n != 0 {
			t.Errorf("unseen subject: %d quads, %v", n, err)
		}
		// A literal that differs from a stored one only by its datatype.
		// (The second mention of each document begins at 17.)
		if err := s.Match(ctx, ontology.Term{}, ontology.Term{}, ontology.NewString("17"), ontology.Term{}, count); err != nil || n != 0 {
			t.Errorf("plain \"17\" matched the typed one: %d quads, %v", n, err)
		}
		typed := ontology.NewTyped("17", ontology.XSDNonNegativeInteger)
		if err := s.Match(ctx, ontology.Term{}, ontology.Term{}, typed, ontology.Term{}, count); err != nil || n != 2 {
			t.Errorf("typed 17 in two documents: %d quads, %v", n, err)
		}
		n = 0
		// fn's error stops the scan and comes back.
		stop := errors.New("enough")
		err := s.Match(ctx, ontology.Term{}, typ, ontology.Term{}, ontology.Term{}, func(ontology.Quad) error {
			n++
			return stop
		})
		if !errors.Is(err, stop) || n != 1 {
			t.Errorf("stop: %d calls, %v", n, err)
		}
		// An invalid pattern term is an error, not an empty result.
		if err := s.Match(ctx, ontology.NewIRI("has space"), ontology.Term{}, ontology.Term{}, ontology.Term{}, count); err == nil {
			t.Error("an IRI with a space was accepted as a pattern")
		}
		// The store can be used again after Match (the lock is released).
		if _, err := s.Stats(ctx); err != nil {
			t.Error(err)
		}
	})
}
