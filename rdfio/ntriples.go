package rdfio

import (
	"bufio"
	"io"

	"github.com/knakk/rdf"

	"github.com/dossier-archive/dossier/ontology"
)

// lineEncoder writes N-Triples or N-Quads, one statement a line, in the
// canonical form of ontology.Term.AppendNTriples. It is written here
// rather than with knakk's encoder because knakk's language-tagged
// literals cannot have more than one subtag ("zh-Hans-CN").
type lineEncoder struct {
	w      *bufio.Writer
	graphs bool // N-Quads: write graph labels
	buf    []byte
	err    error
}

// NewNTriplesEncoder returns an encoder of N-Triples. Graph labels are
// dropped (the merged graph); a triple repeated in several graphs is
// written each time, and N-Triples readers count it once.
func NewNTriplesEncoder(w io.Writer, _ EncodeOptions) (Encoder, error) {
	return &lineEncoder{w: bufio.NewWriter(w)}, nil
}

// NewNQuadsEncoder returns an encoder of N-Quads, graph labels kept.
func NewNQuadsEncoder(w io.Writer, _ EncodeOptions) (Encoder, error) {
	return &lineEncoder{w: bufio.NewWriter(w), graphs: true}, nil
}

func (e *lineEncoder) Encode(q ontology.Quad) error {
	if e.err != nil {
		return e.err
	}
	if !e.graphs {
		q.G = ontology.Term{}
	}
	if err := q.Check(); err != nil {
		return err
	}
	b := q.S.AppendNTriples(e.buf[:0])
	b = append(b, ' ')
	b = q.P.AppendNTriples(b)
	b = append(b, ' ')
	b = q.O.AppendNTriples(b)
	if !q.G.IsZero() {
		b = append(b, ' ')
		b = q.G.AppendNTriples(b)
	}
	b = append(b, " .\n"...)
	e.buf = b
	if _, err := e.w.Write(b); err != nil {
		e.err = err
	}
	return e.err
}

func (e *lineEncoder) Close() error {
	if e.err != nil {
		return e.err
	}
	e.err = e.w.Flush()
	return e.err
}

// NewNTriplesDecoder returns a decoder of N-Triples (knakk). Quads come in
// the default graph.
func NewNTriplesDecoder(r io.Reader, o DecodeOptions) (Decoder, error) {
	f := newTextFilter(r, o.Name, false)
	in := newGuardedReader(f, true)
	dec := rdf.NewTripleDecoder(in, rdf.NTriples)
	return &knakkDecoder{
		in: in, filter: f, name: o.Name, parser: dec,
		next: func() (rdf.Quad, error) {
			t, err := dec.Decode()
			return rdf.Quad{Triple: t}, err
		},
	}, nil
}

// NewNQuadsDecoder returns a decoder of N-Quads (knakk).
func NewNQuadsDecoder(r io.Reader, o DecodeOptions) (Decoder, error) {
	f := newTextFilter(r, o.Name, false)
	in := newGuardedReader(f, true)
	dec := rdf.NewQuadDecoder(in, rdf.NQuads)
	// knakk puts default-graph quads in a blank node "_:defaultGraph",
	// which a real blank node of that label would join; the empty IRI,
	// which its lexer never produces, marks them instead.
	dec.DefaultGraph = rdf.IRI{}
	return &knakkDecoder{in: in, filter: f, name: o.Name, parser: dec, next: dec.Decode}, nil
}
