package ontology

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/dossier-archive/dossier/extract"
)

// Document maps one document's annotations to quads and passes them to
// emit, each once, in a fixed order (the same document gives the same
// sequence), and all in the document's graph (G = DocumentIRI). The quads
// of one subject come together, so that a Turtle writer can group them.
//
// contentHash is the SHA-256 of the document's bytes in lower-case hex
// (dossier:contentHash), or "" to leave it out.
//
// The whole document is mapped and checked before the first call to emit:
// a malformed document (no ID, a span outside the text or not on a
// character boundary, an index out of range, an invalid sameAs IRI) gives
// an error and no quads at all. Document stops at the first error emit
// returns and returns it.
func (m Mapper) Document(doc *extract.Document, contentHash string, emit func(Quad) error) error {
	quads, err := m.Quads(doc, contentHash)
	if err != nil {
		return err
	}
	for _, q := range quads {
		if err := emit(q); err != nil {
			return err
		}
	}
	return nil
}

// Quads returns the quads Document emits, in the same order.
//
// What each annotation becomes:
//
//   - the document: a schema:CreativeWork and foaf:Document, with
//     dcterms:identifier, title, date (typed by precision, see
//     DateLiteral), source (an IRI when it is one), language (the original
//     language as the header gives it), bibliographicCitation, abstract
//     (the archive's summary), subject; schema:translator, creditText,
//     locationCreated (the dateline place: the Place entity of that name,
//     or the name); dossier:classification, contentHash; dossier:text, its
//     whole text as a nif:Context with nif:isString; schema:mentions each
//     entity.
//   - each entity: schema:Person, Organization or Place; rdfs:label (the
//     canonical name); skos:altLabel for every other name it goes by (its
//     AltNames and the title-stripped names of its mentions); owl:sameAs;
//     schema:jobTitle (its roles); schema:nationality (the Place entity of
//     that exact name if there is one, else the name as a string);
//     schema:memberOf.
//   - each mention: its text string {document}#char=S,E, a nif:Phrase and
//     nif:RFC5147String, with nif:anchorOf, beginIndex, endIndex (Unicode
//     characters, xsd:nonNegativeInteger), referenceContext and
//     itsrdf:taIdentRef its entity.
//   - each date: its text string, a dossier:TemporalExpression and
//     nif:RFC5147String, with the NIF properties, dossier:dateValue typed
//     by precision, dossier:isRelative true when it was resolved from
//     context.
//   - each paragraph and sentence: its string {document}#char=S,E, a
//     nif:Paragraph or nif:Sentence and nif:RFC5147String, with
//     nif:beginIndex, endIndex and referenceContext, so that co-occurrence
//     in a sentence or paragraph can be read from offsets. They carry no
//     nif:anchorOf: their text is the context's nif:isString between the
//     offsets, and repeating it would store each text three times.
//   - each speaker turn: {document}#turn-N, a dossier:Turn, with
//     dossier:turnOf, schema:position N, nif:beginIndex, endIndex,
//     dossier:speakerLabel, dossier:speaker (when resolved) and
//     schema:mentions each entity named in the turn outside its label.
//   - each event: a sem:Event and dossier:Purge, Plenum, Meeting or
//     Publication; rdfs:label; dossier:agent and dossier:target (each also
//     as sem:hasActor, for stores without inference); sem:hasPlace;
//     sem:hasTimeStamp, or sem:hasBeginTimeStamp and sem:hasEndTimeStamp
//     for a span; dossier:dateExpression; dossier:evidence, the sentence
//     that states it (a nif:Sentence with the NIF properties);
//     dossier:trigger, the words that name it (a nif:Phrase);
//     prov:wasDerivedFrom the document.
//
// Literals are xsd:string unless typed above. No blank nodes. A string
// that is two things (a one-sentence paragraph, a sentence that is an
// event's evidence) is one resource with both descriptions.
func (m Mapper) Quads(doc *extract.Document, contentHash string) ([]Quad, error) {
	if doc == nil {
		return nil, errors.New("no document")
	}
	base, err := m.base()
	if err != nil {
		return nil, err
	}
	m.Base = base
	if doc.Meta.ID == "" {
		return nil, fmt.Errorf("%s: document has no ID", docName(doc))
	}
	if !utf8.ValidString(doc.Text) {
		return nil, fmt.Errorf("%s: text is not valid UTF-8", docName(doc))
	}
	n := 32 + 8*len(doc.Entities) + 7*(len(doc.Mentions)+len(doc.Dates)) + 5*(len(doc.Paragraphs)+len(doc.Sentences)) +
		8*len(doc.Turns) + 20*len(doc.Events)
	mp := &mapping{m: m, doc: doc, seen: make(map[[3]Term]struct{}, n), quads: make([]Quad, 0, n)}
	if err := mp.run(contentHash); err != nil {
		return nil, fmt.Errorf("%s: %w", docName(doc), err)
	}
	return mp.quads, nil
}

func docName(doc *extract.Document) string {
	if doc.Path != "" {
		return doc.Path
	}
	if doc.Meta.ID != "" {
		return "document " + doc.Meta.ID
	}
	return "document"
}

// mapping is the state of one Quads call.
type mapping struct {
	m        Mapper
	doc      *extract.Document
	id       string               // document ID
	g        Term                 // the document IRI: subject of its metadata and graph of every quad
	context  Term                 // the nif:Context of the whole text
	entities []Term               // IRI of each entity, by index
	dates    []Term               // string IRI of each date, by index
	seen     map[[3]Term]struct{} // the triples added (all share the graph)
	quads    []Quad
}

func (mp *mapping) add(s Term, p string, o Term) {
	key := [3]Term{s, NewIRI(p), o}
	if _, dup := mp.seen[key]; dup {
		return
	}
	mp.seen[key] = struct{}{}
	mp.quads = append(mp.quads, Quad{S: s, P: key[1], O: o, G: mp.g})
}

// addString adds a plain literal, unless s is empty or only spaces.
func (mp *mapping) addString(s Term, p, value string) {
	if strings.TrimSpace(value) != "" {
		mp.add(s, p, NewString(value))
	}
}

func (mp *mapping) addType(s Term, classes ...string) {
	for _, c := range classes {
		mp.add(s, RDFType, NewIRI(c))
	}
}

func nonNegative(n int) Term { return NewTyped(strconv.Itoa(n), XSDNonNegativeInteger) }

// checkSpan reports a span outside the text or cutting a character.
func (mp *mapping) checkSpan(what string, s extract.Span) error {
	t := mp.doc.Text
	if s.Start < 0 || s.End < s.Start || s.End > len(t) {
		return fmt.Errorf("%s: span [%d,%d) outside the text (%d bytes)", what, s.Start, s.End, len(t))
	}
	if s.Start < len(t) && !utf8.RuneStart(t[s.Start]) || s.End < len(t) && !utf8.RuneStart(t[s.End]) {
		return fmt.Errorf("%s: span [%d,%d) cuts a character", what, s.Start, s.End)
	}
	return nil
}

// entity returns the IRI of entity i; ok is false for a negative index
// (unresolved), err is set for an index out of range.
func (mp *mapping) entity(what string, i int) (Term, bool, error) {
	if i < 0 {
		return Term{}, false, nil
	}
	if i >= len(mp.entities) {
		return Term{}, false, fmt.Errorf("%s: entity index %d out of range (%d entities)", what, i, len(mp.entities))
	}
	return mp.entities[i], true, nil
}

// text adds the NIF description of a string of the text: its types,
// anchorOf, begin and end indices and reference context, and returns its
// IRI.
func (mp *mapping) text(s extract.Span, classes ...string) Term {
	start, end := mp.doc.CharSpan(s)
	iri := NewIRI(mp.m.StringIRI(mp.id, start, end))
	mp.addType(iri, classes...)
	mp.add(iri, NIFAnchorOf, NewString(mp.doc.Surface(s)))
	mp.add(iri, NIFBeginIndex, nonNegative(start))
	mp.add(iri, NIFEndIndex, nonNegative(end))
	mp.add(iri, NIFReferenceContext, mp.context)
	return iri
}

// structure adds a paragraph or sentence: its types, offsets and reference
// context (see Quads for why no anchorOf). Empty spans are left out.
func (mp *mapping) structure(s extract.Span, class string) {
	if s.Len() == 0 {
		return
	}
	start, end := mp.doc.CharSpan(s)
	iri := NewIRI(mp.m.StringIRI(mp.id, start, end))
	mp.addType(iri, class, NIFRFC5147String)
	mp.add(iri, NIFBeginIndex, nonNegative(start))
	mp.add(iri, NIFEndIndex, nonNegative(end))
	mp.add(iri, NIFReferenceContext, mp.context)
}

// groupBySubject reorders the quads so that those of one subject come
// together, subjects in order of first appearance and each subject's quads
// in the order they were added. A string described twice (a sentence that
// is also an event's evidence) would otherwise be split.
func (mp *mapping) groupBySubject() {
	first := make(map[Term]int, len(mp.quads)/4)
	var groups [][]Quad
	split := false
	for _, q := range mp.quads {
		i, ok := first[q.S]
		if !ok {
			i = len(groups)
			first[q.S] = i
			groups = append(groups, nil)
		} else if i != len(groups)-1 {
			split = true
		}
		groups[i] = append(groups[i], q)
	}
	if !split {
		return
	}
	mp.quads = mp.quads[:0]
	for _, g := range groups {
		mp.quads = append(mp.quads, g...)
	}
}

func (mp *mapping) run(contentHash string) error {
	doc, m := mp.doc, mp.m
	mp.id = doc.Meta.ID
	mp.g = NewIRI(m.DocumentIRI(mp.id))
	n := utf8.RuneCountInString(doc.Text)
	mp.context = NewIRI(m.StringIRI(mp.id, 0, n))

	if err := mp.mintEntities(); err != nil {
		return err
	}
	if err := mp.checkIndices(); err != nil {
		return err
	}

	mp.document(contentHash)

	// The whole text, so that a web page can show the document and every
	// string's offsets refer to it.
	mp.addType(mp.context, NIFContext, NIFRFC5147String)
	mp.add(mp.context, NIFIsString, NewString(doc.Text))
	mp.add(mp.context, NIFBeginIndex, nonNegative(0))
	mp.add(mp.context, NIFEndIndex, nonNegative(n))

	for i := range doc.Entities {
		mp.describeEntity(i)
	}
	for _, mn := range doc.Mentions {
		iri := mp.text(mn.Span, NIFPhrase, NIFRFC5147String)
		if e, ok, _ := mp.entity("", mn.Entity); ok {
			mp.add(iri, ITSRDFTaIdentRef, e)
		}
	}
	mp.dates = make([]Term, len(doc.Dates))
	for i, d := range doc.Dates {
		iri := mp.text(d.Span, DossierTemporalExpr, NIFRFC5147String)
		mp.dates[i] = iri
		if d.Value != "" {
			v, _ := DateLiteral(d.Value)
			mp.add(iri, DossierDateValue, v)
		}
		if d.Relative {
			mp.add(iri, DossierIsRelative, NewTyped("true", XSDBoolean))
		}
	}
	for i := range doc.Turns {
		mp.turn(i)
	}
	for _, p := range doc.Paragraphs {
		mp.structure(p, NIFParagraph)
	}
	for _, s := range doc.Sentences {
		mp.structure(s.Span, NIFSentence)
	}
	for i := range doc.Events {
		mp.event(i)
	}
	mp.groupBySubject()
	for _, q := range mp.quads {
		if err := q.Check(); err != nil {
			return fmt.Errorf("quad %s: %w", q, err)
		}
	}
	return nil
}

// mintEntities gives each entity its IRI and checks its own fields.
func (mp *mapping) mintEntities() error {
	mp.entities = make([]Term, len(mp.doc.Entities))
	for i, e := range mp.doc.Entities {
		slug := e.ID
		if slug == "" {
			slug = extract.Slug(e.Name)
		}
		if slug == "" {
			return fmt.Errorf("entity %d has neither an ID nor a name", i)
		}
		iri := mp.m.EntityIRI(e.Type, slug)
		if iri == "" {
			return fmt.Errorf("entity %d (%q) has the unknown type %q", i, e.Name, e.Type)
		}
		mp.entities[i] = NewIRI(iri)
		for _, s := range e.SameAs {
			if err := CheckIRI(s); err != nil {
				return fmt.Errorf("entity %q: sameAs: %w", e.Name, err)
			}
		}
		for _, o := range e.MemberOf {
			if o < 0 || o >= len(mp.doc.Entities) {
				return fmt.Errorf("entity %q: memberOf index %d out of range", e.Name, o)
			}
		}
	}
	return nil
}

// checkIndices checks every span and index the mapping will follow, so
// that the mapping itself cannot fail halfway.
func (mp *mapping) checkIndices() error {
	doc := mp.doc
	for i, mn := range doc.Mentions {
		what := fmt.Sprintf("mention %d (%q)", i, mn.Text)
		if err := mp.checkSpan(what, mn.Span); err != nil {
			return err
		}
		if _, _, err := mp.entity(what, mn.Entity); err != nil {
			return err
		}
	}
	for i, d := range doc.Dates {
		if err := mp.checkSpan(fmt.Sprintf("date %d (%q)", i, d.Text), d.Span); err != nil {
			return err
		}
	}
	for i, p := range doc.Paragraphs {
		if err := mp.checkSpan(fmt.Sprintf("paragraph %d", i+1), p); err != nil {
			return err
		}
	}
	for i, s := range doc.Sentences {
		if err := mp.checkSpan(fmt.Sprintf("sentence %d", i+1), s.Span); err != nil {
			return err
		}
	}
	for i, t := range doc.Turns {
		what := fmt.Sprintf("turn %d", i+1)
		if err := mp.checkSpan(what, t.Span); err != nil {
			return err
		}
		if err := mp.checkSpan(what+" label", t.Label); err != nil {
			return err
		}
		if _, _, err := mp.entity(what+" speaker", t.Speaker); err != nil {
			return err
		}
	}
	for i, ev := range doc.Events {
		what := fmt.Sprintf("event %d (%q)", i+1, ev.Label)
		if err := mp.checkSpan(what+" evidence", ev.Evidence); err != nil {
			return err
		}
		if err := mp.checkSpan(what+" trigger", ev.Trigger); err != nil {
			return err
		}
		for _, a := range append(append([]int(nil), ev.Agents...), ev.Patients...) {
			if a < 0 {
				return fmt.Errorf("%s: negative participant index %d", what, a)
			}
			if _, _, err := mp.entity(what, a); err != nil {
				return err
			}
		}
		if _, _, err := mp.entity(what+" place", ev.Place); err != nil {
			return err
		}
		if ev.DateRef >= len(doc.Dates) {
			return fmt.Errorf("%s: date index %d out of range (%d dates)", what, ev.DateRef, len(doc.Dates))
		}
	}
	return nil
}

func (mp *mapping) document(contentHash string) {
	doc, meta, d := mp.doc, mp.doc.Meta, mp.g
	mp.addType(d, SchemaCreativeWork, FOAFDocument)
	mp.addString(d, DCTermsIdentifier, meta.ID)
	mp.addString(d, DCTermsTitle, meta.Title)
	if meta.Date != "" {
		v, _ := DateLiteral(meta.Date)
		mp.add(d, DCTermsDate, v)
	}
	if meta.Source != "" {
		if CheckIRI(meta.Source) == nil {
			mp.add(d, DCTermsSource, NewIRI(meta.Source))
		} else {
			mp.addString(d, DCTermsSource, meta.Source)
		}
	}
	mp.addString(d, DCTermsLanguage, meta.Language)
	mp.addString(d, SchemaTranslator, meta.Translator)
	mp.addString(d, DCTermsCitation, meta.Citation)
	mp.addString(d, DCTermsAbstract, meta.Summary)
	mp.addString(d, DCTermsSubject, meta.Subject)
	mp.addString(d, SchemaCreditText, meta.Credits)
	if meta.Place != "" {
		if i := doc.EntityByName(extract.Place, meta.Place); i >= 0 {
			mp.add(d, SchemaLocationCreated, mp.entities[i])
		} else {
			mp.addString(d, SchemaLocationCreated, meta.Place)
		}
	}
	mp.addString(d, DossierClassification, meta.Classification)
	mp.addString(d, DossierContentHash, contentHash)
	mp.add(d, DossierText, mp.context)
	for _, e := range mp.entities {
		mp.add(d, SchemaMentions, e)
	}
}

var entityClass = map[extract.EntityType]string{
	extract.Person:       SchemaPerson,
	extract.Organization: SchemaOrganization,
	extract.Place:        SchemaPlace,
}

func (mp *mapping) describeEntity(i int) {
	doc, e, iri := mp.doc, mp.doc.Entities[i], mp.entities[i]
	mp.addType(iri, entityClass[e.Type])
	mp.addString(iri, RDFSLabel, e.Name)
	alt := func(name string) {
		if name != e.Name {
			mp.addString(iri, SKOSAltLabel, name)
		}
	}
	for _, a := range e.AltNames {
		alt(a)
	}
	for _, k := range e.Mentions {
		if k >= 0 && k < len(doc.Mentions) {
			alt(doc.Mentions[k].Name)
		}
	}
	// Mentions that point at the entity without being listed in it.
	for _, mn := range doc.Mentions {
		if mn.Entity == i {
			alt(mn.Name)
		}
	}
	for _, s := range e.SameAs {
		mp.add(iri, OWLSameAs, NewIRI(s))
	}
	for _, r := range e.Roles {
		mp.addString(iri, SchemaJobTitle, r)
	}
	if e.Nationality != "" {
		if p := doc.EntityByName(extract.Place, e.Nationality); p >= 0 {
			mp.add(iri, SchemaNationality, mp.entities[p])
		} else {
			mp.addString(iri, SchemaNationality, e.Nationality)
		}
	}
	for _, o := range e.MemberOf {
		mp.add(iri, SchemaMemberOf, mp.entities[o])
	}
}

func (mp *mapping) turn(i int) {
	doc, t := mp.doc, mp.doc.Turns[i]
	iri := NewIRI(mp.m.TurnIRI(mp.id, i+1))
	mp.addType(iri, DossierTurn)
	mp.add(iri, DossierTurnOf, mp.g)
	mp.add(iri, SchemaPosition, NewTyped(strconv.Itoa(i+1), XSDInteger))
	start, end := doc.CharSpan(t.Span)
	mp.add(iri, NIFBeginIndex, nonNegative(start))
	mp.add(iri, NIFEndIndex, nonNegative(end))
	if t.Label.Len() > 0 {
		mp.addString(iri, DossierSpeakerLabel, doc.Surface(t.Label))
	}
	if e, ok, _ := mp.entity("", t.Speaker); ok {
		mp.add(iri, DossierSpeaker, e)
	}
	// Who the turn talks about: the entities named in it, the speaker's
	// own label excepted.
	for _, mn := range doc.Mentions {
		if !t.Span.Contains(mn.Span) || t.Label.Len() > 0 && t.Label.Overlaps(mn.Span) {
			continue
		}
		if e, ok, _ := mp.entity("", mn.Entity); ok {
			mp.add(iri, SchemaMentions, e)
		}
	}
}

var eventClass = map[extract.EventType]string{
	extract.Purge:       DossierPurge,
	extract.Plenum:      DossierPlenum,
	extract.Meeting:     DossierMeeting,
	extract.Publication: DossierPublication,
}

func (mp *mapping) event(i int) {
	doc, ev := mp.doc, mp.doc.Events[i]
	var evidence, trigger Term
	if ev.Evidence.Len() > 0 {
		evidence = mp.text(ev.Evidence, NIFSentence, NIFRFC5147String)
	}
	if ev.Trigger.Len() > 0 {
		trigger = mp.text(ev.Trigger, NIFPhrase, NIFRFC5147String)
	}

	id := ev.ID
	for k := 0; k < i && id != ""; k++ {
		if doc.Events[k].ID == id {
			id += "-" + strconv.Itoa(i+1) // two events with one ID stay two
			break
		}
	}
	iri := NewIRI(mp.m.EventIRI(mp.id, id, i+1))
	mp.addType(iri, SEMEvent)
	if c, ok := eventClass[ev.Type]; ok {
		mp.addType(iri, c)
	}
	mp.addString(iri, RDFSLabel, ev.Label)
	for _, a := range ev.Agents {
		mp.add(iri, DossierAgent, mp.entities[a])
		mp.add(iri, SEMHasActor, mp.entities[a])
	}
	for _, a := range ev.Patients {
		mp.add(iri, DossierTarget, mp.entities[a])
		mp.add(iri, SEMHasActor, mp.entities[a])
	}
	if p, ok, _ := mp.entity("", ev.Place); ok {
		mp.add(iri, SEMHasPlace, p)
	}
	value := ev.Date
	if value == "" && ev.DateRef >= 0 {
		value = doc.Dates[ev.DateRef].Value
	}
	if value != "" {
		if begin, end, ok := SplitInterval(value); ok {
			mp.add(iri, SEMHasBeginTimeStamp, begin)
			mp.add(iri, SEMHasEndTimeStamp, end)
		} else {
			v, _ := DateLiteral(value)
			mp.add(iri, SEMHasTimeStamp, v)
		}
	}
	if ev.DateRef >= 0 {
		mp.add(iri, DossierDateExpression, mp.dates[ev.DateRef])
	}
	if !evidence.IsZero() {
		mp.add(iri, DossierEvidence, evidence)
	}
	if !trigger.IsZero() {
		mp.add(iri, DossierTrigger, trigger)
	}
	mp.add(iri, ProvWasDerivedFrom, mp.g)
}
