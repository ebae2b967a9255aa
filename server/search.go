package server

import (
	"context"
	"sort"
	"strings"
	"time"

	"github.com/dossier-archive/dossier/archive"
	"github.com/dossier-archive/dossier/ontology"
)

// searchEntry is one thing the search box finds: a person, organization,
// place, event or document, with every name it goes by.
type searchEntry struct {
	IRI   string
	Kind  string // "person", "organization", "place", "event", "document"
	Label string // the commonest rdfs:label (a document's title)
	Names []string
	Date  string // a document's dcterms:date, an event's time stamp
	Docs  int    // documents that mention it (persons, organizations, places)
	Doc   string // an event's document

	folded []string // Names, folded (see fold)
}

// searchIndex holds the archive's names, built from one pass over the
// store and rebuilt after a write.
type searchIndex struct {
	entries map[string]*searchEntry
	sorted  []*searchEntry // by kind, then label
	counts  map[string]int // entries by kind
	docs    []*searchEntry // documents by date, then identifier
}

// kindOrder is the order results and counts are listed in.
var kindOrder = map[string]int{"person": 0, "organization": 1, "place": 2, "event": 3, "document": 4}

var classKind = map[string]string{
	ontology.SchemaPerson:       "person",
	ontology.SchemaOrganization: "organization",
	ontology.SchemaPlace:        "place",
	ontology.SEMEvent:           "event",
	ontology.SchemaCreativeWork: "document",
}

// searchIndex returns the index, building it when a write or its age made
// it stale.
func (a *reader) searchIndex(ctx context.Context) (*searchIndex, error) {
	a.mu.Lock()
	if a.index != nil && a.indexGn == a.gen && time.Since(a.indexAt) < a.ttl {
		ix := a.index
		a.mu.Unlock()
		return ix, nil
	}
	gen := a.gen
	a.mu.Unlock()
	ix, err := buildIndex(ctx, a)
	if err != nil {
		return nil, err
	}
	a.mu.Lock()
	if gen == a.gen {
		a.index, a.indexGn, a.indexAt = ix, gen, time.Now()
	}
	a.mu.Unlock()
	return ix, nil
}

// buildIndex finds the persons, organizations, places, events and
// documents by their types (Cayley's object index), then reads what each
// says about itself (the subject index): a lookup per resource, cheaper
// than a scan of every quad, since Cayley keeps no index that starts with
// the predicate.
func buildIndex(ctx context.Context, a *reader) (*searchIndex, error) {
	kinds := map[string]string{}
	eventDoc := map[string]string{}
	var subjects []string
	for class, k := range classKind {
		err := a.store.Match(ctx, ontology.Term{}, ontology.NewIRI(ontology.RDFType), ontology.NewIRI(class), ontology.Term{}, func(q ontology.Quad) error {
			s := q.S.Value
			if q.S.Kind != ontology.IRI || k == "document" && q.S != q.G {
				return nil
			}
			if k == "event" {
				eventDoc[s] = q.G.Value
			}
			if _, ok := kinds[s]; !ok {
				subjects = append(subjects, s)
			}
			kinds[s] = k
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	sort.Strings(subjects)
	ix := &searchIndex{entries: map[string]*searchEntry{}, counts: map[string]int{}}
	docsOf := map[string]int{}
	for _, iri := range subjects {
		k := kinds[iri]
		labels := map[string]int{}
		names := map[string]bool{}
		var date string
		err := a.store.Match(ctx, ontology.NewIRI(iri), ontology.Term{}, ontology.Term{}, ontology.Term{}, func(q ontology.Quad) error {
			switch q.P.Value {
			case ontology.RDFSLabel, ontology.DCTermsTitle:
				labels[q.O.Value]++
				names[q.O.Value] = true
			case ontology.SKOSAltLabel, ontology.DCTermsIdentifier:
				names[q.O.Value] = true
			case ontology.DCTermsDate, ontology.SEMHasTimeStamp, ontology.SEMHasBeginTimeStamp:
				if date == "" || q.O.Value < date {
					date = q.O.Value
				}
			case ontology.SchemaMentions:
				if k == "document" && q.G.Value == iri && q.O.Kind == ontology.IRI {
					docsOf[q.O.Value]++
				}
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		e := &searchEntry{IRI: iri, Kind: k, Label: commonest(labels), Date: date, Doc: eventDoc[iri]}
		if e.Label == "" {
			e.Label = archive.LastSegment(iri)
		}
		e.Names = append(e.Names, e.Label)
		var rest []string
		for n := range names {
			if n != e.Label {
				rest = append(rest, n)
			}
		}
		sort.Strings(rest)
		e.Names = append(e.Names, rest...)
		for _, n := range e.Names {
			e.folded = append(e.folded, archive.Fold(n))
		}
		ix.entries[iri] = e
		ix.sorted = append(ix.sorted, e)
		ix.counts[k]++
		if k == "document" {
			ix.docs = append(ix.docs, e)
		}
	}
	for iri, n := range docsOf {
		if e, ok := ix.entries[iri]; ok {
			e.Docs = n
		}
	}
	sort.Slice(ix.sorted, func(i, j int) bool { return entryLess(ix.sorted[i], ix.sorted[j]) })
	sort.Slice(ix.docs, func(i, j int) bool {
		a, b := ix.docs[i], ix.docs[j]
		if a.Date != b.Date {
			return a.Date < b.Date
		}
		return a.IRI < b.IRI
	})
	return ix, nil
}

// commonest returns the name given most often, the first in order on ties.
func commonest(counts map[string]int) string {
	best, n := "", 0
	for s, c := range counts {
		if c > n || c == n && s < best {
			best, n = s, c
		}
	}
	return best
}

func entryLess(a, b *searchEntry) bool {
	if a.Kind != b.Kind {
		return kindOrder[a.Kind] < kindOrder[b.Kind]
	}
	if fa, fb := archive.Fold(a.Label), archive.Fold(b.Label); fa != fb {
		return fa < fb
	}
	return a.IRI < b.IRI
}

// label returns the label of an IRI the archive knows, or its last path
// segment.
func (ix *searchIndex) label(iri string) string {
	if e, ok := ix.entries[iri]; ok {
		return e.Label
	}
	return archive.LastSegment(iri)
}

// hit is one search result: the entry and the name that matched.
type hit struct {
	*searchEntry
	Matched string // the name that matched, when it is not the label
	rank    int
}

// search finds the entries one of whose names contains q, case and
// accents aside; exact names first, then names that start with q, then
// names with a word that does, then the rest; at most limit (0: all).
func (ix *searchIndex) search(q string, limit int) (hits []hit, total int) {
	fq := archive.Fold(strings.TrimSpace(q))
	if fq == "" {
		return nil, 0
	}
	for _, e := range ix.sorted {
		best, which := -1, 0
		for i, n := range e.folded {
			at := strings.Index(n, fq)
			if at < 0 {
				continue
			}
			r := 3
			switch {
			case n == fq:
				r = 0
			case at == 0:
				r = 1
			case wordStart(n, fq):
				r = 2
			}
			if best < 0 || r < best {
				best, which = r, i
			}
		}
		if best < 0 {
			continue
		}
		h := hit{searchEntry: e, rank: best}
		if which > 0 {
			h.Matched = e.Names[which]
		}
		hits = append(hits, h)
	}
	sort.SliceStable(hits, func(i, j int) bool {
		if hits[i].rank != hits[j].rank {
			return hits[i].rank < hits[j].rank
		}
		return false // entryLess order from ix.sorted
	})
	total = len(hits)
	if limit > 0 && len(hits) > limit {
		hits = hits[:limit]
	}
	return hits, total
}

// wordStart reports whether q occurs in s at the start of a word.
func wordStart(s, q string) bool {
	for i := 0; ; {
		at := strings.Index(s[i:], q)
		if at < 0 {
			return false
		}
		at += i
		if at == 0 || !isWordByte(s[at-1]) {
			return true
		}
		i = at + 1
	}
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c >= 0x80
}
