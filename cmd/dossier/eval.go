package main

import (
	"encoding/json"
	"fmt"

	"github.com/spf13/cobra"
	"github.com/spf13/viper"

	"github.com/dossier-archive/dossier/eval"
)

func newEvalCmd(v *viper.Viper) *cobra.Command {
	var gold, docs, pred string
	var asJSON, verbose bool
	cmd := &cobra.Command{
		Use:   "eval --gold FILE_OR_DIR [--docs DIR]",
		Short: "Measure extraction against hand annotations (gold files)",
		Long: `Eval extracts the document each gold file names and compares the result
with the annotation: mention, entity and alias precision/recall/F1 for
people, organizations and places; date detection and values; events,
their dates and roles. The figures are those of ../shared/eval/score.py.

A gold file's "document" key names the annotated file; it is looked for
next to the gold file, in --docs, then in ../corpus beside the gold
folder. With a folder, every *.gold.json in it is scored and the figures
are micro-averaged (the counts of all documents pooled).

With --pred, an extraction already made (JSON contract) is scored against
one gold file instead.`,
		Example: `  dossier eval --gold ../shared/gold
  dossier eval --gold my.gold.json --docs ./texts --json
  dossier eval --gold doc.gold.json --pred doc.json --verbose`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if gold == "" {
				return fmt.Errorf("--gold is required")
			}
			if pred != "" {
				g, err := eval.ReadJSON(gold)
				if err != nil {
					return err
				}
				p, err := eval.ReadJSON(pred)
				if err != nil {
					return err
				}
				sc, rep := eval.Score(g, p)
				res := &eval.Result{Docs: []eval.Doc{{Gold: gold, Document: pred, Scores: sc, Report: rep}}, Micro: sc}
				return report(cmd, res, asJSON, verbose)
			}
			files, err := eval.GoldFiles(gold)
			if err != nil {
				return err
			}
			x, err := newExtractor(v)
			if err != nil {
				return err
			}
			res, err := eval.Evaluate(x, files, docs)
			if err != nil {
				return err
			}
			return report(cmd, res, asJSON, verbose)
		},
	}
	cmd.Flags().StringVar(&gold, "gold", "", "a gold file, or a folder of *.gold.json files")
	cmd.Flags().StringVar(&docs, "docs", "", "folder holding the annotated documents")
	cmd.Flags().StringVar(&pred, "pred", "", "score this extraction (JSON) instead of extracting")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the figures as JSON")
	cmd.Flags().BoolVar(&verbose, "verbose", false, "list missed and spurious forms")
	return cmd
}

func report(cmd *cobra.Command, res *eval.Result, asJSON, verbose bool) error {
	out := cmd.OutOrStdout()
	if !verbose {
		for i := range res.Docs {
			res.Docs[i].Report = nil
		}
	}
	if asJSON {
		enc := json.NewEncoder(out)
		enc.SetIndent("", " ")
		return enc.Encode(res)
	}
	if err := eval.WriteTable(out, res); err != nil {
		return err
	}
	if verbose {
		for _, d := range res.Docs {
			for _, k := range sortedKeys(d.Report) {
				if len(d.Report[k]) == 0 {
					continue
				}
				fmt.Fprintf(out, "\n%s %s (%d):\n", d.Document, k, len(d.Report[k]))
				for _, x := range d.Report[k] {
					fmt.Fprintln(out, "  ", x)
				}
			}
		}
	}
	return nil
}

func sortedKeys(r eval.Report) []string {
	order := []string{"missed_persons", "spurious_persons", "missed_organizations", "spurious_organizations",
		"missed_places", "spurious_places", "dates_wrong_value", "dates_missed", "events_missed"}
	var out []string
	for _, k := range order {
		if _, ok := r[k]; ok {
			out = append(out, k)
		}
	}
	return out
}
