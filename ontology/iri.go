package ontology

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dossier-archive/dossier/extract"
)

// A Mapper mints Dossier's IRIs under one base and maps documents to quads.
// The zero Mapper uses DefaultBase.
//
// The IRIs, with {base} the normalized base (see NormalizeBase):
//
//	document      {base}document/{docid}              also its named graph
//	whole text    {base}document/{docid}#char=0,{N}   a nif:Context
//	text string   {base}document/{docid}#char={s},{e} RFC 5147, Unicode characters
//	turn          {base}document/{docid}#turn-{n}     n from 1
//	person        {base}person/{slug}
//	organization  {base}organization/{slug}
//	place         {base}place/{slug}
//	event         {base}event/{docid}/{eventid}        or the event's number from 1
//
// Path segments (document IDs, slugs, event IDs) keep ASCII letters,
// digits, '-', '_' and '~' and non-ASCII letters and digits as they are,
// and percent-encode every other byte (UTF-8), so that a segment never
// carries IRI syntax ('/', '#', '?', '%') or a character that would stop a
// Turtle prefixed name.
type Mapper struct {
	// Base is the base IRI of the data ("https://archive.example.org/");
	// empty means DefaultBase.
	Base string
}

// base returns the normalized base IRI, or an error when it cannot be one.
func (m Mapper) base() (string, error) {
	b := NormalizeBase(m.Base)
	if err := CheckIRI(b); err != nil {
		return "", fmt.Errorf("base IRI: %w", err)
	}
	if strings.Contains(b, "#") {
		// Document IRIs carry fragments of their own (#char=, #turn-), so
		// the base must not have one.
		return "", fmt.Errorf("base IRI <%s> must not contain '#'", b)
	}
	return b, nil
}

// DocumentIRI returns the IRI of the document with this ID, which is also
// the name of the graph of every quad extracted from it.
func (m Mapper) DocumentIRI(docID string) string {
	return NormalizeBase(m.Base) + "document/" + PathSegment(docID)
}

// EntityIRI returns the IRI of a person, organization or place by its slug
// (extract.Entity.ID), or "" for another type.
func (m Mapper) EntityIRI(t extract.EntityType, slug string) string {
	var kind string
	switch t {
	case extract.Person:
		kind = "person/"
	case extract.Organization:
		kind = "organization/"
	case extract.Place:
		kind = "place/"
	default:
		return ""
	}
	return NormalizeBase(m.Base) + kind + PathSegment(slug)
}

// EventIRI returns the IRI of an event of a document: by the event's ID, or
// by its number (from 1) when it has none.
func (m Mapper) EventIRI(docID, eventID string, number int) string {
	if eventID == "" {
		eventID = strconv.Itoa(number)
	}
	return NormalizeBase(m.Base) + "event/" + PathSegment(docID) + "/" + PathSegment(eventID)
}

// StringIRI returns the NIF RFC 5147 IRI of the characters [start, end) of
// a document's text: {document}#char={start},{end}. Offsets are Unicode
// characters (extract.Document.CharSpan), not bytes.
func (m Mapper) StringIRI(docID string, start, end int) string {
	return m.DocumentIRI(docID) + "#char=" + strconv.Itoa(start) + "," + strconv.Itoa(end)
}

// TurnIRI returns the IRI of the n-th speaker turn (from 1) of a document.
func (m Mapper) TurnIRI(docID string, n int) string {
	return m.DocumentIRI(docID) + "#turn-" + strconv.Itoa(n)
}

// PathSegment makes s safe as one IRI path segment: ASCII letters, digits,
// '-', '_', '~' and non-ASCII letters, marks and digits stay as they are;
// every other byte is percent-encoded (so "." becomes "%2E" and a segment
// can never be a dot-segment). Invalid UTF-8 bytes are percent-encoded too.
func PathSegment(s string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		keep := false
		switch {
		case r == utf8.RuneError && size <= 1:
		case r < utf8.RuneSelf:
			keep = r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' ||
				r == '-' || r == '_' || r == '~'
		default:
			keep = unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
		}
		if keep {
			b.WriteString(s[i : i+size])
		} else {
			for k := i; k < i+size; k++ {
				b.WriteByte('%')
				b.WriteByte(hex[s[k]>>4])
				b.WriteByte(hex[s[k]&0xf])
			}
		}
		i += size
	}
	return b.String()
}
