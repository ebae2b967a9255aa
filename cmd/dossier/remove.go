package main

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/viper"

	"github.com/dossier-archive/dossier/ontology"
)

func newRemoveCmd(v *viper.Viper) *cobra.Command {
	return &cobra.Command{
		Use:   "remove DOCUMENT-ID...",
		Short: "Drop documents' graphs from the store",
		Long: `Remove deletes every statement that came from a document: its named graph
<BASE/document/DOCUMENT-ID>. The ID is the file name without its
extension, as 'dossier build' printed it; a full graph IRI works too.
People and places that other documents also mention stay, with what
those documents say about them.`,
		Example: `  dossier remove frus1964-68v14-d72
  dossier remove https://dossier.example.org/document/authority`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			st, err := openStore(cmd.Context(), v, cmd.ErrOrStderr())
			if err != nil {
				return err
			}
			defer st.Close()
			m := mapper(v)
			for _, id := range args {
				g := id
				if !strings.Contains(id, "://") {
					g = m.DocumentIRI(id)
				}
				n, err := st.RemoveGraph(cmd.Context(), ontology.NewIRI(g))
				if err != nil {
					return fmt.Errorf("%s: %w", id, err)
				}
				if n == 0 {
					return fmt.Errorf("%s: no such document in %s", id, st)
				}
				fmt.Fprintf(cmd.OutOrStdout(), "%s: %d quads removed\n", id, n)
			}
			return nil
		},
	}
}
