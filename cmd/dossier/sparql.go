package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/viper"

	"github.com/dossier-archive/dossier/graph/sparql"
	"github.com/dossier-archive/dossier/ontology"
	"github.com/dossier-archive/dossier/rdfio"
)

func newSparqlCmd(v *viper.Viper) *cobra.Command {
	var file, format string
	cmd := &cobra.Command{
		Use:   "sparql [flags] 'QUERY'",
		Short: "Run a SPARQL 1.1 query (SELECT, ASK, CONSTRUCT, DESCRIBE)",
		Long: `Sparql runs a SPARQL 1.1 query on the store. The default graph is the
union of all document graphs (each statement once); GRAPH ?g { ... }
tells which document a statement came from. Dossier's prefixes (schema:,
dossier:, rdfs:, doc:, person:, ...) are known without PREFIX lines.

Supported: SELECT, ASK, CONSTRUCT, DESCRIBE; PREFIX, BASE; FILTER with
comparisons, && || !, IN, regex, string, date and type functions;
OPTIONAL, UNION, GRAPH, VALUES; DISTINCT, ORDER BY, LIMIT, OFFSET;
GROUP BY, HAVING with COUNT, SUM, MIN, MAX, AVG, SAMPLE, GROUP_CONCAT;
property paths (p/q ^p p|q p* p+ p?). Not supported (an error says so):
subqueries, MINUS, BIND, SERVICE, FROM, negated property sets, updates.

SELECT and ASK results are written as a table (default) or in a SPARQL
results format (json, xml, csv, tsv); CONSTRUCT and DESCRIBE write RDF
(` + formatNames(true) + `; default turtle). A query running longer than
--timeout is stopped with an error.`,
		Example: `  dossier sparql 'SELECT ?name WHERE { ?p a schema:Person ; rdfs:label ?name } ORDER BY ?name'
  dossier sparql -f people-1966.rq --format csv
  dossier sparql 'SELECT ?doc (COUNT(?p) AS ?n) WHERE { ?doc schema:mentions ?p } GROUP BY ?doc'`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			text, err := queryText(args, file, cmd.InOrStdin())
			if err != nil {
				return err
			}
			base := v.GetString(keyBaseIRI)
			q, err := sparql.ParseWith(text, sparql.Options{Prefixes: ontology.Prefixes(base)})
			if err != nil {
				if file != "" && file != "-" {
					return fmt.Errorf("%s:%w", file, err)
				}
				return fmt.Errorf("query:%w", err)
			}
			d, err := timeout(v)
			if err != nil {
				return err
			}
			w, err := sparqlWriter(q, format, cmd, base)
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
			if err := sparql.Exec(ctx, st, q, w); err != nil {
				return err
			}
			return w.Close()
		},
	}
	cmd.Flags().StringVarP(&file, "file", "f", "", "read the query from this file (- for standard input)")
	cmd.Flags().StringVar(&format, "format", "", "output: table, json, xml, csv, tsv for SELECT and ASK; "+formatNames(true)+" for CONSTRUCT and DESCRIBE")
	cmd.Flags().String("timeout", "30s", "stop the query after this long")
	return cmd
}

// sparqlWriter picks the writer for the query's form and the --format
// flag.
func sparqlWriter(q *sparql.Query, format string, cmd *cobra.Command, base string) (sparql.Writer, error) {
	out := cmd.OutOrStdout()
	graphForm := q.Form == sparql.Construct || q.Form == sparql.Describe
	if !graphForm {
		if format == "" {
			format = "table"
		}
		f, ok := sparql.ResultFormatByName(format)
		if !ok {
			var names []string
			for _, f := range sparql.ResultFormats {
				names = append(names, f.Name)
			}
			return nil, fmt.Errorf("unknown format %q for %s results (%s)", format, q.Form, strings.Join(names, ", "))
		}
		return f.New(out, q.Prefixes), nil
	}
	if format == "" {
		format = "turtle"
	}
	if _, ok := sparql.ResultFormatByName(format); ok {
		return nil, fmt.Errorf("%s is a format for SELECT and ASK results; %s writes RDF (%s)", format, q.Form, formatNames(true))
	}
	f, err := pickFormat(format, "", "turtle", true)
	if err != nil {
		return nil, fmt.Errorf("%w; %s writes a graph", err, q.Form)
	}
	enc, err := f.NewEncoder(out, rdfio.EncodeOptions{Base: base, Prefixes: q.Prefixes})
	if err != nil {
		return nil, err
	}
	return sparql.GraphWriter(enc), nil
}
