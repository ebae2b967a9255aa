package rdfio

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/piprate/json-gold/ld"

	"github.com/dossier-archive/dossier/ontology"
)

// jsonldEncoder collects the dataset and writes it on Close as one
// compacted JSON-LD document (json-gold: fromRdf, then compaction with a
// context of the prefixes). JSON-LD is one JSON value, so this encoder
// holds every quad in memory until Close; use N-Quads to stream large
// exports. Named graphs are kept (as "@graph" of a node named by the graph
// IRI). Lexical forms are kept as they are (no native numbers or
// booleans), so "012"^^xsd:integer comes back as it went in.
type jsonldEncoder struct {
	w        io.Writer
	prefixes []ontology.Prefix
	ds       *ld.RDFDataset
	closed   bool
}

// NewJSONLDEncoder returns a JSON-LD encoder (see jsonldEncoder).
func NewJSONLDEncoder(w io.Writer, o EncodeOptions) (Encoder, error) {
	ps := o.prefixes()
	for _, p := range ps {
		if p.Name == "" || strings.ContainsAny(p.Name, ":@/#") {
			return nil, fmt.Errorf("jsonld: invalid prefix name %q", p.Name)
		}
		if err := ontology.CheckIRI(p.Namespace); err != nil {
			return nil, fmt.Errorf("jsonld: prefix %s: %w", p.Name, err)
		}
	}
	return &jsonldEncoder{w: w, prefixes: ps, ds: ld.NewRDFDataset()}, nil
}

func (e *jsonldEncoder) Encode(q ontology.Quad) error {
	if e.closed {
		return errors.New("jsonld: encoder closed")
	}
	if err := q.Check(); err != nil {
		return err
	}
	graph := "@default"
	switch q.G.Kind {
	case ontology.IRI:
		graph = q.G.Value
	case ontology.Blank:
		graph = "_:" + q.G.Value
	}
	e.ds.Graphs[graph] = append(e.ds.Graphs[graph], ld.NewQuad(toLD(q.S), toLD(q.P), toLD(q.O), graph))
	return nil
}

func toLD(t ontology.Term) ld.Node {
	switch t.Kind {
	case ontology.IRI:
		return ld.NewIRI(t.Value)
	case ontology.Blank:
		return ld.NewBlankNode("_:" + t.Value)
	}
	switch {
	case t.Lang != "":
		return ld.NewLiteral(t.Value, ld.RDFLangString, strings.ToLower(t.Lang))
	case t.Datatype == "":
		return ld.NewLiteral(t.Value, ld.XSDString, "")
	}
	return ld.NewLiteral(t.Value, t.Datatype, "")
}

func (e *jsonldEncoder) Close() error {
	if e.closed {
		return nil
	}
	e.closed = true
	opts := ld.NewJsonLdOptions("")
	opts.UseNativeTypes = false
	opts.UseRdfType = false
	opts.DocumentLoader = noRemoteLoader{}
	expanded, err := ld.NewJsonLdApi().FromRDF(e.ds, opts)
	if err != nil {
		return fmt.Errorf("jsonld: %w", err)
	}
	ctx := map[string]any{}
	for _, p := range e.prefixes {
		ctx[p.Name] = p.Namespace
	}
	doc, err := ld.NewJsonLdProcessor().Compact(expanded, map[string]any{"@context": ctx}, opts)
	if err != nil {
		return fmt.Errorf("jsonld: %w", err)
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("jsonld: %w", err)
	}
	_, err = e.w.Write(buf.Bytes())
	return err
}

// noRemoteLoader refuses to fetch remote contexts: reading a file must not
// reach the network.
type noRemoteLoader struct{}

func (noRemoteLoader) LoadDocument(u string) (*ld.RemoteDocument, error) {
	return nil, fmt.Errorf("remote context %s not loaded (Dossier reads JSON-LD offline)", u)
}

// jsonldDecoder reads a whole JSON-LD document (json-gold toRdf) and then
// returns its quads graph by graph (default graph first, then by name),
// each graph in json-gold's order. Remote contexts are not fetched.
type jsonldDecoder struct {
	quads []ontology.Quad
	err   error
}

// NewJSONLDDecoder returns a JSON-LD decoder. It reads all of r first.
// Syntax errors carry the line of the JSON error; errors of JSON-LD
// processing have no line.
func NewJSONLDDecoder(r io.Reader, o DecodeOptions) (Decoder, error) {
	d := &jsonldDecoder{}
	data, err := io.ReadAll(r)
	if err != nil {
		d.err = fmt.Errorf("%s: %w", nameOr(o.Name), err)
		return d, nil
	}
	var doc any
	if err := json.Unmarshal(data, &doc); err != nil {
		line := 0
		var se *json.SyntaxError
		if errors.As(err, &se) {
			line = 1 + bytes.Count(data[:se.Offset], []byte("\n"))
		}
		d.err = &ParseError{Name: o.Name, Line: line, Msg: err.Error()}
		return d, nil
	}
	opts := ld.NewJsonLdOptions(o.Base)
	opts.DocumentLoader = noRemoteLoader{}
	res, err := ld.NewJsonLdProcessor().ToRDF(doc, opts)
	if err != nil {
		d.err = &ParseError{Name: o.Name, Msg: err.Error()}
		return d, nil
	}
	ds, ok := res.(*ld.RDFDataset)
	if !ok {
		d.err = fmt.Errorf("%s: json-gold returned %T", nameOr(o.Name), res)
		return d, nil
	}
	names := make([]string, 0, len(ds.Graphs))
	for name := range ds.Graphs {
		if name != "@default" {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	for _, name := range append([]string{"@default"}, names...) {
		for _, q := range ds.Graphs[name] {
			oq, err := fromLDQuad(q, name)
			if err == nil {
				err = oq.Check()
			}
			if err != nil {
				d.err = &ParseError{Name: o.Name, Msg: err.Error()}
				return d, nil
			}
			d.quads = append(d.quads, oq)
		}
	}
	return d, nil
}

func nameOr(name string) string {
	if name == "" {
		return "input"
	}
	return name
}

func fromLD(n ld.Node) (ontology.Term, error) {
	switch n := n.(type) {
	case ld.IRI:
		return ontology.NewIRI(n.Value), nil
	case ld.BlankNode:
		return ontology.NewBlank(strings.TrimPrefix(n.Attribute, "_:")), nil
	case ld.Literal:
		if n.Language != "" {
			return ontology.NewLangString(n.Value, n.Language), nil
		}
		return ontology.NewTyped(n.Value, n.Datatype), nil
	}
	return ontology.Term{}, fmt.Errorf("unknown JSON-LD node %T", n)
}

func fromLDQuad(q *ld.Quad, graph string) (ontology.Quad, error) {
	var out ontology.Quad
	var err error
	if out.S, err = fromLD(q.Subject); err != nil {
		return out, err
	}
	if out.P, err = fromLD(q.Predicate); err != nil {
		return out, err
	}
	if out.O, err = fromLD(q.Object); err != nil {
		return out, err
	}
	switch {
	case graph == "@default":
	case strings.HasPrefix(graph, "_:"):
		out.G = ontology.NewBlank(graph[2:])
	default:
		out.G = ontology.NewIRI(graph)
	}
	return out, nil
}

func (d *jsonldDecoder) Decode() (ontology.Quad, error) {
	if len(d.quads) > 0 {
		q := d.quads[0]
		d.quads = d.quads[1:]
		return q, nil
	}
	if d.err != nil {
		return ontology.Quad{}, d.err
	}
	return ontology.Quad{}, io.EOF
}

func (d *jsonldDecoder) Close() error { d.quads = nil; return nil }
