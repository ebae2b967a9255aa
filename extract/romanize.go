package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Chinese names reach English archival text in two romanizations: Wade-Giles
// ("Chou En-lai", "Jao Shu-shih", "Teng Hsiao-p'ing"), the norm before 1979,
// and Hanyu Pinyin ("Zhou Enlai"). The syllable tables (pinyin.tsv,
// wadegiles.tsv) let the extractor recognize a name made of Chinese
// syllables and turn an unambiguous Wade-Giles name into pinyin, so that
// both spellings give one canonical name.

// pinyinSyllables splits a word (any case, no spaces or hyphens) into
// pinyin syllables, preferring the split with the fewest syllables whose
// boundaries a pinyin writer would not mark with an apostrophe ("Xi'an").
// It returns nil when the word is not a run of pinyin syllables.
func (l *Lexicon) pinyinSyllables(w string) []string {
	w = strings.ReplaceAll(keyOf(w), "'", "")
	if w == "" || len(l.pinyin) == 0 {
		return nil
	}
	// best[i] = fewest syllables covering w[:i]; from[i] = start of the last
	const maxSyl = 6
	n := len(w)
	best := make([]int, n+1)
	from := make([]int, n+1)
	for i := 1; i <= n; i++ {
		best[i] = -1
		for j := max(0, i-maxSyl); j < i; j++ {
			if best[j] < 0 && j > 0 {
				continue
			}
			if !l.pinyin[w[j:i]] {
				continue
			}
			// a syllable beginning with a vowel inside a word is written
			// after an apostrophe in pinyin; without one the split is
			// unlikely ("Xian" is xian, not xi-an)
			if j > 0 && strings.IndexByte("aoe", w[j]) >= 0 {
				continue
			}
			c := best[j] + 1
			if j == 0 {
				c = 1
			}
			if best[i] < 0 || c < best[i] {
				best[i], from[i] = c, j
			}
		}
	}
	if best[n] < 0 {
		return nil
	}
	var out []string
	for i := n; i > 0; i = from[i] {
		out = append(out, w[from[i]:i])
	}
	for a, b := 0, len(out)-1; a < b; a, b = a+1, b-1 {
		out[a], out[b] = out[b], out[a]
	}
	return out
}

// isWGSyllable reports whether s (folded) is a Wade-Giles syllable.
func (l *Lexicon) isWGSyllable(s string) bool {
	_, ok := l.wadeGiles[s]
	return ok
}

// sinoWord reports whether a word of a name is made of Chinese syllables
// (pinyin, or Wade-Giles parts joined by hyphens), and how many.
func (l *Lexicon) sinoWord(w string) (syllables int, ok bool) {
	k := keyOf(w)
	if strings.Contains(k, "-") {
		parts := strings.Split(k, "-")
		for _, p := range parts {
			if !l.isWGSyllable(p) && !l.pinyin[p] {
				return 0, false
			}
		}
		return len(parts), true
	}
	if l.isWGSyllable(k) {
		return 1, true
	}
	s := l.pinyinSyllables(k)
	return len(s), s != nil
}

// wadeGilesEvidence reports whether a name (space-separated words) is
// written in Wade-Giles beyond doubt: every word is made of Wade-Giles
// syllables and at least one shows a mark pinyin never has: an apostrophe
// of aspiration (p'ing), a hyphen between the syllables of a given name
// (En-lai), or a syllable that is not pinyin (hsiao, shih, tse, tung).
func (l *Lexicon) wadeGilesEvidence(name string) bool {
	if len(l.wadeGiles) == 0 {
		return false
	}
	n := 0
	for range strings.FieldsSeq(name) {
		if n++; n == 2 {
			break
		}
	}
	if n < 2 {
		return false
	}
	marked := false
	for w := range strings.FieldsSeq(name) {
		k := keyOf(w)
		for p := range strings.SplitSeq(k, "-") {
			if !l.isWGSyllable(p) {
				return false
			}
			if strings.Contains(p, "'") || !l.pinyin[p] {
				marked = true
			}
		}
		if strings.Contains(k, "-") {
			marked = true
		}
	}
	return marked
}

// ToPinyin converts a Wade-Giles name ("Chou En-lai", "Teng Hsiao-p'ing")
// into pinyin ("Zhou Enlai", "Deng Xiaoping"). It reports false, and
// returns the name unchanged, unless the name is Wade-Giles beyond doubt.
func (l *Lexicon) ToPinyin(name string) (string, bool) {
	if !l.wadeGilesEvidence(name) {
		return name, false
	}
	words := strings.Fields(name)
	out := make([]string, len(words))
	for i, w := range words {
		var b strings.Builder
		for j, p := range strings.Split(keyOf(w), "-") {
			py := l.wadeGiles[p][0]
			if j > 0 && strings.IndexByte("aoe", py[0]) >= 0 {
				b.WriteByte('\'') // pinyin marks a syllable that begins with a vowel
			}
			b.WriteString(py)
		}
		out[i] = upperFirst(b.String())
	}
	return strings.Join(out, " "), true
}

func upperFirst(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError {
		return s
	}
	return string(unicode.ToUpper(r)) + s[size:]
}

// titleCase turns an all-capitals word into its usual form: "DOBRYNIN" →
// "Dobrynin", "SHU-SHIH" → "Shu-shih".
func titleCase(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	up := true
	for _, r := range s {
		if up {
			b.WriteRune(unicode.ToUpper(r))
		} else {
			b.WriteRune(unicode.ToLower(r))
		}
		up = !unicode.IsLetter(r) && r != '\'' && r != '’'
	}
	return b.String()
}
