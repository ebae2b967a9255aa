package server

import (
	"context"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/dossier-archive/dossier/graph"
	"github.com/dossier-archive/dossier/ontology"
)

// archive is the server's read model: what the pages need, read from the
// store with Match, one document's graph at a time, and kept in small
// caches that every write through the server empties (and that expire, for
// a store that another process writes too).
type archive struct {
	store *graph.Store
	base  string // normalized base IRI
	ttl   time.Duration

	mu      sync.Mutex
	gen     uint64 // bumped by every write
	docs    map[string]*cachedDoc
	index   *searchIndex
	indexAt time.Time
	indexGn uint64
}

type cachedDoc struct {
	doc  *docView
	gen  uint64
	at   time.Time
	used time.Time
}

// maxCachedDocs bounds the document cache; a document's view holds its
// text and annotations, tens of kilobytes for a long memorandum.
const maxCachedDocs = 64

func newArchive(st *graph.Store, base string, ttl time.Duration) *archive {
	return &archive{store: st, base: base, ttl: ttl, docs: map[string]*cachedDoc{}}
}

// changed forgets everything cached: the store was written.
func (a *archive) changed() {
	a.mu.Lock()
	a.gen++
	a.docs = map[string]*cachedDoc{}
	a.index = nil
	a.mu.Unlock()
}

// local returns the path on this server of an IRI under the base (with its
// fragment), or "" for an IRI elsewhere.
func (a *archive) local(iri string) string {
	if rest, ok := strings.CutPrefix(iri, a.base); ok {
		return "/" + rest
	}
	return ""
}

// href is where a link to iri goes: the local path of an IRI under the
// base, the IRI itself otherwise.
func (a *archive) href(iri string) string {
	if p := a.local(iri); p != "" {
		return p
	}
	return iri
}

// kindOf tells the kind of a Dossier IRI from its path: "person",
// "organization", "place", "event", "document", or "".
func (a *archive) kindOf(iri string) string {
	rest, ok := strings.CutPrefix(iri, a.base)
	if !ok {
		return ""
	}
	kind, _, _ := strings.Cut(rest, "/")
	switch kind {
	case "person", "organization", "place", "event", "document":
		return kind
	}
	return ""
}

// span is a stretch of a document's text in Unicode characters, as NIF
// counts them.
type span struct{ Begin, End int }

func (s span) contains(t span) bool { return s.Begin <= t.Begin && t.End <= s.End }

// docView is one document as its graph describes it.
type docView struct {
	IRI, ID string
	Meta    []metaField // in a fixed order, for the page and the search
	Title   string
	Date    string // dcterms:date, lexical form
	Text    string
	offsets []int // byte offset of each character of Text, and len(Text)

	Sentences []span
	Mentions  []mentionView // sorted by position
	Dates     []dateView    // sorted by position
	Turns     []turnView    // by position
	Events    []*eventView  // by date, then label
	Entities  map[string]*entityView
	Mentioned []string // schema:mentions of the document, sorted by label
}

type metaField struct {
	Name  string // what the page calls it
	Value string
	IRI   string // when the value is an IRI
}

type mentionView struct {
	span
	IRI    string // the string's IRI
	Entity string // "" when unresolved
	Anchor string
}

type dateView struct {
	span
	IRI      string
	Anchor   string
	Value    string // normalized, lexical form
	Relative bool
}

type turnView struct {
	span
	N       int
	IRI     string
	Label   string
	Speaker string
}

type eventView struct {
	IRI, Label, Doc   string
	Types             []string // local names of Dossier's event classes
	Agents, Targets   []string
	Place             string
	Stamp, Begin, End string // lexical forms of sem:hasTimeStamp, begin, end
	DateExpr          string // IRI of the date's string
	Evidence, Trigger span
	HasEvidence       bool
	HasTrigger        bool

	evidenceRef, triggerRef string // the IRIs of the evidence and trigger strings
}

// When is the event's date for people: the time stamp, or "BEGIN – END".
func (e *eventView) When() string {
	switch {
	case e.Stamp != "":
		return e.Stamp
	case e.Begin != "" || e.End != "":
		return e.Begin + " – " + e.End
	}
	return ""
}

// sortKey orders events on a timeline: by their first day, undated last.
func (e *eventView) sortKey() string {
	if d := e.Stamp + e.Begin; d != "" {
		return d
	}
	return "~"
}

type entityView struct {
	IRI, Label, Kind string // Kind: "person", "organization", "place"
	Alt              []string
	Jobs             []string
}

// str is the text of the characters s.
func (d *docView) str(s span) string {
	if s.Begin < 0 || s.End > len(d.offsets)-1 || s.Begin > s.End {
		return ""
	}
	return d.Text[d.offsets[s.Begin]:d.offsets[s.End]]
}

// sentenceOf returns the sentence holding s, or a window of the line
// around it when no sentence does (a header line, a list of participants).
func (d *docView) sentenceOf(s span) span {
	i := sort.Search(len(d.Sentences), func(i int) bool { return d.Sentences[i].End >= s.End })
	for ; i < len(d.Sentences) && d.Sentences[i].Begin <= s.Begin; i++ {
		if d.Sentences[i].contains(s) {
			return d.Sentences[i]
		}
	}
	// the line, at most about 120 characters either side
	const reach = 120
	n := len(d.offsets) - 1
	b, e := s.Begin, s.End
	for b > 0 && s.Begin-b < reach && d.Text[d.offsets[b-1]] != '\n' {
		b--
	}
	for e < n && e-s.End < reach && d.Text[d.offsets[e]] != '\n' {
		e++
	}
	return span{b, e}
}

// docMetaFields are the document properties a page shows, in order.
var docMetaFields = []struct{ pred, name string }{
	{ontology.DCTermsIdentifier, "Identifier"},
	{ontology.DCTermsTitle, "Title"},
	{ontology.DCTermsDate, "Date"},
	{ontology.SchemaLocationCreated, "Place"},
	{ontology.DCTermsLanguage, "Language"},
	{ontology.SchemaTranslator, "Translator"},
	{ontology.DCTermsSubject, "Subject"},
	{ontology.DossierClassification, "Classification"},
	{ontology.DCTermsAbstract, "Summary"},
	{ontology.DCTermsSource, "Source"},
	{ontology.DCTermsCitation, "Citation"},
	{ontology.SchemaCreditText, "Credits"},
}

// document returns the view of the document with this IRI, or nil when
// the store holds no such document.
func (a *archive) document(ctx context.Context, iri string) (*docView, error) {
	a.mu.Lock()
	c, ok := a.docs[iri]
	now := time.Now()
	if ok && c.gen == a.gen && now.Sub(c.at) < a.ttl {
		c.used = now
		a.mu.Unlock()
		return c.doc, nil
	}
	gen := a.gen
	a.mu.Unlock()

	d, err := a.readDocument(ctx, iri)
	if err != nil || d == nil {
		return d, err
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	if gen == a.gen {
		if len(a.docs) >= maxCachedDocs {
			var oldest string
			var t time.Time
			for k, c := range a.docs {
				if oldest == "" || c.used.Before(t) {
					oldest, t = k, c.used
				}
			}
			delete(a.docs, oldest)
		}
		a.docs[iri] = &cachedDoc{doc: d, gen: gen, at: now, used: now}
	}
	return d, nil
}

// stringInfo is what the graph says about one NIF string.
type stringInfo struct {
	span
	hasBegin, hasEnd bool
	types            map[string]bool
	anchor           string
	entity           string
	value            string
	relative         bool
}

// readDocument reads a document's graph into a view.
func (a *archive) readDocument(ctx context.Context, iri string) (*docView, error) {
	g := ontology.NewIRI(iri)
	bySubject := map[string][]ontology.Quad{}
	var subjects []string
	err := a.store.Match(ctx, ontology.Term{}, ontology.Term{}, ontology.Term{}, g, func(q ontology.Quad) error {
		if q.S.Kind != ontology.IRI {
			return nil
		}
		if _, ok := bySubject[q.S.Value]; !ok {
			subjects = append(subjects, q.S.Value)
		}
		bySubject[q.S.Value] = append(bySubject[q.S.Value], q)
		return nil
	})
	if err != nil {
		return nil, err
	}
	own := bySubject[iri]
	isDoc := false
	for _, q := range own {
		if q.P.Value == ontology.RDFType && q.O.Value == ontology.SchemaCreativeWork {
			isDoc = true
		}
	}
	if !isDoc {
		return nil, nil
	}
	sort.Strings(subjects)
	d := &docView{IRI: iri, Entities: map[string]*entityView{}}
	var context string
	values := map[string][]ontology.Term{}
	for _, q := range own {
		values[q.P.Value] = append(values[q.P.Value], q.O)
		switch q.P.Value {
		case ontology.DossierText:
			context = q.O.Value
		case ontology.SchemaMentions:
			d.Mentioned = append(d.Mentioned, q.O.Value)
		}
	}
	d.ID = first(values[ontology.DCTermsIdentifier])
	d.Title = first(values[ontology.DCTermsTitle])
	d.Date = first(values[ontology.DCTermsDate])
	for _, f := range docMetaFields {
		for _, v := range values[f.pred] {
			mf := metaField{Name: f.name, Value: v.Value}
			if v.Kind == ontology.IRI {
				mf.IRI = v.Value
			}
			d.Meta = append(d.Meta, mf)
		}
	}
	for _, q := range bySubject[context] {
		if q.P.Value == ontology.NIFIsString {
			d.Text = q.O.Value
		}
	}
	d.offsets = make([]int, 0, utf8.RuneCountInString(d.Text)+1)
	for i := range d.Text {
		d.offsets = append(d.offsets, i)
	}
	d.offsets = append(d.offsets, len(d.Text))

	strs := map[string]*stringInfo{}
	triggers, evidence := map[string]bool{}, map[string]bool{}
	for _, s := range subjects {
		quads := bySubject[s]
		types := map[string]bool{}
		for _, q := range quads {
			if q.P.Value == ontology.RDFType {
				types[q.O.Value] = true
			}
		}
		switch {
		case s == iri || s == context:
		case types[ontology.NIFRFC5147String]:
			strs[s] = readString(quads, types)
		case types[ontology.DossierTurn]:
			d.Turns = append(d.Turns, readTurn(s, quads))
		case types[ontology.SEMEvent]:
			ev := readEvent(s, iri, quads)
			d.Events = append(d.Events, ev)
			for _, q := range quads {
				switch q.P.Value {
				case ontology.DossierTrigger:
					triggers[q.O.Value] = true
				case ontology.DossierEvidence:
					evidence[q.O.Value] = true
				}
			}
		case types[ontology.SchemaPerson] || types[ontology.SchemaOrganization] || types[ontology.SchemaPlace]:
			d.Entities[s] = readEntity(s, quads, types)
		}
	}
	for s, info := range strs {
		if !info.hasBegin || !info.hasEnd || info.Begin > info.End || info.End > len(d.offsets)-1 {
			continue
		}
		switch {
		case info.types[ontology.DossierTemporalExpr]:
			d.Dates = append(d.Dates, dateView{span: info.span, IRI: s, Anchor: info.anchor, Value: info.value, Relative: info.relative})
		case info.types[ontology.NIFPhrase] && (info.entity != "" || !triggers[s]):
			d.Mentions = append(d.Mentions, mentionView{span: info.span, IRI: s, Entity: info.entity, Anchor: info.anchor})
		}
		if info.types[ontology.NIFSentence] {
			d.Sentences = append(d.Sentences, info.span)
		}
	}
	for _, ev := range d.Events {
		if info, ok := strs[ev.evidenceIRI()]; ok {
			ev.Evidence, ev.HasEvidence = info.span, true
		}
		if info, ok := strs[ev.triggerIRI()]; ok {
			ev.Trigger, ev.HasTrigger = info.span, true
		}
	}
	sortSpans(d.Sentences)
	sort.Slice(d.Mentions, func(i, j int) bool { return spanLess(d.Mentions[i].span, d.Mentions[j].span) })
	sort.Slice(d.Dates, func(i, j int) bool { return spanLess(d.Dates[i].span, d.Dates[j].span) })
	sort.Slice(d.Turns, func(i, j int) bool { return d.Turns[i].N < d.Turns[j].N })
	sortEvents(d.Events)
	sort.Slice(d.Mentioned, func(i, j int) bool {
		return lessFold(d.label(d.Mentioned[i]), d.label(d.Mentioned[j]))
	})
	return d, nil
}

// evidenceIRI and triggerIRI are kept while reading; see readEvent.
func (e *eventView) evidenceIRI() string { return e.evidenceRef }
func (e *eventView) triggerIRI() string  { return e.triggerRef }

func readString(quads []ontology.Quad, types map[string]bool) *stringInfo {
	info := &stringInfo{types: types}
	for _, q := range quads {
		switch q.P.Value {
		case ontology.NIFBeginIndex:
			info.Begin, info.hasBegin = atoi(q.O.Value)
		case ontology.NIFEndIndex:
			info.End, info.hasEnd = atoi(q.O.Value)
		case ontology.NIFAnchorOf:
			info.anchor = q.O.Value
		case ontology.ITSRDFTaIdentRef:
			info.entity = q.O.Value
		case ontology.DossierDateValue:
			info.value = q.O.Value
		case ontology.DossierIsRelative:
			info.relative = q.O.Value == "true" || q.O.Value == "1"
		}
	}
	return info
}

func readTurn(iri string, quads []ontology.Quad) turnView {
	t := turnView{IRI: iri}
	for _, q := range quads {
		switch q.P.Value {
		case ontology.SchemaPosition:
			t.N, _ = atoi(q.O.Value)
		case ontology.NIFBeginIndex:
			t.Begin, _ = atoi(q.O.Value)
		case ontology.NIFEndIndex:
			t.End, _ = atoi(q.O.Value)
		case ontology.DossierSpeakerLabel:
			t.Label = q.O.Value
		case ontology.DossierSpeaker:
			t.Speaker = q.O.Value
		}
	}
	return t
}

func readEvent(iri, doc string, quads []ontology.Quad) *eventView {
	ev := &eventView{IRI: iri, Doc: doc}
	for _, q := range quads {
		switch q.P.Value {
		case ontology.RDFType:
			if local, ok := strings.CutPrefix(q.O.Value, ontology.Dossier); ok {
				ev.Types = append(ev.Types, local)
			}
		case ontology.RDFSLabel:
			ev.Label = q.O.Value
		case ontology.DossierAgent:
			ev.Agents = append(ev.Agents, q.O.Value)
		case ontology.DossierTarget:
			ev.Targets = append(ev.Targets, q.O.Value)
		case ontology.SEMHasPlace:
			ev.Place = q.O.Value
		case ontology.SEMHasTimeStamp:
			ev.Stamp = q.O.Value
		case ontology.SEMHasBeginTimeStamp:
			ev.Begin = q.O.Value
		case ontology.SEMHasEndTimeStamp:
			ev.End = q.O.Value
		case ontology.DossierDateExpression:
			ev.DateExpr = q.O.Value
		case ontology.DossierEvidence:
			ev.evidenceRef = q.O.Value
		case ontology.DossierTrigger:
			ev.triggerRef = q.O.Value
		}
	}
	sort.Strings(ev.Types)
	sort.Strings(ev.Agents)
	sort.Strings(ev.Targets)
	return ev
}

func readEntity(iri string, quads []ontology.Quad, types map[string]bool) *entityView {
	e := &entityView{IRI: iri, Kind: entityKind(types)}
	for _, q := range quads {
		switch q.P.Value {
		case ontology.RDFSLabel:
			e.Label = q.O.Value
		case ontology.SKOSAltLabel:
			e.Alt = append(e.Alt, q.O.Value)
		case ontology.SchemaJobTitle:
			e.Jobs = append(e.Jobs, q.O.Value)
		}
	}
	sort.Strings(e.Alt)
	sort.Strings(e.Jobs)
	return e
}

func entityKind(types map[string]bool) string {
	switch {
	case types[ontology.SchemaPerson]:
		return "person"
	case types[ontology.SchemaOrganization]:
		return "organization"
	case types[ontology.SchemaPlace]:
		return "place"
	}
	return ""
}

// label is what the document calls an entity: its rdfs:label in this
// document's graph, or the IRI's last segment.
func (d *docView) label(iri string) string {
	if e, ok := d.Entities[iri]; ok && e.Label != "" {
		return e.Label
	}
	return lastSegment(iri)
}

func lastSegment(iri string) string {
	if i := strings.LastIndexAny(iri, "/#"); i >= 0 && i < len(iri)-1 {
		return iri[i+1:]
	}
	return iri
}

func first(ts []ontology.Term) string {
	if len(ts) == 0 {
		return ""
	}
	return ts[0].Value
}

func atoi(s string) (int, bool) {
	n, err := strconv.Atoi(s)
	return n, err == nil
}

func spanLess(a, b span) bool {
	if a.Begin != b.Begin {
		return a.Begin < b.Begin
	}
	return a.End > b.End
}

func sortSpans(s []span) {
	sort.Slice(s, func(i, j int) bool { return spanLess(s[i], s[j]) })
}

func sortEvents(evs []*eventView) {
	sort.SliceStable(evs, func(i, j int) bool {
		a, b := evs[i], evs[j]
		if ka, kb := a.sortKey(), b.sortKey(); ka != kb {
			return ka < kb
		}
		if a.Label != b.Label {
			return a.Label < b.Label
		}
		return a.IRI < b.IRI
	})
}
