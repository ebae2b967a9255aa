package extract

import (
	"container/heap"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// FindMentions finds mentions of people, organizations and places and puts
// them, in text order, into doc.Mentions.
//
// It reads the text as tokens and looks, at each capitalized word, for (in
// this order) a title or honorific followed by a name ("Chairman Mao",
// "comrade Ramiz Alia", "Secretary of State Rusk"); an organization or a
// place built around a head word ("Ministry of Higher Education", "Beijing
// Military Region", "Cabinet Room") or named in the lexicon ("Soviet
// Union", "UN"); a personal name by its shape (initials, a known given
// name, Chinese syllables); and otherwise keeps the capitalized words as an
// unknown name. The document is then read as a whole: a word that is a
// person's name somewhere (after a title, say) is that person elsewhere
// too, and an unknown name becomes a person when the way it is used says
// so (it speaks, it owns, it is listed with people). Capitals alone are not
// evidence at the start of a sentence nor in a heading written in capitals.
func FindMentions(doc *Document, lex *Lexicon) {
	if lex == nil {
		lex = NewLexicon()
	}
	f := newFinder(doc, lex)
	f.scan()
	f.listed()
	f.resolveUnknown()
	f.consistency()
	f.nameSuffixes()
	f.emit()
	f.release()
}

// finders are reused: a document's tokens and flags are scratch space.
var finderPool = sync.Pool{New: func() any {
	return &finder{}
}}

func (f *finder) release() {
	f.doc, f.lex = nil, nil
	clear(f.keys)
	f.cands = f.cands[:0]
	f.words = f.words[:0]
	f.lookedReady = false
	clear(f.titlePairs)
	clear(f.lexPairs)
	f.wordIDs.reset(0) // let go of the document's words
	finderPool.Put(f)
}

func growScratch[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	s = s[:n]
	clear(s)
	return s
}

// nameCand is a mention candidate over tokens [start, end); the name proper
// begins at name (after any title).
type nameCand struct {
	start, name, end int
	typ              EntityType // "" while unknown
	nat              int        // token of a nationality adjective before the title, or -1
	strong           bool       // typed by a title, the lexicon, a head word or the name's shape
	nested           bool       // inside a longer mention
	singular         string     // the name without a plural ending ("Chen Shengs")
}

type finder struct {
	doc  *Document
	lex  *Lexicon
	toks []token
	keys []string
	para []int32 // paragraph index of each token
	used []bool  // token belongs to a mention (or a role phrase)
	role []bool  // token belongs to a title phrase printed without a name
	hint []uint8 // lexicon hints, computed on first use
	fw   []bool  // the word is one of functionWords
	wid  []int32 // index of the token's word in words, -1 for no word

	// the document's distinct words (keys), each looked up once
	wordIDs wordTable
	words   []wordFacts
	looked  []wordLookups // by word, as words: made when first asked
	// titlePairs are what the lexicon says of two-token phrases that may
	// be titles, by the pair of words (a punctuation mark as -1 - rune)
	titlePairs map[[2]int32]titlePhrase
	lexPairs   map[[2]int32]lexPhrase // the same for lexicon phrases (words only)
	// lookedReady says looked is made (and cleared) for this document
	lookedReady bool
	cands       []nameCand
	order       []int32 // scratch of emit: candidates in text order
	buf         []byte  // scratch for phrase keys

	// the candidates by first and by last token (lists linked through
	// the next arrays, -1 ending them), so that the items of a list are
	// found without a scan of every candidate; a candidate whose start
	// moves is added to its new start's list, and readers check starts
	byStart, byLast     []int32 // per token: a candidate, or -1
	nextStart, nextLast []int32 // per candidate: the next in its list, or -1

	// placeEnd is, per token, 1 + the first place candidate (not nested)
	// that ends there, for lowerOrg; the candidates before placeDone are
	// in it (during the scan, candidates change neither type nor span)
	placeEnd  []int32
	placeDone int
}

// wordFacts is what the finder knows of one word of the document.
type wordFacts struct {
	hints     uint8 // lexicon hints, 0 until looked up
	titleMax  int32 // most words of a title the word begins, -1 until looked up
	lexMax    int32 // most words of a lexicon phrase the word begins, -1 until looked up
	function  bool  // one of functionWords
	capSeen   bool  // printed capitalized somewhere
	capMid    bool  // printed capitalized inside a sentence
	lowerSeen bool  // printed capitalized and, elsewhere, in lower case
}

// wordLookups is what the lexicon says of one word of the document alone,
// looked up once (lookedUp has the bits of the tables asked): the finder
// asks again at every token of the word, and the tables are large. It is
// kept apart from wordFacts, which the finder reads at every token.
type wordLookups struct {
	lookedUp     uint8
	title        string // the class of the title the word is
	isTitle      bool
	entries      []int // the lexicon entries the word names
	isEntry      bool
	nonName      string // why the word is no name
	isNonName    bool
	nonNameMixed bool
	orgMax       int // most words of an organization word (phrase) the word begins
	nonNameMax   int // most words of a non-name phrase the word begins
	placeMax     int // most words of a place word (phrase) the word begins
}

// The tables of wordFacts.lookedUp.
const (
	lookedUpTitle uint8 = 1 << iota
	lookedUpEntry
	lookedUpNonName
	lookedUpOrg
	lookedUpNonNameMax
	lookedUpPlace
)

// lookups returns the look-ups of word token i's word, made room for
// when first asked.
func (f *finder) lookups(i int) *wordLookups {
	if !f.lookedReady {
		f.looked = growScratch(f.looked, len(f.words))
		f.lookedReady = true
	}
	return &f.looked[f.wid[i]]
}

// wordTitle is f.lex.titles[f.keys[i]] for a word token i.
func (f *finder) wordTitle(i int) (string, bool) {
	wf := f.lookups(i)
	if wf.lookedUp&lookedUpTitle == 0 {
		wf.title, wf.isTitle = f.lex.titles[f.keys[i]]
		wf.lookedUp |= lookedUpTitle
	}
	return wf.title, wf.isTitle
}

// wordEntries is f.lex.phrases[f.keys[i]] for a word token i.
func (f *finder) wordEntries(i int) ([]int, bool) {
	wf := f.lookups(i)
	if wf.lookedUp&lookedUpEntry == 0 {
		wf.entries, wf.isEntry = f.lex.phrases[f.keys[i]]
		wf.lookedUp |= lookedUpEntry
	}
	return wf.entries, wf.isEntry
}

// wordOrgMax is f.lex.orgMax[f.keys[i]] for a word token i: a small
// table, cheaper to ask than the hints when those are not known.
func (f *finder) wordOrgMax(i int) int {
	if h := f.words[f.wid[i]].hints; h != 0 && h&hOrg == 0 {
		return 0 // the hints mark the first words of organization words
	}
	wf := f.lookups(i)
	if wf.lookedUp&lookedUpOrg == 0 {
		wf.orgMax = f.lex.orgMax[f.keys[i]]
		wf.lookedUp |= lookedUpOrg
	}
	return wf.orgMax
}

// wordPlaceMax is f.lex.placeMax[f.keys[i]] for a word token i, as
// wordOrgMax.
func (f *finder) wordPlaceMax(i int) int {
	if h := f.words[f.wid[i]].hints; h != 0 && h&hPlace == 0 {
		return 0
	}
	wf := f.lookups(i)
	if wf.lookedUp&lookedUpPlace == 0 {
		wf.placeMax = f.lex.placeMax[f.keys[i]]
		wf.lookedUp |= lookedUpPlace
	}
	return wf.placeMax
}

// wordNonNameMax is f.lex.nonNameMax[f.keys[i]] for a word token i: a
// small table, cheaper to ask than the hints when those are not known.
func (f *finder) wordNonNameMax(i int) int {
	if h := f.words[f.wid[i]].hints; h != 0 && h&hNonName == 0 {
		return 0 // the hints mark the first words of non-name phrases
	}
	wf := f.lookups(i)
	if wf.lookedUp&lookedUpNonNameMax == 0 {
		wf.nonNameMax = f.lex.nonNameMax[f.keys[i]]
		wf.lookedUp |= lookedUpNonNameMax
	}
	return wf.nonNameMax
}

// wordNonName is f.lex.nonNames[f.keys[i]] and f.lex.nonNameMixed for a
// word token i.
func (f *finder) wordNonName(i int) (why string, ok, mixed bool) {
	wf := f.lookups(i)
	if wf.lookedUp&lookedUpNonName == 0 {
		wf.nonName, wf.isNonName = f.lex.nonNames[f.keys[i]]
		wf.nonNameMixed = wf.isNonName && f.lex.nonNameMixed[f.keys[i]]
		wf.lookedUp |= lookedUpNonName
	}
	return wf.nonName, wf.isNonName, wf.nonNameMixed
}

// seenCapMid reports whether the document capitalizes token i's word
// inside a sentence; seenLower whether it also writes that capitalized
// word in lower case.
func (f *finder) seenCapMid(i int) bool { id := f.wid[i]; return id >= 0 && f.words[id].capMid }
func (f *finder) seenLower(i int) bool  { id := f.wid[i]; return id >= 0 && f.words[id].lowerSeen }

func newFinder(doc *Document, lex *Lexicon) *finder {
	f := finderPool.Get().(*finder)
	f.doc, f.lex = doc, lex
	f.toks = tokenize(doc.Text, 0, f.toks[:0])
	f.keys = growScratch(f.keys, len(f.toks))
	f.para = growScratch(f.para, len(f.toks))
	f.used = growScratch(f.used, len(f.toks))
	f.role = growScratch(f.role, len(f.toks))
	f.hint = growScratch(f.hint, len(f.toks))
	f.markContext()
	f.placeEnd, f.placeDone = f.placeEnd[:0], 0 // made by lowerOrg when first needed
	f.fw = growScratch(f.fw, len(f.toks))
	f.wid = growScratch(f.wid, len(f.toks))
	lower, aligned := doc.lowerText()
	f.wordIDs.reset(len(f.toks) / 2) // distinct words: about a third of the tokens
	for i := range f.toks {
		t := &f.toks[i]
		f.wid[i] = -1
		if t.kind != tWord {
			continue
		}
		if aligned && !t.wide {
			f.keys[i] = lower[t.Start:t.End] // keyOf of the ASCII word, without a copy
		} else {
			f.keys[i] = keyOf(doc.Text[t.Start:t.End])
		}
		id, added := f.wordIDs.index(f.keys[i])
		if added {
			k := f.keys[i]
			f.words = append(f.words, wordFacts{function: functionShapes.mayHold(k) && functionWords[k], titleMax: -1, lexMax: -1})
		}
		f.wid[i] = id
		wf := &f.words[id]
		f.fw[i] = wf.function
		if t.cap || t.allCaps {
			wf.capSeen = true
			if !t.sentStart && !t.capsLine {
				wf.capMid = true
			}
		}
	}
	// which capitalized words the document also writes in lower case
	for i := range f.toks {
		if t := &f.toks[i]; t.kind == tWord && !t.cap && !t.allCaps && f.words[f.wid[i]].capSeen {
			f.words[f.wid[i]].lowerSeen = true
		}
	}
	return f
}

// markContext sets each token's paragraph, sentence-start and
// capitals-line flags.
func (f *finder) markContext() {
	d := f.doc
	// sentence starts: the first word of each sentence and of each paragraph
	starts := make([]int, 0, len(d.Sentences)+len(d.Paragraphs))
	for _, s := range d.Sentences {
		starts = append(starts, s.Start)
	}
	for _, p := range d.Paragraphs {
		starts = append(starts, p.Start)
	}
	sort.Ints(starts)
	si, pi := 0, 0
	wantStart := false
	lastWord := -1
	for i := range f.toks {
		t := &f.toks[i]
		for pi+1 < len(d.Paragraphs) && d.Paragraphs[pi+1].Start <= t.Start {
			pi++
		}
		f.para[i] = int32(pi)
		for si < len(starts) && starts[si] <= t.Start {
			wantStart = true
			si++
		}
		if t.kind != tWord {
			if t.kind == tPunct {
				c := d.Text[t.Start]
				// after a colon (a speaker label, a field) or a dash opening
				// a list, a capital may begin a sentence
				if c == ':' {
					wantStart = true
				}
			}
			continue
		}
		if wantStart {
			t.sentStart = true
			// "12. 3. Saw Gromyko today": a number opening a paragraph
			// is a label; the sentence begins after it
			wantStart = t.hasDigit
		}
		// a line break after sentence punctuation starts a new sentence in
		// lists and headings
		if t.nl > 0 && lastWord >= 0 && !t.sentStart {
			prev := f.toks[i-1]
			if prev.kind == tPunct && strings.ContainsRune(".:;!?", rune(d.Text[prev.Start])) {
				t.sentStart = true
			}
		}
		lastWord = i
	}
	// lines written in capitals
	lineStart := 0
	for lineStart < len(d.Text) {
		end := strings.IndexByte(d.Text[lineStart:], '\n')
		if end < 0 {
			end = len(d.Text)
		} else {
			end += lineStart
		}
		if capsLine(d.Text[lineStart:end]) {
			for i := sort.Search(len(f.toks), func(i int) bool { return f.toks[i].Start >= lineStart }); i < len(f.toks) && f.toks[i].Start < end; i++ {
				f.toks[i].capsLine = true
				if f.toks[i].kind == tWord {
					f.toks[i].cap = true
				}
			}
		}
		lineStart = end + 1
	}
	f.recaseCapsProse()
}

// capsLine reports whether a line is a heading in capitals: two or more
// words of letters, none in lower case.
func capsLine(s string) bool {
	words, upper := 0, 0
	inWord := false
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			upper++
			if !inWord {
				words++
			}
			inWord = true
		} else {
			inWord = false
		}
	}
	return words >= 2 && upper >= 6
}

// ---- token predicates ----

func (f *finder) word(i int) bool { return i >= 0 && i < len(f.toks) && f.toks[i].kind == tWord }

func (f *finder) capWord(i int) bool {
	if !f.word(i) {
		return false
	}
	t := f.toks[i]
	return (t.cap || t.initial) && !t.hasDigit
}

func (f *finder) text(i int) string { return f.doc.Text[f.toks[i].Start:f.toks[i].End] }

// next returns the next token after i that is not a footnote mark glued to
// the text, or len(toks).
func (f *finder) next(i int) int {
	j := i + 1
	for j < len(f.toks) && f.toks[j].kind == tFoot {
		j++
	}
	return j
}

// joinable reports whether tokens a and b (a before b, both words) may
// belong to one name: no punctuation between them, and no line break
// unless it is inside one paragraph or a page break in prose.
func (f *finder) joinable(a, b int) bool {
	if a < 0 || b >= len(f.toks) {
		return false
	}
	for k := a + 1; k < b; k++ {
		if f.toks[k].kind != tFoot {
			return false
		}
	}
	if f.toks[a].poss > 0 && !f.groupPoss(a) {
		return false
	}
	t := f.toks[b]
	if t.nl == 0 {
		return true
	}
	if f.para[a] == f.para[b] {
		return true
	}
	// a page break inside a sentence: the paragraph before is long prose
	// and ends with a word
	p := f.doc.Paragraphs[f.para[a]]
	return t.nl >= 2 && p.Len() > 200 && f.toks[a].End == p.End && !f.toks[b].capsLine
}

// particle reports whether token i is a lower-case particle inside a
// personal name ("de", "van", "bin").
func (f *finder) particle(i int) bool {
	return f.word(i) && !f.toks[i].cap && nameParticles[f.keys[i]] && f.keys[i] != "of" && f.keys[i] != "the" && f.keys[i] != "and" && f.keys[i] != "for"
}

func (f *finder) common(i int) bool { return f.hints(i)&hCommon != 0 }

// Per-token hints: which lexicon tables a word begins an entry of, looked
// up once per word of the document and kept per token (the finder asks the
// same questions many times).
const (
	hDone uint8 = 1 << iota
	hTitle
	hLex
	hOrg
	hPlace
	hNonName
	hCommon
)

func (f *finder) hints(i int) uint8 {
	if h := f.hint[i]; h != 0 {
		return h
	}
	h := hDone
	if f.toks[i].kind == tWord {
		wf := &f.words[f.wid[i]]
		if wf.hints == 0 {
			wf.hints = hDone | f.lex.info[f.keys[i]]
		}
		h = wf.hints
	}
	f.hint[i] = h
	return h
}

// nonName reports whether a capitalized word is no name: a month, an
// ideology, a demonym. Pronouns and function words count only where
// capitals say nothing (a sentence start); an abbreviation in capitals
// ("NIE") only when printed in capitals.
func (f *finder) nonName(i int) bool {
	why, ok, mixed := f.wordNonName(i)
	if !ok {
		return false
	}
	t := f.toks[i]
	if !mixed && !t.allCaps {
		return false
	}
	if (why == "pronoun" || why == "function-word") && !t.sentStart && !t.capsLine && f.keys[i] != "i" {
		return false
	}
	return true
}

func (f *finder) demonym(i int) bool {
	if !f.word(i) || !f.toks[i].cap {
		return false
	}
	_, ok := f.lex.demonyms[f.keys[i]]
	return ok
}

// demonymPlural reports whether token i is a demonym in the plural
// ("Cubans", "Soviets") or a word the lexicon says is no name once the
// plural ending is taken off.
func (f *finder) demonymPlural(i int) bool {
	k := f.keys[i]
	if !strings.HasSuffix(k, "s") {
		return false
	}
	s := strings.TrimSuffix(k, "s")
	if _, ok := f.lex.demonyms[s]; ok {
		return true
	}
	_, ok := f.lex.nonNames[s]
	return ok
}

func (f *finder) givenName(i int) bool {
	_, ok := f.lex.givenNames[f.keys[i]]
	return ok
}

func (f *finder) surname(i int) bool {
	_, ok := f.lex.surnames[f.keys[i]]
	return ok
}

// functionShapes are the shapes of functionWords, which spare most words
// the map.
var functionShapes = newWordShapes(mapKeys(functionWords))

// functionWords are words that are never names, whatever their case.
var functionWords = map[string]bool{
	"the": true, "a": true, "an": true, "and": true, "or": true, "but": true, "of": true, "in": true,
	"on": true, "at": true, "to": true, "for": true, "with": true, "by": true, "from": true,
	"i": true, "we": true, "you": true, "they": true, "it": true, "this": true, "that": true,
	"these": true, "those": true, "his": true, "her": true, "its": true, "our": true, "their": true,
	"my": true, "your": true, "if": true, "when": true, "while": true, "as": true, "so": true,
	"there": true, "here": true, "what": true, "who": true, "why": true, "how": true, "where": true,
	"which": true, "not": true, "no": true, "yes": true, "all": true, "some": true, "any": true,
	"she": true, "he": true, "them": true, "us": true, "me": true, "him": true, "one": true,
	"after": true, "before": true, "during": true, "since": true, "until": true, "then": true,
	"also": true, "even": true, "only": true, "both": true, "each": true, "every": true,
	"is": true, "was": true, "are": true, "were": true, "be": true, "been": true, "had": true,
	"has": true, "have": true, "do": true, "did": true, "does": true, "will": true, "would": true,
	"can": true, "could": true, "should": true, "may": true, "might": true, "must": true,
	"re": true, "ibid": true, "see": true, "cf": true, "per": true, "via": true,
}

// codeGlued reports whether a word is part of a file code or a number
// ("F. 14/AP", "POL 27–14 LAOS", "G-504"): glued to a slash or a digit,
// or in capitals right after a number.
func (f *finder) codeGlued(i int) bool {
	t := f.toks[i]
	if i == 0 {
		return false
	}
	p := f.toks[i-1]
	if !t.gap && (p.kind == tPunct && strings.ContainsRune("/-–", rune(f.doc.Text[p.Start])) || p.hasDigit) {
		return true
	}
	if t.allCaps && !t.capsLine && p.kind == tWord && p.hasDigit {
		return true
	}
	return false
}

// pluralTitle reports whether a word is a title in the plural
// ("Ministers", "Ambassadors").
func (f *finder) pluralTitle(i int) bool {
	k := f.keys[i]
	if !strings.HasSuffix(k, "s") {
		return false
	}
	_, ok := f.lex.titles[strings.TrimSuffix(k, "s")]
	return ok
}

// ---- the scan ----

func (f *finder) scan() {
	f.fieldNames()
	for i := 0; i < len(f.toks); i++ {
		if f.used[i] || !f.word(i) {
			continue
		}
		t := f.toks[i]
		if !t.cap && !t.initial {
			// a lower-case honorific before a name ("comrade Mao")
			if end, ok := f.titled(i); ok {
				i = end - 1
			}
			f.lowerOrg(i)
			continue
		}
		if f.codeGlued(i) {
			continue
		}
		if f.fw[i] {
			// "He Long": a capitalized pronoun inside a sentence may be a
			// Chinese surname
			if !t.sentStart && !t.capsLine {
				if end, ok := f.named(i); ok {
					i = end - 1
				} else if end, ok := f.personShape(i); ok {
					i = end - 1
				}
			}
			continue
		}
		if end, ok := f.titled(i); ok {
			i = end - 1
			continue
		}
		if f.role[i] {
			// a title printed without a name: only a body named inside it
			// ("chief of the General Staff", "member of the Politburo") is
			// a name
			if end, ids := f.matchLex(i); end > i && f.entryType(ids) == Place && f.toks[i].cap {
				// "Marshal of the Soviet Union": a place named in a rank
				f.add(nameCand{start: i, name: i, end: end, typ: Place, nat: -1, strong: true, nested: true})
				i = end - 1
			} else if end, typ, ok := f.headed(i); ok && typ == Organization && (end-i >= 2 || f.anyWordIn(i, end)) {
				f.add(nameCand{start: i, name: i, end: end, typ: typ, nat: -1, strong: true})
				i = end - 1
			} else if end, ids := f.matchLex(i); end > i && f.entryType(ids) == Organization && !f.role[i-1] {
				f.add(nameCand{start: i, name: i, end: end, typ: Organization, nat: -1, strong: true})
				i = end - 1
			}
			continue
		}
		if end, ok := f.named(i); ok {
			i = end - 1
			continue
		}
		if end, ok := f.personShape(i); ok {
			i = end - 1
			continue
		}
		if end := f.unknown(i); end > i {
			i = end - 1
		}
	}
}

// matchTitle returns the end of the longest title phrase at token i.
func (f *finder) matchTitle(i int) (int, string, bool) {
	if !f.word(i) || f.toks[i].initial {
		return 0, "", false // "U. Alexis Johnson": an initial, not the Burmese "U"
	}
	// asked of every word, several times: the small table of titles (not
	// the hints), once per word of the document
	wf := &f.words[f.wid[i]]
	if wf.titleMax < 0 {
		// hints mark the first words of titles; when they are not known
		// yet, the small table of titles is cheaper to ask than they are
		if wf.hints != 0 && wf.hints&hTitle == 0 {
			wf.titleMax = 0
		} else {
			wf.titleMax = int32(f.lex.titleMax[f.keys[i]])
		}
	}
	maxN := int(wf.titleMax)
	if maxN == 0 {
		return 0, "", false
	}
	best, class := -1, ""
	b := f.buf[:0]
	j := i
	for n := 1; n <= maxN && j < len(f.toks); n++ {
		if n > 1 {
			b = append(b, ' ')
		}
		if f.toks[j].kind == tFoot {
			break
		}
		k := f.keys[j]
		if f.toks[j].kind != tWord {
			k = f.text(j)
		}
		b = append(b, k...)
		var tp titlePhrase
		switch n {
		case 1:
			tp.class, tp.isTitle = f.wordTitle(i)
			tp.isPrefix = true
		case 2:
			tp = f.titlePair(i, j, b)
		default:
			tp.class, tp.isTitle = f.lex.titles[string(b)]
			tp.isPrefix = f.lex.prefixes[string(b)]
		}
		if tp.isTitle {
			best, class = j+1, tp.class
		}
		if !tp.isPrefix {
			break // no longer title begins with these words
		}
		if j+1 < len(f.toks) && f.toks[j+1].nl > 0 && f.para[j] != f.para[j+1] {
			break
		}
		j++
	}
	f.buf = b
	if best < 0 {
		return 0, "", false
	}
	return best, class, true
}

// titlePhrase is what the lexicon says of a phrase that may be a title:
// the class of the title it is, and whether a longer title begins with it.
type titlePhrase struct {
	class             string
	isTitle, isPrefix bool
}

// titlePair returns what the lexicon says of the two-token phrase (its
// key) that begins at word i and ends at token j: asked once per pair of
// the document's words ("prime minister", "foreign minister" recur), for
// the tables are large and a look-up in them slow.
func (f *finder) titlePair(i, j int, key []byte) titlePhrase {
	second := int32(-1) - int32(firstRune(f.text(j))) // a punctuation mark
	if f.toks[j].kind == tWord {
		second = f.wid[j]
	}
	pair := [2]int32{f.wid[i], second}
	tp, ok := f.titlePairs[pair]
	if !ok {
		tp.class, tp.isTitle = f.lex.titles[string(key)]
		tp.isPrefix = f.lex.prefixes[string(key)]
		if f.titlePairs == nil {
			f.titlePairs = map[[2]int32]titlePhrase{}
		}
		f.titlePairs[pair] = tp
	}
	return tp
}

// lexPhrase is what the lexicon says of a phrase that may name an
// entry: the entries it names, and whether a longer phrase begins with it.
type lexPhrase struct {
	ids               []int
	isEntry, isPrefix bool
}

// lexPair returns what the lexicon says of the two words i and j (its
// key), asked once per pair of the document's words, as titlePair.
func (f *finder) lexPair(i, j int, key []byte) lexPhrase {
	pair := [2]int32{f.wid[i], f.wid[j]}
	lp, ok := f.lexPairs[pair]
	if !ok {
		lp.ids, lp.isEntry = f.lex.phrases[string(key)]
		lp.isPrefix = f.lex.prefixes[string(key)]
		if f.lexPairs == nil {
			f.lexPairs = map[[2]int32]lexPhrase{}
		}
		f.lexPairs[pair] = lp
	}
	return lp
}

// titleChain matches titles one after another ("Acting Foreign Minister",
// "President Secretary-General") and returns where the chain ends.
func (f *finder) titleChain(i int) (int, bool) {
	end, _, ok := f.matchTitle(i)
	if !ok {
		return 0, false
	}
	for end-i < maxNameTokens {
		j := end
		if !f.word(j) || !f.joinable(j-1, j) {
			break
		}
		e2, _, ok := f.matchTitle(j)
		if !ok {
			break
		}
		// "Ambassador Brown": a title word that is also the next word of
		// a name is not chained when a name follows it ... but titles
		// followed by titles are chained
		end = e2
	}
	return end, true
}

// titled looks for a title or honorific at i followed by a personal name.
func (f *finder) titled(i int) (int, bool) {
	tEnd, ok := f.titleChain(i)
	if !ok {
		return 0, false
	}
	if !f.toks[i].cap && !f.toks[i].capsLine {
		// lower-case titles only as honorifics directly before a name
		if c, _ := f.wordTitle(i); c != "honorific" && tEnd-i == 1 {
			if c == "" {
				return 0, false
			}
		}
	}
	nEnd := f.parseName(tEnd, true)
	if nEnd <= tEnd && tEnd-i >= 2 {
		// "Mrs. Pandit": the last word of a chain of titles may be the name
		last := tEnd - 1
		if e1, _, ok := f.matchTitle(i); ok && e1 <= last && f.capWord(last) && f.toks[last].cap {
			if e := f.parseName(last, true); e > last {
				tEnd, nEnd = last, e
			}
		}
	}
	if nEnd <= tEnd {
		// a title without a name: a role ("the Secretary", "Prime
		// Minister of Laos"); its words are no names
		for k := i; k < tEnd; k++ {
			f.role[k] = true
		}
		return 0, false
	}
	start := i
	// an office word before the title joins it ("Finance Minister")
	if p := i - 1; f.capWord(p) && f.joinable(p, i) && !f.used[p] && !f.toks[p].sentStart && f.common(p) && !f.demonym(p) && !f.fw[p] {
		start = p
	} else if f.capWord(p) && f.joinable(p, i) && !f.used[p] && f.toks[p].sentStart && f.common(p) && !f.demonym(p) && !f.fw[p] && !f.seenLower(p) {
		start = p
	}
	nat := -1
	if p := start - 1; f.demonym(p) && f.joinable(p, start) && !f.used[p] {
		nat = p
	}
	f.add(nameCand{start: start, name: tEnd, end: nEnd, typ: Person, nat: nat, strong: true})
	// a plural title before coordinated names: "Comrades Todor Zhivkov and
	// Gheorghe Maurer"
	if strings.HasSuffix(f.keys[tEnd-1], "s") {
		j := nEnd
		for {
			k := j
			if k < len(f.toks) && f.toks[k].kind == tPunct && f.text(k) == "," {
				k++
			}
			if f.word(k) && f.keys[k] == "and" {
				k++
			}
			if k == j || !f.capWord(k) {
				break
			}
			e := f.parseName(k, false)
			if e-k < 2 {
				break
			}
			f.add(nameCand{start: k, name: k, end: e, typ: Person, nat: -1, strong: true})
			j = e
		}
		return j, true
	}
	return nEnd, true
}

// parseName reads a personal name at j: capitalized words and initials,
// with particles inside, up to four words. It returns where it ends (j when
// there is none).
func (f *finder) parseName(j int, afterTitle bool) int {
	end := j
	n := 0
	bridged := false
	for k := j; k < len(f.toks) && n < 5; k = f.next(k) {
		if n > 0 && !bridged && !f.joinable(end-1, k) {
			break
		}
		bridged = false
		if n == 0 && afterTitle && k > 0 && !f.joinable(k-1, k) {
			break
		}
		if n > 0 && f.word(k) && !f.toks[k].cap && innerParticles[f.keys[k]] && f.joinable(end-1, k) && f.capWord(f.next(k)) && f.joinable(k, f.next(k)) {
			bridged = true // "Ribeiro da Costa"
			continue
		}
		if !f.capWord(k) || f.used[k] || n > 0 && f.capsMismatch(end-1, k) {
			break
		}
		key := f.keys[k]
		if functionWords[key] && !(k == j && !f.toks[k].sentStart && !f.toks[k].capsLine && f.lex.pinyin[key] && f.capWord(f.next(k))) {
			break // but "He Long": a capitalized "He" inside a sentence
		}
		if f.nonName(k) || f.orgHeadAt(k) || f.placeHeadAt(k) {
			break
		}
		if f.demonym(k) && !f.lex.isPlaceName(key) {
			break
		}
		if n > 0 {
			if _, _, isTitle := f.matchTitle(k); isTitle && !f.nameToken(k) {
				break
			}
		}
		if n == 0 && afterTitle {
			// "General Assembly", "Secretary General": the word after a
			// title must look like a name
			if f.lex.isPlaceName(key) && !f.nameToken(k) {
				return j
			}
		}
		n++
		end = k + 1
		if f.toks[k].poss > 0 {
			break
		}
	}
	if n == 0 {
		return j
	}
	// a name does not end on an initial ("Ambassador U." is not a name)
	for end > j && f.toks[end-1].initial && n > 1 {
		end--
		n--
	}
	if n == 1 && f.toks[j].initial {
		return j
	}
	if afterTitle && n == 1 {
		k := j
		// one common word in lower-case use in this document after a
		// title is no name ("Major Problems")
		if f.common(k) && f.seenLower(k) && !f.nameToken(k) {
			return j
		}
		if strings.HasSuffix(f.keys[k], "s") && f.common(k) && f.lex.words[strings.TrimSuffix(f.keys[k], "s")] {
			return j
		}
	}
	return end
}

// nameToken reports whether a word is known as part of personal names:
// a given name, a surname, or a word of a person in the authority list.
func (f *finder) nameToken(k int) bool {
	if f.givenName(k) || f.surname(k) {
		return true
	}
	_, ok := f.lex.persSur[f.keys[k]]
	return ok
}

func (l *Lexicon) isPlaceName(k string) bool {
	for _, i := range l.phrases[k] {
		if l.Entries[i].Type == Place {
			return true
		}
	}
	return false
}

// orgHeadAt reports whether an organization head word (of any length)
// begins at k.
func (f *finder) orgHeadAt(k int) bool {
	if !f.word(k) || f.wordOrgMax(k) == 0 {
		return false
	}
	_, _, ok := f.wordPhrase(k, hOrg)
	return ok
}

func (f *finder) placeHeadAt(k int) bool {
	if !f.word(k) || f.wordPlaceMax(k) == 0 {
		return false
	}
	_, _, ok := f.wordPhrase(k, hPlace)
	return ok
}

// wordPhrase matches the longest phrase of a head-word table at k: the
// organization words (hOrg) or the place words (hPlace).
func (f *finder) wordPhrase(k int, which uint8) (int, string, bool) {
	if !f.word(k) || !f.toks[k].cap {
		return 0, "", false
	}
	table, m := f.lex.orgWords, 0
	if which == hPlace {
		table, m = f.lex.placeWords, f.wordPlaceMax(k)
	} else {
		m = f.wordOrgMax(k)
	}
	if m == 0 {
		return 0, "", false
	}
	best, pos := -1, ""
	var arr [64]byte
	key := arr[:0]
	j := k
	for n := 1; n <= m && f.word(j); n++ {
		if n > 1 {
			if !f.joinable(j-1, j) || !f.toks[j].cap {
				break
			}
			key = append(key, ' ')
		}
		key = append(key, f.keys[j]...)
		if p, ok := table[string(key)]; ok {
			best, pos = j+1, p
		}
		if f.toks[j].poss > 0 {
			break
		}
		if n >= 2 && !f.lex.prefixes[string(key)] {
			break // no longer phrase begins with these words
		}
		j = f.next(j)
	}
	if best < 0 {
		return 0, "", false
	}
	return best, pos, true
}

// ---- lexicon phrases and head words ----

// matchLex returns the longest lexicon phrase at i and its entries.
func (f *finder) matchLex(i int) (int, []int) { return f.matchLexBefore(i, len(f.toks)+1) }

// matchLexBefore returns the longest lexicon phrase at i that ends before
// limit.
func (f *finder) matchLexBefore(i, limit int) (int, []int) {
	if !f.word(i) {
		return 0, nil
	}
	if f.hints(i)&hLex == 0 {
		return 0, nil
	}
	wf := &f.words[f.wid[i]]
	if wf.lexMax < 0 {
		wf.lexMax = int32(f.lex.maxWords[f.keys[i]])
	}
	maxN := int(wf.lexMax)
	if maxN == 0 {
		return 0, nil
	}
	bestEnd := -1
	var best []int
	b := f.buf[:0]
	defer func() { f.buf = b }()
	j := i
	prev := -1
	for n := 1; n <= maxN && f.word(j); n++ {
		if prev >= 0 && !f.joinable(prev, j) {
			break
		}
		if n > 1 {
			b = append(b, ' ')
		}
		b = append(b, f.keys[j]...)
		var ids []int
		var ok, prefixKnown, isPrefix bool
		switch {
		case n == 1:
			ids, ok = f.wordEntries(i)
		case n == 2 && f.toks[i].poss == 0 && f.toks[j].poss == 0:
			lp := f.lexPair(i, j, b)
			ids, ok, prefixKnown, isPrefix = lp.ids, lp.isEntry, true, lp.isPrefix
		default:
			ids, ok = f.lex.phrases[string(b)]
		}
		if ok && j+1 < limit && f.caseFits(i, j+1, ids) {
			bestEnd, best = j+1, ids
		}
		if f.toks[j].poss > 0 {
			// "People's Daily": a possessive inside a phrase
			if ids, ok := f.lex.phrases[string(b)+"'s"]; ok && j+1 < limit && f.caseFits(i, j+1, ids) {
				bestEnd, best = j+1, ids
			}
			b = append(b, keyOf(f.doc.Text[f.toks[j].End:f.toks[j].poss])...)
		}
		if n >= 2 {
			if !prefixKnown {
				isPrefix = f.lex.prefixes[string(b)]
			}
			if !isPrefix {
				break // no longer phrase begins with these words
			}
		}
		prev = j
		j = f.next(j)
		// a dotted abbreviation may stand before punctuation: "U.S.–PRC"
		if j < len(f.toks) && f.toks[j].kind == tPunct {
			// "Viet - Nam" does not occur; punctuation ends a phrase
			break
		}
	}
	if bestEnd < 0 {
		return 0, nil
	}
	return bestEnd, best
}

// caseFits checks that the text [i, end) has the case a lexicon form
// expects: an abbreviation in capitals must be printed exactly so ("US",
// not "Us"), any other form must begin with a capital (or stand in a
// heading in capitals).
func (f *finder) caseFits(i, end int, ids []int) bool {
	t := f.toks[i]
	if t.capsLine {
		// in a heading, only multi-word forms and abbreviations count
		return end-i > 1 || f.isAbbrevForm(i, ids)
	}
	if !t.cap {
		return false
	}
	if t.allCaps || t.initial || strings.Count(f.text(i), ".") > 0 {
		// an abbreviation: the lexicon must know it in this exact spelling
		if !f.isAbbrevForm(i, ids) && end-i == 1 {
			return false
		}
	}
	// later words: capitalized in the text where the lexicon form
	// capitalizes them ("Soviet military" is not "Soviet Military")
	for k := f.next(i); k < end; k = f.next(k) {
		if !f.toks[k].cap && !f.toks[k].caps && !f.caseOK(k, ids) && (f.lex.words[f.keys[k]] || f.fw[k]) {
			return false
		}
	}
	if end == f.next(i) {
		// "Far" is not "FAR": one word needs a form in the same case
		want := caseMixed
		if t.allCaps {
			want = caseCaps
		}
		if f.lex.formCase[f.keys[i]]&want == 0 {
			return false
		}
	}
	return true
}

func allCapsWord(s string) bool {
	letters := 0
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			letters++
		}
	}
	return letters >= 2
}

// caseOK reports whether some form of the entries has the word at k in
// lower case, as the text has it ("Renmin ribao", "Party of Labor").
func (f *finder) caseOK(k int, ids []int) bool {
	w := f.text(k)
	for _, id := range ids {
		e := &f.lex.Entries[id]
		for _, form := range append([]string{e.Name}, e.Variants...) {
			for _, fw := range strings.Fields(form) {
				if fw == w {
					return true
				}
			}
		}
	}
	return false
}

func (f *finder) isAbbrevForm(i int, ids []int) bool {
	s := f.text(i)
	for _, id := range ids {
		e := &f.lex.Entries[id]
		if e.Name == s {
			return true
		}
		for _, v := range e.Variants {
			if v == s {
				return true
			}
		}
	}
	return false
}

func (f *finder) entryType(ids []int) EntityType {
	// an entry list may mix types ("Georgia" the country and the state
	// are both places); prefer a place, then an organization, then a person
	var has [3]bool
	for _, id := range ids {
		switch f.lex.Entries[id].Type {
		case Place:
			has[0] = true
		case Organization:
			has[1] = true
		case Person:
			has[2] = true
		}
	}
	switch {
	case has[0]:
		return Place
	case has[1]:
		return Organization
	}
	return Person
}

// maxNameTokens is the most tokens a name is read over. The longest
// names ("Central Committee of the Communist Party of the Soviet Union")
// take a dozen; a longer run of capitals is a heading or a list, and
// reading it to its end from each of its words would take time in
// proportion to the square of its length.
const maxNameTokens = 32

// capRun returns the end of the run of capitalized words starting at i
// (footnote marks glued to them are inside the run). A possessive ends it.
func (f *finder) capRun(i int) int {
	end := i
	bridged := false
	for k := i; f.capWord(k) && !f.used[k] && k-i < maxNameTokens; k = f.next(k) {
		if k > i && !bridged && !f.joinable(end-1, k) {
			break
		}
		bridged = false
		if f.fw[k] && !f.toks[k].initial {
			break
		}
		if k > i && f.capsMismatch(end-1, k) {
			break // "KUZNETSOV SAID USSR": a name and an abbreviation in capitals
		}
		end = k + 1
		if f.toks[k].poss > 0 && !f.groupPoss(k) {
			break
		}
		if p := f.particleBridge(k); p > k {
			k, bridged = p-1, true // "Adhemar de Barros", "Costa e Silva"
		}
	}
	return end
}

// connector returns the token after a connector inside an organization
// or place name ("of", "of the", "for", "in the", "on"), or -1.
func (f *finder) connector(k int) int {
	if !f.word(k) || !f.joinable(k-1, k) {
		return -1
	}
	key := f.keys[k]
	if f.toks[k].cap && !f.toks[k].capsLine {
		return -1
	}
	switch key {
	case "of", "for", "in", "on":
		j := k + 1
		if f.word(j) && f.keys[j] == "the" && (!f.toks[j].cap || f.toks[j].capsLine) && f.joinable(k, j) {
			j++
		}
		if f.capWord(j) && f.joinable(j-1, j) && !f.used[j] && !(key == "on" && f.nonName(j)) {
			return j // but "Parliament on Saturday"
		}
	}
	return -1
}

// headed parses an organization or place built around a head word at i:
// capitalized words, with "of"/"for"/"in" phrases after a head word
// ("Party of Labor of Albania", "Embassy in the Soviet Union", "Institute
// for Technology and Applied Science"). It returns the end and the type.
func (f *finder) headed(i int) (int, EntityType, bool) {
	end := -1
	var typ EntityType
	k := i
	inComplement := false
	for k-i < maxNameTokens {
		r := f.capRun(k)
		if r <= k {
			break
		}
		// the last head word inside the run
		runHead := -1
		var runTyp EntityType
		anyWord := false
		for p := k; p < r; p = f.next(p) {
			if e, pos, ok := f.wordPhrase(p, hOrg); ok && e <= r {
				if pos == "any" || e == r || f.connector(e) > 0 || f.trailingCommon(e, r) {
					runHead, runTyp = e, Organization
					anyWord = anyWord || pos == "any"
				}
			}
			if e, pos, ok := f.wordPhrase(p, hPlace); ok && e <= r {
				if pos == "any" || e == r || f.connector(e) > 0 {
					if runHead < e {
						runHead, runTyp = e, Place
					}
				}
			}
		}
		if runHead > 0 && !inComplement && runTyp == Organization && f.trailingCommon(runHead, r) && !anyWord {
			// "the Central Committee Plenum": the body ends at its head word
			r = runHead
		}
		if runHead > 0 && k == i && runTyp == Organization && isOrdinalWord(f.keys[k]) && meetingHeads[f.keys[runHead-1]] {
			// "the Fifth Congress": a numbered congress is a meeting
			return 0, "", false
		}
		if runHead > 0 && !inComplement {
			end, typ = r, runTyp
			if runHead < r && runTyp == Organization {
				// "Wilson Center Digital Archive": an "any" word inside;
				// the run is the name
				end = r
			}
		} else if inComplement {
			end = r
		} else {
			break
		}
		if f.toks[r-1].poss > 0 {
			break
		}
		// an "of" phrase continues the name
		c := f.connector(r)
		if c < 0 {
			// "and" inside a complement: "for Technology and Applied Science"
			if inComplement && f.word(r) && f.keys[r] == "and" && !f.toks[r].cap && f.capWord(r+1) && f.joinable(r, r+1) {
				if e2 := f.capRun(r + 1); !f.runHasHead(r+1, e2) && !f.runIsNamed(r+1, e2) {
					k = r + 1
					continue
				}
			}
			break
		}
		if f.keys[r] == "in" && !f.anyWordIn(i, r) {
			break // "Military Region in China"
		}
		if typ == Place && !inComplement {
			// "the Cabinet Room of the White House": a place of a known
			// place is two places; "Great Hall of the People" is one
			if e, ids := f.matchLex(c); e > 0 && e == f.capRun(c) && f.entryType(ids) != Person {
				break
			}
		}
		inComplement = true
		k = c
	}
	if end < 0 {
		return 0, "", false
	}
	// a trailing "of" phrase whose words are not capitalized names is not
	// taken: end stays after the last capitalized run
	return end, typ, true
}

// trailingCommon reports whether the words [e, r) after a head word are
// common nouns that are no head words ("Plenum", "Files").
func (f *finder) trailingCommon(e, r int) bool {
	if e >= r {
		return false
	}
	for k := e; k < r; k = f.next(k) {
		if !f.commonish(k) || f.orgHeadAt(k) || f.placeHeadAt(k) {
			return false
		}
	}
	return true
}

// anyWordIn reports whether [a, b) holds a word that marks an
// organization wherever it stands ("Embassy").
func (f *finder) anyWordIn(a, b int) bool {
	for k := a; k < b; k++ {
		if _, pos, ok := f.wordPhrase(k, hOrg); ok && pos == "any" {
			return true
		}
	}
	return false
}

// meetingHeads are head words that, numbered, name a meeting.
var meetingHeads = map[string]bool{"congress": true, "plenum": true, "session": true, "conference": true, "congresses": true}

var ordinalNames = map[string]bool{"first": true, "second": true, "third": true, "fourth": true, "fifth": true,
	"sixth": true, "seventh": true, "eighth": true, "ninth": true, "tenth": true, "eleventh": true,
	"twelfth": true, "thirteenth": true, "fourteenth": true, "fifteenth": true, "sixteenth": true,
	"seventeenth": true, "eighteenth": true, "nineteenth": true, "twentieth": true}

func isOrdinalWord(k string) bool {
	if ordinalNames[k] {
		return true
	}
	n := len(k)
	if n >= 3 && k[0] >= '0' && k[0] <= '9' {
		suf := k[n-2:]
		return suf == "st" || suf == "nd" || suf == "rd" || suf == "th"
	}
	return false
}

func (f *finder) runHasHead(a, b int) bool {
	for p := a; p < b; p++ {
		if f.orgHeadAt(p) || f.placeHeadAt(p) {
			return true
		}
	}
	return false
}

func (f *finder) runIsNamed(a, b int) bool {
	for p := a; p < b; p++ {
		if e, _ := f.matchLex(p); e > 0 {
			return true
		}
	}
	return false
}

// named looks for a lexicon name or a headed organization or place at i.
func (f *finder) named(i int) (int, bool) {
	start := i
	if f.toks[i].sentStart && f.fw[i] {
		return 0, false
	}
	if k, ok := f.nonNamePhrase(start); ok {
		// "Mao Zedong Thought", "Marxism-Leninism"
		for j := start; j < k; j++ {
			f.used[j] = true
		}
		return k, true
	}
	lexEnd, ids := f.matchLex(i)
	hEnd, hTyp, hOK := f.headed(i)
	if hOK && hEnd-i == 1 && lexEnd < hEnd {
		// one head word alone ("the Government", "no International") is
		// no name unless it marks a body wherever it stands ("Politburo")
		if _, pos, _ := f.wordPhrase(i, hOrg); pos != "any" || f.commonish(i) || f.toks[i].sentStart && !f.seenCapMid(i) {
			hOK = false
		}
	}
	if hOK && f.toks[i].sentStart && f.commonish(i) && !f.orgHeadAt(i) && !f.placeHeadAt(i) && lexEnd == 0 {
		// "Following Party decisions": a common word opening a sentence
		// is not part of the name
		if f.capWord(f.next(i)) && f.joinable(i, f.next(i)) && !f.seenCapMid(i) {
			return 0, false
		}
	}
	if hOK && lexEnd == 0 && f.toks[i].capsLine && f.plainHeading(i, hEnd) {
		hOK = false // "CURRENT INTELLIGENCE WEEKLY SUMMARY": a heading's words
	}
	if !hOK && lexEnd == 0 {
		return 0, false
	}
	if hOK && hEnd > lexEnd {
		f.add(nameCand{start: start, name: start, end: hEnd, typ: hTyp, nat: -1, strong: true})
		if hTyp == Organization {
			f.nestedIn(start, hEnd)
		}
		return hEnd, true
	}
	typ := f.entryType(ids)
	// a name followed by a capitalized common noun is part of another
	// name: "Geneva Agreements", "Rio Treaty", "Mao Zedong Thought"
	if n := f.next(lexEnd - 1); f.capWord(n) && f.joinable(lexEnd-1, n) && !f.toks[n].capsLine &&
		(f.nonName(n) || (typ != Organization && compoundNouns[f.keys[n]])) {
		end := f.capRun(n)
		for k := start; k < end; k++ {
			f.used[k] = true
		}
		return end, true
	}
	f.add(nameCand{start: start, name: start, end: lexEnd, typ: typ, nat: -1, strong: true})
	if typ == Organization {
		f.nestedIn(start, lexEnd)
	}
	return lexEnd, true
}

// compoundNouns, capitalized after a name, make it the name of an
// agreement, a meeting, a war, a doctrine: "Geneva Agreements", "Rio
// Treaty", "Korean War", "Mao Zedong Thought".
var compoundNouns = map[string]bool{
	"treaty": true, "treaties": true, "agreement": true, "agreements": true, "accord": true, "accords": true,
	"conference": true, "conferences": true, "talks": true, "declaration": true, "convention": true,
	"conventions": true, "protocol": true, "protocols": true, "pact": true, "war": true, "wars": true,
	"plan": true, "doctrine": true, "thought": true, "communique": true, "communiqué": true,
	"resolution": true, "charter": true, "statement": true, "incident": true, "crisis": true,
	"affair": true, "summit": true, "round": true, "offensive": true, "uprising": true, "revolt": true,
	"revolution": true, "settlement": true, "formula": true, "proposals": true, "memorandum": true,
	"files": true, "papers": true, "archive": true, "collection": true, "lectures": true, "line": true,
	"campaign": true, "movement": false, "era": true, "period": true, "dynasty": true, "regime": true,
}

// nonNamePhrase matches a multi-word entry of nonnames.tsv at i ("Mao
// Zedong Thought").
func (f *finder) nonNamePhrase(i int) (int, bool) {
	if !f.word(i) {
		return 0, false
	}
	maxN := f.wordNonNameMax(i)
	if maxN == 0 {
		return 0, false
	}
	var arr [64]byte
	key := arr[:0]
	for j, n := i, 0; f.word(j) && n < maxN; j, n = f.next(j), n+1 {
		if n > 0 {
			if !f.joinable(j-1, j) {
				break
			}
			key = append(key, ' ')
		}
		if !f.toks[j].cap && !f.fw[j] {
			break // "U.S. imperialism" is not the ideology "U.S. Imperialism"
		}
		key = append(key, f.keys[j]...)
		if _, ok := f.lex.nonNames[string(key)]; ok && n > 0 {
			return j + 1, true
		}
		if n > 0 && !f.lex.prefixes[string(key)] {
			break // no longer non-name begins with these words
		}
	}
	return 0, false
}

// nestedIn adds the places and organizations named inside a longer
// organization's name: "U.S." in "U.S. Government", "Albania" in "Party
// of Labor of Albania", the Communist Party of China in "Central
// Committee of the Communist Party of China".
func (f *finder) nestedIn(a, b int) {
	saved := append([]bool(nil), f.used[a:b]...)
	for k := a; k < b; k++ {
		f.used[k] = false
	}
	defer copy(f.used[a:b], saved)
	nest := func(s, e int, typ EntityType) {
		f.cands = append(f.cands, nameCand{start: s, name: s, end: e, typ: typ, nat: -1, strong: true, nested: true})
	}
	for k := a; k < b; k++ {
		if !f.capWord(k) {
			continue
		}
		limit := b + 1
		if k == a {
			limit = b // not the whole name again
		}
		e, ids := f.matchLexBefore(k, limit)
		if e == 0 || e > b {
			continue
		}
		switch typ := f.entryType(ids); {
		case typ == Place:
			nest(k, e, Place)
			k = e - 1
		case typ == Organization && k > a && (f.runHasHead(k, e) || f.toks[k].allCaps):
			nest(k, e, Organization)
		}
	}
	// a body named by the first words, up to a head word inside the name:
	// "Wilson Center" in "Wilson Center Digital Archive"
	first := f.capRun(a)
	for k := a + 1; k < first-1; k++ {
		if e, pos, ok := f.wordPhrase(k, hOrg); ok && pos == "head" && e < first {
			nest(a, e, Organization)
			break
		}
	}
	// a body after "of (the)": "of the Communist Party of the Soviet Union"
	for k := a + 1; k < b; k++ {
		if !f.word(k) || f.toks[k].cap || f.keys[k] != "of" {
			continue
		}
		c := k + 1
		if f.word(c) && f.keys[c] == "the" {
			c++
		}
		if c < b && f.capWord(c) {
			if e, typ, ok := f.headed(c); ok && e <= b && typ == Organization && (e-c >= 2 || f.anyWordIn(c, e)) && !f.genericBody(c, e) {
				nest(c, e, Organization)
			}
		}
	}
}

// lowerOrg finds an organization named by a city and lower-case head
// words: "the Beijing garrison", "the Shanghai party committee".
func (f *finder) lowerOrg(i int) {
	// i is a lower-case word; look back for the name before it
	p := i - 1
	if p < 0 || !f.capWord(p) || !f.joinable(p, i) {
		return
	}
	if f.wordOrgMax(i) == 0 {
		return // no organization word begins with it (the common case)
	}
	if _, ok := f.lex.orgWords[f.keys[i]]; !ok {
		// the word and the next (a copy of the phrase key kept in buf)
		f.buf = append(append(append(f.buf[:0], f.keys[i]...), ' '), f.keys[min(i+1, len(f.keys)-1)]...)
		if _, ok := f.lex.orgWords[string(f.buf)]; !ok {
			return
		}
	}
	// the lower-case head: one or two organization words
	end := i + 1
	if n := i + 1; f.word(n) && !f.toks[n].cap && f.joinable(i, n) {
		if _, ok := f.lex.orgWords[f.keys[n]]; ok {
			end = n + 1
		}
	}
	// the name before it: a city, province or mountain of the gazetteer,
	// the first place candidate that ends here (found in an index kept
	// up with the scan, not by a look at every candidate)
	if len(f.placeEnd) != len(f.toks)+1 {
		f.placeEnd = growScratch(f.placeEnd, len(f.toks)+1)
		f.placeDone = 0
	}
	for ; f.placeDone < len(f.cands); f.placeDone++ {
		if c := &f.cands[f.placeDone]; c.typ == Place && !c.nested && c.end >= 0 && c.end <= len(f.toks) && f.placeEnd[c.end] == 0 {
			f.placeEnd[c.end] = int32(f.placeDone) + 1
		}
	}
	if ci := int(f.placeEnd[i]) - 1; ci >= 0 {
		c := &f.cands[ci]
		ids := f.lex.phrases[string(f.candKeyBuf(c.start, c.end))]
		local := false
		for _, id := range ids {
			switch f.lex.Entries[id].Kind {
			case "city", "province", "mountain", "island", "region", "other", "building":
				local = true
			}
		}
		if !local {
			return
		}
		f.cands = append(f.cands, nameCand{start: c.start, name: c.start, end: end, typ: Organization, nat: -1, strong: true})
		for k := i; k < end; k++ {
			f.used[k] = true
		}
		return
	}
}

// personShape recognizes a personal name by its form.
func (f *finder) personShape(i int) (int, bool) {
	a := i
	end := f.parseName(i, false)
	if end <= a {
		return 0, false
	}
	// a word opening a sentence is not evidence
	if f.toks[a].sentStart && !f.leadNameEvidence(a) {
		if end-a == 1 {
			return 0, false
		}
		a = f.next(a)
		if a >= end {
			return 0, false
		}
	}
	n := 0
	initials := 0
	for k := a; k < end; k = f.next(k) {
		n++
		if f.toks[k].initial {
			initials++
		}
	}
	if f.toks[a].capsLine {
		return 0, false
	}
	// plural of a name: "Chen Shengs"
	single := ""
	if n == 2 && initials == 1 && f.toks[a].initial && f.initialBeforeWord(a, end-1) {
		return 0, false // "walked up with E. Bullet holes everywhere"
	}
	switch {
	case initials > 0 && n >= 2 && !f.toks[end-1].initial:
	case n >= 2 && n <= 3 && f.sinoPlural(a, end):
		single = f.doc.Text[f.toks[a].Start : f.toks[end-1].End-1]
	case n >= 2 && n <= 4 && f.givenName(a) && !f.anyLexWord(a, end):
	case n >= 2 && n <= 3 && f.sinoName(a, end):
	default:
		return 0, false
	}
	f.add(nameCand{start: a, name: a, end: end, typ: Person, nat: -1, strong: true, singular: single})
	return end, true
}

// leadNameEvidence reports whether a capitalized word that opens a
// sentence is known as (part of) a name.
func (f *finder) leadNameEvidence(k int) bool {
	key := f.keys[k]
	if functionWords[key] {
		return false
	}
	if f.toks[k].initial || f.givenName(k) || f.surname(k) {
		return true
	}
	if n := f.next(k); f.word(n) && f.toks[n].initial && f.joinable(k, n) {
		return true // "Marshall P. Green"
	}
	if f.seenCapMid(k) && !f.seenLower(k) {
		return true
	}
	if _, ok := f.lex.persSur[key]; ok {
		return true
	}
	if f.lex.maxWords[key] > 0 {
		return true
	}
	if f.common(k) {
		return false
	}
	// a Chinese surname syllable before more syllables: "Peng Dehuai"
	if n := f.next(k); f.capWord(n) && f.joinable(k, n) {
		if s, ok := f.lex.sinoWord(key); ok && s == 1 {
			if s2, ok := f.lex.sinoWord(f.keys[n]); ok && s2 <= 2 && !f.common(n) {
				return true
			}
		}
	}
	return false
}

func (f *finder) anyLexWord(a, b int) bool {
	for k := a; k < b; k = f.next(k) {
		if f.nonName(k) || f.demonym(k) || f.orgHeadAt(k) || f.placeHeadAt(k) {
			return true
		}
		if f.lex.isPlaceName(f.keys[k]) && !f.nameToken(k) {
			return true
		}
	}
	return false
}

// sinoName reports whether [a, b) is a Chinese name: a one-syllable
// surname and a given name of one or two syllables, in pinyin ("Peng
// Dehuai", "Yao Wen Yuan") or Wade-Giles ("Jao Shu-shih").
func (f *finder) sinoName(a, b int) bool {
	if f.anyLexWord(a, b) {
		return false
	}
	first := true
	total := 0
	commonAll := true
	for k := a; k < b; k = f.next(k) {
		if f.toks[k].allCaps {
			return false
		}
		s, ok := f.lex.sinoWord(f.keys[k])
		if !ok {
			return false
		}
		if !f.common(k) {
			commonAll = false
		}
		if first {
			if s != 1 {
				return false
			}
			if !f.surname(k) && len(f.lex.surnames) > 0 && f.common(k) {
				return false
			}
			first = false
			continue
		}
		total += s
	}
	if total < 1 || total > 2 {
		return false
	}
	if commonAll && !(f.fw[a] && f.toks[a].cap && !f.toks[a].sentStart) {
		// "Long Live": English words, unless a capitalized "He" inside a
		// sentence says it is a name
		return false
	}
	return true
}

func (f *finder) sinoPlural(a, b int) bool {
	last := f.keys[b-1]
	if !strings.HasSuffix(last, "s") || len(last) < 3 {
		return false
	}
	saved := f.keys[b-1]
	f.keys[b-1] = strings.TrimSuffix(last, "s")
	ok := f.sinoName(a, b)
	f.keys[b-1] = saved
	return ok
}

// unknown keeps a run of capitalized words that nothing typed yet; the
// document decides later what it is.
func (f *finder) unknown(i int) int {
	end := f.capRun(i)
	if end <= i {
		return i + 1
	}
	a := i
	if end-a >= 2 && end-a <= 4 && f.officeAfter(end) && !f.anyLexWord(a, end) {
		// "Chong Hee Lee, Minister of Finance, said": a name in apposition
		// to an office, whatever opens the sentence
		f.add(nameCand{start: a, name: a, end: end, typ: Person, nat: -1, strong: true})
		return end
	}
	if f.toks[a].sentStart && !f.leadNameEvidence(a) && end > f.next(a) {
		a = f.next(a)
		// the rest may be a known name: "In Italy", "Following Gromyko"
		if e, ok := f.named(a); ok {
			return e
		}
		if e, ok := f.personShape(a); ok {
			return e
		}
	}
	for k := a; k < end; k = f.next(k) {
		t := f.toks[k]
		// roles, numbers, codes in capitals, titles in the plural
		if f.role[k] || t.hasDigit || (t.allCaps && !t.capsLine) || f.codeGlued(k) || f.pluralTitle(k) || isRomanNumeral(f.keys[k]) {
			return end
		}
		if _, ok := f.lex.titles[f.keys[k]]; ok && end-a == 1 {
			return end
		}
	}
	if f.demonym(a) || f.nonName(a) || f.demonymPlural(a) {
		// "Polish Ambassador Spasowski": the words after an adjective are
		// read again
		return f.next(a)
	}
	if end-a == 1 && f.orgHeadAt(a) {
		return end
	}
	initials := true
	for k := a; k < end; k = f.next(k) {
		initials = initials && f.toks[k].initial
	}
	if initials {
		return end // "as did I. I am": initials alone name no one
	}
	f.add(nameCand{start: a, name: a, end: end, nat: -1})
	return end
}

func isRomanNumeral(k string) bool {
	switch k {
	case "ii", "iii", "iv", "vi", "vii", "viii", "ix", "xi", "xii", "xiii", "xiv", "xv", "xx":
		return true
	}
	return false
}

// add records a candidate and marks its tokens used.
func (f *finder) add(c nameCand) {
	for k := c.start; k < c.end; k++ {
		f.used[k] = true
	}
	f.cands = append(f.cands, c)
}

// fieldNames reads the people of a header's labelled lines: a
// "Participants:" line lists names separated by commas and "and"; a
// "Translator:" line names one person; in a PARTICIPANTS block each line
// is a name, alone, after a title, or before a comma and an office
// ("Marshall Green, Assistant Secretary of State, EA").
func (f *finder) fieldNames() {
	for _, fl := range f.doc.Meta.Fields {
		label := strings.ToLower(fl.Label)
		switch label {
		case "participants", "present", "translator", "interpreter", "interpreters", "recorded by", "note-taker", "notetaker":
		default:
			continue
		}
		if fl.Span.Start < 0 || fl.Span.End > len(f.doc.Text) {
			continue
		}
		a := sort.Search(len(f.toks), func(i int) bool { return f.toks[i].Start >= fl.Span.Start })
		b := sort.Search(len(f.toks), func(i int) bool { return f.toks[i].Start >= fl.Span.End })
		// items: runs of tokens between commas, "and", and line breaks
		itemStart := a
		for k := a; k <= b; k++ {
			end := k == b || f.toks[k].kind == tPunct && strings.ContainsRune(",;[(", rune(f.doc.Text[f.toks[k].Start])) ||
				f.word(k) && f.keys[k] == "and" && !f.toks[k].cap || k > itemStart && f.toks[k].nl > 0
			if !end {
				continue
			}
			if k > itemStart {
				f.fieldItem(itemStart, k, k > a && itemStart == a || f.lineStart(itemStart))
			}
			if k < b && k > itemStart && f.toks[k].nl > 0 && f.word(k) && f.keys[k] != "and" {
				// a line break ends the item; the next begins here
				itemStart = k
				continue
			}
			// after the first comma of a line come offices: skip to the
			// next line
			if k < b && f.toks[k].kind == tPunct && f.doc.Text[f.toks[k].Start] == ',' && !strings.Contains(label, "participants:") {
				if f.isOfficeList(k + 1) {
					for k+1 < b && f.toks[k+1].nl == 0 {
						k++
					}
				}
			}
			itemStart = k + 1
			if k < b && f.toks[k].kind == tPunct && f.doc.Text[f.toks[k].Start] == '[' {
				// "[sic]"
				for itemStart < b && !(f.toks[itemStart-1].kind == tPunct && f.doc.Text[f.toks[itemStart-1].Start] == ']') {
					itemStart++
				}
				k = itemStart - 1
			}
		}
	}
}

func (f *finder) lineStart(k int) bool { return k < len(f.toks) && (k == 0 || f.toks[k].nl > 0) }

// isOfficeList reports whether the words from k on begin with a title
// (the office after a participant's name).
func (f *finder) isOfficeList(k int) bool {
	for k < len(f.toks) && !f.word(k) {
		k++
	}
	_, _, ok := f.matchTitle(k)
	return ok
}

// fieldItem types one item of a participants list: titles, then a name.
func (f *finder) fieldItem(a, b int, _ bool) {
	for a < b && !f.word(a) {
		a++
	}
	if a >= b || f.used[a] {
		return
	}
	if f.fw[a] {
		return // "The President", "The Secretary"
	}
	if e, ok := f.titled(a); ok && e <= b {
		return
	}
	// a name: capitalized words and initials only, no known place,
	// organization or demonym ("U.S. Side", "Korean Side")
	n := 0
	for k := a; k < b; k++ {
		if f.toks[k].kind == tFoot {
			continue
		}
		if !f.capWord(k) || f.toks[k].allCaps && !f.toks[k].capsLine {
			return
		}
		if f.demonym(k) || f.orgHeadAt(k) || f.placeHeadAt(k) || f.nonName(k) {
			return
		}
		if e, ids := f.matchLex(k); e > 0 && f.entryType(ids) != Person {
			return
		}
		n++
	}
	if n < 1 || n > 4 {
		return
	}
	last := b - 1
	for last > a && f.toks[last].kind == tFoot {
		last--
	}
	if f.commonish(last) && !f.nameToken(last) {
		return // "East Asian Affairs"
	}
	f.add(nameCand{start: a, name: a, end: b, typ: Person, nat: -1, strong: true})
}

// listed types the names that follow "drafted by" and the like:
// "Drafted by Hummel and Green".
func (f *finder) listed() {
	for i := range f.cands {
		c := &f.cands[i]
		if c.typ != "" || c.nested {
			continue
		}
		if f.afterBy(c.start) && !f.anyLexWord(c.start, c.end) {
			c.typ, c.strong = Person, true
		}
	}
}

// byVerbs are the verbs of authorship after which "by" names people.
var byVerbs = map[string]bool{
	"drafted": true, "translated": true, "approved": true, "cleared": true, "signed": true,
	"prepared": true, "written": true, "initialed": true, "typed": true, "transcribed": true,
	"recorded": true, "obtained": true, "edited": true, "compiled": true, "interpreted": true,
}

// afterBy reports whether the name at k follows "drafted by" (possibly as
// a later item of its list: "by Hummel and Nancy B. Ostrow").
func (f *finder) afterBy(k int) bool {
	for j, steps := k-1, 0; j >= 1 && steps < 12; j, steps = j-1, steps+1 {
		t := f.toks[j]
		if t.kind == tWord && f.keys[j] == "by" {
			return byVerbs[f.keys[j-1]]
		}
		if t.kind == tPunct && !strings.ContainsRune(",", rune(f.doc.Text[t.Start])) {
			return false
		}
		if t.kind == tWord && !t.cap && f.keys[j] != "and" && !f.particle(j) {
			return false
		}
	}
	return false
}

// speechVerbs follow a person who speaks or thinks.
var speechVerbs = map[string]bool{
	"said": true, "says": true, "told": true, "asked": true, "replied": true, "answered": true,
	"added": true, "noted": true, "stated": true, "commented": true, "remarked": true,
	"suggested": true, "observed": true, "explained": true, "agreed": true, "responded": true,
	"expressed": true, "emphasized": true, "stressed": true, "interjected": true, "inquired": true,
	"indicated": true, "continued": true, "repeated": true, "thought": true, "believed": true,
	"felt": true, "wanted": true, "wished": true, "hoped": true, "proposed": true, "reported": true,
	"wrote": true, "declared": true, "announced": true, "urged": true, "recalled": true,
	"complained": true, "insisted": true, "countered": true, "objected": true, "conceded": true,
	"admitted": true, "denied": true, "promised": true, "warned": true, "argued": true,
	"claimed": true, "mentioned": true, "concluded": true, "welcomed": true, "thanked": true,
	"congratulated": true, "recommended": true, "raised": true, "met": true, "visited": true,
	"expects": true, "expected": true, "knows": true, "knew": true, "understood": true, "feels": true,
	"wishes": true, "hopes": true, "seemed": true, "smiled": true, "laughed": true,
}

// indexCands builds byStart and byLast over the candidates.
func (f *finder) indexCands() {
	f.byStart = growScratch(f.byStart, len(f.toks)+1)
	f.byLast = growScratch(f.byLast, len(f.toks)+1)
	for k := range f.byStart {
		f.byStart[k], f.byLast[k] = -1, -1
	}
	f.nextStart = growScratch(f.nextStart, len(f.cands))
	f.nextLast = growScratch(f.nextLast, len(f.cands))
	for i := len(f.cands) - 1; i >= 0; i-- {
		f.linkStart(i)
		c := f.cands[i]
		if c.end >= 1 {
			f.nextLast[i], f.byLast[c.end-1] = f.byLast[c.end-1], int32(i)
		}
	}
}

// linkStart puts candidate i at the head of its start token's list.
func (f *finder) linkStart(i int) {
	st := f.cands[i].start
	f.nextStart[i], f.byStart[st] = f.byStart[st], int32(i)
}

// resolveUnknown types the unknown candidates by what the document says.
func (f *finder) resolveUnknown() {
	people := f.personKeys()
	f.indexCands()
	for i := range f.cands {
		c := &f.cands[i]
		if c.typ != "" {
			continue
		}
		key := f.candKey(c.start, c.end)
		// "He Long" opening a sentence, known in full elsewhere
		if p := c.start - 1; p >= 0 && f.capWord(p) && !f.used[p] && f.joinable(p, c.start) && people[f.keys[p]+" "+key] {
			c.start, c.name = p, p
			f.linkStart(i)
			f.used[p] = true
			c.typ = Person
			continue
		}
		if people[key] {
			c.typ = Person
			continue
		}
		if f.toks[c.start].capsLine {
			continue
		}
		if t := f.contextType(c); t != "" {
			c.typ = t
			continue
		}
		n, common := 0, 0
		for k := c.start; k < c.end; k = f.next(k) {
			n++
			if f.commonish(k) {
				common++
			}
		}
		if n >= 2 {
			// several capitalized words that are no English words and no
			// other kind of name: a person ("Ramiz Alia")
			if n <= 3 && !f.anyLexWord(c.start, c.end) {
				if common == 0 || (common < n && !f.commonish(c.end-1) && f.personCue(c)) {
					c.typ = Person
				}
			}
			continue
		}
		k := c.start
		_, authority := f.lex.persSur[f.keys[k]]
		if f.commonish(k) {
			// "Brown", "Young": a common word needs the authority list and
			// the way it is used
			if authority && f.personCue(c) && !f.seenLower(k) {
				c.typ = Person
			}
			continue
		}
		if f.toks[k].sentStart && !f.seenCapMid(k) {
			if authority || f.personCue(c) {
				c.typ = Person
			}
			continue
		}
		if authority || f.personCue(c) {
			c.typ = Person
			continue
		}
		// a word inside a sentence that is no English word, no place, no
		// body and no adjective: in memoranda and telegrams, a surname
		// ("talked with Podgorny") -- unless it is used like a thing: after
		// an article, before a number, or as the name of a group
		if f.seenCapMid(k) && !f.toks[k].sentStart && !f.determinerBefore(k) && !f.numberAfter(k) && !isGroupWord(f.keys[k]) && !telegraphese(f.text(k)) && !f.coordinatedWith(i, Place) {
			c.typ = Person
		}
	}
	// names listed with people are people: "Hillenbrand, Brown, and Sonnenfeldt";
	// with places, places: "in Lhasa and Gyantse"
	//
	// Passes over the candidates until none changes, where a pass visits
	// only the candidates next to one typed since they were last looked
	// at (the others would come to the same answer again): a long list
	// typed from its last item costs a visit per item, not a pass.
	cur := make(candHeap, 0, len(f.cands))
	for i := range f.cands {
		cur = append(cur, i) // ascending: a heap already
	}
	var next candHeap
	queued := make([]int8, len(f.cands)) // 1: in cur, 2: in next
	for i := range queued {
		queued[i] = 1
	}
	for len(cur) > 0 {
		for len(cur) > 0 {
			i := heap.Pop(&cur).(int)
			queued[i] &^= 1
			c := &f.cands[i]
			if c.typ != "" || f.toks[c.start].capsLine || c.end-c.start > 3 {
				continue
			}
			switch {
			case f.coordinatedWith(i, Person):
				c.typ = Person
			case c.end-c.start == 1 && !f.commonish(c.start) && f.coordinatedWith(i, Place):
				c.typ = Place
			default:
				continue
			}
			// the items that have this one next to them: later ones in
			// this pass, earlier ones in the next
			f.neighbours(i, func(j int) {
				switch {
				case j > i && queued[j]&1 == 0:
					queued[j] |= 1
					heap.Push(&cur, j)
				case j < i && queued[j]&2 == 0:
					queued[j] |= 2
					next = append(next, j)
				}
			})
		}
		cur, next = next, cur[:0]
		heap.Init(&cur)
		for _, j := range cur {
			queued[j] = 1
		}
	}
}

// candHeap is a min-heap of candidate indices.
type candHeap []int

func (h candHeap) Len() int           { return len(h) }
func (h candHeap) Less(a, b int) bool { return h[a] < h[b] }
func (h candHeap) Swap(a, b int)      { h[a], h[b] = h[b], h[a] }
func (h *candHeap) Push(x any)        { *h = append(*h, x.(int)) }
func (h *candHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// neighbours calls fn with every candidate for which candidate i is the
// adjacent item of a list that coordinatedWith looks at.
func (f *finder) neighbours(i int, fn func(j int)) {
	c := f.cands[i]
	// to the left: an item whose next one starts at c.start, after its
	// footnote marks and a comma and/or "and" (the marks are the only
	// tokens of any number between)
	for q := c.start - 2; q >= 0; q-- {
		if q < c.start-3 && f.toks[q+1].kind != tFoot {
			break
		}
		for j := f.byLast[q]; j >= 0; j = f.nextLast[j] {
			if o := f.cands[j]; o.end-1 == q && f.rightItem(o) == c.start {
				fn(int(j))
			}
		}
	}
	// to the right: an item whose item before ends at c.end-1
	for k := c.end + 1; k <= len(f.toks); k++ {
		if k-3 >= c.end && f.toks[k-3].kind != tFoot {
			break
		}
		for j := f.byStart[k]; j >= 0; j = f.nextStart[j] {
			if o := f.cands[j]; o.start == k && f.leftItem(o) == c.end-1 {
				fn(int(j))
			}
		}
	}
}

// officeAfter reports whether a comma and an office follow token end:
// ", Minister of Finance", ", Deputy Prime Minister".
func (f *finder) officeAfter(end int) bool {
	k := end
	for k < len(f.toks) && f.toks[k].kind == tFoot {
		k++
	}
	if k >= len(f.toks) || f.toks[k].kind != tPunct || f.doc.Text[f.toks[k].Start] != ',' {
		return false
	}
	k++
	if f.word(k) && f.keys[k] == "the" {
		k++
	}
	e, class, ok := f.matchTitle(k)
	return ok && e > k && class != "honorific" && f.toks[k].cap
}

// telegraphese reports whether a word is a clipped compound of telegrams
// ("ChiNat", "DepSec", "PolAd": words with a capital inside), not a
// surname: capitals inside a name follow Mc, Mac, De, Di, Da, Le, La, Van,
// Von, Fitz, St or an apostrophe.
func telegraphese(w string) bool {
	for i := 1; i < len(w); i++ {
		if w[i] >= 'A' && w[i] <= 'Z' && w[i-1] >= 'a' && w[i-1] <= 'z' {
			pre := w[:i]
			switch pre {
			case "Mc", "Mac", "De", "Di", "Da", "Le", "La", "Van", "Von", "Fitz", "St", "Du", "Des", "Del", "Della":
				continue
			}
			return true
		}
	}
	return false
}

// determinerBefore reports whether an article or demonstrative stands
// before the word: "the Kuomintang", "a Deptel".
func (f *finder) determinerBefore(k int) bool {
	p := k - 1
	if !f.word(p) || f.toks[p].cap {
		return false
	}
	switch f.keys[p] {
	case "the", "a", "an", "this", "that", "these", "those", "our", "their", "its", "his", "her", "your", "my":
		return true
	}
	return false
}

// numberAfter reports whether a number follows the word ("Deptel 602",
// "Document 24").
func (f *finder) numberAfter(k int) bool {
	n := f.next(k)
	return n < len(f.toks) && f.toks[n].hasDigit && f.toks[n].kind == tWord
}

// isGroupWord reports whether a word has the ending of a name for a group
// or a doctrine rather than a person: "Kuomintangists", "Spartans",
// "Maoism", "Bolsheviks".
func isGroupWord(k string) bool {
	for _, suf := range []string{"ism", "isms", "ist", "ists", "ians", "ites", "iks", "ans", "ese", "ish", "ial", "ical"} {
		if strings.HasSuffix(k, suf) && len(k) > len(suf)+2 {
			return true
		}
	}
	return false
}

// commonish reports whether a capitalized word is a common English word,
// or the plural of one.
func (f *finder) commonish(k int) bool {
	key := f.keys[k]
	if f.lex.words[key] {
		return true
	}
	if strings.HasSuffix(key, "s") && f.lex.words[strings.TrimSuffix(key, "s")] {
		return true
	}
	if strings.HasSuffix(key, "es") && f.lex.words[strings.TrimSuffix(key, "es")] {
		return true
	}
	return false
}

// personKeys are the folded forms the document gives people: their full
// names, and the last word of names printed with a title or in full.
func (f *finder) personKeys() map[string]bool {
	out := map[string]bool{}
	for _, c := range f.cands {
		if c.typ != Person || !c.strong {
			continue
		}
		out[f.candKey(c.name, c.end)] = true
		last := c.end - 1
		for last > c.name && f.toks[last].kind == tFoot {
			last--
		}
		if !f.toks[last].initial {
			out[f.keys[last]] = true
		}
		if c.end-c.name == 1 || (c.name > c.start) {
			// a single name after a title ("Comrade Ramiz") is a name
			// wherever it stands
			out[f.keys[c.name]] = true
		}
	}
	return out
}

// candKeyBuf is candKey in f.buf, for a look-up that needs no string.
func (f *finder) candKeyBuf(a, b int) []byte {
	buf := f.buf[:0]
	for k := a; k < b; k++ {
		if f.toks[k].kind != tWord {
			continue
		}
		if len(buf) > 0 {
			buf = append(buf, ' ')
		}
		buf = append(buf, f.keys[k]...)
	}
	f.buf = buf
	return buf
}

func (f *finder) candKey(a, b int) string {
	if b == a+1 && f.toks[a].kind == tWord {
		return f.keys[a] // one word: its key, without a copy
	}
	n := 0
	for k := a; k < b; k++ {
		if f.toks[k].kind == tWord {
			n += 1 + len(f.keys[k])
		}
	}
	var sb strings.Builder
	sb.Grow(max(n-1, 0))
	for k := a; k < b; k++ {
		if f.toks[k].kind != tWord {
			continue
		}
		if sb.Len() > 0 {
			sb.WriteByte(' ')
		}
		sb.WriteString(f.keys[k])
	}
	return sb.String()
}

// personCue reports whether the context of a candidate says it is a
// person: it speaks ("Khrushchev said"), it owns something in a
// possessive before a lower-case noun, or stands after "with", "told".
func (f *finder) personCue(c *nameCand) bool {
	last := c.end - 1
	n := f.next(last)
	if f.toks[last].poss > 0 && f.word(n) && !f.toks[n].cap {
		return true
	}
	if f.word(n) && !f.toks[n].cap && speechVerbs[f.keys[n]] {
		return true
	}
	// "Khrushchev merely repeated": one adverb between
	if f.word(n) && strings.HasSuffix(f.keys[n], "ly") && f.word(n+1) && speechVerbs[f.keys[n+1]] {
		return true
	}
	if f.word(n) && !f.toks[n].cap && (f.keys[n] == "and" || f.keys[n] == "or") && f.word(n+1) && f.keys[n+1] == "i" {
		return true // "Hummel and I"
	}
	p := c.start - 1
	for p >= 0 && f.toks[p].kind == tFoot {
		p--
	}
	if f.word(p) && !f.toks[p].cap {
		switch f.keys[p] {
		case "told", "asked", "informed", "thanked", "urged", "reminded", "assured", "by":
			return true
		}
	}
	// "had X to dinner"
	if f.word(p) && (f.keys[p] == "had" || f.keys[p] == "invited") && f.word(n) && f.keys[n] == "to" {
		return true
	}
	return false
}

// coordinatedWith reports whether candidate i is an item of a list ("A,
// B, and C", "A and B") an adjacent item of which has type typ.
func (f *finder) coordinatedWith(i int, typ EntityType) bool {
	c := f.cands[i]
	fits := func(o nameCand) bool {
		return o.typ == typ && !o.nested && (typ != Person || o.end-o.name <= 2)
	}
	// to the right
	if k := f.rightItem(c); k >= 0 && k <= len(f.toks) {
		for j := f.byStart[k]; j >= 0; j = f.nextStart[j] {
			if o := f.cands[j]; o.start == k && fits(o) {
				return true
			}
		}
	}
	// to the left
	if q := f.leftItem(c); q >= 0 {
		for j := f.byLast[q]; j >= 0; j = f.nextLast[j] {
			if o := f.cands[j]; o.end-1 == q && fits(o) {
				return true
			}
		}
	}
	return false
}

func (f *finder) isComma(k int) bool {
	return k >= 0 && k < len(f.toks) && f.toks[k].kind == tPunct && f.doc.Text[f.toks[k].Start] == ','
}

func (f *finder) isAnd(k int) bool {
	return f.word(k) && !f.toks[k].cap && (f.keys[k] == "and" || f.keys[k] == "or")
}

// rightItem returns the token where the next item of a list after c
// would start (after footnote marks, a comma and/or "and"), or -1.
func (f *finder) rightItem(c nameCand) int {
	k := c.end
	for k < len(f.toks) && f.toks[k].kind == tFoot {
		k++
	}
	if !f.isComma(k) && !f.isAnd(k) {
		return -1
	}
	k++
	if f.isAnd(k) {
		k++
	}
	return k
}

// leftItem returns the token where the item of a list before c would
// end (its last token), or -1.
func (f *finder) leftItem(c nameCand) int {
	p := c.start - 1
	if !f.isComma(p) && !f.isAnd(p) {
		return -1
	}
	if f.isAnd(p) && f.isComma(p-1) {
		p--
	}
	q := p - 1
	for q >= 0 && f.toks[q].kind == tFoot {
		q--
	}
	return q
}

// consistency makes the document agree with itself: a word that names a
// person somewhere names that person wherever it stands as a name,
// including at the start of a sentence and in headings in capitals.
func (f *finder) consistency() {
	people := f.personKeys()
	full := map[string]bool{}
	maxLen := 1
	for _, c := range f.cands {
		if c.typ == Person && c.strong && c.end-c.name >= 2 {
			full[f.candKey(c.name, c.end)] = true
			maxLen = max(maxLen, c.end-c.name)
		}
	}
	for i := range f.cands {
		c := &f.cands[i]
		if c.typ == "" && people[string(f.candKeyBuf(c.start, c.end))] {
			c.typ = Person
		}
	}
	// words not yet in any candidate: sentence starts skipped by the scan
	for i := range f.toks {
		if f.used[i] || !f.capWord(i) || f.role[i] {
			continue
		}
		// a full name seen elsewhere: "He Long" at the start of a sentence
		key := f.keys[i]
		j := i
		for n := 1; n < maxLen && f.capWord(f.next(j)) && f.joinable(j, f.next(j)) && !f.used[f.next(j)]; n++ {
			j = f.next(j)
			key += " " + f.keys[j]
			if full[key] {
				f.add(nameCand{start: i, name: i, end: j + 1, typ: Person, nat: -1})
				break
			}
		}
		if f.used[i] || f.fw[i] || !people[f.keys[i]] {
			continue
		}
		if f.common(i) && f.seenLower(i) && f.toks[i].sentStart {
			continue
		}
		// a single name, not part of a longer run of capitals
		if p := i - 1; p >= 0 && f.capWord(p) && f.joinable(p, i) {
			continue
		}
		if end := f.capRun(i); end == f.next(i) {
			f.add(nameCand{start: i, name: i, end: end, typ: Person, nat: -1})
		}
	}
}

// emit turns the typed candidates into mentions, in text order.
func (f *finder) emit() {
	d := f.doc
	// the typed candidates by start, longest first, else in the order
	// found (a stable sort, done on indices: candidates are large)
	order := f.order[:0]
	for i := range f.cands {
		if f.cands[i].typ != "" {
			order = append(order, int32(i))
		}
	}
	slices.SortFunc(order, func(i, j int32) int {
		a, b := &f.cands[i], &f.cands[j]
		if a.start != b.start {
			return a.start - b.start
		}
		if a.end != b.end {
			return b.end - a.end
		}
		return int(i - j)
	})
	f.order = order
	d.Mentions = slices.Grow(d.Mentions[:0], len(order))
	// two candidates with one span are neighbours in this order (same
	// first token, and the last word moves left as the end does): only
	// the span last emitted can repeat
	seen := Span{-1, -1}
	for _, ci := range order {
		c := &f.cands[ci]
		// the span ends at the last word: footnote marks after it stay out
		last := c.end - 1
		for last > c.start && f.toks[last].kind != tWord {
			last--
		}
		sp := Span{f.toks[c.start].Start, f.toks[last].End}
		if sp == seen {
			continue
		}
		seen = sp
		m := Mention{Span: sp, Text: d.Text[sp.Start:sp.End], Type: c.typ, Entity: -1, Sentence: d.SentenceAt(sp.Start)}
		m.Name = f.cleanName(c.name, last+1)
		if c.singular != "" {
			m.Name = c.singular
		}
		if c.name > c.start {
			m.Title = f.cleanName(c.start, c.name)
		}
		if c.nat >= 0 {
			if m.Title != "" {
				m.Title = f.text(c.nat) + " " + m.Title
			}
		}
		d.Mentions = append(d.Mentions, m)
	}
}

// cleanName is the text of tokens [a, b) without footnote marks, with
// runs of space folded to one.
func (f *finder) cleanName(a, b int) string {
	if s, ok := f.plainSpan(a, b); ok {
		return s
	}
	var sb strings.Builder
	for k := a; k < b; k++ {
		t := f.toks[k]
		if t.kind == tFoot {
			continue
		}
		if sb.Len() > 0 && t.gap {
			sb.WriteByte(' ')
		}
		sb.WriteString(f.doc.Text[t.Start:t.End])
		if t.poss > 0 && k+1 < b {
			sb.WriteString(f.doc.Text[t.End:t.poss]) // "Workers' Party"
		}
	}
	return sb.String()
}

// plainSpan returns the text of tokens [a, b) when cleanName would give
// it unchanged: no footnote marks, and the tokens (a possessive suffix
// within the span counted with its word) apart by one space or none.
func (f *finder) plainSpan(a, b int) (string, bool) {
	if a >= b {
		return "", false
	}
	text := f.doc.Text
	end := -1
	for k := a; k < b; k++ {
		t := &f.toks[k]
		if t.kind == tFoot {
			return "", false
		}
		if k > a {
			if t.gap {
				if t.Start != end+1 || text[end] != ' ' {
					return "", false
				}
			} else if t.Start != end {
				return "", false
			}
		}
		end = t.End
		if t.poss > 0 && k+1 < b {
			end = t.poss
		}
	}
	return text[f.toks[a].Start:end], true
}

// nameRuneLen is the number of characters of s.
func nameRuneLen(s string) int { return utf8.RuneCountInString(s) }
