package sparql

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/dossier-archive/dossier/ontology"
)

// maxDepth bounds the nesting of groups, expressions and paths, so that a
// hostile query cannot exhaust the stack.
const maxDepth = 200

// Options configure parsing.
type Options struct {
	// Base is the base IRI relative IRIs resolve against when the query
	// has no BASE; without either a relative IRI is an error.
	Base string
	// Prefixes are known without a PREFIX declaration (a declaration in
	// the query replaces one of the same name).
	Prefixes []ontology.Prefix
}

// Parse parses a SPARQL 1.1 query.
func Parse(src string) (*Query, error) { return ParseWith(src, Options{}) }

// ParseWith parses a SPARQL 1.1 query with default prefixes and base.
func ParseWith(src string, o Options) (*Query, error) {
	toks, err := lex(src)
	if err != nil {
		return nil, err
	}
	p := &parser{src: src, toks: toks, base: o.Base, prefixes: map[string]string{}}
	for _, pf := range o.Prefixes {
		p.prefixes[pf.Name] = pf.Namespace
	}
	q, err := p.query()
	if err != nil {
		return nil, err
	}
	return q, nil
}

type parser struct {
	src      string
	toks     []token
	i        int
	base     string
	prefixes map[string]string
	q        *Query
	depth    int
	aggOK    bool // aggregates are allowed here (SELECT, HAVING, ORDER BY)
}

func (p *parser) peek() token { return p.toks[p.i] }
func (p *parser) peekAt(k int) token {
	if p.i+k < len(p.toks) {
		return p.toks[p.i+k]
	}
	return p.toks[len(p.toks)-1]
}
func (p *parser) next() token {
	t := p.toks[p.i]
	if t.kind != tEOF {
		p.i++
	}
	return t
}

func (p *parser) pos(t token) Pos { return t.pos }

func (p *parser) errorf(t token, format string, args ...any) error {
	return &Error{Pos: p.pos(t), Msg: fmt.Sprintf(format, args...)}
}

func (p *parser) unsupported(t token, what string) error {
	return &Error{Pos: p.pos(t), Msg: what + " is not supported", Unsupported: true}
}

func (p *parser) isWord(w string) bool {
	t := p.peek()
	return t.kind == tWord && strings.EqualFold(t.text, w)
}

func (p *parser) acceptWord(w string) bool {
	if p.isWord(w) {
		p.i++
		return true
	}
	return false
}

func (p *parser) expectWord(w string) error {
	if !p.acceptWord(w) {
		return p.errorf(p.peek(), "expected %s, found %s", w, p.peek())
	}
	return nil
}

func (p *parser) isPunct(s string) bool {
	t := p.peek()
	return t.kind == tPunct && t.text == s
}

func (p *parser) acceptPunct(s string) bool {
	if p.isPunct(s) {
		p.i++
		return true
	}
	return false
}

func (p *parser) expectPunct(s string) error {
	if !p.acceptPunct(s) {
		return p.errorf(p.peek(), "expected '%s', found %s", s, p.peek())
	}
	return nil
}

func (p *parser) enter() error {
	p.depth++
	if p.depth > maxDepth {
		return p.errorf(p.peek(), "the query nests deeper than %d levels", maxDepth)
	}
	return nil
}

func (p *parser) leave() { p.depth-- }

// newHidden makes a variable the query cannot name, for [] and paths.
func (p *parser) newHidden() string {
	p.q.bnodes++
	return "_:  " + strconv.Itoa(p.q.bnodes)
}

// --- query ---

var updateWords = []string{"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"}

func (p *parser) query() (*Query, error) {
	p.q = &Query{limit: -1}
	q := p.q
	if err := p.prologue(); err != nil {
		return nil, err
	}
	t := p.peek()
	var err error
	switch {
	case p.acceptWord("SELECT"):
		q.Form = Select
		err = p.selectQuery()
	case p.acceptWord("ASK"):
		q.Form = Ask
		err = p.askQuery()
	case p.acceptWord("CONSTRUCT"):
		q.Form = Construct
		err = p.constructQuery()
	case p.acceptWord("DESCRIBE"):
		q.Form = Describe
		err = p.describeQuery()
	default:
		for _, w := range updateWords {
			if p.isWord(w) {
				return nil, p.unsupported(t, "SPARQL Update ("+strings.ToUpper(t.text)+")")
			}
		}
		return nil, p.errorf(t, "expected SELECT, ASK, CONSTRUCT or DESCRIBE, found %s", t)
	}
	if err != nil {
		return nil, err
	}
	if p.isWord("VALUES") {
		vt := p.next()
		v, err := p.dataBlock(vt)
		if err != nil {
			return nil, err
		}
		q.values = v
	}
	if t := p.peek(); t.kind != tEOF {
		if t.kind == tPunct && t.text == ";" {
			return nil, p.unsupported(t, "more than one operation (';')")
		}
		return nil, p.errorf(t, "unexpected %s after the end of the query", t)
	}
	for name, ns := range p.prefixes {
		q.Prefixes = append(q.Prefixes, ontology.Prefix{Name: name, Namespace: ns})
	}
	sort.Slice(q.Prefixes, func(i, j int) bool { return q.Prefixes[i].Name < q.Prefixes[j].Name })
	q.base = p.base
	if err := check(q); err != nil {
		return nil, err
	}
	return q, nil
}

func (p *parser) prologue() error {
	for {
		switch {
		case p.acceptWord("BASE"):
			t := p.next()
			if t.kind != tIRI {
				return p.errorf(t, "BASE needs an IRI, found %s", t)
			}
			iri, err := p.resolve(t)
			if err != nil {
				return err
			}
			p.base = iri
		case p.acceptWord("PREFIX"):
			t := p.next()
			if t.kind != tPName || t.text2 != "" {
				return p.errorf(t, "PREFIX needs a name ending in ':', found %s", t)
			}
			it := p.next()
			if it.kind != tIRI {
				return p.errorf(it, "PREFIX %s: needs an IRI, found %s", t.text, it)
			}
			iri, err := p.resolve(it)
			if err != nil {
				return err
			}
			p.prefixes[t.text] = iri
		default:
			return nil
		}
	}
}

func (p *parser) datasetClauses() error {
	if p.isWord("FROM") {
		return p.unsupported(p.peek(), "FROM (the default graph is always the union of all document graphs; use GRAPH)")
	}
	return nil
}

func (p *parser) selectQuery() error {
	q := p.q
	if p.acceptWord("DISTINCT") || p.acceptWord("REDUCED") {
		q.distinct = true
	}
	if p.acceptPunct("*") {
		q.star = true
	} else {
		for {
			t := p.peek()
			if t.kind == tVar {
				p.next()
				q.project = append(q.project, projection{v: t.text, pos: p.pos(t)})
				continue
			}
			if t.kind == tPunct && t.text == "(" {
				p.next()
				p.aggOK = true
				e, err := p.expression()
				p.aggOK = false
				if err != nil {
					return err
				}
				if err := p.expectWord("AS"); err != nil {
					return err
				}
				vt := p.next()
				if vt.kind != tVar {
					return p.errorf(vt, "expected a variable after AS, found %s", vt)
				}
				if err := p.expectPunct(")"); err != nil {
					return err
				}
				q.project = append(q.project, projection{v: vt.text, e: e, pos: p.pos(vt)})
				continue
			}
			break
		}
		if len(q.project) == 0 {
			return p.errorf(p.peek(), "SELECT needs '*' or at least one variable, found %s", p.peek())
		}
	}
	if err := p.datasetClauses(); err != nil {
		return err
	}
	p.acceptWord("WHERE")
	g, err := p.groupGraphPattern()
	if err != nil {
		return err
	}
	q.where = g
	return p.solutionModifier()
}

func (p *parser) askQuery() error {
	if err := p.datasetClauses(); err != nil {
		return err
	}
	p.acceptWord("WHERE")
	g, err := p.groupGraphPattern()
	if err != nil {
		return err
	}
	p.q.where = g
	return p.solutionModifier()
}

func (p *parser) constructQuery() error {
	q := p.q
	if p.acceptPunct("{") {
		var tmpl []pattern
		if err := p.triplesTemplate(&tmpl, "}"); err != nil {
			return err
		}
		if err := p.expectPunct("}"); err != nil {
			return err
		}
		for _, pt := range tmpl {
			q.template = append(q.template, pt.(*triple))
		}
		if err := p.datasetClauses(); err != nil {
			return err
		}
		p.acceptWord("WHERE")
		g, err := p.groupGraphPattern()
		if err != nil {
			return err
		}
		q.where = g
		return p.solutionModifier()
	}
	// CONSTRUCT WHERE { triples }
	if err := p.datasetClauses(); err != nil {
		return err
	}
	if err := p.expectWord("WHERE"); err != nil {
		return err
	}
	t := p.peek()
	if err := p.expectPunct("{"); err != nil {
		return err
	}
	g := &group{pos: p.pos(t)}
	if err := p.triplesTemplate(&g.elems, "}"); err != nil {
		return err
	}
	if err := p.expectPunct("}"); err != nil {
		return err
	}
	for _, pt := range g.elems {
		tr := pt.(*triple)
		if _, ok := tr.p.(pathLink); !ok {
			if _, ok := tr.p.(pathVar); !ok {
				return &Error{Pos: tr.pos, Msg: "CONSTRUCT WHERE cannot use property paths"}
			}
		}
		q.template = append(q.template, tr)
	}
	q.where = g
	return p.solutionModifier()
}

func (p *parser) describeQuery() error {
	q := p.q
	if p.acceptPunct("*") {
		q.star = true
	} else {
		for {
			t := p.peek()
			if t.kind == tVar {
				p.next()
				q.describe = append(q.describe, node{v: t.text, pos: p.pos(t)})
				continue
			}
			if t.kind == tIRI || t.kind == tPName {
				p.next()
				iri, err := p.iriOf(t)
				if err != nil {
					return err
				}
				q.describe = append(q.describe, node{t: ontology.NewIRI(iri), pos: p.pos(t)})
				continue
			}
			break
		}
		if len(q.describe) == 0 {
			return p.errorf(p.peek(), "DESCRIBE needs '*', variables or IRIs, found %s", p.peek())
		}
	}
	if err := p.datasetClauses(); err != nil {
		return err
	}
	if p.acceptWord("WHERE") || p.isPunct("{") {
		g, err := p.groupGraphPattern()
		if err != nil {
			return err
		}
		q.where = g
	}
	return p.solutionModifier()
}

func (p *parser) solutionModifier() error {
	q := p.q
	if p.isWord("GROUP") {
		p.next()
		if err := p.expectWord("BY"); err != nil {
			return err
		}
		for {
			t := p.peek()
			var gc groupCond
			gc.pos = p.pos(t)
			switch {
			case t.kind == tVar:
				p.next()
				gc.e = &exprVar{v: t.text, pos: p.pos(t)}
			case t.kind == tPunct && t.text == "(":
				p.next()
				e, err := p.expression()
				if err != nil {
					return err
				}
				gc.e = e
				if p.acceptWord("AS") {
					vt := p.next()
					if vt.kind != tVar {
						return p.errorf(vt, "expected a variable after AS, found %s", vt)
					}
					gc.as = vt.text
				}
				if err := p.expectPunct(")"); err != nil {
					return err
				}
			case t.kind == tWord && !isModifierWord(t.text) || t.kind == tIRI || t.kind == tPName:
				e, err := p.primary()
				if err != nil {
					return err
				}
				if _, ok := e.(*exprCall); !ok {
					return p.errorf(t, "GROUP BY needs a variable, a function call or a bracketed expression")
				}
				gc.e = e
			default:
				if len(q.groupBy) == 0 {
					return p.errorf(t, "GROUP BY needs a variable or an expression, found %s", t)
				}
			}
			if gc.e == nil {
				break
			}
			q.groupBy = append(q.groupBy, gc)
		}
	}
	if p.acceptWord("HAVING") {
		p.aggOK = true
		defer func() { p.aggOK = false }()
		for {
			t := p.peek()
			if !(t.kind == tPunct && t.text == "(" || t.kind == tWord && !isModifierWord(t.text) || t.kind == tIRI || t.kind == tPName) {
				if len(q.having) == 0 {
					return p.errorf(t, "HAVING needs a condition, found %s", t)
				}
				break
			}
			e, err := p.constraint()
			if err != nil {
				return err
			}
			q.having = append(q.having, e)
		}
		p.aggOK = false
	}
	if p.isWord("ORDER") {
		p.next()
		if err := p.expectWord("BY"); err != nil {
			return err
		}
		p.aggOK = true
		for {
			t := p.peek()
			var oc orderCond
			switch {
			case t.kind == tWord && (strings.EqualFold(t.text, "ASC") || strings.EqualFold(t.text, "DESC")):
				p.next()
				oc.desc = strings.EqualFold(t.text, "DESC")
				if !p.isPunct("(") {
					return p.errorf(p.peek(), "expected '(' after %s, found %s", strings.ToUpper(t.text), p.peek())
				}
				e, err := p.bracketted()
				if err != nil {
					return err
				}
				oc.e = e
			case t.kind == tVar:
				p.next()
				oc.e = &exprVar{v: t.text, pos: p.pos(t)}
			case t.kind == tPunct && t.text == "(" || t.kind == tWord && !isModifierWord(t.text) || t.kind == tIRI || t.kind == tPName:
				e, err := p.constraint()
				if err != nil {
					return err
				}
				oc.e = e
			default:
				if len(q.orderBy) == 0 {
					return p.errorf(t, "ORDER BY needs a condition, found %s", t)
				}
			}
			if oc.e == nil {
				break
			}
			q.orderBy = append(q.orderBy, oc)
		}
		p.aggOK = false
	}
	for k := 0; k < 2; k++ {
		switch {
		case p.isWord("LIMIT") && q.limit < 0:
			p.next()
			n, err := p.count()
			if err != nil {
				return err
			}
			q.limit = n
		case p.isWord("OFFSET") && q.offset == 0:
			p.next()
			n, err := p.count()
			if err != nil {
				return err
			}
			q.offset = n
		}
	}
	return nil
}

func isModifierWord(w string) bool {
	switch strings.ToUpper(w) {
	case "LIMIT", "OFFSET", "ORDER", "VALUES", "HAVING", "GROUP":
		return true
	}
	return false
}

func (p *parser) count() (int64, error) {
	t := p.next()
	if t.kind != tInteger {
		return 0, p.errorf(t, "expected a whole number, found %s", t)
	}
	n, err := strconv.ParseInt(t.text, 10, 64)
	if err != nil {
		return 0, p.errorf(t, "number %s is too large", t.text)
	}
	return n, nil
}

// --- patterns ---

func (p *parser) groupGraphPattern() (*group, error) {
	t := p.peek()
	if err := p.expectPunct("{"); err != nil {
		return nil, err
	}
	if err := p.enter(); err != nil {
		return nil, err
	}
	defer p.leave()
	g := &group{pos: p.pos(t)}
	if p.isWord("SELECT") {
		return nil, p.unsupported(p.peek(), "a subquery (SELECT inside a pattern)")
	}
	for {
		t := p.peek()
		switch {
		case t.kind == tPunct && t.text == "}":
			p.next()
			return g, nil
		case t.kind == tEOF:
			return nil, p.errorf(t, "expected '}', found the end of the query")
		case p.startsTriples():
			if err := p.triplesSameSubject(&g.elems, true); err != nil {
				return nil, err
			}
			if !p.acceptPunct(".") && !p.isPunct("}") && !p.startsNonTriples() {
				return nil, p.errorf(p.peek(), "expected '.' or '}', found %s", p.peek())
			}
			continue
		case t.kind == tPunct && t.text == "{":
			first, err := p.groupGraphPattern()
			if err != nil {
				return nil, err
			}
			if !p.isWord("UNION") {
				g.elems = append(g.elems, first)
				break
			}
			u := &unionPattern{branches: []*group{first}, pos: first.pos}
			for p.acceptWord("UNION") {
				b, err := p.groupGraphPattern()
				if err != nil {
					return nil, err
				}
				u.branches = append(u.branches, b)
			}
			g.elems = append(g.elems, u)
		case p.isWord("OPTIONAL"):
			p.next()
			og, err := p.groupGraphPattern()
			if err != nil {
				return nil, err
			}
			g.elems = append(g.elems, &optionalPattern{g: og, pos: p.pos(t)})
		case p.isWord("GRAPH"):
			p.next()
			nt := p.next()
			var name node
			switch nt.kind {
			case tVar:
				name = node{v: nt.text, pos: p.pos(nt)}
			case tIRI, tPName:
				iri, err := p.iriOf(nt)
				if err != nil {
					return nil, err
				}
				name = node{t: ontology.NewIRI(iri), pos: p.pos(nt)}
			default:
				return nil, p.errorf(nt, "GRAPH needs a variable or an IRI, found %s", nt)
			}
			gg, err := p.groupGraphPattern()
			if err != nil {
				return nil, err
			}
			g.elems = append(g.elems, &graphPattern{name: name, g: gg, pos: p.pos(t)})
		case p.isWord("FILTER"):
			p.next()
			e, err := p.constraint()
			if err != nil {
				return nil, err
			}
			g.elems = append(g.elems, &filterPattern{e: e, pos: p.pos(t)})
		case p.isWord("VALUES"):
			p.next()
			v, err := p.dataBlock(t)
			if err != nil {
				return nil, err
			}
			g.elems = append(g.elems, v)
		case p.isWord("MINUS"):
			return nil, p.unsupported(t, "MINUS")
		case p.isWord("BIND"):
			return nil, p.unsupported(t, "BIND")
		case p.isWord("SERVICE"):
			return nil, p.unsupported(t, "SERVICE (federated query)")
		case p.isWord("UNION"):
			return nil, p.errorf(t, "UNION must come between two groups { } UNION { }")
		default:
			return nil, p.errorf(t, "expected a triple pattern, FILTER, OPTIONAL, GRAPH, VALUES, '{' or '}', found %s", t)
		}
		p.acceptPunct(".")
	}
}

func (p *parser) startsNonTriples() bool {
	t := p.peek()
	if t.kind == tPunct && t.text == "{" {
		return true
	}
	for _, w := range []string{"OPTIONAL", "GRAPH", "FILTER", "VALUES", "MINUS", "BIND", "SERVICE"} {
		if p.isWord(w) {
			return true
		}
	}
	return false
}

func (p *parser) startsTriples() bool {
	t := p.peek()
	switch t.kind {
	case tVar, tIRI, tPName, tBlank, tString, tInteger, tDecimal, tDouble:
		return true
	case tWord:
		return t.text == "true" || t.text == "false"
	case tPunct:
		switch t.text {
		case "[", "(":
			return true
		case "+", "-":
			k := p.peekAt(1).kind
			return k == tInteger || k == tDecimal || k == tDouble
		}
	}
	return false
}

// triplesTemplate reads triples up to end (not consumed), as in CONSTRUCT.
func (p *parser) triplesTemplate(out *[]pattern, end string) error {
	for !p.isPunct(end) {
		if !p.startsTriples() {
			return p.errorf(p.peek(), "expected a triple or '%s', found %s", end, p.peek())
		}
		if err := p.triplesSameSubject(out, false); err != nil {
			return err
		}
		if !p.acceptPunct(".") {
			break
		}
	}
	return nil
}

// triplesSameSubject reads a subject and its property list; paths are
// allowed when paths is set (patterns, not templates).
func (p *parser) triplesSameSubject(out *[]pattern, paths bool) error {
	t := p.peek()
	var subj node
	var err error
	needProps := true
	if t.kind == tPunct && (t.text == "[" || t.text == "(") && !p.isNilOrAnon() {
		subj, err = p.triplesNode(out, paths)
		if err != nil {
			return err
		}
		needProps = false
	} else {
		subj, err = p.varOrTerm()
		if err != nil {
			return err
		}
	}
	if !needProps && !p.startsVerb() {
		return nil
	}
	return p.propertyList(subj, out, paths)
}

func (p *parser) isNilOrAnon() bool {
	t, u := p.peek(), p.peekAt(1)
	return t.kind == tPunct && u.kind == tPunct && (t.text == "[" && u.text == "]" || t.text == "(" && u.text == ")")
}

func (p *parser) startsVerb() bool {
	t := p.peek()
	switch t.kind {
	case tVar, tIRI, tPName:
		return true
	case tWord:
		return t.text == "a"
	case tPunct:
		return t.text == "^" || t.text == "(" || t.text == "!"
	}
	return false
}

func (p *parser) propertyList(subj node, out *[]pattern, paths bool) error {
	if err := p.enter(); err != nil {
		return err
	}
	defer p.leave()
	for {
		vt := p.peek()
		var verb path
		if vt.kind == tVar {
			p.next()
			verb = pathVar{n: node{v: vt.text, pos: p.pos(vt)}}
		} else if paths {
			pa, err := p.path()
			if err != nil {
				return err
			}
			verb = pa
		} else {
			if vt.kind == tWord && vt.text == "a" {
				p.next()
				verb = pathLink{iri: ontology.RDF + "type"}
			} else if vt.kind == tIRI || vt.kind == tPName {
				p.next()
				iri, err := p.iriOf(vt)
				if err != nil {
					return err
				}
				verb = pathLink{iri: iri}
			} else {
				return p.errorf(vt, "expected a predicate, found %s", vt)
			}
		}
		for {
			obj, err := p.object(out, paths)
			if err != nil {
				return err
			}
			*out = append(*out, &triple{s: subj, p: verb, o: obj, pos: p.pos(vt)})
			if !p.acceptPunct(",") {
				break
			}
		}
		if !p.acceptPunct(";") {
			return nil
		}
		for p.acceptPunct(";") {
		}
		if !p.startsVerb() {
			return nil
		}
	}
}

func (p *parser) object(out *[]pattern, paths bool) (node, error) {
	t := p.peek()
	if t.kind == tPunct && (t.text == "[" || t.text == "(") && !p.isNilOrAnon() {
		return p.triplesNode(out, paths)
	}
	return p.varOrTerm()
}

// triplesNode reads [ p o ; ... ] or ( a b c ), appending its triples,
// and returns the node that stands for it.
func (p *parser) triplesNode(out *[]pattern, paths bool) (node, error) {
	if err := p.enter(); err != nil {
		return node{}, err
	}
	defer p.leave()
	t := p.next()
	b := node{v: p.newHidden(), pos: p.pos(t)}
	if t.text == "[" {
		if err := p.propertyList(b, out, paths); err != nil {
			return node{}, err
		}
		return b, p.expectPunct("]")
	}
	// collection
	head := b
	cur := b
	first := true
	for !p.acceptPunct(")") {
		if p.peek().kind == tEOF {
			return node{}, p.errorf(p.peek(), "expected ')', found the end of the query")
		}
		if !first {
			nx := node{v: p.newHidden(), pos: p.pos(p.peek())}
			*out = append(*out, &triple{s: cur, p: pathLink{iri: ontology.RDF + "rest"}, o: nx, pos: cur.pos})
			cur = nx
		}
		first = false
		item, err := p.object(out, paths)
		if err != nil {
			return node{}, err
		}
		*out = append(*out, &triple{s: cur, p: pathLink{iri: ontology.RDF + "first"}, o: item, pos: cur.pos})
	}
	*out = append(*out, &triple{s: cur, p: pathLink{iri: ontology.RDF + "rest"}, o: node{t: ontology.NewIRI(ontology.RDF + "nil")}, pos: cur.pos})
	return head, nil
}

func (p *parser) varOrTerm() (node, error) {
	t := p.next()
	pos := p.pos(t)
	switch t.kind {
	case tVar:
		return node{v: t.text, pos: pos}, nil
	case tIRI, tPName:
		iri, err := p.iriOf(t)
		if err != nil {
			return node{}, err
		}
		return node{t: ontology.NewIRI(iri), pos: pos}, nil
	case tBlank:
		return node{v: "_:" + t.text, pos: pos}, nil
	case tString:
		lit, err := p.literalRest(t)
		return node{t: lit, pos: pos}, err
	case tInteger, tDecimal, tDouble:
		return node{t: numberTerm(t.kind, t.text), pos: pos}, nil
	case tWord:
		switch t.text {
		case "true", "false":
			return node{t: ontology.NewTyped(t.text, ontology.XSDBoolean), pos: pos}, nil
		}
	case tPunct:
		switch t.text {
		case "+", "-":
			n := p.peek()
			if n.kind == tInteger || n.kind == tDecimal || n.kind == tDouble {
				p.next()
				return node{t: numberTerm(n.kind, t.text+n.text), pos: pos}, nil
			}
		case "[":
			if err := p.expectPunct("]"); err != nil {
				return node{}, err
			}
			return node{v: p.newHidden(), pos: pos}, nil
		case "(":
			if err := p.expectPunct(")"); err != nil {
				return node{}, err
			}
			return node{t: ontology.NewIRI(ontology.RDF + "nil"), pos: pos}, nil
		}
	}
	return node{}, p.errorf(t, "expected a variable or an RDF term, found %s", t)
}

func numberTerm(k tokKind, lex string) ontology.Term {
	switch k {
	case tDecimal:
		return ontology.NewTyped(lex, ontology.XSD+"decimal")
	case tDouble:
		return ontology.NewTyped(lex, ontology.XSD+"double")
	}
	return ontology.NewTyped(lex, ontology.XSDInteger)
}

// literalRest reads the language tag or datatype after a string.
func (p *parser) literalRest(s token) (ontology.Term, error) {
	switch t := p.peek(); {
	case t.kind == tLang:
		p.next()
		return ontology.NewLangString(s.text, t.text), nil
	case t.kind == tPunct && t.text == "^^":
		p.next()
		dt := p.next()
		if dt.kind != tIRI && dt.kind != tPName {
			return ontology.Term{}, p.errorf(dt, "expected a datatype IRI after ^^, found %s", dt)
		}
		iri, err := p.iriOf(dt)
		if err != nil {
			return ontology.Term{}, err
		}
		if iri == ontology.RDF+"langString" {
			return ontology.Term{}, p.errorf(dt, "rdf:langString needs a language tag, not a datatype")
		}
		return ontology.NewTyped(s.text, iri), nil
	}
	return ontology.NewString(s.text), nil
}

// iriOf returns the absolute IRI of an IRI or prefixed-name token.
func (p *parser) iriOf(t token) (string, error) {
	if t.kind == tPName {
		ns, ok := p.prefixes[t.text]
		if !ok {
			return "", p.errorf(t, "undefined prefix %q (declare it with PREFIX %s: <...>)", t.text+":", t.text)
		}
		iri := ns + t.text2
		if err := ontology.CheckIRI(iri); err != nil {
			return "", p.errorf(t, "%v", err)
		}
		return iri, nil
	}
	return p.resolve(t)
}

func (p *parser) resolve(t token) (string, error) {
	iri := t.text
	if !ontology.IsAbsoluteIRI(iri) {
		if p.base == "" {
			return "", p.errorf(t, "relative IRI <%s> and no BASE to resolve it against", iri)
		}
		iri = ontology.ResolveIRI(p.base, iri)
	}
	if err := ontology.CheckIRI(iri); err != nil {
		return "", p.errorf(t, "%v", err)
	}
	return iri, nil
}

func (p *parser) dataBlock(start token) (*valuesPattern, error) {
	v := &valuesPattern{pos: p.pos(start)}
	single := false
	if t := p.peek(); t.kind == tVar {
		p.next()
		v.vars = []string{t.text}
		single = true
	} else {
		if err := p.expectPunct("("); err != nil {
			return nil, err
		}
		for p.peek().kind == tVar {
			v.vars = append(v.vars, p.next().text)
		}
		if err := p.expectPunct(")"); err != nil {
			return nil, err
		}
	}
	seen := map[string]bool{}
	for _, name := range v.vars {
		if seen[name] {
			return nil, p.errorf(start, "variable ?%s appears twice in VALUES", name)
		}
		seen[name] = true
	}
	if err := p.expectPunct("{"); err != nil {
		return nil, err
	}
	for !p.acceptPunct("}") {
		if single {
			n, err := p.dataValue()
			if err != nil {
				return nil, err
			}
			v.rows = append(v.rows, []node{n})
			continue
		}
		t := p.peek()
		if err := p.expectPunct("("); err != nil {
			return nil, err
		}
		var row []node
		for !p.acceptPunct(")") {
			n, err := p.dataValue()
			if err != nil {
				return nil, err
			}
			row = append(row, n)
		}
		if len(row) != len(v.vars) {
			return nil, p.errorf(t, "VALUES row has %d values for %d variables", len(row), len(v.vars))
		}
		v.rows = append(v.rows, row)
	}
	return v, nil
}

func (p *parser) dataValue() (node, error) {
	t := p.peek()
	if p.acceptWord("UNDEF") {
		return node{none: true, pos: p.pos(t)}, nil
	}
	switch t.kind {
	case tVar, tBlank:
		return node{}, p.errorf(t, "VALUES takes RDF terms or UNDEF, not %s", t)
	case tPunct:
		if t.text == "[" || t.text == "(" {
			return node{}, p.errorf(t, "VALUES takes RDF terms or UNDEF, not %s", t)
		}
	}
	return p.varOrTerm()
}

// --- paths ---

func (p *parser) path() (path, error) {
	if err := p.enter(); err != nil {
		return nil, err
	}
	defer p.leave()
	var alts []path
	for {
		var seq []path
		for {
			e, err := p.pathEltOrInverse()
			if err != nil {
				return nil, err
			}
			seq = append(seq, e)
			if !p.acceptPunct("/") {
				break
			}
		}
		if len(seq) == 1 {
			alts = append(alts, seq[0])
		} else {
			alts = append(alts, pathSeq{ps: seq})
		}
		if !p.acceptPunct("|") {
			break
		}
	}
	if len(alts) == 1 {
		return alts[0], nil
	}
	return pathAlt{ps: alts}, nil
}

func (p *parser) pathEltOrInverse() (path, error) {
	if p.acceptPunct("^") {
		e, err := p.pathElt()
		if err != nil {
			return nil, err
		}
		return pathInv{p: e}, nil
	}
	return p.pathElt()
}

func (p *parser) pathElt() (path, error) {
	t := p.next()
	var prim path
	switch {
	case t.kind == tIRI || t.kind == tPName:
		iri, err := p.iriOf(t)
		if err != nil {
			return nil, err
		}
		prim = pathLink{iri: iri}
	case t.kind == tWord && t.text == "a":
		prim = pathLink{iri: ontology.RDF + "type"}
	case t.kind == tPunct && t.text == "!":
		return nil, p.unsupported(t, "a negated property set (!)")
	case t.kind == tPunct && t.text == "(":
		inner, err := p.path()
		if err != nil {
			return nil, err
		}
		if err := p.expectPunct(")"); err != nil {
			return nil, err
		}
		prim = inner
	default:
		return nil, p.errorf(t, "expected a predicate or a property path, found %s", t)
	}
	if n := p.peek(); n.kind == tPunct && (n.text == "*" || n.text == "+" || n.text == "?") {
		// "+" before a number is the sign of an object: ?x :p +1
		if n.text == "+" {
			k := p.peekAt(1).kind
			if k == tInteger || k == tDecimal || k == tDouble {
				return prim, nil
			}
		}
		p.next()
		return pathMod{p: prim, op: n.text[0]}, nil
	}
	return prim, nil
}

// --- expressions ---

func (p *parser) constraint() (expr, error) {
	t := p.peek()
	switch {
	case t.kind == tPunct && t.text == "(":
		return p.bracketted()
	case t.kind == tWord, t.kind == tIRI, t.kind == tPName:
		e, err := p.primary()
		if err != nil {
			return nil, err
		}
		switch e.(type) {
		case *exprCall, *exprExists, *exprAgg:
			return e, nil
		}
		return nil, p.errorf(t, "expected '(' or a function call, found %s", t)
	}
	return nil, p.errorf(t, "expected '(' or a function call, found %s", t)
}

func (p *parser) bracketted() (expr, error) {
	if err := p.expectPunct("("); err != nil {
		return nil, err
	}
	e, err := p.expression()
	if err != nil {
		return nil, err
	}
	return e, p.expectPunct(")")
}

func (p *parser) expression() (expr, error) {
	if err := p.enter(); err != nil {
		return nil, err
	}
	defer p.leave()
	return p.orExpr()
}

func (p *parser) orExpr() (expr, error) {
	t := p.peek()
	e, err := p.andExpr()
	if err != nil {
		return nil, err
	}
	for p.acceptPunct("||") {
		r, err := p.andExpr()
		if err != nil {
			return nil, err
		}
		e = &exprOp{op: "||", args: []expr{e, r}, pos: p.pos(t)}
	}
	return e, nil
}

func (p *parser) andExpr() (expr, error) {
	t := p.peek()
	e, err := p.relExpr()
	if err != nil {
		return nil, err
	}
	for p.acceptPunct("&&") {
		r, err := p.relExpr()
		if err != nil {
			return nil, err
		}
		e = &exprOp{op: "&&", args: []expr{e, r}, pos: p.pos(t)}
	}
	return e, nil
}

func (p *parser) relExpr() (expr, error) {
	t := p.peek()
	e, err := p.addExpr()
	if err != nil {
		return nil, err
	}
	n := p.peek()
	if n.kind == tPunct {
		switch n.text {
		case "=", "!=", "<", ">", "<=", ">=":
			p.next()
			r, err := p.addExpr()
			if err != nil {
				return nil, err
			}
			return &exprOp{op: n.text, args: []expr{e, r}, pos: p.pos(n)}, nil
		}
	}
	op := ""
	if p.isWord("IN") {
		p.next()
		op = "in"
	} else if p.isWord("NOT") && p.peekAt(1).kind == tWord && strings.EqualFold(p.peekAt(1).text, "IN") {
		p.i += 2
		op = "notin"
	}
	if op == "" {
		return e, nil
	}
	list, err := p.exprList()
	if err != nil {
		return nil, err
	}
	return &exprOp{op: op, args: append([]expr{e}, list...), pos: p.pos(t)}, nil
}

// exprList reads ( e, e, ... ) or NIL.
func (p *parser) exprList() ([]expr, error) {
	if err := p.expectPunct("("); err != nil {
		return nil, err
	}
	var list []expr
	if p.acceptPunct(")") {
		return list, nil
	}
	for {
		e, err := p.expression()
		if err != nil {
			return nil, err
		}
		list = append(list, e)
		if p.acceptPunct(")") {
			return list, nil
		}
		if err := p.expectPunct(","); err != nil {
			return nil, err
		}
	}
}

func (p *parser) addExpr() (expr, error) {
	e, err := p.mulExpr()
	if err != nil {
		return nil, err
	}
	for {
		n := p.peek()
		if n.kind != tPunct || n.text != "+" && n.text != "-" {
			return e, nil
		}
		p.next()
		r, err := p.mulExpr()
		if err != nil {
			return nil, err
		}
		e = &exprOp{op: n.text, args: []expr{e, r}, pos: p.pos(n)}
	}
}

func (p *parser) mulExpr() (expr, error) {
	e, err := p.unaryExpr()
	if err != nil {
		return nil, err
	}
	for {
		n := p.peek()
		if n.kind != tPunct || n.text != "*" && n.text != "/" {
			return e, nil
		}
		p.next()
		r, err := p.unaryExpr()
		if err != nil {
			return nil, err
		}
		e = &exprOp{op: n.text, args: []expr{e, r}, pos: p.pos(n)}
	}
}

func (p *parser) unaryExpr() (expr, error) {
	t := p.peek()
	if t.kind == tPunct {
		op := ""
		switch t.text {
		case "!":
			op = "!"
		case "-":
			op = "neg"
		case "+":
			op = "pos"
		}
		if op != "" {
			p.next()
			if err := p.enter(); err != nil {
				return nil, err
			}
			defer p.leave()
			a, err := p.unaryExpr()
			if err != nil {
				return nil, err
			}
			return &exprOp{op: op, args: []expr{a}, pos: p.pos(t)}, nil
		}
	}
	return p.primary()
}

func (p *parser) primary() (expr, error) {
	t := p.next()
	pos := p.pos(t)
	switch t.kind {
	case tPunct:
		if t.text == "(" {
			e, err := p.expression()
			if err != nil {
				return nil, err
			}
			return e, p.expectPunct(")")
		}
	case tVar:
		return &exprVar{v: t.text, pos: pos}, nil
	case tString:
		lit, err := p.literalRest(t)
		return &exprConst{t: lit, pos: pos}, err
	case tInteger, tDecimal, tDouble:
		return &exprConst{t: numberTerm(t.kind, t.text), pos: pos}, nil
	case tIRI, tPName:
		iri, err := p.iriOf(t)
		if err != nil {
			return nil, err
		}
		if !p.isPunct("(") {
			return &exprConst{t: ontology.NewIRI(iri), pos: pos}, nil
		}
		if !castable[iri] {
			return nil, p.unsupported(t, "the function <"+iri+">")
		}
		args, err := p.argList(false)
		if err != nil {
			return nil, err
		}
		if len(args) != 1 {
			return nil, p.errorf(t, "a cast to <%s> takes one argument", iri)
		}
		return &exprCall{name: iri, args: args, pos: pos}, nil
	case tWord:
		return p.builtin(t)
	}
	return nil, p.errorf(t, "expected an expression, found %s", t)
}

func (p *parser) argList(distinctOK bool) ([]expr, error) {
	if err := p.expectPunct("("); err != nil {
		return nil, err
	}
	if p.acceptPunct(")") {
		return nil, nil
	}
	var args []expr
	for {
		e, err := p.expression()
		if err != nil {
			return nil, err
		}
		args = append(args, e)
		if p.acceptPunct(")") {
			return args, nil
		}
		if err := p.expectPunct(","); err != nil {
			return nil, err
		}
	}
}

// builtins: name → minimum and maximum number of arguments.
var builtins = map[string][2]int{
	"STR": {1, 1}, "LANG": {1, 1}, "LANGMATCHES": {2, 2}, "DATATYPE": {1, 1}, "BOUND": {1, 1},
	"IRI": {1, 1}, "URI": {1, 1}, "ABS": {1, 1}, "CEIL": {1, 1}, "FLOOR": {1, 1}, "ROUND": {1, 1},
	"CONCAT": {0, -1}, "SUBSTR": {2, 3}, "STRLEN": {1, 1}, "REPLACE": {3, 4}, "UCASE": {1, 1},
	"LCASE": {1, 1}, "ENCODE_FOR_URI": {1, 1}, "CONTAINS": {2, 2}, "STRSTARTS": {2, 2},
	"STRENDS": {2, 2}, "STRBEFORE": {2, 2}, "STRAFTER": {2, 2}, "YEAR": {1, 1}, "MONTH": {1, 1},
	"DAY": {1, 1}, "HOURS": {1, 1}, "MINUTES": {1, 1}, "SECONDS": {1, 1}, "TZ": {1, 1},
	"MD5": {1, 1}, "SHA1": {1, 1}, "SHA256": {1, 1}, "SHA384": {1, 1}, "SHA512": {1, 1},
	"COALESCE": {0, -1}, "IF": {3, 3}, "STRLANG": {2, 2}, "STRDT": {2, 2}, "SAMETERM": {2, 2},
	"ISIRI": {1, 1}, "ISURI": {1, 1}, "ISBLANK": {1, 1}, "ISLITERAL": {1, 1}, "ISNUMERIC": {1, 1},
	"REGEX": {2, 3},
}

var unsupportedBuiltins = map[string]bool{
	"BNODE": true, "RAND": true, "NOW": true, "UUID": true, "STRUUID": true, "TIMEZONE": true,
	"ADJUST": true, "TRIPLE": true, "SUBJECT": true, "PREDICATE": true, "OBJECT": true, "ISTRIPLE": true,
}

var aggregates = map[string]bool{
	"COUNT": true, "SUM": true, "MIN": true, "MAX": true, "AVG": true, "SAMPLE": true, "GROUP_CONCAT": true,
}

func (p *parser) builtin(t token) (expr, error) {
	name := strings.ToUpper(t.text)
	pos := p.pos(t)
	switch {
	case name == "TRUE" || name == "FALSE":
		if t.text != "true" && t.text != "false" {
			break
		}
		return &exprConst{t: ontology.NewTyped(t.text, ontology.XSDBoolean), pos: pos}, nil
	case name == "EXISTS" || name == "NOT" && p.isWord("EXISTS"):
		not := name == "NOT"
		if not {
			p.next()
		}
		g, err := p.groupGraphPattern()
		if err != nil {
			return nil, err
		}
		return &exprExists{not: not, g: g, pos: pos}, nil
	case aggregates[name]:
		return p.aggregate(t, name)
	case unsupportedBuiltins[name]:
		return nil, p.unsupported(t, "the function "+name)
	}
	arity, ok := builtins[name]
	if !ok {
		return nil, p.errorf(t, "unknown function or keyword %q", t.text)
	}
	if !p.isPunct("(") {
		return nil, p.errorf(p.peek(), "expected '(' after %s, found %s", name, p.peek())
	}
	args, err := p.argList(false)
	if err != nil {
		return nil, err
	}
	if len(args) < arity[0] || arity[1] >= 0 && len(args) > arity[1] {
		want := strconv.Itoa(arity[0])
		if arity[1] != arity[0] {
			if arity[1] < 0 {
				want = "at least " + want
			} else {
				want += " to " + strconv.Itoa(arity[1])
			}
		}
		return nil, p.errorf(t, "%s takes %s argument(s), not %d", name, want, len(args))
	}
	if name == "BOUND" {
		if _, ok := args[0].(*exprVar); !ok {
			return nil, p.errorf(t, "BOUND takes a variable")
		}
	}
	if name == "URI" {
		name = "IRI"
	}
	if name == "ISURI" {
		name = "ISIRI"
	}
	return &exprCall{name: name, args: args, pos: pos}, nil
}

func (p *parser) aggregate(t token, name string) (expr, error) {
	if !p.aggOK {
		return nil, p.errorf(t, "aggregate %s is only allowed in SELECT, HAVING and ORDER BY", name)
	}
	a := &exprAgg{name: name, pos: p.pos(t), sep: " "}
	if err := p.expectPunct("("); err != nil {
		return nil, err
	}
	if p.acceptWord("DISTINCT") {
		a.distinct = true
	}
	if name == "COUNT" && p.acceptPunct("*") {
		a.star = true
	} else {
		p.aggOK = false // no aggregate inside an aggregate
		e, err := p.expression()
		p.aggOK = true
		if err != nil {
			return nil, err
		}
		a.arg = e
	}
	if name == "GROUP_CONCAT" && p.acceptPunct(";") {
		if err := p.expectWord("SEPARATOR"); err != nil {
			return nil, err
		}
		if err := p.expectPunct("="); err != nil {
			return nil, err
		}
		s := p.next()
		if s.kind != tString {
			return nil, p.errorf(s, "SEPARATOR takes a string, found %s", s)
		}
		a.sep = s.text
	}
	return a, p.expectPunct(")")
}

// castable are the datatypes a function-style cast is supported to.
var castable = map[string]bool{
	ontology.XSD + "string": true, ontology.XSD + "integer": true, ontology.XSD + "decimal": true,
	ontology.XSD + "double": true, ontology.XSD + "float": true, ontology.XSD + "boolean": true,
	ontology.XSD + "dateTime": true, ontology.XSD + "date": true,
}
