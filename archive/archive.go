// Package archive reads the archive back out of the store as a historian
// sees it: a document with its text, its mentions, dates, speaker turns
// and events, each with its place in the text (Unicode characters, as NIF
// counts them) and the entities they name. It is the read side of the
// mapping in package ontology, in plain values, for pages, timelines and
// reports; it reads through graph.Store.Match and knows no Cayley.
package archive

import (
	"context"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/dossier-archive/dossier/graph"
	"github.com/dossier-archive/dossier/ontology"
)

// Span is a stretch of a document's text in Unicode characters, as NIF
// counts them.
type Span struct{ Begin, End int }

func (s Span) Contains(t Span) bool { return s.Begin <= t.Begin && t.End <= s.End }

// Document is one document as its graph describes it.
type Document struct {
	IRI, ID string
	Meta    []MetaField // in a fixed order, for the page and the search
	Title   string
	Date    string // dcterms:date, lexical form
	Text    string
	offsets []int // byte offset of each character of Text, and len(Text)

	Sentences []Span
	Mentions  []Mention // sorted by position
	Dates     []Date    // sorted by position
	Turns     []Turn    // by position
	Events    []*Event  // by date, then label
	Entities  map[string]*Entity
	Mentioned []string // schema:mentions of the document, sorted by label
}

type MetaField struct {
	Name  string // what the page calls it
	Value string
	IRI   string // when the value is an IRI
}

type Mention struct {
	Span
	IRI    string // the string's IRI
	Entity string // "" when unresolved
	Anchor string
}

type Date struct {
	Span
	IRI      string
	Anchor   string
	Value    string // normalized, lexical form
	Relative bool
}

type Turn struct {
	Span
	N       int
	IRI     string
	Label   string
	Speaker string
}

type Event struct {
	IRI, Label, Doc   string
	Types             []string // local names of Dossier's event classes
	Agents, Targets   []string
	Place             string
	Stamp, Begin, End string // lexical forms of sem:hasTimeStamp, begin, end
	DateExpr          string // IRI of the date's string
	Evidence, Trigger Span
	HasEvidence       bool
	HasTrigger        bool

	evidenceRef, triggerRef string // the IRIs of the evidence and trigger strings
}

// When is the event's date for people: the time stamp, or "BEGIN – END".
func (e *Event) When() string {
	switch {
	case e.Stamp != "":
		return e.Stamp
	case e.Begin != "" || e.End != "":
		return e.Begin + " – " + e.End
	}
	return ""
}

// sortKey orders events on a timeline: by their first day, undated last.
func (e *Event) SortKey() string {
	if d := e.Stamp + e.Begin; d != "" {
		return d
	}
	return "~"
}

type Entity struct {
	IRI, Label, Kind string // Kind: "person", "organization", "place"
	Alt              []string
	Jobs             []string
}

// NewDocument returns a document holding text and nothing else yet.
func NewDocument(text string) *Document {
	d := &Document{Entities: map[string]*Entity{}}
	d.setText(text)
	return d
}

// setText sets the text and the byte offset of each of its characters.
func (d *Document) setText(text string) {
	d.Text = text
	d.offsets = make([]int, 0, utf8.RuneCountInString(text)+1)
	for i := range text {
		d.offsets = append(d.offsets, i)
	}
	d.offsets = append(d.offsets, len(text))
}

// Chars is the length of the document's text in Unicode characters.
func (d *Document) Chars() int { return len(d.offsets) - 1 }

// Str is the text of the characters s.
func (d *Document) Str(s Span) string {
	if s.Begin < 0 || s.End > len(d.offsets)-1 || s.Begin > s.End {
		return ""
	}
	return d.Text[d.offsets[s.Begin]:d.offsets[s.End]]
}

// sentenceOf returns the sentence holding s, or a window of the line
// around it when no sentence does (a header line, a list of participants).
func (d *Document) SentenceOf(s Span) Span {
	i := sort.Search(len(d.Sentences), func(i int) bool { return d.Sentences[i].End >= s.End })
	for ; i < len(d.Sentences) && d.Sentences[i].Begin <= s.Begin; i++ {
		if d.Sentences[i].Contains(s) {
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
	return Span{b, e}
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

// stringInfo is what the graph says about one NIF string.
type stringInfo struct {
	Span
	hasBegin, hasEnd bool
	types            map[string]bool
	anchor           string
	entity           string
	value            string
	relative         bool
}

// Read reads the graph of the document with this IRI into a Document, or
// returns nil when the store holds no such document.
func Read(ctx context.Context, st *graph.Store, iri string) (*Document, error) {
	g := ontology.NewIRI(iri)
	bySubject := map[string][]ontology.Quad{}
	var subjects []string
	err := st.Match(ctx, ontology.Term{}, ontology.Term{}, ontology.Term{}, g, func(q ontology.Quad) error {
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
	d := &Document{IRI: iri, Entities: map[string]*Entity{}}
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
			mf := MetaField{Name: f.name, Value: v.Value}
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
	d.setText(d.Text)

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
			d.Dates = append(d.Dates, Date{Span: info.Span, IRI: s, Anchor: info.anchor, Value: info.value, Relative: info.relative})
		case info.types[ontology.NIFPhrase] && (info.entity != "" || !triggers[s]):
			d.Mentions = append(d.Mentions, Mention{Span: info.Span, IRI: s, Entity: info.entity, Anchor: info.anchor})
		}
		if info.types[ontology.NIFSentence] {
			d.Sentences = append(d.Sentences, info.Span)
		}
	}
	for _, ev := range d.Events {
		if info, ok := strs[ev.evidenceIRI()]; ok {
			ev.Evidence, ev.HasEvidence = info.Span, true
		}
		if info, ok := strs[ev.triggerIRI()]; ok {
			ev.Trigger, ev.HasTrigger = info.Span, true
		}
	}
	sortSpans(d.Sentences)
	sort.Slice(d.Mentions, func(i, j int) bool { return spanLess(d.Mentions[i].Span, d.Mentions[j].Span) })
	sort.Slice(d.Dates, func(i, j int) bool { return spanLess(d.Dates[i].Span, d.Dates[j].Span) })
	sort.Slice(d.Turns, func(i, j int) bool { return d.Turns[i].N < d.Turns[j].N })
	SortEvents(d.Events)
	sort.Slice(d.Mentioned, func(i, j int) bool {
		return LessFold(d.Label(d.Mentioned[i]), d.Label(d.Mentioned[j]))
	})
	return d, nil
}

// evidenceIRI and triggerIRI are kept while reading; see readEvent.
func (e *Event) evidenceIRI() string { return e.evidenceRef }
func (e *Event) triggerIRI() string  { return e.triggerRef }

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

func readTurn(iri string, quads []ontology.Quad) Turn {
	t := Turn{IRI: iri}
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

func readEvent(iri, doc string, quads []ontology.Quad) *Event {
	ev := &Event{IRI: iri, Doc: doc}
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

func readEntity(iri string, quads []ontology.Quad, types map[string]bool) *Entity {
	e := &Entity{IRI: iri, Kind: entityKind(types)}
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
func (d *Document) Label(iri string) string {
	if e, ok := d.Entities[iri]; ok && e.Label != "" {
		return e.Label
	}
	return LastSegment(iri)
}

func LastSegment(iri string) string {
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

func spanLess(a, b Span) bool {
	if a.Begin != b.Begin {
		return a.Begin < b.Begin
	}
	return a.End > b.End
}

func sortSpans(s []Span) {
	sort.Slice(s, func(i, j int) bool { return spanLess(s[i], s[j]) })
}

func SortEvents(evs []*Event) {
	sort.SliceStable(evs, func(i, j int) bool {
		a, b := evs[i], evs[j]
		if ka, kb := a.SortKey(), b.SortKey(); ka != kb {
			return ka < kb
		}
		if a.Label != b.Label {
			return a.Label < b.Label
		}
		return a.IRI < b.IRI
	})
}

// LessFold orders names as a reader would: case and accents aside.
func LessFold(a, b string) bool {
	if fa, fb := Fold(a), Fold(b); fa != fb {
		return fa < fb
	}
	return a < b
}

// foldSpecial are letters that Unicode does not decompose into a base
// letter and a mark, spelled as a reader without the diacritic would.
var foldSpecial = map[rune]string{
	'đ': "d", 'ð': "d", 'ł': "l", 'ø': "o", 'ß': "ss", 'æ': "ae", 'œ': "oe",
	'ı': "i", 'ħ': "h", 'þ': "th", 'ŀ': "l", 'ŧ': "t",
}

// Fold makes a name comparable case and accents aside: "Phạm Văn Đồng"
// and "pham van dong" fold alike. Marks are dropped after canonical
// decomposition; letters that do not decompose (đ, ø, ł, ß) are spelled
// out; runs of spaces become one.
func Fold(s string) string {
	var b strings.Builder
	space := false
	for _, r := range norm.NFD.String(s) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		r = unicode.ToLower(r)
		if unicode.IsSpace(r) {
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		if sp, ok := foldSpecial[r]; ok {
			b.WriteString(sp)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Documents returns the IRIs of the documents in the store, sorted.
func Documents(ctx context.Context, st *graph.Store) ([]string, error) {
	var out []string
	err := st.Match(ctx, ontology.Term{}, ontology.NewIRI(ontology.RDFType), ontology.NewIRI(ontology.SchemaCreativeWork), ontology.Term{},
		func(q ontology.Quad) error {
			// a document's type sits in its own graph
			if q.S.Kind == ontology.IRI && q.G.Value == q.S.Value {
				out = append(out, q.S.Value)
			}
			return nil
		})
	sort.Strings(out)
	return slices.Compact(out), err
}

// Each reads the documents of the store one at a time, in IRI order, and
// calls fn with each: memory holds one document's view, not the archive.
func Each(ctx context.Context, st *graph.Store, fn func(*Document) error) error {
	docs, err := Documents(ctx, st)
	if err != nil {
		return err
	}
	for _, iri := range docs {
		d, err := Read(ctx, st, iri)
		if err != nil {
			return err
		}
		if d == nil {
			continue // removed meanwhile
		}
		if err := fn(d); err != nil {
			return err
		}
	}
	return nil
}
