package network

import (
	"fmt"
	"io"
	"strconv"
	"text/tabwriter"
	"unicode/utf8"
)

// WriteTable writes the o.Top nodes ranked by o.Metric as a table for the
// terminal: rank, name, the metric, degree, community. A caption line says
// what the network is.
func WriteTable(w io.Writer, n *Network, m *Measures, o WriteOptions) error {
	k := o.metric()
	if !m.Has(k) {
		return fmt.Errorf("the %s network has no %s (it is undirected)", n.Projection, k)
	}
	caption := o.title(n) + " (" + summary(n, m)
	if f := o.Filter.String(); f != "" {
		caption += "; " + f
	}
	caption += ")"
	if _, err := fmt.Fprintln(w, caption); err != nil {
		return err
	}
	if len(n.Nodes) == 0 {
		_, err := fmt.Fprintln(w, "(no nodes)")
		return err
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	header := "rank\tname\t" + string(k) + "\tdegree\tcommunity\t"
	if k == MetricDegree || k == MetricCommunity {
		header = "rank\tname\tdegree\tweighted-degree\tcommunity\t"
	}
	fmt.Fprintln(tw, header)
	order := Rank(n, m, k)
	if o.Top > 0 && o.Top < len(order) {
		order = order[:o.Top]
	}
	for r, i := range order {
		v, _ := m.Value(k, i)
		first := FormatValue(k, v)
		if k == MetricDegree || k == MetricCommunity {
			first = FormatValue(MetricDegree, m.Degree[i])
			v = m.WeightedDegree[i]
			fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%d\t\n", r+1, clip(n.Nodes[i].Label, 40), first, FormatValue(MetricWeightedDegree, v), m.Community[i])
			continue
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%d\t\n", r+1, clip(n.Nodes[i].Label, 40), first, strconv.Itoa(int(m.Degree[i])), m.Community[i])
	}
	return tw.Flush()
}

// clip shortens s to at most n characters, marking the cut.
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}
