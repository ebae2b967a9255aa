// Command dossier reads archival documents, builds a knowledge graph of the
// people, organizations, places, dates and events in them, and lets a
// historian query, analyse and publish it.
package main

import (
	"os"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}
