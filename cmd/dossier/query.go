package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"
	"github.com/spf13/viper"
)

func newQueryCmd(v *viper.Viper) *cobra.Command {
	var file string
	var limit int
	cmd := &cobra.Command{
		Use:   "query [flags] 'GIZMO QUERY'",
		Short: "Run a Gizmo query and print the results as JSON",
		Long: `Query runs a Gizmo query (Cayley's JavaScript path language) on the store
and prints the results as a JSON array. IRIs are written <like this>,
literals "like this". A query that runs longer than --timeout is stopped
with an error. Every fact sits in the named graph of the document it came
from: .LabelContext() or .Labels() reach it.`,
		Example: `  dossier query 'g.V().Has("<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>", "<https://schema.org/Person>").Out("<http://www.w3.org/2000/01/rdf-schema#label>").All()'
  dossier query -f people.js --timeout 5s`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			q, err := queryText(args, file, cmd.InOrStdin())
			if err != nil {
				return err
			}
			d, err := timeout(v)
			if err != nil {
				return err
			}
			st, err := openStore(cmd.Context(), v, cmd.ErrOrStderr())
			if err != nil {
				return err
			}
			defer st.Close()
			ctx, cancel := context.WithTimeout(cmd.Context(), d)
			defer cancel()
			res, err := st.Query(ctx, "gizmo", q, limit)
			if err != nil {
				return err
			}
			enc := json.NewEncoder(cmd.OutOrStdout())
			enc.SetIndent("", " ")
			enc.SetEscapeHTML(false)
			if res == nil {
				res = []any{}
			}
			return enc.Encode(res)
		},
	}
	cmd.Flags().StringVarP(&file, "file", "f", "", "read the query from this file (- for standard input)")
	cmd.Flags().IntVar(&limit, "limit", 1000, "at most this many results (0: no limit)")
	cmd.Flags().String("timeout", "30s", "stop the query after this long")
	return cmd
}

// queryText takes the query from the argument, or from a file, or from
// standard input.
func queryText(args []string, file string, stdin io.Reader) (string, error) {
	switch {
	case len(args) == 1 && file != "":
		return "", fmt.Errorf("give the query as an argument or with -f, not both")
	case len(args) == 1:
		return args[0], nil
	case file == "-":
		b, err := io.ReadAll(stdin)
		return string(b), err
	case file != "":
		b, err := os.ReadFile(file)
		if err != nil {
			return "", err
		}
		return string(b), nil
	}
	return "", fmt.Errorf("no query: give one as an argument, or -f FILE")
}
