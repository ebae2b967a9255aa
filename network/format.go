package network

import (
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
)

// WriteOptions say what a table or picture shows.
type WriteOptions struct {
	// Metric is what a table ranks by and a picture sizes nodes by;
	// "" is degree.
	Metric Metric
	// Top is the number of rows of a table; 0 is all.
	Top int
	// Title heads a table or picture; "" makes one from the network.
	Title string
	// Filter is what the network was made with, said under the title.
	Filter Filter
	// Seed seeds the layout of pictures and of exports that carry
	// positions (GEXF, JSON).
	Seed uint64
}

func (o WriteOptions) metric() Metric {
	if o.Metric == "" {
		return MetricDegree
	}
	return o.Metric
}

func (o WriteOptions) title(n *Network) string {
	if o.Title != "" {
		return o.Title
	}
	return string(n.Projection) + ": " + n.Projection.Describe()
}

// Format is one way of writing a network, found by name or file
// extension.
type Format struct {
	Name string // "gexf"
	Ext  string // ".gexf"
	MIME string
	// Write writes the network (with its measures, which may be nil for
	// formats that do not need them).
	Write func(w io.Writer, n *Network, m *Measures, o WriteOptions) error
	// Edges, when set, writes the edges to a second file: the format
	// (CSV) holds a table of nodes and a table of edges.
	Edges func(w io.Writer, n *Network, m *Measures, o WriteOptions) error
}

// Formats are the formats a network can be written in.
var Formats = []Format{
	{Name: "table", Ext: ".txt", MIME: "text/plain; charset=utf-8", Write: WriteTable},
	{Name: "csv", Ext: ".csv", MIME: "text/csv; charset=utf-8", Write: WriteNodesCSV, Edges: WriteEdgesCSV},
	{Name: "graphml", Ext: ".graphml", MIME: "application/graphml+xml", Write: WriteGraphML},
	{Name: "gexf", Ext: ".gexf", MIME: "application/gexf+xml", Write: WriteGEXF},
	{Name: "dot", Ext: ".dot", MIME: "text/vnd.graphviz", Write: WriteDOT},
	{Name: "json", Ext: ".json", MIME: "application/json", Write: WriteCytoscape},
	{Name: "svg", Ext: ".svg", MIME: "image/svg+xml", Write: WriteSVG},
}

// FormatByName returns the format of this name (case aside).
func FormatByName(name string) (Format, error) {
	names := make([]string, len(Formats))
	for i, f := range Formats {
		if strings.EqualFold(f.Name, name) {
			return f, nil
		}
		names[i] = f.Name
	}
	return Format{}, fmt.Errorf("unknown format %q (want %s)", name, strings.Join(names, ", "))
}

// FormatByExt returns the format a file name's extension names (".gv" is
// DOT too); the table has none.
func FormatByExt(path string) (Format, bool) {
	lower := strings.ToLower(path)
	if strings.HasSuffix(lower, ".gv") {
		lower = strings.TrimSuffix(lower, ".gv") + ".dot"
	}
	for _, f := range Formats {
		if f.Name != "table" && strings.HasSuffix(lower, f.Ext) {
			return f, true
		}
	}
	return Format{}, false
}

// Rank returns the node indices by metric k, highest first (communities:
// by community number, then within one by weighted degree), ties by
// weighted degree and then label.
func Rank(n *Network, m *Measures, k Metric) []int {
	order := make([]int, len(n.Nodes))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool {
		i, j := order[a], order[b]
		if k == MetricCommunity {
			if m.Community[i] != m.Community[j] {
				return m.Community[i] < m.Community[j]
			}
		} else {
			vi, _ := m.Value(k, i)
			vj, _ := m.Value(k, j)
			if vi != vj {
				return vi > vj
			}
		}
		if m.WeightedDegree[i] != m.WeightedDegree[j] {
			return m.WeightedDegree[i] > m.WeightedDegree[j]
		}
		return n.Nodes[i].Label < n.Nodes[j].Label
	})
	return order
}

// FormatValue writes a metric's value for people: counts as integers,
// betweenness with two decimals, closeness and PageRank with four.
func FormatValue(k Metric, v float64) string {
	switch k {
	case MetricDegree, MetricInDegree, MetricOutDegree, MetricCommunity:
		return strconv.FormatFloat(v, 'f', 0, 64)
	case MetricWeightedDegree:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case MetricBetweenness:
		return strconv.FormatFloat(v, 'f', 2, 64)
	}
	return strconv.FormatFloat(v, 'f', 4, 64)
}

// exact writes a value for machines: the shortest form that reads back
// as the same float64.
func exact(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }

// summary says how big the network is, for captions.
func summary(n *Network, m *Measures) string {
	kind := "edges"
	if n.Directed {
		kind = "arcs"
	}
	s := fmt.Sprintf("%d nodes, %d %s", len(n.Nodes), len(n.Edges), kind)
	if m != nil {
		s += fmt.Sprintf(", %d communities", m.Communities)
	}
	return s
}
