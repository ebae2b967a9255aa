package extract

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The date rules are regular expressions, and Go's regexp engine is slow
// on them: a search tries every position of its input, and a pattern with
// a dozen month names tries each at every position. Two filters keep the
// output the same while running the expressions on a small part of the
// text (extraction reads megabytes):
//
//   - cue words: a rule is tried only in a window around a word it needs
//     (ruleNeeds: a month name, a digit, "ago"), found by one pass over
//     the sentence;
//   - within a window, a match can only begin at the start of a word that
//     begins like the pattern (wordregexp.go).

// Cues are the words the filter notes: "#" (a run of digits), ":" (a
// colon), "@month" (a month name or abbreviation), every word of
// ruleNeeds, and futureWords.
const (
	cueDigits = iota
	cueColon
	cueMonth
)

// cueWord is what the filter knows of a lower-case word: its cue (-1 when
// it is none) and whether it names a month.
type cueWord struct {
	cue   int
	month bool
}

var (
	cueIndex   = dateCueIndex()      // cue → index into sentenceWords.at
	cueWords   = dateCueWords()      // lower-case word → cueWord
	cueMaxLen  = maxKeyLen(cueWords) // longer words are never cues
	cueShapes  = newWordShapes(mapKeys(cueWords))
	futureCues = cuesOf(futureWords)
)

func dateCueIndex() map[string]int {
	idx := map[string]int{"#": cueDigits, ":": cueColon, "@month": cueMonth}
	add := func(w string) {
		if _, ok := idx[w]; !ok {
			idx[w] = len(idx)
		}
	}
	for _, needs := range ruleNeeds {
		for _, need := range needs {
			for _, alt := range strings.Split(need, "|") {
				add(alt)
			}
		}
	}
	for _, w := range futureWords {
		add(w)
	}
	if len(idx) > maxCues {
		panic("extract: more date cues than a cueSet holds")
	}
	return idx
}

func dateCueWords() map[string]cueWord {
	out := map[string]cueWord{}
	for w, c := range cueIndex {
		if c > cueMonth {
			out[w] = cueWord{cue: c}
		}
	}
	for w, m := range monthNames {
		if m > 0 {
			cw, ok := out[w]
			if !ok {
				cw.cue = -1
			}
			cw.month = true
			out[w] = cw
		}
	}
	return out
}

func mapKeys[V any](m map[string]V) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

func maxKeyLen[V any](m map[string]V) int {
	n := 0
	for k := range m {
		n = max(n, len(k))
	}
	return n
}

func cuesOf(words []string) []int {
	var out []int
	for _, w := range words {
		out = append(out, cueIndex[w])
	}
	return out
}

// cueSet is a set of cues.
type cueSet [2]uint64

const maxCues = 128

func (s *cueSet) add(c int)                { s[c>>6] |= 1 << (c & 63) }
func (s *cueSet) intersects(o cueSet) bool { return s[0]&o[0] != 0 || s[1]&o[1] != 0 }

// sentenceWords is what the filter knows of a sentence: where each cue
// occurs, in offsets from the sentence start. It is reused from one
// sentence to the next.
type sentenceWords struct {
	at      [][]Span // per cue
	present cueSet   // the cues that occur
	used    []int    // the cues that occur, to forget them for the next sentence
	anchors []Span   // scratch of windows
	// the windows of each group of rules that need the same first word
	// (ruleGroups), computed when first asked
	wins    [][]Span
	winDone []bool
	// starts are the positions (in the text) where a match of some rule
	// may begin (what wordRegexp.findAllAt needs), found when first asked:
	// most sentences have no window at all
	text       string
	sent       Span
	starts     []int
	startsDone bool
}

// matchStarts returns the positions of the sentence where a rule's match
// may begin (ruleStarts).
func (w *sentenceWords) matchStarts() []int {
	if !w.startsDone {
		w.starts = ruleStarts(w.text, w.sent, w.starts[:0])
		w.startsDone = true
	}
	return w.starts
}

// read notes the cues of sentence sent of text.
func (w *sentenceWords) read(text string, sent Span) {
	s := text[sent.Start:sent.End]
	if w.at == nil {
		w.at = make([][]Span, len(cueIndex))
		w.wins = make([][]Span, len(ruleGroups))
		w.winDone = make([]bool, len(ruleGroups))
	}
	for _, c := range w.used {
		w.at[c] = w.at[c][:0]
	}
	w.used = w.used[:0]
	w.present = cueSet{}
	clear(w.winDone)
	w.text, w.sent, w.startsDone = text, sent, false
	start, digits := -1, -1
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			// ASCII: the tests below, made cheap
			if isASCIILetter(c) {
				if start < 0 {
					start = i
				}
				if digits >= 0 {
					w.note(cueDigits, Span{digits, i})
					digits = -1
				}
				i++
				for i < len(s) && isASCIILetter(s[i]) {
					i++ // the rest of the run: nothing to note
				}
				continue
			}
			if start >= 0 {
				w.addWord(s[start:i], Span{start, i})
				start = -1
			}
			if '0' <= c && c <= '9' {
				if digits < 0 {
					digits = i
				}
				i++
				continue
			}
			if digits >= 0 {
				w.note(cueDigits, Span{digits, i})
				digits = -1
			}
			if c == ':' {
				w.note(cueColon, Span{i, i + 1})
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if unicode.IsLetter(r) {
			if start < 0 {
				start = i
			}
		} else if start >= 0 {
			w.addWord(s[start:i], Span{start, i})
			start = -1
		}
		if digits >= 0 {
			w.note(cueDigits, Span{digits, i}) // no ASCII digit
			digits = -1
		}
		i += size
	}
	if start >= 0 {
		w.addWord(s[start:], Span{start, len(s)})
	}
	if digits >= 0 {
		w.note(cueDigits, Span{digits, len(s)})
	}
}

func (w *sentenceWords) note(cue int, at Span) {
	if len(w.at[cue]) == 0 {
		w.used = append(w.used, cue)
		w.present.add(cue)
	}
	w.at[cue] = append(w.at[cue], at)
}

func (w *sentenceWords) addWord(word string, at Span) {
	cw, ok := lookupCue(word)
	if !ok {
		return
	}
	if cw.cue >= 0 {
		w.note(cw.cue, at)
	}
	if cw.month {
		w.note(cueMonth, at)
	}
}

// lookupCue finds a word's cue, lower-casing it without allocating when
// it is ASCII (as nearly every word is).
func lookupCue(word string) (cueWord, bool) {
	var buf [32]byte
	if len(word) > cueMaxLen || len(word) > len(buf) {
		if isASCII(word) {
			return cueWord{}, false
		}
		cw, ok := cueWords[strings.ToLower(word)]
		return cw, ok
	}
	if !cueShapes.mayHold(word) && isASCII(word) {
		return cueWord{}, false // the ASCII word in lower case is no cue
	}
	for i := 0; i < len(word); i++ {
		c := word[i]
		if c >= utf8.RuneSelf {
			cw, ok := cueWords[strings.ToLower(word)]
			return cw, ok
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	cw, ok := cueWords[string(buf[:len(word)])]
	return cw, ok
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// hasAny reports whether one of the cues occurs in the sentence.
func (w *sentenceWords) hasAny(cues []int) bool {
	for _, c := range cues {
		if len(w.at[c]) > 0 {
			return true
		}
	}
	return false
}

// windows returns the stretches of the sentence a rule can match in:
// around each occurrence of its first needed word, merged where they
// overlap, or nil when a needed word is missing. Every rule's matches lie
// within windowBefore bytes before and windowAfter bytes after that word.
// Rules that need the same first word share their windows.
func (w *sentenceWords) windows(ru *dateRule, s string) []Span {
	if !w.holdsNeeds(ru) {
		return nil
	}
	g := ru.group
	if w.winDone[g] {
		return w.wins[g]
	}
	w.winDone[g] = true
	wins := w.wins[g][:0]
	if len(ru.needs) == 0 {
		wins = append(wins, Span{0, len(s)})
	} else {
		w.anchors = w.anchors[:0]
		for _, c := range ru.needs[0] {
			w.anchors = append(w.anchors, w.at[c]...)
		}
		// anchors with the same start give the same window start, so
		// their order among themselves does not matter
		slices.SortFunc(w.anchors, func(a, b Span) int { return a.Start - b.Start })
		for _, a := range w.anchors {
			win := Span{snapBack(s, a.Start-windowBefore), snapForward(s, a.End+windowAfter)}
			if n := len(wins); n > 0 && win.Start <= wins[n-1].End {
				wins[n-1].End = max(wins[n-1].End, win.End)
				continue
			}
			wins = append(wins, win)
		}
	}
	w.wins[g] = wins
	return wins
}

// holdsNeeds reports whether the sentence holds a word of each of the
// rule's needs.
func (w *sentenceWords) holdsNeeds(ru *dateRule) bool {
	for _, alts := range ru.needSets {
		if !w.present.intersects(alts) {
			return false
		}
	}
	return true
}

// ruleGroups are the distinct first needs of the rules (dateRule.group
// indexes it); ruleFirstBytes the bytes any rule's match may begin with.
var (
	ruleGroups     []string
	ruleFirstBytes [256]bool
)

// groupOf returns the group of rules whose first need is needs[0].
func groupOf(needs []string) int {
	key := ""
	if len(needs) > 0 {
		key = needs[0]
	}
	if i := slices.Index(ruleGroups, key); i >= 0 {
		return i
	}
	ruleGroups = append(ruleGroups, key)
	return len(ruleGroups) - 1
}

// ruleStarts appends to out the positions of sentence sent where a date
// rule's match may begin (findAllAt): starts of characters some rule may
// begin with, but not inside words of ASCII letters and digits.
func ruleStarts(text string, sent Span, out []int) []int {
	for i := sent.Start; i < sent.End; i++ {
		c := text[i]
		if !utf8.RuneStart(c) || !ruleFirstBytes[c] {
			continue
		}
		if i > sent.Start && isRegexpWordByte(text[i-1]) && isRegexpWordByte(c) {
			continue // inside a word
		}
		out = append(out, i)
	}
	return out
}

// noteFirstBytes adds a rule's first bytes to ruleFirstBytes.
func noteFirstBytes(w *wordRegexp) {
	for b := range ruleFirstBytes {
		if w.starts == nil || len(w.starts.byFirst[b]) > 0 {
			ruleFirstBytes[b] = true
		}
	}
}

const windowBefore, windowAfter = 48, 72

// snapBack moves i back to the sentence start or just after a space;
// snapForward moves it on to a space or the sentence end. Both land on
// rune boundaries and never inside a word.
func snapBack(s string, i int) int {
	if i <= 0 {
		return 0
	}
	for i > 0 && s[i-1] != ' ' {
		i--
	}
	return i
}

func snapForward(s string, i int) int {
	if i >= len(s) {
		return len(s)
	}
	for i < len(s) && s[i] != ' ' {
		i++
	}
	return i
}

// cueIDs turns a rule's needs ("#", "last|this|next") into cue indices,
// and each group of alternatives into a set.
func cueIDs(needs []string) ([][]int, []cueSet) {
	var out [][]int
	var sets []cueSet
	for _, need := range needs {
		var alts []int
		var set cueSet
		for _, alt := range strings.Split(need, "|") {
			alts = append(alts, cueIndex[alt])
			set.add(cueIndex[alt])
		}
		out = append(out, alts)
		sets = append(sets, set)
	}
	return out, sets
}

// ruleMayMatch are, per rule, what every match holds beyond its first
// word (a digit run, a dash, a month's name), so that a position where it
// is missing need not run the expression (wordRegexp.needs).
var ruleMayMatch = map[string][]matchNeed{
	// "February 13–20": a digit and a dash
	"month-day-range": {{findDash, 0}, {findDigits(1), 0}},
	// "February, March, and April": a second month name
	"month-list": {{findFullMonth, 1}},
	// "the first of May"
	"ordinal-month": {{findFullMonth, 1}},
	// "13 to 20 February": a month name, which begins with a capital
	"day-range": {{findMonthInitial, 1}},
	// "January 1962": four digits
	"month-year": {{findDigits(4), 0}},
	// "August 18": a digit
	"month-day": {{findDigits(1), 0}},
	// "0345 LOCAL": four digits
	"hhmm": {{findDigits(4), 0}},
	// "last November"
	"q-month": {{findFullMonth, 1}},
	// "the middle of August", "early 1962": a month's name or a year
	"part-of-month":   {{findMonthOrYear, 1}},
	"decade-of-month": {{findMonthOrYear, 1}},
	"early-month":     {{findMonthOrYear, 1}},
	// "5:03–5:41 p.m.": a colon and a dash
	"clock-range": {{findColon, 0}, {findDash, 0}},
	// "the 1960s"
	"decade": {{findDigits(4), 0}},
	// "on the 24th", "Sunday 3rd"
	"ordinal-day":     {{findDigits(1), 0}},
	"weekday-ordinal": {{findDigits(1), 0}},
	// the unit or the part of the day, in any case (stems without k or
	// s, which (?i) also matches as the Kelvin sign and the long s)
	"anaphoric-day": {{findFold("day", "evening", "morning", "afternoon", "night", "noon"), 0}},
	"past":          {{findFold("year", "month", "wee", "day", "decade"), 0}},
	"relative-unit": {{findFold("year", "month", "wee"), 0}},
	"season":        {{findFold("winter", "ummer", "autumn", "fall", "pring"), 0}},
}

// findFold returns a finder of the first of the stems (lower-case ASCII
// letters) in any case.
func findFold(stems ...string) func(text string, from, to int) int {
	var first [256]bool
	for _, st := range stems {
		first[st[0]] = true
		first[st[0]-'a'+'A'] = true
	}
	return func(text string, from, to int) int {
		for i := from; i < to; i++ {
			if !first[text[i]] {
				continue
			}
			for _, st := range stems {
				if i+len(st) <= to && foldsTo(text[i:i+len(st)], st) {
					return i
				}
			}
		}
		return -1
	}
}

// foldsTo reports whether s is lower, a word of lower-case ASCII letters,
// in any case.
func foldsTo(s, lower string) bool {
	for k := 0; k < len(s); k++ {
		if s[k]|0x20 != lower[k] {
			return false
		}
	}
	return true
}

// findDash returns where the first -, – or — of text[from:to] begins, or
// -1.
func findDash(text string, from, to int) int {
	for i := from; i < to; i++ {
		switch text[i] {
		case '-':
			return i
		case 0xe2: // – and — are e2 80 93, e2 80 94
			if i+3 <= to && text[i+1] == 0x80 && (text[i+2] == 0x93 || text[i+2] == 0x94) {
				return i
			}
		}
	}
	return -1
}

// findColon returns where the first colon of text[from:to] is, or -1.
func findColon(text string, from, to int) int {
	if from >= to {
		return -1
	}
	if i := strings.IndexByte(text[from:to], ':'); i >= 0 {
		return from + i
	}
	return -1
}

// findDigits returns a finder of the first n ASCII digits in a row.
func findDigits(n int) func(text string, from, to int) int {
	return func(text string, from, to int) int {
		run := 0
		for i := from; i < to; i++ {
			if '0' <= text[i] && text[i] <= '9' {
				if run++; run >= n {
					return i - n + 1
				}
			} else {
				run = 0
			}
		}
		return -1
	}
}

var fullMonths = [...]string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}

// findFullMonth returns where the first month's name, capitalized, of
// text[from:to] begins, or -1.
func findFullMonth(text string, from, to int) int {
	for i := from; i < to; i++ {
		if !monthInitial[text[i]] {
			continue
		}
		for _, m := range fullMonths {
			if i+len(m) <= to && text[i:i+len(m)] == m {
				return i
			}
		}
	}
	return -1
}

// findMonthOrYear returns where the first month's name or four digits of
// text[from:to] begin, or -1, in one pass.
func findMonthOrYear(text string, from, to int) int {
	run := 0
	for i := from; i < to; i++ {
		c := text[i]
		if '0' <= c && c <= '9' {
			if run++; run >= 4 {
				return i - 3 // no month begins within the digits
			}
			continue
		}
		run = 0
		if !monthInitial[c] {
			continue
		}
		for _, m := range fullMonths {
			if i+len(m) <= to && text[i:i+len(m)] == m {
				return i
			}
		}
	}
	return -1
}

// monthInitial are the first letters of the months' names.
var monthInitial = func() (t [256]bool) {
	for _, c := range "JFMASOND" {
		t[c] = true
	}
	return t
}()

// findMonthInitial returns where the first capital a month's name (full,
// in capitals or abbreviated) can begin with is in text[from:to], or -1.
func findMonthInitial(text string, from, to int) int {
	for i := from; i < to; i++ {
		if monthInitial[text[i]] {
			return i
		}
	}
	return -1
}
