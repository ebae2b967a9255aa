package rdfio

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/piprate/json-gold/ld"

	"github.com/dossier-archive/dossier/ontology"
)

const ex = "http://ex.org/"

var (
	iri    = ontology.NewIRI
	str    = ontology.NewString
	typed  = ontology.NewTyped
	lang   = ontology.NewLangString
	blank  = ontology.NewBlank
	noG    = ontology.Term{}
	graph1 = iri(ex + "g1")
)

// trickyIRIs are IRIs whose last segment breaks naive prefixed names.
var trickyIRIs = []string{
	ex + "letter(1)",
	ex + "page?id=3&x=y",
	ex + "a,b;c",
	ex + "x.",
	ex + "-y",
	ex + "!$*+'~%20@=",
	ex + "Çako",
	ex + "ns#frag",
	ex + "under_score-dash",
	ex + "1967",
	ontology.DefaultBase + "person/mao-zedong",
	ontology.DefaultBase + "document/d1#char=0,5",
	ontology.Schema,
	"urn:isbn:0451450523",
}

// trickyLiterals are literals that break naive escaping.
var trickyLiterals = []ontology.Term{
	str(`He said "hi"`),
	str(`back\slash\`),
	str("line1\nline2\r\nline3"),
	str("tab\there"),
	str("ctrl\x00\x01\x1f\x7f\b\f"),
	str("Çako"), str("Mëhilli"), str("毛泽东"),
	str(""),
	str(`'single' quotes and """ triple`),
	str(`ends with a quote"`),
	str("# not a comment"), str("<not an IRI>"), str("_:b1 is not a blank node"),
	str("@base <x> ."), str("@prefix p: <y> ."),
	typed("12abc", ontology.XSDInteger),
	typed("1.0", ontology.XSD+"double"),
	typed(`18"50`, ontology.XSDGYear),
	typed("x", ex+"dt(1)"),
	typed("1967-02-03T17:20:00", ontology.XSDDateTime),
	typed("true", ontology.XSDBoolean),
	lang("Çako", "sq"), lang("毛泽东", "zh-Hans-CN"), lang("hello", "en-GB"),
}

// tricky returns quads over the tricky terms: every IRI as subject,
// predicate and object, every literal as object, blank nodes, three
// graphs, a subject that comes back after another, and a duplicate.
func tricky() []ontology.Quad {
	var qs []ontology.Quad
	p := iri(ex + "p")
	for i, s := range trickyIRIs {
		g := []ontology.Term{noG, graph1, blank("g2")}[i%3]
		qs = append(qs,
			ontology.Quad{S: iri(s), P: iri(ontology.RDFType), O: iri(ontology.SchemaPerson), G: g},
			ontology.Quad{S: iri(s), P: iri(s), O: iri(s), G: g},
			ontology.Quad{S: iri(s), P: p, O: iri(trickyIRIs[(i+1)%len(trickyIRIs)]), G: g},
		)
	}
	for i, l := range trickyLiterals {
		qs = append(qs, ontology.Quad{S: iri(ex + "lit"), P: iri(ex + "v" + strconv.Itoa(i%4)), O: l, G: graph1})
	}
	qs = append(qs,
		ontology.Quad{S: blank("x1"), P: p, O: blank("node-a")},
		ontology.Quad{S: blank("node-a"), P: p, O: str("blank subject")},
		ontology.Quad{S: iri(ex + "lit"), P: p, O: str("the subject again, after others")},
		ontology.Quad{S: iri(ex + "lit"), P: p, O: str("the subject again, after others")}, // duplicate
		ontology.Quad{S: iri(ex + "lit"), P: p, O: str("the subject again, after others"), G: graph1},
	)
	return qs
}

func encode(t testing.TB, format string, quads []ontology.Quad, o EncodeOptions) []byte {
	t.Helper()
	f, ok := ByName(format)
	if !ok {
		t.Fatalf("format %s not registered", format)
	}
	var buf bytes.Buffer
	enc, err := f.NewEncoder(&buf, o)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range quads {
		if err := enc.Encode(q); err != nil {
			t.Fatalf("%s: Encode(%s): %v", format, q, err)
		}
	}
	if err := enc.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func decode(format string, data []byte, o DecodeOptions) ([]ontology.Quad, error) {
	f, ok := ByName(format)
	if !ok {
		return nil, errors.New("no format " + format)
	}
	dec, err := f.NewDecoder(bytes.NewReader(data), o)
	if err != nil {
		return nil, err
	}
	defer dec.Close()
	var out []ontology.Quad
	for {
		q, err := dec.Decode()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return out, err
		}
		out = append(out, q)
	}
}

// lines returns the quads as sorted N-Quads lines; merged drops graphs,
// and set drops duplicates.
func lines(quads []ontology.Quad, merged, set bool) []string {
	var out []string
	for _, q := range quads {
		if merged {
			q.G = ontology.Term{}
		}
		out = append(out, q.String())
	}
	slices.Sort(out)
	if set {
		out = slices.Compact(out)
	}
	return out
}

func sameLines(t *testing.T, what string, got, want []string) {
	t.Helper()
	if slices.Equal(got, want) {
		return
	}
	for i := 0; i < len(got) || i < len(want); i++ {
		var g, w string
		if i < len(got) {
			g = got[i]
		}
		if i < len(want) {
			w = want[i]
		}
		if g != w {
			t.Fatalf("%s: %d quads, want %d; first difference:\n got: %s\nwant: %s", what, len(got), len(want), g, w)
		}
	}
}

// TestRoundTrip encodes and decodes with every format that does both, and
// compares the multisets of quads: byte for byte, every quote, backslash,
// control character and non-ASCII name.
func TestRoundTrip(t *testing.T) {
	quads := tricky()
	for _, c := range []struct {
		format      string
		merged, set bool
	}{
		{"nquads", false, false},
		{"ntriples", true, false},
		{"turtle", true, true},  // Turtle drops repeated triples of a block
		{"jsonld", false, true}, // JSON-LD processing renames blank nodes
	} {
		t.Run(c.format, func(t *testing.T) {
			quads := quads
			if c.format == "jsonld" {
				quads = withoutBlanks(quads)
			}
			data := encode(t, c.format, quads, EncodeOptions{})
			got, err := decode(c.format, data, DecodeOptions{Name: "out." + c.format})
			if err != nil {
				t.Fatalf("%v\n%s", err, data)
			}
			want := lines(quads, c.merged, c.set)
			sameLines(t, c.format, lines(got, false, c.set), want)
		})
	}
}

// rapper runs rapper -c on data and returns the count it reports.
func rapper(t *testing.T, syntax string, data []byte) int {
	t.Helper()
	if _, err := exec.LookPath("rapper"); err != nil {
		t.Skip("rapper (raptor2-utils) not installed")
	}
	f := filepath.Join(t.TempDir(), "data")
	if err := os.WriteFile(f, data, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("rapper", "-i", syntax, "-c", f).CombinedOutput()
	if err != nil {
		t.Fatalf("rapper -i %s rejected the output: %v\n%s\n--- input:\n%s", syntax, err, out, data)
	}
	m := regexp.MustCompile(`returned (\d+) (triples|statements)`).FindSubmatch(out)
	if m == nil {
		t.Fatalf("no count in rapper's output:\n%s", out)
	}
	n, _ := strconv.Atoi(string(m[1]))
	return n
}

// rapperConvert has rapper parse data and write it as N-Quads or
// N-Triples, and decodes that: an independent reading of our output.
func rapperConvert(t *testing.T, in, out string, data []byte) []ontology.Quad {
	t.Helper()
	if _, err := exec.LookPath("rapper"); err != nil {
		t.Skip("rapper (raptor2-utils) not installed")
	}
	cmd := exec.Command("rapper", "-q", "-i", in, "-o", out, "-", "http://base.example/")
	cmd.Stdin = bytes.NewReader(data)
	res, err := cmd.Output()
	if err != nil {
		t.Fatalf("rapper: %v", err)
	}
	quads, err := decode(out, res, DecodeOptions{Name: "rapper output"})
	if err != nil {
		t.Fatalf("%v\n%s", err, res)
	}
	return quads
}

// forRapper leaves out what rapper cannot give back as it was: blank node
// labels (it renames them) and literals with NUL (raptor's C strings end
// there).
func forRapper(quads []ontology.Quad) []ontology.Quad {
	var out []ontology.Quad
	for _, q := range withoutBlanks(quads) {
		if !strings.Contains(q.O.Value, "\x00") {
			out = append(out, q)
		}
	}
	return out
}

func withoutBlanks(quads []ontology.Quad) []ontology.Quad {
	var out []ontology.Quad
	for _, q := range quads {
		if q.S.Kind != ontology.Blank && q.O.Kind != ontology.Blank && q.G.Kind != ontology.Blank {
			out = append(out, q)
		}
	}
	return out
}

func TestRapperTurtle(t *testing.T) {
	quads := tricky()
	data := encode(t, "turtle", quads, EncodeOptions{})
	want := lines(quads, true, true)
	if n := rapper(t, "turtle", data); n != len(want) {
		t.Errorf("rapper counted %d triples, want %d (the merged graph)", n, len(want))
	}
	// rapper's own reading, back through N-Triples, is the same graph.
	plain := forRapper(quads)
	got := rapperConvert(t, "turtle", "ntriples", encode(t, "turtle", plain, EncodeOptions{}))
	sameLines(t, "rapper's reading", lines(got, true, true), lines(plain, true, true))
	if !bytes.HasSuffix(data, []byte(" .\n")) {
		t.Error("Turtle output does not end with a newline")
	}
}

func TestRapperNQuads(t *testing.T) {
	quads := tricky()
	data := encode(t, "nquads", quads, EncodeOptions{})
	// rapper counts statements as it parses them, duplicates included.
	if n := rapper(t, "nquads", data); n != len(quads) {
		t.Errorf("rapper counted %d quads, want %d", n, len(quads))
	}
	plain := forRapper(quads)
	got := rapperConvert(t, "nquads", "nquads", encode(t, "nquads", plain, EncodeOptions{}))
	sameLines(t, "rapper's reading", lines(got, false, true), lines(plain, false, true))
}

func TestRapperNTriples(t *testing.T) {
	quads := tricky()
	data := encode(t, "ntriples", quads, EncodeOptions{})
	if n := rapper(t, "ntriples", data); n != len(quads) {
		t.Errorf("rapper counted %d triples, want %d", n, len(quads))
	}
	plain := forRapper(quads)
	got := rapperConvert(t, "ntriples", "ntriples", encode(t, "ntriples", plain, EncodeOptions{}))
	sameLines(t, "rapper's reading", lines(got, false, true), lines(plain, true, true))
}

func TestEmptyGraph(t *testing.T) {
	for _, c := range []struct{ format, syntax string }{{"turtle", "turtle"}, {"nquads", "nquads"}, {"ntriples", "ntriples"}} {
		data := encode(t, c.format, nil, EncodeOptions{})
		if n := rapper(t, c.syntax, data); n != 0 {
			t.Errorf("%s: empty graph counted %d", c.format, n)
		}
		got, err := decode(c.format, data, DecodeOptions{})
		if err != nil || len(got) != 0 {
			t.Errorf("%s: empty graph decoded to %v, %v", c.format, got, err)
		}
	}
	data := encode(t, "turtle", nil, EncodeOptions{})
	if len(data) == 0 || data[len(data)-1] != '\n' {
		t.Errorf("empty Turtle does not end in a newline: %q", data)
	}
}

// TestTurtleLayout pins the shape of the writer's output: prefixes first,
// prefixed names only where safe, subject blocks, 'a', lists.
func TestTurtleLayout(t *testing.T) {
	s := iri(ontology.DefaultBase + "person/cako")
	quads := []ontology.Quad{
		{S: s, P: iri(ontology.RDFType), O: iri(ontology.SchemaPerson), G: graph1},
		{S: s, P: iri(ontology.RDFType), O: iri(ontology.FOAF + "Person")},
		{S: s, P: iri(ontology.RDFSLabel), O: str("Çako")},
		{S: s, P: iri(ontology.RDFSLabel), O: str("Çako")},
		{S: s, P: iri(ontology.SKOSAltLabel), O: lang("Hysni \"H.\" Çako", "SQ")},
		{S: iri(ex + "x."), P: iri(ex + "n"), O: typed("12abc", ontology.XSDInteger)},
		{S: iri(ex + "x."), P: iri(ontology.DCTermsDate), O: typed("1967", ontology.XSDGYear)},
	}
	got := string(encode(t, "turtle", quads, EncodeOptions{Prefixes: []ontology.Prefix{{Name: "ex", Namespace: ex}}}))
	body := got[strings.LastIndex(got, "> .\n")+4:]
	want := `
person:cako a schema:Person, foaf:Person ;
	rdfs:label "Çako" ;
	skos:altLabel "Hysni \"H.\" Çako"@sq .

<http://ex.org/x.> ex:n "12abc"^^xsd:integer ;
	dcterms:date "1967"^^xsd:gYear .
`
	if body != want {
		t.Errorf("Turtle body:\n%s\nwant:\n%s", body, want)
	}
	if !strings.HasPrefix(got, "@prefix rdf: <"+ontology.RDF+"> .\n") || !strings.Contains(got, "@prefix ex: <"+ex+"> .\n") {
		t.Errorf("prefixes missing or out of order:\n%s", got)
	}
	if i, j := strings.LastIndex(got, "@prefix"), strings.Index(got, "person:cako a"); i > j {
		t.Error("a directive after the first triple")
	}
}

func TestTurtlePrefixNames(t *testing.T) {
	for _, bad := range []string{"", "1x", "a.b", "trueish", "false1", "Base", "prefixes", "a:b", "é"} {
		_, err := NewTurtleEncoder(io.Discard, EncodeOptions{Prefixes: []ontology.Prefix{{Name: bad, Namespace: ex}}})
		if err == nil {
			t.Errorf("prefix name %q accepted", bad)
		}
	}
	if _, err := NewTurtleEncoder(io.Discard, EncodeOptions{Prefixes: []ontology.Prefix{{Name: "ok", Namespace: "not an IRI"}}}); err == nil {
		t.Error("invalid namespace accepted")
	}
}

func TestEncodeRejectsInvalidTerms(t *testing.T) {
	bad := []ontology.Quad{
		{S: iri(ex + "a b"), P: iri(ex + "p"), O: str("x")},
		{S: iri("relative"), P: iri(ex + "p"), O: str("x")},
		{S: str("literal subject"), P: iri(ex + "p"), O: str("x")},
		{S: iri(ex + "s"), P: blank("p"), O: str("x")},
		{S: iri(ex + "s"), P: iri(ex + "p"), O: str("bad \xff")},
		{S: iri(ex + "s"), P: iri(ex + "p"), O: lang("x", "en_US")},
		{S: iri(ex + "s"), P: iri(ex + "p"), O: blank("a b")},
		{S: iri(ex + "s"), P: iri(ex + "p")},
	}
	for _, f := range Formats() {
		if !f.CanEncode() {
			continue
		}
		for _, q := range bad {
			enc, err := f.NewEncoder(io.Discard, EncodeOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if enc.Encode(q) == nil {
				t.Errorf("%s encoded the invalid quad %#v", f.Name, q)
			}
		}
	}
}

// TestJSONLD checks the JSON-LD output with json-gold's own toRdf: the
// same dataset, named graphs included.
func TestJSONLD(t *testing.T) {
	quads := withoutBlanks(tricky())
	data := encode(t, "jsonld", quads, EncodeOptions{})
	res, err := ld.NewJsonLdProcessor().ToRDF(mustJSON(t, data), ld.NewJsonLdOptions(""))
	if err != nil {
		t.Fatal(err)
	}
	var got []ontology.Quad
	for name, qs := range res.(*ld.RDFDataset).Graphs {
		for _, q := range qs {
			oq, err := fromLDQuad(q, name)
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, oq)
		}
	}
	sameLines(t, "json-gold's reading", lines(got, false, true), lines(quads, false, true))
	if !bytes.Contains(data, []byte(`"schema:Person"`)) || !bytes.Contains(data, []byte(`"@context"`)) {
		t.Errorf("output not compacted with the prefixes:\n%s", data)
	}
	if again := encode(t, "jsonld", quads, EncodeOptions{}); !bytes.Equal(again, data) {
		t.Error("two encodings of the same quads differ")
	}
}

func mustJSON(t *testing.T, data []byte) any {
	t.Helper()
	var v any
	if err := json.Unmarshal(data, &v); err != nil {
		t.Fatalf("%v\n%s", err, data)
	}
	return v
}

// TestDecodeErrorLines checks that a syntax error names its file and line,
// in each knakk-based format, for the kinds of error whose knakk message
// has no line of its own too.
func TestDecodeErrorLines(t *testing.T) {
	for _, c := range []struct {
		name, format, input string
		line                int
		msg                 string
	}{
		{"nt bad IRI in subject", "ntriples", "<http://a> <http://b> <http://c> .\n\n# comment\n<http://a b> <http://b> <http://c> .\n", 4, "IRI"},
		{"nt bad object", "ntriples", "<http://a> <http://b> <http://c> .\n<http://a> <http://b> bad .\n", 2, ""},
		{"nt graph label", "ntriples", "<http://a> <http://b> <http://c> <http://g> .\n", 1, ""},
		{"nt relative IRI", "ntriples", "\n\n<http://a> <http://b> <c> .\n", 3, "relative IRI"},
		{"nt control in IRI", "ntriples", "<http://a> <http://b> <http://c> .\n<http://a\x01> <http://b> <http://c> .\n", 2, "IRI"},
		{"nq missing dot", "nquads", "<http://a> <http://b> \"x\" <http://g> .\n<http://a> <http://b> \"x\"\n", 2, ""},
		{"nq unclosed IRI at the end", "nquads", "<http://a> <http://b> <http://c> .\n<http://a> <http://b> <http://c", 2, "not closed"},
		{"ttl unclosed IRI, statement over lines", "turtle", "@prefix ex: <http://ex.org/> .\nex:a ex:b\n  ex:c ;\n  ex:d <http://x\n", 4, "not closed"},
		{"nq bad escape", "nquads", "<http://a> <http://b> \"x\\q\" .\n", 1, "escape"},
		{"ttl missing prefix", "turtle", "@prefix ex: <http://ex.org/> .\n\nex:a ex:b ex:c .\n\nx:a ex:b ex:c .\n", 5, "prefix"},
		{"ttl literal subject", "turtle", "@prefix ex: <http://ex.org/> .\n\n\"lit\" ex:b ex:c .\n", 3, "literal as subject"},
		{"ttl bad IRI", "turtle", "@prefix ex: <http://ex.org/> .\n<http://a b> ex:b ex:c .\n", 2, "IRI"},
		{"ttl relative IRI, no base", "turtle", "@prefix ex: <http://ex.org/> .\nex:a ex:b ex:c .\n\nex:a ex:b <rel> .\n", 4, "relative IRI <rel>"},
		{"ttl unterminated", "turtle", "@prefix ex: <http://ex.org/> .\nex:a ex:b \"x\n", 2, "not closed"},
		{"ttl long string never closed", "turtle", "@prefix ex: <http://ex.org/> .\nex:a ex:b \"\"\"x\ny\n", 2, "not closed"},
		{"ttl bad escape", "turtle", "@prefix ex: <http://ex.org/> .\n\nex:a ex:b \"x\\q\" .\n", 3, "invalid escape"},
		{"nt single quotes", "ntriples", "<http://a> <http://b> 'x' .\n", 1, "double quotes"},
		{"rdfxml unclosed", "rdfxml", "<?xml version=\"1.0\"?>\n<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n<rdf:Description rdf:about=\"http://a\">\n</rdf:RDF>\n", 4, ""},
		{"jsonld syntax", "jsonld", "{\n  \"@id\": \"http://a\",\n  oops\n}\n", 3, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := decode(c.format, []byte(c.input), DecodeOptions{Name: "in.x"})
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("got %v, want a *ParseError", err)
			}
			if pe.Line != c.line || pe.Name != "in.x" || !strings.Contains(pe.Msg, c.msg) {
				t.Errorf("got %q (line %d), want line %d and %q", pe.Error(), pe.Line, c.line, c.msg)
			}
			if want := "in.x:" + strconv.Itoa(c.line) + ": "; !strings.HasPrefix(pe.Error(), want) {
				t.Errorf("Error() = %q, want it to start with %q", pe.Error(), want)
			}
			if regexp.MustCompile(`(unexpected|got) \d+`).MatchString(pe.Msg) {
				t.Errorf("message names a token by number: %q", pe.Msg)
			}
		})
	}
}

func TestTurtleRelativeIRIs(t *testing.T) {
	in := `@prefix : <#> .
<a/b> :p <../c> .
@base <http://other.org/x/y/> .
<z> :p <?q> .
BASE <../w>
<v> :p <//host.org/path> .
`
	got, err := decode("turtle", []byte(in), DecodeOptions{Base: "http://ex.org/dir/doc.ttl"})
	if err != nil {
		t.Fatal(err)
	}
	want := []ontology.Quad{
		{S: iri("http://ex.org/dir/a/b"), P: iri("http://ex.org/dir/doc.ttl#p"), O: iri("http://ex.org/c")},
		{S: iri("http://other.org/x/y/z"), P: iri("http://ex.org/dir/doc.ttl#p"), O: iri("http://other.org/x/y/?q")},
		{S: iri("http://other.org/x/v"), P: iri("http://ex.org/dir/doc.ttl#p"), O: iri("http://host.org/path")},
	}
	sameLines(t, "resolved", lines(got, false, false), lines(want, false, false))
}

func TestResolveIRI(t *testing.T) {
	// RFC 3986 §5.4.1 and §5.4.2, base http://a/b/c/d;p?q.
	const base = "http://a/b/c/d;p?q"
	for ref, want := range map[string]string{
		"g:h": "g:h", "g": "http://a/b/c/g", "./g": "http://a/b/c/g", "g/": "http://a/b/c/g/",
		"/g": "http://a/g", "//g": "http://g", "?y": "http://a/b/c/d;p?y", "g?y": "http://a/b/c/g?y",
		"#s": "http://a/b/c/d;p?q#s", "g#s": "http://a/b/c/g#s", "g?y#s": "http://a/b/c/g?y#s",
		";x": "http://a/b/c/;x", "g;x": "http://a/b/c/g;x", "g;x?y#s": "http://a/b/c/g;x?y#s",
		"": "http://a/b/c/d;p?q", ".": "http://a/b/c/", "./": "http://a/b/c/", "..": "http://a/b/",
		"../": "http://a/b/", "../g": "http://a/b/g", "../..": "http://a/", "../../": "http://a/",
		"../../g":    "http://a/g",
		"../../../g": "http://a/g", "../../../../g": "http://a/g", "/./g": "http://a/g",
		"/../g": "http://a/g", "g.": "http://a/b/c/g.", ".g": "http://a/b/c/.g", "g..": "http://a/b/c/g..",
		"..g": "http://a/b/c/..g", "./../g": "http://a/b/g", "./g/.": "http://a/b/c/g/",
		"g/./h": "http://a/b/c/g/h", "g/../h": "http://a/b/c/h", "g;x=1/./y": "http://a/b/c/g;x=1/y",
		"g;x=1/../y": "http://a/b/c/y", "g?y/./x": "http://a/b/c/g?y/./x", "g?y/../x": "http://a/b/c/g?y/../x",
		"g#s/./x": "http://a/b/c/g#s/./x", "g#s/../x": "http://a/b/c/g#s/../x", "http:g": "http:g",
		"Çako": "http://a/b/c/Çako",
	} {
		if got := ontology.ResolveIRI(base, ref); got != want {
			t.Errorf("resolve(%q) = %q, want %q", ref, got, want)
		}
	}
}

// TestTurtleBlankNodes: knakk names [] _:b1, which must not join an
// explicit _:b1 (research notes §4.3).
func TestTurtleBlankNodes(t *testing.T) {
	in := "@prefix : <http://ex.org/> .\n_:b1 :p [] .\n_:b1 :q _:bb1 .\n_:x :r ( 1 ) .\n_:x :s \"_:b1 in a string\" . # _:b1 in a comment\n:a_:b1 :t :c .\n"
	got, err := decode("turtle", []byte(in), DecodeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	labels := map[string]bool{}
	for _, q := range got {
		for _, term := range []ontology.Term{q.S, q.O} {
			if term.Kind == ontology.Blank {
				labels[term.Value] = true
			}
		}
	}
	// _:b1 → bb1, [] → b1, _:bb1 → bbb1, _:x, the list node: five nodes.
	if len(labels) != 5 || !labels["bb1"] || !labels["bbb1"] || !labels["x"] {
		t.Errorf("blank nodes %v, want five distinct (bb1, bbb1, x and two generated)", labels)
	}
	for _, q := range got {
		if q.O == str("_:b1 in a string") || q.S == iri(ex+"a_:b1") {
			continue
		}
		if q.O.Kind == ontology.Literal && strings.Contains(q.O.Value, "_:") {
			t.Errorf("string rewritten: %s", q)
		}
	}
	if !slices.ContainsFunc(got, func(q ontology.Quad) bool { return q.S == iri(ex+"a_:b1") }) {
		t.Errorf("the prefixed name :a_:b1 was taken for a blank node: %v", got)
	}
}

// errReader fails after some bytes, to check that a read error is not taken
// for the end of the input.
type errReader struct {
	data []byte
	err  error
}

func (r *errReader) Read(p []byte) (int, error) {
	if len(r.data) == 0 {
		return 0, r.err
	}
	n := copy(p, r.data)
	r.data = r.data[n:]
	return n, nil
}

func TestReadErrorIsNotEOF(t *testing.T) {
	boom := errors.New("disk on fire")
	triple := "<http://a> <http://b> <http://c> .\n"
	for format, start := range map[string]string{
		"ntriples": triple, "nquads": triple, "turtle": triple,
		"rdfxml": `<?xml version="1.0"?>` + "\n" + `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">`,
		"jsonld": `{"@id": "http://a", `,
	} {
		f, _ := ByName(format)
		dec, err := f.NewDecoder(&errReader{data: []byte(start), err: boom}, DecodeOptions{Name: "f"})
		if err != nil {
			t.Fatal(err)
		}
		for {
			_, err = dec.Decode()
			if err != nil {
				break
			}
		}
		if !errors.Is(err, boom) {
			t.Errorf("%s: got %v, want the read error", format, err)
		}
		dec.Close()
	}
}

// TestNoGoroutineLeak: a decoder abandoned after an error or halfway must
// not leave knakk's lexer goroutine behind.
func TestNoGoroutineLeak(t *testing.T) {
	before := runtime.NumGoroutine()
	many := bytes.Repeat([]byte("<http://a> <http://b> \"x\" .\n"), 10000)
	for i := 0; i < 20; i++ {
		for _, format := range []string{"ntriples", "nquads", "turtle"} {
			f, _ := ByName(format)
			// stop halfway
			dec, _ := f.NewDecoder(bytes.NewReader(many), DecodeOptions{})
			for k := 0; k < 10; k++ {
				if _, err := dec.Decode(); err != nil {
					t.Fatal(err)
				}
			}
			dec.Close()
			// stop at an error
			bad := append(append([]byte("<http://a> <http://b> bad .\n"), many...), many...)
			dec, _ = f.NewDecoder(bytes.NewReader(bad), DecodeOptions{})
			if _, err := dec.Decode(); err == nil {
				t.Fatalf("%s: no error", format)
			}
			dec.Close()
		}
	}
	deadline := time.Now().Add(5 * time.Second)
	for runtime.NumGoroutine() > before+2 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > before+2 {
		t.Errorf("%d goroutines left behind", n-before)
	}
}

func TestRDFXML(t *testing.T) {
	in := `<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:schema="https://schema.org/">
  <schema:Person rdf:about="http://ex.org/cako">
    <schema:name xml:lang="sq">Çako</schema:name>
    <schema:knows rdf:resource="mehilli"/>
  </schema:Person>
</rdf:RDF>
`
	got, err := decode("rdfxml", []byte(in), DecodeOptions{Base: "http://ex.org/"})
	if err != nil {
		t.Fatal(err)
	}
	want := []ontology.Quad{
		{S: iri(ex + "cako"), P: iri(ontology.RDFType), O: iri(ontology.SchemaPerson)},
		{S: iri(ex + "cako"), P: iri(ontology.Schema + "name"), O: lang("Çako", "sq")},
		{S: iri(ex + "cako"), P: iri(ontology.Schema + "knows"), O: iri(ex + "mehilli")},
	}
	sameLines(t, "rdfxml", lines(got, false, false), lines(want, false, false))
}

func TestRegistry(t *testing.T) {
	var names []string
	for _, f := range Formats() {
		names = append(names, f.Name)
	}
	if want := []string{"jsonld", "nquads", "ntriples", "rdfxml", "turtle"}; !slices.Equal(names, want) {
		t.Errorf("Formats() = %v, want %v", names, want)
	}
	for in, want := range map[string]string{"turtle": "turtle", "TTL": "turtle", "nt": "ntriples", "nq": "nquads", "owl": "rdfxml", "jsonld": "jsonld"} {
		if f, ok := ByName(in); !ok || f.Name != want {
			t.Errorf("ByName(%q) = %q, %v; want %q", in, f.Name, ok, want)
		}
	}
	if _, ok := ByName("graphml"); ok {
		t.Error("ByName(graphml) found a format")
	}
	for in, want := range map[string]string{"a/graph.TTL": "turtle", "x.nq": "nquads", "onto.owl": "rdfxml", "d.rdf": "rdfxml", "x.jsonld": "jsonld"} {
		if f, ok := ByExtension(in); !ok || f.Name != want {
			t.Errorf("ByExtension(%q) = %q, %v; want %q", in, f.Name, ok, want)
		}
	}
	if _, ok := ByExtension("notes.txt"); ok {
		t.Error("ByExtension(notes.txt) found a format")
	}
	for accept, want := range map[string]string{
		"text/turtle": "turtle",
		"application/n-quads;q=0.5, text/turtle;q=0.9":     "turtle",
		"application/ld+json, text/turtle":                 "jsonld",
		"application/rdf+xml, application/n-triples;q=0.1": "ntriples", // rdfxml cannot be written
		"text/*":                     "turtle",
		"*/*":                        "turtle",
		"text/html, */*;q=0.1":       "turtle",
		"application/n-quads; q=1.0": "nquads",
	} {
		if f, ok := ByMediaType(accept); !ok || f.Name != want {
			t.Errorf("ByMediaType(%q) = %q, %v; want %q", accept, f.Name, ok, want)
		}
	}
	for _, accept := range []string{"text/html", "application/rdf+xml", "text/turtle;q=0", ""} {
		if f, ok := ByMediaType(accept); ok {
			t.Errorf("ByMediaType(%q) = %q", accept, f.Name)
		}
	}
	if f, ok := ByContentType("application/rdf+xml; charset=utf-8"); !ok || f.Name != "rdfxml" {
		t.Errorf("ByContentType = %q, %v", f.Name, ok)
	}
	defer func() {
		if recover() == nil {
			t.Error("registering turtle twice did not panic")
		}
	}()
	Register(Format{Name: "Turtle"})
}

// TestTurtleStrings: the forms of Turtle strings knakk reads badly or not
// at all come through the filter right, and lines keep their numbers.
func TestTurtleStrings(t *testing.T) {
	in := "@prefix : <http://ex.org/> .\n" +
		":a :p \"\"\"first\nsecond \"quoted\"\nthird\"\"\"@en ;\n" + // lines 2-4
		"   :q '''it''s''' , \"\"\"a\"\"\"\" , \"\"\"\"\"\" , 'x\\u00C7\\U0001F600' .\n" + // line 5
		":b :r .5 .\n" + // line 6
		".5 :s :t .\n" // line 7: a number cannot be a subject
	got, err := decode("turtle", []byte(in), DecodeOptions{Name: "s.ttl"})
	var pe *ParseError
	if !errors.As(err, &pe) || pe.Line != 7 {
		t.Fatalf("got %v, want an error on line 7", err)
	}
	want := []ontology.Quad{
		{S: iri(ex + "a"), P: iri(ex + "p"), O: lang("first\nsecond \"quoted\"\nthird", "en")},
		{S: iri(ex + "a"), P: iri(ex + "q"), O: str("it''s")},
		{S: iri(ex + "a"), P: iri(ex + "q"), O: str(`a"`)},
		{S: iri(ex + "a"), P: iri(ex + "q"), O: str("")},
		{S: iri(ex + "a"), P: iri(ex + "q"), O: str("xÇ😀")},
		{S: iri(ex + "b"), P: iri(ex + "r"), O: typed(".5", ontology.XSD+"decimal")},
	}
	sameLines(t, "strings", lines(got, false, false), lines(want, false, false))
}

// TestKnakkTraps: inputs that crash or hang knakk's lexer when given to it
// directly (found by FuzzDecoders) give an error or quads, never a crash.
func TestKnakkTraps(t *testing.T) {
	for _, in := range []string{
		"<", "<http://a> <http://b> <http://c", ".0", "..0", "<http://a> <http://b> ..5 .",
		"<\\u007F\\\\f\" <http://g> .", "<http://a> <http://b> \"\"\"\"x\" .", "<http://a\\q> <http://b> <http://c> .",
		"@prefix: <ht:/> ..0\"d\n", "_:g ex:p _:g..3 .", "<http://a> <http://b> 1..5 .", ".0 .5", "¬V\x88\xb9'\xcc0\xbd", "''\"\"0''",
	} {
		for _, format := range []string{"ntriples", "nquads", "turtle"} {
			done := make(chan struct{})
			go func() {
				defer close(done)
				decode(format, []byte(in), DecodeOptions{})
			}()
			select {
			case <-done:
			case <-time.After(5 * time.Second):
				t.Fatalf("%s: decoding %q hangs", format, in)
			}
		}
	}
}

func TestByteOrderMark(t *testing.T) {
	for _, format := range []string{"turtle", "ntriples", "nquads"} {
		got, err := decode(format, []byte("\uFEFF<http://a> <http://b> \"Çako\" .\n"), DecodeOptions{})
		if err != nil || len(got) != 1 || got[0].O != str("Çako") {
			t.Errorf("%s: got %v, %v", format, got, err)
		}
	}
}

// TestCloseMidLine: Close stops the input; knakk's lexer must never be left
// with half a line (an IRI cut short at the end of its input crashes it, in
// a goroutine where the crash cannot be caught). Long lines make knakk's
// 4 KB buffer end inside a line.
func TestCloseMidLine(t *testing.T) {
	for _, length := range []int{1000, 1500, 2100, 3000, 4500, 7000} {
		var b bytes.Buffer
		for i := 0; i < 40; i++ {
			b.WriteString("<http://ex.org/" + strings.Repeat("x", length+i*37) + "> <http://b> <http://ex.org/" + strings.Repeat("y", length) + "> .\n")
		}
		for _, format := range []string{"ntriples", "nquads", "turtle"} {
			for stopAfter := 1; stopAfter < 6; stopAfter++ {
				f, _ := ByName(format)
				dec, _ := f.NewDecoder(bytes.NewReader(b.Bytes()), DecodeOptions{})
				for k := 0; k < stopAfter; k++ {
					if _, err := dec.Decode(); err != nil {
						t.Fatal(err)
					}
				}
				dec.Close()
			}
		}
	}
	time.Sleep(200 * time.Millisecond) // let the drains run into a crash, if any
}
