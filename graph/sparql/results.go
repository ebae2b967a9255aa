package sparql

import (
	"bufio"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/dossier-archive/dossier/ontology"
)

// ResultFormat is a SPARQL 1.1 results serialization (or the terminal
// table).
type ResultFormat struct {
	Name      string // what --format takes
	MediaType string // what a server sends as Content-Type
	// New returns a writer of this format; prefixes shorten IRIs where the
	// format allows it (only the table does).
	New func(w io.Writer, prefixes []ontology.Prefix) Writer
}

// ResultFormats lists the result formats.
var ResultFormats = []ResultFormat{
	{Name: "json", MediaType: "application/sparql-results+json", New: func(w io.Writer, _ []ontology.Prefix) Writer { return newJSONWriter(w) }},
	{Name: "xml", MediaType: "application/sparql-results+xml", New: func(w io.Writer, _ []ontology.Prefix) Writer { return newXMLWriter(w) }},
	{Name: "csv", MediaType: "text/csv", New: func(w io.Writer, _ []ontology.Prefix) Writer { return newCSVWriter(w) }},
	{Name: "tsv", MediaType: "text/tab-separated-values", New: func(w io.Writer, _ []ontology.Prefix) Writer { return newTSVWriter(w) }},
	{Name: "table", MediaType: "text/plain", New: func(w io.Writer, p []ontology.Prefix) Writer { return newTableWriter(w, p) }},
}

// ResultFormatByName looks a result format up by name (case does not
// matter).
func ResultFormatByName(name string) (ResultFormat, bool) {
	for _, f := range ResultFormats {
		if strings.EqualFold(f.Name, name) {
			return f, true
		}
	}
	return ResultFormat{}, false
}

var errNotGraph = errors.New("this result format writes SELECT and ASK results, not graphs (CONSTRUCT, DESCRIBE): choose an RDF format")

// resultBase implements Triple for the result formats: they hold no graphs.
type resultBase struct{}

func (resultBase) Triple(ontology.Quad) error { return errNotGraph }

// --- JSON (SPARQL 1.1 Query Results JSON Format) ---

type jsonWriter struct {
	resultBase
	w     *bufio.Writer
	vars  []string
	rows  int
	state int // 0 nothing written, 1 head written, 2 boolean written
}

func newJSONWriter(w io.Writer) *jsonWriter { return &jsonWriter{w: bufio.NewWriter(w)} }

func jsonString(s string) []byte {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s)
	return []byte(strings.TrimSuffix(b.String(), "\n"))
}

func (j *jsonWriter) Head(vars []string) error {
	j.vars = vars
	j.state = 1
	j.w.WriteString(`{"head":{"vars":[`)
	for i, v := range vars {
		if i > 0 {
			j.w.WriteByte(',')
		}
		j.w.Write(jsonString(v))
	}
	j.w.WriteString("]},\"results\":{\"bindings\":[")
	return nil
}

func (j *jsonWriter) Row(row []ontology.Term) error {
	if j.rows > 0 {
		j.w.WriteByte(',')
	}
	j.rows++
	j.w.WriteString("\n{")
	n := 0
	for i, t := range row {
		if t.IsZero() {
			continue
		}
		if n > 0 {
			j.w.WriteByte(',')
		}
		n++
		j.w.Write(jsonString(j.vars[i]))
		j.w.WriteString(`:{"type":`)
		switch t.Kind {
		case ontology.IRI:
			j.w.WriteString(`"uri"`)
		case ontology.Blank:
			j.w.WriteString(`"bnode"`)
		default:
			j.w.WriteString(`"literal"`)
		}
		j.w.WriteString(`,"value":`)
		j.w.Write(jsonString(t.Value))
		if t.Lang != "" {
			j.w.WriteString(`,"xml:lang":`)
			j.w.Write(jsonString(t.Lang))
		} else if t.Kind == ontology.Literal && t.Datatype != "" {
			j.w.WriteString(`,"datatype":`)
			j.w.Write(jsonString(t.Datatype))
		}
		j.w.WriteByte('}')
	}
	j.w.WriteByte('}')
	return nil
}

func (j *jsonWriter) Boolean(b bool) error {
	j.state = 2
	fmt.Fprintf(j.w, "{\"head\":{},\"boolean\":%t}\n", b)
	return nil
}

func (j *jsonWriter) Close() error {
	if j.state == 1 {
		j.w.WriteString("\n]}}\n")
	}
	return j.w.Flush()
}

// --- XML (SPARQL Query Results XML Format) ---

type xmlWriter struct {
	resultBase
	w     *bufio.Writer
	vars  []string
	state int
}

func newXMLWriter(w io.Writer) *xmlWriter { return &xmlWriter{w: bufio.NewWriter(w)} }

func (x *xmlWriter) text(s string) { _ = xml.EscapeText(x.w, []byte(s)) }

func (x *xmlWriter) attr(s string) {
	x.w.WriteByte('"')
	_ = xml.EscapeText(x.w, []byte(s))
	x.w.WriteByte('"')
}

const xmlHeader = `<?xml version="1.0"?>` + "\n" + `<sparql xmlns="http://www.w3.org/2005/sparql-results#">` + "\n"

func (x *xmlWriter) Head(vars []string) error {
	x.vars = vars
	x.state = 1
	x.w.WriteString(xmlHeader + "<head>\n")
	for _, v := range vars {
		x.w.WriteString("<variable name=")
		x.attr(v)
		x.w.WriteString("/>\n")
	}
	x.w.WriteString("</head>\n<results>\n")
	return nil
}

func (x *xmlWriter) Row(row []ontology.Term) error {
	x.w.WriteString("<result>")
	for i, t := range row {
		if t.IsZero() {
			continue
		}
		x.w.WriteString("<binding name=")
		x.attr(x.vars[i])
		x.w.WriteString(">")
		switch t.Kind {
		case ontology.IRI:
			x.w.WriteString("<uri>")
			x.text(t.Value)
			x.w.WriteString("</uri>")
		case ontology.Blank:
			x.w.WriteString("<bnode>")
			x.text(t.Value)
			x.w.WriteString("</bnode>")
		default:
			x.w.WriteString("<literal")
			if t.Lang != "" {
				x.w.WriteString(" xml:lang=")
				x.attr(t.Lang)
			} else if t.Datatype != "" {
				x.w.WriteString(" datatype=")
				x.attr(t.Datatype)
			}
			x.w.WriteString(">")
			x.text(t.Value)
			x.w.WriteString("</literal>")
		}
		x.w.WriteString("</binding>")
	}
	x.w.WriteString("</result>\n")
	return nil
}

func (x *xmlWriter) Boolean(b bool) error {
	x.state = 2
	fmt.Fprintf(x.w, "%s<head/>\n<boolean>%t</boolean>\n</sparql>\n", xmlHeader, b)
	return nil
}

func (x *xmlWriter) Close() error {
	if x.state == 1 {
		x.w.WriteString("</results>\n</sparql>\n")
	}
	return x.w.Flush()
}

// --- CSV and TSV (SPARQL 1.1 Query Results CSV and TSV Formats) ---

type csvWriter struct {
	resultBase
	w *bufio.Writer
}

func newCSVWriter(w io.Writer) *csvWriter { return &csvWriter{w: bufio.NewWriter(w)} }

func (c *csvWriter) field(s string) {
	if strings.ContainsAny(s, "\",\r\n") {
		c.w.WriteByte('"')
		c.w.WriteString(strings.ReplaceAll(s, `"`, `""`))
		c.w.WriteByte('"')
		return
	}
	c.w.WriteString(s)
}

func (c *csvWriter) Head(vars []string) error {
	for i, v := range vars {
		if i > 0 {
			c.w.WriteByte(',')
		}
		c.field(v)
	}
	c.w.WriteString("\r\n")
	return nil
}

// Row writes IRIs and literals by their text alone (the CSV format drops
// datatypes and language tags) and blank nodes as _:label.
func (c *csvWriter) Row(row []ontology.Term) error {
	for i, t := range row {
		if i > 0 {
			c.w.WriteByte(',')
		}
		switch t.Kind {
		case ontology.NoTerm:
		case ontology.Blank:
			c.field("_:" + t.Value)
		default:
			c.field(t.Value)
		}
	}
	c.w.WriteString("\r\n")
	return nil
}

func (c *csvWriter) Boolean(b bool) error {
	fmt.Fprintf(c.w, "%t\r\n", b)
	return nil
}

func (c *csvWriter) Close() error { return c.w.Flush() }

type tsvWriter struct {
	resultBase
	w *bufio.Writer
}

func newTSVWriter(w io.Writer) *tsvWriter { return &tsvWriter{w: bufio.NewWriter(w)} }

func (t *tsvWriter) Head(vars []string) error {
	for i, v := range vars {
		if i > 0 {
			t.w.WriteByte('\t')
		}
		t.w.WriteString("?" + v)
	}
	t.w.WriteByte('\n')
	return nil
}

func (t *tsvWriter) Row(row []ontology.Term) error {
	var b []byte
	for i, term := range row {
		if i > 0 {
			b = append(b, '\t')
		}
		b = AppendTSV(b, term)
	}
	b = append(b, '\n')
	_, err := t.w.Write(b)
	return err
}

func (t *tsvWriter) Boolean(b bool) error {
	fmt.Fprintf(t.w, "%t\n", b)
	return nil
}

func (t *tsvWriter) Close() error { return t.w.Flush() }

var (
	turtleInteger = regexp.MustCompile(`^[+-]?[0-9]+$`)
	turtleDecimal = regexp.MustCompile(`^[+-]?[0-9]*\.[0-9]+$`)
	turtleDouble  = regexp.MustCompile(`^[+-]?([0-9]+\.[0-9]*|\.?[0-9]+)[eE][+-]?[0-9]+$`)
)

// AppendTSV appends a term as the TSV results format writes it: Turtle
// syntax, with integers, decimals, doubles and booleans in their short
// form when their lexical form allows it; nothing for an unbound value.
func AppendTSV(b []byte, t ontology.Term) []byte {
	if t.Kind == ontology.Literal && t.Lang == "" {
		short := false
		switch t.Datatype {
		case xsd + "integer":
			short = turtleInteger.MatchString(t.Value)
		case xsd + "decimal":
			short = turtleDecimal.MatchString(t.Value)
		case xsd + "double":
			short = turtleDouble.MatchString(t.Value)
		case xsd + "boolean":
			short = t.Value == "true" || t.Value == "false"
		}
		if short {
			return append(b, t.Value...)
		}
	}
	return t.AppendNTriples(b)
}

// --- the terminal table ---

type tableWriter struct {
	resultBase
	w        io.Writer
	prefixes []ontology.Prefix
	vars     []string
	rows     [][]string
	boolean  *bool
}

// cellWidth is the most characters a table cell shows; longer values
// (whole document texts) are cut with an ellipsis.
const cellWidth = 60

func newTableWriter(w io.Writer, prefixes []ontology.Prefix) *tableWriter {
	p := append([]ontology.Prefix(nil), prefixes...)
	// longest namespace first, so the most specific prefix wins
	sort.SliceStable(p, func(i, j int) bool { return len(p[i].Namespace) > len(p[j].Namespace) })
	return &tableWriter{w: w, prefixes: p}
}

func (t *tableWriter) Head(vars []string) error {
	t.vars = vars
	return nil
}

func (t *tableWriter) Row(row []ontology.Term) error {
	cells := make([]string, len(row))
	for i, term := range row {
		cells[i] = t.cell(term)
	}
	t.rows = append(t.rows, cells)
	return nil
}

func (t *tableWriter) cell(term ontology.Term) string {
	var s string
	switch term.Kind {
	case ontology.NoTerm:
		return ""
	case ontology.IRI:
		s = "<" + term.Value + ">"
		if pn, ok := t.compact(term.Value); ok {
			s = pn
		}
	case ontology.Literal:
		s = string(AppendTSV(nil, term))
		if term.Lang == "" && term.Datatype != "" && strings.HasSuffix(s, ">") {
			if pn, ok := t.compact(term.Datatype); ok {
				s = s[:strings.LastIndex(s, "^^<")] + "^^" + pn
			}
		}
	default:
		s = string(term.AppendNTriples(nil))
	}
	if utf8.RuneCountInString(s) > cellWidth {
		r := []rune(s)
		s = string(r[:cellWidth-1]) + "…"
	}
	return s
}

// compact writes an IRI as a prefixed name when a prefix fits.
func (t *tableWriter) compact(iri string) (string, bool) {
	for _, p := range t.prefixes {
		if local, ok := strings.CutPrefix(iri, p.Namespace); ok && plainLocal(local) {
			return p.Name + ":" + local, true
		}
	}
	return "", false
}

// plainLocal reports whether a local name can be written after a prefix
// without escapes.
func plainLocal(s string) bool {
	if s == "" {
		return true
	}
	for i, r := range s {
		if !(ontology.IsPNChars(r) || r == '.' && i > 0 && i < len(s)-1) {
			return false
		}
	}
	return true
}

func (t *tableWriter) Boolean(b bool) error {
	t.boolean = &b
	return nil
}

func (t *tableWriter) Close() error {
	bw := bufio.NewWriter(t.w)
	if t.boolean != nil {
		fmt.Fprintf(bw, "%t\n", *t.boolean)
		return bw.Flush()
	}
	widths := make([]int, len(t.vars))
	for i, v := range t.vars {
		widths[i] = utf8.RuneCountInString(v) + 1
	}
	for _, r := range t.rows {
		for i, c := range r {
			widths[i] = max(widths[i], utf8.RuneCountInString(c))
		}
	}
	line := func(cells []string) {
		for i, c := range cells {
			if i > 0 {
				bw.WriteString(" | ")
			}
			bw.WriteString(c)
			if i < len(cells)-1 {
				bw.WriteString(strings.Repeat(" ", widths[i]-utf8.RuneCountInString(c)))
			}
		}
		bw.WriteByte('\n')
	}
	head := make([]string, len(t.vars))
	for i, v := range t.vars {
		head[i] = "?" + v
	}
	line(head)
	rule := make([]string, len(t.vars))
	for i := range rule {
		rule[i] = strings.Repeat("-", widths[i])
	}
	bw.WriteString(strings.Join(rule, "-+-") + "\n")
	for _, r := range t.rows {
		line(r)
	}
	switch len(t.rows) {
	case 1:
		bw.WriteString("(1 row)\n")
	default:
		fmt.Fprintf(bw, "(%d rows)\n", len(t.rows))
	}
	return bw.Flush()
}

// --- graphs ---

// QuadEncoder writes quads (rdfio's encoders are one).
type QuadEncoder interface {
	Encode(ontology.Quad) error
	Close() error
}

type graphWriter struct{ enc QuadEncoder }

// GraphWriter writes the triples of CONSTRUCT and DESCRIBE to an RDF
// encoder; SELECT and ASK results are an error.
func GraphWriter(enc QuadEncoder) Writer { return graphWriter{enc: enc} }

var errNotResults = errors.New("an RDF format writes the graphs of CONSTRUCT and DESCRIBE, not SELECT or ASK results: choose a result format (table, json, xml, csv, tsv)")

func (g graphWriter) Head([]string) error          { return errNotResults }
func (g graphWriter) Row([]ontology.Term) error    { return errNotResults }
func (g graphWriter) Boolean(bool) error           { return errNotResults }
func (g graphWriter) Triple(t ontology.Quad) error { return g.enc.Encode(t) }
func (g graphWriter) Close() error                 { return g.enc.Close() }
