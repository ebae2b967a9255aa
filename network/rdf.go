package network

import "github.com/dossier-archive/dossier/ontology"

// ForRDF returns the measures of n as ontology.NetworkMetrics, for
// ontology.Mapper.Metrics: one entry per node in IRI order, described by
// description (say what the network is and how it was filtered, and the
// distance its paths used).
func ForRDF(n *Network, m *Measures, description string) ontology.NetworkMetrics {
	out := ontology.NetworkMetrics{
		Projection:  string(n.Projection),
		Description: description,
		Directed:    n.Directed,
		Nodes:       make([]ontology.NodeMetrics, len(n.Nodes)),
	}
	for i, node := range n.Nodes {
		nm := ontology.NodeMetrics{
			Entity:         node.IRI,
			Degree:         int(m.Degree[i]),
			WeightedDegree: m.WeightedDegree[i],
			Betweenness:    m.Betweenness[i],
			Closeness:      m.Closeness[i],
			PageRank:       m.PageRank[i],
			Community:      m.Community[i],
		}
		if n.Directed {
			nm.InDegree, nm.OutDegree = int(m.InDegree[i]), int(m.OutDegree[i])
		}
		out.Nodes[i] = nm
	}
	return out
}

// Describe says what the network is, how it was filtered and how its
// metrics were computed, in one line (for a metrics graph's comment).
func Describe(n *Network, m *Measures, f Filter) string {
	s := string(n.Projection) + ": " + n.Projection.Describe() + "; " + summary(n, m)
	if fs := f.String(); fs != "" {
		s += "; " + fs
	}
	if m != nil {
		s += "; path lengths " + string(m.Options.Distance)
		if m.Options.Distance == Inverse {
			s += " (1/weight)"
		}
	}
	return s
}
