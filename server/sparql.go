package server

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strings"

	"github.com/dossier-archive/dossier/graph"
	"github.com/dossier-archive/dossier/graph/sparql"
	"github.com/dossier-archive/dossier/ontology"
	"github.com/dossier-archive/dossier/rdfio"
)

// SPARQLEngine parses and runs SPARQL queries. The server's own is
// package graph/sparql on the store; tests may give another.
type SPARQLEngine interface {
	// Parse parses a query. Its error is the client's: a syntax error or a
	// feature outside what the engine supports.
	Parse(text string) (SPARQLQuery, error)
}

// SPARQLQuery is a parsed query.
type SPARQLQuery interface {
	// Form is "SELECT", "ASK", "CONSTRUCT" or "DESCRIBE".
	Form() string
	// Exec runs the query, writing its results to w (Head and Rows, or
	// Boolean, or Triples); it stops with ctx's error when ctx is done.
	Exec(ctx context.Context, w sparql.Writer) error
}

// storeSPARQL is graph/sparql on the store, with Dossier's prefixes known
// and the base IRI of the data as the base of relative IRIs.
type storeSPARQL struct {
	st   *graph.Store
	base string
}

func (e storeSPARQL) Parse(text string) (SPARQLQuery, error) {
	q, err := sparql.ParseWith(text, sparql.Options{Base: e.base, Prefixes: ontology.Prefixes(e.base)})
	if err != nil {
		return nil, err
	}
	return storeQuery{e.st, q}, nil
}

type storeQuery struct {
	st *graph.Store
	q  *sparql.Query
}

func (q storeQuery) Form() string { return q.q.Form.String() }

func (q storeQuery) Exec(ctx context.Context, w sparql.Writer) error {
	return sparql.Exec(ctx, q.st, q.q, w)
}

// maxBuffered is how much of a query's results is held before the first
// byte is sent: an error (a timeout) within it still gets an error status.
// Larger results stream; an error after that cuts the response short.
const maxBuffered = 4 << 20

// maxHTMLRows is the most rows the HTML results page shows.
const maxHTMLRows = 1000

// serveSPARQL is the SPARQL 1.1 Protocol query operation: GET with
// ?query=, POST with an application/x-www-form-urlencoded body holding
// query=, or POST with an application/sparql-query body. The results are
// negotiated by Accept (or ?format=): SELECT and ASK as SPARQL JSON, XML,
// CSV or TSV (JSON unless asked otherwise); CONSTRUCT and DESCRIBE as
// Turtle, JSON-LD, N-Triples or N-Quads (Turtle unless asked otherwise);
// a browser gets an HTML page with the query form.
func (s *Server) serveSPARQL(w http.ResponseWriter, r *http.Request) {
	text, params, status, err := s.sparqlRequest(r)
	if err != nil {
		sparqlError(w, status, err.Error())
		return
	}
	if params.Has("update") {
		sparqlError(w, http.StatusBadRequest, "this endpoint answers queries only: SPARQL Update is not supported")
		return
	}
	if params.Has("default-graph-uri") || params.Has("named-graph-uri") {
		sparqlError(w, http.StatusBadRequest, "default-graph-uri and named-graph-uri are not supported: the default graph is the union of every document's graph, and GRAPH ?g reaches each document's own")
		return
	}
	html := params.Get("format") == "html" || params.Get("format") == "" && wantsHTMLFirst(r)
	if strings.TrimSpace(text) == "" {
		if html {
			s.renderSPARQL(w, http.StatusOK, sparqlPage{Query: defaultQuery()})
			return
		}
		sparqlError(w, http.StatusBadRequest, "no query: give one as ?query=, as a form field query, or as an application/sparql-query body")
		return
	}
	q, err := s.cfg.SPARQL.Parse(text)
	if err != nil {
		if html {
			s.renderSPARQL(w, http.StatusBadRequest, sparqlPage{Query: text, Error: err.Error()})
			return
		}
		sparqlError(w, http.StatusBadRequest, "query: "+err.Error())
		return
	}

	ctx, cancel := context.WithTimeout(r.Context(), s.cfg.QueryTimeout)
	defer cancel()
	release, ok := s.queryTurn(ctx)
	if !ok {
		sparqlError(w, http.StatusServiceUnavailable, "too many queries running; try again later")
		return
	}
	defer release()

	if html {
		s.sparqlHTML(ctx, w, text, q)
		return
	}
	graphForm := q.Form() == "CONSTRUCT" || q.Form() == "DESCRIBE"
	out := &spill{w: w, limit: maxBuffered}
	var rw sparql.Writer
	if graphForm {
		rep, ok := negotiate(r, true)
		if params.Get("format") == "" && !explicitRDF(r) {
			rep.format, ok = rdfio.ByName("turtle")
		}
		if !ok {
			sparqlError(w, http.StatusNotAcceptable, "not acceptable: a "+q.Form()+" answers in an RDF format (text/turtle, application/ld+json, application/n-triples)")
			return
		}
		enc, err := rep.format.NewEncoder(out, rdfio.EncodeOptions{Base: s.base})
		if err != nil {
			sparqlError(w, http.StatusInternalServerError, err.Error())
			return
		}
		out.contentType = rep.format.MediaTypes[0] + "; charset=utf-8"
		if rep.format.Name == "jsonld" {
			out.contentType = rep.format.MediaTypes[0]
		}
		rw = graphResults{enc}
	} else {
		f, ok := chooseResults(r, params.Get("format"))
		if !ok {
			sparqlError(w, http.StatusNotAcceptable, "not acceptable: results are available as "+resultTypes())
			return
		}
		out.contentType = f.types[0]
		if strings.HasPrefix(f.types[0], "text/") {
			out.contentType += "; charset=utf-8"
		}
		rw = f.newWriter(out)
	}
	w.Header().Add("Vary", "Accept")
	err = q.Exec(ctx, rw)
	if err == nil {
		err = rw.Close()
	}
	if err != nil {
		if out.sent {
			// Too late for a status: cut the response so that the client
			// cannot take it for a complete one.
			s.log.Error("sparql: after the results began", "err", err)
			panic(http.ErrAbortHandler)
		}
		status, msg := http.StatusBadRequest, err.Error()
		if ctx.Err() != nil || errors.Is(err, context.DeadlineExceeded) {
			status = http.StatusServiceUnavailable
			msg = fmt.Sprintf("query stopped after %s (the server's time limit): %v", s.cfg.QueryTimeout, err)
		}
		sparqlError(w, status, msg)
		return
	}
	if err := out.finish(); err != nil {
		s.log.Info("sparql: writing results", "err", err)
	}
}

// sparqlRequest reads the query and the other protocol parameters from
// the request; on error it says which status to answer.
func (s *Server) sparqlRequest(r *http.Request) (text string, params url.Values, status int, err error) {
	params = r.URL.Query()
	if int64(len(r.URL.RawQuery)) > s.cfg.MaxQueryBytes {
		return "", nil, http.StatusRequestEntityTooLarge, fmt.Errorf("query too large: the limit is %s", byteSize(s.cfg.MaxQueryBytes))
	}
	if r.Method == http.MethodGet {
		return params.Get("query"), params, 0, nil
	}
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	var tooBig *http.MaxBytesError
	switch mt {
	case "application/x-www-form-urlencoded":
		if err := r.ParseForm(); err != nil {
			if errors.As(err, &tooBig) {
				return "", nil, http.StatusRequestEntityTooLarge, fmt.Errorf("query too large: the limit is %s", byteSize(s.cfg.MaxQueryBytes))
			}
			return "", nil, http.StatusBadRequest, err
		}
		for k, v := range r.PostForm {
			params[k] = v
		}
		return r.PostForm.Get("query"), params, 0, nil
	case "application/sparql-query":
		b, err := io.ReadAll(r.Body)
		if errors.As(err, &tooBig) {
			return "", nil, http.StatusRequestEntityTooLarge, fmt.Errorf("query too large: the limit is %s", byteSize(s.cfg.MaxQueryBytes))
		} else if err != nil {
			return "", nil, http.StatusBadRequest, err
		}
		return string(b), params, 0, nil
	case "application/sparql-update":
		return "", nil, http.StatusBadRequest, errors.New("this endpoint answers queries only: SPARQL Update is not supported")
	}
	return "", nil, http.StatusUnsupportedMediaType, errors.New("POST a query as application/x-www-form-urlencoded (query=...) or as application/sparql-query")
}

// wantsHTMLFirst reports whether the client asks for HTML before any
// results format: a browser.
func wantsHTMLFirst(r *http.Request) bool {
	ranges := parseAccept(r.Header.Get("Accept"))
	h := quality(ranges, htmlTypes)
	if h == 0 || !explicitType(ranges, htmlTypes) {
		return false
	}
	for _, f := range resultFormats {
		if quality(ranges, f.types) > h && explicitType(ranges, f.types) {
			return false
		}
	}
	return true
}

// explicitType reports whether the Accept ranges name one of types
// outright.
func explicitType(ranges []mediaRange, types []string) bool {
	for _, mr := range ranges {
		for _, t := range types {
			if mr.q > 0 && mr.typ+"/"+mr.sub == t {
				return true
			}
		}
	}
	return false
}

// chooseResults picks the results format by ?format= or Accept; JSON when
// anything will do.
func chooseResults(r *http.Request, name string) (resultFormat, bool) {
	if name != "" {
		for _, f := range resultFormats {
			if strings.EqualFold(f.name, name) {
				return f, true
			}
		}
		return resultFormat{}, false
	}
	accept := r.Header.Get("Accept")
	if strings.TrimSpace(accept) == "" {
		return resultFormats[0], true
	}
	ranges := parseAccept(accept)
	best, bestQ := resultFormat{}, 0.0
	for _, f := range resultFormats {
		if q := quality(ranges, f.types); q > bestQ {
			best, bestQ = f, q
		}
	}
	return best, bestQ > 0
}

func resultTypes() string {
	var ts []string
	for _, f := range resultFormats {
		ts = append(ts, f.types[0])
	}
	return strings.Join(ts, ", ")
}

func sparqlError(w http.ResponseWriter, status int, msg string) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	io.WriteString(w, msg+"\n")
}

// spill holds the first limit bytes of a response, so that an error
// within them can still be answered with an error status; past the limit
// it sends the status and streams.
type spill struct {
	w           http.ResponseWriter
	limit       int
	buf         bytes.Buffer
	sent        bool
	contentType string
}

func (s *spill) Write(p []byte) (int, error) {
	if s.sent {
		return s.w.Write(p)
	}
	s.buf.Write(p)
	if s.buf.Len() > s.limit {
		if err := s.flush(); err != nil {
			return 0, err
		}
	}
	return len(p), nil
}

func (s *spill) flush() error {
	s.sent = true
	s.w.Header().Set("Content-Type", s.contentType)
	s.w.WriteHeader(http.StatusOK)
	_, err := s.w.Write(s.buf.Bytes())
	s.buf.Reset()
	return err
}

func (s *spill) finish() error {
	if s.sent {
		return nil
	}
	s.w.Header().Set("Content-Length", fmt.Sprint(s.buf.Len()))
	return s.flush()
}

// --- the HTML form and results ---

type sparqlPage struct {
	Query   string
	Error   string
	Form    string
	Vars    []string
	Rows    [][]cell
	More    bool
	Boolean *bool
	Graph   string
	Links   []link // the same results in the other formats
}

type cell struct {
	Text, Href, Note string
}

// tableResults collects results for the HTML page.
type tableResults struct {
	s    *Server
	p    *sparqlPage
	enc  rdfio.Encoder
	buf  bytes.Buffer
	rows int
}

func (t *tableResults) Head(vars []string) error { t.p.Vars = vars; return nil }

func (t *tableResults) Row(row []ontology.Term) error {
	t.rows++
	if len(t.p.Rows) >= maxHTMLRows {
		t.p.More = true
		return nil
	}
	cells := make([]cell, len(row))
	for i, v := range row {
		cells[i] = t.s.cell(v)
	}
	t.p.Rows = append(t.p.Rows, cells)
	return nil
}

func (t *tableResults) Boolean(b bool) error { t.p.Boolean = &b; return nil }

func (t *tableResults) Triple(q ontology.Quad) error {
	if t.enc == nil {
		enc, err := rdfio.NewTurtleEncoder(&t.buf, rdfio.EncodeOptions{Base: t.s.base})
		if err != nil {
			return err
		}
		t.enc = enc
	}
	if t.buf.Len() > maxBuffered {
		t.p.More = true
		return nil
	}
	return t.enc.Encode(q)
}

func (t *tableResults) Close() error {
	if t.enc != nil {
		if err := t.enc.Close(); err != nil {
			return err
		}
		t.p.Graph = t.buf.String()
	}
	return nil
}

// cell shows a term in a results table: an IRI as a link (to its page
// when it is under the base), a literal with its language or datatype.
func (s *Server) cell(t ontology.Term) cell {
	switch t.Kind {
	case ontology.NoTerm:
		return cell{}
	case ontology.IRI:
		return cell{Text: t.Value, Href: s.archive.href(t.Value)}
	case ontology.Blank:
		return cell{Text: "_:" + t.Value}
	}
	c := cell{Text: t.Value}
	switch {
	case t.Lang != "":
		c.Note = "@" + t.Lang
	case t.Datatype != "":
		c.Note = strings.TrimPrefix(t.Datatype, ontology.XSD)
		if c.Note != t.Datatype {
			c.Note = "xsd:" + c.Note
		}
	}
	return c
}

func (s *Server) sparqlHTML(ctx context.Context, w http.ResponseWriter, text string, q SPARQLQuery) {
	p := sparqlPage{Query: text, Form: q.Form()}
	t := &tableResults{s: s, p: &p}
	err := q.Exec(ctx, t)
	if err == nil {
		err = t.Close()
	}
	status := http.StatusOK
	if err != nil {
		p.Error, status = err.Error(), http.StatusBadRequest
		if ctx.Err() != nil || errors.Is(err, context.DeadlineExceeded) {
			p.Error = fmt.Sprintf("The query was stopped after %s, the server's time limit.", s.cfg.QueryTimeout)
			status = http.StatusServiceUnavailable
		}
		p.Vars, p.Rows, p.Boolean, p.Graph = nil, nil, nil, ""
	}
	v := url.Values{"query": {text}}
	if p.Form == "CONSTRUCT" || p.Form == "DESCRIBE" {
		for _, f := range []string{"turtle", "jsonld", "ntriples"} {
			v.Set("format", f)
			p.Links = append(p.Links, link{Href: "/sparql?" + v.Encode(), Label: formatLabel(f)})
		}
	} else {
		for _, f := range resultFormats {
			v.Set("format", f.name)
			p.Links = append(p.Links, link{Href: "/sparql?" + v.Encode(), Label: strings.ToUpper(f.name)})
		}
	}
	s.renderSPARQL(w, status, p)
}

func (s *Server) renderSPARQL(w http.ResponseWriter, status int, p sparqlPage) {
	if err := s.render(w, status, "sparql", view{Title: "SPARQL", Page: p}); err != nil {
		s.log.Error("sparql page", "err", err)
	}
}

// defaultQuery is the example in an empty form.
func defaultQuery() string {
	return `# Who is named in which document? (prefixes schema:, rdfs:, person: ... are known)
SELECT ?person ?name (COUNT(DISTINCT ?doc) AS ?documents)
WHERE {
  ?doc schema:mentions ?person .
  ?person a schema:Person ; rdfs:label ?name .
}
GROUP BY ?person ?name
ORDER BY DESC(?documents) ?name
LIMIT 25`
}
