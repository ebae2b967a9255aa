// Package extract turns the text of an archival document into annotations:
// its own metadata, paragraphs, sentences and speaker turns, mentions of
// people, organizations and places grouped into entities, normalized dates,
// and typed events with their participants.
//
// It knows text and nothing of RDF. Every layer is a plain Go value on one
// Document, and each stage is a function that reads the layers before it and
// adds its own, so that a stage can be tested alone on a sentence.
//
// Offsets: every Span holds byte offsets into Document.Text, so that
// Text[s.Start:s.End] is the surface. The extraction contract (JSON) and the
// RDF mapping speak Unicode characters instead; Document.Chars converts.
package extract

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Span is a half-open range [Start, End) of byte offsets into Document.Text.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Len is the span's length in bytes.
func (s Span) Len() int { return s.End - s.Start }

// Contains reports whether o lies inside s.
func (s Span) Contains(o Span) bool { return s.Start <= o.Start && o.End <= s.End }

// Overlaps reports whether s and o share at least one byte.
func (s Span) Overlaps(o Span) bool { return s.Start < o.End && o.Start < s.End }

// EntityType is the kind of thing a name refers to.
type EntityType string

// The entity types of the extraction contract.
const (
	Person       EntityType = "Person"
	Organization EntityType = "Organization"
	Place        EntityType = "Place"
)

// Metadata is what a document says about itself in its header: the Wilson
// Center layout (date line, title, Citation, Summary, Original Language,
// translator, source URL) or a FRUS heading and dateline.
type Metadata struct {
	ID             string `json:"id"`                   // stable identifier, from the file name
	Title          string `json:"title,omitempty"`      // as printed, line breaks folded
	Date           string `json:"date,omitempty"`       // YYYY-MM-DD (or YYYY-MM, YYYY): what relative dates resolve against
	Place          string `json:"place,omitempty"`      // dateline place ("Washington") where the header gives one
	Source         string `json:"source,omitempty"`     // URL of the original
	Citation       string `json:"citation,omitempty"`   // archival citation as printed
	Summary        string `json:"summary,omitempty"`    // the archive's own summary
	Language       string `json:"language,omitempty"`   // original language ("Albanian")
	Translator     string `json:"translator,omitempty"` // who translated it, where the header says
	Credits        string `json:"credits,omitempty"`
	Subject        string `json:"subject,omitempty"`        // SUBJECT line of a memorandum
	Classification string `json:"classification,omitempty"` // "Top Secret", "Secret; Limited Distribution"
	// Body is where the document's own text begins, after the header.
	Body Span `json:"-"`
	// Fields are the header's labelled lines in order (label → value), kept
	// so that nothing the header says is lost.
	Fields []Field `json:"-"`
}

// Field is one labelled line of a document header ("Place of meeting: ...").
type Field struct {
	Label string
	Value string
	Span  Span // of the value
}

// Sentence is one sentence of running text.
type Sentence struct {
	Span
	Paragraph int // index into Document.Paragraphs
	Turn      int // index into Document.Turns, or -1 outside a transcript turn
}

// Turn is one speaker's turn in a transcript ("Chairman Mao: When will you
// be leaving?"). The label is the speaker as printed, colon excluded.
type Turn struct {
	Span         // the whole turn, label included
	Label   Span // the speaker label as printed, without the colon
	Speaker int  // index into Document.Entities, or -1 when unresolved
}

// Mention is one occurrence of a name in the text.
type Mention struct {
	Span
	Text string     `json:"text"` // the surface, Text[Start:End], title included
	Type EntityType `json:"type"`
	// Name is the surface without honorifics, ranks and footnote marks
	// ("Mao Zedong" for "Chairman Mao Zedong^[2]").
	Name string `json:"name"`
	// Title is the honorific or office printed before the name, if any
	// ("Chairman", "Foreign Minister").
	Title    string `json:"title,omitempty"`
	Entity   int    `json:"-"` // index into Document.Entities
	Sentence int    `json:"-"` // index into Document.Sentences, or -1 in the header
}

// Entity is one real referent: the mentions that name the same person,
// organization or place, with one canonical name.
type Entity struct {
	// ID is a stable slug of the canonical name; two documents that name
	// the same person give the same ID.
	ID   string     `json:"id"`
	Type EntityType `json:"type"`
	Name string     `json:"name"`
	// AltNames are the other forms seen for this entity, titles stripped,
	// in order of first appearance (romanization variants included).
	AltNames []string `json:"altNames,omitempty"`
	SameAs   []string `json:"sameAs,omitempty"` // authority IRIs (Wikidata)
	Mentions []int    `json:"-"`                // indices into Document.Mentions, in text order
	// Roles are offices and titles the text gives the entity ("Chairman",
	// "Foreign Minister", "chief of the General Staff").
	Roles       []string `json:"roles,omitempty"`
	Nationality string   `json:"nationality,omitempty"`
	MemberOf    []int    `json:"-"` // indices of Organization entities
}

// Date is one temporal expression, normalized.
type Date struct {
	Span
	Text string `json:"text"`
	// Value is YYYY, YYYY-MM, YYYY-MM-DD, YYYY-MM-DDThh:mm, or START/END for
	// a span; empty when the expression could not be resolved.
	Value    string `json:"value"`
	Relative bool   `json:"relative,omitempty"` // resolved against the document date or context
	Sentence int    `json:"-"`
}

// EventType names a kind of event; all are sem:Event in RDF.
type EventType string

// The event types Dossier recognizes.
const (
	Purge       EventType = "Purge"       // overthrow, dismissal, unmasking, expulsion, liquidation, reorganization
	Plenum      EventType = "Plenum"      // plenums, congresses, party conferences, extended meetings
	Meeting     EventType = "Meeting"     // conversations, talks, audiences, visits, rallies
	Publication EventType = "Publication" // articles, posters, letters, messages, speeches, statements
)

// Event is something that happened, with who did it to whom, when and where.
type Event struct {
	ID       string    `json:"id"`
	Type     EventType `json:"type"`
	Label    string    `json:"label"`
	Trigger  Span      `json:"-"`              // the word that names the event ("overthrew")
	Evidence Span      `json:"-"`              // the sentence (or clause) that states it
	Date     string    `json:"date,omitempty"` // as Date.Value
	DateRef  int       `json:"-"`              // index into Document.Dates, or -1 (document date, or none)
	Agents   []int     `json:"-"`              // indices into Document.Entities
	Patients []int     `json:"-"`
	Place    int       `json:"-"` // index into Document.Entities, or -1
}

// Document is one archival document and every layer found in it.
type Document struct {
	Path       string // where it was read from, for messages
	Text       string // the text as read (valid UTF-8)
	Meta       Metadata
	Paragraphs []Span
	Sentences  []Sentence
	Turns      []Turn
	Mentions   []Mention
	Entities   []Entity
	Dates      []Date
	Events     []Event

	runeAt []int32 // lazily built: rune index at each byte offset

	// lower is Text in lower case, built when first needed: stages that
	// compare words in lower case slice it instead of lower-casing each
	// word. lowerAligned reports whether lower-casing kept the length of
	// every character, so that lower[i:j] is the lower case of Text[i:j].
	lower        string
	lowerAligned bool
	lowerDone    bool

	lines []line // lazily built: the lines of Text, for the header and the paragraphs
}

// textLines returns the lines of the text (splitLines), split once for
// the stages that read lines.
func (d *Document) textLines() []line {
	if d.lines == nil {
		d.lines = splitLines(d.Text)
	}
	return d.lines
}

// lowerText returns the text in lower case (strings.ToLower) and whether
// its byte offsets are those of Text.
func (d *Document) lowerText() (string, bool) {
	if !d.lowerDone {
		d.lower, d.lowerAligned = toLower(d.Text)
		d.lowerDone = true
	}
	return d.lower, d.lowerAligned
}

// keepsCase tells the bytes that lower-casing leaves alone: ASCII but
// capitals.
var keepsCase = func() (t [256]bool) {
	for b := range utf8.RuneSelf {
		t[b] = b < 'A' || b > 'Z'
	}
	return t
}()

// toLower is strings.ToLower(s), in one pass that also tells whether every
// character kept its length.
func toLower(s string) (string, bool) {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		// a run that lower-casing leaves alone, copied at once
		j := i
		for j < len(s) && keepsCase[s[j]] {
			j++
		}
		b.WriteString(s[i:j])
		if j == len(s) {
			break
		}
		if c := s[j]; c < utf8.RuneSelf {
			b.WriteByte(c + 'a' - 'A')
			i = j + 1
			continue
		}
		r, size := utf8.DecodeRuneInString(s[j:])
		l := unicode.ToLower(r)
		if utf8.RuneLen(l) != size {
			// "K" (Kelvin) is "k"; a bad byte becomes U+FFFD
			return strings.ToLower(s), false
		}
		b.WriteRune(l)
		i = j + size
	}
	return b.String(), true
}

// Surface returns the text a span covers.
func (d *Document) Surface(s Span) string { return d.Text[s.Start:s.End] }

// Chars converts a byte offset into a Unicode character offset, the unit of
// the JSON contract and of NIF.
func (d *Document) Chars(byteOffset int) int {
	if d.runeAt == nil {
		d.buildRuneIndex()
	}
	if byteOffset >= len(d.runeAt) {
		return int(d.runeAt[len(d.runeAt)-1])
	}
	return int(d.runeAt[byteOffset])
}

// CharSpan converts a byte span into Unicode character offsets.
func (d *Document) CharSpan(s Span) (start, end int) { return d.Chars(s.Start), d.Chars(s.End) }

func (d *Document) buildRuneIndex() {
	idx := make([]int32, len(d.Text)+1)
	n := int32(0)
	for i := 0; i < len(d.Text); {
		_, size := utf8.DecodeRuneInString(d.Text[i:])
		for k := 0; k < size; k++ {
			idx[i+k] = n
		}
		i += size
		n++
	}
	idx[len(d.Text)] = n
	d.runeAt = idx
}

// SentenceAt returns the index of the sentence that contains byte offset
// off, or -1 when off lies outside every sentence (in the header, say).
func (d *Document) SentenceAt(off int) int {
	i := sort.Search(len(d.Sentences), func(i int) bool { return d.Sentences[i].End > off })
	if i < len(d.Sentences) && d.Sentences[i].Start <= off {
		return i
	}
	return -1
}

// TurnAt returns the index of the transcript turn that contains byte offset
// off, or -1.
func (d *Document) TurnAt(off int) int {
	i := sort.Search(len(d.Turns), func(i int) bool { return d.Turns[i].End > off })
	if i < len(d.Turns) && d.Turns[i].Start <= off {
		return i
	}
	return -1
}

// EntityByName returns the index of the entity with this canonical name and
// type, or -1.
func (d *Document) EntityByName(t EntityType, name string) int {
	for i, e := range d.Entities {
		if e.Type == t && e.Name == name {
			return i
		}
	}
	return -1
}
