package network

import (
	"encoding/json"
	"io"
	"math"
	"strconv"

	"gonum.org/v1/gonum/graph/formats/cytoscapejs"
)

// WriteCytoscape writes the network as Cytoscape.js JSON (gonum's
// cytoscapejs types): {"elements": [...]}, a node's data its IRI as id,
// label, kind, every metric, community and colour, with the position
// Layout gives it; an edge's data its source, target and weight.
func WriteCytoscape(w io.Writer, n *Network, m *Measures, o WriteOptions) error {
	pos := layoutAll(n, o.Seed)
	var doc cytoscapejs.GraphElem
	doc.Elements = make([]cytoscapejs.Element, 0, len(n.Nodes)+len(n.Edges))
	for i, node := range n.Nodes {
		attrs := map[string]interface{}{
			"label":  node.Label,
			"kind":   string(node.Kind),
			"colour": m.Colour(i),
		}
		for _, k := range present(m) {
			v, _ := m.Value(k, i)
			attrs[string(k)] = v
		}
		doc.Elements = append(doc.Elements, cytoscapejs.Element{
			Data:     cytoscapejs.ElemData{ID: node.IRI, Attributes: attrs},
			Position: &cytoscapejs.Position{X: math.Round(pos[i].X * 100), Y: math.Round(pos[i].Y * 100)},
		})
	}
	for i, e := range n.Edges {
		doc.Elements = append(doc.Elements, cytoscapejs.Element{
			Data: cytoscapejs.ElemData{
				ID:         "e" + strconv.Itoa(i),
				Source:     n.Nodes[e.From].IRI,
				Target:     n.Nodes[e.To].IRI,
				Attributes: map[string]interface{}{"weight": e.Weight},
			},
		})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", " ")
	return enc.Encode(doc)
}
