package server

import (
	"errors"
	"io"

	"github.com/dossier-archive/dossier/graph/sparql"
	"github.com/dossier-archive/dossier/ontology"
	"github.com/dossier-archive/dossier/rdfio"
)

// resultFormat is one SPARQL 1.1 query results format, written by
// graph/sparql.
type resultFormat struct {
	name      string   // what ?format= takes
	types     []string // media types; the first is sent
	newWriter func(w io.Writer) sparql.Writer
}

// resultAliases are media types clients send for a results format
// besides its own.
var resultAliases = map[string][]string{
	"json": {"application/json"},
	"xml":  {"application/xml", "text/xml"},
}

// resultFormats are the formats of SELECT and ASK results, the default
// (JSON) first; the terminal table is not served.
var resultFormats = func() []resultFormat {
	var out []resultFormat
	for _, f := range sparql.ResultFormats {
		if f.Name == "table" {
			continue
		}
		newWriter := f.New
		out = append(out, resultFormat{
			name:      f.Name,
			types:     append([]string{f.MediaType}, resultAliases[f.Name]...),
			newWriter: func(w io.Writer) sparql.Writer { return newWriter(w, nil) },
		})
	}
	return out
}()

// --- CONSTRUCT and DESCRIBE: RDF ---

// graphResults writes the triples of a CONSTRUCT or DESCRIBE in an RDF
// format.
type graphResults struct{ enc rdfio.Encoder }

func (g graphResults) Head([]string) error { return errors.New("an RDF format cannot hold a table") }
func (g graphResults) Row([]ontology.Term) error {
	return errors.New("an RDF format cannot hold a table")
}
func (g graphResults) Boolean(bool) error {
	return errors.New("an RDF format cannot hold an ASK answer")
}
func (g graphResults) Triple(q ontology.Quad) error { return g.enc.Encode(q) }
func (g graphResults) Close() error                 { return g.enc.Close() }
