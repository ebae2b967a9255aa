package sparql

import (
	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
)

// Property paths with alternatives and repetition (p|q, p*, p+, p?). A
// path from a bound node is walked with index lookups, one step at a time;
// repetition is a breadth-first search that reports each node once
// (SPARQL's set semantics for * + ?). A path between two unbound
// variables starts from every node that can start it.

// pathGraph is the graph a path is walked in.
type pathGraph struct {
	dflt bool
	ref  cgraph.Ref
}

func (p *ppattern) vars() []int { return p.slots }

func (p *ppattern) cost(e *evaluator, mu solution) float64 {
	if e.value(p.s, mu).bound() || e.value(p.o, mu).bound() {
		return 100
	}
	return e.total * 4
}

// errFound ends a search once the target is reached.
type errFoundT struct{}

func (errFoundT) Error() string { return "found" }

var errFound error = errFoundT{}

func (p *ppattern) match(e *evaluator, mu solution, k func(solution) error) error {
	if !p.g.dflt && p.g.n.isVar() && !mu[p.g.n.slot].bound() {
		graphs, err := e.namedGraphs()
		if err != nil {
			return err
		}
		for _, gr := range graphs {
			if err := p.match(e, mu.with(p.g.n.slot, val{ref: gr}), k); err != nil {
				return err
			}
		}
		return nil
	}
	g := pathGraph{dflt: p.g.dflt}
	if !g.dflt {
		r, err := e.ref(e.value(p.g.n, mu))
		if err != nil || r == nil {
			return err
		}
		g.ref = r
	}
	// A path pattern's answers are distinct (start, end) pairs, as in
	// Oxigraph: p|q holding both ways, or two routes through p/q inside
	// a repetition, give one answer.
	sv, ov := e.value(p.s, mu), e.value(p.o, mu)
	switch {
	case sv.bound() && ov.bound():
		err := e.pathFrom(p.path, sv, g, true, func(y val) error {
			same, err := e.same(y, ov)
			if err != nil || !same {
				return err
			}
			return errFound
		})
		if err == errFound {
			return k(mu)
		}
		return err
	case sv.bound():
		seen := nodeSet{}
		return e.pathFrom(p.path, sv, g, true, func(y val) error {
			if !seen.add(y) {
				return nil
			}
			return k(mu.with(p.o.slot, y))
		})
	case ov.bound():
		seen := nodeSet{}
		return e.pathFrom(p.path, ov, g, false, func(x val) error {
			if !seen.add(x) {
				return nil
			}
			return k(mu.with(p.s.slot, x))
		})
	}
	seen := map[[2]vkey]struct{}{}
	return e.pathPairs(p.path, g, func(x, y val) error {
		key := [2]vkey{keyOf(x), keyOf(y)}
		if _, dup := seen[key]; dup {
			return nil
		}
		seen[key] = struct{}{}
		if p.s.slot == p.o.slot {
			same, err := e.same(x, y)
			if err != nil || !same {
				return err
			}
			return k(mu.with(p.s.slot, x))
		}
		r := mu.with(p.s.slot, x)
		r[p.o.slot] = y
		return k(r)
	})
}

// pathFrom calls k for each node reached from x along the path (forward)
// or against it (backward), once per way of reaching it (repetition
// reports each node once; ppattern.match makes the answers distinct).
func (e *evaluator) pathFrom(p cpath, x val, g pathGraph, fwd bool, k func(val) error) error {
	switch p := p.(type) {
	case cLink:
		pr, err := e.ref(e.consts[p.cid])
		if err != nil || pr == nil {
			return err
		}
		xr, err := e.ref(x)
		if err != nil || xr == nil {
			return err
		}
		var fixed [4]cgraph.Ref
		fixed[1] = pr
		from, to := 0, quad.Object
		if !fwd {
			from, to = 2, quad.Subject
		}
		fixed[from] = xr
		if !g.dflt {
			fixed[3] = g.ref
		}
		var dd *dedup
		if g.dflt {
			dd = newDedup(e)
		}
		return e.quads(fixed, func(q cgraph.Ref) error {
			r, err := e.qs.QuadDirection(q, to)
			if err != nil {
				return err
			}
			if dd != nil {
				known := fixed
				known[int(to)-1] = r
				if first, err := dd.first(q, known); err != nil || !first {
					return err
				}
			}
			return k(val{ref: r})
		})
	case cInv:
		return e.pathFrom(p.p, x, g, !fwd, k)
	case cSeq:
		first, second := p.a, p.b
		if !fwd {
			first, second = p.b, p.a
		}
		return e.pathFrom(first, x, g, fwd, func(m val) error {
			return e.pathFrom(second, m, g, fwd, k)
		})
	case cAlt:
		if err := e.pathFrom(p.a, x, g, fwd, k); err != nil {
			return err
		}
		return e.pathFrom(p.b, x, g, fwd, k)
	case cMod:
		return e.closure(p, x, g, fwd, k)
	}
	return nil
}

// nodeSet is a set of values (by store node, or by term for values not in
// the store).
type nodeSet map[vkey]struct{}

func (s nodeSet) add(v val) bool {
	k := keyOf(v)
	if _, ok := s[k]; ok {
		return false
	}
	s[k] = struct{}{}
	return true
}

// closure walks p* p+ or p? from x, reporting each node once. The
// zero-length path reports x only when x is in the graph (the subject or
// object of one of its triples), as Oxigraph does; SPARQL's text would
// also report a term the graph lacks.
func (e *evaluator) closure(m cMod, x val, g pathGraph, fwd bool, k func(val) error) error {
	seen := nodeSet{}
	if m.op == '*' || m.op == '?' {
		seen.add(x)
		in, err := e.inGraph(x, g)
		if err != nil {
			return err
		}
		if in {
			if err := k(x); err != nil {
				return err
			}
		}
	}
	if m.op == '?' {
		return e.pathFrom(m.p, x, g, fwd, func(y val) error {
			if !seen.add(y) {
				return nil
			}
			return k(y)
		})
	}
	queue := []val{x}
	for len(queue) > 0 {
		n := queue[0]
		queue = queue[1:]
		err := e.pathFrom(m.p, n, g, fwd, func(y val) error {
			if !seen.add(y) {
				return nil
			}
			queue = append(queue, y)
			return k(y)
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// pathPairs calls k for each (start, end) pair of the path.
func (e *evaluator) pathPairs(p cpath, g pathGraph, k func(x, y val) error) error {
	switch p := p.(type) {
	case cLink:
		pr, err := e.ref(e.consts[p.cid])
		if err != nil || pr == nil {
			return err
		}
		var fixed [4]cgraph.Ref
		fixed[1] = pr
		if !g.dflt {
			fixed[3] = g.ref
		}
		var dd *dedup
		if g.dflt {
			dd = newDedup(e)
		}
		return e.quads(fixed, func(q cgraph.Ref) error {
			if dd != nil {
				if first, err := dd.first(q, fixed); err != nil || !first {
					return err
				}
			}
			s, err := e.qs.QuadDirection(q, quad.Subject)
			if err != nil {
				return err
			}
			o, err := e.qs.QuadDirection(q, quad.Object)
			if err != nil {
				return err
			}
			return k(val{ref: s}, val{ref: o})
		})
	case cInv:
		return e.pathPairs(p.p, g, func(x, y val) error { return k(y, x) })
	case cSeq:
		return e.pathPairs(p.a, g, func(x, m val) error {
			return e.pathFrom(p.b, m, g, true, func(y val) error { return k(x, y) })
		})
	case cAlt:
		if err := e.pathPairs(p.a, g, k); err != nil {
			return err
		}
		return e.pathPairs(p.b, g, k)
	case cMod:
		if p.op == '+' {
			starts := nodeSet{}
			return e.pathPairs(p.p, g, func(x, _ val) error {
				if !starts.add(x) {
					return nil
				}
				return e.closure(p, x, g, true, func(y val) error { return k(x, y) })
			})
		}
		// p* and p? start at every node of the graph (the zero-length path)
		return e.graphNodes(g, func(n val) error {
			return e.closure(p, n, g, true, func(y val) error { return k(n, y) })
		})
	}
	return nil
}

// inGraph reports whether v is the subject or object of a triple of the
// graph.
func (e *evaluator) inGraph(v val, g pathGraph) (bool, error) {
	r, err := e.ref(v)
	if err != nil || r == nil {
		return false, err
	}
	return e.usedIn(r, g)
}

func (e *evaluator) usedIn(n cgraph.Ref, g pathGraph) (bool, error) {
	for _, pos := range []int{0, 2} {
		var fixed [4]cgraph.Ref
		fixed[pos] = n
		if !g.dflt {
			fixed[3] = g.ref
		}
		used := false
		err := e.quads(fixed, func(cgraph.Ref) error {
			used = true
			return errStop
		})
		if err != nil && err != errStop {
			return false, err
		}
		if used {
			return true, nil
		}
	}
	return false, nil
}

// graphNodes calls k for every node that is the subject or object of a
// triple in the graph: for a named graph, from a scan of its quads (the
// set of its nodes is kept); for the default graph, by asking every node
// of the store, which keeps nothing.
func (e *evaluator) graphNodes(g pathGraph, k func(val) error) error {
	if !g.dflt {
		seen := nodeSet{}
		return e.quads([4]cgraph.Ref{nil, nil, nil, g.ref}, func(q cgraph.Ref) error {
			for _, d := range []quad.Direction{quad.Subject, quad.Object} {
				n, err := e.qs.QuadDirection(q, d)
				if err != nil {
					return err
				}
				v := val{ref: n}
				if seen.add(v) {
					if err := k(v); err != nil {
						return err
					}
				}
			}
			return nil
		})
	}
	it := e.qs.NodesAllIterator().Iterate()
	defer it.Close()
	for it.Next(e.ctx) {
		if err := e.tick(); err != nil {
			return err
		}
		n := it.Result()
		used, err := e.usedIn(n, g)
		if err != nil {
			return err
		}
		if used {
			if err := k(val{ref: n}); err != nil {
				return err
			}
		}
	}
	if err := it.Err(); err != nil {
		return err
	}
	return e.ctx.Err()
}
