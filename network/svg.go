package network

import (
	"bufio"
	"encoding/xml"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"
)

// palette colours the ten largest communities (Tableau 10, chosen to stay
// apart for most readers, its grey replaced by an ochre so that grey means
// only "the others").
var palette = []string{
	"#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f",
	"#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#b6992d",
}

const otherColour = "#c8c8c8"

// Colour returns the colour of node i's community: the palette's, in
// order, for the ten largest communities of two or more; grey for the
// rest and for nodes alone.
func (m *Measures) Colour(i int) string {
	c := m.Community[i]
	if c >= 1 && c <= len(palette) && m.communitySize(c) >= 2 {
		return palette[c-1]
	}
	return otherColour
}

// RGB is Colour as red, green and blue.
func (m *Measures) RGB(i int) (r, g, b byte) {
	v, _ := strconv.ParseUint(strings.TrimPrefix(m.Colour(i), "#"), 16, 32)
	return byte(v >> 16), byte(v >> 8), byte(v)
}

// communitySize counts the members of community c (Measure counts them
// once; a Measures made by hand is counted on each call).
func (m *Measures) communitySize(c int) int {
	if m.sizes == nil {
		n := 0
		for _, x := range m.Community {
			if x == c {
				n++
			}
		}
		return n
	}
	if c < 0 || c >= len(m.sizes) {
		return 0
	}
	return m.sizes[c]
}

// radii sizes the nodes by metric k so that a circle's area is in
// proportion to the value: rmax for the largest, never less than rmin. A
// community number is no size, so by community the nodes are sized by
// weighted degree.
func radii(n *Network, m *Measures, k Metric, rmin, rmax float64) []float64 {
	k = sizeMetric(k)
	hi := 0.0
	for i := range n.Nodes {
		v, _ := m.Value(k, i)
		hi = math.Max(hi, v)
	}
	out := make([]float64, len(n.Nodes))
	for i := range out {
		v, _ := m.Value(k, i)
		out[i] = rmin
		if hi > 0 && v > 0 {
			out[i] = math.Max(rmin, rmax*math.Sqrt(v/hi))
		}
	}
	return out
}

func sizeMetric(k Metric) Metric {
	if k == MetricCommunity {
		return MetricWeightedDegree
	}
	return k
}

// layoutAll is Layout with the isolated nodes placed too, in rows under
// the rest, one unit apart.
func layoutAll(n *Network, seed uint64) []Point {
	pos, placed := Layout(n, seed)
	bottom, left := 0.0, 0.0
	for i, p := range pos {
		if placed[i] {
			bottom = math.Max(bottom, p.Y)
		}
	}
	width := 0.0
	for i, p := range pos {
		if placed[i] {
			width = math.Max(width, p.X)
		}
	}
	width = math.Max(width, 10)
	x, y := left, bottom+2
	for i := range pos {
		if placed[i] {
			continue
		}
		pos[i] = Point{x, y}
		x++
		if x > width {
			x, y = left, y+1
		}
	}
	return pos
}

// WeightUnit says what an edge's weight counts in the projection.
func (p Projection) WeightUnit() string {
	switch p {
	case CoMentionSentence:
		return "sentences"
	case CoMentionParagraph:
		return "paragraphs or turns"
	case CoMentionDocument:
		return "documents"
	case Speaker:
		return "turns"
	}
	return "events"
}

// svgStyle is what a picture looks like.
const (
	svgScale     = 90.0   // pixels per layout unit (about one edge)
	svgMaxWidth  = 1500.0 // of the drawing, legend aside
	svgMargin    = 40.0
	svgTop       = 84.0 // room for the title
	svgFont      = "DejaVu Sans, Verdana, Helvetica, Arial, sans-serif"
	charWidth    = 0.62 // of the font size, a generous average for DejaVu Sans
	alwaysLabels = 12   // the highest-ranked nodes are labelled even when crowded
)

// label is a placed label: its box and where its text starts.
type label struct {
	node           int
	x, y           float64 // text anchor (start) and baseline
	size           float64
	x0, y0, x1, y1 float64
}

func (a label) overlaps(b label) bool {
	return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1
}

// hitsCircle reports whether the label's box meets a circle.
func (a label) hitsCircle(cx, cy, r float64) bool {
	nx := math.Max(a.x0, math.Min(cx, a.x1))
	ny := math.Max(a.y0, math.Min(cy, a.y1))
	return math.Hypot(nx-cx, ny-cy) < r
}

// legendLine is one line of the legend: text, maybe a swatch, maybe bold.
type legendLine struct {
	text   string
	colour string  // a swatch of this colour before the text
	circle float64 // or a grey circle of this radius (a size key)
	bold   bool
	gap    float64 // space above
}

// WriteSVG draws the network: the nodes that have an edge, placed by
// Layout (seeded with o.Seed), each a circle whose area is in proportion
// to o.Metric and whose colour is its community's; edges as lines as thick
// as their weight (arrows for a directed network); labels with a white
// halo, placed so that they overlap neither each other nor the circles,
// the highest-ranked nodes first (a node whose label finds no free place
// is left unlabelled, unless it is among the first twelve); a title saying
// what the network is, and a legend of the communities, sizes and lines.
func WriteSVG(w io.Writer, n *Network, m *Measures, o WriteOptions) error {
	k := o.metric()
	pos, placed := Layout(n, o.Seed)
	drawn := 0
	for _, p := range placed {
		if p {
			drawn++
		}
	}
	radius := radii(n, m, k, 3.5, 20)

	// Map layout units to pixels, shrinking a large network to fit.
	maxX := 0.0
	for i, p := range pos {
		if placed[i] {
			maxX = math.Max(maxX, p.X)
		}
	}
	scale := svgScale
	if maxX*scale > svgMaxWidth {
		scale = math.Max(svgMaxWidth/maxX, 30)
	}
	left := svgMargin + 20.0
	px := func(p Point) (float64, float64) { return left + p.X*scale, svgTop + 24 + p.Y*scale }

	order := Rank(n, m, k)
	labels := placeLabels(n, order, pos, placed, radius, px)

	// The drawing's extent, labels included; left labels may reach past
	// the margin, so everything is shifted right when they do.
	x0, x1, y1 := math.Inf(1), svgMargin+300, svgTop
	for i, p := range pos {
		if placed[i] {
			x, y := px(p)
			x0, x1, y1 = math.Min(x0, x-radius[i]), math.Max(x1, x+radius[i]), math.Max(y1, y+radius[i])
		}
	}
	for _, l := range labels {
		x0, x1, y1 = math.Min(x0, l.x0), math.Max(x1, l.x1), math.Max(y1, l.y1)
	}
	shift := 0.0
	if x0 < svgMargin {
		shift = svgMargin - x0
	}
	legendX := x1 + shift + 40
	legend := legendLines(n, m, k, o, radius)
	legendW, legendH := 0.0, 0.0
	for _, l := range legend {
		legendW = math.Max(legendW, 22+float64(len([]rune(l.text)))*12*charWidth)
		legendH += 20 + l.gap + 2*l.circle
	}
	title := o.title(n)
	sub := summary(n, m)
	if drawn < len(n.Nodes) {
		sub += fmt.Sprintf("; %d without an edge not drawn", len(n.Nodes)-drawn)
	}
	if f := o.Filter.String(); f != "" {
		sub += "; " + f
	}
	width := math.Max(legendX+legendW+svgMargin, svgMargin+math.Max(float64(len([]rune(title)))*21*0.64, float64(len([]rune(sub)))*13*charWidth)+svgMargin)
	height := math.Max(y1, svgTop+16+legendH) + svgMargin

	b := bufio.NewWriter(w)
	fmt.Fprintf(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
	fmt.Fprintf(b, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\" font-family=\"%s\">\n", width, height, width, height, svgFont)
	fmt.Fprintf(b, "<title>%s</title>\n", esc(title))
	fmt.Fprintf(b, "<rect width=\"100%%\" height=\"100%%\" fill=\"#ffffff\"/>\n")
	if n.Directed {
		fmt.Fprintf(b, "<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"8\" markerHeight=\"8\" markerUnits=\"userSpaceOnUse\" orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#666666\"/></marker></defs>\n")
	}
	fmt.Fprintf(b, "<g transform=\"translate(%.1f 0)\">\n", shift)

	// Edges, lightest first so that strong ties lie on top.
	edges := make([]int, len(n.Edges))
	for i := range edges {
		edges[i] = i
	}
	sort.SliceStable(edges, func(a, c int) bool { return n.Edges[edges[a]].Weight < n.Edges[edges[c]].Weight })
	fmt.Fprintf(b, "<g class=\"edges\" stroke=\"#8a8a8a\" stroke-opacity=\"0.6\" stroke-linecap=\"round\">\n")
	sep := "—"
	if n.Directed {
		sep = "→"
	}
	for _, ei := range edges {
		e := n.Edges[ei]
		xa, ya := px(pos[e.From])
		xb, yb := px(pos[e.To])
		sw := math.Min(0.8+1.3*math.Log2(e.Weight), 6)
		arrow := ""
		if n.Directed {
			// End the line at the target's rim, where the arrow points.
			if d := math.Hypot(xb-xa, yb-ya); d > 0 {
				cut := radius[e.To] + 1.5
				xb, yb = xb-(xb-xa)*cut/d, yb-(yb-ya)*cut/d
			}
			arrow = ` marker-end="url(#arrow)"`
		}
		fmt.Fprintf(b, "<line class=\"edge\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke-width=\"%.1f\"%s><title>%s %s %s: %s %s</title></line>\n",
			xa, ya, xb, yb, sw, arrow, esc(n.Nodes[e.From].Label), sep, esc(n.Nodes[e.To].Label), exact(e.Weight), n.Projection.WeightUnit())
	}
	fmt.Fprintf(b, "</g>\n")

	// Nodes, the largest first so that small ones stay visible on top.
	fmt.Fprintf(b, "<g class=\"nodes\" stroke=\"#ffffff\" stroke-width=\"1.2\">\n")
	for _, i := range order {
		if !placed[i] {
			continue
		}
		x, y := px(pos[i])
		v, _ := m.Value(k, i)
		fmt.Fprintf(b, "<circle class=\"node %s\" cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"%s\"><title>%s (%s): %s %s, community %d</title></circle>\n",
			strings.ToLower(string(n.Nodes[i].Kind)), x, y, radius[i], m.Colour(i), esc(n.Nodes[i].Label), n.Nodes[i].Kind, k, FormatValue(k, v), m.Community[i])
	}
	fmt.Fprintf(b, "</g>\n")

	// Labels: a white halo under each text, so that lines do not cross it.
	fmt.Fprintf(b, "<g class=\"labels\" fill=\"#222222\">\n")
	for _, l := range labels {
		text := esc(n.Nodes[l.node].Label)
		weight := ""
		if l.size > 12 {
			weight = ` font-weight="bold"`
		}
		fmt.Fprintf(b, "<text class=\"halo\" x=\"%.1f\" y=\"%.1f\" font-size=\"%.0f\"%s fill=\"#ffffff\" stroke=\"#ffffff\" stroke-width=\"3.5\" stroke-linejoin=\"round\">%s</text>", l.x, l.y, l.size, weight, text)
		fmt.Fprintf(b, "<text class=\"label\" x=\"%.1f\" y=\"%.1f\" font-size=\"%.0f\"%s>%s</text>\n", l.x, l.y, l.size, weight, text)
	}
	fmt.Fprintf(b, "</g>\n</g>\n")

	// Title.
	fmt.Fprintf(b, "<g class=\"title\">\n")
	fmt.Fprintf(b, "<text x=\"%.0f\" y=\"36\" font-size=\"21\" font-weight=\"bold\" fill=\"#111111\">%s</text>\n", svgMargin, esc(title))
	fmt.Fprintf(b, "<text x=\"%.0f\" y=\"60\" font-size=\"13\" fill=\"#444444\">%s</text>\n", svgMargin, esc(sub))
	fmt.Fprintf(b, "</g>\n")

	// Legend.
	fmt.Fprintf(b, "<g class=\"legend\" font-size=\"12\" fill=\"#222222\">\n")
	y := svgTop + 16
	for _, l := range legend {
		y += l.gap
		tx := legendX
		switch {
		case l.colour != "":
			fmt.Fprintf(b, "<circle cx=\"%.0f\" cy=\"%.1f\" r=\"6\" fill=\"%s\"/>", legendX+6, y-4, l.colour)
			tx += 18
		case l.circle > 0:
			y += l.circle
			fmt.Fprintf(b, "<circle cx=\"%.0f\" cy=\"%.1f\" r=\"%.1f\" fill=\"#bbbbbb\"/>", legendX+22, y-4, l.circle)
			tx += 50
		}
		attr := ""
		if l.bold {
			attr = ` font-weight="bold" font-size="13"`
		}
		fmt.Fprintf(b, "<text x=\"%.0f\" y=\"%.1f\"%s>%s</text>\n", tx, y, attr, esc(l.text))
		y += 20 + l.circle
	}
	fmt.Fprintf(b, "</g>\n</svg>\n")
	return b.Flush()
}

// placeLabels places labels greedily in rank order; see WriteSVG.
func placeLabels(n *Network, order []int, pos []Point, placed []bool, radius []float64, px func(Point) (float64, float64)) []label {
	var out []label
	rank := 0
	for _, i := range order {
		if !placed[i] {
			continue
		}
		rank++
		x, y := px(pos[i])
		r := radius[i]
		size := 11.0
		if rank <= alwaysLabels {
			size = 13
		}
		w := float64(len([]rune(n.Nodes[i].Label))) * size * charWidth
		var candidates []label
		for _, extra := range []float64{0, 6, 14} {
			rr := r + extra
			for _, c := range [][2]float64{
				{x + rr + 3, y + size*0.35},                 // right
				{x - rr - 3 - w, y + size*0.35},             // left
				{x - w/2, y - rr - 4},                       // above
				{x - w/2, y + rr + 3 + size*0.8},            // below
				{x + rr*0.7 + 2, y - rr*0.7 - 2},            // above right
				{x + rr*0.7 + 2, y + rr*0.7 + size*0.8},     // below right
				{x - rr*0.7 - 2 - w, y - rr*0.7 - 2},        // above left
				{x - rr*0.7 - 2 - w, y + rr*0.7 + size*0.8}, // below left
			} {
				l := label{node: i, x: c[0], y: c[1], size: size}
				l.x0, l.x1 = l.x-1.5, l.x+w+1.5
				l.y0, l.y1 = l.y-size*0.85, l.y+size*0.3
				candidates = append(candidates, l)
			}
		}
		chosen := -1
		for ci, l := range candidates {
			if l.y0 < svgTop {
				continue
			}
			free := true
			for _, p := range out {
				if l.overlaps(p) {
					free = false
					break
				}
			}
			for j := range n.Nodes {
				if !free {
					break
				}
				if j != i && placed[j] {
					cx, cy := px(pos[j])
					free = !l.hitsCircle(cx, cy, radius[j]+1)
				}
			}
			if free {
				chosen = ci
				break
			}
		}
		if chosen < 0 && rank <= alwaysLabels {
			chosen = 0
		}
		if chosen >= 0 {
			out = append(out, candidates[chosen])
		}
	}
	return out
}

// legendLines says what the colours, sizes and lines mean: the
// communities of two or more (colour, two leading members, size), a key of
// circle sizes, the weight of lines.
func legendLines(n *Network, m *Measures, k Metric, o WriteOptions, radius []float64) []legendLine {
	out := []legendLine{{text: "Communities (Louvain)", bold: true}}
	members := map[int][]int{}
	for _, i := range Rank(n, m, k) {
		members[m.Community[i]] = append(members[m.Community[i]], i)
	}
	others, otherNodes := 0, 0
	for c := 1; c <= m.Communities; c++ {
		ms := members[c]
		if len(ms) < 2 || c > len(palette) {
			others++
			otherNodes += len(ms)
			continue
		}
		names := n.Nodes[ms[0]].Label + ", " + n.Nodes[ms[1]].Label
		out = append(out, legendLine{text: fmt.Sprintf("%d: %s (%d)", c, clip(names, 36), len(ms)), colour: m.Colour(ms[0])})
	}
	if others > 0 {
		text := fmt.Sprintf("%d smaller communities (%d nodes)", others, otherNodes)
		if otherNodes == others {
			text = fmt.Sprintf("%d alone", others)
		}
		out = append(out, legendLine{text: text, colour: otherColour})
	}
	sk := sizeMetric(k)
	out = append(out, legendLine{text: "Circle area: " + string(sk), bold: true, gap: 12})
	hi, hiR := 0.0, 0.0
	for i := range n.Nodes {
		v, _ := m.Value(sk, i)
		if v > hi {
			hi, hiR = v, radius[i]
		}
	}
	if hi > 0 {
		out = append(out,
			legendLine{text: FormatValue(sk, hi), circle: hiR},
			legendLine{text: FormatValue(sk, hi/4), circle: hiR / 2})
	}
	out = append(out, legendLine{text: "Line width: " + n.Projection.WeightUnit(), bold: true, gap: 12})
	if n.Directed {
		out = append(out, legendLine{text: "Arrow: " + n.Projection.Describe()})
	} else {
		out = append(out, legendLine{text: "Line: " + n.Projection.Describe()})
	}
	out = append(out, legendLine{text: fmt.Sprintf("Layout: gonum Eades, seed %d", o.Seed), gap: 12})
	return out
}

// esc escapes text for XML character data and attribute values.
func esc(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s))
	return b.String()
}
