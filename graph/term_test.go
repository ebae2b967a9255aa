package graph

import (
	"testing"
	"time"

	"github.com/cayleygraph/quad"

	"github.com/dossier-archive/dossier/ontology"
)

func TestTermRoundTrip(t *testing.T) {
	for _, c := range []struct {
		term ontology.Term
		want quad.Value
	}{
		{ontology.Term{}, nil},
		{ontology.NewIRI("https://schema.org/Person"), quad.IRI("https://schema.org/Person")},
		{ontology.NewBlank("b1"), quad.BNode("b1")},
		{ontology.NewString("Çako"), quad.String("Çako")},
		{ontology.NewLangString("Mëhilli", "SQ"), quad.LangString{Value: "Mëhilli", Lang: "sq"}},
		{ontology.NewTyped("x", ontology.XSD+"string"), quad.String("x")},
		{ontology.NewTyped("1966-05", ontology.XSD+"gYearMonth"), quad.TypedString{Value: "1966-05", Type: quad.IRI(ontology.XSD + "gYearMonth")}},
		// Not converted to quad.Int: the lexical form stays.
		{ontology.NewTyped("007", ontology.XSD+"int"), quad.TypedString{Value: "007", Type: quad.IRI(ontology.XSD + "int")}},
	} {
		v, err := toValue(c.term)
		if err != nil || v != c.want {
			t.Errorf("toValue(%#v) = %#v, %v; want %#v", c.term, v, err, c.want)
			continue
		}
		back, err := fromValue(v)
		if err != nil || back != c.term {
			t.Errorf("fromValue(%#v) = %#v, %v; want %#v", v, back, err, c.term)
		}
	}
}

// TestNativeValues: values Cayley makes itself (other writers, its
// auto-converting readers) come back as typed literals a parser accepts.
func TestNativeValues(t *testing.T) {
	x := ontology.XSD
	for _, c := range []struct {
		v    quad.Value
		want ontology.Term
	}{
		{quad.Int(-42), ontology.NewTyped("-42", x+"integer")},
		{quad.Float(1.5), ontology.NewTyped("1.5E+00", x+"double")},
		{quad.Float(1e300), ontology.NewTyped("1E+300", x+"double")},
		{quad.Bool(true), ontology.NewTyped("true", x+"boolean")},
		{quad.Bool(false), ontology.NewTyped("false", x+"boolean")},
		{quad.Time(time.Date(1967, 2, 3, 10, 0, 0, 500, time.FixedZone("", 3600))), ontology.NewTyped("1967-02-03T10:00:00.0000005+01:00", x+"dateTime")},
		{quad.TypedString{Value: "1", Type: "xsd:integer"}, ontology.NewTyped("1", x+"integer")},
	} {
		got, err := fromValue(c.v)
		if err != nil || got != c.want {
			t.Errorf("fromValue(%#v) = %#v, %v; want %#v", c.v, got, err, c.want)
		}
	}
}

func TestToValueRejects(t *testing.T) {
	for _, term := range []ontology.Term{
		ontology.NewIRI(""),
		ontology.NewIRI("http://ex.org/a b"),
		ontology.NewIRI("http://ex.org/<x>"),
		ontology.NewIRI("http://ex.org/\"q\""),
		ontology.NewBlank(""),
		ontology.NewLangString("x", "en_US"),
		{Kind: ontology.Literal, Value: "x", Lang: "en", Datatype: ontology.XSD + "date"},
		ontology.NewTyped("x", "not an iri"),
		{Kind: 9, Value: "x"},
	} {
		if v, err := toValue(term); err == nil {
			t.Errorf("toValue(%#v) = %#v, want an error", term, v)
		}
	}
}
