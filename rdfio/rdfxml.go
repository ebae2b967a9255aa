package rdfio

import (
	"bufio"
	"fmt"
	"io"
	"regexp"
	"strconv"

	"github.com/knakk/rdf"

	"github.com/dossier-archive/dossier/ontology"
)

// NewRDFXMLDecoder returns a decoder of RDF/XML (knakk; read only). knakk
// reads it with encoding/xml, which reads byte by byte from an
// io.ByteReader; lineCounter is one, so the line it has reached is the
// line of an error.
func NewRDFXMLDecoder(r io.Reader, o DecodeOptions) (Decoder, error) {
	lc := &lineCounter{r: bufio.NewReader(r), line: 1}
	dec := rdf.NewTripleDecoder(lc, rdf.RDFXML)
	if o.Base != "" {
		base, err := rdf.NewIRI(o.Base)
		if err != nil {
			return nil, fmt.Errorf("rdfxml: base: %w", err)
		}
		if err := dec.SetOption(rdf.Base, base); err != nil {
			return nil, err
		}
	}
	return &rdfxmlDecoder{dec: dec, lc: lc, name: o.Name}, nil
}

type rdfxmlDecoder struct {
	dec  rdf.TripleDecoder
	lc   *lineCounter
	name string
	err  error
}

// xmlLine matches the line encoding/xml puts in its syntax errors.
var xmlLine = regexp.MustCompile(`^XML syntax error on line (\d+): `)

func (d *rdfxmlDecoder) Decode() (ontology.Quad, error) {
	if d.err != nil {
		return ontology.Quad{}, d.err
	}
	t, err := d.safeDecode()
	if err != nil && d.lc.err != nil {
		// The read error cut the document short; what the parser says about
		// the rest is only a consequence.
		d.err = fmt.Errorf("%s: %w", nameOr(d.name), d.lc.err)
		return ontology.Quad{}, d.err
	}
	if err == io.EOF {
		d.err = io.EOF
		return ontology.Quad{}, d.err
	}
	if err != nil {
		msg, line := err.Error(), d.lc.line
		if m := xmlLine.FindStringSubmatch(msg); m != nil {
			line, _ = strconv.Atoi(m[1])
			msg = msg[len(m[0]):]
		}
		d.err = &ParseError{Name: d.name, Line: line, Msg: msg}
		return ontology.Quad{}, d.err
	}
	q, err := fromKnakkQuad(rdf.Quad{Triple: t})
	if err == nil {
		err = q.Check()
	}
	if err == nil {
		err = checkAbsolute(q)
	}
	if err != nil {
		d.err = &ParseError{Name: d.name, Line: d.lc.line, Msg: err.Error()}
		return ontology.Quad{}, d.err
	}
	return q, nil
}

func (d *rdfxmlDecoder) safeDecode() (t rdf.Triple, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("parser failure: %v", r)
		}
	}()
	return d.dec.Decode()
}

func (d *rdfxmlDecoder) Close() error { return nil }

// lineCounter is an io.ByteReader that counts the lines it has read. It
// keeps a read error other than io.EOF, which knakk's RDF/XML parser
// could otherwise take for the end of the document.
type lineCounter struct {
	r    *bufio.Reader
	line int
	err  error
}

func (l *lineCounter) ReadByte() (byte, error) {
	c, err := l.r.ReadByte()
	if err != nil && err != io.EOF && l.err == nil {
		l.err = err
	}
	if err == nil && c == '\n' {
		l.line++
	}
	return c, err
}

func (l *lineCounter) Read(p []byte) (int, error) {
	for i := range p {
		c, err := l.ReadByte()
		if err != nil {
			return i, err
		}
		p[i] = c
	}
	return len(p), nil
}
