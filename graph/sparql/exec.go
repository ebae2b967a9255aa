package sparql

import (
	"container/heap"
	"context"
	"errors"
	"fmt"
	"sort"
	"strconv"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"

	"github.com/dossier-archive/dossier/graph"
	"github.com/dossier-archive/dossier/ontology"
)

// Writer receives the results of a query: Head and then Rows for SELECT,
// Boolean for ASK, Triples for CONSTRUCT and DESCRIBE. Exec does not call
// Close; the caller does, once Exec succeeded.
type Writer interface {
	Head(vars []string) error
	Row(row []ontology.Term) error // the zero Term is an unbound variable
	Boolean(bool) error
	Triple(ontology.Quad) error // the graph is always the zero Term
	Close() error
}

// Exec evaluates q on the store and writes its results to w. The store is
// read under its read lock for the whole query. Evaluation stops with the
// context's error when ctx is done, however far it got.
func Exec(ctx context.Context, st *graph.Store, q *Query, w Writer) error {
	p, err := compile(q)
	if err != nil {
		return err
	}
	return st.View(func(qs cgraph.QuadStore) error {
		e, err := newEvaluator(ctx, qs, p)
		if err != nil {
			return err
		}
		e.base = q.base
		err = e.exec(w)
		if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
			return fmt.Errorf("query stopped: %w", err)
		}
		return err
	})
}

func (e *evaluator) exec(w Writer) error {
	p := e.p
	switch p.q.Form {
	case Select:
		if err := w.Head(p.q.Vars()); err != nil {
			return err
		}
		row := make([]ontology.Term, len(p.project))
		return e.solutions(func(mu solution) error {
			for i, s := range p.project {
				row[i] = ontology.Term{}
				if mu[s].bound() {
					t, err := e.term(mu[s])
					if err != nil {
						return err
					}
					row[i] = t
				}
			}
			return w.Row(row)
		})
	case Ask:
		found := false
		err := e.solutions(func(solution) error {
			found = true
			return errStop
		})
		if err != nil && err != errStop {
			return err
		}
		return w.Boolean(found)
	case Construct:
		out := newTripleSet()
		n := 0
		err := e.solutions(func(mu solution) error {
			n++
			return e.instantiate(mu, n, out)
		})
		if err != nil {
			return err
		}
		return out.writeTo(w)
	case Describe:
		resources := nodeSet{}
		var order []val
		err := e.solutions(func(mu solution) error {
			for _, d := range p.describe {
				v := e.value(d, mu)
				if !v.bound() {
					continue
				}
				t, err := e.term(v)
				if err != nil {
					return err
				}
				if t.Kind == ontology.Literal {
					continue
				}
				if resources.add(v) {
					order = append(order, v)
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
		out := newTripleSet()
		for _, r := range order {
			if err := e.describe(r, out, nodeSet{}); err != nil {
				return err
			}
		}
		return out.writeTo(w)
	}
	return fmt.Errorf("unknown query form %v", p.q.Form)
}

// solutions evaluates WHERE and applies the solution modifiers: grouping,
// HAVING, SELECT expressions, ORDER BY, DISTINCT, OFFSET and LIMIT. It
// streams when there is no grouping or ordering.
func (e *evaluator) solutions(k func(solution) error) error {
	p := e.p
	q := p.q
	src := func(k func(solution) error) error {
		start := make(solution, len(p.vars))
		if p.where == nil {
			return k(start)
		}
		return p.where.run(e, start, k)
	}
	if p.grouping != nil {
		inner := src
		src = func(k func(solution) error) error { return e.group(inner, k) }
	}
	if len(p.extend) > 0 {
		inner := src
		src = func(k func(solution) error) error {
			return inner(func(mu solution) error {
				for _, x := range p.extend {
					t, err := x.e.eval(e, mu)
					if fatal(err) {
						return err
					}
					if err == nil {
						t := t
						mu = mu.with(x.slot, val{term: &t})
					}
				}
				return k(mu)
			})
		}
	}
	// DISTINCT applies to the projected variables of SELECT (REDUCED is
	// treated as DISTINCT)
	var distinct func(solution) (bool, error)
	if q.distinct && q.Form == Select {
		seen := map[string]struct{}{}
		distinct = func(mu solution) (bool, error) {
			key := rowKey(mu, p.project)
			if _, dup := seen[key]; dup {
				return false, nil
			}
			seen[key] = struct{}{}
			return true, nil
		}
	}
	offset, limit := q.offset, q.limit
	emit := func(mu solution) error {
		if distinct != nil {
			ok, err := distinct(mu)
			if err != nil || !ok {
				return err
			}
		}
		if offset > 0 {
			offset--
			return nil
		}
		if limit == 0 {
			return errStop
		}
		if err := k(mu); err != nil {
			return err
		}
		if limit > 0 {
			limit--
			if limit == 0 {
				return errStop
			}
		}
		return nil
	}
	var err error
	if len(p.orderBy) > 0 {
		err = e.ordered(src, emit)
	} else {
		err = src(emit)
	}
	if err == errStop {
		return nil
	}
	return err
}

// ordered sorts the solutions by ORDER BY (ties keep their order). With a
// LIMIT and no DISTINCT only the first OFFSET+LIMIT are kept, in a heap.
func (e *evaluator) ordered(src func(func(solution) error) error, emit func(solution) error) error {
	p := e.p
	keep := -1
	if p.q.limit >= 0 && !p.q.distinct {
		keep = int(p.q.offset + p.q.limit)
	}
	h := &sortHeap{order: p.orderBy}
	seq := 0
	err := src(func(mu solution) error {
		keys := make([]ontology.Term, len(p.orderBy))
		for i, o := range p.orderBy {
			t, err := o.e.eval(e, mu)
			if fatal(err) {
				return err
			}
			keys[i] = t // an error orders as unbound
		}
		seq++
		it := sortItem{mu: mu, keys: keys, seq: seq}
		if keep < 0 {
			h.items = append(h.items, it)
			return nil
		}
		if keep == 0 {
			return nil
		}
		if len(h.items) < keep {
			heap.Push(h, it)
		} else if h.less(it, h.items[0]) {
			h.items[0] = it
			heap.Fix(h, 0)
		}
		return nil
	})
	if err != nil {
		return err
	}
	items := h.items
	sort.Slice(items, func(i, j int) bool { return h.less(items[i], items[j]) })
	for _, it := range items {
		if err := emit(it.mu); err != nil {
			return err
		}
	}
	return nil
}

type sortItem struct {
	mu   solution
	keys []ontology.Term
	seq  int
}

// sortHeap is a max-heap (the worst kept solution on top) for ORDER BY
// with LIMIT.
type sortHeap struct {
	order []corder
	items []sortItem
}

func (h *sortHeap) less(a, b sortItem) bool {
	for i, o := range h.order {
		c := orderTerms(a.keys[i], b.keys[i])
		if o.desc {
			c = -c
		}
		if c != 0 {
			return c < 0
		}
	}
	return a.seq < b.seq
}

func (h *sortHeap) Len() int           { return len(h.items) }
func (h *sortHeap) Less(i, j int) bool { return h.less(h.items[j], h.items[i]) }
func (h *sortHeap) Swap(i, j int)      { h.items[i], h.items[j] = h.items[j], h.items[i] }
func (h *sortHeap) Push(x any)         { h.items = append(h.items, x.(sortItem)) }
func (h *sortHeap) Pop() any {
	it := h.items[len(h.items)-1]
	h.items = h.items[:len(h.items)-1]
	return it
}

// group collects the solutions into groups (memory grows with the number
// of groups, not of solutions) and emits one solution per group with the
// keys and aggregates bound, if it passes HAVING.
func (e *evaluator) group(src func(func(solution) error) error, k func(solution) error) error {
	p := e.p
	gr := p.grouping
	type grp struct {
		keys  []val
		state []*aggState
	}
	groups := map[string]*grp{}
	var order []string
	var kb []byte // the group key, reused
	err := src(func(mu solution) error {
		keys := make([]val, len(gr.keys))
		kb = kb[:0]
		for i, gk := range gr.keys {
			if v, ok := gk.e.(ceVar); ok {
				keys[i] = mu[v.slot] // a store node groups by its id
			} else {
				t, err := gk.e.eval(e, mu)
				if fatal(err) {
					return err
				}
				if err == nil {
					t := t
					keys[i] = val{term: &t}
				}
			}
			kb = appendKey(kb, keys[i])
		}
		g, ok := groups[string(kb)]
		if !ok {
			g = &grp{keys: keys}
			for _, a := range gr.aggs {
				g.state = append(g.state, newAggState(a))
			}
			k := string(kb)
			groups[k] = g
			order = append(order, k)
		}
		for _, s := range g.state {
			if err := s.add(e, mu); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	if len(gr.keys) == 0 && len(groups) == 0 {
		// aggregates without GROUP BY: one group, even of no solutions
		g := &grp{}
		for _, a := range gr.aggs {
			g.state = append(g.state, newAggState(a))
		}
		groups[""] = g
		order = append(order, "")
	}
	for _, key := range order {
		g := groups[key]
		mu := make(solution, len(p.vars))
		for i, gk := range gr.keys {
			mu[gk.slot] = g.keys[i]
		}
		for i, a := range gr.aggs {
			if t, ok := g.state[i].result(); ok {
				t := t
				mu[a.slot] = val{term: &t}
			}
		}
		pass := true
		for _, h := range p.having {
			ok, err := evalBool(e, h, mu)
			if fatal(err) {
				return err
			}
			if err != nil || !ok {
				pass = false
				break
			}
		}
		if !pass {
			continue
		}
		if err := k(mu); err != nil {
			return err
		}
	}
	return nil
}

// --- CONSTRUCT and DESCRIBE ---

// tripleSet collects result triples once each; the result of CONSTRUCT
// and DESCRIBE is a graph, written sorted by subject so that encoders can
// group predicates.
type tripleSet struct {
	seen map[ontology.Quad]struct{}
	list []ontology.Quad
}

func newTripleSet() *tripleSet { return &tripleSet{seen: map[ontology.Quad]struct{}{}} }

func (s *tripleSet) add(t ontology.Quad) {
	if _, dup := s.seen[t]; dup {
		return
	}
	s.seen[t] = struct{}{}
	s.list = append(s.list, t)
}

func (s *tripleSet) writeTo(w Writer) error {
	sort.SliceStable(s.list, func(i, j int) bool {
		a, b := s.list[i], s.list[j]
		for _, p := range [][2]ontology.Term{{a.S, b.S}, {a.P, b.P}, {a.O, b.O}} {
			if p[0] != p[1] {
				if p[0].Kind != p[1].Kind {
					return p[0].Kind < p[1].Kind
				}
				if p[0].Value != p[1].Value {
					return p[0].Value < p[1].Value
				}
				if p[0].Datatype != p[1].Datatype {
					return p[0].Datatype < p[1].Datatype
				}
				return p[0].Lang < p[1].Lang
			}
		}
		return false
	})
	for _, t := range s.list {
		if err := w.Triple(t); err != nil {
			return err
		}
	}
	return nil
}

// instantiate adds the template's triples for one solution; blank nodes
// of the template are new for each solution, and triples with an unbound
// variable or a term not allowed in their place are left out.
func (e *evaluator) instantiate(mu solution, n int, out *tripleSet) error {
	term := func(c cnode) (ontology.Term, error) {
		if c.isVar() {
			name := e.p.vars[c.slot]
			if hidden(name) {
				return ontology.NewBlank("b" + strconv.Itoa(n) + "_" + blankSuffix(name)), nil
			}
			if !mu[c.slot].bound() {
				return ontology.Term{}, nil
			}
			return e.term(mu[c.slot])
		}
		return e.p.consts[c.cid], nil
	}
	for _, t := range e.p.template {
		s, err := term(t.s)
		if err != nil {
			return err
		}
		p, err := term(t.p)
		if err != nil {
			return err
		}
		o, err := term(t.o)
		if err != nil {
			return err
		}
		q := ontology.Quad{S: s, P: p, O: o}
		if s.Kind != ontology.IRI && s.Kind != ontology.Blank || p.Kind != ontology.IRI || o.IsZero() {
			continue
		}
		out.add(q)
	}
	return nil
}

// blankSuffix turns a query blank node name into a label suffix.
func blankSuffix(name string) string {
	var b []byte
	for i := 0; i < len(name); i++ {
		c := name[i]
		if isAlnum(c) || c == '_' {
			b = append(b, c)
		}
	}
	return string(b)
}

// describe adds the triples whose subject is r and, through blank node
// objects, those of the blank nodes (the concise bounded description,
// without reification).
func (e *evaluator) describe(r val, out *tripleSet, visited nodeSet) error {
	if !visited.add(r) {
		return nil
	}
	ref, err := e.ref(r)
	if err != nil || ref == nil {
		return err
	}
	subj, err := e.term(r)
	if err != nil {
		return err
	}
	var next []val
	dd := newDedup(e)
	fixed := [4]cgraph.Ref{ref, nil, nil, nil}
	err = e.quads(fixed, func(q cgraph.Ref) error {
		if first, err := dd.first(q, fixed); err != nil || !first {
			return err
		}
		pr, err := e.qs.QuadDirection(q, quad.Predicate)
		if err != nil {
			return err
		}
		or, err := e.qs.QuadDirection(q, quad.Object)
		if err != nil {
			return err
		}
		pt, err := e.term(val{ref: pr})
		if err != nil {
			return err
		}
		ot, err := e.term(val{ref: or})
		if err != nil {
			return err
		}
		out.add(ontology.Quad{S: subj, P: pt, O: ot})
		if ot.Kind == ontology.Blank {
			next = append(next, val{ref: or})
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, n := range next {
		if err := e.describe(n, out, visited); err != nil {
			return err
		}
	}
	return nil
}
