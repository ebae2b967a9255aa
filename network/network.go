// Package network projects Dossier's knowledge graph onto networks of the
// people and organizations an archive names (who is named together, who
// speaks of whom, who acts with or upon whom), measures them with gonum's
// algorithms (degree, betweenness, closeness, PageRank, Louvain
// communities), and writes them for other tools (CSV, GraphML, GEXF, DOT,
// Cytoscape JSON) or draws them (SVG).
//
// Our code is the projection, what an edge means; the algorithms are
// gonum's. A Network is plain data (nodes sorted by IRI, edges sorted by
// their ends) and offers gonum graph views whose iteration order is fixed,
// so that every metric, community and layout is the same on every run.
package network

import (
	"math"
	"sort"

	"gonum.org/v1/gonum/graph"
	"gonum.org/v1/gonum/graph/iterator"
)

// Kind is the kind of entity a node stands for.
type Kind string

// The kinds of node. Places are not actors and are never nodes.
const (
	Person       Kind = "Person"
	Organization Kind = "Organization"
)

// Node is one person or organization.
type Node struct {
	IRI   string
	Label string // rdfs:label, the canonical name
	Kind  Kind
}

// Edge joins two nodes, by their indices in Network.Nodes. In a directed
// network it runs From → To; in an undirected one From < To.
type Edge struct {
	From, To int
	// Weight is how often the relation was seen: sentences, paragraphs or
	// documents naming both, turns, events.
	Weight float64
}

// Network is one projection of the archive.
type Network struct {
	Projection Projection
	Directed   bool
	Nodes      []Node // sorted by IRI; a node's ID in the gonum views is its index
	Edges      []Edge // sorted by (From, To)

	out, in [][]int // per node, indices into Edges, by the other end; undirected networks use out only
}

// New builds a network from its nodes and edges. Nodes are sorted by IRI
// (edges are renumbered to follow); edges between the same ends are merged
// by adding their weights; self-loops and edges of weight <= 0 are dropped;
// an undirected edge is stored with From < To.
func New(p Projection, directed bool, nodes []Node, edges []Edge) *Network {
	order := make([]int, len(nodes))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return nodes[order[a]].IRI < nodes[order[b]].IRI })
	newIndex := make([]int, len(nodes))
	n := &Network{Projection: p, Directed: directed, Nodes: make([]Node, len(nodes))}
	for to, from := range order {
		n.Nodes[to] = nodes[from]
		newIndex[from] = to
	}
	weights := make(map[[2]int]float64, len(edges))
	for _, e := range edges {
		if e.From == e.To || !(e.Weight > 0) {
			continue
		}
		u, v := newIndex[e.From], newIndex[e.To]
		if !directed && u > v {
			u, v = v, u
		}
		weights[[2]int{u, v}] += e.Weight
	}
	n.Edges = make([]Edge, 0, len(weights))
	for k, w := range weights {
		n.Edges = append(n.Edges, Edge{From: k[0], To: k[1], Weight: w})
	}
	sort.Slice(n.Edges, func(a, b int) bool {
		if n.Edges[a].From != n.Edges[b].From {
			return n.Edges[a].From < n.Edges[b].From
		}
		return n.Edges[a].To < n.Edges[b].To
	})
	n.index()
	return n
}

// index fills the adjacency lists, each sorted by the other end.
func (n *Network) index() {
	n.out = make([][]int, len(n.Nodes))
	n.in = make([][]int, len(n.Nodes))
	for i, e := range n.Edges {
		n.out[e.From] = append(n.out[e.From], i)
		if n.Directed {
			n.in[e.To] = append(n.in[e.To], i)
		} else {
			n.out[e.To] = append(n.out[e.To], i)
		}
	}
	for u := range n.Nodes {
		n.sortByOther(u, n.out[u])
		n.sortByOther(u, n.in[u])
	}
}

func (n *Network) sortByOther(u int, list []int) {
	sort.Slice(list, func(a, b int) bool { return n.other(u, list[a]) < n.other(u, list[b]) })
}

// other returns the end of edge e that is not u (for a directed edge seen
// from either end).
func (n *Network) other(u, e int) int {
	if n.Edges[e].From == u {
		return n.Edges[e].To
	}
	return n.Edges[e].From
}

// Neighbours returns the indices of the nodes joined to node u by an edge
// in either direction, sorted, each once.
func (n *Network) Neighbours(u int) []int {
	var out []int
	seen := map[int]bool{}
	for _, list := range [][]int{n.out[u], n.in[u]} {
		for _, e := range list {
			v := n.other(u, e)
			if !seen[v] {
				seen[v] = true
				out = append(out, v)
			}
		}
	}
	sort.Ints(out)
	return out
}

// NodeIndex returns the index of the node with this IRI, or -1.
func (n *Network) NodeIndex(iri string) int {
	i := sort.Search(len(n.Nodes), func(i int) bool { return n.Nodes[i].IRI >= iri })
	if i < len(n.Nodes) && n.Nodes[i].IRI == iri {
		return i
	}
	return -1
}

// Weight returns the weight of the edge from u to v (either way round in
// an undirected network), or 0 when there is none.
func (n *Network) Weight(u, v int) float64 {
	if e := n.edge(u, v); e >= 0 {
		return n.Edges[e].Weight
	}
	return 0
}

// edge returns the index of the edge u → v (or u — v), or -1.
func (n *Network) edge(u, v int) int {
	if u < 0 || v < 0 || u >= len(n.Nodes) || v >= len(n.Nodes) {
		return -1
	}
	list := n.out[u]
	i := sort.Search(len(list), func(i int) bool { return n.other(u, list[i]) >= v })
	if i < len(list) && n.other(u, list[i]) == v {
		return list[i]
	}
	return -1
}

// --- gonum views ---

// vertex is a node as gonum sees it.
type vertex int64

func (v vertex) ID() int64 { return int64(v) }

// arc is an edge as gonum sees it, with the weight of the view.
type arc struct {
	from, to graph.Node
	w        float64
}

func (a arc) From() graph.Node         { return a.from }
func (a arc) To() graph.Node           { return a.to }
func (a arc) ReversedEdge() graph.Edge { return arc{a.to, a.from, a.w} }
func (a arc) Weight() float64          { return a.w }

// view is a read-only gonum graph over a Network. weight maps an edge's
// count to the weight gonum sees (itself, or a distance); both marks an
// undirected network seen as directed, each edge an arc both ways.
//
// node makes the graph.Node of an index: a vertex, or a node that also
// carries attributes for an encoder (see dot.go).
type view struct {
	n      *Network
	weight func(float64) float64
	node   func(int64) graph.Node
}

func (g view) mk(id int64) graph.Node {
	if g.node != nil {
		return g.node(id)
	}
	return vertex(id)
}

func (g view) Node(id int64) graph.Node {
	if id < 0 || id >= int64(len(g.n.Nodes)) {
		return nil
	}
	return g.mk(id)
}

func (g view) Nodes() graph.Nodes {
	nodes := make([]graph.Node, len(g.n.Nodes))
	for i := range nodes {
		nodes[i] = g.mk(int64(i))
	}
	return iterator.NewOrderedNodes(nodes)
}

func (g view) list(u int, lists [][]int) graph.Nodes {
	if u < 0 || u >= len(lists) || len(lists[u]) == 0 {
		return graph.Empty
	}
	nodes := make([]graph.Node, len(lists[u]))
	for i, e := range lists[u] {
		nodes[i] = g.mk(int64(g.n.other(u, e)))
	}
	return iterator.NewOrderedNodes(nodes)
}

func (g view) From(id int64) graph.Nodes { return g.list(int(id), g.n.out) }

func (g view) HasEdgeBetween(xid, yid int64) bool {
	return g.n.edge(int(xid), int(yid)) >= 0 || g.n.Directed && g.n.edge(int(yid), int(xid)) >= 0
}

func (g view) WeightedEdge(uid, vid int64) graph.WeightedEdge {
	e := g.n.edge(int(uid), int(vid))
	if e < 0 {
		return nil
	}
	return arc{g.mk(uid), g.mk(vid), g.weight(g.n.Edges[e].Weight)}
}

func (g view) Weight(xid, yid int64) (float64, bool) {
	if xid == yid {
		return 0, true
	}
	if e := g.n.edge(int(xid), int(yid)); e >= 0 {
		return g.weight(g.n.Edges[e].Weight), true
	}
	return math.Inf(1), false
}

// undirectedView is a graph.WeightedUndirected.
type undirectedView struct{ view }

func (g undirectedView) Edge(uid, vid int64) graph.Edge {
	if e := g.WeightedEdge(uid, vid); e != nil {
		return e
	}
	return nil
}
func (g undirectedView) EdgeBetween(xid, yid int64) graph.Edge { return g.Edge(xid, yid) }
func (g undirectedView) WeightedEdgeBetween(xid, yid int64) graph.WeightedEdge {
	return g.WeightedEdge(xid, yid)
}

// directedView is a graph.WeightedDirected. Over an undirected network
// every edge is an arc both ways.
type directedView struct{ view }

func (g directedView) Edge(uid, vid int64) graph.Edge {
	if e := g.WeightedEdge(uid, vid); e != nil {
		return e
	}
	return nil
}
func (g directedView) HasEdgeFromTo(uid, vid int64) bool { return g.n.edge(int(uid), int(vid)) >= 0 }
func (g directedView) To(id int64) graph.Nodes {
	if !g.n.Directed {
		return g.list(int(id), g.n.out)
	}
	return g.list(int(id), g.n.in)
}

func identity(w float64) float64 { return w }

// Graph returns the network as a gonum graph with its counts as weights:
// a graph.WeightedDirected or graph.WeightedUndirected. Node IDs are
// indices into n.Nodes, and every iteration runs in ID order.
func (n *Network) Graph() graph.Weighted { return n.graphWith(identity) }

func (n *Network) graphWith(weight func(float64) float64) graph.Weighted {
	v := view{n: n, weight: weight}
	if n.Directed {
		return directedView{v}
	}
	return undirectedView{v}
}

// asDirected returns the network as a gonum directed graph, each
// undirected edge an arc both ways.
func (n *Network) asDirected() graph.WeightedDirected {
	return directedView{view{n: n, weight: identity}}
}
