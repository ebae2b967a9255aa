package network

import (
	"fmt"
	"io"

	"gonum.org/v1/gonum/graph"
	"gonum.org/v1/gonum/graph/encoding"
	"gonum.org/v1/gonum/graph/encoding/dot"
)

// dotNode is a node as gonum's DOT encoder sees it: its ID is the IRI and
// its attributes say the label, kind, metrics and community colour.
type dotNode struct {
	id int64
	n  *Network
	m  *Measures
}

func (d dotNode) ID() int64     { return d.id }
func (d dotNode) DOTID() string { return d.n.Nodes[d.id].IRI }
func (d dotNode) Attributes() []encoding.Attribute {
	node := d.n.Nodes[d.id]
	attrs := []encoding.Attribute{
		{Key: "label", Value: node.Label},
		{Key: "kind", Value: string(node.Kind)},
		{Key: "style", Value: "filled"},
		{Key: "fillcolor", Value: d.m.Colour(int(d.id))},
	}
	for _, k := range present(d.m) {
		v, _ := d.m.Value(k, int(d.id))
		attrs = append(attrs, encoding.Attribute{Key: string(k), Value: exact(v)})
	}
	return attrs
}

// Attributes gives an edge its weight in DOT.
func (a arc) Attributes() []encoding.Attribute {
	return []encoding.Attribute{{Key: "weight", Value: exact(a.w)}}
}

// dotUndirected and dotDirected name the graph for the encoder (and keep
// the view's direction, which the encoder asks for).
type dotUndirected struct {
	undirectedView
	name string
}

func (g dotUndirected) DOTID() string { return g.name }

type dotDirected struct {
	directedView
	name string
}

func (g dotDirected) DOTID() string { return g.name }

// WriteDOT writes the network in Graphviz's DOT language with gonum's
// encoder: a strict graph or digraph whose nodes are the IRIs, labelled
// and filled with their community's colour, carrying every metric as an
// attribute, and whose edges carry their weight.
func WriteDOT(w io.Writer, n *Network, m *Measures, o WriteOptions) error {
	v := view{n: n, weight: identity, node: func(id int64) graph.Node { return dotNode{id, n, m} }}
	var g graph.Graph = dotUndirected{undirectedView{v}, string(n.Projection)}
	if n.Directed {
		g = dotDirected{directedView{v}, string(n.Projection)}
	}
	b, err := dot.Marshal(g, "", "", "\t")
	if err != nil {
		return fmt.Errorf("dot: %w", err)
	}
	if _, err := w.Write(b); err != nil {
		return err
	}
	_, err = io.WriteString(w, "\n")
	return err
}
