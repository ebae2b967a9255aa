package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/viper"

	"github.com/dossier-archive/dossier/network"
	"github.com/dossier-archive/dossier/ontology"
)

func newNetworkCmd(v *viper.Viper) *cobra.Command {
	var (
		projection, metric, format, output, from, to, distance string
		documents, eventTypes, kinds                           []string
		top                                                    int
		seed                                                   uint64
		resolution                                             float64
		storeMetrics                                           bool
	)
	var projNames []string
	for _, p := range network.Projections {
		projNames = append(projNames, fmt.Sprintf("  %-22s %s", p, p.Describe()))
	}
	var formatNames []string
	for _, f := range network.Formats {
		formatNames = append(formatNames, f.Name)
	}
	var metricNames []string
	for _, m := range network.Metrics {
		metricNames = append(metricNames, string(m))
	}
	cmd := &cobra.Command{
		Use:   "network [flags]",
		Short: "Rank and draw the networks of people and organizations in the store",
		Long: `Network projects the knowledge graph onto a network of the persons and
organizations it holds, measures it, and prints a ranked table or writes
it for Gephi, Cytoscape or Graphviz, or as a picture.

Projections (edge weights count what joined the two ends):
` + strings.Join(projNames, "\n") + `
  co-mention             the same as co-mention-sentence

Metrics: ` + strings.Join(metricNames, ", ") + `. Betweenness and
closeness follow shortest paths whose edges are 1/weight long (two people
named together often are close; --distance hops counts steps instead);
closeness is Wasserman and Faust's, meaningful in disconnected networks;
PageRank reads an undirected edge as arcs both ways; communities are
Louvain's, numbered from 1 (largest first), the same for the same --seed.

Formats: table (the terminal), csv (two files, -o PREFIX gives
PREFIX-nodes.csv and PREFIX-edges.csv), graphml, gexf (Gephi, with
colours, sizes and positions), dot (Graphviz), json (Cytoscape.js), svg
(a force-directed picture: size by --metric, colour by community). With
-o the format follows the file's extension unless --format is given.

--from and --to (YYYY, YYYY-MM or YYYY-MM-DD) keep documents dated in the
period, or for event projections events dated in it (an undated event
takes its document's date). --document keeps documents by identifier or
IRI. --event-type keeps events of some types (Purge, Plenum, Meeting,
Publication, Other) for co-participation and agent-target.

--store-metrics writes every metric back into the store, in the graph
{base}graph/metrics/{projection}, replacing what that graph held, so that
SPARQL can sort people by centrality.`,
		Example: `  dossier network --projection co-mention --metric betweenness --top 10
  dossier network --projection purge --metric pagerank
  dossier network --projection co-mention-paragraph --from 1960 --to 1967 --format svg -o network.svg
  dossier network --projection speaker --format csv -o speaker   # speaker-nodes.csv, speaker-edges.csv
  dossier network --projection co-participation --event-type Meeting --store-metrics`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			p, err := network.ParseProjection(projection)
			if err != nil {
				return err
			}
			k, err := network.ParseMetric(metric)
			if err != nil {
				return err
			}
			if top < 0 {
				return fmt.Errorf("--top %d: want 0 (all) or more", top)
			}
			f, err := pickNetworkFormat(format, output)
			if err != nil {
				return err
			}
			if f.Edges != nil && (output == "" || output == "-") {
				return fmt.Errorf("--format %s writes two files (nodes and edges): give -o PREFIX", f.Name)
			}
			period, err := network.Between(from, to)
			if err != nil {
				return err
			}
			filter := network.Filter{Period: period, Documents: documents, EventTypes: eventTypes}
			if len(eventTypes) > 0 {
				switch p {
				case network.CoParticipation, network.AgentTarget:
				default:
					return fmt.Errorf("--event-type applies to the co-participation and agent-target projections, not %s", p)
				}
			}
			for _, s := range kinds {
				switch strings.ToLower(s) {
				case "person", "persons", "people":
					filter.Kinds = append(filter.Kinds, network.Person)
				case "organization", "organizations", "organisation", "organisations":
					filter.Kinds = append(filter.Kinds, network.Organization)
				default:
					return fmt.Errorf("--kind %q: want person or organization", s)
				}
			}
			d := network.Distance(strings.ToLower(distance))
			if d != network.Inverse && d != network.Hops {
				return fmt.Errorf("--distance %q: want inverse or hops", distance)
			}

			st, err := openStore(cmd.Context(), v, cmd.ErrOrStderr())
			if err != nil {
				return err
			}
			defer st.Close()
			n, err := network.Project(cmd.Context(), st, p, filter)
			if err != nil {
				return err
			}
			m := network.Measure(n, network.Options{Distance: d, Seed: seed, Resolution: resolution})
			if !m.Has(k) {
				return fmt.Errorf("%s is undirected: it has no %s", p, k)
			}
			opts := network.WriteOptions{Metric: k, Top: top, Filter: filter, Seed: seed}

			if storeMetrics {
				mp := mapper(v)
				quads, err := mp.Metrics(network.ForRDF(n, m, network.Describe(n, m, filter)))
				if err != nil {
					return err
				}
				g := ontology.NewIRI(mp.MetricsGraphIRI(string(p)))
				ch, err := st.ReplaceGraph(cmd.Context(), g, quads)
				if err != nil {
					return fmt.Errorf("storing the metrics: %w", err)
				}
				fmt.Fprintf(cmd.ErrOrStderr(), "stored the metrics of %d nodes in <%s> (%d quads added, %d removed)\n",
					len(n.Nodes), g.Value, ch.Added, ch.Removed)
			}

			if f.Edges != nil {
				prefix := strings.TrimSuffix(output, f.Ext)
				for _, part := range []struct {
					suffix string
					write  func(io.Writer, *network.Network, *network.Measures, network.WriteOptions) error
				}{{"-nodes" + f.Ext, f.Write}, {"-edges" + f.Ext, f.Edges}} {
					path := prefix + part.suffix
					err := writeAtomically(path, cmd.OutOrStdout(), func(w io.Writer) error { return part.write(w, n, m, opts) })
					if err != nil {
						return fmt.Errorf("%s: %w", path, err)
					}
					fmt.Fprintln(cmd.ErrOrStderr(), "wrote", path)
				}
				return nil
			}
			return writeAtomically(output, cmd.OutOrStdout(), func(w io.Writer) error { return f.Write(w, n, m, opts) })
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&projection, "projection", "co-mention", "which network: co-mention, "+projectionList())
	fl.StringVar(&metric, "metric", "degree", "rank and size nodes by: "+strings.Join(metricNames, ", "))
	fl.IntVar(&top, "top", 20, "rows of the table (0: all)")
	fl.StringVar(&format, "format", "", "output format: "+strings.Join(formatNames, ", ")+" (default: from -o's extension, else table)")
	fl.StringVarP(&output, "output", "o", "", "write to this file (csv: this prefix) instead of standard output")
	fl.StringVar(&from, "from", "", "keep what is dated on or after this date (YYYY, YYYY-MM, YYYY-MM-DD)")
	fl.StringVar(&to, "to", "", "keep what is dated on or before this date")
	fl.StringSliceVar(&documents, "document", nil, "keep only this document (identifier or IRI; repeat or separate with commas)")
	fl.StringSliceVar(&eventTypes, "event-type", nil, "keep events of this type: Purge, Plenum, Meeting, Publication, Other (co-participation, agent-target)")
	fl.StringSliceVar(&kinds, "kind", nil, "keep nodes of this kind: person, organization (default both)")
	fl.StringVar(&distance, "distance", "inverse", "edge length for betweenness and closeness: inverse (1/weight) or hops")
	fl.Uint64Var(&seed, "seed", 1, "seed of the community detection and the layout")
	fl.Float64Var(&resolution, "resolution", 1, "modularity resolution of the community detection (larger: smaller communities)")
	fl.BoolVar(&storeMetrics, "store-metrics", false, "write every metric into the store, in the graph {base}graph/metrics/{projection}")
	return cmd
}

func projectionList() string {
	var names []string
	for _, p := range network.Projections {
		names = append(names, string(p))
	}
	return strings.Join(names, ", ")
}

// pickNetworkFormat chooses a format by name, else by the extension of
// the output file, else the table.
func pickNetworkFormat(name, output string) (network.Format, error) {
	if name != "" {
		return network.FormatByName(name)
	}
	if output != "" && output != "-" {
		f, ok := network.FormatByExt(output)
		if !ok {
			return f, fmt.Errorf("%s: cannot tell the format from the extension; give --format", output)
		}
		return f, nil
	}
	return network.FormatByName("table")
}
