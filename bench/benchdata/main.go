// Command benchdata writes the benchmarks' data for engines outside Go:
// the generated archive's graphs as N-Quads, one file per size, and the
// questions asked of them (queries.json: each SPARQL text with the person
// it is about), the same data and questions package bench gives Dossier.
//
//	go run ./bench/benchdata -out DIR -sizes 100000,1000000 -query-quads 1000000
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/dossier-archive/dossier/bench"
)

func main() {
	out := flag.String("out", "", "folder to write into")
	sizes := flag.String("sizes", "100000", "sizes in quads, comma-separated")
	queryQuads := flag.Int("query-quads", 100000, "size of the store the queries are asked of")
	flag.Parse()
	if err := run(*out, *sizes, *queryQuads); err != nil {
		fmt.Fprintln(os.Stderr, "benchdata:", err)
		os.Exit(1)
	}
}

type question struct {
	Name, Person, Label, Sparql string
}

func run(out, sizes string, queryQuads int) error {
	if out == "" {
		return fmt.Errorf("-out is required")
	}
	var ns []int
	most := queryQuads
	for _, f := range strings.Split(sizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n <= 0 {
			return fmt.Errorf("bad size %q", f)
		}
		ns = append(ns, n)
		most = max(most, n)
	}
	docs, _, err := bench.Dataset(most)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	prefix := func(n int) []bench.Doc {
		total := 0
		for i, d := range docs {
			total += len(d.Quads)
			if total >= n {
				return docs[:i+1]
			}
		}
		return docs
	}
	for _, n := range append(ns, queryQuads) {
		f, err := os.Create(filepath.Join(out, fmt.Sprintf("%d.nq", n)))
		if err != nil {
			return err
		}
		err = bench.WriteNQuads(f, prefix(n))
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return err
		}
	}
	var qs []question
	for _, p := range bench.People(prefix(queryQuads), 20) {
		qs = append(qs,
			question{"person", p.IRI, p.Label, bench.SparqlPerson(p.Label)},
			question{"twohop", p.IRI, p.Label, bench.SparqlTwoHop(p.IRI)},
			question{"sparql-join", p.IRI, p.Label, bench.SparqlJoin(p.IRI)})
	}
	b, err := json.MarshalIndent(qs, "", " ")
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(out, "queries.json"), b, 0o644)
}
