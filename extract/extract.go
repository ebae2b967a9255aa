package extract

import (
	"bytes"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"unicode/utf8"
)

// An Extractor runs the stages of extraction over documents. It holds the
// lexicons and is safe for concurrent use once built.
type Extractor struct {
	lex         *Lexicon
	defaultDate string // resolves relative dates when a document has no date of its own
}

// Option configures an Extractor.
type Option func(*Extractor) error

// WithLexicon replaces the built-in lexicons.
func WithLexicon(l *Lexicon) Option {
	return func(x *Extractor) error { x.lex = l; return nil }
}

// WithDefaultDate sets the date (YYYY, YYYY-MM or YYYY-MM-DD) that relative
// dates resolve against in a document whose header gives none.
func WithDefaultDate(d string) Option {
	return func(x *Extractor) error {
		if d != "" && !isISODate(d) {
			return fmt.Errorf("default date %q: want YYYY, YYYY-MM or YYYY-MM-DD", d)
		}
		x.defaultDate = d
		return nil
	}
}

// New returns an Extractor with the built-in lexicons, changed by opts.
func New(opts ...Option) (*Extractor, error) {
	x := &Extractor{}
	for _, o := range opts {
		if err := o(x); err != nil {
			return nil, err
		}
	}
	if x.lex == nil {
		l, err := DefaultLexicon()
		if err != nil {
			return nil, err
		}
		x.lex = l
	}
	return x, nil
}

// Lexicon returns the lexicons the extractor uses.
func (x *Extractor) Lexicon() *Lexicon { return x.lex }

// Input errors. They wrap the file name at the call site.
var (
	ErrEmpty  = errors.New("empty document")
	ErrBinary = errors.New("not a text document (binary data)")
	ErrUTF8   = errors.New("not valid UTF-8")
)

// InputError says which file could not be read and why; Line is 1-based
// and 0 when the problem has no line.
type InputError struct {
	Path string
	Line int
	Err  error
}

func (e *InputError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %v", e.Path, e.Line, e.Err)
	}
	return fmt.Sprintf("%s: %v", e.Path, e.Err)
}

func (e *InputError) Unwrap() error { return e.Err }

// CheckText rejects input that is not a text document: empty, binary (a NUL
// byte or mostly control characters), or not valid UTF-8. The error names
// the line of the first bad byte.
func CheckText(path string, b []byte) error {
	if len(bytes.TrimSpace(b)) == 0 {
		return &InputError{Path: path, Err: ErrEmpty}
	}
	if i := bytes.IndexByte(b, 0); i >= 0 {
		return &InputError{Path: path, Line: 1 + bytes.Count(b[:i], []byte{'\n'}), Err: ErrBinary}
	}
	if !utf8.Valid(b) {
		i := 0
		for i < len(b) {
			r, size := utf8.DecodeRune(b[i:])
			if r == utf8.RuneError && size <= 1 {
				break
			}
			i += size
		}
		return &InputError{Path: path, Line: 1 + bytes.Count(b[:i], []byte{'\n'}), Err: ErrUTF8}
	}
	ctrl := 0
	for _, c := range b {
		if c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' {
			ctrl++
		}
	}
	if ctrl*20 > len(b) {
		return &InputError{Path: path, Err: ErrBinary}
	}
	return nil
}

// DocumentID derives a document's stable identifier from its file name: the
// base name without extension, lower-cased, with anything but letters,
// digits, '-', '_' and '.' turned into '-'.
func DocumentID(path string) string {
	base := filepath.Base(path)
	base = strings.TrimSuffix(base, filepath.Ext(base))
	return Slug(base)
}

// Extract reads a document's bytes and runs every stage on them. path names
// the document in errors and gives its ID.
func (x *Extractor) Extract(path string, b []byte) (*Document, error) {
	if err := CheckText(path, b); err != nil {
		return nil, err
	}
	text := strings.ReplaceAll(string(b), "\r\n", "\n")
	doc := &Document{Path: path, Text: text}
	doc.Meta.ID = DocumentID(path)
	x.Run(doc)
	return doc, nil
}

// Run applies the stages, in order, to a document whose Text and Meta.ID
// are set. Each stage reads the layers before it.
func (x *Extractor) Run(doc *Document) {
	ReadHeader(doc)
	if doc.Meta.Date == "" {
		doc.Meta.Date = x.defaultDate
	}
	Segment(doc)
	FindMentions(doc, x.lex)
	ResolveEntities(doc, x.lex)
	FindDates(doc)
	FindEvents(doc, x.lex)
}
