package network

import (
	"math"
	"strings"
	"testing"
)

// small builds a network on nodes named by single letters ("a" … ), from
// edges written "a-b" (weight 1) or "a-b:4".
func small(t *testing.T, directed bool, nodes string, edges ...string) *Network {
	t.Helper()
	var ns []Node
	index := map[string]int{}
	for _, name := range strings.Fields(nodes) {
		index[name] = len(ns)
		ns = append(ns, Node{IRI: "https://dossier.example.org/person/" + name, Label: name, Kind: Person})
	}
	var es []Edge
	for _, e := range edges {
		w := 1.0
		if a, b, ok := strings.Cut(e, ":"); ok {
			e = a
			switch b {
			case "2":
				w = 2
			case "4":
				w = 4
			default:
				t.Fatalf("weight %q", b)
			}
		}
		u, v, _ := strings.Cut(e, "-")
		if _, ok := index[u]; !ok {
			t.Fatalf("edge %q: no node %q", e, u)
		}
		if _, ok := index[v]; !ok {
			t.Fatalf("edge %q: no node %q", e, v)
		}
		es = append(es, Edge{From: index[u], To: index[v], Weight: w})
	}
	return New("test", directed, ns, es)
}

// byName returns the values of s by node label.
func byName(n *Network, s []float64) map[string]float64 {
	out := map[string]float64{}
	for i, v := range s {
		out[n.Nodes[i].Label] = v
	}
	return out
}

func checkValues(t *testing.T, what string, n *Network, got []float64, want map[string]float64) {
	t.Helper()
	g := byName(n, got)
	for name, w := range want {
		if math.Abs(g[name]-w) > 1e-6 {
			t.Errorf("%s of %s = %.9g, want %.9g", what, name, g[name], w)
		}
	}
	if len(g) != len(want) {
		t.Errorf("%s: %d nodes, want %d", what, len(g), len(want))
	}
}

// The path a–b–c–d.
//
//	degree: the ends have one neighbour, the middle two.
//	betweenness: b lies on the only shortest paths a–c and a–d: 2; c on
//	  a–d and b–d: 2; the ends on none.
//	closeness (N-1)/Σd: a: 3/(1+2+3) = 0.5; b: 3/(1+1+2) = 0.75.
//	PageRank (d = 0.85, N = 4, each edge an arc both ways), by symmetry
//	  a = d and b = c:
//	    a = 0.15/4 + 0.85·b/2
//	    b = 0.15/4 + 0.85·(a + b/2)
//	  so 0.575b = 0.0375 + 0.85a = 0.0375 + 0.85(0.0375 + 0.425b),
//	  0.21375b = 0.069375, b = 37/114 = 0.324561…, a = 20/114 = 0.175438….
func TestMetricsPath(t *testing.T) {
	n := small(t, false, "a b c d", "a-b", "b-c", "c-d")
	checkValues(t, "degree", n, Degree(n), map[string]float64{"a": 1, "b": 2, "c": 2, "d": 1})
	checkValues(t, "weighted degree", n, WeightedDegree(n), map[string]float64{"a": 1, "b": 2, "c": 2, "d": 1})
	for _, d := range []Distance{Inverse, Hops} { // all weights 1: the same
		checkValues(t, "betweenness "+string(d), n, Betweenness(n, d), map[string]float64{"a": 0, "b": 2, "c": 2, "d": 0})
		checkValues(t, "closeness "+string(d), n, Closeness(n, d), map[string]float64{"a": 0.5, "b": 0.75, "c": 0.75, "d": 0.5})
	}
	checkValues(t, "pagerank", n, PageRank(n, 0), map[string]float64{"a": 20.0 / 114, "b": 37.0 / 114, "c": 37.0 / 114, "d": 20.0 / 114})
}

// The star with centre s and leaves a, b, c, d.
//
//	degree: s 4, leaves 1.
//	betweenness: s lies on the one shortest path between each pair of
//	  leaves: C(4,2) = 6.
//	closeness: s 4/(1+1+1+1) = 1; a leaf 4/(1+2+2+2) = 4/7.
//	PageRank: s = 0.15/5 + 0.85·4l (each leaf gives s all it has), and
//	  l = 0.03 + 0.85·s/4; so s = 0.03 + 3.4(0.03 + 0.2125s),
//	  0.2775s = 0.132, s = 0.475676…, l = (1-s)/4 = 0.131081….
func TestMetricsStar(t *testing.T) {
	n := small(t, false, "s a b c d", "s-a", "s-b", "s-c", "s-d")
	checkValues(t, "degree", n, Degree(n), map[string]float64{"s": 4, "a": 1, "b": 1, "c": 1, "d": 1})
	checkValues(t, "betweenness", n, Betweenness(n, Inverse), map[string]float64{"s": 6, "a": 0, "b": 0, "c": 0, "d": 0})
	checkValues(t, "closeness", n, Closeness(n, Inverse), map[string]float64{"s": 1, "a": 4.0 / 7, "b": 4.0 / 7, "c": 4.0 / 7, "d": 4.0 / 7})
	s := 0.132 / 0.2775
	l := (1 - s) / 4
	checkValues(t, "pagerank", n, PageRank(n, 0.85), map[string]float64{"s": s, "a": l, "b": l, "c": l, "d": l})
}

// The triangle a, b, c with a tail c–d.
//
//	degree: a 2, b 2, c 3, d 1.
//	betweenness: only c lies between two others (a–d, b–d): 2.
//	closeness: a 3/(1+1+2) = 0.75, b the same, c 3/(1+1+1) = 1,
//	  d 3/(1+2+2) = 0.6.
func TestMetricsTriangleWithTail(t *testing.T) {
	n := small(t, false, "a b c d", "a-b", "b-c", "a-c", "c-d")
	checkValues(t, "degree", n, Degree(n), map[string]float64{"a": 2, "b": 2, "c": 3, "d": 1})
	checkValues(t, "betweenness", n, Betweenness(n, Hops), map[string]float64{"a": 0, "b": 0, "c": 2, "d": 0})
	checkValues(t, "closeness", n, Closeness(n, Hops), map[string]float64{"a": 0.75, "b": 0.75, "c": 1, "d": 0.6})
}

// A weighted triangle: a–b and b–c named together 4 times, a–c once.
// With lengths 1/w the path a–b–c (0.25 + 0.25 = 0.5) is shorter than the
// edge a–c (1), so b lies between a and c: betweenness 1. Counting hops,
// a–c is direct and nobody lies between anyone.
//
//	weighted degree: a 4+1 = 5, b 4+4 = 8, c 5.
//	closeness (inverse): a 2/(0.25+0.5) = 8/3, b 2/(0.25+0.25) = 4.
func TestMetricsWeights(t *testing.T) {
	n := small(t, false, "a b c", "a-b:4", "b-c:4", "a-c")
	checkValues(t, "weighted degree", n, WeightedDegree(n), map[string]float64{"a": 5, "b": 8, "c": 5})
	checkValues(t, "betweenness inverse", n, Betweenness(n, Inverse), map[string]float64{"a": 0, "b": 1, "c": 0})
	checkValues(t, "betweenness hops", n, Betweenness(n, Hops), map[string]float64{"a": 0, "b": 0, "c": 0})
	checkValues(t, "closeness inverse", n, Closeness(n, Inverse), map[string]float64{"a": 8.0 / 3, "b": 4, "c": 8.0 / 3})
	checkValues(t, "closeness hops", n, Closeness(n, Hops), map[string]float64{"a": 1, "b": 1, "c": 1})
}

// Two components, a–b and the path c–d–e, and f alone (N = 6). Closeness
// in the form of Wasserman and Faust, (r-1)/(N-1) · (r-1)/Σd:
//
//	a: r = 2, Σd = 1: 1/5 · 1/1 = 0.2
//	c: r = 3, Σd = 1+2 = 3: 2/5 · 2/3 = 4/15
//	d: r = 3, Σd = 1+1 = 2: 2/5 · 2/2 = 0.4
//	f: r = 1: 0
func TestClosenessDisconnected(t *testing.T) {
	n := small(t, false, "a b c d e f", "a-b", "c-d", "d-e")
	checkValues(t, "closeness", n, Closeness(n, Hops), map[string]float64{"a": 0.2, "b": 0.2, "c": 4.0 / 15, "d": 0.4, "e": 4.0 / 15, "f": 0})
}

// The directed chain x → y → z.
//
//	degree (in + out): x 1, y 2, z 1; in-degree x 0, y 1, z 1.
//	betweenness: y lies on the one path x → z: 1 (directed pairs count
//	  once each way, and there is only one way).
//	closeness, by paths that reach the node: x none (0); y from x:
//	  r = 2, 1/2 · 1/1 = 0.5; z from y (1) and x (2): r = 3,
//	  2/2 · 2/3 = 2/3.
//	PageRank: z has no arc out, so gonum spreads its rank over all three
//	  (z/3 each). With k = 0.85/3:
//	    x = 0.05 + k·z
//	    y = 0.05 + 0.85x + k·z = 0.0925 + 1.85k·z
//	    z = 0.05 + 0.85y + k·z, so z(1 - 2.5725k) = 0.128625,
//	  z = 0.128625/0.271125 = 0.474412…, x = 0.184417…, y = 0.341171….
func TestMetricsDirectedChain(t *testing.T) {
	n := small(t, true, "x y z", "x-y", "y-z")
	checkValues(t, "degree", n, Degree(n), map[string]float64{"x": 1, "y": 2, "z": 1})
	checkValues(t, "in-degree", n, InDegree(n), map[string]float64{"x": 0, "y": 1, "z": 1})
	checkValues(t, "out-degree", n, OutDegree(n), map[string]float64{"x": 1, "y": 1, "z": 0})
	checkValues(t, "betweenness", n, Betweenness(n, Inverse), map[string]float64{"x": 0, "y": 1, "z": 0})
	checkValues(t, "closeness", n, Closeness(n, Inverse), map[string]float64{"x": 0, "y": 0.5, "z": 2.0 / 3})
	k := 0.85 / 3
	z := 0.128625 / 0.271125
	checkValues(t, "pagerank", n, PageRank(n, 0), map[string]float64{"x": 0.05 + k*z, "y": 0.0925 + 1.85*k*z, "z": z})
}

// Two triangles joined by the bridge c–d. Splitting them gives modularity
// 2·(3/7 - (7/14)²) = 0.357 against 0 for one community, the best there is;
// both have three members, so the one with the first node (a) is 1.
func TestCommunitiesTwoTriangles(t *testing.T) {
	n := small(t, false, "a b c d e f", "a-b", "b-c", "a-c", "d-e", "e-f", "d-f", "c-d")
	for seed := uint64(0); seed < 5; seed++ {
		got := Communities(n, seed, 0)
		want := []int{1, 1, 1, 2, 2, 2}
		for i := range want {
			if got[i] != want[i] {
				t.Fatalf("seed %d: communities %v, want %v", seed, got, want)
			}
		}
	}
	m := Measure(n, Options{})
	if m.Communities != 2 || m.InDegree != nil || !m.Has(MetricBetweenness) || m.Has(MetricInDegree) {
		t.Errorf("Measure: %d communities, in-degree %v", m.Communities, m.InDegree)
	}
	// c lies on the one shortest path from a or b to d, e or f: 2·3 = 6
	// pairs; d likewise from a, b or c to e or f: 3·2 = 6.
	checkValues(t, "betweenness", n, m.Betweenness, map[string]float64{"a": 0, "b": 0, "c": 6, "d": 6, "e": 0, "f": 0})
}

func TestNewMergesAndSorts(t *testing.T) {
	nodes := []Node{{IRI: "z", Label: "Z"}, {IRI: "a", Label: "A"}, {IRI: "m", Label: "M"}}
	edges := []Edge{{0, 1, 1}, {1, 0, 2}, {2, 2, 5}, {2, 0, 0}, {1, 2, 1}}
	n := New("test", false, nodes, edges)
	if n.Nodes[0].IRI != "a" || n.Nodes[2].IRI != "z" {
		t.Fatalf("nodes not sorted: %v", n.Nodes)
	}
	// z–a twice (1 + 2) merge into a–z of weight 3; the self-loop and the
	// zero weight go; a–m stays.
	want := []Edge{{0, 1, 1}, {0, 2, 3}}
	if len(n.Edges) != len(want) || n.Edges[0] != want[0] || n.Edges[1] != want[1] {
		t.Fatalf("edges %v, want %v", n.Edges, want)
	}
	if n.Weight(2, 0) != 3 || n.Weight(0, 2) != 3 || n.Weight(1, 2) != 0 || n.NodeIndex("m") != 1 || n.NodeIndex("q") != -1 {
		t.Error("lookup by index or IRI is wrong")
	}
	d := New("test", true, nodes, edges)
	if d.Weight(2, 0) != 1 || d.Weight(0, 2) != 2 {
		t.Errorf("directed weights a→z %v, z→a %v; want 1 and 2", d.Weight(0, 2), d.Weight(2, 0))
	}
}
