package network

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// Projection names one way of turning the knowledge graph into a network
// of persons and organizations.
type Projection string

// The projections. Each edge's weight counts what joined its ends.
const (
	// CoMentionSentence joins two entities named in the same sentence,
	// weighted by the number of such sentences.
	CoMentionSentence Projection = "co-mention-sentence"
	// CoMentionParagraph joins two entities named in the same speaker turn
	// of a transcript, or elsewhere in the same paragraph, weighted by the
	// number of such turns and paragraphs.
	CoMentionParagraph Projection = "co-mention-paragraph"
	// CoMentionDocument joins two entities named in the same document,
	// weighted by the number of such documents.
	CoMentionDocument Projection = "co-mention-document"
	// Speaker points from the speaker of a transcript turn to each entity
	// the turn names, weighted by the number of such turns.
	Speaker Projection = "speaker"
	// CoParticipation joins two entities that take part (as agent, target
	// or other actor) in the same event, weighted by the number of events.
	CoParticipation Projection = "co-participation"
	// AgentTarget points from each agent of an event to each of its
	// targets, weighted by the number of events.
	AgentTarget Projection = "agent-target"
	// Purge points from who purged to who was purged (agent → target of
	// a dossier:Purge), weighted by the number of purges.
	Purge Projection = "purge"
	// Publication points from the author of a publication (speech,
	// article, letter, poster) to its subject (agent → target of a
	// dossier:Publication), weighted by the number of publications.
	Publication Projection = "publication"
)

// CoMention is the co-mention projection used when no level is named:
// co-occurrence in one sentence, the closest the text comes to stating a
// relation without the extractor naming it.
const CoMention = CoMentionSentence

// Projections lists the projections in the order a help text shows them.
var Projections = []Projection{
	CoMentionSentence, CoMentionParagraph, CoMentionDocument,
	Speaker, CoParticipation, AgentTarget, Purge, Publication,
}

// ParseProjection reads a projection's name; "co-mention" is CoMention.
func ParseProjection(s string) (Projection, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "co-mention" {
		return CoMention, nil
	}
	for _, p := range Projections {
		if string(p) == s {
			return p, nil
		}
	}
	names := make([]string, 0, len(Projections)+1)
	names = append(names, "co-mention")
	for _, p := range Projections {
		names = append(names, string(p))
	}
	return "", fmt.Errorf("unknown projection %q (want %s)", s, strings.Join(names, ", "))
}

// Directed reports whether the projection's edges have a direction.
func (p Projection) Directed() bool {
	switch p {
	case Speaker, AgentTarget, Purge, Publication:
		return true
	}
	return false
}

// EventTypes are the event types the projection reads when the filter
// names none: nil (every event) for co-participation and agent-target.
func (p Projection) EventTypes() []string {
	switch p {
	case Purge:
		return []string{"Purge"}
	case Publication:
		return []string{"Publication"}
	}
	return nil
}

// Describe says in words what an edge of the projection means.
func (p Projection) Describe() string {
	switch p {
	case CoMentionSentence:
		return "named in the same sentence"
	case CoMentionParagraph:
		return "named in the same paragraph or speaker turn"
	case CoMentionDocument:
		return "named in the same document"
	case Speaker:
		return "speaker → person spoken of"
	case CoParticipation:
		return "taking part in the same event"
	case AgentTarget:
		return "agent → target of an event"
	case Purge:
		return "who purged → who was purged"
	case Publication:
		return "author → subject of a publication"
	}
	return string(p)
}

// Project reads the archive from src and builds the network p, keeping
// what f keeps. Nodes are the persons and organizations (of f's kinds)
// that the projection's sentences, paragraphs, documents, turns or events
// involve, whether or not they are joined to anyone; each carries its IRI,
// the label the archive gives it most often, and its kind.
//
// In the co-mention projections a speaker's label at the head of a turn
// ("Chairman Mao: ...") is not a mention: it says who speaks, which the
// speaker projection shows, not whom the text names.
func Project(ctx context.Context, src Source, p Projection, f Filter) (*Network, error) {
	if _, err := ParseProjection(string(p)); err != nil {
		return nil, err
	}
	types := f.EventTypes
	if len(types) == 0 {
		types = p.EventTypes()
	}
	for _, t := range types {
		if !knownEventType(t) {
			return nil, fmt.Errorf("unknown event type %q (want Purge, Plenum, Meeting, Publication or Other)", t)
		}
	}
	b := &builder{f: f, directed: p.Directed(), nodes: map[string]*nodeInfo{}, edges: map[[2]string]float64{}}
	err := readDocuments(ctx, src, f, func(d *document) error {
		switch p {
		case CoMentionSentence, CoMentionParagraph, CoMentionDocument:
			if f.keepDate(d.date) {
				b.coMention(d, p)
			}
		case Speaker:
			if f.keepDate(d.date) {
				b.speaker(d)
			}
		default:
			for _, ev := range d.events {
				date := ev.date
				if date.IsZero() {
					date = d.date
				}
				if !hasEventType(ev, types) || !f.keepDate(date) {
					continue
				}
				if p == CoParticipation {
					b.clique(d, ev.actors)
				} else {
					b.arcs(d, ev.agents, ev.targets)
				}
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return b.network(p), nil
}

func knownEventType(t string) bool {
	switch strings.ToLower(t) {
	case "purge", "plenum", "meeting", "publication", "other":
		return true
	}
	return false
}

// hasEventType reports whether ev is of one of types (nil: any); "Other"
// is an event of none of Dossier's classes.
func hasEventType(ev event, types []string) bool {
	if len(types) == 0 {
		return true
	}
	for _, t := range types {
		if strings.EqualFold(t, "other") && len(ev.types) == 0 {
			return true
		}
		for _, x := range ev.types {
			if strings.EqualFold(t, x) {
				return true
			}
		}
	}
	return false
}

// builder collects nodes and weighted edges by IRI.
type builder struct {
	f        Filter
	directed bool
	nodes    map[string]*nodeInfo
	edges    map[[2]string]float64
}

type nodeInfo struct {
	kind   Kind
	labels map[string]int // label → documents giving it
}

// node registers an entity described in d and reports whether the filter
// keeps it.
func (b *builder) node(d *document, iri string) bool {
	e, ok := d.entities[iri]
	if !ok || !b.f.keepKind(e.kind) {
		return false
	}
	n := b.nodes[iri]
	if n == nil {
		n = &nodeInfo{kind: e.kind, labels: map[string]int{}}
		b.nodes[iri] = n
	}
	if e.label != "" {
		n.labels[e.label]++
	}
	return true
}

// clique joins every two of the kept entities in set, once each.
func (b *builder) clique(d *document, set []string) {
	var kept []string
	for _, iri := range sortedSet(set) {
		if b.node(d, iri) {
			kept = append(kept, iri)
		}
	}
	for i := range kept {
		for j := i + 1; j < len(kept); j++ {
			b.edges[[2]string{kept[i], kept[j]}]++
		}
	}
}

// arcs points from each kept entity of from to each kept entity of to.
func (b *builder) arcs(d *document, from, to []string) {
	var src, dst []string
	for _, iri := range from {
		if b.node(d, iri) {
			src = append(src, iri)
		}
	}
	for _, iri := range to {
		if b.node(d, iri) {
			dst = append(dst, iri)
		}
	}
	for _, u := range src {
		for _, v := range dst {
			if u != v {
				b.edges[[2]string{u, v}]++
			}
		}
	}
}

func (b *builder) coMention(d *document, p Projection) {
	turns := make([]span, len(d.turns))
	labelAt := map[int]bool{}
	for i, t := range d.turns {
		turns[i] = t.span
		if t.labelled {
			labelAt[t.begin] = true
		}
	}
	units := map[string][]string{}
	var order []string
	for _, m := range d.mentions {
		if labelAt[m.begin] {
			continue
		}
		var unit string
		switch p {
		case CoMentionSentence:
			if i := within(d.sentences, m.begin); i >= 0 {
				unit = "s" + strconv.Itoa(i)
			}
		case CoMentionParagraph:
			if i := within(turns, m.begin); i >= 0 {
				unit = "t" + strconv.Itoa(i)
			} else if i := within(d.paragraphs, m.begin); i >= 0 {
				unit = "p" + strconv.Itoa(i)
			}
		case CoMentionDocument:
			unit = "d"
		}
		if unit == "" {
			continue
		}
		if _, seen := units[unit]; !seen {
			order = append(order, unit)
		}
		units[unit] = append(units[unit], m.entity)
	}
	for _, u := range order {
		b.clique(d, units[u])
	}
}

func (b *builder) speaker(d *document) {
	for _, t := range d.turns {
		if t.speaker == "" {
			continue
		}
		b.arcs(d, []string{t.speaker}, t.mentions)
	}
}

// network turns what was collected into a Network.
func (b *builder) network(p Projection) *Network {
	iris := make([]string, 0, len(b.nodes))
	for iri := range b.nodes {
		iris = append(iris, iri)
	}
	sort.Strings(iris)
	index := make(map[string]int, len(iris))
	nodes := make([]Node, len(iris))
	for i, iri := range iris {
		index[iri] = i
		info := b.nodes[iri]
		nodes[i] = Node{IRI: iri, Label: commonest(info.labels, iri), Kind: info.kind}
	}
	edges := make([]Edge, 0, len(b.edges))
	for k, w := range b.edges {
		edges = append(edges, Edge{From: index[k[0]], To: index[k[1]], Weight: w})
	}
	return New(p, b.directed, nodes, edges)
}

// commonest returns the label most documents give, the alphabetically
// first on ties, or the IRI's last segment when there is none.
func commonest(labels map[string]int, iri string) string {
	best, n := "", 0
	for l, c := range labels {
		if c > n || c == n && l < best {
			best, n = l, c
		}
	}
	if best == "" {
		best = iri[strings.LastIndexAny(iri, "/#")+1:]
	}
	return best
}
