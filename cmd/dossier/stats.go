package main

import (
	"encoding/json"
	"fmt"
	"text/tabwriter"

	"github.com/spf13/cobra"
	"github.com/spf13/viper"
)

func newStatsCmd(v *viper.Viper) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "stats",
		Short: "Count documents, people, organizations, places, events and quads",
		Long: `Stats counts what the store holds: documents, persons, organizations,
places and events (distinct resources of each class), quads (every
statement with its document), and triples (distinct statements of the
merged graph, what a Turtle export holds).`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			st, err := openStore(cmd.Context(), v, cmd.ErrOrStderr())
			if err != nil {
				return err
			}
			defer st.Close()
			s, err := st.Stats(cmd.Context())
			if err != nil {
				return err
			}
			if asJSON {
				enc := json.NewEncoder(cmd.OutOrStdout())
				enc.SetIndent("", " ")
				return enc.Encode(map[string]int{
					"documents": s.Documents, "persons": s.Persons, "organizations": s.Organizations,
					"places": s.Places, "events": s.Events, "quads": s.Quads, "triples": s.Triples,
				})
			}
			w := tabwriter.NewWriter(cmd.OutOrStdout(), 0, 0, 2, ' ', tabwriter.AlignRight)
			for _, r := range []struct {
				k string
				n int
			}{{"documents", s.Documents}, {"persons", s.Persons}, {"organizations", s.Organizations},
				{"places", s.Places}, {"events", s.Events}, {"quads", s.Quads}, {"triples", s.Triples}} {
				fmt.Fprintf(w, "%s\t%d\t\n", r.k, r.n)
			}
			return w.Flush()
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the counts as JSON")
	return cmd
}
