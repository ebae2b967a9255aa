package main

import (
	"fmt"
	"os"

	"github.com/spf13/cobra"
	"github.com/spf13/viper"

	"github.com/dossier-archive/dossier/extract"
)

func newExtractCmd(v *viper.Viper) *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "extract [flags] FILE...",
		Short: "Print the annotations of documents, without a store",
		Long: `Extract reads documents and prints what Dossier finds in them: the
document's own metadata, the people, organizations and places with every
mention (character offsets, end exclusive), normalized dates and events.
The JSON shape is the extraction contract that 'dossier eval' and
../shared/eval/score.py read. Nothing is written to the store.`,
		Example: `  dossier extract --format json data/samples/memo.md
  dossier extract --format json doc.txt > doc.json && dossier eval --gold doc.gold.json --pred doc.json`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			x, err := newExtractor(v)
			if err != nil {
				return err
			}
			if format != "json" {
				return fmt.Errorf("unknown format %q (json)", format)
			}
			enc := extract.NewJSONEncoder(cmd.OutOrStdout(), len(args) > 1)
			for _, path := range args {
				b, err := os.ReadFile(path)
				if err != nil {
					return err
				}
				doc, err := x.Extract(path, b)
				if err != nil {
					return err
				}
				if err := enc.Encode(doc); err != nil {
					return err
				}
			}
			return enc.Close()
		},
	}
	cmd.Flags().StringVar(&format, "format", "json", "output format: json")
	return cmd
}

func newExtractor(v *viper.Viper) (*extract.Extractor, error) {
	return extract.New(extract.WithDefaultDate(v.GetString(keyDefaultDate)),
		extract.WithLexiconFiles(v.GetStringSlice(keyLexicons)...))
}
