package main

import (
	"fmt"

	"github.com/spf13/cobra"
	"github.com/spf13/viper"

	"github.com/dossier-archive/dossier/corpus/synthetic"
)

func newGenCmd(_ *viper.Viper) *cobra.Command {
	var docs int
	var seed uint64
	var out string
	cmd := &cobra.Command{
		Use:   "gen --docs N --out DIR [--seed S]",
		Short: "Write a synthetic archive of generated documents (for tests and benchmarks)",
		Long: `Gen writes N generated documents in the genre Dossier reads: translated
records of conversation with speaker turns, FRUS-style memoranda and
embassy reports, 2 to 30 KB each, in folders of a thousand. People recur
across documents as in a real archive (a few central figures, a long tail
named once or twice), with dates, purges, plenums, meetings and
publications. The same seed and count give the same files on any machine.
The documents are not archival records, and each says so.`,
		Example: `  dossier gen --docs 10000 --seed 1 --out /tmp/archive
  dossier build --store /tmp/archive.db /tmp/archive`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if out == "" {
				return fmt.Errorf("--out is required")
			}
			if docs <= 0 {
				return fmt.Errorf("--docs must be positive, not %d", docs)
			}
			g, err := synthetic.New(seed, docs)
			if err != nil {
				return err
			}
			sum, err := g.WriteDir(cmd.Context(), out, docs)
			if err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "%d documents, %.1f MB, %d people in the cast, into %s\n",
				sum.Documents, float64(sum.Bytes)/(1<<20), len(g.Cast()), out)
			return nil
		},
	}
	cmd.Flags().IntVar(&docs, "docs", 1000, "number of documents")
	cmd.Flags().Uint64Var(&seed, "seed", 1, "random seed")
	cmd.Flags().StringVar(&out, "out", "", "folder to write into (created if missing)")
	return cmd
}
