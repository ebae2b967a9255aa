package server

import (
	"context"
	"fmt"
	"mime"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"github.com/dossier-archive/dossier/archive"
	"github.com/dossier-archive/dossier/ontology"
	"github.com/dossier-archive/dossier/rdfio"
)

// iriOf maps a request path to the IRI it names under the base: each
// segment is decoded and encoded again as the Mapper mints segments
// (ontology.PathSegment), so "/person/%C3%87ako" and "/person/Çako" both
// name {base}person/Çako, whatever the base's host and path.
func (s *Server) iriOf(r *http.Request) string {
	segs := strings.Split(strings.TrimPrefix(r.URL.EscapedPath(), "/"), "/")
	for i, seg := range segs {
		if dec, err := url.PathUnescape(seg); err == nil {
			seg = dec
		}
		segs[i] = ontology.PathSegment(seg)
	}
	return s.base + strings.Join(segs, "/")
}

// representation is what a linked-data request asked for: the HTML page
// or an RDF format.
type representation struct {
	html   bool
	format rdfio.Format
}

// htmlTypes are the media types the HTML page answers.
var htmlTypes = []string{"text/html", "application/xhtml+xml"}

// negotiate chooses the representation by the format parameter (a format
// name such as "turtle" or "jsonld", or "html"), else by the Accept header
// (quality values; on a tie HTML, then the formats in registry order); no
// Accept header, or */*, gets HTML. rdfOnly leaves HTML out (a graph
// download). ok is false when nothing acceptable is available.
func negotiate(r *http.Request, rdfOnly bool) (representation, bool) {
	if name := r.URL.Query().Get("format"); name != "" {
		if strings.EqualFold(name, "html") {
			return representation{html: true}, !rdfOnly
		}
		f, ok := rdfio.ByName(name)
		if !ok || !f.CanEncode() {
			return representation{}, false
		}
		return representation{format: f}, true
	}
	accept := r.Header.Get("Accept")
	if strings.TrimSpace(accept) == "" {
		accept = "*/*"
	}
	ranges := parseAccept(accept)
	type candidate struct {
		rep   representation
		types []string
	}
	var cands []candidate
	if !rdfOnly {
		cands = append(cands, candidate{representation{html: true}, htmlTypes})
	}
	for _, f := range rdfFormats() {
		cands = append(cands, candidate{representation{format: f}, f.MediaTypes})
	}
	best, bestQ := representation{}, 0.0
	for _, c := range cands {
		if q := quality(ranges, c.types); q > bestQ {
			best, bestQ = c.rep, q
		}
	}
	return best, bestQ > 0
}

// rdfFormats are the formats a description is served in, the usual
// linked-data formats first: Turtle, JSON-LD, N-Triples, then the rest.
func rdfFormats() []rdfio.Format {
	var out []rdfio.Format
	for _, f := range rdfio.Formats() {
		if f.CanEncode() {
			out = append(out, f)
		}
	}
	rank := map[string]int{"turtle": 0, "jsonld": 1, "ntriples": 2}
	sort.SliceStable(out, func(i, j int) bool {
		ri, ok := rank[out[i].Name]
		if !ok {
			ri = len(rank)
		}
		rj, ok := rank[out[j].Name]
		if !ok {
			rj = len(rank)
		}
		return ri < rj
	})
	return out
}

type mediaRange struct {
	typ, sub string
	q        float64
}

func parseAccept(accept string) []mediaRange {
	var out []mediaRange
	for _, part := range strings.Split(accept, ",") {
		mt, params, err := mime.ParseMediaType(strings.TrimSpace(part))
		if err != nil {
			continue
		}
		q := 1.0
		if v, ok := params["q"]; ok {
			if f, err := strconv.ParseFloat(v, 64); err == nil {
				q = f
			}
		}
		typ, sub, _ := strings.Cut(mt, "/")
		out = append(out, mediaRange{typ, sub, q})
	}
	return out
}

// quality is the q the most specific matching range gives one of types
// (RFC 9110 §12.5.1), 0 when none matches.
func quality(ranges []mediaRange, types []string) float64 {
	best, spec := 0.0, -1
	for _, t := range types {
		typ, sub, _ := strings.Cut(t, "/")
		for _, r := range ranges {
			s := -1
			switch {
			case r.typ == typ && r.sub == sub:
				s = 2
			case r.typ == typ && r.sub == "*":
				s = 1
			case r.typ == "*" && r.sub == "*":
				s = 0
			}
			if s > spec || s == spec && s >= 0 && r.q > best {
				best, spec = r.q, s
			}
		}
	}
	return best
}

// describe returns the description of a resource: every triple with it
// as subject (from every document's graph, each once), and the labels of
// the IRIs it points to (rdfs:label; nif:anchorOf of a text string), so
// that a reader of the description sees names, not only IRIs. ok is false
// when the store says nothing about the resource.
func (s *Server) describe(ctx context.Context, iri string) (triples []ontology.Quad, ok bool, err error) {
	seen := map[ontology.Quad]bool{}
	add := func(q ontology.Quad) {
		q.G = ontology.Term{}
		if !seen[q] {
			seen[q] = true
			triples = append(triples, q)
		}
	}
	subject := ontology.NewIRI(iri)
	err = s.cfg.Store.Match(ctx, subject, ontology.Term{}, ontology.Term{}, ontology.Term{}, func(q ontology.Quad) error {
		add(q)
		return nil
	})
	if err != nil || len(triples) == 0 {
		return nil, false, err
	}
	sortTriples(triples)
	var objects []string
	seenObj := map[string]bool{}
	for _, q := range triples {
		if q.O.Kind == ontology.IRI && q.P.Value != ontology.RDFType && q.O.Value != iri && !seenObj[q.O.Value] {
			seenObj[q.O.Value] = true
			objects = append(objects, q.O.Value)
		}
	}
	n := len(triples)
	for _, o := range objects {
		for _, p := range []string{ontology.RDFSLabel, ontology.NIFAnchorOf} {
			err := s.cfg.Store.Match(ctx, ontology.NewIRI(o), ontology.NewIRI(p), ontology.Term{}, ontology.Term{}, func(q ontology.Quad) error {
				add(q)
				return nil
			})
			if err != nil {
				return nil, false, err
			}
		}
	}
	sortTriples(triples[n:])
	return triples, true, nil
}

// sortTriples orders triples by subject, then predicate (rdf:type first),
// then object, so that a description reads the same every time.
func sortTriples(ts []ontology.Quad) {
	key := func(t ontology.Term) string {
		if t.Value == ontology.RDFType {
			return ""
		}
		return t.Value
	}
	sort.SliceStable(ts, func(i, j int) bool {
		a, b := ts[i], ts[j]
		if a.S != b.S {
			return a.S.Value < b.S.Value
		}
		if a.P != b.P {
			return key(a.P) < key(b.P)
		}
		return a.O.String() < b.O.String()
	})
}

// writeRDF writes quads in format f as the response.
func (s *Server) writeRDF(w http.ResponseWriter, f rdfio.Format, quads []ontology.Quad) {
	ct := f.MediaTypes[0]
	if strings.HasPrefix(ct, "text/") || ct == "application/n-triples" || ct == "application/n-quads" {
		ct += "; charset=utf-8"
	}
	w.Header().Set("Content-Type", ct)
	enc, err := f.NewEncoder(w, rdfio.EncodeOptions{Base: s.base})
	if err != nil {
		s.log.Error("rdf encoder", "format", f.Name, "err", err)
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	for _, q := range quads {
		if err := enc.Encode(q); err != nil {
			s.log.Error("rdf encode", "format", f.Name, "quad", q.String(), "err", err)
			return
		}
	}
	if err := enc.Close(); err != nil {
		s.log.Error("rdf encode", "format", f.Name, "err", err)
	}
}

// serveDescription answers a linked-data request for a resource in an
// RDF format (the HTML page is the caller's).
func (s *Server) serveDescription(w http.ResponseWriter, r *http.Request, iri string, f rdfio.Format) error {
	triples, ok, err := s.describe(r.Context(), iri)
	if err != nil {
		return err
	}
	if !ok {
		return errNotFound
	}
	s.writeRDF(w, f, triples)
	return nil
}

// notAcceptable lists what the resource can be had as.
func notAcceptable(w http.ResponseWriter, rdfOnly bool) {
	var types []string
	if !rdfOnly {
		types = append(types, htmlTypes...)
	}
	for _, f := range rdfFormats() {
		types = append(types, f.MediaTypes[0])
	}
	http.Error(w, fmt.Sprintf("not acceptable: this resource is available as %s", strings.Join(types, ", ")), http.StatusNotAcceptable)
}

// serveGraph sends a document's whole named graph: everything the
// document says, every mention included, in an RDF format (Turtle unless
// asked otherwise).
func (s *Server) serveGraph(w http.ResponseWriter, r *http.Request) error {
	w.Header().Add("Vary", "Accept")
	rep, ok := negotiate(r, true)
	if r.URL.Query().Get("format") == "" && (r.Header.Get("Accept") == "" || quality(parseAccept(r.Header.Get("Accept")), []string{"text/turtle"}) > 0 && !explicitRDF(r)) {
		rep.format, ok = rdfio.ByName("turtle")
	}
	if !ok {
		notAcceptable(w, true)
		return nil
	}
	g := s.base + "document/" + ontology.PathSegment(r.PathValue("id"))
	var quads []ontology.Quad
	err := s.cfg.Store.Match(r.Context(), ontology.Term{}, ontology.Term{}, ontology.Term{}, ontology.NewIRI(g), func(q ontology.Quad) error {
		quads = append(quads, q)
		return nil
	})
	if err != nil {
		return err
	}
	if len(quads) == 0 {
		return errNotFound
	}
	sort.SliceStable(quads, func(i, j int) bool { return quads[i].S.Value < quads[j].S.Value })
	w.Header().Set("Content-Disposition", fmt.Sprintf("inline; filename=%q", archive.LastSegment(g)+firstExt(rep.format)))
	s.writeRDF(w, rep.format, quads)
	return nil
}

// explicitRDF reports whether the Accept header names an RDF media type
// outright (not only through a wildcard).
func explicitRDF(r *http.Request) bool {
	for _, mr := range parseAccept(r.Header.Get("Accept")) {
		if mr.typ == "*" || mr.sub == "*" {
			continue
		}
		for _, f := range rdfFormats() {
			for _, t := range f.MediaTypes {
				if t == mr.typ+"/"+mr.sub && mr.q > 0 {
					return true
				}
			}
		}
	}
	return false
}

func firstExt(f rdfio.Format) string {
	if len(f.Extensions) > 0 {
		return f.Extensions[0]
	}
	return ""
}
