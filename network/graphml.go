package network

import (
	"encoding/xml"
	"io"
	"strconv"
)

// The GraphML document, as encoding/xml writes it (and reads it back in
// tests).
type graphML struct {
	XMLName        xml.Name     `xml:"http://graphml.graphdrawing.org/xmlns graphml"`
	XSI            string       `xml:"xmlns:xsi,attr,omitempty"`
	SchemaLocation string       `xml:"xsi:schemaLocation,attr,omitempty"`
	Keys           []graphMLKey `xml:"key"`
	Graph          graphMLGraph `xml:"graph"`
}

type graphMLKey struct {
	ID   string `xml:"id,attr"`
	For  string `xml:"for,attr"`
	Name string `xml:"attr.name,attr"`
	Type string `xml:"attr.type,attr"`
}

type graphMLGraph struct {
	ID          string        `xml:"id,attr"`
	EdgeDefault string        `xml:"edgedefault,attr"`
	Data        []graphMLData `xml:"data"`
	Nodes       []graphMLNode `xml:"node"`
	Edges       []graphMLEdge `xml:"edge"`
}

type graphMLNode struct {
	ID   string        `xml:"id,attr"`
	Data []graphMLData `xml:"data"`
}

type graphMLEdge struct {
	ID     string        `xml:"id,attr"`
	Source string        `xml:"source,attr"`
	Target string        `xml:"target,attr"`
	Data   []graphMLData `xml:"data"`
}

type graphMLData struct {
	Key   string `xml:"key,attr"`
	Value string `xml:",chardata"`
}

// graphMLType is the GraphML attribute type of a metric.
func graphMLType(k Metric) string {
	switch k {
	case MetricDegree, MetricInDegree, MetricOutDegree, MetricCommunity:
		return "int"
	}
	return "double"
}

// WriteGraphML writes the network as GraphML: node ids are the IRIs,
// keys declare the label, kind and every metric of the nodes and the
// weight of the edges, and the graph's description says what it is.
func WriteGraphML(w io.Writer, n *Network, m *Measures, o WriteOptions) error {
	doc := graphML{
		XSI:            "http://www.w3.org/2001/XMLSchema-instance",
		SchemaLocation: "http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd",
		Keys: []graphMLKey{
			{ID: "description", For: "graph", Name: "description", Type: "string"},
			{ID: "label", For: "node", Name: "label", Type: "string"},
			{ID: "kind", For: "node", Name: "kind", Type: "string"},
		},
		Graph: graphMLGraph{ID: string(n.Projection), EdgeDefault: "undirected"},
	}
	if n.Directed {
		doc.Graph.EdgeDefault = "directed"
	}
	desc := o.title(n)
	if f := o.Filter.String(); f != "" {
		desc += " (" + f + ")"
	}
	doc.Graph.Data = []graphMLData{{Key: "description", Value: desc}}
	cols := present(m)
	for _, k := range cols {
		doc.Keys = append(doc.Keys, graphMLKey{ID: string(k), For: "node", Name: string(k), Type: graphMLType(k)})
	}
	doc.Keys = append(doc.Keys, graphMLKey{ID: "weight", For: "edge", Name: "weight", Type: "double"})
	for i, node := range n.Nodes {
		gn := graphMLNode{ID: node.IRI, Data: []graphMLData{{Key: "label", Value: node.Label}, {Key: "kind", Value: string(node.Kind)}}}
		for _, k := range cols {
			v, _ := m.Value(k, i)
			gn.Data = append(gn.Data, graphMLData{Key: string(k), Value: exact(v)})
		}
		doc.Graph.Nodes = append(doc.Graph.Nodes, gn)
	}
	for i, e := range n.Edges {
		doc.Graph.Edges = append(doc.Graph.Edges, graphMLEdge{
			ID:     "e" + strconv.Itoa(i),
			Source: n.Nodes[e.From].IRI,
			Target: n.Nodes[e.To].IRI,
			Data:   []graphMLData{{Key: "weight", Value: exact(e.Weight)}},
		})
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
