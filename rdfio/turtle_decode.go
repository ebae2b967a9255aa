package rdfio

import (
	"fmt"
	"io"

	"github.com/knakk/rdf"

	"github.com/dossier-archive/dossier/ontology"
)

// NewTurtleDecoder returns a decoder of Turtle. knakk parses; a filter in
// front of it (turtleFilter) mends knakk's two decoder bugs:
//
//   - Relative IRIs: knakk resolves them by string concatenation
//     ("http://ex.org/a/b" + "../c" = "http://ex.org/a/b../c"). The filter
//     resolves every relative IRI reference by RFC 3986 against the base in
//     scope (o.Base, then each @base or BASE), so knakk sees only absolute
//     IRIs. With no base, a relative IRI is an error naming its line.
//   - Blank nodes: knakk labels anonymous nodes ([], collections) b1, b2,
//     ... and keeps explicit labels as written, so "_:b1" and "[]" became
//     one node. The filter prefixes one more 'b' to every explicit label
//     of the form b+digits... ("_:b1" is read as "_:bb1", "_:bb1" as
//     "_:bbb1"); other labels are kept. Blank node labels carry no meaning
//     in RDF, but note that they are not scoped to the file: two files
//     that both say _:x mean one node if loaded into one store.
//
// A prefixed name whose prefix starts with "base" or "prefix" (any case),
// or with "true" or "false", is misread by knakk's lexer as a keyword;
// Dossier's own writer never produces one.
func NewTurtleDecoder(r io.Reader, o DecodeOptions) (Decoder, error) {
	if o.Base != "" {
		if err := ontology.CheckIRI(o.Base); err != nil {
			return nil, fmt.Errorf("turtle: base: %w", err)
		}
	}
	f := newTextFilter(r, o.Name, true)
	f.base = o.Base
	in := newGuardedReader(f, false)
	dec := rdf.NewTripleDecoder(in, rdf.Turtle)
	return &knakkDecoder{
		in: in, filter: f, name: o.Name, parser: dec,
		next: func() (rdf.Quad, error) {
			t, err := dec.Decode()
			return rdf.Quad{Triple: t}, err
		},
		check: checkAbsolute,
		line:  f.relativeLine,
	}, nil
}

// checkAbsolute rejects a quad with a relative IRI: what is left when the
// input had no base to resolve it against.
func checkAbsolute(q ontology.Quad) error {
	for _, t := range [...]ontology.Term{q.S, q.P, q.O, q.G} {
		if iri := relativeIRI(t); iri != "" {
			return fmt.Errorf("relative IRI <%s> and no base IRI to resolve it against", iri)
		}
	}
	return nil
}

func relativeIRI(t ontology.Term) string {
	switch {
	case t.Kind == ontology.IRI && !ontology.IsAbsoluteIRI(t.Value):
		return t.Value
	case t.Kind == ontology.Literal && t.Datatype != "" && !ontology.IsAbsoluteIRI(t.Datatype):
		return t.Datatype
	}
	return ""
}
