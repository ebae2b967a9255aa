package server

import (
	"bytes"
	"context"
	"errors"
	"html/template"
	"net/http"
	"strings"
	"sync"

	"github.com/dossier-archive/dossier/network"
)

// netView is one drawn network and its ranking, cached until the next
// write.
type netView struct {
	svg   []byte
	rows  []netRow
	nodes int
	edges int
}

type netRow struct {
	link
	Rank                   int
	Degree, Weighted, Comm string
}

type netKey struct {
	projection network.Projection
	from, to   string
	metric     network.Metric
}

// netCache holds drawn networks by their parameters, for one generation
// of the archive.
type netCache struct {
	mu    sync.Mutex
	gen   uint64
	views map[netKey]*netView
}

// maxNetRows is the length of the ranking under the picture.
const maxNetRows = 30

// networkView projects, measures and draws the network the key names
// (gonum's algorithms and layout, through package network).
func (s *Server) networkView(ctx context.Context, k netKey) (*netView, error) {
	s.archive.mu.Lock()
	gen := s.archive.gen
	s.archive.mu.Unlock()
	c := &s.nets
	c.mu.Lock()
	if c.gen != gen || c.views == nil {
		c.gen, c.views = gen, map[netKey]*netView{}
	}
	if v, ok := c.views[k]; ok {
		c.mu.Unlock()
		return v, nil
	}
	c.mu.Unlock()

	f := network.Filter{}
	if k.from != "" || k.to != "" {
		p, err := network.Between(k.from, k.to)
		if err != nil {
			return nil, badRequest{err}
		}
		f.Period = p
	}
	n, err := network.Project(ctx, s.cfg.Store, k.projection, f)
	if err != nil {
		return nil, err
	}
	m := network.Measure(n, network.Options{Seed: 1})
	if !m.Has(k.metric) {
		k.metric = network.MetricDegree
	}
	var b bytes.Buffer
	if err := network.WriteSVG(&b, n, m, network.WriteOptions{Metric: k.metric, Filter: f, Seed: 1}); err != nil {
		return nil, err
	}
	svg := b.Bytes()
	if i := bytes.Index(svg, []byte("<svg")); i > 0 {
		svg = svg[i:] // no XML declaration inside HTML
	}
	svg = bytes.Replace(svg, []byte("<svg "), []byte(`<svg role="img" `), 1)
	v := &netView{svg: svg, nodes: len(n.Nodes), edges: len(n.Edges)}
	for r, i := range network.Rank(n, m, k.metric) {
		if r == maxNetRows {
			break
		}
		node := n.Nodes[i]
		v.rows = append(v.rows, netRow{
			link:   link{Href: s.archive.href(node.IRI), Label: node.Label, Kind: strings.ToLower(string(node.Kind))},
			Rank:   r + 1,
			Degree: network.FormatValue(network.MetricDegree, m.Degree[i]), Weighted: network.FormatValue(network.MetricWeightedDegree, m.WeightedDegree[i]),
			Comm: network.FormatValue(network.MetricCommunity, float64(m.Community[i])),
		})
	}
	c.mu.Lock()
	if c.gen == gen {
		c.views[k] = v
	}
	c.mu.Unlock()
	return v, nil
}

// badRequest is an error in the request's parameters.
type badRequest struct{ error }

func (s *Server) netKey(r *http.Request) (netKey, error) {
	q := r.URL.Query()
	k := netKey{projection: network.CoMention, metric: network.MetricDegree, from: q.Get("from"), to: q.Get("to")}
	if p := q.Get("projection"); p != "" {
		pp, err := network.ParseProjection(p)
		if err != nil {
			return k, badRequest{err}
		}
		k.projection = pp
	}
	if m := q.Get("metric"); m != "" {
		mm, err := network.ParseMetric(m)
		if err != nil {
			return k, badRequest{err}
		}
		k.metric = mm
	}
	return k, nil
}

type networkPage struct {
	Projection  string
	Projections []option
	Metrics     []option
	From, To    string
	Describe    string
	SVG         template.HTML
	SVGHref     string
	Rows        []netRow
	Nodes       int
	Edges       int
	Error       string
}

type option struct {
	Value, Label string
	Selected     bool
}

func (s *Server) serveNetwork(w http.ResponseWriter, r *http.Request) error {
	k, err := s.netKey(r)
	p := networkPage{From: k.from, To: k.to, Projection: string(k.projection), Describe: k.projection.Describe()}
	for _, pr := range network.Projections {
		p.Projections = append(p.Projections, option{string(pr), string(pr), pr == k.projection})
	}
	for _, m := range []network.Metric{network.MetricDegree, network.MetricWeightedDegree, network.MetricBetweenness, network.MetricPageRank} {
		p.Metrics = append(p.Metrics, option{string(m), string(m), m == k.metric})
	}
	status := http.StatusOK
	var v *netView
	if err == nil {
		v, err = s.networkView(r.Context(), k)
	}
	var br badRequest
	switch {
	case errors.As(err, &br):
		p.Error, status = br.Error(), http.StatusBadRequest
	case err != nil:
		return err
	default:
		p.SVG = template.HTML(v.svg) // written by package network, every text escaped
		p.Rows, p.Nodes, p.Edges = v.rows, v.nodes, v.edges
		p.SVGHref = "/network.svg?" + r.URL.RawQuery
	}
	return s.render(w, status, "network", view{Title: "Network", Page: p})
}

func (s *Server) serveNetworkSVG(w http.ResponseWriter, r *http.Request) error {
	k, err := s.netKey(r)
	var v *netView
	if err == nil {
		v, err = s.networkView(r.Context(), k)
	}
	var br badRequest
	if errors.As(err, &br) {
		http.Error(w, br.Error(), http.StatusBadRequest)
		return nil
	}
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "image/svg+xml")
	w.Header().Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
	w.Write([]byte("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"))
	_, err = w.Write(v.svg)
	return err
}
