package extract

import "strings"

// Telegrams are often printed wholly in capitals ("GOULART LEFT BRASILIA
// BY AIR FOR PORTO ALEGRE LAST NIGHT"). In such prose the case of a word
// says nothing, so the finder would read every run of words as one name
// ("LACERDA SPENT NIGHT") or, treating the lines as headings, none at
// all. capsProseMinWords is how many words a line in capitals must have to
// be read as prose rather than as a heading ("MEMORANDUM OF CONVERSATION
// WITH SOVIET AMBASSADOR ANATOLIY DOBRYNIN" has eight).
const capsProseMinWords = 10

// recaseCapsProse gives the words of each line of prose written in
// capitals the case they would have in ordinary text, from the lexicons:
// function words, name particles and common English words are lower case
// (unless a title, a known given name or surname, a lexicon phrase or an
// organization or place head word after a name); an abbreviation the
// lexicon knows in capitals, or a short word of no language the lexicons
// know, stays an abbreviation; any other word is a capitalized name. The
// tokens keep their text; the flag caps marks them as read this way.
func (f *finder) recaseCapsProse() {
	toks := f.toks
	for i := 0; i < len(toks); {
		if !toks[i].capsLine {
			i++
			continue
		}
		// the line: tokens of capsLine up to the next line break
		j, words := i, 0
		for j < len(toks) && toks[j].capsLine && (j == i || toks[j].nl == 0) {
			if toks[j].kind == tWord {
				words++
			}
			j++
		}
		if words >= capsProseMinWords {
			f.recaseLine(i, j)
		}
		i = j
	}
}

// caseName, caseLower and caseAbbr are the cases recaseLine gives a word.
const (
	caseLowerW = iota
	caseNameW
	caseAbbrW
	caseWeakW // a name that is also an English word: a name next to a name or after a title
)

func (f *finder) recaseLine(a, b int) {
	lex := f.lex
	kind := make([]uint8, b-a)
	sure := make([]bool, b-a) // cased by a phrase: no doubt at a sentence start
	keys := make([]string, b-a)
	for i := a; i < b; i++ {
		t := &f.toks[i]
		if t.kind != tWord {
			continue
		}
		k := keyOf(f.doc.Text[t.Start:t.End])
		keys[i-a] = k
		kind[i-a] = f.capsWordCase(k, t)
	}
	// a name that is also a common word is one beside another name or
	// after a title ("DEAN RUSK", "AMB YOUNG"), else a word ("RUSK SAID")
	for i := a; i < b; i++ {
		if f.toks[i].kind != tWord || kind[i-a] != caseWeakW {
			continue
		}
		kind[i-a] = caseLowerW
		k := keys[i-a]
		_, given := lex.givenNames[k]
		_, sur := lex.surnames[k]
		_, authority := lex.persSur[k]
		// a given name before a name ("DEAN RUSK"), a surname after a
		// name or a title ("GEORGE BALL", "AMB YOUNG")
		if p := i - 1; (sur || authority) && p >= a && f.toks[p].kind == tWord && kind[p-a] == caseNameW {
			_, pg := lex.givenNames[keys[p-a]]
			_, pt := lex.titles[keys[p-a]]
			if pg || pt {
				kind[i-a] = caseNameW
			}
		}
		if n := i + 1; given && n < b && f.toks[n].kind == tWord && kind[n-a] == caseNameW {
			if _, ok := lex.titles[keys[n-a]]; !ok {
				kind[i-a] = caseNameW
			}
		}
	}
	// phrases of the lexicons spanning several words ("SUPREME COURT",
	// "RIO GRANDE DO SUL", "CHIEF JUSTICE"): their words are capitalized
	for i := a; i < b; i++ {
		if f.toks[i].kind != tWord {
			continue
		}
		k := keys[i-a]
		info := lex.info[k]
		m := 0
		if info&hLex != 0 {
			m = lex.maxWords[k]
		}
		if info&hTitle != 0 {
			m = max(m, lex.titleMax[k])
		}
		if info&hOrg != 0 {
			m = max(m, lex.orgMax[k])
		}
		if info&hPlace != 0 {
			m = max(m, lex.placeMax[k])
		}
		if m < 2 {
			continue
		}
		key := k
		end := -1
		j := i
		for n := 1; n <= m && j < b; n++ {
			if n > 1 {
				j++
				for j < b && f.toks[j].kind == tFoot {
					j++
				}
				if j >= b || f.toks[j].kind != tWord {
					break
				}
				key += " " + keys[j-a]
				if _, ok := lex.phrases[key]; ok {
					end = j + 1
				} else if _, ok := lex.titles[key]; ok {
					end = j + 1
				} else if _, ok := lex.orgWords[key]; ok {
					end = j + 1
				} else if _, ok := lex.placeWords[key]; ok {
					end = j + 1
				}
			}
		}
		if end > 0 {
			for k := i; k < end; k++ {
				if f.toks[k].kind == tWord && kind[k-a] == caseLowerW && !functionWords[keys[k-a]] && !nameParticles[keys[k-a]] {
					kind[k-a] = caseNameW
				}
				sure[k-a] = true
			}
		}
	}
	// a body the lexicon names by one common word that is also a head
	// word ("CONGRESS", "SENATE"), unless a common word qualifies it
	// ("PARTY CONGRESS")
	for i := a; i < b; i++ {
		if f.toks[i].kind != tWord || kind[i-a] != caseLowerW || !f.bodyWord(keys[i-a]) {
			continue
		}
		if p := i - 1; p >= a && f.toks[p].kind == tWord && !functionWords[keys[p-a]] && englishWord(lex, keys[p-a]) {
			continue
		}
		kind[i-a] = caseNameW
	}
	// a title is one only before a name: "ARMY COMMANDER GEN LADARIO"
	for i := a; i < b; i++ {
		if f.toks[i].kind != tWord || kind[i-a] != caseNameW || lex.info[keys[i-a]]&hTitle == 0 {
			continue
		}
		// the longest title phrase at i
		end, key := -1, keys[i-a]
		if _, ok := lex.titles[key]; ok {
			end = i + 1
		}
		for j := i + 1; j < b && j-i < lex.titleMax[keys[i-a]]; j++ {
			if f.toks[j].kind != tWord {
				break
			}
			key += " " + keys[j-a]
			if _, ok := lex.titles[key]; ok {
				end = j + 1
			}
		}
		if end < 0 {
			continue
		}
		common := false
		for k := i; k < end; k++ {
			common = common || lex.words[keys[k-a]]
		}
		if !common {
			continue // "GEN", "AMB", "FONMIN": printed only as titles
		}
		n := end
		for n < b && f.toks[n].kind == tFoot {
			n++
		}
		name := n < b && f.toks[n].kind == tWord && kind[n-a] == caseNameW
		if name {
			if _, ok := lex.titles[keys[n-a]]; ok {
				name = false // another title follows: this one is a role
			}
		}
		if !name {
			for k := i; k < end; k++ {
				kind[k-a], sure[k-a] = caseLowerW, false
			}
		}
		i = end - 1
	}
	// head words after a name or an ordinal ("SECOND ARMY", "GUANABARA
	// PALACE", "CITY HALL" after a city), ordinals before a head word
	for i := a; i < b; i++ {
		if f.toks[i].kind != tWord {
			continue
		}
		k := keys[i-a]
		if lex.info[k]&(hOrg|hPlace) == 0 {
			continue
		}
		_, org := lex.orgWords[k]
		_, place := lex.placeWords[k]
		if !org && !place {
			continue
		}
		if p := i - 1; p >= a && f.toks[p].kind == tWord && f.toks[i].nl == 0 {
			if kind[p-a] == caseNameW {
				kind[i-a] = caseNameW
			} else if isOrdinalWord(keys[p-a]) {
				kind[p-a], kind[i-a] = caseNameW, caseNameW
				sure[p-a] = true
			}
		}
	}
	for i := a; i < b; i++ {
		t := &f.toks[i]
		if t.kind != tWord {
			continue
		}
		t.caps = true
		t.capsLine = false
		switch kind[i-a] {
		case caseLowerW:
			t.cap, t.allCaps = false, false
			if t.initial {
				t.initial = false
			}
		case caseNameW:
			t.cap, t.allCaps = true, false
			t.sentStart = t.sentStart && lex.words[keys[i-a]] && !sure[i-a]
		case caseAbbrW:
			t.cap = true
			t.sentStart = false
		}
	}
}

// capsWordCase is the case a word of prose in capitals is given by itself.
func (f *finder) capsWordCase(k string, t *token) uint8 {
	lex := f.lex
	if t.hasDigit || functionWords[k] || nameParticles[k] || k == "e" {
		return caseLowerW
	}
	if lex.formCase[k]&caseCaps != 0 && !lex.words[k] {
		return caseAbbrW // "USG", "CIA", but not "FAR" in "SO FAR"
	}
	_, given := lex.givenNames[k]
	_, sur := lex.surnames[k]
	_, authority := lex.persSur[k]
	if given || sur || authority {
		if englishWord(lex, k) {
			return caseWeakW // "SAID", "BALL", "YOUNG": decided by the neighbours
		}
		return caseNameW
	}
	if lex.nonNames[k] != "" {
		return caseLowerW // "GOVT", "SECSTATE", "MONDAY"
	}
	if englishWord(lex, k) {
		if lex.info[k]&hTitle != 0 {
			if _, ok := lex.titles[k]; ok {
				return caseNameW // "GOVERNOR", "GEN"
			}
		}
		for _, id := range lex.phrases[k] {
			if e := &lex.Entries[id]; e.Type == Place && (e.Kind == "country" || e.Kind == "former-country") {
				return caseNameW // "TURKEY", "CHINA"; not "WAKE", "MIDWAY"
			}
		}
		return caseLowerW
	}
	if _, ok := lex.titles[k]; ok {
		return caseNameW
	}
	if lex.formCase[k]&caseMixed != 0 {
		return caseNameW
	}
	if n := len(strings.TrimFunc(k, func(r rune) bool { return r == '.' })); n <= 3 {
		return caseAbbrW // "CGT", "UNE": a short word of no known language
	}
	return caseNameW
}

// innerParticles are lower-case words that stand inside a name between
// capitalized words: "Adhemar de Barros", "Costa e Silva", "Praia do
// Flamengo", "Max van der Stoel".
var innerParticles = map[string]bool{
	"de": true, "da": true, "do": true, "dos": true, "das": true, "del": true, "della": true, "di": true,
	"e": true, "y": true, "van": true, "von": true, "der": true, "den": true, "du": true, "des": true,
	"la": true, "le": true, "bin": true, "ibn": true, "ben": true, "al": true, "el": true, "zu": true, "ter": true,
}

// particleBridge returns the token after the lower-case particles that
// follow the capitalized word k when a capitalized word follows them
// (the loop of capRun goes on from there), or k.
func (f *finder) particleBridge(k int) int {
	n := f.next(k)
	m := 0
	for m < 2 && f.word(n) && !f.toks[n].cap && innerParticles[f.keys[n]] && f.joinable(n-1, n) {
		n = f.next(n)
		m++
	}
	if m == 0 || !f.capWord(n) || f.used[n] || f.fw[n] || !f.joinable(n-1, n) || f.toks[n].hasDigit {
		return k
	}
	return n
}

// nameSuffixes extends a person's mention over a generational suffix
// after a comma ("William B. Macomber, Jr."): the suffix is part of the
// name, not a second person.
func (f *finder) nameSuffixes() {
	for i := range f.cands {
		c := &f.cands[i]
		if c.typ != Person {
			continue
		}
		last := c.end - 1
		for last > c.start && f.toks[last].kind != tWord {
			last--
		}
		k := last + 1
		if k >= len(f.toks) || f.toks[k].kind != tPunct || f.doc.Text[f.toks[k].Start] != ',' || f.toks[last].poss > 0 {
			continue
		}
		s := k + 1
		if !f.word(s) || f.toks[s].nl > 0 {
			continue
		}
		sk := strings.TrimSuffix(f.keys[s], ".")
		switch sk {
		case "jr", "sr", "ii", "iii", "iv":
		default:
			continue
		}
		if sk == "jr" || sk == "sr" {
			if !f.toks[s].cap {
				continue
			}
		} else if !f.toks[s].allCaps {
			continue
		}
		end := s + 1
		// "Jr.": the period is the suffix's
		if end < len(f.toks) && f.toks[end].kind == tPunct && f.doc.Text[f.toks[end].Start] == '.' && f.toks[end].Start == f.toks[s].End {
			end++
		}
		// drop a candidate made of the suffix alone
		for j := range f.cands {
			if o := &f.cands[j]; j != i && o.start >= s && o.end <= end {
				o.typ = ""
			}
		}
		f.used[s] = true
		c.end = end
	}
}

// initialBeforeWord reports whether an initial and the word after it are
// rather the end of one sentence and the start of the next ("with E.
// Bullet holes everywhere"): the word is a common English word, known as
// no name, and a lower-case word follows it.
func (f *finder) initialBeforeWord(a, w int) bool {
	if !f.commonish(w) || f.nameToken(w) || f.toks[w].allCaps {
		return false
	}
	n := f.next(w)
	return f.word(n) && !f.toks[n].cap && !f.fw[n] && f.joinable(w, n)
}

// groupPoss reports whether the possessive at token k belongs inside a
// name: the possessive of a group noun, "Workers' Party", "Writers'
// Association", "People's Republic", "Women's Federation" (a plural
// common noun with a bare apostrophe, or an irregular plural), never a
// name's ("Stalin's").
func (f *finder) groupPoss(k int) bool {
	t := f.toks[k]
	if t.poss == 0 || t.kind != tWord || !t.cap {
		return false
	}
	key := f.keys[k]
	switch key {
	case "people", "women", "children", "men", "workingmen":
		return true
	}
	suffix := f.doc.Text[t.End:t.poss]
	if suffix != "'" && suffix != "’" || !strings.HasSuffix(key, "s") {
		return false
	}
	return f.lex.words[strings.TrimSuffix(key, "s")] || f.lex.words[key]
}

// genericBody reports whether the words [a, e) name a kind of body
// rather than one ("Trade Unions" in "Federation of Trade Unions"): every
// word is a common English word and the lexicon knows no body by them.
func (f *finder) genericBody(a, e int) bool {
	if le, _ := f.matchLex(a); le > 0 {
		return false
	}
	for k := a; k < e; k = f.next(k) {
		if f.word(k) && !f.commonish(k) {
			return false
		}
		if f.demonym(k) {
			return false
		}
	}
	return true
}

// englishWord reports whether a folded word is a common English word or a
// regular derivative of one ("leftist", "attaches", "reformists").
func englishWord(lex *Lexicon, k string) bool {
	if lex.words[k] {
		return true
	}
	for _, suf := range [...]string{"s", "es", "ist", "ists", "ism", "ed", "ing", "ly"} {
		if st, ok := strings.CutSuffix(k, suf); ok && len(st) >= 3 && (lex.words[st] || lex.words[st+"e"]) {
			return true
		}
	}
	return false
}

// capsMismatch reports whether two words of prose in capitals are a name
// and an abbreviation, which do not make one name.
func (f *finder) capsMismatch(a, b int) bool {
	ta, tb := f.toks[a], f.toks[b]
	return ta.caps && tb.caps && ta.allCaps != tb.allCaps
}

// plainHeading reports whether a body found by its head word in a heading
// in capitals is only common English words that run on into more of them
// ("CURRENT INTELLIGENCE WEEKLY SUMMARY"): a heading, not a name.
func (f *finder) plainHeading(a, e int) bool {
	for k := a; k < e; k = f.next(k) {
		if f.word(k) && !f.commonish(k) {
			return false
		}
	}
	n := f.next(e - 1)
	return f.word(n) && f.toks[n].capsLine && f.commonish(n) && !f.fw[n] && f.joinable(e-1, n)
}

// bodyWord reports whether a folded common word is, alone, a form of an
// organization in the lexicon and an organization head word ("congress").
func (f *finder) bodyWord(k string) bool {
	if pos, ok := f.lex.orgWords[k]; !ok || pos != "head" {
		return false
	}
	for _, id := range f.lex.phrases[k] {
		if f.lex.Entries[id].Type == Organization {
			return true
		}
	}
	return false
}
