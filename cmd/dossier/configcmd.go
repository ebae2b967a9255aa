package main

import (
	"fmt"
	"sort"

	"github.com/spf13/cobra"
	"github.com/spf13/viper"
)

// settings lists the configuration keys `dossier config` prints, with
// what each is for.
var settings = []struct{ key, help string }{
	{keyStore, "graph store: directory (bolt), memory, or postgres://... / cockroach://..."},
	{keyBaseIRI, "base IRI of minted people, places, events and documents"},
	{keyLexicons, "extra lexicon files (TSV, format of data/lexicon/README.md)"},
	{keyDefaultDate, "date that relative dates resolve against when a document has none"},
	{keyWorkers, "documents extracted at once during a build (0: one per CPU)"},
	{keyTimeout, "time limit of a query"},
	{keyAddr, "address dossier serve listens on"},
	{keyTokenFile, "file holding the token that allows writes through the server (or env DOSSIER_TOKEN)"},
	{keyMaxQueryBytes, "largest query the server accepts"},
	{keyMaxDocumentBytes, "largest document the server accepts"},
	{keyResultLimit, "most results a server query returns"},
}

func isSetting(key string) bool {
	for _, s := range settings {
		if s.key == key {
			return true
		}
	}
	return key == "base_iri"
}

func newConfigCmd(v *viper.Viper) *cobra.Command {
	return &cobra.Command{
		Use:   "config",
		Short: "Print the effective configuration",
		Long: `Config prints every setting as Dossier sees it after reading, in rising
order of precedence, the defaults, the configuration file (--config, else
./dossier.yaml, else dossier/dossier.yaml in the user config directory),
the environment (DOSSIER_STORE, DOSSIER_BASE_IRI, ...) and the flags.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			w := cmd.OutOrStdout()
			file := v.ConfigFileUsed()
			if file == "" {
				file = "(none)"
			}
			fmt.Fprintf(w, "# config file: %s\n", file)
			keys := make([]string, 0, len(settings))
			help := map[string]string{}
			for _, s := range settings {
				keys = append(keys, s.key)
				help[s.key] = s.help
			}
			sort.Strings(keys)
			for _, k := range keys {
				fmt.Fprintf(w, "%s: %v\t# %s (env DOSSIER_%s)\n", k, formatSetting(v.Get(k)), help[k], upper(k))
			}
			return nil
		},
	}
}

func formatSetting(x any) string {
	switch t := x.(type) {
	case nil:
		return `""`
	case string:
		if t == "" {
			return `""`
		}
		return t
	case []string:
		return fmt.Sprintf("%q", t)
	default:
		return fmt.Sprint(t)
	}
}

func upper(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'a' && c <= 'z' {
			b[i] = c - 32
		}
	}
	return string(b)
}
