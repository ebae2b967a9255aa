package extract

import (
	"encoding/json"
	"io"
)

// The JSON extraction contract (DESIGN.md): one object per document, with
// offsets in Unicode characters, end exclusive. ../shared/eval/score.py and
// `dossier eval` read exactly this shape.

// JSONDocument is a document as the extraction contract prints it.
type JSONDocument struct {
	Document JSONMeta     `json:"document"`
	Entities []JSONEntity `json:"entities"`
	Dates    []JSONDate   `json:"dates"`
	Events   []JSONEvent  `json:"events"`
	Turns    []JSONTurn   `json:"turns,omitempty"`
}

// JSONMeta is the document's own metadata.
type JSONMeta struct {
	ID             string `json:"id"`
	Title          string `json:"title,omitempty"`
	Date           string `json:"date,omitempty"`
	Place          string `json:"place,omitempty"`
	Source         string `json:"source,omitempty"`
	Citation       string `json:"citation,omitempty"`
	Summary        string `json:"summary,omitempty"`
	Language       string `json:"language,omitempty"`
	Translator     string `json:"translator,omitempty"`
	Classification string `json:"classification,omitempty"`
	Subject        string `json:"subject,omitempty"`
}

// JSONSpan is a piece of text with its character offsets.
type JSONSpan struct {
	Text  string `json:"text"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

// JSONEntity is one entity with its mentions.
type JSONEntity struct {
	ID          string     `json:"id"`
	Type        EntityType `json:"type"`
	Name        string     `json:"name"`
	AltNames    []string   `json:"altNames,omitempty"`
	SameAs      []string   `json:"sameAs,omitempty"`
	Roles       []string   `json:"roles,omitempty"`
	Nationality string     `json:"nationality,omitempty"`
	Mentions    []JSONSpan `json:"mentions"`
}

// JSONDate is one normalized temporal expression.
type JSONDate struct {
	Text     string `json:"text"`
	Start    int    `json:"start"`
	End      int    `json:"end"`
	Value    string `json:"value"`
	Relative bool   `json:"relative,omitempty"`
}

// JSONEvent is one event; agents, patients and place are canonical names
// of entities in the same document.
type JSONEvent struct {
	ID       string    `json:"id"`
	Type     EventType `json:"type"`
	Label    string    `json:"label"`
	Date     string    `json:"date,omitempty"`
	Agents   []string  `json:"agents"`
	Patients []string  `json:"patients"`
	Place    *string   `json:"place"`
	Evidence JSONSpan  `json:"evidence"`
}

// JSONTurn is one speaker turn of a transcript.
type JSONTurn struct {
	Speaker string `json:"speaker,omitempty"` // canonical name, when resolved
	Label   string `json:"label"`
	Start   int    `json:"start"`
	End     int    `json:"end"`
}

// JSON returns the document in the shape of the extraction contract.
func (d *Document) JSON() JSONDocument {
	out := JSONDocument{
		Document: JSONMeta{
			ID: d.Meta.ID, Title: d.Meta.Title, Date: d.Meta.Date, Place: d.Meta.Place,
			Source: d.Meta.Source, Citation: d.Meta.Citation, Summary: d.Meta.Summary,
			Language: d.Meta.Language, Translator: d.Meta.Translator,
			Classification: d.Meta.Classification, Subject: d.Meta.Subject,
		},
		Entities: []JSONEntity{},
		Dates:    []JSONDate{},
		Events:   []JSONEvent{},
	}
	for _, e := range d.Entities {
		je := JSONEntity{ID: e.ID, Type: e.Type, Name: e.Name, AltNames: e.AltNames, SameAs: e.SameAs,
			Roles: e.Roles, Nationality: e.Nationality, Mentions: []JSONSpan{}}
		for _, mi := range e.Mentions {
			je.Mentions = append(je.Mentions, d.jsonSpan(d.Mentions[mi].Span))
		}
		out.Entities = append(out.Entities, je)
	}
	for _, dt := range d.Dates {
		s, e := d.CharSpan(dt.Span)
		out.Dates = append(out.Dates, JSONDate{Text: dt.Text, Start: s, End: e, Value: dt.Value, Relative: dt.Relative})
	}
	for _, ev := range d.Events {
		je := JSONEvent{ID: ev.ID, Type: ev.Type, Label: ev.Label, Date: ev.Date,
			Agents: d.entityNames(ev.Agents), Patients: d.entityNames(ev.Patients),
			Evidence: d.jsonSpan(ev.Evidence)}
		if ev.Place >= 0 && ev.Place < len(d.Entities) {
			name := d.Entities[ev.Place].Name
			je.Place = &name
		}
		out.Events = append(out.Events, je)
	}
	for _, t := range d.Turns {
		s, e := d.CharSpan(t.Span)
		jt := JSONTurn{Label: d.Surface(t.Label), Start: s, End: e}
		if t.Speaker >= 0 && t.Speaker < len(d.Entities) {
			jt.Speaker = d.Entities[t.Speaker].Name
		}
		out.Turns = append(out.Turns, jt)
	}
	return out
}

func (d *Document) jsonSpan(s Span) JSONSpan {
	start, end := d.CharSpan(s)
	return JSONSpan{Text: d.Surface(s), Start: start, End: end}
}

func (d *Document) entityNames(idx []int) []string {
	out := []string{}
	for _, i := range idx {
		if i >= 0 && i < len(d.Entities) {
			out = append(out, d.Entities[i].Name)
		}
	}
	return out
}

// JSONEncoder writes documents in the extraction contract: a single
// document as one object, several as the elements of one JSON array,
// streamed as they come.
type JSONEncoder struct {
	w      io.Writer
	indent bool
	n      int
	array  bool
}

// NewJSONEncoder returns an encoder that writes to w. With array set, the
// documents are written as one JSON array (call Close to end it);
// otherwise each document is one object.
func NewJSONEncoder(w io.Writer, array bool) *JSONEncoder {
	return &JSONEncoder{w: w, indent: true, array: array}
}

// Encode writes one document.
func (e *JSONEncoder) Encode(d *Document) error {
	b, err := json.MarshalIndent(d.JSON(), "", " ")
	if err != nil {
		return err
	}
	prefix := ""
	if e.array {
		prefix = ",\n"
		if e.n == 0 {
			prefix = "[\n"
		}
	}
	e.n++
	if _, err := io.WriteString(e.w, prefix); err != nil {
		return err
	}
	if _, err := e.w.Write(b); err != nil {
		return err
	}
	if !e.array {
		_, err = io.WriteString(e.w, "\n")
	}
	return err
}

// Close ends the array, if one was begun.
func (e *JSONEncoder) Close() error {
	if !e.array {
		return nil
	}
	if e.n == 0 {
		_, err := io.WriteString(e.w, "[]\n")
		return err
	}
	_, err := io.WriteString(e.w, "\n]\n")
	return err
}
