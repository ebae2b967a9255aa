package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/spf13/viper"

	"github.com/dossier-archive/dossier/graph"
	"github.com/dossier-archive/dossier/ontology"
)

// openStore opens the configured store; a note for the user (a store
// emptied after an interrupted build) goes to errw.
func openStore(ctx context.Context, v *viper.Viper, errw io.Writer) (*graph.Store, error) {
	s, err := graph.Open(ctx, graph.Config{Store: v.GetString(keyStore)})
	if err != nil {
		return nil, fmt.Errorf("store %s: %w", v.GetString(keyStore), err)
	}
	if s.DiscardedInterruptedBuild() {
		fmt.Fprintf(errw, "dossier: store %s: the build that was loading it ended before it finished; the store has been emptied (it was empty before that build): build the documents again\n", v.GetString(keyStore))
	}
	return s, nil
}

func mapper(v *viper.Viper) ontology.Mapper {
	return ontology.Mapper{Base: v.GetString(keyBaseIRI)}
}

// timeout reads the configured query time limit.
func timeout(v *viper.Viper) (time.Duration, error) {
	d, err := time.ParseDuration(v.GetString(keyTimeout))
	if err != nil {
		return 0, fmt.Errorf("timeout %q: %w", v.GetString(keyTimeout), err)
	}
	return d, nil
}
