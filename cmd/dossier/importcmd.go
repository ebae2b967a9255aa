package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"
	"github.com/spf13/viper"

	"github.com/dossier-archive/dossier/extract"
	"github.com/dossier-archive/dossier/ontology"
	"github.com/dossier-archive/dossier/rdfio"
)

func newImportCmd(v *viper.Viper) *cobra.Command {
	var format, graphIRI, base string
	cmd := &cobra.Command{
		Use:   "import [flags] FILE...",
		Short: "Load existing RDF (an authority file, another archive's export)",
		Long: `Import loads RDF files into the store: Turtle, N-Triples, N-Quads,
RDF/XML or JSON-LD, by extension or --format. Quads keep their graph;
triples go into a named graph of their own, <BASE/document/FILE-ID>, so
that 'dossier remove FILE-ID' takes the file out again. Each file is read
completely before anything is written: a syntax error anywhere is reported
with its line and leaves the store exactly as it was.

Formats: ` + formatNames(false) + `.`,
		Example: `  dossier import authority.ttl
  dossier import --graph https://example.org/viaf viaf-extract.nt`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			st, err := openStore(cmd.Context(), v, cmd.ErrOrStderr())
			if err != nil {
				return err
			}
			defer st.Close()
			m := mapper(v)
			for _, path := range args {
				f, err := pickFormat(format, path, "", false)
				if err != nil {
					return err
				}
				in, err := os.Open(path)
				if err != nil {
					return err
				}
				g := graphIRI
				if g == "" {
					g = m.DocumentIRI(extract.DocumentID(path))
				}
				dec, err := f.NewDecoder(in, rdfio.DecodeOptions{Name: path, Base: base})
				if err != nil {
					in.Close()
					return fmt.Errorf("%s: %w", path, err)
				}
				ch, err := st.Import(cmd.Context(), dec, ontology.NewIRI(g))
				dec.Close()
				in.Close()
				if err != nil {
					return err
				}
				fmt.Fprintf(cmd.OutOrStdout(), "%s: %d quads added (graph <%s>)\n", filepath.Base(path), ch.Added, g)
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&format, "format", "", "input format: "+formatNames(false)+" (default: from the extension)")
	cmd.Flags().StringVar(&graphIRI, "graph", "", "named graph for triples (default: BASE/document/FILE-ID)")
	cmd.Flags().StringVar(&base, "base", "", "base IRI that relative IRIs in the files resolve against")
	return cmd
}
