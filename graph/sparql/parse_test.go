package sparql

import (
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/dossier-archive/dossier/ontology"
)

// Every feature outside the supported subset is refused by name, at the
// place it appears.
func TestParseUnsupported(t *testing.T) {
	for _, c := range []struct {
		query string
		pos   Pos
		what  string
	}{
		{"SELECT * WHERE { ?s ?p ?o MINUS { ?s a ?c } }", Pos{1, 27}, "MINUS"},
		{"SELECT * WHERE {\n  ?s ?p ?o .\n  BIND(1 AS ?x) }", Pos{3, 3}, "BIND"},
		{"SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", Pos{1, 18}, "SERVICE"},
		{"SELECT * WHERE { { SELECT ?s WHERE { ?s ?p ?o } } }", Pos{1, 20}, "subquery"},
		{"SELECT * FROM <http://example.org/g> WHERE { ?s ?p ?o }", Pos{1, 10}, "FROM"},
		{"SELECT * FROM NAMED <http://example.org/g> WHERE { ?s ?p ?o }", Pos{1, 10}, "FROM"},
		{"SELECT * WHERE { ?s !<http://example.org/p> ?o }", Pos{1, 21}, "negated property set"},
		{"SELECT (BNODE() AS ?b) WHERE { }", Pos{1, 9}, "BNODE"},
		{"SELECT * WHERE { ?s ?p ?o FILTER(?o < NOW()) }", Pos{1, 39}, "NOW"},
		{"SELECT * WHERE { ?s ?p ?o FILTER(<http://example.org/f>(?o)) }", Pos{1, 34}, "function <http://example.org/f>"},
		{"PREFIX ex: <http://example.org/>\nINSERT DATA { ex:a ex:b ex:c }", Pos{2, 1}, "Update (INSERT)"},
		{"DELETE WHERE { ?s ?p ?o }", Pos{1, 1}, "Update (DELETE)"},
		{"LOAD <http://example.org/data.ttl>", Pos{1, 1}, "Update (LOAD)"},
		{"SELECT * WHERE { ?s ?p ?o } ; SELECT * WHERE { ?s ?p ?o }", Pos{1, 29}, "more than one operation"},
	} {
		_, err := Parse(c.query)
		var pe *Error
		if !errors.As(err, &pe) {
			t.Errorf("%q: got %v, want an unsupported-feature error", c.query, err)
			continue
		}
		if !pe.Unsupported || pe.Pos != c.pos || !strings.Contains(pe.Msg, c.what) || !strings.Contains(pe.Msg, "not supported") {
			t.Errorf("%q: got %q (unsupported %v), want %s: ...%s... is not supported", c.query, pe.Error(), pe.Unsupported, c.pos, c.what)
		}
	}
}

// Syntax errors say what is wrong and where.
func TestParseErrors(t *testing.T) {
	for _, c := range []struct {
		query string
		want  string // "line:col: message fragment"
	}{
		{"SELECT ?x WHERE { ?x ?p ?o", "1:27: expected '.' or '}', found end of query"},
		{"SELECT ?x WHERE { ?x ex:p ?o }", "1:22: undefined prefix \"ex:\""},
		{"SELECT ?x WHERE { ?x <p> ?o }", "1:22: relative IRI <p> and no BASE"},
		{"SELECT ?x WHERE {\n ?x ?p \"abc\n\" }", "2:12: line break in a string"},
		{"SELECT ?x WHERE { ?x ?p ?o FILTER(COUNT(?o) > 1) }", "1:35: aggregate COUNT is only allowed in SELECT, HAVING and ORDER BY"},
		{"SELECT ?x WHERE { ?x ?p ?o FILTER(FOO(?o)) }", "1:35: unknown function or keyword \"FOO\""},
		{"SELECT ?x WHERE { ?x ?p ?o FILTER(STRLEN(?o, ?x)) }", "1:35: STRLEN takes 1 argument(s), not 2"},
		{"SELECT ?x ?n WHERE { ?x ?p ?o } GROUP BY ?x", "1:11: ?n is selected but is neither grouped"},
		{"SELECT * WHERE { ?x ?p ?o } GROUP BY ?x", "SELECT * cannot be used with GROUP BY"},
		{"SELECT (1 AS ?o) WHERE { ?x ?p ?o }", "1:14: (... AS ?o): ?o is already bound"},
		{"SELECT ?x ?x WHERE { ?x ?p ?o }", "1:11: ?x is selected twice"},
		{"SELECT ?x WHERE { VALUES (?x ?y) { (1) } }", "1:36: VALUES row has 1 values for 2 variables"},
		{"SELECT ?x WHERE { ?x ?p ?o } LIMIT x", "1:36: expected a whole number"},
		{"SELECT ?x WHERE { ?x ?p ?o } garbage", "1:30: unexpected garbage after the end of the query"},
		{"SELEKT ?x WHERE { }", "1:1: expected SELECT, ASK, CONSTRUCT or DESCRIBE"},
		{"SELECT ?x WHERE { ?x ?p ?o ~ }", "1:28: unexpected character '~'"},
		{"SELECT ?x WHERE { ?x ?p ?o FILTER(regex(?o, \"(\")) }", ""}, // compiles at Exec, see TestCompileErrors
		{"SELECT ?x WHERE { ?x ?p 'a\\q' }", "1:27: unknown escape \\q"},
		{"SELECT ?x WHERE { " + strings.Repeat("{ ", maxDepth+1), "nests deeper than 200 levels"},
		{"SELECT ?x WHERE { ?x ?p ?o FILTER(" + strings.Repeat("(", maxDepth+1), "nests deeper than 200 levels"},
		{"SELECT ?x WHERE { ?x " + strings.Repeat("^", 5000) + "<http://e/p> ?o }", "expected a predicate or a property path"},
		{"SELECT ?x WHERE { ?x ?p ?o }\xff", "1:29: the query is not valid UTF-8"},
	} {
		_, err := Parse(c.query)
		if c.want == "" {
			if err != nil {
				t.Errorf("%q: %v", c.query, err)
			}
			continue
		}
		var pe *Error
		if !errors.As(err, &pe) {
			t.Errorf("%q: got %v, want a positioned error %q", c.query, err, c.want)
			continue
		}
		if pe.Unsupported || !strings.Contains(pe.Error(), c.want) {
			t.Errorf("%q:\n got %q\nwant %q", c.query, pe.Error(), c.want)
		}
	}
}

func TestCompileErrors(t *testing.T) {
	q, err := Parse(`SELECT ?x WHERE { ?x ?p ?o FILTER(regex(?o, "a(b")) }`)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := compile(q); err == nil || !strings.Contains(err.Error(), "1:35: invalid regular expression \"a(b\"") {
		t.Errorf("got %v", err)
	}
}

// The lexer and parser take the corners of the grammar.
func TestParseAccepts(t *testing.T) {
	q, err := ParseWith(`
		BASE <http://example.org/base/>
		PREFIX : <http://example.org/>
		PREFIX ex.x: <http://example.org/x#>
		SELECT DISTINCT $a ?b (?n - 1 AS ?m) # a comment
		WHERE {
			?a :p.q ex.x:local.name ; a :C ;
			   :n ?n , .5 , -2.5e-3 , +7 , true .
			?a :m 1.
			?a :list ( 1 ( :x ) [ :y "z"@en-GB ] ) .
			?a <rel> [] .
			?a :s """long "quoted"
string""" , 'single \'q\'' , "\u00e9\U0001F600" , "t"^^:dt .
			?a :p? ?b .
			?a (:p|^:q)*/:r+ ?b .
			?a :esc\~x :pct%41 .
			?a :p :a.b.
		}`, Options{Prefixes: []ontology.Prefix{{Name: "unused", Namespace: "http://unused/"}}})
	if err != nil {
		t.Fatal(err)
	}
	var triples []*triple
	for _, el := range q.where.elems {
		triples = append(triples, el.(*triple))
	}
	find := func(pred string) *triple {
		for _, tr := range triples {
			if pl, ok := tr.p.(pathLink); ok && pl.iri == pred {
				return tr
			}
		}
		t.Fatalf("no triple with predicate %s", pred)
		return nil
	}
	if tr := find("http://example.org/p.q"); tr.o.t.Value != "http://example.org/x#local.name" {
		t.Errorf("dotted names: %+v", tr.o)
	}
	var objs []string
	for _, tr := range triples {
		if pl, ok := tr.p.(pathLink); ok && pl.iri == "http://example.org/n" {
			objs = append(objs, tr.o.t.String())
		}
	}
	want := []string{`".5"^^<http://www.w3.org/2001/XMLSchema#decimal>`,
		`"-2.5e-3"^^<http://www.w3.org/2001/XMLSchema#double>`, `"+7"^^<http://www.w3.org/2001/XMLSchema#integer>`,
		`"true"^^<http://www.w3.org/2001/XMLSchema#boolean>`}
	if strings.Join(objs[1:], " ") != strings.Join(want, " ") {
		t.Errorf("numbers:\n got %v\nwant %v", objs[1:], want)
	}
	if tr := find("http://example.org/m"); tr.o.t.String() != `"1"^^<http://www.w3.org/2001/XMLSchema#integer>` {
		t.Errorf("an integer before the final dot: %+v", tr.o)
	}
	if tr := find("http://example.org/base/rel"); !tr.o.isVar() || !hidden(tr.o.v) {
		t.Errorf("relative IRI or []: %+v", tr)
	}
	var strs []string
	for _, tr := range triples {
		if pl, ok := tr.p.(pathLink); ok && pl.iri == "http://example.org/s" {
			strs = append(strs, tr.o.t.String())
		}
	}
	if got := strings.Join(strs, " "); got != `"long \"quoted\"\nstring" "single 'q'" "é😀" "t"^^<http://example.org/dt>` {
		t.Errorf("strings: %s", got)
	}
	if tr := find("http://example.org/esc~x"); tr.o.t.Value != "http://example.org/pct%41" {
		t.Errorf("escaped local names: %+v", tr)
	}
	if tr := find("http://example.org/p"); tr.o.t.Value != "http://example.org/a.b" {
		t.Errorf("a name before the final dot: %+v", tr.o)
	}
	if got := strings.Join(q.Vars(), ","); got != "a,b,m" {
		t.Errorf("vars %s", got)
	}
	// the collection is rdf:first/rdf:rest triples
	n := 0
	for _, tr := range triples {
		if pl, ok := tr.p.(pathLink); ok && strings.HasPrefix(pl.iri, ontology.RDF) && pl.iri != ontology.RDF+"type" {
			n++
		}
	}
	if n != 8 { // (1 (:x) [...]) is 3 first + 3 rest, ( :x ) 1 + 1
		t.Errorf("collection triples: %d", n)
	}
}

// FuzzParse: no input makes the parser (or the compiler after it) panic
// or loop; every rejection is a positioned *Error.
func FuzzParse(f *testing.F) {
	files, _ := os.ReadDir("testdata/queries")
	for _, e := range files {
		b, err := os.ReadFile("testdata/queries/" + e.Name())
		if err == nil {
			f.Add(string(b))
		}
	}
	for _, s := range []string{
		"", "SELECT", "SELECT * {", "ASK {}", "SELECT * WHERE { ?s ?p ?o }",
		"SELECT ?x { ?x <a> ?y FILTER(?y <?z) }", "PREFIX : <x:> SELECT * { :a :b :c. }",
		"SELECT * { ?s (<p>/<q>|^<r>)*+? ?o }", "SELECT * { [ <p> ( 1 2 [] ) ] }",
		"SELECT (COUNT(DISTINCT *) AS ?n) { } GROUP BY (1) HAVING (SUM(1) > 0) ORDER BY DESC(?n) LIMIT 1 OFFSET 1",
		"CONSTRUCT WHERE { ?s ?p ?o }", "DESCRIBE * WHERE { ?s ?p ?o } VALUES ?s { UNDEF <x:y> }",
		"SELECT * { ?s ?p '''a''''' }", "SELECT * { ?s ?p \"\\u0041\\U0001F600\" }", "SELECT * { ?s <p\\u0020> ?o }",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		q, err := Parse(s)
		if err != nil {
			var pe *Error
			if !errors.As(err, &pe) {
				t.Fatalf("%q: error without a position: %v", s, err)
			}
			return
		}
		if _, err := compile(q); err != nil {
			var pe *Error
			if !errors.As(err, &pe) {
				t.Fatalf("%q: compile error without a position: %v", s, err)
			}
		}
	})
}
