// Package bench holds Dossier's end-to-end benchmarks, the figures a user
// cares about (load rates, query latencies at a million quads), and the
// data they run on: the graphs of generated documents (corpus/synthetic)
// extracted and mapped exactly as `dossier build` does, which
// scripts/bench.sh also writes as N-Quads for Oxigraph to load beside
// Dossier. Run the benchmarks with
//
//	go test ./bench -run '^$' -bench . -benchtime 1x
//
// and the whole comparison, one table, with scripts/bench.sh.
package bench

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"slices"
	"strconv"

	"github.com/dossier-archive/dossier/corpus/synthetic"
	"github.com/dossier-archive/dossier/extract"
	"github.com/dossier-archive/dossier/ontology"
)

// Doc is one document's graph, as the builder loads it.
type Doc struct {
	Graph ontology.Term
	Quads []ontology.Quad
}

// Seed is the seed of the benchmarks' archive.
const Seed = 1

// Dataset extracts generated documents 0, 1, 2, … until their graphs hold
// at least n quads, and returns them with the total.
func Dataset(n int) ([]Doc, int, error) {
	g, err := synthetic.New(Seed, 10000)
	if err != nil {
		return nil, 0, err
	}
	x, err := extract.New()
	if err != nil {
		return nil, 0, err
	}
	m := ontology.Mapper{}
	var docs []Doc
	total := 0
	for i := 0; total < n; i++ {
		d := g.Document(i)
		doc, err := x.Extract(d.Name, d.Text)
		if err != nil {
			return nil, 0, err
		}
		sum := sha256.Sum256(d.Text)
		qs, err := m.Quads(doc, hex.EncodeToString(sum[:]))
		if err != nil {
			return nil, 0, fmt.Errorf("%s: %w", d.Name, err)
		}
		docs = append(docs, Doc{ontology.NewIRI(m.DocumentIRI(doc.Meta.ID)), qs})
		total += len(qs)
	}
	return docs, total, nil
}

// WriteNQuads writes the documents' quads as N-Quads, each quad in its
// document's graph, one line each.
func WriteNQuads(w io.Writer, docs []Doc) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	var line []byte
	for _, d := range docs {
		for _, q := range d.Quads {
			if q.G.IsZero() {
				q.G = d.Graph
			}
			line = line[:0]
			for _, t := range [4]ontology.Term{q.S, q.P, q.O, q.G} {
				line = t.AppendNTriples(line)
				line = append(line, ' ')
			}
			line = append(line, ".\n"...)
			if _, err := bw.Write(line); err != nil {
				return err
			}
		}
	}
	return bw.Flush()
}

// Person is someone the queries ask about.
type Person struct {
	IRI, Label string
	Documents  int // documents that mention them
}

// People picks n people named in the documents, from the most mentioned
// to the rarely mentioned at even steps of rank, so that the latencies
// cover central figures and the tail alike.
func People(docs []Doc, n int) []Person {
	rdfType := ontology.RDF + "type"
	label := ontology.RDFS + "label"
	mentions := ontology.Schema + "mentions"
	isPerson := map[string]bool{}
	labels := map[string]string{}
	count := map[string]int{}
	for _, d := range docs {
		for _, q := range d.Quads {
			switch {
			case q.P.Value == rdfType && q.O.Value == ontology.Schema+"Person":
				isPerson[q.S.Value] = true
			case q.P.Value == label && q.O.Kind == ontology.Literal:
				if l, ok := labels[q.S.Value]; !ok || q.O.Value < l {
					labels[q.S.Value] = q.O.Value
				}
			case q.P.Value == mentions:
				count[q.O.Value]++
			}
		}
	}
	var all []Person
	for iri := range isPerson {
		if l, ok := labels[iri]; ok && count[iri] > 0 {
			all = append(all, Person{iri, l, count[iri]})
		}
	}
	slices.SortFunc(all, func(a, b Person) int {
		if a.Documents != b.Documents {
			return b.Documents - a.Documents
		}
		if a.IRI < b.IRI {
			return -1
		}
		return 1
	})
	if len(all) <= n {
		return all
	}
	out := make([]Person, n)
	for i := range out {
		out[i] = all[i*(len(all)-1)/(n-1)]
	}
	return out
}

// SparqlPerson, SparqlTwoHop and SparqlJoin are the SPARQL forms of the
// benchmark's questions: what scripts/bench/oxigraph.js sends to Oxigraph,
// and (the join) what Dossier's own SPARQL engine answers.
func SparqlPerson(label string) string {
	return fmt.Sprintf(`SELECT DISTINCT ?p WHERE { ?p <%slabel> %s ; a <%sPerson> }`, ontology.RDFS, strconv.Quote(label), ontology.Schema)
}

func SparqlTwoHop(iri string) string {
	return fmt.Sprintf(`SELECT DISTINCT ?t WHERE { ?d <%smentions> <%s> . ?d <%stitle> ?t }`, ontology.Schema, iri, ontology.DCTerms)
}

func SparqlJoin(iri string) string {
	return fmt.Sprintf(`SELECT DISTINCT ?name WHERE {
  ?d <%[1]smentions> <%[2]s> ; <%[1]smentions> ?q ; <%[3]sdate> ?date .
  ?q a <%[1]sPerson> ; <%[4]slabel> ?name .
  FILTER(?q != <%[2]s> && STR(?date) >= "1960" && STR(?date) < "1975")
}`, ontology.Schema, iri, ontology.DCTerms, ontology.RDFS)
}
