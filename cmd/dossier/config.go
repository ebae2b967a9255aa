package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"github.com/spf13/viper"

	"github.com/dossier-archive/dossier/ontology"
)

// Configuration keys. Each can be set in dossier.yaml, as DOSSIER_<KEY> in
// the environment, or as a flag; flags win over the environment, which wins
// over the file.
const (
	keyStore       = "store"
	keyBaseIRI     = "base_iri"
	keyConfig      = "config"
	keyLexicons    = "lexicons"
	keyDefaultDate = "default_date"
	keyWorkers     = "workers"
	keyTimeout     = "timeout"
)

func addGlobalFlags(root *cobra.Command, v *viper.Viper) {
	f := root.PersistentFlags()
	f.String(keyConfig, "", "configuration file (default: ./dossier.yaml, then the user config dir's dossier/dossier.yaml)")
	f.String(keyStore, "dossier.db", "graph store: a directory path (embedded bolt store), \"memory\", or a database URL (postgres://...)")
	f.String("base-iri", ontology.DefaultBase, "base IRI of the people, places, events and documents Dossier mints")
	v.SetDefault(keyStore, "dossier.db")
	v.SetDefault(keyWorkers, 0)
	v.SetDefault(keyTimeout, "30s")
	v.SetDefault(keyLexicons, []string{})
	v.SetDefault(keyDefaultDate, "")
	v.SetDefault(keyBaseIRI, ontology.DefaultBase)
	_ = v.BindPFlag(keyStore, f.Lookup(keyStore))
	_ = v.BindPFlag(keyBaseIRI, f.Lookup("base-iri"))
	_ = v.BindPFlag(keyConfig, f.Lookup(keyConfig))
	v.SetEnvPrefix("DOSSIER")
	v.SetEnvKeyReplacer(strings.NewReplacer("-", "_"))
	v.AutomaticEnv()
}

// bindFlags binds the running command's flags that name a configuration
// key ("--max-query-bytes" → max_query_bytes), so that a flag given on the
// command line wins over the environment and the file. Binding happens
// only for the command that runs: several commands have a --timeout, and
// each must bind its own.
func bindFlags(v *viper.Viper, cmd *cobra.Command) {
	cmd.Flags().VisitAll(func(f *pflag.Flag) {
		key := strings.ReplaceAll(f.Name, "-", "_")
		if isSetting(key) {
			_ = v.BindPFlag(key, f)
		}
	})
}

// loadConfig reads the configuration file, if any: the --config flag, else
// dossier.yaml in the working directory, else in the user config directory.
func loadConfig(v *viper.Viper, cmd *cobra.Command) error {
	if path := v.GetString(keyConfig); path != "" {
		v.SetConfigFile(path)
		if err := v.ReadInConfig(); err != nil {
			return fmt.Errorf("config %s: %w", path, err)
		}
		return nil
	}
	// Look for the file by its full name: viper's own search would also
	// take a file called just "dossier", such as the binary itself.
	var dirs []string
	dirs = append(dirs, ".")
	if dir, err := os.UserConfigDir(); err == nil {
		dirs = append(dirs, filepath.Join(dir, "dossier"))
	}
	for _, dir := range dirs {
		for _, name := range []string{"dossier.yaml", "dossier.yml"} {
			path := filepath.Join(dir, name)
			if _, err := os.Stat(path); err != nil {
				continue
			}
			v.SetConfigFile(path)
			if err := v.ReadInConfig(); err != nil {
				return fmt.Errorf("config %s: %w", path, err)
			}
			return nil
		}
	}
	return nil
}
