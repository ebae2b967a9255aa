package network

import (
	"context"
	"fmt"
	"io"
	"testing"

	"github.com/dossier-archive/dossier/extract"
)

// lattice is a ring of n people, each joined to the next k, weights 1–3:
// a network of the size a corpus of a few hundred documents gives.
func lattice(n, k int) *Network {
	nodes := make([]Node, n)
	for i := range nodes {
		nodes[i] = Node{IRI: fmt.Sprintf("https://dossier.example.org/person/p%04d", i), Label: fmt.Sprintf("P%d", i), Kind: Person}
	}
	var edges []Edge
	for i := 0; i < n; i++ {
		for j := 1; j <= k; j++ {
			edges = append(edges, Edge{From: i, To: (i + j) % n, Weight: float64(1 + (i+j)%3)})
		}
	}
	return New("bench", false, nodes, edges)
}

func BenchmarkMeasure(b *testing.B) {
	n := lattice(300, 3)
	b.ReportAllocs()
	for b.Loop() {
		Measure(n, Options{Seed: 1})
	}
}

func BenchmarkWriteSVG(b *testing.B) {
	n := lattice(300, 3)
	m := Measure(n, Options{Seed: 1})
	b.ReportAllocs()
	for b.Loop() {
		if err := WriteSVG(io.Discard, n, m, WriteOptions{Metric: MetricBetweenness, Seed: 1}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkProject reads 50 copies of the test transcript from a memory
// store and projects them; bytes are the documents' text.
func BenchmarkProject(b *testing.B) {
	var docs []*extract.Document
	size := 0
	for i := 0; i < 50; i++ {
		d := talk(b)
		d.Meta.ID = fmt.Sprintf("talk-%02d", i)
		docs = append(docs, d)
		size += len(d.Text)
	}
	st := testStore(b, docs...)
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Project(context.Background(), st, CoMentionSentence, Filter{}); err != nil {
			b.Fatal(err)
		}
	}
}
