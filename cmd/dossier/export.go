package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/viper"

	"github.com/dossier-archive/dossier/rdfio"
)

func newExportCmd(v *viper.Viper) *cobra.Command {
	var format, output string
	cmd := &cobra.Command{
		Use:   "export [flags]",
		Short: "Write the whole graph as linked data",
		Long: `Export writes the store as RDF. N-Quads and JSON-LD keep every statement
in the named graph of the document it came from; Turtle and N-Triples
write the merged graph (each distinct statement once). With -o the
format follows the file's extension unless --format is given, and the
file is replaced only when the export is complete.

Formats: ` + formatNames(true) + `.`,
		Example: `  dossier export --format turtle > graph.ttl
  dossier export -o archive.nq`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			f, err := pickFormat(format, output, "nquads", true)
			if err != nil {
				return err
			}
			st, err := openStore(cmd.Context(), v, cmd.ErrOrStderr())
			if err != nil {
				return err
			}
			defer st.Close()
			return writeAtomically(output, cmd.OutOrStdout(), func(w io.Writer) error {
				enc, err := f.NewEncoder(w, rdfio.EncodeOptions{Base: v.GetString(keyBaseIRI)})
				if err != nil {
					return err
				}
				if _, err := st.Export(cmd.Context(), enc, !f.Graphs); err != nil {
					return err
				}
				return enc.Close()
			})
		},
	}
	cmd.Flags().StringVar(&format, "format", "", "output format: "+formatNames(true)+" (default: from -o's extension, else nquads)")
	cmd.Flags().StringVarP(&output, "output", "o", "", "write to this file instead of standard output")
	return cmd
}

// formatNames lists the registered formats that can be written (or read).
func formatNames(write bool) string {
	var names []string
	for _, f := range rdfio.Formats() {
		if write && f.CanEncode() || !write && f.CanDecode() {
			names = append(names, f.Name)
		}
	}
	return strings.Join(names, ", ")
}

// pickFormat chooses a format by name, else by the file's extension, else
// the fallback.
func pickFormat(name, path, fallback string, write bool) (rdfio.Format, error) {
	var f rdfio.Format
	var ok bool
	switch {
	case name != "":
		f, ok = rdfio.ByName(name)
		if !ok {
			return f, fmt.Errorf("unknown format %q (%s)", name, formatNames(write))
		}
	case path != "" && path != "-":
		f, ok = rdfio.ByExtension(path)
		if !ok {
			return f, fmt.Errorf("%s: cannot tell the format from the extension; give --format (%s)", path, formatNames(write))
		}
	default:
		f, _ = rdfio.ByName(fallback)
	}
	if write && !f.CanEncode() {
		return f, fmt.Errorf("format %s can be read but not written (%s)", f.Name, formatNames(true))
	}
	if !write && !f.CanDecode() {
		return f, fmt.Errorf("format %s can be written but not read (%s)", f.Name, formatNames(false))
	}
	return f, nil
}

// writeAtomically writes to path through a temporary file renamed into
// place on success, so that a failed export never leaves half a file; with
// no path it writes to stdout.
func writeAtomically(path string, stdout io.Writer, write func(io.Writer) error) error {
	if path == "" || path == "-" {
		return write(stdout)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := write(tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	// CreateTemp makes the file private; an export is an ordinary file
	mode := os.FileMode(0o644)
	if info, err := os.Stat(path); err == nil {
		mode = info.Mode().Perm() // replacing a file keeps its permissions
	}
	if err := os.Chmod(tmp.Name(), mode); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
