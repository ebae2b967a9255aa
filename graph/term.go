package graph

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/cayleygraph/quad"

	"github.com/dossier-archive/dossier/ontology"
)

const xsd = ontology.XSD

// langTag is LANGTAG of N-Triples and Turtle.
var langTag = regexp.MustCompile(`^[a-zA-Z]+(-[a-zA-Z0-9]+)*$`)

// toValue converts a Term to the Cayley value that stores it. Literals
// always become quad.String, quad.LangString or quad.TypedString, never
// Cayley's native Int/Float/Bool/Time: those re-format the lexical form
// ("1.50"^^xsd:decimal would come back as something else), and a historian's
// source must come back exactly as it went in. The zero Term gives nil (the
// default graph).
func toValue(t ontology.Term) (quad.Value, error) {
	switch t.Kind {
	case ontology.NoTerm:
		return nil, nil
	case ontology.IRI:
		if err := checkIRI(t.Value); err != nil {
			return nil, err
		}
		return quad.IRI(t.Value), nil
	case ontology.Blank:
		if t.Value == "" {
			return nil, fmt.Errorf("blank node with an empty label")
		}
		return quad.BNode(t.Value), nil
	case ontology.Literal:
		if !utf8.ValidString(t.Value) {
			return nil, fmt.Errorf("literal %q is not valid UTF-8", t.Value)
		}
		switch {
		case t.Lang != "":
			if t.Datatype != "" && t.Datatype != ontology.RDF+"langString" {
				return nil, fmt.Errorf("literal %q has both a language tag and the datatype <%s>", t.Value, t.Datatype)
			}
			if !langTag.MatchString(t.Lang) {
				return nil, fmt.Errorf("literal %q has an invalid language tag %q", t.Value, t.Lang)
			}
			return quad.LangString{Value: quad.String(t.Value), Lang: t.Lang}, nil
		case t.Datatype == "" || t.Datatype == xsd+"string":
			return quad.String(t.Value), nil
		default:
			if err := checkIRI(t.Datatype); err != nil {
				return nil, fmt.Errorf("datatype of %q: %w", t.Value, err)
			}
			return quad.TypedString{Value: quad.String(t.Value), Type: quad.IRI(t.Datatype)}, nil
		}
	}
	return nil, fmt.Errorf("unknown term kind %d", t.Kind)
}

// fromValue converts a stored Cayley value back to a Term. Values written
// by Dossier come back as they went in; Cayley's native values (written by
// other tools, or produced by its N-Quads reader when auto-conversion is on)
// become typed literals in their canonical XSD lexical form.
func fromValue(v quad.Value) (ontology.Term, error) {
	switch v := v.(type) {
	case nil:
		return ontology.Term{}, nil
	case quad.IRI:
		return ontology.NewIRI(string(v)), nil
	case quad.BNode:
		return ontology.NewBlank(string(v)), nil
	case quad.String:
		return ontology.NewString(string(v)), nil
	case quad.LangString:
		return ontology.NewLangString(string(v.Value), v.Lang), nil
	case quad.TypedString:
		return ontology.NewTyped(string(v.Value), string(v.Type.Full())), nil
	case quad.Int:
		return ontology.NewTyped(strconv.FormatInt(int64(v), 10), xsd+"integer"), nil
	case quad.Float:
		return ontology.NewTyped(formatDouble(float64(v)), xsd+"double"), nil
	case quad.Bool:
		// Cayley prints "True"/"False", which is not an xsd:boolean.
		return ontology.NewTyped(strconv.FormatBool(bool(v)), xsd+"boolean"), nil
	case quad.Time:
		return ontology.NewTyped(time.Time(v).Format(time.RFC3339Nano), xsd+"dateTime"), nil
	}
	return ontology.Term{}, fmt.Errorf("unsupported value type %T in the store", v)
}

// formatDouble writes f as an xsd:double lexical form.
func formatDouble(f float64) string {
	switch {
	case math.IsNaN(f):
		return "NaN"
	case math.IsInf(f, 1):
		return "INF"
	case math.IsInf(f, -1):
		return "-INF"
	}
	return strconv.FormatFloat(f, 'E', -1, 64)
}

// checkIRI rejects what cannot be written between < and > in N-Triples or
// Turtle (IRIREF): Cayley neither validates nor escapes IRIs, so one bad IRI
// in the store would make every later export invalid.
func checkIRI(s string) error {
	if s == "" {
		return fmt.Errorf("empty IRI")
	}
	for i := 0; i < len(s); i++ {
		if badIRIByte[s[i]] {
			return fmt.Errorf("IRI <%s> contains the character %q, which N-Triples and Turtle forbid", s, s[i])
		}
	}
	if !utf8.ValidString(s) {
		return fmt.Errorf("IRI %q is not valid UTF-8", s)
	}
	return nil
}

// badIRIByte marks the bytes IRIREF excludes; all are ASCII, so checking
// bytes is checking characters.
var badIRIByte = func() (t [256]bool) {
	for c := 0; c <= 0x20; c++ {
		t[c] = true
	}
	for _, c := range []byte("<>\"{}|^`\\") {
		t[c] = true
	}
	return t
}()

// toQuad converts q to a Cayley quad. Every term must be present and of a
// kind RDF allows in its position.
func toQuad(q ontology.Quad) (quad.Quad, error) {
	if err := checkPositions(q); err != nil {
		return quad.Quad{}, err
	}
	var out quad.Quad
	var err error
	if out.Subject, err = toValue(q.S); err != nil {
		return quad.Quad{}, err
	}
	if out.Predicate, err = toValue(q.P); err != nil {
		return quad.Quad{}, err
	}
	if out.Object, err = toValue(q.O); err != nil {
		return quad.Quad{}, err
	}
	if out.Label, err = toValue(q.G); err != nil {
		return quad.Quad{}, err
	}
	return out, nil
}

// checkPositions checks that every term is present and of a kind RDF
// allows in its position.
func checkPositions(q ontology.Quad) error {
	if q.S.Kind != ontology.IRI && q.S.Kind != ontology.Blank {
		return fmt.Errorf("subject %s is not an IRI or a blank node", termString(q.S))
	}
	if q.P.Kind != ontology.IRI {
		return fmt.Errorf("predicate %s is not an IRI", termString(q.P))
	}
	if q.O.Kind == ontology.NoTerm {
		return fmt.Errorf("quad %s %s has no object", termString(q.S), termString(q.P))
	}
	if q.G.Kind == ontology.Literal {
		return fmt.Errorf("graph %s is a literal", termString(q.G))
	}
	return nil
}

// fromQuad converts a stored quad back to plain terms.
func fromQuad(q quad.Quad) (ontology.Quad, error) {
	var out ontology.Quad
	var err error
	if out.S, err = fromValue(q.Subject); err != nil {
		return out, err
	}
	if out.P, err = fromValue(q.Predicate); err != nil {
		return out, err
	}
	if out.O, err = fromValue(q.Object); err != nil {
		return out, err
	}
	if out.G, err = fromValue(q.Label); err != nil {
		return out, err
	}
	return out, nil
}

// termString renders t in N-Triples syntax, for error messages.
func termString(t ontology.Term) string {
	v, err := toValue(t)
	if err != nil || v == nil {
		switch t.Kind {
		case ontology.NoTerm:
			return "(none)"
		case ontology.IRI:
			return "<" + t.Value + ">"
		case ontology.Blank:
			return "_:" + t.Value
		}
		return strconv.Quote(t.Value)
	}
	return v.String()
}

// converter converts the quads of one document, converting (and checking)
// each distinct term once: a document repeats its own IRI, the
// vocabulary's predicates and classes and its people in most of its
// quads, and each conversion would check the IRI again and box a new
// value.
type converter struct {
	vals map[ontology.Term]quad.Value
}

func newConverter() *converter {
	return &converter{vals: make(map[ontology.Term]quad.Value, 256)}
}

func (c *converter) value(t ontology.Term) (quad.Value, error) {
	if v, ok := c.vals[t]; ok {
		return v, nil
	}
	v, err := toValue(t)
	if err != nil {
		return nil, err
	}
	c.vals[t] = v
	return v, nil
}

// quad is toQuad with the cache.
func (c *converter) quad(q ontology.Quad) (quad.Quad, error) {
	if err := checkPositions(q); err != nil {
		return quad.Quad{}, err
	}
	var out quad.Quad
	var err error
	if out.Subject, err = c.value(q.S); err != nil {
		return quad.Quad{}, err
	}
	if out.Predicate, err = c.value(q.P); err != nil {
		return quad.Quad{}, err
	}
	if out.Object, err = c.value(q.O); err != nil {
		return quad.Quad{}, err
	}
	if out.Label, err = c.value(q.G); err != nil {
		return quad.Quad{}, err
	}
	return out, nil
}
