// Package deps pins the project's dependencies while the packages that use
// them are being written, so that parallel work does not fight over go.mod.
// Remove once every dependency has a real importer.
package deps

import (
	_ "github.com/cayleygraph/cayley/graph"
	_ "github.com/cayleygraph/cayley/graph/kv/bolt"
	_ "github.com/cayleygraph/cayley/graph/memstore"
	_ "github.com/cayleygraph/cayley/graph/sql/cockroach"
	_ "github.com/cayleygraph/cayley/graph/sql/postgres"
	_ "github.com/cayleygraph/cayley/query/gizmo"
	_ "github.com/cayleygraph/cayley/server/http"
	_ "github.com/cayleygraph/cayley/writer"
	_ "github.com/cayleygraph/quad"
	_ "github.com/cayleygraph/quad/jsonld"
	_ "github.com/cayleygraph/quad/nquads"
	_ "github.com/knakk/rdf"
	_ "github.com/piprate/json-gold/ld"
	_ "github.com/schollz/progressbar/v3"
	_ "github.com/spf13/cobra"
	_ "github.com/spf13/viper"
	_ "golang.org/x/term"
	_ "golang.org/x/text/unicode/norm"
	_ "gonum.org/v1/gonum/graph/community"
	_ "gonum.org/v1/gonum/graph/encoding/dot"
	_ "gonum.org/v1/gonum/graph/formats/gexf12"
	_ "gonum.org/v1/gonum/graph/layout"
	_ "gonum.org/v1/gonum/graph/network"
	_ "gonum.org/v1/gonum/graph/simple"
)
