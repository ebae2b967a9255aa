package sparql

import "github.com/dossier-archive/dossier/ontology"

// Form is the kind of query.
type Form uint8

// The query forms.
const (
	Select Form = iota + 1
	Ask
	Construct
	Describe
)

func (f Form) String() string {
	switch f {
	case Select:
		return "SELECT"
	case Ask:
		return "ASK"
	case Construct:
		return "CONSTRUCT"
	case Describe:
		return "DESCRIBE"
	}
	return "?"
}

// Query is a parsed query.
type Query struct {
	Form     Form
	Prefixes []ontology.Prefix // as declared, for writing results compactly

	distinct bool // DISTINCT or REDUCED
	star     bool // SELECT * or DESCRIBE *
	project  []projection
	where    *group // nil for a DESCRIBE without WHERE
	groupBy  []groupCond
	having   []expr
	orderBy  []orderCond
	limit    int64 // -1: none
	offset   int64
	values   *valuesPattern // trailing VALUES
	template []*triple      // CONSTRUCT
	describe []node         // DESCRIBE
	bnodes   int            // blank nodes and hidden variables made while parsing
	base     string         // the BASE in force at the end of the prologue
}

// Vars returns the names of the variables a SELECT query returns, in
// order; nil for other forms.
func (q *Query) Vars() []string {
	if q.Form != Select {
		return nil
	}
	out := make([]string, len(q.project))
	for i, p := range q.project {
		out[i] = p.v
	}
	return out
}

type projection struct {
	v   string
	e   expr // nil: the variable itself
	pos Pos
}

type groupCond struct {
	e   expr
	as  string // variable bound to the key, or ""
	pos Pos
}

type orderCond struct {
	e    expr
	desc bool
}

// node is a term or a variable in a pattern. Blank nodes of the query are
// variables whose name starts with "_:", which no SPARQL variable can.
type node struct {
	v    string
	t    ontology.Term
	pos  Pos
	none bool // UNDEF in VALUES
}

func (n node) isVar() bool { return n.v != "" }

// hidden reports whether the variable is one the query cannot name
// (a blank node or a parser-made variable).
func hidden(v string) bool {
	return len(v) > 0 && (v[0] == '_' && len(v) > 1 && v[1] == ':' || v[0] == ' ')
}

// patterns of a group, in the order written
type pattern interface{ patternPos() Pos }

type group struct {
	elems []pattern
	pos   Pos
}

type triple struct {
	s, o node
	p    path
	pos  Pos
}

type optionalPattern struct {
	g   *group
	pos Pos
}

type unionPattern struct {
	branches []*group
	pos      Pos
}

type graphPattern struct {
	name node
	g    *group
	pos  Pos
}

type filterPattern struct {
	e   expr
	pos Pos
}

type valuesPattern struct {
	vars []string
	rows [][]node
	pos  Pos
}

func (g *group) patternPos() Pos           { return g.pos }
func (t *triple) patternPos() Pos          { return t.pos }
func (o *optionalPattern) patternPos() Pos { return o.pos }
func (u *unionPattern) patternPos() Pos    { return u.pos }
func (g *graphPattern) patternPos() Pos    { return g.pos }
func (f *filterPattern) patternPos() Pos   { return f.pos }
func (v *valuesPattern) patternPos() Pos   { return v.pos }

// paths: a predicate is a path; a plain IRI is a pathLink, a variable a
// pathVar.
type path interface{ isPath() }

type pathLink struct{ iri string }
type pathVar struct{ n node }
type pathInv struct{ p path }
type pathSeq struct{ ps []path }
type pathAlt struct{ ps []path }
type pathMod struct {
	p  path
	op byte // '*', '+', '?'
}

func (pathLink) isPath() {}
func (pathVar) isPath()  {}
func (pathInv) isPath()  {}
func (pathSeq) isPath()  {}
func (pathAlt) isPath()  {}
func (pathMod) isPath()  {}

// expressions
type expr interface{ exprPos() Pos }

type exprVar struct {
	v   string
	pos Pos
}

type exprConst struct {
	t   ontology.Term
	pos Pos
}

// exprOp is an operator: || && = != < > <= >= + - * / ! "neg" "pos" "in"
// "notin" (args[0] IN args[1:]).
type exprOp struct {
	op   string
	args []expr
	pos  Pos
}

// exprCall is a built-in function (name in upper case) or a cast (name is
// the datatype IRI).
type exprCall struct {
	name string
	args []expr
	pos  Pos
}

type exprAgg struct {
	name     string // COUNT SUM MIN MAX AVG SAMPLE GROUP_CONCAT
	distinct bool
	star     bool
	arg      expr
	sep      string
	pos      Pos
}

type exprExists struct {
	not bool
	g   *group
	pos Pos
}

func (e *exprVar) exprPos() Pos    { return e.pos }
func (e *exprConst) exprPos() Pos  { return e.pos }
func (e *exprOp) exprPos() Pos     { return e.pos }
func (e *exprCall) exprPos() Pos   { return e.pos }
func (e *exprAgg) exprPos() Pos    { return e.pos }
func (e *exprExists) exprPos() Pos { return e.pos }
