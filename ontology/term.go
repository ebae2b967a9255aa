package ontology

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"
)

// TermKind says what an RDF term is.
type TermKind uint8

// The kinds of RDF term. The zero Term (Kind 0) is "no term": as a quad's
// graph it means the default graph.
const (
	NoTerm TermKind = iota
	IRI
	Blank
	Literal
)

// Term is one RDF term, as plain data. Literals carry either a language
// tag or a datatype IRI; a literal with neither is an xsd:string.
type Term struct {
	Kind     TermKind
	Value    string // the IRI, the blank node label (without "_:"), or the lexical form
	Lang     string // language tag of a literal, lower case
	Datatype string // datatype IRI of a literal; empty for xsd:string and language-tagged strings
}

// NewIRI returns an IRI term.
func NewIRI(iri string) Term { return Term{Kind: IRI, Value: iri} }

// NewBlank returns a blank node term with the given label.
func NewBlank(label string) Term { return Term{Kind: Blank, Value: label} }

// NewString returns a plain (xsd:string) literal.
func NewString(s string) Term { return Term{Kind: Literal, Value: s} }

// NewLangString returns a language-tagged literal.
func NewLangString(s, lang string) Term {
	return Term{Kind: Literal, Value: s, Lang: strings.ToLower(lang)}
}

// NewTyped returns a literal of the given datatype. xsd:string is stored
// as a plain literal, so that "x" and "x"^^xsd:string are one term.
func NewTyped(s, datatype string) Term {
	if datatype == XSD+"string" {
		datatype = ""
	}
	return Term{Kind: Literal, Value: s, Datatype: datatype}
}

// IsZero reports whether t is the zero Term.
func (t Term) IsZero() bool { return t.Kind == NoTerm }

// Quad is one statement in one named graph. G is the zero Term for the
// default graph. Every quad Dossier extracts from a document has that
// document's IRI as G.
type Quad struct {
	S, P, O, G Term
}

// Triple returns the quad without its graph.
func (q Quad) Triple() Quad { q.G = Term{}; return q }

// String returns the term in N-Triples syntax (canonical escaping), or ""
// for the zero Term. It is what tests and messages print, and what the
// N-Triples and N-Quads writers write.
func (t Term) String() string { return string(t.AppendNTriples(nil)) }

// AppendNTriples appends the term in N-Triples syntax to b. Literals use
// the canonical escapes of RDF 1.2 N-Triples: \" \\ \n \r \t \b \f as
// ECHAR, the other C0 controls and DEL as \u00XX, everything else raw
// (UTF-8). A language tag is written in lower case. xsd:string is never
// written as a datatype, so "x" and "x"^^xsd:string print alike.
func (t Term) AppendNTriples(b []byte) []byte {
	switch t.Kind {
	case IRI:
		b = append(b, '<')
		b = append(b, t.Value...)
		return append(b, '>')
	case Blank:
		b = append(b, "_:"...)
		return append(b, t.Value...)
	case Literal:
		b = append(b, '"')
		b = AppendEscapedString(b, t.Value)
		b = append(b, '"')
		switch {
		case t.Lang != "":
			b = append(b, '@')
			b = append(b, strings.ToLower(t.Lang)...)
		case t.Datatype != "" && t.Datatype != XSD+"string":
			b = append(b, "^^<"...)
			b = append(b, t.Datatype...)
			b = append(b, '>')
		}
		return b
	}
	return b
}

// AppendEscapedString appends s escaped for the inside of a double-quoted
// N-Triples or Turtle string: \" \\ \n \r \t \b \f, and \u00XX for the
// other control characters (U+0000–U+001F, U+007F). Nothing else is
// escaped, so non-ASCII text ("Çako", "毛泽东") stays readable.
func AppendEscapedString[T ~string | ~[]byte](b []byte, s T) []byte {
	const hex = "0123456789ABCDEF"
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		var esc string
		switch c {
		case '"':
			esc = `\"`
		case '\\':
			esc = `\\`
		case '\n':
			esc = `\n`
		case '\r':
			esc = `\r`
		case '\t':
			esc = `\t`
		case '\b':
			esc = `\b`
		case '\f':
			esc = `\f`
		default:
			if c >= 0x20 && c != 0x7f {
				continue
			}
		}
		b = append(b, s[start:i]...)
		if esc != "" {
			b = append(b, esc...)
		} else {
			b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
		}
		start = i + 1
	}
	return append(b, s[start:]...)
}

// Check reports why t cannot be written as an RDF term, or nil: an IRI
// must be absolute and contain no character that IRIREF forbids (spaces,
// controls, <>"{}|^`\); a blank node label must be a valid
// BLANK_NODE_LABEL; a literal must be valid UTF-8, its language tag well
// formed (BCP 47 syntax), its datatype a valid IRI, and not both tagged and
// typed (except with rdf:langString).
func (t Term) Check() error {
	switch t.Kind {
	case NoTerm:
		return nil
	case IRI:
		return CheckIRI(t.Value)
	case Blank:
		if !validBlankLabel(t.Value) {
			return fmt.Errorf("invalid blank node label %q", t.Value)
		}
		return nil
	case Literal:
		if !utf8.ValidString(t.Value) {
			return fmt.Errorf("literal %q is not valid UTF-8", t.Value)
		}
		if t.Lang != "" {
			if !validLangTag(t.Lang) {
				return fmt.Errorf("literal %q has an invalid language tag %q", t.Value, t.Lang)
			}
			if t.Datatype != "" && t.Datatype != RDF+"langString" {
				return fmt.Errorf("literal %q has both a language tag and the datatype <%s>", t.Value, t.Datatype)
			}
			return nil
		}
		if t.Datatype == RDF+"langString" {
			return fmt.Errorf("literal %q has the datatype rdf:langString but no language tag", t.Value)
		}
		if t.Datatype != "" {
			if err := CheckIRI(t.Datatype); err != nil {
				return fmt.Errorf("datatype of literal %q: %w", t.Value, err)
			}
		}
		return nil
	}
	return fmt.Errorf("unknown term kind %d", t.Kind)
}

// CheckIRI reports why s is not an absolute IRI that N-Triples and Turtle
// can write as <s>, or nil. It checks the scheme and the characters IRIREF
// forbids, not the whole RFC 3987 grammar.
func CheckIRI(s string) error {
	if s == "" {
		return errors.New("empty IRI")
	}
	if !utf8.ValidString(s) {
		return fmt.Errorf("IRI %q is not valid UTF-8", s)
	}
	if !IsAbsoluteIRI(s) {
		return fmt.Errorf("IRI <%s> is not absolute (no scheme)", s)
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < utf8.RuneSelf && !iriASCII[c] {
			return fmt.Errorf("IRI <%s> contains the character %q, which IRIs forbid", s, c)
		}
	}
	return nil
}

// iriASCII tells which ASCII characters an IRI may contain as they are:
// not the controls, space, DEL, or <>"{}|^`\ (the IRIREF exclusions).
var iriASCII = func() (t [utf8.RuneSelf]bool) {
	for c := 0x21; c < 0x7f; c++ {
		t[c] = !strings.ContainsRune("<>\"{}|^`\\", rune(c))
	}
	return t
}()

// IRIRuneAllowed reports whether r may appear as it is in an IRI written
// as <...> in N-Triples or Turtle.
func IRIRuneAllowed(r rune) bool { return r >= utf8.RuneSelf || iriASCII[r] }

// IsAbsoluteIRI reports whether s starts with an RFC 3986 scheme and a
// colon: an absolute IRI rather than a relative reference.
func IsAbsoluteIRI(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z':
		case i > 0 && (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.'):
		case i > 0 && c == ':':
			return true
		default:
			return false
		}
	}
	return false
}

// validLangTag checks the LANGTAG production: [a-zA-Z]+ ('-' [a-zA-Z0-9]+)*.
func validLangTag(s string) bool {
	if s == "" {
		return false
	}
	for i, part := range strings.Split(s, "-") {
		if part == "" {
			return false
		}
		for j := 0; j < len(part); j++ {
			c := part[j]
			alpha := c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z'
			if !alpha && (i == 0 || c < '0' || c > '9') {
				return false
			}
		}
	}
	return true
}

// validBlankLabel checks BLANK_NODE_LABEL (without "_:"): a PN_CHARS_U or
// digit first, then PN_CHARS or '.', not ending in '.'.
func validBlankLabel(s string) bool {
	if s == "" || s[len(s)-1] == '.' || !utf8.ValidString(s) {
		return false
	}
	for i, r := range s {
		switch {
		case i == 0:
			if !IsPNCharsU(r) && (r < '0' || r > '9') {
				return false
			}
		case r == '.':
		case !IsPNChars(r):
			return false
		}
	}
	return true
}

// IsPNCharsBase reports whether r is in Turtle's PN_CHARS_BASE.
func IsPNCharsBase(r rune) bool {
	switch {
	case r >= 'A' && r <= 'Z', r >= 'a' && r <= 'z',
		r >= 0xC0 && r <= 0xD6, r >= 0xD8 && r <= 0xF6, r >= 0xF8 && r <= 0x2FF,
		r >= 0x370 && r <= 0x37D, r >= 0x37F && r <= 0x1FFF, r >= 0x200C && r <= 0x200D,
		r >= 0x2070 && r <= 0x218F, r >= 0x2C00 && r <= 0x2FEF, r >= 0x3001 && r <= 0xD7FF,
		r >= 0xF900 && r <= 0xFDCF, r >= 0xFDF0 && r <= 0xFFFD, r >= 0x10000 && r <= 0xEFFFF:
		return true
	}
	return false
}

// IsPNCharsU reports whether r is in Turtle's PN_CHARS_U (PN_CHARS_BASE or '_').
func IsPNCharsU(r rune) bool { return r == '_' || IsPNCharsBase(r) }

// IsPNChars reports whether r is in Turtle's PN_CHARS.
func IsPNChars(r rune) bool {
	return IsPNCharsU(r) || r == '-' || r >= '0' && r <= '9' || r == 0xB7 ||
		r >= 0x300 && r <= 0x36F || r >= 0x203F && r <= 0x2040
}

// Check reports why q cannot be written as an RDF quad, or nil: the
// subject must be an IRI or blank node, the predicate an IRI, the graph
// absent, an IRI or a blank node, and every term valid (Term.Check).
func (q Quad) Check() error {
	if q.S.Kind != IRI && q.S.Kind != Blank {
		return fmt.Errorf("subject %s is not an IRI or blank node", q.S)
	}
	if q.P.Kind != IRI {
		return fmt.Errorf("predicate %s is not an IRI", q.P)
	}
	if q.O.Kind == NoTerm {
		return errors.New("quad has no object")
	}
	if q.G.Kind == Literal {
		return fmt.Errorf("graph label %s is a literal", q.G)
	}
	for _, t := range [...]Term{q.S, q.P, q.O, q.G} {
		if err := t.Check(); err != nil {
			return err
		}
	}
	return nil
}

// String returns the quad as one N-Quads statement, without the newline.
func (q Quad) String() string {
	b := q.S.AppendNTriples(nil)
	b = append(b, ' ')
	b = q.P.AppendNTriples(b)
	b = append(b, ' ')
	b = q.O.AppendNTriples(b)
	if !q.G.IsZero() {
		b = append(b, ' ')
		b = q.G.AppendNTriples(b)
	}
	return string(append(b, " ."...))
}
