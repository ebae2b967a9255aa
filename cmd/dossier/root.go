package main

import (
	"errors"
	"fmt"
	"io"

	"github.com/spf13/cobra"
	"github.com/spf13/viper"
)

// exitError carries an exit status other than 1 (2: some inputs skipped).
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }

// run executes the command line and returns the exit status.
func run(args []string, stdout, stderr io.Writer) int {
	v := viper.New()
	root := newRoot(v)
	root.SetArgs(args)
	root.SetOut(stdout)
	root.SetErr(stderr)
	err := root.Execute()
	if err == nil {
		return 0
	}
	fmt.Fprintln(stderr, "dossier:", err)
	var ee *exitError
	if errors.As(err, &ee) {
		return ee.code
	}
	return 1
}

func newRoot(v *viper.Viper) *cobra.Command {
	root := &cobra.Command{
		Use:   "dossier",
		Short: "Build a knowledge graph from archival documents",
		Long: `Dossier reads archival documents (memoranda of conversation, telegrams,
reports, speeches) and builds a knowledge graph of the people,
organizations, places, dates and events in them. Every fact keeps the
document and the characters it came from.`,
		SilenceUsage:  true,
		SilenceErrors: true,
		PersistentPreRunE: func(cmd *cobra.Command, _ []string) error {
			bindFlags(v, cmd)
			return loadConfig(v, cmd)
		},
	}
	addGlobalFlags(root, v)
	root.AddCommand(newExtractCmd(v))
	root.AddCommand(newEvalCmd(v))
	root.AddCommand(newConfigCmd(v))
	root.AddCommand(newBuildCmd(v))
	root.AddCommand(newStatsCmd(v))
	root.AddCommand(newQueryCmd(v))
	root.AddCommand(newSparqlCmd(v))
	root.AddCommand(newExportCmd(v))
	root.AddCommand(newImportCmd(v))
	root.AddCommand(newRemoveCmd(v))
	root.AddCommand(newTimelineCmd(v))
	root.AddCommand(newServeCmd(v))
	root.AddCommand(newNetworkCmd(v))
	root.AddCommand(newGenCmd(v))
	return root
}
