package network

import (
	"encoding/csv"
	"io"
	"strconv"
)

// present returns the metrics m has for n, in the order of Metrics.
func present(m *Measures) []Metric {
	var out []Metric
	for _, k := range Metrics {
		if m.Has(k) {
			out = append(out, k)
		}
	}
	return out
}

// WriteNodesCSV writes one row per node: Id (the IRI), Label, Kind and
// each metric, under a header whose first columns are those Gephi's
// spreadsheet import recognizes.
func WriteNodesCSV(w io.Writer, n *Network, m *Measures, _ WriteOptions) error {
	cw := csv.NewWriter(w)
	cols := present(m)
	header := []string{"Id", "Label", "Kind"}
	for _, k := range cols {
		header = append(header, string(k))
	}
	if err := cw.Write(header); err != nil {
		return err
	}
	for i, node := range n.Nodes {
		row := []string{node.IRI, node.Label, string(node.Kind)}
		for _, k := range cols {
			v, _ := m.Value(k, i)
			row = append(row, exact(v))
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// WriteEdgesCSV writes one row per edge: Source, Target (IRIs), Type
// (Directed or Undirected) and Weight, as Gephi's spreadsheet import
// reads them.
func WriteEdgesCSV(w io.Writer, n *Network, _ *Measures, _ WriteOptions) error {
	cw := csv.NewWriter(w)
	if err := cw.Write([]string{"Source", "Target", "Type", "Weight"}); err != nil {
		return err
	}
	typ := "Undirected"
	if n.Directed {
		typ = "Directed"
	}
	for _, e := range n.Edges {
		row := []string{n.Nodes[e.From].IRI, n.Nodes[e.To].IRI, typ, strconv.FormatFloat(e.Weight, 'g', -1, 64)}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
