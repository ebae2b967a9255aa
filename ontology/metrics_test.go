package ontology

import (
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func TestMetrics(t *testing.T) {
	m := Mapper{Base: "https://archive.example.org"}
	if got, want := m.MetricsGraphIRI("co-mention-sentence"), "https://archive.example.org/graph/metrics/co-mention-sentence"; got != want {
		t.Fatalf("graph IRI %s, want %s", got, want)
	}
	mao := "https://archive.example.org/person/mao-zedong"
	peng := "https://archive.example.org/person/peng-zhen"
	quads, err := m.Metrics(NetworkMetrics{
		Projection:  "purge",
		Description: "who purged → who was purged",
		Directed:    true,
		Nodes: []NodeMetrics{
			{Entity: mao, Degree: 2, WeightedDegree: 3, InDegree: 0, OutDegree: 2, Betweenness: 0, Closeness: 0, PageRank: 0.125, Community: 1},
			{Entity: peng, Degree: 1, WeightedDegree: 1, InDegree: 1, Betweenness: 1.5, Closeness: 1, PageRank: 0.3245614035087719, Community: 2},
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	g := NewIRI("https://archive.example.org/graph/metrics/purge")
	// 2 about the graph, 1 comment, 8 per node (degree, in, out, four
	// doubles, community).
	if len(quads) != 3+2*8 {
		t.Errorf("%d quads, want %d", len(quads), 3+2*8)
	}
	for _, q := range quads {
		if q.G != g {
			t.Errorf("quad outside the metrics graph: %s", q)
		}
		if err := q.Check(); err != nil {
			t.Errorf("%s: %v", q, err)
		}
	}
	for _, want := range []Quad{
		{S: g, P: NewIRI(RDFType), O: NewIRI(DossierNetworkAnalysis), G: g},
		{S: NewIRI(mao), P: NewIRI(DossierOutDegree), O: NewTyped("2", XSDInteger), G: g},
		{S: NewIRI(peng), P: NewIRI(DossierPageRank), O: NewTyped("0.3245614035087719", XSDDouble), G: g},
		{S: NewIRI(peng), P: NewIRI(DossierBetweenness), O: NewTyped("1.5", XSDDouble), G: g},
		{S: NewIRI(peng), P: NewIRI(DossierCommunity), O: NewTyped("2", XSDInteger), G: g},
	} {
		found := false
		for _, q := range quads {
			found = found || q == want
		}
		if !found {
			t.Errorf("missing %s", want)
		}
	}

	if rapper, err := exec.LookPath("rapper"); err == nil {
		f := filepath.Join(t.TempDir(), "metrics.nq")
		if err := os.WriteFile(f, nquads(quads), 0o644); err != nil {
			t.Fatal(err)
		}
		if out, err := exec.Command(rapper, "-i", "nquads", "-c", f).CombinedOutput(); err != nil {
			t.Errorf("rapper rejected the metrics: %v\n%s", err, out)
		}
	}

	// Undirected: no in- or out-degree.
	quads, err = m.Metrics(NetworkMetrics{Projection: "co-mention-sentence", Nodes: []NodeMetrics{{Entity: mao}}})
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range quads {
		if q.P.Value == DossierInDegree || q.P.Value == DossierOutDegree {
			t.Errorf("undirected network with %s", q)
		}
	}
}

func TestMetricsErrors(t *testing.T) {
	m := Mapper{}
	for name, nm := range map[string]NetworkMetrics{
		"no name":      {Nodes: []NodeMetrics{{Entity: "https://x.org/a"}}},
		"bad IRI":      {Projection: "p", Nodes: []NodeMetrics{{Entity: "not an iri"}}},
		"twice":        {Projection: "p", Nodes: []NodeMetrics{{Entity: "https://x.org/a"}, {Entity: "https://x.org/a"}}},
		"not a number": {Projection: "p", Nodes: []NodeMetrics{{Entity: "https://x.org/a", Closeness: math.Inf(1)}}},
	} {
		if _, err := m.Metrics(nm); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

// Every term Metrics uses is declared in the ontology file.
func TestMetricsTermsDeclared(t *testing.T) {
	ttl := string(Turtle())
	for _, term := range []string{DossierNetworkAnalysis, DossierProjection, DossierDegree, DossierWeightedDegree,
		DossierInDegree, DossierOutDegree, DossierBetweenness, DossierCloseness, DossierPageRank, DossierCommunity} {
		local := "dossier:" + strings.TrimPrefix(term, Dossier)
		if !strings.Contains(ttl, "\n"+local+"\n") {
			t.Errorf("%s is not declared in dossier.ttl", local)
		}
	}
}
