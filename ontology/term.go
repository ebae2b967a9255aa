package ontology

import "strings"

// TermKind says what an RDF term is.
type TermKind uint8

// The kinds of RDF term. The zero Term (Kind 0) is "no term": as a quad's
// graph it means the default graph.
const (
	NoTerm TermKind = iota
	IRI
	Blank
	Literal
)

// Term is one RDF term, as plain data. Literals carry either a language
// tag or a datatype IRI; a literal with neither is an xsd:string.
type Term struct {
	Kind     TermKind
	Value    string // the IRI, the blank node label (without "_:"), or the lexical form
	Lang     string // language tag of a literal, lower case
	Datatype string // datatype IRI of a literal; empty for xsd:string and language-tagged strings
}

// NewIRI returns an IRI term.
func NewIRI(iri string) Term { return Term{Kind: IRI, Value: iri} }

// NewBlank returns a blank node term with the given label.
func NewBlank(label string) Term { return Term{Kind: Blank, Value: label} }

// NewString returns a plain (xsd:string) literal.
func NewString(s string) Term { return Term{Kind: Literal, Value: s} }

// NewLangString returns a language-tagged literal.
func NewLangString(s, lang string) Term {
	return Term{Kind: Literal, Value: s, Lang: strings.ToLower(lang)}
}

// NewTyped returns a literal of the given datatype. xsd:string is stored
// as a plain literal, so that "x" and "x"^^xsd:string are one term.
func NewTyped(s, datatype string) Term {
	if datatype == XSD+"string" {
		datatype = ""
	}
	return Term{Kind: Literal, Value: s, Datatype: datatype}
}

// IsZero reports whether t is the zero Term.
func (t Term) IsZero() bool { return t.Kind == NoTerm }

// Quad is one statement in one named graph. G is the zero Term for the
// default graph. Every quad Dossier extracts from a document has that
// document's IRI as G.
type Quad struct {
	S, P, O, G Term
}

// Triple returns the quad without its graph.
func (q Quad) Triple() Quad { q.G = Term{}; return q }
