package network

import (
	"fmt"
	"math"
	"math/rand/v2"
	"sort"
	"strings"

	"gonum.org/v1/gonum/graph"
	"gonum.org/v1/gonum/graph/community"
	gnetwork "gonum.org/v1/gonum/graph/network"
	"gonum.org/v1/gonum/graph/path"
)

// Metric names a measure of a node.
type Metric string

// The metrics.
const (
	MetricDegree         Metric = "degree"
	MetricWeightedDegree Metric = "weighted-degree"
	MetricInDegree       Metric = "in-degree"
	MetricOutDegree      Metric = "out-degree"
	MetricBetweenness    Metric = "betweenness"
	MetricCloseness      Metric = "closeness"
	MetricPageRank       Metric = "pagerank"
	MetricCommunity      Metric = "community"
)

// Metrics lists the metrics in the order tables and exports show them.
var Metrics = []Metric{
	MetricDegree, MetricWeightedDegree, MetricInDegree, MetricOutDegree,
	MetricBetweenness, MetricCloseness, MetricPageRank, MetricCommunity,
}

// ParseMetric reads a metric's name.
func ParseMetric(s string) (Metric, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	for _, m := range Metrics {
		if string(m) == s {
			return m, nil
		}
	}
	names := make([]string, len(Metrics))
	for i, m := range Metrics {
		names[i] = string(m)
	}
	return "", fmt.Errorf("unknown metric %q (want %s)", s, strings.Join(names, ", "))
}

// Distance says how an edge's weight becomes a length for the path-based
// metrics (betweenness, closeness).
type Distance string

const (
	// Inverse makes an edge of weight w as long as 1/w: two people named
	// together in ten sentences are closer than two named together once,
	// so shortest paths run along strong ties. This is the default.
	Inverse Distance = "inverse"
	// Hops makes every edge as long as every other: paths count steps.
	Hops Distance = "hops"
)

// Options tune Measure.
type Options struct {
	Distance Distance // "" is Inverse
	// Damping is PageRank's damping factor; 0 means 0.85.
	Damping float64
	// Seed seeds Louvain's random order, so that the same network gets the
	// same communities.
	Seed uint64
	// Resolution is the modularity resolution γ; 0 means 1 (larger finds
	// smaller communities).
	Resolution float64
}

// Measures holds every metric of every node, indexed like Network.Nodes.
type Measures struct {
	Degree         []float64
	WeightedDegree []float64
	InDegree       []float64 // directed networks only (else nil)
	OutDegree      []float64
	Betweenness    []float64
	Closeness      []float64
	PageRank       []float64
	Community      []int // from 1, the largest community first
	Communities    int   // how many
	Options        Options

	sizes []int // members per community, by number; see communitySize
}

// Measure computes every metric of n.
func Measure(n *Network, o Options) *Measures {
	if o.Distance == "" {
		o.Distance = Inverse
	}
	m := &Measures{Options: o}
	m.Degree, m.WeightedDegree = Degree(n), WeightedDegree(n)
	if n.Directed {
		m.InDegree, m.OutDegree = InDegree(n), OutDegree(n)
	}
	// One set of shortest paths serves betweenness and closeness.
	g := distanceGraph(n, o.Distance)
	p := path.DijkstraAllPaths(g)
	m.Betweenness = betweenness(n, g, p, o.Distance == Hops || uniform(n))
	m.Closeness = closeness(n, g, p)
	m.PageRank = PageRank(n, o.Damping)
	m.Community = Communities(n, o.Seed, o.Resolution)
	for _, c := range m.Community {
		m.Communities = max(m.Communities, c)
	}
	m.sizes = make([]int, m.Communities+1)
	for _, c := range m.Community {
		m.sizes[c]++
	}
	return m
}

// Value returns metric k of node i (the community number as a float), and
// false when the network does not have it (in- and out-degree of an
// undirected network).
func (m *Measures) Value(k Metric, i int) (float64, bool) {
	var s []float64
	switch k {
	case MetricDegree:
		s = m.Degree
	case MetricWeightedDegree:
		s = m.WeightedDegree
	case MetricInDegree:
		s = m.InDegree
	case MetricOutDegree:
		s = m.OutDegree
	case MetricBetweenness:
		s = m.Betweenness
	case MetricCloseness:
		s = m.Closeness
	case MetricPageRank:
		s = m.PageRank
	case MetricCommunity:
		if i < len(m.Community) {
			return float64(m.Community[i]), true
		}
		return 0, false
	}
	if i < len(s) {
		return s[i], true
	}
	return 0, false
}

// Has reports whether the measures include metric k.
func (m *Measures) Has(k Metric) bool {
	switch k {
	case MetricInDegree, MetricOutDegree:
		return m.InDegree != nil
	}
	return true
}

// Degree returns each node's number of edges: in an undirected network
// its neighbours, in a directed one its arcs in and out (a pair of
// opposite arcs counts twice).
func Degree(n *Network) []float64 {
	d := make([]float64, len(n.Nodes))
	for _, e := range n.Edges {
		d[e.From]++
		d[e.To]++
	}
	return d
}

// WeightedDegree returns each node's sum of the weights of its edges (in
// and out): how many sentences, turns or events tie it to others.
func WeightedDegree(n *Network) []float64 {
	d := make([]float64, len(n.Nodes))
	for _, e := range n.Edges {
		d[e.From] += e.Weight
		d[e.To] += e.Weight
	}
	return d
}

// InDegree returns each node's number of arcs in (every edge of an
// undirected network counts).
func InDegree(n *Network) []float64 {
	d := make([]float64, len(n.Nodes))
	for _, e := range n.Edges {
		d[e.To]++
		if !n.Directed {
			d[e.From]++
		}
	}
	return d
}

// OutDegree returns each node's number of arcs out (every edge of an
// undirected network counts).
func OutDegree(n *Network) []float64 {
	d := make([]float64, len(n.Nodes))
	for _, e := range n.Edges {
		d[e.From]++
		if !n.Directed {
			d[e.To]++
		}
	}
	return d
}

// distanceGraph is n with each edge's length as d says.
func distanceGraph(n *Network, d Distance) graph.Weighted {
	if d == Hops {
		return n.graphWith(func(float64) float64 { return 1 })
	}
	return n.graphWith(func(w float64) float64 { return 1 / w })
}

// Betweenness returns each node's betweenness centrality (gonum's
// BetweennessWeighted over Dijkstra's shortest paths, lengths as d says):
// the number of shortest paths between two other nodes that pass through
// it, a path shared with k other shortest paths of the same pair counting
// 1/k. In an undirected network each pair is counted once (gonum walks
// both directions; the sum is halved), as in Freeman's definition.
func Betweenness(n *Network, d Distance) []float64 {
	g := distanceGraph(n, d)
	return betweenness(n, g, path.DijkstraAllPaths(g), d == Hops || uniform(n))
}

// betweenness is Betweenness with the shortest paths p of g computed;
// sameLength says every edge of g is as long as every other.
func betweenness(n *Network, g graph.Weighted, p path.AllShortest, sameLength bool) []float64 {
	var cb map[int64]float64
	if sameLength {
		// Every edge as long as every other: Brandes' algorithm on the
		// bare graph gives the same values, much faster than walking
		// every shortest path.
		cb = gnetwork.Betweenness(g)
	} else {
		cb = gnetwork.BetweennessWeighted(g, p)
	}
	out := make([]float64, len(n.Nodes))
	for id, v := range cb {
		if !n.Directed {
			v /= 2
		}
		out[id] = v
	}
	return out
}

// uniform reports whether every edge of n has the same weight.
func uniform(n *Network) bool {
	for _, e := range n.Edges {
		if e.Weight != n.Edges[0].Weight {
			return false
		}
	}
	return true
}

// Closeness returns each node's closeness centrality, from gonum's sums of
// shortest-path lengths (network.Farness, lengths as d says), in the form
// of Wasserman and Faust that stays meaningful in a disconnected network:
//
//	C(u) = (r-1)/(N-1) · (r-1)/Σ d(v,u)
//
// where r counts the nodes that reach u (u included) and N all nodes. In a
// connected network it is (N-1)/Σ d, the inverse of the mean distance;
// an isolated node has 0. In a directed network the paths run to u.
func Closeness(n *Network, d Distance) []float64 {
	g := distanceGraph(n, d)
	return closeness(n, g, path.DijkstraAllPaths(g))
}

func closeness(n *Network, g graph.Weighted, p path.AllShortest) []float64 {
	far := gnetwork.Farness(g, p)
	N := len(n.Nodes)
	out := make([]float64, N)
	for u := range out {
		r := 0
		for v := 0; v < N; v++ {
			if !math.IsInf(p.Weight(int64(v), int64(u)), 0) {
				r++
			}
		}
		if r <= 1 || far[int64(u)] == 0 {
			continue
		}
		out[u] = float64(r-1) / float64(N-1) * float64(r-1) / far[int64(u)]
	}
	return out
}

// PageRank returns each node's PageRank (gonum's PageRankSparse, edges
// weighted by their counts, damping 0.85 unless given, iterated until the
// change is below 1e-10), summing to 1. An undirected network is read as
// directed with each edge an arc both ways.
func PageRank(n *Network, damping float64) []float64 {
	if damping == 0 {
		damping = 0.85
	}
	out := make([]float64, len(n.Nodes))
	if len(out) == 0 {
		return out
	}
	for id, v := range gnetwork.PageRankSparse(n.asDirected(), damping, 1e-10) {
		out[id] = v
	}
	return out
}

// Communities returns each node's community, found by gonum's Louvain
// modularity optimization (community.Modularize at the given resolution,
// 0 meaning 1; directed modularity for a directed network) with a random
// order drawn from seed. Communities are numbered from 1, largest first,
// ties by their first node in IRI order; an isolated node is a community
// of its own.
func Communities(n *Network, seed uint64, resolution float64) []int {
	if resolution == 0 {
		resolution = 1
	}
	out := make([]int, len(n.Nodes))
	if len(out) == 0 {
		return out
	}
	r := community.Modularize(n.Graph(), resolution, rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	var groups [][]int
	for _, c := range r.Communities() {
		ids := make([]int, len(c))
		for i, v := range c {
			ids[i] = int(v.ID())
		}
		sort.Ints(ids)
		groups = append(groups, ids)
	}
	sort.Slice(groups, func(i, j int) bool {
		if len(groups[i]) != len(groups[j]) {
			return len(groups[i]) > len(groups[j])
		}
		return groups[i][0] < groups[j][0]
	})
	for c, ids := range groups {
		for _, id := range ids {
			out[id] = c + 1
		}
	}
	return out
}
