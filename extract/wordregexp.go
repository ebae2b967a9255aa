package extract

import (
	"regexp"
	"regexp/syntax"
	"slices"
	"unicode"
	"unicode/utf8"
)

// A wordRegexp is a regular expression that begins with \b, searched
// much faster than by the regexp package alone, with the same results.
//
// Go's regexp engine tries every position of its input in turn, and an
// expression with a dozen alternatives (month names, case-insensitive
// words) tries each of them at every position: tens of nanoseconds per
// byte. But a match of \b... can only begin where a word begins, and only
// with one of the few prefixes the expression allows ("Jan", "the 1",
// "19"), which matchStarts derives from the expression itself. So the
// search walks the text, stops only where a word begins with such a
// prefix, and there runs the expression anchored.
type wordRegexp struct {
	re       *regexp.Regexp
	anchored *regexp.Regexp // re anchored at the start of its input
	// match, when set, is anchored.FindStringSubmatchIndex written by hand
	// (the date rules run most often: monthday.go)
	match  func(s string) []int
	starts *startSet // what a match can begin with; nil: search plainly
	// matchNeeds are what every match beginning at p holds in text[p:to]
	// (something found at or after p+off): findAllAt skips the expression
	// where one is missing
	matchNeeds []matchNeed
}

// A matchNeed is something every match holds: find returns the first
// place in text[from:to] where one begins (and ends by to), or -1; a
// match beginning at p holds one at or after p+off.
type matchNeed struct {
	find func(text string, from, to int) int
	off  int
}

// maxNeeds bounds the needs of one expression.
const maxNeeds = 4

// hasNeeds reports whether text[p:to] holds every need. found keeps, per
// need, what an earlier call (at a smaller p, same to) found: -2 nothing
// asked yet, -1 none, else where; so a search of positions in increasing
// order reads the text once per need.
func hasNeeds(needs []matchNeed, text string, p, to int, found *[maxNeeds]int) bool {
	for k, nd := range needs {
		from := p + nd.off
		switch q := found[k]; {
		case q == -1:
			return false // none after an earlier position: none after this one
		case q >= from:
			continue // the one found before is still ahead
		}
		q := nd.find(text, from, to)
		found[k] = q
		if q < 0 {
			return false
		}
	}
	return true
}

// mustCompileWord compiles an expression that begins with \b (else it is
// searched plainly).
func mustCompileWord(expr string) *wordRegexp {
	w := &wordRegexp{re: regexp.MustCompile(expr)}
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil || !beginsWithWordBoundary(re) {
		return w
	}
	if w.starts = matchStarts(re); w.starts != nil {
		w.anchored = regexp.MustCompile(`^(?:` + expr + `)`)
	}
	return w
}

// findStringIndex is re.FindStringIndex.
func (w *wordRegexp) findStringIndex(s string) []int {
	if ms := w.findAll(s, 0, len(s), 1); len(ms) > 0 {
		return ms[0][:2]
	}
	return nil
}

// matchString is re.MatchString.
func (w *wordRegexp) matchString(s string) bool { return w.findStringIndex(s) != nil }

// findStringSubmatchIndex is re.FindStringSubmatchIndex.
func (w *wordRegexp) findStringSubmatchIndex(s string) []int {
	if ms := w.findAll(s, 0, len(s), 1); len(ms) > 0 {
		return ms[0]
	}
	return nil
}

// findAll returns what re.FindAllStringSubmatchIndex(text[from:to], n)
// returns, with offsets into text. Since a match begins with \b, it
// begins at a word start (or at from) whose bytes are in starts, and the
// anchored expression run there finds the match the search would find at
// that position; after a match the search goes on from its end.
func (w *wordRegexp) findAll(text string, from, to, n int) [][]int {
	if w.starts == nil {
		return w.findAllPlain(text, from, to, n)
	}
	var out [][]int
	for p := from; p < to && (n < 0 || len(out) < n); p++ {
		c := text[p]
		if !utf8.RuneStart(c) || !w.starts.allows(text, p, to) {
			continue
		}
		if p > from && isRegexpWordByte(text[p-1]) {
			if isRegexpWordByte(c) {
				continue // inside a word: \b fails
			}
			// \b holds before a character it does not count as a word one
			// ('ſ', which matches 's' case-insensitively): the anchored
			// expression, which cannot see text[p-1], would disagree
			return w.findAllPlain(text, from, to, n)
		}
		m := w.matchAt(text[p:to])
		if m == nil {
			continue
		}
		for i := range m {
			if m[i] >= 0 {
				m[i] += p
			}
		}
		out = append(out, m)
		p = m[1] - 1 // never an empty match: matchStarts would be nil
	}
	return out
}

// findAllAt is findAll(text, from, to, -1), trying only the positions at
// (sorted): they must hold every position of [from, to) where a match may
// begin, that is every start of a character that some prefix may begin
// with, unless it lies inside a word of ASCII letters and digits.
func (w *wordRegexp) findAllAt(text string, from, to int, at []int) [][]int {
	if w.starts == nil {
		return w.findAllPlain(text, from, to, -1)
	}
	var out [][]int
	found := [maxNeeds]int{-2, -2, -2, -2}
	k, _ := slices.BinarySearch(at, from)
	for ; k < len(at) && at[k] < to; k++ {
		p := at[k]
		if len(out) > 0 && p < out[len(out)-1][1] {
			continue // inside the last match: the search goes on from its end
		}
		if !w.starts.allows(text, p, to) {
			continue
		}
		if p > from && isRegexpWordByte(text[p-1]) {
			if isRegexpWordByte(text[p]) {
				continue // inside a word: \b fails
			}
			return w.findAllPlain(text, from, to, -1) // as in findAll
		}
		if len(w.matchNeeds) > 0 && !hasNeeds(w.matchNeeds, text, p, to, &found) {
			continue
		}
		m := w.matchAt(text[p:to])
		if m == nil {
			continue
		}
		for i := range m {
			if m[i] >= 0 {
				m[i] += p
			}
		}
		out = append(out, m)
	}
	return out
}

// matchAt is the anchored expression's match at the start of s.
func (w *wordRegexp) matchAt(s string) []int {
	if w.match != nil {
		return w.match(s)
	}
	return w.anchored.FindStringSubmatchIndex(s)
}

// findAllPlain is the plain search over text[from:to].
func (w *wordRegexp) findAllPlain(text string, from, to, n int) [][]int {
	ms := w.re.FindAllStringSubmatchIndex(text[from:to], n)
	for _, m := range ms {
		for i := range m {
			if m[i] >= 0 {
				m[i] += from
			}
		}
	}
	return ms
}

func beginsWithWordBoundary(re *syntax.Regexp) bool {
	for re.Op == syntax.OpConcat || re.Op == syntax.OpCapture {
		if len(re.Sub) == 0 {
			return false
		}
		re = re.Sub[0]
	}
	return re.Op == syntax.OpWordBoundary
}

// startSet is what an expression's matches can begin with: every match
// begins with one of the patterns, each a short sequence of byte classes
// ("[Tt][Hh][Ee][ \t\n\f\r][0-9]", "May").
type startSet struct {
	byFirst [256][]prefixPattern // the patterns, by the bytes they may begin with
}

// prefixPattern is a sequence of byte classes: the bytes text[p],
// text[p+1], ... must belong to them in turn.
type prefixPattern []byteClass

// byteClass is a set of bytes.
type byteClass [4]uint64

func (c *byteClass) add(b byte)      { c[b>>6] |= 1 << (b & 63) }
func (c *byteClass) has(b byte) bool { return c[b>>6]&(1<<(b&63)) != 0 }

func (c *byteClass) union(o byteClass) {
	for i := range c {
		c[i] |= o[i]
	}
}

// allows reports whether a match can begin at text[p:to].
func (st *startSet) allows(text string, p, to int) bool {
outer:
	for _, pat := range st.byFirst[text[p]] {
		if p+len(pat) > to {
			continue
		}
		for i := 1; i < len(pat); i++ {
			if !pat[i].has(text[p+i]) {
				continue outer
			}
		}
		return true
	}
	return false
}

// prefixLen is how far the patterns look: far enough to tell "the 1" and
// "the J" from "the party", "Mar" from "Mao".
const prefixLen, maxPatterns = 5, 64

// matchStarts derives a start set from the parsed expression, or nil when
// a match may begin with anything or be empty. It errs on the side of
// allowing too much: a pattern too short costs a search, a pattern too
// many nothing, a pattern missing would lose a match.
func matchStarts(re *syntax.Regexp) *startSet {
	p := prefixer{}
	open := p.extend(re, []prefixPattern{{}})
	st := &startSet{}
	for _, pat := range compact(append(p.closed, open...)) {
		if len(pat) == 0 {
			return nil // a match may begin anyhow (or be empty): no filter
		}
		for b := 0; b < 256; b++ {
			if pat[0].has(byte(b)) {
				st.byFirst[b] = append(st.byFirst[b], pat)
			}
		}
	}
	return st
}

// prefixer collects the prefix patterns of the strings an expression
// matches. An open pattern may still grow; a closed one is final, because
// it reached prefixLen or because what follows is too varied to spell out
// (it is then a prefix of the match all the same).
type prefixer struct {
	closed []prefixPattern
}

func (p *prefixer) close(pats []prefixPattern) {
	for _, pat := range pats {
		p.closed = addPattern(p.closed, pat)
	}
}

// extend returns the open patterns after re has matched, given those
// before it.
func (p *prefixer) extend(re *syntax.Regexp, open []prefixPattern) []prefixPattern {
	if len(open) == 0 {
		return nil
	}
	switch re.Op {
	case syntax.OpNoMatch:
		return nil
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText,
		syntax.OpEndText, syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return open // they match no character
	case syntax.OpLiteral:
		for _, r := range re.Rune {
			if re.Flags&syntax.FoldCase != 0 {
				open = p.append(open, foldsOf(r))
			} else {
				open = p.append(open, []rune{r})
			}
		}
		return open
	case syntax.OpCharClass:
		var alts []rune
		for i := 0; i+1 < len(re.Rune); i += 2 {
			for r := re.Rune[i]; r <= re.Rune[i+1]; r++ {
				if len(alts) >= 128 {
					p.close(open) // \p{L} and the like: too many to spell out
					return nil
				}
				alts = append(alts, foldsOf(r)...)
			}
		}
		return p.append(open, alts)
	case syntax.OpCapture:
		return p.extend(re.Sub[0], open)
	case syntax.OpConcat:
		for _, sub := range re.Sub {
			open = p.extend(sub, open)
		}
		return open
	case syntax.OpAlternate:
		var out []prefixPattern
		for _, sub := range re.Sub {
			for _, pat := range p.extend(sub, open) {
				out = addPattern(out, pat)
			}
		}
		return p.limit(out)
	case syntax.OpQuest:
		out := slices.Clone(p.extend(re.Sub[0], open))
		for _, pat := range open {
			out = addPattern(out, pat)
		}
		return p.limit(out)
	case syntax.OpStar, syntax.OpPlus, syntax.OpRepeat:
		lo := 1
		if re.Op == syntax.OpStar {
			lo = 0
		} else if re.Op == syntax.OpRepeat {
			lo = re.Min
		}
		cur := open
		for range lo {
			cur = p.extend(re.Sub[0], cur)
		}
		if re.Op == syntax.OpRepeat && re.Max == re.Min {
			return cur
		}
		// more repetitions may follow: what one more adds is a prefix
		p.close(p.extend(re.Sub[0], cur))
		return cur
	}
	// anything else (any character): what came before is a prefix
	p.close(open)
	return nil
}

// append adds one of the runes to each open pattern: the ASCII ones as
// one class, each longer character as its bytes.
func (p *prefixer) append(open []prefixPattern, alts []rune) []prefixPattern {
	var ascii byteClass
	var wide []rune
	for _, r := range alts {
		if r < utf8.RuneSelf {
			ascii.add(byte(r))
		} else {
			wide = append(wide, r)
		}
	}
	var out []prefixPattern
	grow := func(pat prefixPattern, classes ...byteClass) {
		n := append(slices.Clip(pat), classes...)
		if len(n) >= prefixLen {
			p.closed = addPattern(p.closed, n[:prefixLen])
			return
		}
		out = addPattern(out, n)
	}
	for _, pat := range open {
		if ascii != (byteClass{}) {
			grow(pat, ascii)
		}
		for _, r := range wide {
			var classes []byteClass
			for _, b := range []byte(string(r)) {
				var c byteClass
				c.add(b)
				classes = append(classes, c)
			}
			grow(pat, classes...)
		}
	}
	return p.limit(out)
}

// limit merges the open patterns of equal length, class by class, when
// there are too many: the merged pattern allows all they allowed.
func (p *prefixer) limit(pats []prefixPattern) []prefixPattern {
	if len(pats) <= maxPatterns {
		return pats
	}
	if pats = compact(pats); len(pats) <= maxPatterns {
		return pats
	}
	var merged []prefixPattern
	for n := 0; n < prefixLen; n++ {
		var m prefixPattern
		for _, pat := range pats {
			if len(pat) != n {
				continue
			}
			if m == nil {
				m = make(prefixPattern, n)
			}
			for i := range pat {
				m[i].union(pat[i])
			}
		}
		if m != nil {
			merged = append(merged, m)
		}
	}
	return merged
}

// compact merges patterns that differ in one class only ("[Tt]he 1" and
// "[Tt]he 2" make "[Tt]he [12]"): the merged pattern allows exactly what
// the two allowed.
func compact(pats []prefixPattern) []prefixPattern {
	pats = slices.Clone(pats)
	for merged := true; merged; {
		merged = false
		for i := 0; i < len(pats); i++ {
			for j := i + 1; j < len(pats); j++ {
				if k, ok := differOnce(pats[i], pats[j]); ok {
					pats[i] = slices.Clone(pats[i])
					if k >= 0 {
						pats[i][k].union(pats[j][k])
					}
					pats = slices.Delete(pats, j, j+1)
					j--
					merged = true
				}
			}
		}
	}
	return pats
}

// differOnce reports whether two patterns of one length differ in at most
// one class, and which (-1: none).
func differOnce(a, b prefixPattern) (int, bool) {
	if len(a) != len(b) {
		return 0, false
	}
	k := -1
	for i := range a {
		if a[i] != b[i] {
			if k >= 0 {
				return 0, false
			}
			k = i
		}
	}
	return k, true
}

// addPattern adds a pattern to a list unless the list holds it already.
func addPattern(pats []prefixPattern, pat prefixPattern) []prefixPattern {
	for _, q := range pats {
		if slices.Equal(q, pat) {
			return pats
		}
	}
	return append(pats, pat)
}

// foldsOf returns r and every character that matches it
// case-insensitively ('s', 'S' and 'ſ').
func foldsOf(r rune) []rune {
	out := []rune{r}
	for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
		out = append(out, f)
	}
	return out
}

// isRegexpWordByte reports whether \b counts the byte as a word character:
// ASCII letters, digits and '_' (a byte of a longer character is not).
func isRegexpWordByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_'
}
