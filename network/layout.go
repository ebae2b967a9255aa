package network

import (
	"math"
	"math/rand/v2"
	"sort"

	"gonum.org/v1/gonum/graph/layout"
	"gonum.org/v1/gonum/spatial/r2"
)

// Point is a position on the plane.
type Point struct{ X, Y float64 }

// Layout places the nodes that have at least one edge: each connected
// component is laid out by gonum's force-directed layout (layout.EadesR2,
// every edge the same spring, so that a heavy tie does not fling its ends
// together), scaled so that its edges are about one unit long, and the
// components are packed in rows, the largest first. Isolated nodes are not
// placed (placed[i] is false). The same network and seed give the same
// layout.
func Layout(n *Network, seed uint64) (pos []Point, placed []bool) {
	pos = make([]Point, len(n.Nodes))
	placed = make([]bool, len(n.Nodes))
	type box struct {
		nodes      []int
		w, h       float64
		minX, minY float64
	}
	var boxes []box
	for ci, comp := range components(n) {
		if len(comp) < 2 {
			continue
		}
		local := componentLayout(n, comp, seed, uint64(ci))
		b := box{nodes: comp, minX: math.Inf(1), minY: math.Inf(1)}
		maxX, maxY := math.Inf(-1), math.Inf(-1)
		for k, i := range comp {
			pos[i] = local[k]
			placed[i] = true
			b.minX, b.minY = math.Min(b.minX, local[k].X), math.Min(b.minY, local[k].Y)
			maxX, maxY = math.Max(maxX, local[k].X), math.Max(maxY, local[k].Y)
		}
		b.w, b.h = maxX-b.minX, maxY-b.minY
		boxes = append(boxes, b)
	}
	// Shelf packing: rows no wider than the largest box or the square
	// root of the total area, whichever is wider.
	const gap = 2
	area, widest := 0.0, 0.0
	for _, b := range boxes {
		area += (b.w + gap) * (b.h + gap)
		widest = math.Max(widest, b.w)
	}
	width := math.Max(widest, math.Sqrt(area)*1.3)
	x, y, rowH := 0.0, 0.0, 0.0
	for _, b := range boxes {
		if x > 0 && x+b.w > width {
			x, y, rowH = 0, y+rowH+gap, 0
		}
		for _, i := range b.nodes {
			pos[i] = Point{pos[i].X - b.minX + x, pos[i].Y - b.minY + y}
		}
		x += b.w + gap
		rowH = math.Max(rowH, b.h)
	}
	return pos, placed
}

// components returns the connected components (edges taken either way),
// the largest first, ties by their first node; each sorted by index.
func components(n *Network) [][]int {
	seen := make([]bool, len(n.Nodes))
	var out [][]int
	for s := range n.Nodes {
		if seen[s] {
			continue
		}
		comp := []int{s}
		seen[s] = true
		for k := 0; k < len(comp); k++ {
			for _, v := range n.Neighbours(comp[k]) {
				if !seen[v] {
					seen[v] = true
					comp = append(comp, v)
				}
			}
		}
		sort.Ints(comp)
		out = append(out, comp)
	}
	sort.SliceStable(out, func(i, j int) bool { return len(out[i]) > len(out[j]) })
	return out
}

// componentLayout lays out one component; positions follow comp.
func componentLayout(n *Network, comp []int, seed, stream uint64) []Point {
	out := make([]Point, len(comp))
	if len(comp) == 2 {
		out[1] = Point{1, 0}
		return out
	}
	index := make(map[int]int, len(comp))
	nodes := make([]Node, len(comp))
	for k, i := range comp {
		index[i] = k
		nodes[k] = n.Nodes[i]
	}
	var edges []Edge
	for _, e := range n.Edges {
		if u, ok := index[e.From]; ok {
			edges = append(edges, Edge{From: u, To: index[e.To], Weight: 1})
		}
	}
	sub := New(n.Projection, false, nodes, edges) // same order: comp is sorted, IRIs too
	// gonum's example rate (0.05) makes the springs of a hub with many
	// leaves overshoot and the layout fly apart, and two nodes that land
	// on one point stop it (the spring's log of 0); 0.01 with more steps
	// settles. A layout that stops early or spreads too far is redone
	// slower, and after four tries the component is drawn as a circle.
	const updates = 600
	rate := 0.01
	for try := 0; try < 4; try++ {
		eades := layout.EadesR2{
			Repulsion: 1,
			Rate:      rate,
			Updates:   updates,
			Theta:     0.2,
			Src:       rand.NewPCG(seed, stream),
		}
		opt := layout.NewOptimizerR2(sub.Graph(), eades.Update)
		steps := 0
		for opt.Update() {
			steps++
		}
		for k := range comp {
			out[k] = fromR2(opt.Coord2(int64(k)))
		}
		if steps == updates && normalize(out, sub.Edges) {
			return out
		}
		rate /= 4
	}
	for k := range out {
		a := 2 * math.Pi * float64(k) / float64(len(out))
		out[k] = Point{math.Cos(a), math.Sin(a)}
	}
	normalize(out, sub.Edges)
	return out
}

// normalize scales a component's layout so that its median edge is one
// unit long, and reports whether the layout is sound: finite, and no
// wider than a hundred median edges.
func normalize(pos []Point, edges []Edge) bool {
	var lengths []float64
	for _, e := range edges {
		a, b := pos[e.From], pos[e.To]
		lengths = append(lengths, math.Hypot(a.X-b.X, a.Y-b.Y))
	}
	sort.Float64s(lengths)
	m := lengths[len(lengths)/2]
	if !(m > 0) || math.IsInf(m, 0) {
		return false
	}
	minX, minY, maxX, maxY := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for k := range pos {
		pos[k] = Point{pos[k].X / m, pos[k].Y / m}
		minX, minY = math.Min(minX, pos[k].X), math.Min(minY, pos[k].Y)
		maxX, maxY = math.Max(maxX, pos[k].X), math.Max(maxY, pos[k].Y)
	}
	if maxX-minX >= 100 || maxY-minY >= 100 {
		return false
	}
	spread(pos)
	return true
}

// spread enlarges a layout whose nodes crowd: a star of many leaves has
// its edges one unit long but its leaves a fraction of a unit apart, too
// close for their labels. The layout is scaled (at most fourfold) until
// nine nodes in ten are at least minGap from their nearest neighbour.
func spread(pos []Point) {
	const minGap = 0.4
	if len(pos) < 3 {
		return
	}
	nearest := make([]float64, len(pos))
	for i := range pos {
		nearest[i] = math.Inf(1)
		for j := range pos {
			if i != j {
				nearest[i] = math.Min(nearest[i], math.Hypot(pos[i].X-pos[j].X, pos[i].Y-pos[j].Y))
			}
		}
	}
	sort.Float64s(nearest)
	p10 := nearest[len(nearest)/10]
	if p10 >= minGap {
		return
	}
	f := 4.0
	if p10 > 0 {
		f = math.Min(minGap/p10, 4)
	}
	for k := range pos {
		pos[k] = Point{pos[k].X * f, pos[k].Y * f}
	}
}

func fromR2(v r2.Vec) Point { return Point{v.X, v.Y} }
