package rdfio

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/dossier-archive/dossier/ontology"
)

// textFilter stands in front of knakk's lexer for Turtle, N-Triples and
// N-Quads and rewrites the input line by line. It reads just enough of
// Turtle to know what is an IRI, a string, a comment, a blank node label
// and a base directive.
//
// Its first job is to keep knakk's lexer from crashing. That lexer runs in
// a goroutine of its own, where a panic cannot be recovered and ends the
// program, and it panics on inputs such as an IRI left open at the end of
// the input, a line that starts with ".5", or a string that opens with
// four quotes. So the filter:
//
//   - re-encodes every string literal as one plain "..." with the escapes
//     of ontology.AppendEscapedString, after checking its escapes, its
//     UTF-8 and that a short string ends on its line; a long string
//     ("""...""") that spans lines is written on the line where it ends,
//     after as many line breaks as it held, so every line keeps its number;
//   - checks that every IRI closes on its line and holds only characters
//     IRIs allow, and writes its \u and \U escapes as the characters;
//   - copies names and numbers whole, and puts a space before a number
//     that starts with '.' (knakk backs up two bytes to read one, out of
//     the line or into a loop);
//   - drops a byte order mark and ends the last line with a newline.
//
// A line it cannot pass on is cut where the trouble starts and given a
// byte (U+0001) that makes knakk report an error on that same line; fatal
// keeps the real message, which Decode gives instead of knakk's.
//
// For Turtle (turtle) it also resolves relative IRIs and keeps explicit
// blank node labels apart from knakk's generated ones (NewTurtleDecoder).
// For N-Triples and N-Quads it rejects what those formats lack: single
// quotes and long strings.
type textFilter struct {
	src    *bufio.Reader
	name   string
	turtle bool
	out    []byte // processed bytes, read up to out[read:]
	read   int
	err    error  // from src, returned once out is empty
	long   []byte // a line longer than src's buffer

	line     int
	str      []byte // the content, unescaped, of a long string still open
	strQuote byte   // its quote character, or 0 when none is open
	strLine  int    // the line it opened on
	base     string
	wantBase bool // after @base or BASE: the next IRI is the new base

	mu       sync.Mutex     // what follows is read by the decoder's goroutine
	relative map[string]int // relative IRIs left unresolved → first line
	fatal    *ParseError    // the first line cut short, and why
}

// poison makes knakk's lexer report an error ("unexpected character") on
// the line it is on, without crashing.
const poison = "\x01\n"

func newTextFilter(r io.Reader, name string, turtle bool) *textFilter {
	return &textFilter{src: bufio.NewReader(r), name: name, turtle: turtle, relative: map[string]int{}}
}

func (f *textFilter) Read(p []byte) (int, error) {
	for len(f.out) == 0 && f.err == nil {
		line, err := f.src.ReadSlice('\n')
		if err == bufio.ErrBufferFull { // a long line: collect it whole
			f.long = append(f.long[:0], line...)
			for err == bufio.ErrBufferFull {
				line, err = f.src.ReadSlice('\n')
				f.long = append(f.long, line...)
			}
			line = f.long
		}
		if len(line) > 0 {
			if line[len(line)-1] != '\n' {
				line = append(line[:len(line):len(line)], '\n')
			}
			f.process(line)
		}
		if err != nil && f.strQuote != 0 {
			f.fail(f.strLine, "string not closed before the end of the input")
			f.out = append(f.out, poison...)
			f.strQuote = 0
		}
		f.err = err
	}
	if len(f.out) > 0 {
		n := copy(p, f.out[f.read:])
		f.read += n
		if f.read == len(f.out) {
			f.out, f.read = f.out[:0], 0 // reuse the buffer for the next line
		}
		return n, nil
	}
	return 0, f.err
}

// fail records the first line the filter had to cut.
func (f *textFilter) fail(line int, msg string) {
	f.mu.Lock()
	if f.fatal == nil {
		f.fatal = &ParseError{Name: f.name, Line: line, Msg: msg}
	}
	f.mu.Unlock()
}

// fatalError returns the first line the filter cut, and why, or nil.
func (f *textFilter) fatalError() *ParseError {
	if f == nil {
		return nil
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.fatal
}

func (f *textFilter) relativeLine(q ontology.Quad) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, t := range [...]ontology.Term{q.S, q.P, q.O, q.G} {
		if iri := relativeIRI(t); iri != "" {
			return f.relative[iri]
		}
	}
	return 0
}

// process appends one line of input (ending in '\n'), rewritten, to f.out.
func (f *textFilter) process(line []byte) {
	f.line++
	if f.line == 1 {
		line = bytes.TrimPrefix(line, []byte("\uFEFF")) // a byte order mark
	}
	out := f.out
	defer func() { f.out = out }()
	cut := func(msg string) {
		f.fail(f.line, msg)
		out = append(out, poison...)
	}
	i := 0
	if f.strQuote != 0 { // a long string goes on
		j, closed, msg := f.scanString(line, 0, f.strQuote, true)
		switch {
		case msg != "":
			f.strQuote = 0
			cut(msg)
			return
		case !closed:
			out = append(out, '\n')
			return
		}
		out = appendQuoted(out, f.str)
		f.strQuote = 0
		i = j
	} else if len(line) > 1 && line[0] == '.' && isDigit(line[1]) {
		out = append(out, ' ') // see the case of '.' below
	}
	for i < len(line) {
		c := line[i]
		switch {
		case c == '#':
			out = append(out, line[i:]...)
			return
		case c == '\\': // an escape in a local name ("ex:it\'s")
			end := min(i+2, len(line))
			out = append(out, line[i:end]...)
			i = end
		case c == '<':
			j := bytes.IndexByte(line[i+1:], '>')
			if j < 0 {
				cut("IRI not closed with '>' on its line")
				return
			}
			raw, msg := iriChars(line[i+1 : i+1+j])
			if msg != "" {
				cut(msg)
				return
			}
			out = append(out, '<')
			if f.turtle {
				out = append(out, f.iri(string(raw))...)
			} else {
				out = append(out, raw...)
			}
			out = append(out, '>')
			i += j + 2
		case c == '"' || c == '\'':
			long := i+2 < len(line) && line[i+1] == c && line[i+2] == c
			if !f.turtle && (c == '\'' || long) {
				cut("N-Triples and N-Quads strings are in double quotes, on one line")
				return
			}
			open := 1
			if long {
				open = 3
			}
			f.str = f.str[:0]
			j, closed, msg := f.scanString(line, i+open, c, long)
			switch {
			case msg != "":
				cut(msg)
				return
			case !closed: // a long string over several lines
				f.strQuote, f.strLine = c, f.line
				out = append(out, '\n')
				return
			}
			out = appendQuoted(out, f.str)
			i = j
		case c == '_' && i+1 < len(line) && line[i+1] == ':' && boundary(line, i):
			j := blankLabelEnd(line, i+2)
			label := line[i+2 : j]
			out = append(out, "_:"...)
			if f.turtle && generatedLike(label) {
				out = append(out, 'b')
			}
			out = append(out, label...)
			i = j
		case f.turtle && c == '@' && keywordAt(line, i+1, "base", false):
			f.wantBase = true
			out = append(out, line[i:i+5]...)
			i += 5
		case f.turtle && (c == 'B' || c == 'b') && boundary(line, i) && keywordAt(line, i, "base", true):
			f.wantBase = true
			out = append(out, line[i:i+4]...)
			i += 4
		case c == '.' && i+1 < len(line) && isDigit(line[i+1]):
			// A number such as .5: knakk backs up two bytes to lex it and
			// reads the byte before the '.' as its first digit; a '.' or a
			// sign there makes it loop for ever. A space is always read
			// right, and is as good a separator.
			if n := len(out); n > 0 && out[n-1] != ' ' && out[n-1] != '\t' && out[n-1] != '\n' {
				out = append(out, ' ')
			}
			j := numberEnd(line, i)
			out = append(out, line[i:j]...)
			i = j
		case isDigit(c):
			j := numberEnd(line, i)
			out = append(out, line[i:j]...)
			i = j
		case c == ':' || c >= utf8.RuneSelf || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z':
			// A prefixed name or a keyword, copied whole so that the
			// dots inside it stay as they are.
			j := max(nameEnd(line, i), i+1) // always move on, even past a byte no name has
			out = append(out, line[i:j]...)
			i = j
		default:
			out = append(out, c)
			i++
		}
	}
}

// scanString reads string content from line[i:], unescaping it into
// f.str, up to the closing quote (q, or three of them when long). It
// returns where the string ends (past the quotes), whether it closed on
// this line, and a message when the string is malformed.
//
// A long string closes at the first run of three or more quotes; up to two
// quotes before the last three of the run belong to the content, so
// """a"""" holds a".
func (f *textFilter) scanString(line []byte, i int, q byte, long bool) (int, bool, string) {
	for i < len(line) {
		c := line[i]
		switch {
		case c == q && !long:
			return i + 1, true, ""
		case c == q:
			n := 0
			for i+n < len(line) && line[i+n] == q {
				n++
			}
			if n < 3 {
				f.str = append(f.str, line[i:i+n]...)
				i += n
				continue
			}
			extra := min(n-3, 2)
			f.str = append(f.str, line[i:i+extra]...)
			return i + extra + 3, true, ""
		case c == '\\':
			j, msg := f.unescape(line, i)
			if msg != "" {
				return 0, false, msg
			}
			i = j
		case (c == '\n' || c == '\r') && !long:
			return 0, false, "string not closed on its line"
		case c < utf8.RuneSelf:
			f.str = append(f.str, c)
			i++
		default:
			r, size := utf8.DecodeRune(line[i:])
			if r == utf8.RuneError && size == 1 {
				return 0, false, "string is not valid UTF-8"
			}
			f.str = append(f.str, line[i:i+size]...)
			i += size
		}
	}
	if !long {
		return 0, false, "string not closed on its line"
	}
	return len(line), false, ""
}

// unescape reads the escape at line[i] (a backslash) into f.str and
// returns where it ends.
func (f *textFilter) unescape(line []byte, i int) (int, string) {
	if i+1 >= len(line) {
		return 0, "backslash at the end of a line"
	}
	switch e := line[i+1]; e {
	case 't':
		f.str = append(f.str, '\t')
	case 'b':
		f.str = append(f.str, '\b')
	case 'n':
		f.str = append(f.str, '\n')
	case 'r':
		f.str = append(f.str, '\r')
	case 'f':
		f.str = append(f.str, '\f')
	case '"', '\'', '\\':
		f.str = append(f.str, e)
	case 'u', 'U':
		n := 4
		if e == 'U' {
			n = 8
		}
		if i+2+n > len(line) {
			return 0, "short \\" + string(e) + " escape"
		}
		var r rune
		for _, h := range line[i+2 : i+2+n] {
			var d byte
			switch {
			case h >= '0' && h <= '9':
				d = h - '0'
			case h >= 'a' && h <= 'f':
				d = h - 'a' + 10
			case h >= 'A' && h <= 'F':
				d = h - 'A' + 10
			default:
				return 0, "invalid hex digit in \\" + string(e) + " escape"
			}
			r = r<<4 | rune(d)
		}
		if !utf8.ValidRune(r) {
			return 0, "\\" + string(e) + " escape of a code point that is not a character"
		}
		f.str = utf8.AppendRune(f.str, r)
		return i + 2 + n, ""
	default:
		return 0, "invalid escape \\" + string(rune(e)) + " in a string"
	}
	return i + 2, ""
}

// iriChars returns the IRI written between < and >, escapes decoded, or a
// message when it holds a character IRIREF forbids (raw or escaped) or is
// not UTF-8.
func iriChars(raw []byte) ([]byte, string) {
	clean := utf8.Valid(raw)
	for i := 0; i < len(raw) && clean; i++ {
		clean = raw[i] >= utf8.RuneSelf || ontology.IRIRuneAllowed(rune(raw[i]))
	}
	if clean {
		return raw, ""
	}
	var out []byte
	for i := 0; i < len(raw); {
		r, size := utf8.DecodeRune(raw[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			return nil, "IRI is not valid UTF-8"
		case r == '\\':
			f := textFilter{}
			j, msg := f.unescape(raw, i)
			if msg != "" || raw[i+1] != 'u' && raw[i+1] != 'U' {
				return nil, "invalid escape in an IRI"
			}
			r, _ = utf8.DecodeRune(f.str)
			if badIRIRune(r) {
				return nil, fmt.Sprintf("IRI holds the character %q, which IRIs forbid", r)
			}
			out = append(out, f.str...)
			i = j
			continue
		case badIRIRune(r):
			return nil, fmt.Sprintf("IRI holds the character %q, which IRIs forbid", r)
		}
		out = append(out, raw[i:i+size]...)
		i += size
	}
	return out, ""
}

func badIRIRune(r rune) bool { return !ontology.IRIRuneAllowed(r) }

// appendQuoted writes a string as "...". Right after another quote (two
// strings with nothing between them, such as 'a'"b") it puts a space
// first, or the quotes would run together into what knakk takes for a
// long string.
func appendQuoted(b, s []byte) []byte {
	if len(b) > 0 && b[len(b)-1] == '"' {
		b = append(b, ' ')
	}
	b = append(b, '"')
	b = ontology.AppendEscapedString(b, s)
	return append(b, '"')
}

// iri returns the IRI reference raw as knakk should see it.
func (f *textFilter) iri(raw string) string {
	if f.wantBase {
		f.wantBase = false
		switch {
		case ontology.IsAbsoluteIRI(raw):
			f.base = raw
		case f.base != "":
			f.base = ontology.ResolveIRI(f.base, raw)
		default:
			f.noteRelative(raw)
			return raw
		}
		return f.base
	}
	if ontology.IsAbsoluteIRI(raw) {
		return raw
	}
	if f.base == "" {
		f.noteRelative(raw)
		return raw
	}
	return ontology.ResolveIRI(f.base, raw)
}

func (f *textFilter) noteRelative(raw string) {
	f.mu.Lock()
	if _, ok := f.relative[raw]; !ok {
		f.relative[raw] = f.line
	}
	f.mu.Unlock()
}

// boundary reports whether line[i] starts a token: the line starts there,
// or the byte before is white space or punctuation that ends a token. A
// '.' counts only after something that is not part of a name, since names
// may contain dots ("ex:a._:b" is one prefixed name).
func boundary(line []byte, i int) bool {
	if i == 0 {
		return true
	}
	switch p := line[i-1]; p {
	case ' ', '\t', '\r', '\n', '[', '(', ',', ';', '>', ']', ')', '"', '\'':
		return true
	case '.':
		return i < 2 || !nameByte(line[i-2])
	}
	return false
}

func nameByte(c byte) bool {
	return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' ||
		c == '_' || c == '-' || c == ':' || c == '%' || c == '\\' || c >= 0x80
}

// keywordAt reports whether the keyword kw is at line[i:] and ends there
// (white space, '<', or the end of the line follows). sparql allows any
// case (BASE); otherwise only lower case (@base).
func keywordAt(line []byte, i int, kw string, sparql bool) bool {
	if i+len(kw) > len(line) {
		return false
	}
	word := string(line[i : i+len(kw)])
	if sparql && !strings.EqualFold(word, kw) || !sparql && word != kw {
		return false
	}
	if i+len(kw) == len(line) {
		return true
	}
	switch line[i+len(kw)] {
	case ' ', '\t', '\r', '\n', '<':
		return true
	}
	return false
}

// blankLabelEnd returns where the blank node label starting at line[i]
// ends, as knakk's lexer reads it: PN_CHARS_U or a digit, then PN_CHARS,
// and '.' when a PN_CHARS follows it.
func blankLabelEnd(line []byte, i int) int {
	j := i
	for j < len(line) {
		r, size := utf8.DecodeRune(line[j:])
		switch {
		case j == i && (ontology.IsPNCharsU(r) || r >= '0' && r <= '9'):
		case j > i && ontology.IsPNChars(r):
		case j > i && r == '.':
			next, _ := utf8.DecodeRune(line[j+1:])
			if !ontology.IsPNChars(next) {
				return j
			}
		default:
			return j
		}
		j += size
	}
	return j
}

// nameEnd returns where the prefixed name or keyword starting at line[i]
// ends: the longest run of name characters (PN_CHARS), '.', ':', '%' and
// backslash escapes. knakk's lexer may end the name sooner and report an
// error; what matters here is only that nothing inside a name is taken
// for something else.
func nameEnd(line []byte, i int) int {
	for i < len(line) {
		r, size := utf8.DecodeRune(line[i:])
		switch {
		case r == '\\':
			size = min(2, len(line)-i)
		case r == '.' || r == ':' || r == '%' || ontology.IsPNChars(r):
		default:
			return i
		}
		i += size
	}
	return i
}

// numberEnd returns where the number starting at line[i] ends:
// [0-9]* ('.' [0-9]+)? ([eE] [+-]? [0-9]+)?, a '.' taken only when a
// digit follows it (so "1." is the integer 1 and an end of statement).
func numberEnd(line []byte, i int) int {
	digits := func(i int) int {
		for i < len(line) && isDigit(line[i]) {
			i++
		}
		return i
	}
	i = digits(i)
	if i+1 < len(line) && line[i] == '.' && isDigit(line[i+1]) {
		i = digits(i + 1)
	}
	if i < len(line) && (line[i] == 'e' || line[i] == 'E') {
		j := i + 1
		if j < len(line) && (line[j] == '+' || line[j] == '-') {
			j++
		}
		if j < len(line) && isDigit(line[j]) {
			i = digits(j)
		}
	}
	return i
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// generatedLike reports whether an explicit label has the form b+ digit...,
// the form that prefixing one 'b' keeps apart from knakk's generated b1,
// b2, ...: those have exactly one 'b' before their digits, every rewritten
// label has two or more, and no other label starts with b's and a digit.
func generatedLike(label []byte) bool {
	i := 0
	for i < len(label) && label[i] == 'b' {
		i++
	}
	return i > 0 && i < len(label) && label[i] >= '0' && label[i] <= '9'
}
