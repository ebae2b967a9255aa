package sparql

import (
	"fmt"
	"math/bits"
	"slices"
	"sort"

	"github.com/dossier-archive/dossier/ontology"
)

// This file turns the parsed query into operators over variable slots.
//
// Evaluation is by substitution: every operator receives a partial
// solution and yields its extensions (op.run), so a triple pattern whose
// variables are already bound becomes an index lookup (a nested-loop index
// join). Substitution gives the algebra's answer except where a variable
// bound outside a group would change what the group computes on its own:
// a FILTER in the group that mentions a variable the group may leave
// unbound, or an OPTIONAL whose right side mentions a variable its left
// side may leave unbound. Those variables are "unsafe" for the group: they
// are hidden from its input and checked for compatibility afterwards
// (groupOp.run), which is exactly Join({μ}, group).

// vset is a set of variable slots.
type vset []uint64

func (s *vset) add(i int) {
	for i/64 >= len(*s) {
		*s = append(*s, 0)
	}
	(*s)[i/64] |= 1 << (i % 64)
}

func (s *vset) union(t vset) {
	for i, w := range t {
		for i >= len(*s) {
			*s = append(*s, 0)
		}
		(*s)[i] |= w
	}
}

func intersect(a, b vset) vset {
	out := make(vset, min(len(a), len(b)))
	for i := range out {
		out[i] = a[i] & b[i]
	}
	return out
}

func (s vset) minus(t vset) vset {
	out := append(vset(nil), s...)
	for i := range out {
		if i < len(t) {
			out[i] &^= t[i]
		}
	}
	return out
}

func (s vset) slots() []int {
	var out []int
	for i, w := range s {
		for w != 0 {
			b := bits.TrailingZeros64(w)
			out = append(out, i*64+b)
			w &^= 1 << b
		}
	}
	return out
}

// cnode is a compiled pattern position: a variable slot or a constant.
type cnode struct {
	slot int // -1: constant
	cid  int // index into plan.consts
}

func (n cnode) isVar() bool { return n.slot >= 0 }

// gnode is the graph a pattern matches in.
type gnode struct {
	dflt bool // the default graph: the union of all named graphs, each triple once
	n    cnode
}

type plan struct {
	q      *Query
	vars   []string
	slots  map[string]int
	consts []ontology.Term
	named  []int // slots of the variables the query names
	where  *groupOp

	// SELECT
	project  []int // output slots
	extend   []extendStep
	grouping *grouping
	having   []cexpr
	orderBy  []corder
	// CONSTRUCT
	template []ctriple
	// DESCRIBE
	describe []cnode
}

type extendStep struct {
	slot int
	e    cexpr
}

type corder struct {
	e    cexpr
	desc bool
}

type ctriple struct{ s, p, o cnode }

type compiler struct {
	subst    int   // inside EXISTS: the pattern sees the whole solution (substitution)
	graph    gnode // the graph FILTERs compiled now match EXISTS patterns in
	p        *plan
	constIdx map[ontology.Term]int
	aggs     []*aggC
}

func (c *compiler) slot(name string) int {
	if i, ok := c.p.slots[name]; ok {
		return i
	}
	i := len(c.p.vars)
	c.p.vars = append(c.p.vars, name)
	c.p.slots[name] = i
	return i
}

func (c *compiler) constID(t ontology.Term) int {
	if i, ok := c.constIdx[t]; ok {
		return i
	}
	i := len(c.p.consts)
	c.p.consts = append(c.p.consts, t)
	c.constIdx[t] = i
	return i
}

func (c *compiler) node(n node) cnode {
	if n.isVar() {
		return cnode{slot: c.slot(n.v)}
	}
	return cnode{slot: -1, cid: c.constID(n.t)}
}

// compile prepares a query for evaluation.
func compile(q *Query) (*plan, error) {
	p := &plan{q: q, slots: map[string]int{}}
	c := &compiler{p: p, constIdx: map[ontology.Term]int{}, graph: gnode{dflt: true}}
	// the projected variables get the first slots, in order
	vars := q.Vars()
	if q.star {
		vars = inScope(q.where)
		if q.values != nil {
			for _, v := range q.values.vars {
				if !slices.Contains(vars, v) {
					vars = append(vars, v)
				}
			}
		}
		if q.Form == Select {
			q.project = nil
			for _, v := range vars {
				q.project = append(q.project, projection{v: v})
			}
		}
	}
	for _, v := range vars {
		c.slot(v)
	}
	if q.where != nil {
		where := q.where
		if q.values != nil {
			// the trailing VALUES joins with the whole WHERE
			where = &group{elems: []pattern{q.where, q.values}, pos: q.where.pos}
		}
		g, err := c.group(where, gnode{dflt: true}, false)
		if err != nil {
			return nil, err
		}
		p.where = g
	}
	switch q.Form {
	case Select:
		if err := c.selectClause(); err != nil {
			return nil, err
		}
	case Construct:
		for _, t := range q.template {
			pl, ok := t.p.(pathLink)
			var pn cnode
			if ok {
				pn = c.node(node{t: ontology.NewIRI(pl.iri)})
			} else {
				pn = c.node(t.p.(pathVar).n)
			}
			p.template = append(p.template, ctriple{s: c.node(t.s), p: pn, o: c.node(t.o)})
		}
		if err := c.modifiers(); err != nil {
			return nil, err
		}
	case Describe:
		if q.star {
			for _, v := range vars {
				p.describe = append(p.describe, cnode{slot: c.slot(v)})
			}
		}
		for _, n := range q.describe {
			p.describe = append(p.describe, c.node(n))
		}
		if err := c.modifiers(); err != nil {
			return nil, err
		}
	case Ask:
		if err := c.modifiers(); err != nil {
			return nil, err
		}
	}
	for i, v := range p.vars {
		if !hidden(v) {
			p.named = append(p.named, i)
		}
	}
	return p, nil
}

// inScope lists the variables a group can bind, in order of first
// appearance (SELECT * and DESCRIBE *); blank nodes and hidden variables
// are left out.
func inScope(g *group) []string {
	var out []string
	seen := map[string]bool{}
	addVar := func(n node) {
		if n.isVar() && !hidden(n.v) && !seen[n.v] {
			seen[n.v] = true
			out = append(out, n.v)
		}
	}
	var walk func(g *group)
	walk = func(g *group) {
		if g == nil {
			return
		}
		for _, e := range g.elems {
			switch e := e.(type) {
			case *triple:
				addVar(e.s)
				if pv, ok := e.p.(pathVar); ok {
					addVar(pv.n)
				}
				addVar(e.o)
			case *group:
				walk(e)
			case *optionalPattern:
				walk(e.g)
			case *unionPattern:
				for _, b := range e.branches {
					walk(b)
				}
			case *graphPattern:
				addVar(e.name)
				walk(e.g)
			case *valuesPattern:
				for _, v := range e.vars {
					addVar(node{v: v})
				}
			}
		}
	}
	walk(g)
	return out
}

// --- patterns ---

// op is a compiled graph pattern.
type op interface {
	run(e *evaluator, mu solution, k func(solution) error) error
	certain() vset  // variables every solution binds
	mentions() vset // variables mentioned anywhere inside
}

// groupOp is a group { ... }: its steps joined in order, its filters.
type groupOp struct {
	steps      []op
	filters    []*filterC // evaluated in the group
	post       []*filterC // conditions of an OPTIONAL that need hidden variables: after the merge
	unsafe     []int      // input variables hidden from the group (see the top of this file)
	cert, ment vset
}

type filterC struct {
	e    cexpr
	vars []int
	bit  uint64
}

// bgpOp is a basic graph pattern: triple and path patterns joined in the
// order the evaluator finds cheapest for the bindings at hand.
type bgpOp struct {
	items      []bgpItem
	cert, ment vset
}

type bgpItem interface {
	match(e *evaluator, mu solution, k func(solution) error) error
	cost(e *evaluator, mu solution) float64
	vars() []int
}

type tpattern struct {
	s, p, o cnode
	g       gnode
	slots   []int
}

type ppattern struct {
	s, o  cnode
	path  cpath
	g     gnode
	slots []int
}

type optionalOp struct{ g *groupOp }
type unionOp struct {
	branches   []*groupOp
	cert, ment vset
}
type graphOp struct {
	name cnode
	g    *groupOp
	enum bool // the graph must be bound by enumerating graphs
}
type valuesOp struct {
	slots      []int
	rows       [][]int // const ids, -1 for UNDEF
	cert, ment vset
}

func (g *groupOp) certain() vset    { return g.cert }
func (g *groupOp) mentions() vset   { return g.ment }
func (b *bgpOp) certain() vset      { return b.cert }
func (b *bgpOp) mentions() vset     { return b.ment }
func (o *optionalOp) certain() vset { return nil }
func (o *optionalOp) mentions() vset {
	return o.g.ment
}
func (u *unionOp) certain() vset  { return u.cert }
func (u *unionOp) mentions() vset { return u.ment }
func (g *graphOp) certain() vset {
	out := append(vset(nil), g.g.cert...)
	if g.name.isVar() {
		out.add(g.name.slot)
	}
	return out
}
func (g *graphOp) mentions() vset {
	out := append(vset(nil), g.g.ment...)
	if g.name.isVar() {
		out.add(g.name.slot)
	}
	return out
}
func (v *valuesOp) certain() vset  { return v.cert }
func (v *valuesOp) mentions() vset { return v.ment }

func (c *compiler) group(g *group, gr gnode, cond bool) (*groupOp, error) {
	out := &groupOp{}
	var cur *bgpOp
	// add puts a pattern into the current BGP, starting one when there is
	// none or it is full (the evaluator tracks a BGP's patterns in 64 bits)
	add := func(it bgpItem) {
		if cur == nil || len(cur.items) >= maxBGP {
			cur = &bgpOp{}
			out.steps = append(out.steps, cur)
		}
		c.addItem(cur, it)
	}
	var filters []*filterPattern
	for _, el := range g.elems {
		switch el := el.(type) {
		case *triple:
			if err := c.triple(add, el.s, el.p, el.o, gr); err != nil {
				return nil, err
			}
		case *filterPattern:
			filters = append(filters, el)
		case *optionalPattern:
			cur = nil
			// OPTIONAL { { P FILTER(f) } }: the group of one group is the
			// inner group, so f is the OPTIONAL's condition and sees the
			// outer solution (the algebra simplified before the OPTIONAL
			// rule, as Oxigraph and Jena do)
			body := el.g
			for len(body.elems) == 1 {
				sub, ok := body.elems[0].(*group)
				if !ok {
					break
				}
				body = sub
			}
			inner, err := c.group(body, gr, true)
			if err != nil {
				return nil, err
			}
			out.steps = append(out.steps, &optionalOp{g: inner})
		case *unionPattern:
			cur = nil
			u := &unionOp{}
			for i, b := range el.branches {
				inner, err := c.group(b, gr, false)
				if err != nil {
					return nil, err
				}
				u.branches = append(u.branches, inner)
				u.ment.union(inner.ment)
				if i == 0 {
					u.cert = append(vset(nil), inner.cert...)
				} else {
					u.cert = intersect(u.cert, inner.cert)
				}
			}
			out.steps = append(out.steps, u)
		case *graphPattern:
			cur = nil
			name := c.node(el.name)
			// The graph variable is bound to the graph the body matches in
			// from the start (substituted, as Oxigraph does: a FILTER in
			// the body sees it), and never hidden from the body.
			inner, err := c.group(el.g, gnode{n: name}, false)
			if err != nil {
				return nil, err
			}
			gop := &graphOp{name: name, g: inner}
			// The body binds the graph itself (as its patterns match
			// quads) when its first step is a basic graph pattern;
			// otherwise (an OPTIONAL or VALUES first, an empty group) the
			// graphs are enumerated, or a given graph checked to exist.
			_, first := firstStep(inner).(*bgpOp)
			gop.enum = !first
			out.steps = append(out.steps, gop)
		case *valuesPattern:
			cur = nil
			v := &valuesOp{}
			for _, name := range el.vars {
				s := c.slot(name)
				v.slots = append(v.slots, s)
				v.ment.add(s)
			}
			for _, row := range el.rows {
				r := make([]int, len(row))
				for i, n := range row {
					if n.none {
						r[i] = -1
					} else {
						r[i] = c.constID(n.t)
					}
				}
				v.rows = append(v.rows, r)
			}
			for i, s := range v.slots {
				all := true
				for _, r := range v.rows {
					if r[i] < 0 {
						all = false
					}
				}
				if all {
					v.cert.add(s)
				}
			}
			out.steps = append(out.steps, v)
		case *group:
			cur = nil
			inner, err := c.group(el, gr, false)
			if err != nil {
				return nil, err
			}
			out.steps = append(out.steps, inner)
		}
	}
	// the variables the group binds and mentions
	var prefix vset
	for _, st := range out.steps {
		if o, ok := st.(*optionalOp); ok {
			// an OPTIONAL's right side must not see input variables its
			// left side may leave unbound
			out.unsafe = append(out.unsafe, o.mentions().minus(prefix).slots()...)
		}
		prefix.union(st.certain())
		out.ment.union(st.mentions())
	}
	out.cert = prefix
	if c.subst > 0 {
		// EXISTS substitutes the solution into its whole pattern, nested
		// groups included: nothing is hidden
		out.unsafe = nil
	}
	if len(filters) > 64 {
		return nil, &Error{Pos: filters[64].pos, Msg: "more than 64 FILTERs in one group", Unsupported: true}
	}
	saved := c.graph
	c.graph = gr
	defer func() { c.graph = saved }()
	for i, f := range filters {
		ce, err := c.expr(f.e)
		if err != nil {
			return nil, err
		}
		fc := &filterC{e: ce, bit: 1 << i}
		var fv vset
		exprVars(c, f.e, &fv)
		fc.vars = fv.slots()
		out.ment.union(fv)
		if !cond && c.subst == 0 {
			// a filter sees only what the group binds
			out.unsafe = append(out.unsafe, fv.minus(out.cert).slots()...)
			out.filters = append(out.filters, fc)
		} else {
			out.filters = append(out.filters, fc)
		}
	}
	if !gr.dflt && gr.n.isVar() {
		// the graph variable is fixed for the whole body of GRAPH
		out.unsafe = slices.DeleteFunc(out.unsafe, func(s int) bool { return s == gr.n.slot })
	}
	sort.Ints(out.unsafe)
	out.unsafe = dedupInts(out.unsafe)
	if cond && len(out.unsafe) > 0 {
		// conditions of an OPTIONAL see the merged solution: those that
		// mention a hidden variable wait until it is merged back
		var keep []*filterC
		for _, f := range out.filters {
			if mentionsAny(f.vars, out.unsafe) {
				out.post = append(out.post, f)
			} else {
				keep = append(keep, f)
			}
		}
		out.filters = keep
	}
	return out, nil
}

func firstStep(g *groupOp) op {
	if len(g.steps) == 0 {
		return nil
	}
	if inner, ok := g.steps[0].(*groupOp); ok && len(inner.unsafe) == 0 {
		return firstStep(inner)
	}
	return g.steps[0]
}

func mentionsAny(vars, set []int) bool {
	for _, v := range vars {
		for _, s := range set {
			if v == s {
				return true
			}
		}
	}
	return false
}

func dedupInts(s []int) []int {
	out := s[:0]
	for i, v := range s {
		if i == 0 || v != s[i-1] {
			out = append(out, v)
		}
	}
	return out
}

// maxBGP is the most patterns in one bgpOp; a longer basic graph pattern
// is split into several, joined in order.
const maxBGP = 64

// triple compiles one triple pattern with a property path into the BGP:
// sequences and inverses of plain predicates become triple patterns
// joined through hidden variables (as SPARQL's translation does);
// alternatives and repetitions become path patterns.
func (c *compiler) triple(add func(bgpItem), s node, p path, o node, gr gnode) error {
	switch pt := p.(type) {
	case pathLink:
		add(&tpattern{s: c.node(s), p: c.node(node{t: ontology.NewIRI(pt.iri)}), o: c.node(o), g: gr})
		return nil
	case pathVar:
		add(&tpattern{s: c.node(s), p: c.node(pt.n), o: c.node(o), g: gr})
		return nil
	case pathInv:
		switch inner := pt.p.(type) {
		case pathLink:
			return c.triple(add, o, inner, s, gr)
		case pathInv:
			return c.triple(add, s, inner.p, o, gr)
		case pathSeq:
			rev := make([]path, len(inner.ps))
			for i, q := range inner.ps {
				rev[len(rev)-1-i] = pathInv{p: q}
			}
			return c.triple(add, s, pathSeq{ps: rev}, o, gr)
		}
	case pathSeq:
		cur := s
		for i, q := range pt.ps {
			next := o
			if i < len(pt.ps)-1 {
				c.p.q.bnodes++
				next = node{v: fmt.Sprintf(" path%d", c.p.q.bnodes)}
			}
			if err := c.triple(add, cur, q, next, gr); err != nil {
				return err
			}
			cur = next
		}
		return nil
	}
	cp, err := c.path(p)
	if err != nil {
		return err
	}
	add(&ppattern{s: c.node(s), o: c.node(o), path: cp, g: gr})
	return nil
}

func (c *compiler) addItem(b *bgpOp, it bgpItem) {
	var slots []int
	add := func(n cnode) {
		if n.isVar() {
			for _, s := range slots {
				if s == n.slot {
					return
				}
			}
			slots = append(slots, n.slot)
		}
	}
	switch it := it.(type) {
	case *tpattern:
		add(it.s)
		add(it.p)
		add(it.o)
		if !it.g.dflt {
			add(it.g.n)
		}
		it.slots = slots
	case *ppattern:
		add(it.s)
		add(it.o)
		if !it.g.dflt {
			add(it.g.n)
		}
		it.slots = slots
	}
	for _, s := range slots {
		b.cert.add(s)
		b.ment.add(s)
	}
	b.items = append(b.items, it)
}

// compiled paths (inside path patterns)
type cpath interface{}

type cLink struct{ cid int }
type cInv struct{ p cpath }
type cSeq struct{ a, b cpath }
type cAlt struct{ a, b cpath }
type cMod struct {
	p  cpath
	op byte
}

// foldPaths compiles ps and joins them from the left: p/q/r is (p/q)/r.
func (c *compiler) foldPaths(ps []path, join func(a, b cpath) cpath) (cpath, error) {
	var out cpath
	for i, q := range ps {
		cq, err := c.path(q)
		if err != nil {
			return nil, err
		}
		if i == 0 {
			out = cq
		} else {
			out = join(out, cq)
		}
	}
	return out, nil
}

func (c *compiler) path(p path) (cpath, error) {
	switch p := p.(type) {
	case pathLink:
		return cLink{cid: c.constID(ontology.NewIRI(p.iri))}, nil
	case pathInv:
		inner, err := c.path(p.p)
		return cInv{p: inner}, err
	case pathSeq:
		return c.foldPaths(p.ps, func(a, b cpath) cpath { return cSeq{a: a, b: b} })
	case pathAlt:
		return c.foldPaths(p.ps, func(a, b cpath) cpath { return cAlt{a: a, b: b} })
	case pathMod:
		inner, err := c.path(p.p)
		return cMod{p: inner, op: p.op}, err
	}
	return nil, fmt.Errorf("unexpected path %T", p)
}

// --- SELECT clause and modifiers ---

func (c *compiler) selectClause() error {
	q := c.p.q
	hasAgg := len(q.groupBy) > 0 || len(q.having) > 0
	for _, pr := range q.project {
		if pr.e != nil && containsAgg(pr.e) {
			hasAgg = true
		}
	}
	for _, oc := range q.orderBy {
		if containsAgg(oc.e) {
			hasAgg = true
		}
	}
	if hasAgg {
		if err := c.groupClause(); err != nil {
			return err
		}
	}
	for _, pr := range q.project {
		s := c.slot(pr.v)
		c.p.project = append(c.p.project, s)
		if pr.e != nil {
			ce, err := c.expr(pr.e)
			if err != nil {
				return err
			}
			c.p.extend = append(c.p.extend, extendStep{slot: s, e: ce})
		}
	}
	return c.modifiers()
}

func (c *compiler) modifiers() error {
	q := c.p.q
	if q.Form != Select && (len(q.groupBy) > 0 || len(q.having) > 0) {
		if err := c.groupClause(); err != nil {
			return err
		}
	}
	for _, h := range q.having {
		ce, err := c.expr(h)
		if err != nil {
			return err
		}
		c.p.having = append(c.p.having, ce)
	}
	for _, oc := range q.orderBy {
		ce, err := c.expr(oc.e)
		if err != nil {
			return err
		}
		c.p.orderBy = append(c.p.orderBy, corder{e: ce, desc: oc.desc})
	}
	if c.p.grouping != nil {
		c.p.grouping.aggs = c.aggs
	}
	return nil
}

func (c *compiler) groupClause() error {
	if c.p.grouping != nil {
		return nil
	}
	gr := &grouping{}
	for _, gc := range c.p.q.groupBy {
		ce, err := c.expr(gc.e)
		if err != nil {
			return err
		}
		var s int
		switch {
		case gc.as != "":
			s = c.slot(gc.as)
		default:
			if v, ok := gc.e.(*exprVar); ok {
				s = c.slot(v.v)
			} else {
				c.p.q.bnodes++
				s = c.slot(fmt.Sprintf(" key%d", c.p.q.bnodes))
			}
		}
		gr.keys = append(gr.keys, groupKey{e: ce, slot: s})
	}
	c.p.grouping = gr
	return nil
}

func containsAgg(e expr) bool {
	switch e := e.(type) {
	case *exprAgg:
		return true
	case *exprOp:
		for _, a := range e.args {
			if containsAgg(a) {
				return true
			}
		}
	case *exprCall:
		for _, a := range e.args {
			if containsAgg(a) {
				return true
			}
		}
	}
	return false
}

// exprVars collects the variables an expression mentions, including those
// of EXISTS patterns.
func exprVars(c *compiler, e expr, out *vset) {
	switch e := e.(type) {
	case *exprVar:
		out.add(c.slot(e.v))
	case *exprOp:
		for _, a := range e.args {
			exprVars(c, a, out)
		}
	case *exprCall:
		for _, a := range e.args {
			exprVars(c, a, out)
		}
	case *exprAgg:
		if e.arg != nil {
			exprVars(c, e.arg, out)
		}
	case *exprExists:
		for _, v := range mentionedVars(e.g) {
			out.add(c.slot(v))
		}
	}
}

// mentionedVars lists every variable named in a group (patterns and
// filters).
func mentionedVars(g *group) []string {
	var out []string
	var walkExpr func(e expr)
	var walk func(g *group)
	addNode := func(n node) {
		if n.isVar() {
			out = append(out, n.v)
		}
	}
	walkExpr = func(e expr) {
		switch e := e.(type) {
		case *exprVar:
			out = append(out, e.v)
		case *exprOp:
			for _, a := range e.args {
				walkExpr(a)
			}
		case *exprCall:
			for _, a := range e.args {
				walkExpr(a)
			}
		case *exprExists:
			walk(e.g)
		}
	}
	walk = func(g *group) {
		for _, el := range g.elems {
			switch el := el.(type) {
			case *triple:
				addNode(el.s)
				addNode(el.o)
				if pv, ok := el.p.(pathVar); ok {
					addNode(pv.n)
				}
			case *group:
				walk(el)
			case *optionalPattern:
				walk(el.g)
			case *unionPattern:
				for _, b := range el.branches {
					walk(b)
				}
			case *graphPattern:
				addNode(el.name)
				walk(el.g)
			case *filterPattern:
				walkExpr(el.e)
			case *valuesPattern:
				out = append(out, el.vars...)
			}
		}
	}
	walk(g)
	return out
}
