// Package rdfio reads and writes RDF (Turtle, N-Triples, N-Quads, JSON-LD,
// RDF/XML) as streams of ontology.Quad, through one registry of formats
// that the CLI and the server look up by name, file extension or HTTP
// media type, so that neither carries a switch statement of its own.
//
// Encoders stream: Encode one quad at a time, Close to flush (Close does
// not close the underlying writer). Decoders stream: Decode until io.EOF,
// then Close. A syntax error is a *ParseError with the line it was found
// on, so that a command can print "file:line: message".
//
// Which library does what:
//
//   - N-Triples and N-Quads are written by this package in canonical form
//     (ontology.Term.AppendNTriples) and read by github.com/knakk/rdf.
//   - Turtle is written by this package (knakk's Turtle encoder writes
//     invalid Turtle; see ../shared/notes/cayley-and-rdf.md §4.2) and read
//     by knakk behind a guard that fixes its two decoder bugs (§4.3):
//     relative IRIs are resolved here by RFC 3986, and explicit blank node
//     labels are kept apart from knakk's generated ones.
//   - JSON-LD is written and read with github.com/piprate/json-gold.
//   - RDF/XML is read (only) by knakk.
package rdfio

import (
	"fmt"
	"io"
	"mime"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/dossier-archive/dossier/ontology"
)

// An Encoder writes quads in one format.
type Encoder interface {
	// Encode writes one quad, or returns why it cannot: an invalid term
	// (ontology.Quad.Check) or a write error. After a write error every
	// call returns that error.
	Encode(ontology.Quad) error
	// Close writes what is buffered and ends the document. It does not
	// close the underlying writer.
	Close() error
}

// A Decoder reads quads in one format.
type Decoder interface {
	// Decode returns the next quad, io.EOF after the last, or an error;
	// syntax errors are *ParseError. After an error every call returns
	// that error.
	Decode() (ontology.Quad, error)
	// Close releases the decoder (knakk's parsers run a goroutine that
	// would otherwise wait forever). It does not close the reader.
	Close() error
}

// EncodeOptions configure an encoder.
type EncodeOptions struct {
	// Base is the base IRI of the data, for the prefixes of Dossier's own
	// resources (doc:, person:, ...); empty means ontology.DefaultBase.
	Base string
	// Prefixes are written after ontology.Prefixes(Base); a name given
	// twice takes the later namespace.
	Prefixes []ontology.Prefix
}

// prefixes returns the prefixes an encoder uses, later names replacing
// earlier ones, in first-appearance order.
func (o EncodeOptions) prefixes() []ontology.Prefix {
	all := append(ontology.Prefixes(o.Base), o.Prefixes...)
	index := map[string]int{}
	var out []ontology.Prefix
	for _, p := range all {
		if i, ok := index[p.Name]; ok {
			out[i] = p
			continue
		}
		index[p.Name] = len(out)
		out = append(out, p)
	}
	return out
}

// DecodeOptions configure a decoder.
type DecodeOptions struct {
	// Name names the input in errors ("authority.ttl").
	Name string
	// Base is the IRI that relative IRIs resolve against (Turtle, RDF/XML,
	// JSON-LD), usually the file's own URL. Without one, a relative IRI is
	// an error.
	Base string
}

// ParseError is a syntax error in RDF input.
type ParseError struct {
	Name string // DecodeOptions.Name; may be empty
	Line int    // 1-based; 0 when the parser did not say
	Msg  string
}

func (e *ParseError) Error() string {
	switch {
	case e.Name != "" && e.Line > 0:
		return fmt.Sprintf("%s:%d: %s", e.Name, e.Line, e.Msg)
	case e.Name != "":
		return e.Name + ": " + e.Msg
	case e.Line > 0:
		return fmt.Sprintf("line %d: %s", e.Line, e.Msg)
	}
	return e.Msg
}

// Format is one RDF serialization.
type Format struct {
	Name       string   // what --format takes: "turtle"
	Title      string   // for help text: "Turtle"
	Extensions []string // lower case, with the dot: ".ttl"
	MediaTypes []string // the first is what a server sends as Content-Type
	// Graphs reports whether the encoder keeps graph labels (N-Quads,
	// JSON-LD). The others write the merged graph.
	Graphs bool
	// Streaming reports whether the encoder writes as it goes; JSON-LD
	// collects everything and writes one document on Close.
	Streaming bool
	// NewEncoder is nil for a format that can only be read.
	NewEncoder func(w io.Writer, o EncodeOptions) (Encoder, error)
	// NewDecoder is nil for a format that can only be written.
	NewDecoder func(r io.Reader, o DecodeOptions) (Decoder, error)
}

// CanEncode reports whether the format can be written.
func (f Format) CanEncode() bool { return f.NewEncoder != nil }

// CanDecode reports whether the format can be read.
func (f Format) CanDecode() bool { return f.NewDecoder != nil }

var registry struct {
	sync.RWMutex
	formats []Format
}

// Register adds a format. It panics when the name is empty or taken, like
// database/sql.Register: registration happens in init, where a clash is a
// programming error.
func Register(f Format) {
	if f.Name == "" {
		panic("rdfio: Register of a format without a name")
	}
	registry.Lock()
	defer registry.Unlock()
	for _, g := range registry.formats {
		if strings.EqualFold(g.Name, f.Name) {
			panic("rdfio: Register called twice for format " + f.Name)
		}
	}
	registry.formats = append(registry.formats, f)
}

// Formats returns the registered formats sorted by name.
func Formats() []Format {
	registry.RLock()
	out := append([]Format(nil), registry.formats...)
	registry.RUnlock()
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// ByName returns the format with this name; an extension without its dot
// ("ttl", "nt", "nq", "owl") is accepted too. Case does not matter.
func ByName(name string) (Format, bool) {
	name = strings.ToLower(strings.TrimSpace(name))
	formats := Formats()
	for _, f := range formats {
		if f.Name == name {
			return f, true
		}
	}
	for _, f := range formats {
		for _, ext := range f.Extensions {
			if ext == "."+name {
				return f, true
			}
		}
	}
	return Format{}, false
}

// ByExtension returns the format of a file by its extension ("graph.ttl").
func ByExtension(path string) (Format, bool) {
	ext := strings.ToLower(filepath.Ext(path))
	if ext == "" {
		return Format{}, false
	}
	for _, f := range Formats() {
		for _, e := range f.Extensions {
			if e == ext {
				return f, true
			}
		}
	}
	return Format{}, false
}

// ByMediaType chooses the format to answer an HTTP Accept header with:
// among the formats that can be written, the one the header prefers
// (quality values, then the header's order, then registration order for
// wildcards such as "text/*" and "*/*"). ok is false when none is
// acceptable.
func ByMediaType(accept string) (Format, bool) {
	return negotiate(accept, Format.CanEncode)
}

// ByContentType returns the format to read a request body with, by its
// Content-Type header ("text/turtle; charset=utf-8").
func ByContentType(contentType string) (Format, bool) {
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		return Format{}, false
	}
	for _, f := range Formats() {
		for _, m := range f.MediaTypes {
			if m == mt && f.CanDecode() {
				return f, true
			}
		}
	}
	return Format{}, false
}

func negotiate(accept string, usable func(Format) bool) (Format, bool) {
	registry.RLock()
	formats := append([]Format(nil), registry.formats...) // registration order
	registry.RUnlock()
	best, bestQ, found := Format{}, 0.0, false
	for _, part := range strings.Split(accept, ",") {
		mt, params, err := mime.ParseMediaType(strings.TrimSpace(part))
		if err != nil {
			continue
		}
		q := 1.0
		if s, ok := params["q"]; ok {
			if v, err := strconv.ParseFloat(s, 64); err == nil {
				q = v
			}
		}
		if q <= 0 || q <= bestQ {
			continue
		}
		for _, f := range formats {
			if usable(f) && matchesMediaType(f, mt) {
				best, bestQ, found = f, q, true
				break
			}
		}
	}
	return best, found
}

func matchesMediaType(f Format, pattern string) bool {
	typ, sub, _ := strings.Cut(pattern, "/")
	for _, m := range f.MediaTypes {
		mtyp, msub, _ := strings.Cut(m, "/")
		if (typ == "*" || typ == mtyp) && (sub == "*" || sub == msub) {
			return true
		}
	}
	return false
}

func init() {
	Register(Format{
		Name: "turtle", Title: "Turtle (merged graph)",
		Extensions: []string{".ttl"}, MediaTypes: []string{"text/turtle", "application/x-turtle"},
		Streaming:  true,
		NewEncoder: NewTurtleEncoder, NewDecoder: NewTurtleDecoder,
	})
	Register(Format{
		Name: "ntriples", Title: "N-Triples (merged graph)",
		Extensions: []string{".nt"}, MediaTypes: []string{"application/n-triples"},
		Streaming:  true,
		NewEncoder: NewNTriplesEncoder, NewDecoder: NewNTriplesDecoder,
	})
	Register(Format{
		Name: "nquads", Title: "N-Quads (one named graph per document)",
		Extensions: []string{".nq"}, MediaTypes: []string{"application/n-quads"},
		Graphs: true, Streaming: true,
		NewEncoder: NewNQuadsEncoder, NewDecoder: NewNQuadsDecoder,
	})
	Register(Format{
		Name: "jsonld", Title: "JSON-LD (named graphs; written on Close)",
		Extensions: []string{".jsonld"}, MediaTypes: []string{"application/ld+json"},
		Graphs:     true,
		NewEncoder: NewJSONLDEncoder, NewDecoder: NewJSONLDDecoder,
	})
	Register(Format{
		Name: "rdfxml", Title: "RDF/XML (read only)",
		Extensions: []string{".rdf", ".owl"}, MediaTypes: []string{"application/rdf+xml"},
		NewDecoder: NewRDFXMLDecoder,
	})
}
