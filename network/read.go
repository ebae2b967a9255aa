package network

import (
	"context"
	"fmt"
	"sort"
	"strconv"

	"github.com/dossier-archive/dossier/ontology"
)

// Source is a knowledge graph to read: *graph.Store is one. Match calls fn
// for each stored quad equal to the pattern, a zero Term matching anything.
type Source interface {
	Match(ctx context.Context, subject, predicate, object, graph ontology.Term, fn func(ontology.Quad) error) error
}

// document is what the projections need of one document's graph, as the
// mapping (ontology.Mapper.Quads) wrote it. Offsets are Unicode
// characters.
type document struct {
	iri, id    string
	date       Period
	mentions   []mention // in text order
	sentences  []span    // in text order
	paragraphs []span
	turns      []turn
	events     []event
	entities   map[string]entity // the persons and organizations the graph describes
}

type span struct{ begin, end int }

type mention struct {
	entity string
	begin  int
}

type turn struct {
	span
	labelled bool   // the turn opens with a speaker label
	speaker  string // "" when unresolved
	mentions []string
}

type event struct {
	iri                     string
	types                   []string // local names of its Dossier classes (Purge, …)
	agents, targets, actors []string
	date                    Period // zero when undated
}

type entity struct {
	label string
	kind  Kind
}

// readDocuments calls fn with each document of the archive that f keeps
// (by identifier or IRI), in IRI order, reading one document's graph at a
// time.
func readDocuments(ctx context.Context, src Source, f Filter, fn func(*document) error) error {
	var iris []string
	err := src.Match(ctx, ontology.Term{}, ontology.NewIRI(ontology.RDFType), ontology.NewIRI(ontology.SchemaCreativeWork), ontology.Term{},
		func(q ontology.Quad) error {
			// A document's own graph is named by its IRI.
			if q.S.Kind == ontology.IRI && q.G == q.S {
				iris = append(iris, q.S.Value)
			}
			return nil
		})
	if err != nil {
		return err
	}
	sort.Strings(iris)
	iris = dedupe(iris)
	for _, iri := range iris {
		// Documents are chosen by identifier or IRI; the identifier is in
		// the graph (it need not be the IRI's last segment, which is
		// percent-encoded), so each document is read before it is judged.
		d, err := readDocument(ctx, src, iri)
		if err != nil {
			return err
		}
		if !f.keepDocument(d.iri, d.id) {
			continue
		}
		if err := fn(d); err != nil {
			return err
		}
	}
	return nil
}

func dedupe(s []string) []string {
	out := s[:0]
	for i, x := range s {
		if i == 0 || x != s[i-1] {
			out = append(out, x)
		}
	}
	return out
}

// readDocument reads the graph of one document.
func readDocument(ctx context.Context, src Source, iri string) (*document, error) {
	var (
		types    = map[string][]string{}
		begin    = map[string]int{}
		end      = map[string]int{}
		target   = map[string]string{} // itsrdf:taIdentRef
		labels   = map[string]string{}
		speaker  = map[string]string{}
		labelled = map[string]bool{}
		mentions = map[string][]string{}
		role     = map[string]map[string][]string{} // event → property → entities
		stamp    = map[string]map[string]string{}   // event → property → date
		d        = &document{iri: iri, entities: map[string]entity{}}
		dateStr  string
	)
	g := ontology.NewIRI(iri)
	err := src.Match(ctx, ontology.Term{}, ontology.Term{}, ontology.Term{}, g, func(q ontology.Quad) error {
		s, o := q.S.Value, q.O
		switch q.P.Value {
		case ontology.RDFType:
			types[s] = append(types[s], o.Value)
		case ontology.NIFBeginIndex, ontology.NIFEndIndex:
			n, err := strconv.Atoi(o.Value)
			if err != nil || n < 0 {
				return fmt.Errorf("document %s: %s of %s is %q, not an offset", iri, q.P.Value, s, o.Value)
			}
			if q.P.Value == ontology.NIFBeginIndex {
				begin[s] = n
			} else {
				end[s] = n
			}
		case ontology.ITSRDFTaIdentRef:
			target[s] = o.Value
		case ontology.RDFSLabel:
			labels[s] = o.Value
		case ontology.DossierSpeaker:
			speaker[s] = o.Value
		case ontology.DossierSpeakerLabel:
			labelled[s] = true
		case ontology.SchemaMentions:
			mentions[s] = append(mentions[s], o.Value)
		case ontology.DossierAgent, ontology.DossierTarget, ontology.SEMHasActor:
			if role[s] == nil {
				role[s] = map[string][]string{}
			}
			role[s][q.P.Value] = append(role[s][q.P.Value], o.Value)
		case ontology.SEMHasTimeStamp, ontology.SEMHasBeginTimeStamp, ontology.SEMHasEndTimeStamp:
			if stamp[s] == nil {
				stamp[s] = map[string]string{}
			}
			stamp[s][q.P.Value] = o.Value
		case ontology.DCTermsIdentifier:
			if s == iri {
				d.id = o.Value
			}
		case ontology.DCTermsDate:
			if s == iri {
				dateStr = o.Value
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if dateStr != "" {
		d.date, _ = ParseDate(dateStr) // an unreadable date is no date
	}
	subjects := make([]string, 0, len(types))
	for s := range types {
		subjects = append(subjects, s)
	}
	sort.Strings(subjects)
	for _, s := range subjects {
		for _, c := range types[s] {
			switch c {
			case ontology.SchemaPerson:
				d.entities[s] = entity{labels[s], Person}
			case ontology.SchemaOrganization:
				if _, isPerson := d.entities[s]; !isPerson {
					d.entities[s] = entity{labels[s], Organization}
				}
			case ontology.NIFSentence, ontology.NIFParagraph:
				b, okB := begin[s]
				e, okE := end[s]
				if !okB || !okE {
					continue
				}
				if c == ontology.NIFSentence {
					d.sentences = append(d.sentences, span{b, e})
				} else {
					d.paragraphs = append(d.paragraphs, span{b, e})
				}
			case ontology.DossierTurn:
				t := turn{span: span{begin[s], end[s]}, labelled: labelled[s], speaker: speaker[s]}
				t.mentions = sortedSet(mentions[s])
				d.turns = append(d.turns, t)
			case ontology.SEMEvent:
				ev := event{iri: s}
				for _, c := range types[s] {
					if name, ok := eventTypeOf[c]; ok {
						ev.types = append(ev.types, name)
					}
				}
				sort.Strings(ev.types)
				ev.agents = sortedSet(role[s][ontology.DossierAgent])
				ev.targets = sortedSet(role[s][ontology.DossierTarget])
				ev.actors = sortedSet(append(append(append([]string(nil), role[s][ontology.SEMHasActor]...), ev.agents...), ev.targets...))
				ev.date = eventDate(stamp[s])
				d.events = append(d.events, ev)
			}
		}
	}
	for s, e := range target {
		if b, ok := begin[s]; ok {
			d.mentions = append(d.mentions, mention{entity: e, begin: b})
		}
	}
	sort.Slice(d.mentions, func(i, j int) bool {
		a, b := d.mentions[i], d.mentions[j]
		if a.begin != b.begin {
			return a.begin < b.begin
		}
		return a.entity < b.entity
	})
	sortSpans(d.sentences)
	sortSpans(d.paragraphs)
	sort.Slice(d.turns, func(i, j int) bool { return d.turns[i].begin < d.turns[j].begin })
	return d, nil
}

// eventTypeOf names the event classes a Filter can choose.
var eventTypeOf = map[string]string{
	ontology.DossierPurge:       "Purge",
	ontology.DossierPlenum:      "Plenum",
	ontology.DossierMeeting:     "Meeting",
	ontology.DossierPublication: "Publication",
}

func eventDate(stamps map[string]string) Period {
	if v := stamps[ontology.SEMHasTimeStamp]; v != "" {
		p, _ := ParseDate(v)
		return p
	}
	b, e := stamps[ontology.SEMHasBeginTimeStamp], stamps[ontology.SEMHasEndTimeStamp]
	if b == "" && e == "" {
		return Period{}
	}
	var p Period
	if b != "" {
		f, _ := ParseDate(b)
		p.First = f.First
	}
	if e != "" {
		l, _ := ParseDate(e)
		p.Last = l.Last
	}
	return p
}

func sortSpans(s []span) {
	sort.Slice(s, func(i, j int) bool {
		if s[i].begin != s[j].begin {
			return s[i].begin < s[j].begin
		}
		return s[i].end < s[j].end
	})
}

func sortedSet(s []string) []string {
	if len(s) == 0 {
		return nil
	}
	out := append([]string(nil), s...)
	sort.Strings(out)
	return dedupe(out)
}

// within returns the index of the span of spans (sorted, not
// overlapping) that contains offset, or -1.
func within(spans []span, offset int) int {
	i := sort.Search(len(spans), func(i int) bool { return spans[i].end > offset })
	if i < len(spans) && spans[i].begin <= offset {
		return i
	}
	return -1
}
