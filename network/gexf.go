package network

import (
	"encoding/xml"
	"io"
	"math"
	"strconv"

	"gonum.org/v1/gonum/graph/formats/gexf12"
)

// WriteGEXF writes the network as GEXF 1.2 for Gephi, with gonum's gexf12
// types: node ids are the IRIs, attributes declare the kind and every
// metric, edges carry their weight, and each node has the colour of its
// community, a size by o.Metric and the position of Layout, so that the
// file opens as the SVG draws it.
func WriteGEXF(w io.Writer, n *Network, m *Measures, o WriteOptions) error {
	k := o.metric()
	desc := o.title(n)
	if f := o.Filter.String(); f != "" {
		desc += " (" + f + ")"
	}
	g := gexf12.Graph{
		DefaultEdgeType: "undirected",
		Mode:            "static",
		IDType:          "string",
	}
	if n.Directed {
		g.DefaultEdgeType = "directed"
	}
	cols := present(m)
	attrs := gexf12.Attributes{Class: "node", Mode: "static"}
	attrs.Attributes = append(attrs.Attributes, gexf12.Attribute{ID: "kind", Title: "kind", Type: "string"})
	for _, c := range cols {
		typ := "double"
		if graphMLType(c) == "int" {
			typ = "integer"
		}
		attrs.Attributes = append(attrs.Attributes, gexf12.Attribute{ID: string(c), Title: string(c), Type: typ})
	}
	g.Attributes = []gexf12.Attributes{attrs}
	pos := layoutAll(n, o.Seed)
	radius := radii(n, m, k, 4, 22)
	for i, node := range n.Nodes {
		vals := []gexf12.AttValue{{For: "kind", Value: string(node.Kind)}}
		for _, c := range cols {
			v, _ := m.Value(c, i)
			vals = append(vals, gexf12.AttValue{For: string(c), Value: exact(v)})
		}
		r, gr, b := m.RGB(i)
		g.Nodes.Nodes = append(g.Nodes.Nodes, gexf12.Node{
			ID:        node.IRI,
			Label:     node.Label,
			AttValues: &gexf12.AttValues{AttValues: vals},
			Color:     &gexf12.Color{R: r, G: gr, B: b},
			Size:      &gexf12.Size{Value: math.Round(radius[i]*100) / 100},
			Position:  &gexf12.Position{X: math.Round(pos[i].X*100*100) / 100, Y: math.Round(-pos[i].Y*100*100) / 100},
		})
	}
	g.Nodes.Count = len(g.Nodes.Nodes)
	for i, e := range n.Edges {
		g.Edges.Edges = append(g.Edges.Edges, gexf12.Edge{
			ID:     strconv.Itoa(i),
			Source: n.Nodes[e.From].IRI,
			Target: n.Nodes[e.To].IRI,
			Weight: e.Weight,
		})
	}
	g.Edges.Count = len(g.Edges.Edges)
	doc := gexf12.Content{
		Version: "1.2",
		Meta:    &gexf12.Meta{Creator: "Dossier", Description: desc},
		Graph:   g,
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", " ")
	if err := enc.Encode(doc); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}
