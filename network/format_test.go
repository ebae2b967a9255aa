package network

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"gonum.org/v1/gonum/graph/encoding/dot"
	"gonum.org/v1/gonum/graph/formats/cytoscapejs"
	"gonum.org/v1/gonum/graph/formats/gexf12"
	"gonum.org/v1/gonum/graph/simple"
)

// sample is the co-mention network of two triangles joined by a bridge,
// with labels that need escaping, measured.
func sample(t *testing.T) (*Network, *Measures) {
	t.Helper()
	n := small(t, false, "a b c d e f", "a-b:2", "b-c", "a-c", "d-e", "e-f:4", "d-f", "c-d")
	n.Nodes[0].Label = `Çako & "Mëhilli" <ed.>`
	n.Nodes[5].Kind = Organization
	return n, Measure(n, Options{Seed: 1})
}

func write(t *testing.T, f func(io.Writer, *Network, *Measures, WriteOptions) error, n *Network, m *Measures, o WriteOptions) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := f(&b, n, m, o); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// GraphML read back with structs of the test's own.
type gmlDoc struct {
	XMLName xml.Name `xml:"graphml"`
	Keys    []struct {
		ID   string `xml:"id,attr"`
		For  string `xml:"for,attr"`
		Name string `xml:"attr.name,attr"`
		Type string `xml:"attr.type,attr"`
	} `xml:"key"`
	Graph struct {
		EdgeDefault string `xml:"edgedefault,attr"`
		Nodes       []struct {
			ID   string    `xml:"id,attr"`
			Data []gmlData `xml:"data"`
		} `xml:"node"`
		Edges []struct {
			Source string    `xml:"source,attr"`
			Target string    `xml:"target,attr"`
			Data   []gmlData `xml:"data"`
		} `xml:"edge"`
	} `xml:"graph"`
}

type gmlData struct {
	Key   string `xml:"key,attr"`
	Value string `xml:",chardata"`
}

func TestGraphML(t *testing.T) {
	n, m := sample(t)
	out := write(t, WriteGraphML, n, m, WriteOptions{})
	var doc gmlDoc
	if err := xml.Unmarshal(out, &doc); err != nil {
		t.Fatalf("GraphML does not parse: %v\n%s", err, out)
	}
	if doc.XMLName.Space != "http://graphml.graphdrawing.org/xmlns" {
		t.Errorf("namespace %q", doc.XMLName.Space)
	}
	if len(doc.Graph.Nodes) != 6 || len(doc.Graph.Edges) != 7 || doc.Graph.EdgeDefault != "undirected" {
		t.Fatalf("%d nodes, %d edges, %s; want 6, 7, undirected", len(doc.Graph.Nodes), len(doc.Graph.Edges), doc.Graph.EdgeDefault)
	}
	keys := map[string]string{}
	for _, k := range doc.Keys {
		keys[k.ID] = k.For + " " + k.Type
	}
	for id, want := range map[string]string{
		"label": "node string", "kind": "node string", "degree": "node int", "weighted-degree": "node double",
		"betweenness": "node double", "closeness": "node double", "pagerank": "node double",
		"community": "node int", "weight": "edge double",
	} {
		if keys[id] != want {
			t.Errorf("key %s: %q, want %q", id, keys[id], want)
		}
	}
	if _, ok := keys["in-degree"]; ok {
		t.Error("an undirected network declares in-degree")
	}
	data := func(ds []gmlData) map[string]string {
		out := map[string]string{}
		for _, d := range ds {
			if _, ok := keys[d.Key]; !ok {
				t.Errorf("data for the undeclared key %q", d.Key)
			}
			out[d.Key] = d.Value
		}
		return out
	}
	a := data(doc.Graph.Nodes[0].Data)
	if doc.Graph.Nodes[0].ID != n.Nodes[0].IRI || a["label"] != `Çako & "Mëhilli" <ed.>` || a["degree"] != "2" || a["community"] != "1" {
		t.Errorf("node a: %s %v", doc.Graph.Nodes[0].ID, a)
	}
	// c lies between a, b and d, e, f: betweenness 6 (see the metrics tests).
	if c := data(doc.Graph.Nodes[2].Data); c["betweenness"] != "6" {
		t.Errorf("node c: %v", c)
	}
	weights := map[string]string{}
	for _, e := range doc.Graph.Edges {
		weights[e.Source[len(e.Source)-1:]+e.Target[len(e.Target)-1:]] = data(e.Data)["weight"]
	}
	if weights["ab"] != "2" || weights["ef"] != "4" || weights["cd"] != "1" {
		t.Errorf("edge weights %v", weights)
	}

	// A directed network says so and has in- and out-degree.
	d := small(t, true, "x y z", "x-y", "y-z")
	out = write(t, WriteGraphML, d, Measure(d, Options{}), WriteOptions{})
	doc = gmlDoc{}
	if err := xml.Unmarshal(out, &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Graph.EdgeDefault != "directed" || !bytes.Contains(out, []byte(`id="in-degree"`)) {
		t.Errorf("directed GraphML:\n%s", out)
	}
}

func TestGEXF(t *testing.T) {
	n, m := sample(t)
	out := write(t, WriteGEXF, n, m, WriteOptions{Metric: MetricBetweenness, Seed: 1})
	var doc gexf12.Content
	if err := xml.Unmarshal(out, &doc); err != nil {
		t.Fatalf("GEXF does not parse: %v\n%s", err, out)
	}
	g := doc.Graph
	if doc.Version != "1.2" || g.DefaultEdgeType != "undirected" {
		t.Errorf("version %q, edge type %q", doc.Version, g.DefaultEdgeType)
	}
	if len(g.Nodes.Nodes) != 6 || g.Nodes.Count != 6 || len(g.Edges.Edges) != 7 || g.Edges.Count != 7 {
		t.Fatalf("%d nodes, %d edges", len(g.Nodes.Nodes), len(g.Edges.Edges))
	}
	declared := map[string]string{}
	for _, as := range g.Attributes {
		if as.Class != "node" {
			t.Errorf("attributes of class %q", as.Class)
		}
		for _, a := range as.Attributes {
			declared[a.ID] = a.Type
		}
	}
	if declared["degree"] != "integer" || declared["betweenness"] != "double" || declared["kind"] != "string" {
		t.Errorf("declared attributes %v", declared)
	}
	for i, node := range g.Nodes.Nodes {
		if node.ID != n.Nodes[i].IRI || node.Label != n.Nodes[i].Label {
			t.Errorf("node %d: %s %q", i, node.ID, node.Label)
		}
		vals := map[string]string{}
		for _, v := range node.AttValues.AttValues {
			if _, ok := declared[v.For]; !ok {
				t.Errorf("value for the undeclared attribute %q", v.For)
			}
			vals[v.For] = v.Value
		}
		if vals["kind"] != string(n.Nodes[i].Kind) || vals["community"] != strconv.Itoa(m.Community[i]) {
			t.Errorf("node %d values %v", i, vals)
		}
		if node.Color == nil || node.Size == nil || node.Position == nil {
			t.Errorf("node %d without colour, size or position", i)
		}
	}
	// The two triangles are two communities, so two colours.
	if c0, c5 := g.Nodes.Nodes[0].Color, g.Nodes.Nodes[5].Color; *c0 == *c5 {
		t.Errorf("both communities are %v", *c0)
	}
	// c, the broker, is the largest node.
	if g.Nodes.Nodes[2].Size.Value <= g.Nodes.Nodes[0].Size.Value {
		t.Errorf("c (%v) is not larger than a (%v)", g.Nodes.Nodes[2].Size.Value, g.Nodes.Nodes[0].Size.Value)
	}
	var total float64
	for _, e := range g.Edges.Edges {
		total += e.Weight
	}
	if total != 2+1+1+1+4+1+1 {
		t.Errorf("edge weights sum to %v", total)
	}
	if again := write(t, WriteGEXF, n, m, WriteOptions{Metric: MetricBetweenness, Seed: 1}); !bytes.Equal(out, again) {
		t.Error("two GEXF exports of one network differ")
	}
}

func TestCSV(t *testing.T) {
	n, m := sample(t)
	nodes, err := csv.NewReader(bytes.NewReader(write(t, WriteNodesCSV, n, m, WriteOptions{}))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	edges, err := csv.NewReader(bytes.NewReader(write(t, WriteEdgesCSV, n, m, WriteOptions{}))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(nodes) != 7 || len(edges) != 8 {
		t.Fatalf("%d node rows, %d edge rows; want a header and 6, a header and 7", len(nodes), len(edges))
	}
	if strings.Join(nodes[0][:3], ",") != "Id,Label,Kind" || strings.Join(edges[0], ",") != "Source,Target,Type,Weight" {
		t.Errorf("headers %v, %v", nodes[0], edges[0])
	}
	if nodes[1][1] != `Çako & "Mëhilli" <ed.>` {
		t.Errorf("label read back as %q", nodes[1][1])
	}
	if edges[1][2] != "Undirected" || edges[1][3] != "2" {
		t.Errorf("first edge %v", edges[1])
	}
}

func TestCytoscapeJSON(t *testing.T) {
	n, m := sample(t)
	var doc cytoscapejs.GraphElem
	if err := json.Unmarshal(write(t, WriteCytoscape, n, m, WriteOptions{}), &doc); err != nil {
		t.Fatal(err)
	}
	nodes, edges := 0, 0
	for _, e := range doc.Elements {
		typ, err := e.Type()
		if err != nil {
			t.Fatal(err)
		}
		switch typ {
		case cytoscapejs.NodeElement:
			nodes++
			if e.Data.Attributes["label"] == nil || e.Data.Attributes["betweenness"] == nil || e.Position == nil {
				t.Errorf("node %s: %v", e.Data.ID, e.Data.Attributes)
			}
		case cytoscapejs.EdgeElement:
			edges++
			if e.Data.Attributes["weight"] == nil {
				t.Errorf("edge %s without weight", e.Data.ID)
			}
		}
	}
	if nodes != 6 || edges != 7 {
		t.Errorf("%d nodes, %d edges", nodes, edges)
	}
}

// The DOT output reads back with gonum's own decoder.
func TestDOT(t *testing.T) {
	n, m := sample(t)
	out := write(t, WriteDOT, n, m, WriteOptions{})
	g := simple.NewUndirectedGraph()
	if err := dot.Unmarshal(out, g); err != nil {
		t.Fatalf("DOT does not parse: %v\n%s", err, out)
	}
	if g.Nodes().Len() != 6 || g.Edges().Len() != 7 {
		t.Errorf("%d nodes, %d edges", g.Nodes().Len(), g.Edges().Len())
	}
	if !bytes.Contains(out, []byte(`label="Çako & \"Mëhilli\" <ed.>"`)) || !bytes.Contains(out, []byte(`weight=4`)) {
		t.Errorf("labels or weights missing:\n%s", out)
	}
	d := small(t, true, "x y z", "x-y", "y-z")
	out = write(t, WriteDOT, d, Measure(d, Options{}), WriteOptions{})
	if !bytes.HasPrefix(out, []byte("strict digraph")) {
		t.Errorf("directed network:\n%s", out)
	}
}

func TestTable(t *testing.T) {
	n, m := sample(t)
	out := string(write(t, WriteTable, n, m, WriteOptions{Metric: MetricBetweenness, Top: 3}))
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 5 { // caption, header, three rows
		t.Fatalf("table:\n%s", out)
	}
	// c and d tie at 6 and at weighted degree 3 (three edges of weight
	// 1 each): the label decides. The others have 0; e and f lead them
	// with weighted degree 1+4 = 5, and e comes first.
	for i, want := range []string{"1 c 6.00 3 1", "2 d 6.00 3 2", "3 e 0.00 2 2"} {
		if got := strings.Join(strings.Fields(lines[2+i]), " "); got != want {
			t.Errorf("row %d: %q, want %q", i+1, got, want)
		}
	}
	d := small(t, false, "x y", "x-y")
	if err := WriteTable(io.Discard, d, Measure(d, Options{}), WriteOptions{Metric: MetricInDegree}); err == nil {
		t.Error("in-degree of an undirected network accepted")
	}
}

// svgDoc counts what the picture holds.
type svgDoc struct {
	circles, labels, halos, edges int
	labelTexts                    []string
	title                         string
}

func parseSVG(t *testing.T, b []byte) svgDoc {
	t.Helper()
	var doc svgDoc
	dec := xml.NewDecoder(bytes.NewReader(b))
	var inLabel, inTitle bool
	depth := 0
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		} else if err != nil {
			t.Fatalf("SVG does not parse: %v", err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			depth++
			class := ""
			for _, a := range tok.Attr {
				if a.Name.Local == "class" {
					class = a.Value
				}
			}
			switch {
			case depth == 1 && (tok.Name.Local != "svg" || tok.Name.Space != "http://www.w3.org/2000/svg"):
				t.Fatalf("root element %v", tok.Name)
			case tok.Name.Local == "circle" && strings.HasPrefix(class, "node"):
				doc.circles++
			case tok.Name.Local == "line" && class == "edge":
				doc.edges++
			case tok.Name.Local == "text" && class == "label":
				doc.labels++
				inLabel = true
			case tok.Name.Local == "text" && class == "halo":
				doc.halos++
			case tok.Name.Local == "title" && depth == 2:
				inTitle = true
			}
		case xml.CharData:
			if inLabel {
				doc.labelTexts = append(doc.labelTexts, string(tok))
			}
			if inTitle {
				doc.title += string(tok)
			}
		case xml.EndElement:
			depth--
			inLabel, inTitle = false, false
		}
	}
	return doc
}

func TestSVG(t *testing.T) {
	st := testStore(t, talk(t))
	n, err := Project(context.Background(), st, CoMentionSentence, Filter{})
	if err != nil {
		t.Fatal(err)
	}
	m := Measure(n, Options{Seed: 1})
	o := WriteOptions{Metric: MetricBetweenness, Seed: 1}
	out := write(t, WriteSVG, n, m, o)
	doc := parseSVG(t, out)
	// Five nodes, all with an edge; four edges; every node labelled (a
	// network this small has room), each label with its halo.
	if doc.circles != 5 || doc.edges != 4 || doc.labels != 5 || doc.halos != 5 {
		t.Errorf("%d circles, %d edges, %d labels, %d halos; want 5, 4, 5, 5", doc.circles, doc.edges, doc.labels, doc.halos)
	}
	if strings.Join(doc.labelTexts, "|") == "" || !strings.Contains(strings.Join(doc.labelTexts, "|"), "Tao Ming") {
		t.Errorf("labels %q", doc.labelTexts)
	}
	if !strings.Contains(doc.title, "same sentence") {
		t.Errorf("title %q", doc.title)
	}
	if again := write(t, WriteSVG, n, m, o); !bytes.Equal(out, again) {
		t.Error("the same seed drew two different pictures")
	}

	// The sample: an isolated node is not drawn and the title says so.
	s, sm := sample(t)
	s = New(s.Projection, false, append(s.Nodes, Node{IRI: "https://dossier.example.org/person/z", Label: "Zed", Kind: Person}), s.Edges)
	sm = Measure(s, Options{Seed: 1})
	out = write(t, WriteSVG, s, sm, o)
	doc = parseSVG(t, out)
	if doc.circles != 6 || doc.edges != 7 || doc.labels != 6 || !bytes.Contains(out, []byte("1 without an edge not drawn")) {
		t.Errorf("%d circles, %d edges, %d labels", doc.circles, doc.edges, doc.labels)
	}
	renderPNG(t, out, "sample")

	// A directed network has arrows.
	d := small(t, true, "x y z", "x-y", "y-z")
	out = write(t, WriteSVG, d, Measure(d, Options{}), WriteOptions{Metric: MetricPageRank})
	if doc := parseSVG(t, out); doc.circles != 3 || !bytes.Contains(out, []byte(`marker-end="url(#arrow)"`)) {
		t.Errorf("directed picture: %d circles\n%s", doc.circles, out)
	}
	renderPNG(t, out, "directed")
}

// renderPNG renders an SVG with rsvg-convert (librsvg2-bin), an
// independent renderer, and checks it gives a PNG. With
// DOSSIER_NETWORK_PNG set to a directory the PNG is kept there, to be
// looked at.
func renderPNG(t *testing.T, svg []byte, name string) {
	t.Helper()
	rsvg, err := exec.LookPath("rsvg-convert")
	if err != nil {
		t.Log("rsvg-convert not installed (Debian: librsvg2-bin); the picture is not rendered")
		return
	}
	dir := os.Getenv("DOSSIER_NETWORK_PNG")
	if dir == "" {
		dir = t.TempDir()
	}
	in := filepath.Join(dir, name+".svg")
	png := filepath.Join(dir, name+".png")
	if err := os.WriteFile(in, svg, 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(rsvg, "-o", png, in).CombinedOutput(); err != nil {
		t.Fatalf("rsvg-convert: %v\n%s", err, out)
	}
	b, err := os.ReadFile(png)
	if err != nil {
		t.Fatal(err)
	}
	if len(b) < 1000 || !bytes.HasPrefix(b, []byte("\x89PNG\r\n\x1a\n")) {
		t.Errorf("rsvg-convert wrote %d bytes that are not a PNG", len(b))
	}
}

func TestFormats(t *testing.T) {
	for _, c := range []struct{ path, want string }{
		{"net.gexf", "gexf"}, {"NET.GraphML", "graphml"}, {"a/b.svg", "svg"}, {"x.gv", "dot"},
		{"x.dot", "dot"}, {"x.json", "json"}, {"people.csv", "csv"},
	} {
		f, ok := FormatByExt(c.path)
		if !ok || f.Name != c.want {
			t.Errorf("FormatByExt(%q) = %q, %v; want %q", c.path, f.Name, ok, c.want)
		}
	}
	if _, ok := FormatByExt("x.txt"); ok {
		t.Error("the table has an extension")
	}
	if _, err := FormatByName("pdf"); err == nil {
		t.Error("pdf accepted")
	}
	if f, err := FormatByName("CSV"); err != nil || f.Edges == nil {
		t.Error("csv writes no edges file")
	}
}

// TestNetworkXReads parses the GEXF and GraphML exports with NetworkX,
// the reader Gephi users script with, when it is installed.
func TestNetworkXReads(t *testing.T) {
	if testing.Short() {
		t.Skip("NetworkX takes seconds to start")
	}
	if exec.Command("python3", "-c", "import networkx").Run() != nil {
		t.Skip("python3 with networkx not installed")
	}
	n, m := sample(t)
	d := small(t, true, "x y z", "x-y", "y-z")
	dir := t.TempDir()
	files := map[string][]byte{
		"u.gexf":    write(t, WriteGEXF, n, m, WriteOptions{}),
		"u.graphml": write(t, WriteGraphML, n, m, WriteOptions{}),
		"d.gexf":    write(t, WriteGEXF, d, Measure(d, Options{}), WriteOptions{}),
		"d.graphml": write(t, WriteGraphML, d, Measure(d, Options{}), WriteOptions{}),
	}
	for name, b := range files {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	const script = `
import sys, networkx as nx
for name, read in [("u.gexf", nx.read_gexf), ("u.graphml", nx.read_graphml), ("d.gexf", nx.read_gexf), ("d.graphml", nx.read_graphml)]:
    g = read(sys.argv[1] + "/" + name)
    c = next((v for v, a in g.nodes(data=True) if a.get("label") == "c"), None)
    print(name, type(g).__name__, g.number_of_nodes(), g.number_of_edges(),
          g.nodes[c]["betweenness"] if name.startswith("u") else g.nodes["https://dossier.example.org/person/y"]["in-degree"],
          sum(w for _, _, w in g.edges(data="weight")))
`
	// Name, kind of graph, nodes, edges, the betweenness of c (undirected)
	// or the in-degree of y (directed), the sum of the weights.
	out, err := exec.Command("python3", "-c", script, dir).CombinedOutput()
	if err != nil {
		t.Fatalf("networkx: %v\n%s", err, out)
	}
	want := "u.gexf Graph 6 7 6.0 11.0\nu.graphml Graph 6 7 6.0 11.0\nd.gexf DiGraph 3 2 1 2.0\nd.graphml DiGraph 3 2 1 2.0\n"
	if string(out) != want {
		t.Errorf("networkx read:\n%s\nwant:\n%s", out, want)
	}
}
