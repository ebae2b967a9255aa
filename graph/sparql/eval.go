package sparql

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"sort"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/iterator"
	"github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/cayley/graph/refs"
	csql "github.com/cayleygraph/cayley/graph/sql"
	"github.com/cayleygraph/cayley/query/shape"
	"github.com/cayleygraph/quad"

	"github.com/dossier-archive/dossier/graph"
	"github.com/dossier-archive/dossier/ontology"
)

// val is the value of a variable: a node of the store (ref), a term that
// is not in the store, or both once the ref's term has been read.
type val struct {
	ref  cgraph.Ref
	term *ontology.Term
}

func (v val) bound() bool { return v.ref != nil || v.term != nil }

// vkey identifies a value without allocating: by store node when it has
// one, else by term. A store node is identified by its integer id on
// memstore and bolt, and by the hash of its value on Cayley's SQL
// backends, whose refs are those hashes (refs.ValueHash).
type vkey struct {
	id   uint64
	node bool
	hash refs.ValueHash // SQL backends; zero elsewhere
	t    ontology.Term  // a term; for a node of another kind of store, its printed key
}

func keyOf(v val) vkey {
	if v.ref != nil {
		return refKey(v.ref)
	}
	if v.term != nil {
		return vkey{t: *v.term}
	}
	return vkey{}
}

func refKey(r cgraph.Ref) vkey {
	switch h := r.(type) {
	case csql.NodeHash:
		return vkey{node: true, hash: h.ValueHash}
	case refs.ValueHash:
		return vkey{node: true, hash: h}
	}
	if id, ok := nodeID(r); ok {
		return vkey{id: id, node: true}
	}
	return vkey{node: true, t: ontology.Term{Value: fmt.Sprint(refs.ToKey(r))}}
}

// nodeID returns the integer id of a store node (memstore, bolt), without
// the allocation refs.ToKey makes.
func nodeID(r cgraph.Ref) (uint64, bool) {
	if v, ok := r.(kv.Int64Value); ok {
		return uint64(v), true
	}
	rv := reflect.ValueOf(r)
	switch rv.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return uint64(rv.Int()), true
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return rv.Uint(), true
	}
	return 0, false
}

// solution maps variable slots to values; a zero val is unbound.
type solution []val

func (mu solution) with(slot int, v val) solution {
	out := make(solution, len(mu))
	copy(out, mu)
	out[slot] = v
	return out
}

// errStop ends an evaluation early (LIMIT reached, ASK answered).
var errStop = errors.New("stop")

// evaluator runs one query on one quad store.
type evaluator struct {
	ctx    context.Context
	qs     cgraph.QuadStore
	p      *plan
	base   string
	consts []val
	ticks  int

	names      map[vkey]*ontology.Term // store node → term
	refsOf     map[ontology.Term]cgraph.Ref
	sizes      map[sizeKey]sizeEntry
	regexps    map[string]*regexp.Regexp
	graphs     []cgraph.Ref // named graphs, once listed
	listed     bool
	total      float64                       // quads in the store
	sqlLike    bool                          // the store optimizes shapes into queries of its own
	isKV       bool                          // a Cayley KV store (bolt)
	lookups    map[*tpattern][][4]cgraph.Ref // matches of patterns with no bound variable; nil: too many
	cachedRows int                           // rows in lookups
	predSample map[vkey]int                  // predicate → quads among the first sampleSize (KV stores)
	sampled    int
	noSample   bool // sizeRef must not sample predicates now
}

type sizeKey struct {
	dir quad.Direction
	key vkey
}

// cache bounds: the caches are cleared when they grow past these, so
// memory stays bounded however much of the store a query touches.
const cacheLimit = 1 << 16

func newEvaluator(ctx context.Context, qs cgraph.QuadStore, p *plan) (*evaluator, error) {
	e := &evaluator{
		ctx: ctx, qs: qs, p: p,
		names:   map[vkey]*ontology.Term{},
		refsOf:  map[ontology.Term]cgraph.Ref{},
		sizes:   map[sizeKey]sizeEntry{},
		regexps: map[string]*regexp.Regexp{},
		lookups: map[*tpattern][][4]cgraph.Ref{},
	}
	e.consts = make([]val, len(p.consts))
	for i, t := range p.consts {
		t := t
		r, err := e.lookupRef(t)
		if err != nil {
			return nil, err
		}
		e.consts[i] = val{ref: r, term: &t}
	}
	// Cayley's SQL backends compile an intersection of quad filters into
	// one query; memstore and the KV stores have no such optimizer.
	_, e.isKV = qs.(*kv.QuadStore)
	if _, ok := qs.(shape.Optimizer); ok {
		e.sqlLike = !e.isKV
	}
	st, err := qs.Stats(ctx, false)
	if err == nil {
		e.total = float64(st.Quads.Value)
	}
	if e.total < 1 {
		e.total = 1e6
	}
	return e, nil
}

// sampleSize is how many quads predicateEstimate reads.
const sampleSize = 4096

// predicateEstimate estimates how many quads have predicate r on a store
// that cannot count them (the KV stores index subjects, objects and
// labels, not predicates): from the share of r among the first quads of
// the store, read once per query.
func (e *evaluator) predicateEstimate(r cgraph.Ref) float64 {
	if e.predSample == nil {
		e.predSample = map[vkey]int{}
		it := e.qs.QuadsAllIterator().Iterate()
		for e.sampled < sampleSize && it.Next(e.ctx) {
			if p, err := e.qs.QuadDirection(it.Result(), quad.Predicate); err == nil && p != nil {
				e.predSample[refKey(p)]++
			}
			e.sampled++
		}
		it.Close()
	}
	if e.sampled == 0 {
		return e.total / 4
	}
	n := e.predSample[refKey(r)]
	return max(1, float64(n)) * e.total / float64(e.sampled)
}

// tick checks the deadline every few hundred steps of work.
func (e *evaluator) tick() error {
	e.ticks++
	if e.ticks&255 == 0 {
		return e.ctx.Err()
	}
	return nil
}

// term returns the term of a value, reading it from the store if needed.
func (e *evaluator) term(v val) (ontology.Term, error) {
	if v.term != nil {
		return *v.term, nil
	}
	if v.ref == nil {
		return ontology.Term{}, nil
	}
	k := refKey(v.ref)
	if t, ok := e.names[k]; ok {
		return *t, nil
	}
	qv, err := e.qs.NameOf(v.ref)
	if err != nil {
		return ontology.Term{}, err
	}
	if qv == nil {
		return ontology.Term{}, fmt.Errorf("store node %v has no value", v.ref)
	}
	t, err := graph.TermOfValue(qv)
	if err != nil {
		return ontology.Term{}, err
	}
	if len(e.names) >= cacheLimit {
		clear(e.names)
	}
	e.names[k] = &t
	return t, nil
}

// lookupRef finds the store node of a term (nil if the store lacks it).
func (e *evaluator) lookupRef(t ontology.Term) (cgraph.Ref, error) {
	if r, ok := e.refsOf[t]; ok {
		return r, nil
	}
	qv, err := graph.ValueOfTerm(t)
	if err != nil || qv == nil {
		return nil, nil // a term the store cannot hold is in no quad
	}
	r, err := e.qs.ValueOf(qv)
	if err != nil {
		return nil, err
	}
	if len(e.refsOf) >= cacheLimit {
		clear(e.refsOf)
	}
	e.refsOf[t] = r
	return r, nil
}

// ref returns the store node of a value (nil if it is not in the store).
func (e *evaluator) ref(v val) (cgraph.Ref, error) {
	if v.ref != nil {
		return v.ref, nil
	}
	if v.term == nil {
		return nil, nil
	}
	return e.lookupRef(*v.term)
}

// same reports whether two bound values are the same RDF term.
func (e *evaluator) same(a, b val) (bool, error) {
	if a.ref != nil && b.ref != nil {
		return refKey(a.ref) == refKey(b.ref), nil
	}
	ta, err := e.term(a)
	if err != nil {
		return false, err
	}
	tb, err := e.term(b)
	if err != nil {
		return false, err
	}
	return ta == tb, nil
}

func (e *evaluator) value(n cnode, mu solution) val {
	if n.isVar() {
		return mu[n.slot]
	}
	return e.consts[n.cid]
}

// --- groups ---

func (g *groupOp) run(e *evaluator, mu solution, k func(solution) error) error {
	in := mu
	var hidden []int
	for _, s := range g.unsafe {
		if mu[s].bound() {
			if hidden == nil {
				in = append(solution(nil), mu...)
			}
			hidden = append(hidden, s)
			in[s] = val{}
		}
	}
	out := k
	if len(hidden) > 0 {
		out = func(r solution) error {
			var merged solution
			for _, s := range hidden {
				if r[s].bound() {
					ok, err := e.same(r[s], mu[s])
					if err != nil || !ok {
						return err
					}
					continue
				}
				if merged == nil {
					merged = append(solution(nil), r...)
				}
				merged[s] = mu[s]
			}
			if merged != nil {
				r = merged
			}
			for _, f := range g.post {
				ok, err := e.filter(f, r)
				if err != nil || !ok {
					return err
				}
			}
			return k(r)
		}
	} else if len(g.post) > 0 {
		out = func(r solution) error {
			for _, f := range g.post {
				ok, err := e.filter(f, r)
				if err != nil || !ok {
					return err
				}
			}
			return k(r)
		}
	}
	return g.seq(e, 0, in, 0, out)
}

// seq runs steps i.. of the group, applying each filter as soon as the
// variables it mentions are bound (they cannot change afterwards) and the
// rest at the end.
func (g *groupOp) seq(e *evaluator, i int, mu solution, applied uint64, k func(solution) error) error {
	applied, ok, err := g.applyFilters(e, mu, applied, i == len(g.steps))
	if err != nil || !ok {
		return err
	}
	if i == len(g.steps) {
		// every finished solution counts as work, so that a cross product
		// of VALUES (no store access at all) also stops at the deadline
		if err := e.tick(); err != nil {
			return err
		}
		return k(mu)
	}
	if b, isBGP := g.steps[i].(*bgpOp); isBGP {
		return g.bgp(e, i, b, (uint64(1)<<len(b.items))-1, mu, applied, k)
	}
	return g.steps[i].run(e, mu, func(r solution) error {
		return g.seq(e, i+1, r, applied, k)
	})
}

func (g *groupOp) applyFilters(e *evaluator, mu solution, applied uint64, final bool) (uint64, bool, error) {
	for _, f := range g.filters {
		if applied&f.bit != 0 {
			continue
		}
		if !final {
			ready := true
			for _, s := range f.vars {
				if !mu[s].bound() {
					ready = false
					break
				}
			}
			if !ready {
				continue
			}
		}
		applied |= f.bit
		ok, err := e.filter(f, mu)
		if err != nil || !ok {
			return applied, false, err
		}
	}
	return applied, true, nil
}

func (e *evaluator) filter(f *filterC, mu solution) (bool, error) {
	if err := e.tick(); err != nil {
		return false, err
	}
	ok, err := evalBool(e, f.e, mu)
	if err == errEval {
		return false, nil
	}
	return ok, err
}

// bgp joins the remaining patterns of a BGP (rem, a bit per item),
// choosing the cheapest pattern for the current bindings each time.
func (g *groupOp) bgp(e *evaluator, i int, b *bgpOp, rem uint64, mu solution, applied uint64, k func(solution) error) error {
	if rem == 0 {
		return g.seq(e, i+1, mu, applied, k)
	}
	best, bestCost := -1, 0.0
	for pass := 0; pass < 2; pass++ {
		// first without reading a sample of the store; if every pattern
		// needs a scan of all quads, again with one to choose the scan
		e.noSample = pass == 0
		best = -1
		for j, it := range b.items {
			if rem&(1<<j) == 0 {
				continue
			}
			c := it.cost(e, mu)
			if best < 0 || c < bestCost {
				best, bestCost = j, c
			}
		}
		if bestCost < e.total/2 {
			break
		}
	}
	e.noSample = false
	rest := rem &^ (1 << best)
	return b.items[best].match(e, mu, func(r solution) error {
		applied2, ok, err := g.applyFilters(e, r, applied, false)
		if err != nil || !ok {
			return err
		}
		return g.bgp(e, i, b, rest, r, applied2, k)
	})
}

func (b *bgpOp) run(e *evaluator, mu solution, k func(solution) error) error {
	g := &groupOp{steps: []op{b}}
	return g.seq(e, 0, mu, 0, k)
}

func (o *optionalOp) run(e *evaluator, mu solution, k func(solution) error) error {
	found := false
	err := o.g.run(e, mu, func(r solution) error {
		found = true
		return k(r)
	})
	if err != nil || found {
		return err
	}
	return k(mu)
}

func (u *unionOp) run(e *evaluator, mu solution, k func(solution) error) error {
	for _, b := range u.branches {
		if err := b.run(e, mu, k); err != nil {
			return err
		}
	}
	return nil
}

func (g *graphOp) run(e *evaluator, mu solution, k func(solution) error) error {
	if g.name.isVar() && !mu[g.name.slot].bound() {
		if !g.enum {
			return g.g.run(e, mu, k) // the body's first patterns bind the graph
		}
		graphs, err := e.namedGraphs()
		if err != nil {
			return err
		}
		for _, gr := range graphs {
			if err := g.g.run(e, mu.with(g.name.slot, val{ref: gr}), k); err != nil {
				return err
			}
		}
		return nil
	}
	if g.enum {
		// a body that binds nothing from quads (GRAPH <g> { }, an OPTIONAL
		// first): the graph must exist
		r, err := e.ref(e.value(g.name, mu))
		if err != nil || r == nil {
			return err
		}
		ok, err := e.isGraph(r)
		if err != nil || !ok {
			return err
		}
	}
	return g.g.run(e, mu, k)
}

func (v *valuesOp) run(e *evaluator, mu solution, k func(solution) error) error {
rows:
	for _, row := range v.rows {
		r := mu
		copied := false
		for i, cid := range row {
			if cid < 0 {
				continue
			}
			s := v.slots[i]
			c := e.consts[cid]
			if mu[s].bound() {
				ok, err := e.same(mu[s], c)
				if err != nil {
					return err
				}
				if !ok {
					continue rows
				}
				continue
			}
			if !copied {
				r = append(solution(nil), mu...)
				copied = true
			}
			r[s] = c
		}
		if err := k(r); err != nil {
			return err
		}
	}
	return nil
}

// --- triple patterns ---

func (t *tpattern) vars() []int { return t.slots }

// estimate for a position bound by a variable (unknown value at planning
// time): subjects have few quads, objects more, predicates and graphs
// many.
var boundGuess = map[quad.Direction]float64{quad.Subject: 8, quad.Object: 40, quad.Label: 2000, quad.Predicate: 1e5}

func (t *tpattern) cost(e *evaluator, mu solution) float64 {
	best := 2 * e.total // a scan of every quad
	n := 0
	for _, d := range [...]struct {
		dir quad.Direction
		n   cnode
	}{{quad.Subject, t.s}, {quad.Predicate, t.p}, {quad.Object, t.o}, {quad.Label, t.g.n}} {
		if d.dir == quad.Label && t.g.dflt {
			continue
		}
		var c float64
		switch {
		case !d.n.isVar():
			c = e.scanCost(d.dir, e.consts[d.n.cid])
		case mu[d.n.slot].bound():
			c = boundGuess[d.dir]
			if d.dir == quad.Predicate || d.dir == quad.Label {
				c = e.scanCost(d.dir, mu[d.n.slot])
			}
		default:
			continue
		}
		n++
		if c < best {
			best = c
		}
	}
	return best / float64(1+n)
}

// scanCost estimates the quads read to find those with node v in
// direction d: the index size, or for a predicate on a store without a
// predicate index (the KV stores) a scan of every quad plus the matches.
func (e *evaluator) scanCost(d quad.Direction, v val) float64 {
	r, err := e.ref(v)
	if err != nil || r == nil {
		return 0
	}
	return e.scanCostRef(d, r)
}

func (e *evaluator) scanCostRef(d quad.Direction, r cgraph.Ref) float64 {
	s, exact := e.sizeRef(d, r)
	if d == quad.Predicate && !exact {
		return e.total + s
	}
	return s
}

// sizeRef estimates the number of quads with node r in direction d: the
// store's exact index size when it has one; for a predicate otherwise an
// estimate from a sample (exact is false); else a count up to a limit.
func (e *evaluator) sizeRef(d quad.Direction, r cgraph.Ref) (size float64, exact bool) {
	k := sizeKey{d, refKey(r)}
	if s, ok := e.sizes[k]; ok {
		return s.n, s.exact
	}
	var s sizeEntry
	if sz, err := e.qs.QuadIteratorSize(e.ctx, d, r); err == nil && sz.Exact {
		s = sizeEntry{float64(sz.Value), true}
	} else if d == quad.Predicate {
		if e.noSample {
			return 0, false // a scan either way: only worth sampling to choose between scans
		}
		s = sizeEntry{e.predicateEstimate(r), false}
	} else {
		const limit = 256 // enough to tell a selective node from a common one
		it := e.qs.QuadIterator(d, r).Iterate()
		n := 0
		for n < limit && it.Next(e.ctx) {
			n++
		}
		it.Close()
		s = sizeEntry{float64(n), n < limit}
		if n == limit {
			s.n = e.total / 8
		}
	}
	if len(e.sizes) >= cacheLimit {
		clear(e.sizes)
	}
	e.sizes[k] = s
	return s.n, s.exact
}

type sizeEntry struct {
	n     float64
	exact bool
}

func (t *tpattern) match(e *evaluator, mu solution, k func(solution) error) error {
	dirs := [4]quad.Direction{quad.Subject, quad.Predicate, quad.Object, quad.Label}
	nodes := [4]cnode{t.s, t.p, t.o, t.g.n}
	var fixed [4]cgraph.Ref
	var free []int      // positions to bind
	independent := true // no variable of the pattern is bound
	for i, n := range nodes {
		if i == 3 && t.g.dflt {
			continue
		}
		v := e.value(n, mu)
		if !v.bound() {
			free = append(free, i)
			continue
		}
		if n.isVar() {
			independent = false
		}
		r, err := e.ref(v)
		if err != nil {
			return err
		}
		if r == nil {
			return nil // a term the store does not hold matches nothing
		}
		fixed[i] = r
	}
	emit := func(got *[4]cgraph.Ref) error {
		r := mu
		if len(free) > 0 {
			r = append(solution(nil), mu...)
			for _, i := range free {
				r[nodes[i].slot] = val{ref: got[i]}
			}
		}
		return k(r)
	}
	// A pattern none of whose variables is bound finds the same quads
	// every time: in a cross product it would scan again for each outer
	// solution, so its matches are kept (up to a limit) and replayed.
	if independent {
		if rows, ok := e.lookups[t]; ok && rows != nil {
			for i := range rows {
				if err := e.tick(); err != nil {
					return err
				}
				if err := emit(&rows[i]); err != nil {
					return err
				}
			}
			return nil
		}
	}
	var record [][4]cgraph.Ref
	recording := independent && e.lookups[t] == nil
	if _, tried := e.lookups[t]; tried {
		recording = false
	}
	var dd *dedup
	if t.g.dflt {
		dd = newDedup(e)
	}
	err := e.quads(fixed, func(q cgraph.Ref) error {
		var got [4]cgraph.Ref
		for _, i := range free {
			r, err := e.qs.QuadDirection(q, dirs[i])
			if err != nil {
				return err
			}
			if r == nil {
				return nil // no graph label: not in a named graph
			}
			got[i] = r
		}
		// a variable used twice in the pattern must match the same node
		for a := 0; a < len(free); a++ {
			for b := a + 1; b < len(free); b++ {
				if nodes[free[a]].slot == nodes[free[b]].slot && refKey(got[free[a]]) != refKey(got[free[b]]) {
					return nil
				}
			}
		}
		if dd != nil {
			known := fixed
			for _, i := range free {
				known[i] = got[i]
			}
			first, err := dd.first(q, known)
			if err != nil || !first {
				return err
			}
		}
		if recording {
			if e.cachedRows+len(record) < lookupCacheRows {
				record = append(record, got)
			} else {
				recording, record = false, nil
				e.lookups[t] = nil // too many to keep: scan each time
			}
		}
		return emit(&got)
	})
	if err == nil && recording {
		if record == nil {
			record = [][4]cgraph.Ref{}
		}
		e.lookups[t] = record
		e.cachedRows += len(record)
	}
	return err
}

// lookupCacheRows bounds the matches kept, for all patterns of a query
// together, of patterns whose variables are all unbound (see
// tpattern.match): 64 bytes each.
const lookupCacheRows = 1 << 16

// quads calls fn for each quad with the given nodes (nil: any) in the
// subject, predicate, object and label directions.
//
// One direction is one index scan. Several are an intersection of Cayley
// iterators: on the SQL backends Cayley's shape optimizer turns it into one
// query; elsewhere the scan of the direction with the fewest quads drives
// and the others are checked against each quad (Contains, no I/O on bolt
// or memory), because Cayley's own ordering guesses the sizes of the KV
// store's index scans and can pick a scan of every quad.
func (e *evaluator) quads(fixed [4]cgraph.Ref, fn func(cgraph.Ref) error) error {
	dirs := [4]quad.Direction{quad.Subject, quad.Predicate, quad.Object, quad.Label}
	var bound []int
	for i, r := range fixed {
		if r != nil {
			bound = append(bound, i)
		}
	}
	var sh iterator.Shape
	switch {
	case len(bound) == 0:
		sh = e.qs.QuadsAllIterator()
	case len(bound) == 1:
		sh = e.qs.QuadIterator(dirs[bound[0]], fixed[bound[0]])
	case e.sqlLike:
		var filters shape.Quads
		for _, i := range bound {
			filters = append(filters, shape.QuadFilter{Dir: dirs[i], Values: shape.Fixed{fixed[i]}})
		}
		sh = shape.BuildIterator(e.ctx, e.qs, filters)
	case e.isKV && e.kvIndexScan(fixed, &sh):
		// an index whose directions are exactly the fixed ones
	default:
		e.noSample = true // a predicate without an index never drives
		sort.SliceStable(bound, func(a, b int) bool {
			return e.scanCostRef(dirs[bound[a]], fixed[bound[a]]) < e.scanCostRef(dirs[bound[b]], fixed[bound[b]])
		})
		e.noSample = false
		subs := make([]iterator.Shape, len(bound))
		for j, i := range bound {
			subs[j] = e.qs.QuadIterator(dirs[i], fixed[i])
		}
		sh = iterator.NewAnd(subs...)
	}
	it := sh.Iterate()
	defer it.Close()
	for it.Next(e.ctx) {
		if err := e.tick(); err != nil {
			return err
		}
		q := it.Result()
		if e.isKV && len(bound) > 1 {
			// Cayley's KV optimizer can drop a direction the index
			// lacks (a label beside a subject-predicate scan): check
			ok, err := e.hasNodes(q, fixed)
			if err != nil {
				return err
			}
			if !ok {
				continue
			}
		}
		if err := fn(q); err != nil {
			return err
		}
	}
	if err := it.Err(); err != nil {
		return err
	}
	return e.ctx.Err()
}

// kvIndexScan asks the KV store's optimizer for a scan of one index by
// the fixed nodes (it has one when an index starts with exactly the fixed
// directions, such as subject-predicate); on success *sh is that scan.
func (e *evaluator) kvIndexScan(fixed [4]cgraph.Ref, sh *iterator.Shape) bool {
	dirs := [4]quad.Direction{quad.Subject, quad.Predicate, quad.Object, quad.Label}
	act := shape.QuadsAction{Result: quad.Subject}
	for i, r := range fixed {
		if r != nil {
			act.SetFilter(dirs[i], r)
		}
	}
	opt, ok := e.qs.(shape.Optimizer).OptimizeShape(e.ctx, act)
	if !ok {
		return false
	}
	nf, ok := opt.(shape.NodesFrom)
	if !ok {
		return false
	}
	scan, ok := nf.Quads.(kv.IndexScan)
	if !ok {
		return false
	}
	*sh = scan.BuildIterator(e.qs)
	return true
}

// hasNodes reports whether quad q has the fixed nodes.
func (e *evaluator) hasNodes(q cgraph.Ref, fixed [4]cgraph.Ref) (bool, error) {
	dirs := [4]quad.Direction{quad.Subject, quad.Predicate, quad.Object, quad.Label}
	for i, want := range fixed {
		if want == nil {
			continue
		}
		got, err := e.qs.QuadDirection(q, dirs[i])
		if err != nil {
			return false, err
		}
		if got == nil || refKey(got) != refKey(want) {
			return false, nil
		}
	}
	return true, nil
}

// dedup lets each triple of the default graph (the merge of the named
// graphs) through once, however many documents hold it. It remembers the
// triples it let through up to a limit; past it, a quad passes only if
// its graph is the least (by node key) of the graphs holding its triple,
// one extra index lookup per quad, so memory stays bounded.
type dedup struct {
	e    *evaluator
	ids  map[[3]uint64]struct{} // triples of nodes with integer ids (memstore, bolt)
	seen map[[3]vkey]struct{}   // others (the SQL backends' value hashes)
}

// dedupLimit bounds the triples a dedup remembers (about 40 bytes each
// with integer node ids); a variable so that tests can exercise the
// bounded mode.
var dedupLimit = 1 << 18

func newDedup(e *evaluator) *dedup { return &dedup{e: e} }

// first reports whether quad q is the first of its triple; known holds
// the nodes of q already read (nil: not read).
func (d *dedup) first(q cgraph.Ref, known [4]cgraph.Ref) (bool, error) {
	var spo [3]cgraph.Ref
	var ids [3]uint64
	allIDs := true
	for i, dir := range [3]quad.Direction{quad.Subject, quad.Predicate, quad.Object} {
		r := known[i]
		if r == nil {
			var err error
			r, err = d.e.qs.QuadDirection(q, dir)
			if err != nil {
				return false, err
			}
		}
		spo[i] = r
		if allIDs {
			ids[i], allIDs = nodeID(r)
		}
	}
	if allIDs {
		if _, ok := d.ids[ids]; ok {
			return false, nil
		}
		if len(d.ids)+len(d.seen) < dedupLimit {
			if d.ids == nil {
				d.ids = map[[3]uint64]struct{}{}
			}
			d.ids[ids] = struct{}{}
			return true, nil
		}
	} else {
		key := [3]vkey{refKey(spo[0]), refKey(spo[1]), refKey(spo[2])}
		if _, ok := d.seen[key]; ok {
			return false, nil
		}
		if len(d.ids)+len(d.seen) < dedupLimit {
			if d.seen == nil {
				d.seen = map[[3]vkey]struct{}{}
			}
			d.seen[key] = struct{}{}
			return true, nil
		}
	}
	label, err := d.e.qs.QuadDirection(q, quad.Label)
	if err != nil {
		return false, err
	}
	least := true
	err = d.e.quads([4]cgraph.Ref{spo[0], spo[1], spo[2], nil}, func(o cgraph.Ref) error {
		l, err := d.e.qs.QuadDirection(o, quad.Label)
		if err != nil {
			return err
		}
		if keyLess(l, label) {
			least = false
			return errStop
		}
		return nil
	})
	if err != nil && err != errStop {
		return false, err
	}
	return least, nil
}

// keyLess orders store nodes by key (nil first): by id on memstore and
// bolt, by value hash on the SQL backends, anything else by its printed
// form.
func keyLess(a, b cgraph.Ref) bool {
	if a == nil || b == nil {
		return a == nil && b != nil
	}
	ka, kb := refKey(a), refKey(b)
	if c := bytes.Compare(ka.hash[:], kb.hash[:]); c != 0 {
		return c < 0
	}
	if ka.t.Value != kb.t.Value {
		return ka.t.Value < kb.t.Value
	}
	return ka.id < kb.id
}

// isGraph reports whether r names a graph with at least one quad.
func (e *evaluator) isGraph(r cgraph.Ref) (bool, error) {
	found := false
	err := e.quads([4]cgraph.Ref{nil, nil, nil, r}, func(cgraph.Ref) error {
		found = true
		return errStop
	})
	if err != nil && err != errStop {
		return false, err
	}
	return found, nil
}

// namedGraphs lists the graphs of the store: the labels of its quads.
// Cayley keeps no list of labels, so this reads every quad once (in
// storage order, the cheapest scan every backend has), keeping only the
// distinct labels, and remembers the answer for the query.
func (e *evaluator) namedGraphs() ([]cgraph.Ref, error) {
	if e.listed {
		return e.graphs, nil
	}
	seen := map[vkey]struct{}{}
	var out []cgraph.Ref
	err := e.quads([4]cgraph.Ref{}, func(q cgraph.Ref) error {
		l, err := e.qs.QuadDirection(q, quad.Label)
		if err != nil || l == nil {
			return err
		}
		k := refKey(l)
		if _, ok := seen[k]; !ok {
			seen[k] = struct{}{}
			out = append(out, l)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	e.graphs, e.listed = out, true
	return out, nil
}
