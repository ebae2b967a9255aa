package main

import (
	"encoding/csv"
	"encoding/xml"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gonum.org/v1/gonum/graph/formats/gexf12"
)

// sampleStore builds the sample documents into a new bolt store.
func sampleStore(t *testing.T) string {
	t.Helper()
	store := filepath.Join(t.TempDir(), "store")
	mustDossier(t, "--store", store, "build", samples(t))
	return store
}

func TestNetworkCommand(t *testing.T) {
	store := sampleStore(t)
	out := mustDossier(t, "--store", store, "network", "--projection", "co-mention", "--metric", "betweenness", "--top", "5")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 7 || !strings.HasPrefix(lines[0], "co-mention-sentence: named in the same sentence (") ||
		strings.Join(strings.Fields(lines[1]), " ") != "rank name betweenness degree community" {
		t.Fatalf("table:\n%s", out)
	}
	for i, l := range lines[2:] {
		if f := strings.Fields(l); f[0] != itoa(i+1) {
			t.Errorf("row %d: %q", i+1, l)
		}
	}

	// CSV: two files under a prefix; their rows agree with each other.
	dir := t.TempDir()
	mustDossier(t, "--store", store, "network", "--projection", "speaker", "--format", "csv", "-o", filepath.Join(dir, "speaker"))
	nodes := readCSV(t, filepath.Join(dir, "speaker-nodes.csv"))
	edges := readCSV(t, filepath.Join(dir, "speaker-edges.csv"))
	ids := map[string]bool{}
	for _, r := range nodes[1:] {
		ids[r[0]] = true
	}
	if len(nodes) < 3 || len(edges) < 2 || strings.Join(nodes[0][:3], ",") != "Id,Label,Kind" || !strings.Contains(strings.Join(nodes[0], ","), "in-degree") {
		t.Fatalf("speaker CSV: %d nodes, %d edges, header %v", len(nodes)-1, len(edges)-1, nodes[0])
	}
	for _, r := range edges[1:] {
		if !ids[r[0]] || !ids[r[1]] || r[2] != "Directed" {
			t.Errorf("edge %v does not join listed nodes", r)
		}
	}

	// GEXF by extension, read back with gonum's types.
	gexf := filepath.Join(dir, "purge.gexf")
	mustDossier(t, "--store", store, "network", "--projection", "purge", "--metric", "pagerank", "-o", gexf)
	b, err := os.ReadFile(gexf)
	if err != nil {
		t.Fatal(err)
	}
	var doc gexf12.Content
	if err := xml.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Graph.DefaultEdgeType != "directed" || len(doc.Graph.Nodes.Nodes) == 0 || len(doc.Graph.Edges.Edges) == 0 {
		t.Errorf("purge GEXF: %s, %d nodes, %d edges", doc.Graph.DefaultEdgeType, len(doc.Graph.Nodes.Nodes), len(doc.Graph.Edges.Edges))
	}

	// Filters: a period with no documents gives an empty table.
	out = mustDossier(t, "--store", store, "network", "--from", "1900", "--to", "1901")
	if !strings.Contains(out, "(0 nodes, 0 edges") || !strings.Contains(out, "(no nodes)") {
		t.Errorf("empty period:\n%s", out)
	}

	for _, bad := range [][]string{
		{"--format", "csv"},
		{"--projection", "purge", "--event-type", "Meeting"},
		{"--metric", "fame"},
		{"--metric", "in-degree"},
		{"--projection", "friends"},
		{"--from", "May 1966"},
		{"--distance", "miles"},
		{"-o", filepath.Join(dir, "x.pdf")},
	} {
		if code, _, errs := dossier(t, append([]string{"--store", store, "network"}, bad...)...); code == 0 || errs == "" {
			t.Errorf("network %v: exit %d, %q", bad, code, errs)
		}
	}
}

// --store-metrics writes a graph of its own and replaces it on each run.
func TestNetworkStoreMetrics(t *testing.T) {
	store := sampleStore(t)
	before := stats(t, store)
	_, _, errs := dossier(t, "--store", store, "network", "--projection", "co-mention", "--store-metrics")
	if !strings.Contains(errs, "graph/metrics/co-mention-sentence") {
		t.Fatalf("no word of the metrics graph: %q", errs)
	}
	first := stats(t, store)
	if first.Quads <= before.Quads || first.Documents != before.Documents || first.Persons != before.Persons {
		t.Errorf("stats before %+v, after %+v", before, first)
	}
	mustDossier(t, "--store", store, "network", "--projection", "co-mention", "--store-metrics")
	if again := stats(t, store); again.Quads != first.Quads {
		t.Errorf("a second run changed the quad count from %d to %d", first.Quads, again.Quads)
	}
	var metrics []string
	for _, l := range dump(t, store) {
		if graphOf(l) == "https://dossier.example.org/graph/metrics/co-mention-sentence" {
			metrics = append(metrics, l)
		}
	}
	if len(metrics) != first.Quads-before.Quads {
		t.Errorf("%d quads in the metrics graph, %d added", len(metrics), first.Quads-before.Quads)
	}
	joined := strings.Join(metrics, "\n")
	for _, want := range []string{
		"<https://dossier-archive.github.io/ns#betweenness>",
		`^^<http://www.w3.org/2001/XMLSchema#double>`,
		"<https://dossier-archive.github.io/ns#community>",
		"<https://dossier-archive.github.io/ns#NetworkAnalysis>",
	} {
		if !strings.Contains(joined, want) {
			t.Errorf("metrics graph lacks %s", want)
		}
	}
}

func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return rows
}
