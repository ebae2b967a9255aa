package sparql

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/dossier-archive/dossier/ontology"
)

// Pos is a place in the query text: 1-based line and column (in
// characters).
type Pos struct{ Line, Col int }

func (p Pos) String() string { return fmt.Sprintf("%d:%d", p.Line, p.Col) }

// Error is a query the parser rejects: a syntax error, or a SPARQL feature
// Dossier does not evaluate (Unsupported). Its text starts with the
// line:column it was found at.
type Error struct {
	Pos         Pos
	Msg         string
	Unsupported bool
}

func (e *Error) Error() string { return e.Pos.String() + ": " + e.Msg }

type tokKind uint8

const (
	tEOF     tokKind = iota
	tIRI             // <...>, text = the IRI (escapes decoded)
	tPName           // prefix:local, text = prefix, text2 = local (unescaped)
	tBlank           // _:label, text = label
	tVar             // ?x or $x, text = name
	tString          // text = value (escapes decoded)
	tLang            // @tag, text = tag
	tInteger         // text = lexical form
	tDecimal         // text = lexical form
	tDouble          // text = lexical form
	tWord            // a bare name: keyword, function name, 'a', true, false
	tPunct           // text = the operator or bracket
)

type token struct {
	kind  tokKind
	text  string
	text2 string
	off   int // byte offset in the query
	pos   Pos
}

func (t token) String() string {
	switch t.kind {
	case tEOF:
		return "end of query"
	case tIRI:
		return "<" + t.text + ">"
	case tPName:
		return t.text + ":" + t.text2
	case tBlank:
		return "_:" + t.text
	case tVar:
		return "?" + t.text
	case tString:
		return "string " + ontology.NewString(t.text).String()
	case tLang:
		return "@" + t.text
	case tPunct:
		return "'" + t.text + "'"
	}
	return t.text
}

// lexer splits a query into tokens.
type lexer struct {
	src string
	off int
}

// lex returns all tokens of src, ending with tEOF.
func lex(src string) ([]token, error) {
	if !utf8.ValidString(src) {
		i := 0
		for i < len(src) {
			r, n := utf8.DecodeRuneInString(src[i:])
			if r == utf8.RuneError && n == 1 {
				break
			}
			i += n
		}
		return nil, &Error{Pos: position(src, i), Msg: "the query is not valid UTF-8"}
	}
	lx := &lexer{src: src}
	var toks []token
	at, pos := 0, Pos{1, 1} // positions are counted forward, token by token
	for {
		t, err := lx.next()
		if err != nil {
			return nil, err
		}
		for _, r := range src[at:t.off] {
			if r == '\n' {
				pos.Line++
				pos.Col = 1
			} else {
				pos.Col++
			}
		}
		at = t.off
		t.pos = pos
		toks = append(toks, t)
		if t.kind == tEOF {
			return toks, nil
		}
	}
}

// position converts a byte offset to a line and column.
func position(src string, off int) Pos {
	if off > len(src) {
		off = len(src)
	}
	line, col := 1, 1
	for _, r := range src[:off] {
		if r == '\n' {
			line++
			col = 1
		} else {
			col++
		}
	}
	return Pos{line, col}
}

func (lx *lexer) errorf(off int, format string, args ...any) error {
	return &Error{Pos: position(lx.src, off), Msg: fmt.Sprintf(format, args...)}
}

func (lx *lexer) peekRune(off int) rune {
	if off >= len(lx.src) {
		return -1
	}
	r, _ := utf8.DecodeRuneInString(lx.src[off:])
	return r
}

func (lx *lexer) skipSpace() {
	for lx.off < len(lx.src) {
		c := lx.src[lx.off]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			lx.off++
		case c == '#':
			for lx.off < len(lx.src) && lx.src[lx.off] != '\n' {
				lx.off++
			}
		default:
			return
		}
	}
}

func (lx *lexer) next() (token, error) {
	lx.skipSpace()
	start := lx.off
	if lx.off >= len(lx.src) {
		return token{kind: tEOF, off: start}, nil
	}
	c := lx.src[lx.off]
	switch {
	case c == '<':
		if t, ok, err := lx.iri(); err != nil || ok {
			return t, err
		}
		if strings.HasPrefix(lx.src[lx.off:], "<=") {
			lx.off += 2
			return token{kind: tPunct, text: "<=", off: start}, nil
		}
		lx.off++
		return token{kind: tPunct, text: "<", off: start}, nil
	case c == '?' || c == '$':
		n := lx.varName(lx.off + 1)
		if n == 0 {
			if c == '$' {
				return token{}, lx.errorf(start, "'$' must start a variable name")
			}
			lx.off++
			return token{kind: tPunct, text: "?", off: start}, nil
		}
		lx.off += 1 + n
		return token{kind: tVar, text: lx.src[start+1 : lx.off], off: start}, nil
	case c == '"' || c == '\'':
		return lx.str()
	case c == '@':
		lx.off++
		for lx.off < len(lx.src) && isAlpha(lx.src[lx.off]) {
			lx.off++
		}
		if lx.off == start+1 {
			return token{}, lx.errorf(start, "'@' must start a language tag")
		}
		for lx.off+1 < len(lx.src) && lx.src[lx.off] == '-' && isAlnum(lx.src[lx.off+1]) {
			lx.off++
			for lx.off < len(lx.src) && isAlnum(lx.src[lx.off]) {
				lx.off++
			}
		}
		return token{kind: tLang, text: lx.src[start+1 : lx.off], off: start}, nil
	case isDigit(c) || c == '.' && lx.off+1 < len(lx.src) && isDigit(lx.src[lx.off+1]):
		return lx.number()
	case c == '_' && lx.off+1 < len(lx.src) && lx.src[lx.off+1] == ':':
		lx.off += 2
		n := lx.blankLabel(lx.off)
		if n == 0 {
			return token{}, lx.errorf(start, "'_:' must be followed by a blank node label")
		}
		lx.off += n
		return token{kind: tBlank, text: lx.src[start+2 : lx.off], off: start}, nil
	case c == ':' || c >= utf8.RuneSelf || isAlpha(c):
		return lx.name()
	}
	for _, op := range [...]string{"^^", "&&", "||", "!=", ">=", "{", "}", "(", ")", "[", "]", ".", ",", ";", "*", "+", "-", "/", "!", "=", ">", "^", "|"} {
		if strings.HasPrefix(lx.src[lx.off:], op) {
			lx.off += len(op)
			return token{kind: tPunct, text: op, off: start}, nil
		}
	}
	r := lx.peekRune(lx.off)
	return token{}, lx.errorf(start, "unexpected character %q", r)
}

func isAlpha(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
func isDigit(c byte) bool { return c >= '0' && c <= '9' }
func isAlnum(c byte) bool { return isAlpha(c) || isDigit(c) }

// iri reads an IRIREF at lx.off if there is one; ok is false when '<' is
// an operator instead.
func (lx *lexer) iri() (t token, ok bool, err error) {
	start := lx.off
	var b strings.Builder
	i := start + 1
	for i < len(lx.src) {
		r, n := utf8.DecodeRuneInString(lx.src[i:])
		switch {
		case r == '>':
			lx.off = i + 1
			return token{kind: tIRI, text: b.String(), off: start}, true, nil
		case r == '\\':
			v, m, ok := unicodeEscape(lx.src[i:])
			if !ok {
				return token{}, false, nil
			}
			if v < utf8.RuneSelf && !ontology.IRIRuneAllowed(v) {
				return token{}, false, lx.errorf(i, "IRI escape \\u%04X is a character IRIs forbid", v)
			}
			b.WriteRune(v)
			i += m
			continue
		case r <= 0x20 || strings.ContainsRune("<\"{}|^`", r):
			return token{}, false, nil
		}
		b.WriteString(lx.src[i : i+n])
		i += n
	}
	return token{}, false, nil
}

// unicodeEscape decodes \uXXXX or \UXXXXXXXX at the start of s.
func unicodeEscape(s string) (r rune, n int, ok bool) {
	if len(s) < 2 || s[0] != '\\' {
		return 0, 0, false
	}
	switch s[1] {
	case 'u':
		n = 6
	case 'U':
		n = 10
	default:
		return 0, 0, false
	}
	if len(s) < n {
		return 0, 0, false
	}
	var v rune
	for _, c := range s[2:n] {
		var d rune
		switch {
		case c >= '0' && c <= '9':
			d = c - '0'
		case c >= 'a' && c <= 'f':
			d = c - 'a' + 10
		case c >= 'A' && c <= 'F':
			d = c - 'A' + 10
		default:
			return 0, 0, false
		}
		v = v<<4 | d
	}
	if v > utf8.MaxRune || v >= 0xD800 && v <= 0xDFFF {
		return 0, 0, false
	}
	return v, n, true
}

// varName returns the length of the VARNAME at off, 0 if none.
func (lx *lexer) varName(off int) int {
	i := off
	for i < len(lx.src) {
		r, n := utf8.DecodeRuneInString(lx.src[i:])
		ok := ontology.IsPNCharsU(r) || r >= '0' && r <= '9'
		if i > off {
			ok = ok || r == 0xB7 || r >= 0x300 && r <= 0x36F || r >= 0x203F && r <= 0x2040
		}
		if !ok {
			break
		}
		i += n
	}
	return i - off
}

// blankLabel returns the length of the BLANK_NODE_LABEL body at off.
func (lx *lexer) blankLabel(off int) int {
	i := off
	last := off // end of the last PN_CHARS
	for i < len(lx.src) {
		r, n := utf8.DecodeRuneInString(lx.src[i:])
		if i == off {
			if !ontology.IsPNCharsU(r) && (r < '0' || r > '9') {
				return 0
			}
		} else if r != '.' && !ontology.IsPNChars(r) {
			break
		}
		i += n
		if r != '.' {
			last = i
		}
	}
	return last - off
}

func (lx *lexer) str() (token, error) {
	start := lx.off
	q := lx.src[lx.off]
	long := strings.HasPrefix(lx.src[lx.off:], strings.Repeat(string(q), 3))
	if long {
		lx.off += 3
	} else {
		lx.off++
	}
	var b strings.Builder
	for {
		if lx.off >= len(lx.src) {
			return token{}, lx.errorf(start, "string not closed")
		}
		c := lx.src[lx.off]
		switch {
		case c == q && !long:
			lx.off++
			return token{kind: tString, text: b.String(), off: start}, nil
		case c == q && strings.HasPrefix(lx.src[lx.off:], strings.Repeat(string(q), 3)):
			// a long string may end with up to two more quotes: '''a''''' is "a''"
			for lx.off+3 < len(lx.src) && lx.src[lx.off+3] == q {
				b.WriteByte(q)
				lx.off++
			}
			lx.off += 3
			return token{kind: tString, text: b.String(), off: start}, nil
		case (c == '\n' || c == '\r') && !long:
			return token{}, lx.errorf(lx.off, "line break in a string; use \\n or a long string (\"\"\"...\"\"\")")
		case c == '\\':
			if r, n, ok := unicodeEscape(lx.src[lx.off:]); ok {
				b.WriteRune(r)
				lx.off += n
				continue
			}
			if lx.off+1 >= len(lx.src) {
				return token{}, lx.errorf(lx.off, "string not closed")
			}
			var e byte
			switch lx.src[lx.off+1] {
			case 't':
				e = '\t'
			case 'b':
				e = '\b'
			case 'n':
				e = '\n'
			case 'r':
				e = '\r'
			case 'f':
				e = '\f'
			case '"':
				e = '"'
			case '\'':
				e = '\''
			case '\\':
				e = '\\'
			default:
				return token{}, lx.errorf(lx.off, "unknown escape \\%c in a string", lx.peekRune(lx.off+1))
			}
			b.WriteByte(e)
			lx.off += 2
		default:
			b.WriteByte(c)
			lx.off++
		}
	}
}

func (lx *lexer) number() (token, error) {
	start := lx.off
	digits := func() int {
		n := 0
		for lx.off < len(lx.src) && isDigit(lx.src[lx.off]) {
			lx.off++
			n++
		}
		return n
	}
	intPart := digits()
	kind := tInteger
	if lx.off+1 < len(lx.src) && lx.src[lx.off] == '.' && isDigit(lx.src[lx.off+1]) {
		lx.off++
		digits()
		kind = tDecimal
	} else if lx.off < len(lx.src) && lx.src[lx.off] == '.' && intPart > 0 && lx.off+1 < len(lx.src) && (lx.src[lx.off+1] == 'e' || lx.src[lx.off+1] == 'E') {
		lx.off++ // 1.e5
		kind = tDecimal
	}
	if lx.off < len(lx.src) && (lx.src[lx.off] == 'e' || lx.src[lx.off] == 'E') {
		save := lx.off
		lx.off++
		if lx.off < len(lx.src) && (lx.src[lx.off] == '+' || lx.src[lx.off] == '-') {
			lx.off++
		}
		if digits() == 0 {
			lx.off = save
		} else {
			kind = tDouble
		}
	}
	if kind == tDecimal && lx.src[lx.off-1] == '.' {
		// "1." followed by no exponent: the dot ends a triple
		lx.off--
		kind = tInteger
	}
	return token{kind: kind, text: lx.src[start:lx.off], off: start}, nil
}

// name reads a prefixed name (prefix:local or :local) or a bare word.
func (lx *lexer) name() (token, error) {
	start := lx.off
	i := lx.off
	// PN_PREFIX or a word
	if lx.src[i] != ':' {
		r, n := utf8.DecodeRuneInString(lx.src[i:])
		if !ontology.IsPNCharsBase(r) {
			return token{}, lx.errorf(i, "unexpected character %q", r)
		}
		i += n
		last := i
		for i < len(lx.src) {
			r, n := utf8.DecodeRuneInString(lx.src[i:])
			if r != '.' && !ontology.IsPNChars(r) {
				break
			}
			i += n
			if r != '.' {
				last = i
			}
		}
		i = last
	}
	if i >= len(lx.src) || lx.src[i] != ':' {
		lx.off = i
		w := lx.src[start:i]
		if strings.ContainsAny(w, ".-") || strings.ContainsFunc(w, func(r rune) bool { return r >= utf8.RuneSelf }) {
			return token{}, lx.errorf(start, "unknown word %q (a prefixed name needs a colon)", w)
		}
		return token{kind: tWord, text: w, off: start}, nil
	}
	prefix := lx.src[start:i]
	i++ // ':'
	local, n, err := lx.localName(i)
	if err != nil {
		return token{}, err
	}
	lx.off = i + n
	return token{kind: tPName, text: prefix, text2: local, off: start}, nil
}

// localName reads PN_LOCAL at off and returns it unescaped with its
// length in the source.
func (lx *lexer) localName(off int) (string, int, error) {
	var b strings.Builder
	i := off
	lastLen, lastB := 0, 0 // source length and value length up to the last char that may end a name
	for i < len(lx.src) {
		r, n := utf8.DecodeRuneInString(lx.src[i:])
		first := i == off
		switch {
		case r == '%':
			if i+2 >= len(lx.src) || !isHex(lx.src[i+1]) || !isHex(lx.src[i+2]) {
				return "", 0, lx.errorf(i, "'%%' in a prefixed name must be followed by two hex digits")
			}
			b.WriteString(lx.src[i : i+3])
			i += 3
		case r == '\\':
			if i+1 < len(lx.src) && strings.IndexByte("_~.-!$&'()*+,;=/?#@%", lx.src[i+1]) >= 0 {
				b.WriteByte(lx.src[i+1])
				i += 2
			} else {
				return "", 0, lx.errorf(i, "invalid escape in a prefixed name")
			}
		case ontology.IsPNCharsU(r) || r == ':' || r >= '0' && r <= '9' || !first && (r == '.' || ontology.IsPNChars(r)):
			b.WriteRune(r)
			i += n
			if r == '.' {
				continue
			}
		default:
			return b.String()[:lastB], lastLen, nil
		}
		lastLen, lastB = i-off, b.Len()
	}
	return b.String()[:lastB], lastLen, nil
}

func isHex(c byte) bool { return isDigit(c) || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' }
