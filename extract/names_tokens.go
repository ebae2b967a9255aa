package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// The name finder reads the text as a stream of tokens: words (with their
// internal apostrophes and hyphens, "Ch'un", "Shu-shih", "Viet-Nam";
// initials and dotted abbreviations with their periods, "U.", "U.S.",
// "Mr."), footnote marks ("^[2]", "[^3]") and single punctuation marks.
// Lexicon phrases are tokenized the same way, so that a phrase key and the
// text agree on where words begin and end.

type tokKind uint8

const (
	tWord  tokKind = iota
	tPunct         // one punctuation or symbol character
	tFoot          // a footnote mark: ^[2], [^3], [\[1\]](#)
)

type token struct {
	Span
	kind tokKind
	// poss is the end of a possessive suffix after the word ("'s", "’s",
	// or a bare apostrophe after s); 0 when there is none.
	poss int
	// nl counts the line breaks in the space before the token (capped at 2).
	nl int8
	// gap is true when space separates the token from the one before.
	gap       bool
	wide      bool // a word with a character beyond ASCII
	cap       bool // first letter upper case
	allCaps   bool // two or more letters, none lower case
	initial   bool // one capital letter and a period: "P."
	hasDigit  bool
	sentStart bool // first word of a sentence, a line or a turn's words
	capsLine  bool // the line is written in capitals (a heading)
	caps      bool // in prose written in capitals (a telegram): cap and allCaps are inferred
}

// possEnd returns the end of the token with its possessive suffix.
func (t token) possEnd() int {
	if t.poss > 0 {
		return t.poss
	}
	return t.End
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

func isApostrophe(r rune) bool { return r == '\'' || r == '’' || r == 'ʻ' || r == '‘' }

func isHyphen(r rune) bool { return r == '-' || r == '‐' || r == '‑' }

// tokenize splits s into tokens. Offsets are relative to s plus base.
func tokenize(s string, base int, out []token) []token {
	i := 0
	nl := int8(0)
	gap := false
	for i < len(s) {
		var r rune
		size := 1
		if c := s[i]; c < 0x80 {
			r = rune(c)
		} else {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		switch {
		case r == '\n':
			if nl < 2 {
				nl++
			}
			gap = true
			i += size
			continue
		case r == ' ' || '\t' <= r && r <= '\r' || r >= utf8.RuneSelf && unicode.IsSpace(r): // unicode.IsSpace, ASCII first
			gap = true
			i += size
			continue
		}
		start := i
		t := token{nl: nl, gap: gap}
		nl, gap = 0, false
		if c := s[i]; c == '^' || c == '[' { // a footnote mark opens so
			if n := footnoteLen(s[i:]); n > 0 {
				t.kind = tFoot
				t.Span = Span{base + i, base + i + n}
				out = append(out, t)
				i += n
				continue
			}
		}
		if r < utf8.RuneSelf && !isASCIILetterOrDigit(byte(r)) || r >= utf8.RuneSelf && !isWordRune(r) {
			t.kind = tPunct
			t.Span = Span{base + i, base + i + size}
			out = append(out, t)
			i += size
			continue
		}
		// a word
		j := i
		letters, upper, lower := 0, 0, 0
		for j < len(s) {
			if s[j]-'a' < 26 {
				// a run of lower-case ASCII letters, the most of the text
				k := j + 1
				for k < len(s) && s[k]-'a' < 26 {
					k++
				}
				letters += k - j
				lower += k - j
				j = k
				continue
			}
			r, size := rune(s[j]), 1
			if r < utf8.RuneSelf {
				// ASCII fast path
				switch {
				case r >= 'a' && r <= 'z':
					letters++
					lower++
					j++
					continue
				case r >= 'A' && r <= 'Z':
					letters++
					upper++
					j++
					continue
				case r >= '0' && r <= '9':
					t.hasDigit = true
					j++
					continue
				}
				// any other ASCII character is no word character
			} else if r, size = utf8.DecodeRuneInString(s[j:]); isWordRune(r) {
				t.wide = true
				if unicode.IsLetter(r) {
					letters++
					if unicode.IsUpper(r) {
						upper++
					} else if unicode.IsLower(r) {
						lower++
					}
				} else if unicode.IsDigit(r) {
					t.hasDigit = true
				}
				j += size
				continue
			}
			if isApostrophe(r) || isHyphen(r) {
				// internal apostrophe or hyphen: only between word characters,
				// and an apostrophe then "s" at the end of the word is a
				// possessive, not part of the name
				if j+size < len(s) {
					r2, size2 := utf8.DecodeRuneInString(s[j+size:])
					if isWordRune(r2) {
						if isApostrophe(r) && (r2 == 's' || r2 == 'S') && (j+size+size2 == len(s) || !isWordRune(firstRune(s[j+size+size2:]))) {
							break
						}
						j += size + size2
						t.wide = t.wide || size > 1 || size2 > 1
						if unicode.IsLetter(r2) {
							letters++
							if unicode.IsUpper(r2) {
								upper++
							} else if unicode.IsLower(r2) {
								lower++
							}
						}
						continue
					}
				}
			}
			break
		}
		word := s[i:j]
		// periods: initials ("P."), dotted abbreviations ("U.S.", "a.m."),
		// and known abbreviations ("Mr.", "Col.")
		if j < len(s) && s[j] == '.' {
			switch {
			case letters == 1 && utf8.RuneCountInString(word) == 1:
				// "U." or the start of "U.S."
				k := j
				for k+2 < len(s) && s[k] == '.' && isASCIILetter(s[k+1]) && s[k+2] == '.' {
					k += 2
				}
				if k > j {
					letters += (k - j) / 2
					if upper == 1 {
						upper += (k - j) / 2
						for q := j + 1; q < k; q += 2 {
							if s[q] >= 'a' && s[q] <= 'z' {
								upper--
								lower++
							}
						}
					}
					j = k + 1 // dotted abbreviation
				} else {
					j++
					if upper == 1 {
						t.initial = true
					}
				}
			case abbreviations[word] || titleAbbrev[word]:
				j++
			}
		}
		t.kind = tWord
		t.Span = Span{base + start, base + j}
		if c := word[0]; c < utf8.RuneSelf {
			t.cap = 'A' <= c && c <= 'Z' // unicode.IsUpper, ASCII first
		} else {
			first, _ := utf8.DecodeRuneInString(word)
			t.cap = unicode.IsUpper(first)
		}
		t.allCaps = letters >= 2 && lower == 0 && upper >= 2
		// possessive suffix (an apostrophe: ASCII '\'' or wider)
		if j < len(s) && (s[j] == '\'' || s[j] >= utf8.RuneSelf) {
			r, size := utf8.DecodeRuneInString(s[j:])
			if isApostrophe(r) {
				rest := s[j+size:]
				if len(rest) > 0 && (rest[0] == 's' || rest[0] == 'S') && (len(rest) == 1 || !isWordRune(firstRune(rest[1:]))) {
					t.poss = base + j + size + 1
				} else if (word[len(word)-1] == 's' || word[len(word)-1] == 'S') && t.cap && (len(rest) == 0 || !isWordRune(firstRune(rest))) {
					t.poss = base + j + size
				}
			}
		}
		out = append(out, t)
		i = j
		if t.poss > 0 {
			i = t.poss - base
		}
	}
	return out
}

// titleAbbrev are abbreviations of titles and ranks that keep their period
// as part of the word, beyond those the sentence splitter knows.
var titleAbbrev = map[string]bool{"Cmdr": true, "Comdr": true, "Brig": true, "Pres": true, "Sra": true, "Srta": true, "Mssrs": true, "Msgr": true, "Fr": true, "Ms": true}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

func isASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

func isASCIILetterOrDigit(c byte) bool { return isASCIILetter(c) || '0' <= c && c <= '9' }

// footnoteLen returns the length of a footnote mark at the start of s:
// "^[12]", "[^3]", or the Wilson Center's "[\[1\]](#)".
func footnoteLen(s string) int {
	if len(s) < 3 || s[0] != '^' && s[0] != '[' {
		return 0
	}
	digits := func(k int) int {
		n := k
		for n < len(s) && s[n] >= '0' && s[n] <= '9' {
			n++
		}
		if n == k || n-k > 4 {
			return -1
		}
		return n
	}
	switch {
	case s[0] == '^' && s[1] == '[':
		if n := digits(2); n > 0 && n < len(s) && s[n] == ']' {
			return n + 1
		}
	case s[0] == '[' && s[1] == '^':
		if n := digits(2); n > 0 && n < len(s) && s[n] == ']' {
			return n + 1
		}
	case strings.HasPrefix(s, `[\[`):
		if n := digits(3); n > 0 && strings.HasPrefix(s[n:], `\]]`) {
			n += 3
			if strings.HasPrefix(s[n:], "(#)") {
				n += 3
			}
			return n
		}
	}
	return 0
}

// tokenText is the text of a word token.
func (d *Document) tok(t token) string { return d.Text[t.Start:t.End] }

// keyOf folds a word for lexicon look-ups: lower case, typographic
// apostrophes and hyphens made plain.
func keyOf(s string) string {
	lower, ascii := true, true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 {
			ascii = false
			break
		}
		if c >= 'A' && c <= 'Z' {
			lower = false
		}
	}
	if ascii {
		if lower {
			return s
		}
		b := make([]byte, len(s))
		for i := 0; i < len(s); i++ {
			c := s[i]
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			b[i] = c
		}
		return string(b)
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case isApostrophe(r):
			b.WriteByte('\'')
		case isHyphen(r):
			b.WriteByte('-')
		default:
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// phraseKey tokenizes a lexicon phrase and returns its folded key (words
// joined by one space, footnote marks dropped) and its word count.
func phraseKey(s string) (string, int) {
	var buf [16]token // most phrases: no token slice on the heap
	toks := tokenize(s, 0, buf[:0])
	n, only := 0, -1
	for i, t := range toks {
		if t.kind != tFoot {
			n++
			only = i
		}
	}
	if n == 1 {
		// one word: its key is the phrase's, with no copy to join
		return keyOf(s[toks[only].Start:toks[only].possEnd()]), 1
	}
	// the keys joined by spaces, lower-cased into one buffer
	var arr [64]byte
	b := arr[:0]
	n = 0
	for _, t := range toks {
		if t.kind == tFoot {
			continue
		}
		if n > 0 {
			b = append(b, ' ')
		}
		b = appendKey(b, s[t.Start:t.possEnd()])
		n++
	}
	return string(b), n
}

// appendKey appends keyOf(w) to b.
func appendKey(b []byte, w string) []byte {
	for i := 0; i < len(w); i++ {
		if w[i] >= 0x80 {
			return append(b, keyOf(w)...)
		}
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		b = append(b, c)
	}
	return b
}
