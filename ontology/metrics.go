package ontology

import (
	"errors"
	"fmt"
	"math"
	"strconv"
)

// The terms of network metrics (see Mapper.Metrics).
const (
	DossierNetworkAnalysis = Dossier + "NetworkAnalysis"
	DossierProjection      = Dossier + "projection"
	DossierDegree          = Dossier + "degree"
	DossierWeightedDegree  = Dossier + "weightedDegree"
	DossierInDegree        = Dossier + "inDegree"
	DossierOutDegree       = Dossier + "outDegree"
	DossierBetweenness     = Dossier + "betweenness"
	DossierCloseness       = Dossier + "closeness"
	DossierPageRank        = Dossier + "pagerank"
	DossierCommunity       = Dossier + "community"
	XSDDouble              = XSD + "double"
)

// NetworkMetrics are the measures of one network projection of the
// archive, to be stored beside it.
type NetworkMetrics struct {
	Projection  string // its name: "co-mention-sentence", "purge"
	Description string // what it is and how it was filtered, in words
	Directed    bool   // whether in- and out-degree apply
	Nodes       []NodeMetrics
}

// NodeMetrics are the measures of one person or organization.
type NodeMetrics struct {
	Entity              string // its IRI
	Degree              int
	WeightedDegree      float64
	InDegree, OutDegree int // directed networks only
	Betweenness         float64
	Closeness           float64
	PageRank            float64
	Community           int
}

// MetricsGraphIRI returns the IRI of the graph that holds the metrics of
// one projection: {base}graph/metrics/{projection}.
func (m Mapper) MetricsGraphIRI(projection string) string {
	return NormalizeBase(m.Base) + "graph/metrics/" + PathSegment(projection)
}

// Metrics returns the quads that state nm, all in the graph
// MetricsGraphIRI(nm.Projection), so that replacing that graph replaces a
// projection's metrics and nothing else:
//
//   - the graph itself: a dossier:NetworkAnalysis with dossier:projection
//     (its name) and rdfs:comment (nm.Description);
//   - each node's entity: dossier:degree, inDegree and outDegree (directed
//     networks), community as xsd:integer; dossier:weightedDegree,
//     betweenness, closeness, pagerank as xsd:double.
//
// The values hang on the entities' own IRIs, so a SPARQL query can join
// them with the rest of the archive (GRAPH <…/graph/metrics/purge> { ?p
// dossier:betweenness ?b }). A value that is not a finite number is an
// error.
func (m Mapper) Metrics(nm NetworkMetrics) ([]Quad, error) {
	if nm.Projection == "" {
		return nil, errors.New("network metrics without a projection name")
	}
	base, err := m.base()
	if err != nil {
		return nil, err
	}
	m.Base = base
	g := NewIRI(m.MetricsGraphIRI(nm.Projection))
	quads := []Quad{
		{S: g, P: NewIRI(RDFType), O: NewIRI(DossierNetworkAnalysis), G: g},
		{S: g, P: NewIRI(DossierProjection), O: NewString(nm.Projection), G: g},
	}
	if nm.Description != "" {
		quads = append(quads, Quad{S: g, P: NewIRI(RDFSComment), O: NewString(nm.Description), G: g})
	}
	integer := func(n int) Term { return NewTyped(strconv.Itoa(n), XSDInteger) }
	seen := make(map[string]bool, len(nm.Nodes))
	for _, n := range nm.Nodes {
		if err := CheckIRI(n.Entity); err != nil {
			return nil, fmt.Errorf("network metrics: %w", err)
		}
		if seen[n.Entity] {
			return nil, fmt.Errorf("network metrics: <%s> twice", n.Entity)
		}
		seen[n.Entity] = true
		e := NewIRI(n.Entity)
		add := func(p string, o Term) { quads = append(quads, Quad{S: e, P: NewIRI(p), O: o, G: g}) }
		add(DossierDegree, integer(n.Degree))
		if nm.Directed {
			add(DossierInDegree, integer(n.InDegree))
			add(DossierOutDegree, integer(n.OutDegree))
		}
		for _, v := range []struct {
			p string
			x float64
		}{
			{DossierWeightedDegree, n.WeightedDegree},
			{DossierBetweenness, n.Betweenness},
			{DossierCloseness, n.Closeness},
			{DossierPageRank, n.PageRank},
		} {
			if math.IsNaN(v.x) || math.IsInf(v.x, 0) {
				return nil, fmt.Errorf("network metrics: <%s> %s is %v", n.Entity, v.p, v.x)
			}
			add(v.p, NewTyped(strconv.FormatFloat(v.x, 'g', -1, 64), XSDDouble))
		}
		add(DossierCommunity, integer(n.Community))
	}
	return quads, nil
}
