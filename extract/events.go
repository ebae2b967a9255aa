package extract

import (
	"bufio"
	"fmt"
	"io/fs"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/dossier-archive/dossier/data"
)

// Other is the type of an event the four named types do not cover: a
// take-over, an election, an appointment, a rebellion. It is still a
// sem:Event; the scorer leaves it out.
const Other EventType = "Other"

// FindEvents finds the events a document narrates: typed acts with their
// trigger, the sentence that states them, who did them (agents) and to
// whom (patients) as entities, when and where.
//
// An event is an act the text asserts happened. A verb counts in the
// past tense or as a past participle with its auxiliary ("we overthrew",
// "was overthrown", "have been unmasked"), not after a modal, a negation
// or a wish ("must be overthrown", "wanted to overthrow", "was not
// dismissed"), not in a question or a condition, not as a description ("a
// document written for ...", "extracts are printed in ..."). A noun counts
// where the sentence asserts the act: as the object of a verb that holds
// or makes it ("called an extensive meeting", "wrote a dazibao"), as a
// time ("during the Fifth Congress"), as the subject of "was held" or
// "met", as a dated text ("the article ... of February 27"), or as a text
// that calls for something ("slogans calling for his overthrow"); not
// with "next" or "this" before it. The trigger words are the lexicon's
// (data/lexicon/events.tsv); the grammar words are general English.
//
// Participants are the entities of the trigger's clause: for an act done
// to someone the subject is the agent and the object the patient (the
// other way round in the passive; before "which we overthrew" the
// object comes first); everyone who takes part in a meeting is an agent.
// A speaker's "I" is the speaker, "we" the speaker's party (in a meeting,
// the speaker), "you" the one spoken to, "he" and "they" the persons last
// named by the same speaker, "the Ambassador" the one person with that
// office; "the plenum" is the body whose plenum the text just told. Names
// that only qualify another ("Tito's speech", "our Central Committee",
// "the enemies of ...") are no participants. Targets a text calls for
// ("calling for the overthrow of X") are its patients.
//
// The date is the date of the trigger's clause (else of its sentence),
// else the one a following "This happened in ..." gives, else that of the
// plenum the subject names, else the last date of the paragraph or turn,
// three sentences back at most. The document's own meeting (its header:
// "Time of meeting", participants, place; or a memorandum's dateline and
// PARTICIPANTS, interpreters aside; or, with neither, the sentence of its
// title that names a meeting, with the persons it names) is an event
// dated by the document. A base verb after "resolved to" or "voted to" is
// the body's act; a bare "be" ("demanded that he be removed") wishes, and
// what it wishes is the target of a meeting or text of the sentence. A
// word that heads several rows ("spoke with" a talk, "spoke on 6
// September" a speech) takes the first row the sentence asserts. An
// assembly is asserted as the subject of its verb also across a reduced
// relative ("the Twentieth Congress, held in February"), a relative
// clause ("the plenum ... which met") or a parenthesis; a meeting by a
// past date in its phrase ("the Bucharest meeting in June") or, in a
// diary, by a note without a verb ("Lunch at the Gerbeaud with X"). A
// plenum the sentence introduces and what it did ("the July plenum
// expelled him") are one event.
// One act named twice is one event: in one sentence, a text named again
// ("it was written by ...", "they wrote this article"), a noun repeated
// in the next sentences, a meeting of the same people at compatible
// dates, the other speaker's restatement, and the document's own
// conversation named in its text. The table in events_test.go is the
// specification.
func FindEvents(doc *Document, lex *Lexicon) {
	doc.Events = doc.Events[:0]
	el, err := defaultEventLexicon()
	if err != nil {
		return // the embedded lexicon is checked by its test
	}
	f := newEventFinder(doc, lex, el)
	f.headerMeeting()
	for si := range doc.Sentences {
		f.sentence(si)
	}
	f.merge()
	f.finish()
	clear(f.toks[:cap(f.toks)]) // let go of the document's words
	clear(f.cands[:cap(f.cands)])
	viewScratchPool.Put(f.viewScratch)
}

// --- the lexicon --------------------------------------------------------

type formClass int8

const (
	formPast formClass = iota
	formNoun
	formBase
)

// eventEntry is one row of events.tsv.
type eventEntry struct {
	kind     string
	typ      EventType
	requires map[string]bool
}

// eventForm is one way a row is printed: its words, lower case, "…" for a
// gap of up to four words.
type eventForm struct {
	words []string
	class formClass
	entry *eventEntry
}

type eventLexicon struct {
	byFirst map[string][]*eventForm // longest forms first
	// words is what a token's word is, looked up once per token: the
	// forms it begins and the closed classes it belongs to
	words      map[string]eventWord
	wordShapes wordShapes // of the keys of words
	// heads are the runs of ASCII letters and digits the words of byFirst
	// begin with (mayTrigger); headsAll is true when some word begins
	// otherwise or is too long for them, and every sentence is tokenized
	heads      map[string]bool
	headShapes wordShapes
	headsAll   bool
}

// eventWord is what the finder asks of every word.
type eventWord struct {
	forms []*eventForm // byFirst
	cls   wordClass
}

var (
	eventLexOnce sync.Once
	eventLex     *eventLexicon
	eventLexErr  error
)

// isPast reports whether a word is the first word of a past form.
func (el *eventLexicon) isPast(w string) bool {
	for _, f := range el.byFirst[w] {
		if f.class == formPast {
			return true
		}
	}
	return false
}

// isText reports whether a word is a noun that names a text ("editorial").
func (el *eventLexicon) isText(w string) bool {
	for _, f := range el.byFirst[w] {
		if f.class == formNoun && f.entry.typ == Publication && len(f.words) == 1 {
			return true
		}
	}
	return false
}

func defaultEventLexicon() (*eventLexicon, error) {
	eventLexOnce.Do(func() {
		eventLex, eventLexErr = loadEventLexicon(data.Lexicons, "lexicon/events.tsv")
	})
	return eventLex, eventLexErr
}

// loadEventLexicon reads an events.tsv file (format: data/lexicon/README.md).
func loadEventLexicon(fsys fs.FS, name string) (*eventLexicon, error) {
	fh, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	el := &eventLexicon{byFirst: map[string][]*eventForm{}}
	sc := bufio.NewScanner(fh)
	var cols map[string]int
	line := 0
	for sc.Scan() {
		line++
		t := sc.Text()
		if strings.HasPrefix(t, "#") || strings.TrimSpace(t) == "" {
			continue
		}
		cells := strings.Split(t, "\t")
		if cols == nil {
			cols = map[string]int{}
			for i, c := range cells {
				cols[strings.TrimSpace(c)] = i
			}
			for _, c := range []string{"kind", "type", "past", "base", "noun", "requires"} {
				if _, ok := cols[c]; !ok {
					return nil, fmt.Errorf("%s:%d: no column %q in the header", name, line, c)
				}
			}
			continue
		}
		get := func(c string) string {
			if i := cols[c]; i < len(cells) {
				return strings.TrimSpace(cells[i])
			}
			return ""
		}
		e := &eventEntry{kind: get("kind"), typ: EventType(get("type")), requires: map[string]bool{}}
		switch e.typ {
		case Purge, Plenum, Meeting, Publication, Other:
		default:
			return nil, fmt.Errorf("%s:%d: unknown event type %q", name, line, e.typ)
		}
		if e.kind == "" {
			return nil, fmt.Errorf("%s:%d: no kind", name, line)
		}
		for _, r := range strings.Split(get("requires"), ",") {
			if r = strings.TrimSpace(r); r != "" {
				e.requires[r] = true
			}
		}
		for _, fc := range []struct {
			class formClass
			col   string
		}{{formPast, "past"}, {formNoun, "noun"}, {formBase, "base"}} {
			class := fc.class
			for _, form := range strings.Split(get(fc.col), "|") {
				words := strings.Fields(strings.ToLower(form))
				if len(words) == 0 {
					continue
				}
				if words[0] == "…" || words[len(words)-1] == "…" {
					return nil, fmt.Errorf("%s:%d: form %q begins or ends with a gap", name, line, form)
				}
				el.byFirst[words[0]] = append(el.byFirst[words[0]], &eventForm{words: words, class: class, entry: e})
			}
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if cols == nil {
		return nil, fmt.Errorf("%s: no header line", name)
	}
	// longest first; of forms alike, a past verb before a noun before the
	// other verb forms
	for _, forms := range el.byFirst {
		sort.SliceStable(forms, func(i, j int) bool {
			if len(forms[i].words) != len(forms[j].words) {
				return len(forms[i].words) > len(forms[j].words)
			}
			return forms[i].class < forms[j].class
		})
	}
	el.words = map[string]eventWord{}
	for w, forms := range el.byFirst {
		el.words[w] = eventWord{forms: forms}
	}
	for _, c := range wordClasses {
		for w := range c.set {
			ew := el.words[w]
			ew.cls |= c.bit
			el.words[w] = ew
		}
	}
	el.wordShapes = newWordShapes(mapKeys(el.words))
	el.heads = map[string]bool{}
	for w := range el.byFirst {
		n := 0
		for n < len(w) && isASCIILetterOrDigit(w[n]) {
			n++
		}
		if n == 0 || n > maxHeadLen {
			el.headsAll = true
		}
		el.heads[w[:n]] = true
	}
	el.headShapes = newWordShapes(mapKeys(el.heads))
	return el, nil
}

const maxHeadLen = 32

// mayTrigger reports whether sentence s of text may hold a word that
// begins an event form: false means that no token tokenizeEvents makes of
// it has forms (hasTrigger), found without tokenizing. A token that begins
// with an ASCII letter or digit begins a run of them, and its word begins
// with that run in lower case, unless the character after the run is one
// whose lower case is ASCII (the Kelvin sign); a token that begins
// otherwise is no word of byFirst, unless its first character's lower case
// is ASCII.
func (el *eventLexicon) mayTrigger(text string, s Span) bool {
	if el.headsAll {
		return true
	}
	var buf [maxHeadLen]byte
	for i := s.Start; i < s.End; {
		c := text[i]
		if !isASCIILetterOrDigit(c) {
			if c < utf8.RuneSelf {
				i++
				continue
			}
			r, size := utf8.DecodeRuneInString(text[i:s.End])
			if unicode.ToLower(r) < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
				return true
			}
			i += size
			continue
		}
		j := i
		for j < s.End && isASCIILetterOrDigit(text[j]) {
			j++
		}
		if j < s.End && text[j] >= utf8.RuneSelf {
			if r, _ := utf8.DecodeRuneInString(text[j:s.End]); unicode.ToLower(r) < utf8.RuneSelf {
				return true
			}
		}
		if run := text[i:j]; len(run) <= maxHeadLen && el.headShapes.mayHold(run) {
			for k := 0; k < len(run); k++ {
				c := run[k]
				if 'A' <= c && c <= 'Z' {
					c += 'a' - 'A'
				}
				buf[k] = c
			}
			if el.heads[string(buf[:len(run)])] {
				return true
			}
		}
		i = j
	}
	return false
}

// --- tokens --------------------------------------------------------------

// etoken is a word (lower case, straight apostrophes) or a punctuation mark
// of a sentence.
type etoken struct {
	Span
	w     string
	punct bool
	upper bool // the word begins with a capital
	eventWord
}

// tokenizeEvents appends the tokens of sentence s to out, each with what
// the lexicon el says of its word.
func tokenizeEvents(doc *Document, s Span, el *eventLexicon, out []etoken) []etoken {
	first := len(out)
	text := doc.Text
	lower, aligned := doc.lowerText()
	i := s.Start
	for i < s.End {
		r, size := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(text[i:])
		}
		switch {
		case r == ' ' || '\t' <= r && r <= '\r' || r >= utf8.RuneSelf && unicode.IsSpace(r):
			i += size
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			j := i
			curly := false // the word holds a ’
			for j < s.End {
				for j < s.End && text[j]-'a' < 26 {
					j++ // lower-case ASCII letters, the most of the text
				}
				if j == s.End {
					break
				}
				if c := text[j]; c < utf8.RuneSelf && ('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9') {
					j++ // ASCII letters and digits, the most of the text
					continue
				}
				q, n := rune(text[j]), 1 // ASCII here is no letter nor digit
				if q >= utf8.RuneSelf {
					if q, n = utf8.DecodeRuneInString(text[j:]); unicode.IsLetter(q) || unicode.IsDigit(q) {
						j += n
						continue
					}
				}
				// inner hyphens and apostrophes: "big-character", "don't"
				if (q == '-' || q == '\'' || q == '’') && j+n < s.End {
					nx, _ := utf8.DecodeRuneInString(text[j+n:])
					if unicode.IsLetter(nx) && !(q != '-' && (text[j+n] == 's' || text[j+n] == 'S') && (j+n+1 >= s.End || !isWordByte(text[j+n+1]))) {
						curly = curly || q == '’'
						j += n
						continue
					}
				}
				break
			}
			var w string
			if aligned && !curly {
				w = lower[i:j] // no copy of the word
			} else {
				w = strings.ToLower(strings.ReplaceAll(text[i:j], "’", "'"))
			}
			out = append(out, etoken{Span: Span{i, j}, w: w, upper: unicode.IsUpper(r)})
			i = j
		case (r == '\'' || r == '’') && i+size < s.End && (text[i+size] == 's' || text[i+size] == 'S') && (i+size+1 >= s.End || !isWordByte(text[i+size+1])):
			out = append(out, etoken{Span: Span{i, i + size + 1}, w: "'s"})
			i += size + 1
		default:
			w := text[i : i+size] // string(r), without a copy
			if r == utf8.RuneError && size == 1 {
				w = string(r)
			}
			out = append(out, etoken{Span: Span{i, i + size}, w: w, punct: true})
			i += size
		}
	}
	for k := first; k < len(out); k++ {
		if el.wordShapes.mayHold(out[k].w) {
			out[k].eventWord = el.words[out[k].w]
		}
	}
	return out
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
}

// --- closed word classes -----------------------------------------------

func set(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

var (
	beForms      = set("was were been be is are being am")
	haveForms    = set("has have had having")
	modals       = set("must should could can cannot would will shall may might ought 'll")
	negations    = set("not never n't no neither nor")
	determiners  = set("the a an this that these those his her its their our my your some any every each no")
	demonstrates = set("this that these those same")
	possessives  = set("my your his her its our their")
	// words that make what follows wished, demanded or proposed, not done
	irrealisVerbs = set("suggest suggests suggested urge urges urged recommend recommends recommended forward want wants wanted wanting wish wishes wished hope hopes hoped need needs needed try tries tried attempt attempted propose proposes proposed proposing demand demands demanded demanding call calls calling plan plans planned intend intends intended let decide decided able unable necessary going ready prepared threatened threaten threatens")
	// verbs after which "X to do" reports an order that was carried out
	directiveVerbs = set("told ordered instructed directed had got asked resolved voted")
	// adverbs between an auxiliary and its verb
	adverbs = set("also then already just later soon immediately publicly quickly finally recently first once again thus therefore even still yet only himself herself themselves itself ourselves myself subsequently eventually formally officially")
	// verbs whose object is an assembly or meeting that took place
	occurrenceVerbs = set("held called convened convoked conducted had attended opened organized organised hosted chaired addressed concluded began started closed summoned")
	// verbs whose object is a text that was made
	creationVerbs = set("wrote written published issued delivered made sent gave given posted drafted signed composed broadcast printed launched developed unleashed started began")
	// verbs whose object is a purge that was carried out
	realizationVerbs = set("confirmed announced completed ordered approved effected carried endorsed ratified")
	// prepositions that make a meeting or assembly the time of something
	timePreps = set("during at after before following throughout until till since")
	// participles and prepositions that say what a text calls for
	contentWords = set("naming calling demanding denouncing attacking criticizing criticising accusing urging condemning praising announcing against")
	// predicates whose subject is an assembly or meeting that took place
	subjectPredicates    = set("held met opened closed ended began adopted decided elected confirmed approved convened took lasted resolved discussed expelled dismissed interrupted adjourned resumed reconvened assembled gathered sat")
	futureModifiers      = set("next future coming forthcoming planned proposed upcoming projected intended")
	sayVerbs             = set("said says say told tells added replied recalled stated declared announced noted believed thought knew learned reported explained stressed remarked indicated understood felt agreed suggested feared claimed argued hoped insisted warned revealed heard commented observed mentioned answered admitted emphasized emphasised considered")
	ordinalWordsLower    = set("first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth twenty-first twenty-second twenty-third twenty-fourth twenty-fifth")
	reducedRelativePreps = set("in by on at during under for from with as")
	participleOnly       = set("written overthrown seen given spoken broken taken shown thrown known drawn chosen begun done brought")
	pronouns             = set("i me my myself we us our ourselves you your he him his himself she her herself they them their themselves")
	subjectPronouns      = set("i we he she they it you")
	relativeWords        = set("which whom who that")
	clauseWords          = set("but whereas although though while because if unless whether when what whatever")
)

// wordClass is a set of the closed classes above, for the ones asked of
// every token (a bit test, not a map look-up).
type wordClass uint16

const (
	wcClause wordClass = 1 << iota
	wcRelative
	wcSay
	wcPronoun
	wcSubjectPronoun
	wcDeterminer
	wcFutureModifier
	wcDemonstrative
	wcPossessive
	wcOccurrence
	wcCreation
	wcRealization
	wcTimePrep
	wcBe
	wcHave
)

var wordClasses = []struct {
	set map[string]bool
	bit wordClass
}{
	{clauseWords, wcClause}, {relativeWords, wcRelative}, {sayVerbs, wcSay},
	{pronouns, wcPronoun}, {subjectPronouns, wcSubjectPronoun}, {determiners, wcDeterminer},
	{futureModifiers, wcFutureModifier}, {demonstrates, wcDemonstrative}, {possessives, wcPossessive},
	{occurrenceVerbs, wcOccurrence}, {creationVerbs, wcCreation}, {realizationVerbs, wcRealization},
	{timePreps, wcTimePrep}, {beForms, wcBe}, {haveForms, wcHave},
}

// --- the finder ----------------------------------------------------------

// draft is an event being built, with what merging needs to know.
type draft struct {
	Event
	sent       int
	kind       string
	class      string // Publication: "create" or "spread"
	ownDate    bool   // dated by its own sentence
	anaphoric  bool   // its object is "it", "this article": an act named before
	lemma      string // the trigger's first word, for repetitions
	header     bool   // the document's own meeting
	noun       bool   // named by a noun ("slogans"), not a verb
	clause     Span   // the trigger's clause
	definite   bool   // "the meeting", "the conversation": one the reader knows
	byTime     bool   // its noun only dates something else ("during the congress")
	named      bool   // an assembly with a name of its own ("the Fifth Congress")
	modified   bool   // an assembly told apart by a word before its noun ("the July plenum")
	licensedBy Span   // the verb whose subject the noun is ("the Plenum ... met")
	assembly   *draft // the plenum its subject names ("The plenum expelled ...")
	place      bool   // its place came from its own sentence
	dropped    bool
}

type eventFinder struct {
	doc      *Document
	lex      *Lexicon
	el       *eventLexicon
	drafts   []*draft
	header   *draft
	byPerson map[int]int // speaker entity → collective entity (-1: none)
	// owners is namedAssemblyOwner's search, per name, kept between calls
	owners map[string]*ownerSearch
	sorted int8 // mentionsSorted: 0 unknown, 1 yes, -1 no
	// partyOf is, per country, the first party entity of it; turnsOf the
	// turns of each speaker (collective)
	partyOf   map[string]int
	turnsOf   map[int][]int
	mentionAt [][]*Mention // per sentence: its mentions, and role descriptions ("the Ambassador")
	datesAt   [][]int      // per sentence: indices into doc.Dates

	// scratch of the sentence views, one view alive at a time
	v sentView
	*viewScratch
}

// viewScratch is the space a sentence view works in, reused from one
// document to the next.
type viewScratch struct {
	toks          []etoken
	named, bounds []bool
	cands         []cand // read only while the view lives; copied out
}

var viewScratchPool = sync.Pool{New: func() any { return new(viewScratch) }}

func newEventFinder(doc *Document, lex *Lexicon, el *eventLexicon) *eventFinder {
	f := &eventFinder{doc: doc, lex: lex, el: el, byPerson: map[int]int{}}
	f.viewScratch = viewScratchPool.Get().(*viewScratch)
	f.datesAt = make([][]int, len(doc.Sentences))
	for di, d := range doc.Dates {
		if d.Sentence >= 0 && d.Sentence < len(doc.Sentences) {
			f.datesAt[d.Sentence] = append(f.datesAt[d.Sentence], di)
		}
	}
	// each sentence's mentions and role descriptions, in the order found,
	// in one array: counted first, then placed
	sentenceOf := func(m Mention) int {
		si := m.Sentence
		if si < 0 || si >= len(doc.Sentences) || !doc.Sentences[si].Contains(m.Span) {
			si = doc.SentenceAt(m.Start)
		}
		return si
	}
	participant := func(m Mention) bool {
		// a speaker label ("Chairman Mao:") names who speaks, not who acts
		return m.Entity >= 0 && m.Entity < len(doc.Entities) && !isTurnLabel(doc, m.Span)
	}
	roles := roleDescriptions(doc)
	count := make([]int, len(doc.Sentences)+1)
	for _, m := range doc.Mentions {
		if si := sentenceOf(m); si >= 0 && participant(m) {
			count[si+1]++
		}
	}
	for _, m := range roles {
		if si := sentenceOf(m); si >= 0 {
			count[si+1]++
		}
	}
	for si := range doc.Sentences {
		count[si+1] += count[si] // now where each sentence's mentions begin
	}
	placed := make([]*Mention, count[len(doc.Sentences)])
	f.mentionAt = make([][]*Mention, len(doc.Sentences))
	for si := range f.mentionAt {
		f.mentionAt[si] = placed[count[si]:count[si]:count[si+1]]
	}
	for i := range doc.Mentions {
		if m := &doc.Mentions[i]; participant(*m) {
			if si := sentenceOf(*m); si >= 0 {
				f.mentionAt[si] = append(f.mentionAt[si], m)
			}
		}
	}
	for i := range roles {
		if si := sentenceOf(roles[i]); si >= 0 {
			f.mentionAt[si] = append(f.mentionAt[si], &roles[i])
		}
	}
	for si := range f.mentionAt {
		ms := f.mentionAt[si]
		slices.SortStableFunc(ms, func(a, b *Mention) int {
			if a.Start != b.Start {
				return a.Start - b.Start
			}
			return b.End - a.End
		})
		// a name inside a longer one ("CPSU" in "Central Committee of the CPSU") is not a participant of its own
		kept := ms[:0]
		for _, m := range ms {
			if n := len(kept); n > 0 && kept[n-1].Span.Overlaps(m.Span) {
				continue
			}
			kept = append(kept, m)
		}
		f.mentionAt[si] = kept
	}
	return f
}

// roleDescriptions finds "the Ambassador", "The Foreign Minister": an
// office the entity layer gives to exactly one entity of the document,
// named with the definite article where no name is printed.
func roleDescriptions(doc *Document) []Mention {
	holders := map[string][]int{}
	for i, e := range doc.Entities {
		if e.Type != Person {
			continue
		}
		for _, r := range e.Roles {
			r = strings.TrimSpace(r)
			if r == "" || len(strings.Fields(r)) > 4 || !unicode.IsUpper([]rune(r)[0]) {
				continue
			}
			// "Prime Minister of Laos" is also "the Prime Minister"
			for _, k := range []string{strings.ToLower(r), strings.ToLower(strings.SplitN(strings.SplitN(r, " of ", 2)[0], ",", 2)[0])} {
				// entities come in order: i is in the list only as its last
				if h := holders[k]; k != "" && (len(h) == 0 || h[len(h)-1] != i) {
					holders[k] = append(h, i)
				}
			}
		}
	}
	var out []Mention
	lower, _ := doc.lowerText()
	// where "the " occurs: every phrase below begins so
	var the *theIndex
	for role, who := range holders {
		if len(who) != 1 {
			continue // "the President" with two presidents: no one in particular
		}
		if the == nil {
			the = newTheIndex(lower)
		}
		pat := "the " + role
		starts := the.all
		if len(role) >= 3 {
			// the others do not begin with pat, and the search skips them
			starts = the.followedBy(role)
		}
		next := 0 // occurrences do not overlap: the search goes on after each
		for _, start := range starts {
			if start < next || !strings.HasPrefix(lower[start:], pat) {
				continue
			}
			end := start + len(pat)
			next = end
			if start > 0 && isWordByte(lower[start-1]) || end < len(lower) && isWordByte(lower[end]) {
				continue
			}
			if start < doc.Meta.Body.Start {
				continue
			}
			out = append(out, Mention{Span: Span{start, end}, Text: doc.Text[start:end], Type: Person, Entity: who[0], Sentence: doc.SentenceAt(start)})
		}
	}
	return out
}

// theIndex tells where "the " occurs in a lower-case text, and those
// occurrences again by the three bytes after them, in buckets (a hash of
// the bytes): a role is looked for in the bucket of its own first three,
// not after every "the ", and the index is made in two passes with no
// map (a map of lists was a tenth of what extraction allocated).
type theIndex struct {
	all    []int // every occurrence, in text order
	byNext []int // the occurrences followed by three bytes, bucket by bucket, in text order within one
	bucket [theBuckets + 1]int32
}

const theBuckets = 256

func theBucket(next string) int {
	k := uint32(next[0])<<16 | uint32(next[1])<<8 | uint32(next[2])
	return int(k * 2654435761 >> 24)
}

func newTheIndex(lower string) *theIndex {
	x := &theIndex{}
	for i := 0; ; {
		j := strings.Index(lower[i:], "the ")
		if j < 0 {
			break
		}
		x.all = append(x.all, i+j)
		i += j + len("the ")
		if i+3 <= len(lower) {
			x.bucket[theBucket(lower[i:])+1]++
		}
	}
	for b := 1; b <= theBuckets; b++ {
		x.bucket[b] += x.bucket[b-1]
	}
	x.byNext = make([]int, x.bucket[theBuckets])
	next := x.bucket // where each bucket's next occurrence goes
	for _, at := range x.all {
		if after := at + len("the "); after+3 <= len(lower) {
			b := theBucket(lower[after:])
			x.byNext[next[b]] = at
			next[b]++
		}
	}
	return x
}

// followedBy returns, in text order, the occurrences that may be followed
// by next (three bytes): every one that is, and others of its bucket.
func (x *theIndex) followedBy(next string) []int {
	b := theBucket(next)
	return x.byNext[x.bucket[b]:x.bucket[b+1]]
}

func isTurnLabel(doc *Document, s Span) bool {
	t := doc.TurnAt(s.Start)
	return t >= 0 && doc.Turns[t].Label.Overlaps(s)
}

// cand is a participant named in a sentence: an entity mention, or a
// pronoun resolved to entities.
type cand struct {
	i, j int // token range
	ents []int
	typ  EntityType
	prep string // on a trigger's right side: the preposition it follows
}

// sent is the working view of one sentence.
type sentView struct {
	f      *eventFinder
	si     int
	span   Span
	toks   []etoken
	cands  []cand
	bounds []bool // bounds[k]: a clause begins at token k
	named  []bool // named[k]: token k lies inside an entity mention
	ask    bool   // a question
	dates  []int  // indices into doc.Dates
}

// hasTrigger reports whether a token begins a form of the lexicon.
func hasTrigger(toks []etoken) bool {
	for _, t := range toks {
		if len(t.forms) > 0 {
			return true
		}
	}
	return false
}

// view builds the view of sentence si, whose tokens are in f.toks.
func (f *eventFinder) view(si int) *sentView {
	doc := f.doc
	s := doc.Sentences[si]
	v := &f.v
	*v = sentView{f: f, si: si, span: s.Span, toks: f.toks, cands: f.cands[:0]}
	text := strings.TrimRight(doc.Text[s.Start:s.End], " \"'”’)]")
	v.ask = strings.HasSuffix(text, "?")
	v.dates = f.datesAt[si]
	// entity mentions; their one-entity lists share one array (events
	// may keep them: it is not reused)
	ents := make([]int, len(f.mentionAt[si]))
	for k, m := range f.mentionAt[si] {
		i, j := v.tokenRange(m.Span)
		if i < j {
			ents[k] = m.Entity
			v.cands = append(v.cands, cand{i: i, j: j, ents: ents[k : k+1 : k+1], typ: doc.Entities[m.Entity].Type})
		}
	}
	slices.SortFunc(v.cands, func(a, b cand) int { return a.i - b.i }) // sort.Slice's order, without reflection
	f.cands = v.cands
	f.named = growScratch(f.named, len(v.toks))
	v.named = f.named
	for _, c := range v.cands {
		for k := c.i; k < c.j; k++ {
			v.named[k] = true
		}
	}
	f.bounds = v.clauses(f.bounds)
	v.bounds = f.bounds
	return v
}

func (v *sentView) tokenRange(sp Span) (int, int) {
	i := sort.Search(len(v.toks), func(k int) bool { return v.toks[k].End > sp.Start })
	j := i
	for j < len(v.toks) && v.toks[j].Start < sp.End {
		j++
	}
	return i, j
}

// inMention reports whether token k lies inside an entity mention.
func (v *sentView) inMention(k int) bool { return k >= 0 && k < len(v.named) && v.named[k] }

// clauses marks where clauses begin: after ; : — ( ) and before "but",
// "which", a new subject after ", and", or "that" after a verb of saying.
func (v *sentView) clauses(scratch []bool) []bool {
	t := v.toks
	b := growScratch(scratch, len(t)+1)
	b[0] = true
	for k := range t {
		w := t[k].w
		switch {
		case t[k].punct && strings.Contains(";:—–()!?\"“”", w):
			b[k+1] = true
		case !t[k].punct && t[k].cls&wcClause != 0 && !v.inMention(k):
			b[k] = true
		case t[k].cls&wcRelative != 0 && w != "that" && k > 0:
			b[k] = true
		case w == "that" && k > 0 && (t[k-1].cls&wcSay != 0 || t[k-1].w == "," || t[k-1].w == "and" || t[k-1].cls&wcPronoun != 0 && k > 1 && t[k-2].cls&wcSay != 0):
			b[k] = true
		case w == "and" && k+1 < len(t) && k > 0 && (t[k+1].cls&wcSubjectPronoun != 0 || t[k-1].w == "," && (t[k+1].upper || t[k+1].cls&wcDeterminer != 0) && !v.listGoesOn(k)):
			b[k] = true
		}
	}
	return b
}

// listGoesOn reports whether the "and" at k joins the last name of a list
// ("Peng Dehuai, Huang Kecheng, and Zhang Wentian").
func (v *sentView) listGoesOn(k int) bool {
	// the name before the comma, footnote marks skipped: "Nie Rongzhen^[2], and"
	before := k - 1
	for before > 0 && (v.toks[before-1].punct && strings.Contains("^[]", v.toks[before-1].w) || isDigits(v.toks[before-1].w)) {
		before--
	}
	ends, starts := false, false
	for _, c := range v.cands {
		if c.j == before {
			ends = true
		}
		if c.i == k+1 {
			starts = true
			// "..., and Rokossovsky was dismissed": a new clause
			if c.j < len(v.toks) {
				n := v.toks[c.j].w
				if beForms[n] || haveForms[n] || modals[n] || strings.HasSuffix(n, "ed") || v.f.el.isPast(n) {
					return false
				}
			}
		}
	}
	return ends && starts
}

// clauseOf returns the clause [start, end) that token k lies in.
//
// A clause is read at most maxClause tokens either side of k: a run of
// words with no clause boundary (a list, text without punctuation) would
// otherwise be read whole from each of its verbs.
func (v *sentView) clauseOf(k int) (int, int) {
	s := k
	for s > 0 && !v.bounds[s] && k-s < maxClause {
		s--
	}
	e := k + 1
	for e < len(v.toks) && !v.bounds[e] && e-k <= maxClause {
		e++
	}
	return s, e
}

// maxClause is how many tokens clauseOf reads either side of a word;
// prose clauses are a few dozen tokens long.
const maxClause = 64

// match finds the lexicon forms that begin at token k: the longest first.
func (v *sentView) match(k int) (*eventForm, int) {
	forms := v.toks[k].forms // el.byFirst
	for _, form := range forms {
		if end, ok := v.matchForm(form, k); ok {
			return form, end
		}
	}
	return nil, 0
}

func (v *sentView) matchForm(form *eventForm, k int) (int, bool) {
	p := k
	for wi := 0; wi < len(form.words); wi++ {
		w := form.words[wi]
		if w == "…" {
			next := form.words[wi+1]
			found := false
			for gap := 0; gap <= 4 && p+gap < len(v.toks); gap++ {
				if v.toks[p+gap].w == next {
					p += gap
					found = true
					break
				}
				if v.toks[p+gap].punct && v.toks[p+gap].w != "'s" {
					break
				}
			}
			if !found {
				return 0, false
			}
			continue
		}
		if p >= len(v.toks) || v.toks[p].w != w {
			return 0, false
		}
		p++
	}
	return p, true
}

// sentence finds the events of one sentence.
func (f *eventFinder) sentence(si int) {
	if f.header != nil && f.doc.Sentences[si].Overlaps(f.header.Evidence) {
		return // the header's own lines
	}
	if f.doc.Sentences[si].End <= f.doc.Meta.Body.Start {
		return // the archive's description of the document, not its text
	}
	if !f.el.mayTrigger(f.doc.Text, f.doc.Sentences[si].Span) {
		return // no word of events.tsv: hasTrigger would say so
	}
	f.toks = tokenizeEvents(f.doc, f.doc.Sentences[si].Span, f.el, f.toks[:0])
	if !hasTrigger(f.toks) {
		return // nothing below can happen without a word of events.tsv
	}
	v := f.view(si)
	var demands []cand // targets the sentence wants or calls for
	var found []*draft
	for k := 0; k < len(v.toks); k++ {
		if v.inMention(k) {
			continue // "Party Congress" inside a name is not a trigger of its own
		}
		form, end := v.match(k)
		if form == nil {
			continue
		}
		// a word may head several rows ("spoke with" a talk, "spoke on 6
		// September" a speech): the first row whose act the sentence
		// asserts wins
		var d *draft
		dEnd := end
		for _, alt := range v.toks[k].forms {
			if alt.class != form.class {
				continue
			}
			altEnd, ok := v.matchForm(alt, k)
			if !ok {
				continue
			}
			switch alt.class {
			case formPast:
				d = v.verbEvent(alt, k, altEnd)
			case formNoun:
				d = v.nounEvent(alt, k, altEnd)
			case formBase:
				// "resolved to remove": a body's decision told is its act
				if v.decided(k) {
					d = v.verbEvent(alt, k, altEnd)
				}
			}
			if d != nil {
				dEnd = altEnd
				break
			}
		}
		if d != nil {
			found = append(found, d)
			end = dEnd
		} else {
			demands = append(demands, v.demanded(form, k, end)...)
		}
		k = end - 1
	}
	// one event per type in a sentence, unless their clauses date them
	// apart ("confirmed the expulsion of X, who had been removed from the
	// Politburo in September 1960")
	for _, d := range found {
		f.date(d, v)
	}
	var out []*draft
	for _, d := range found {
		merged := false
		for _, o := range out {
			if o.Type == d.Type && (o.Date == d.Date || !o.ownDate || !d.ownDate) {
				o.absorb(d)
				merged = true
				break
			}
		}
		if !merged {
			out = append(out, d)
		}
	}
	// "met in plenary session": the meeting is the plenum
	for _, p := range out {
		if p.Type != Plenum {
			continue
		}
		for _, m := range out {
			if m.Type == Meeting && !m.dropped && (m.Trigger.End <= p.Trigger.Start && p.Trigger.Start-m.Trigger.End <= 12 || m.Trigger == p.licensedBy) {
				p.Agents = addInts(p.Agents, organizationsOf(f.doc, m.Agents)...)
				m.dropped = true
			}
		}
	}
	// "the July plenum of that year expelled him": a plenum the sentence
	// introduces and its act are told as one event; "the plenum" named
	// before and what it did are two
	for _, p := range out {
		if p.Type != Plenum || p.licensedBy.Len() == 0 || !p.noun || p.Trigger.Start < 4 ||
			strings.EqualFold(strings.TrimSpace(f.doc.Text[p.Trigger.Start-4:p.Trigger.Start]), "the") {
			continue
		}
		for _, m := range out {
			if m.Type == Purge && !m.dropped && m.Trigger.Start == p.licensedBy.Start {
				p.Patients = addInts(p.Patients, m.Patients...)
				m.dropped = true
			}
		}
	}
	var kept []*draft
	for _, d := range out {
		if !d.dropped {
			kept = append(kept, d)
		}
	}
	out = kept
	for _, d := range out {
		if (d.Type == Publication || d.Type == Meeting && !d.header) && len(demands) > 0 {
			// "at a meeting ..., they demanded that X be removed": X is
			// the meeting's target, as the target of a text's call
			for _, c := range demands {
				d.Patients = addInts(d.Patients, c.ents...)
			}
			if d.Type == Meeting {
				// the target is not among those who met
				var agents []int
				for _, a := range d.Agents {
					if !hasInt(d.Patients, a) {
						agents = append(agents, a)
					}
				}
				d.Agents = agents
			}
			demands = nil
		}
		f.drafts = append(f.drafts, d)
	}
	// "Others are calling for the overthrow of ...": the demands continue a
	// text of the sentences before
	if len(demands) > 0 && len(out) == 0 {
		if p := f.recentPublication(si, 2); p != nil && v.callsFor() {
			for _, c := range demands {
				p.Patients = addInts(p.Patients, c.ents...)
			}
		}
	}
}

func (v *sentView) callsFor() bool {
	for _, t := range v.toks {
		if t.w == "calling" || t.w == "call" || t.w == "calls" || t.w == "demanding" {
			return true
		}
	}
	return false
}

// recentPublication is the last Publication within n sentences before si
// in the same paragraph.
func (f *eventFinder) recentPublication(si, n int) *draft {
	for i := len(f.drafts) - 1; i >= 0; i-- {
		d := f.drafts[i]
		if d.sent < si-n {
			break
		}
		if d.Type == Publication && f.doc.Sentences[d.sent].Paragraph == f.doc.Sentences[si].Paragraph {
			return d
		}
	}
	return nil
}

// newDraft starts an event at the trigger tokens [k, end).
func (v *sentView) newDraft(form *eventForm, k, end int) *draft {
	d := &draft{sent: v.si, kind: form.entry.kind, lemma: form.words[0], noun: form.class == formNoun}
	d.Type = form.entry.typ
	d.Trigger = Span{v.toks[k].Start, v.toks[end-1].End}
	d.Evidence = v.span
	cs, ce := v.clauseOf(k)
	d.clause = Span{v.toks[cs].Start, v.toks[ce-1].End}
	d.DateRef, d.Place = -1, -1
	switch {
	case form.entry.requires["create"]:
		d.class = "create"
	case form.entry.requires["spread"]:
		d.class = "spread"
	}
	return d
}

// --- verbs ----------------------------------------------------------------

// auxChain reads what stands before the verb at k in its clause: a
// passive (be), a modal or infinitive (not done), a negation, an
// adjectival use ("the reorganized committee").
func (v *sentView) auxChain(k, cs int) (passive, irrealis, negated, adjective bool) {
	passive, irrealis, negated, adjective, _ = v.auxiliaries(k, cs)
	return
}

// auxiliaries is auxChain, also telling whether any auxiliary stands
// before the verb.
func (v *sentView) auxiliaries(k, cs int) (passive, irrealis, negated, adjective, aux bool) {
	t := v.toks
	p := k - 1
	for p >= cs {
		w := t[p].w
		switch {
		case adverbs[w] || strings.HasSuffix(w, "ly") && !t[p].punct && len(w) > 3:
		case beForms[w]:
			passive, aux = true, true
			// "demanded that he be removed": a bare "be" wishes or
			// orders (after "to" or a modal, those decide)
			if w == "be" && (p == cs || t[p-1].w != "to" && !modals[t[p-1].w] && !adverbs[t[p-1].w] && !negations[t[p-1].w]) {
				irrealis = true
			}
		case haveForms[w]:
			aux = true
		case negations[w]:
			negated = true
		case modals[w]:
			irrealis = true
		case w == "to":
			irrealis = !v.directive(p, cs) && !(p == k-1 && v.decided(k))
			return
		case (determiners[w] || possessives[w]) && p == k-1:
			adjective = true
			return
		default:
			return
		}
		p--
	}
	return
}

// subjectBefore reports whether a pronoun or a name stands right before
// the verb at k (adverbs skipped).
func (v *sentView) subjectBefore(k, cs int) bool {
	p := k - 1
	for p >= cs && adverbs[v.toks[p].w] {
		p--
	}
	if p < cs {
		return false
	}
	if subjectPronouns[v.toks[p].w] || v.toks[p].w == "who" || v.toks[p].w == "which" || v.toks[p].w == "that" {
		return true
	}
	for _, c := range v.cands {
		if c.j == p+1 {
			return true
		}
	}
	return false
}

// presentBe reports whether the passive at k is in the present: "is",
// "are" or "am" directly before it, no "been".
func (v *sentView) presentBe(k, cs int) bool {
	for p := k - 1; p >= cs && p >= k-3; p-- {
		switch v.toks[p].w {
		case "is", "are", "am":
			return true
		case "was", "were", "been", "be":
			return false
		}
	}
	return false
}

// presentPerfect reports whether the verb at k follows "has" or "have".
func (v *sentView) presentPerfect(k, cs int) bool {
	for p := k - 1; p >= cs && p >= k-3; p-- {
		w := v.toks[p].w
		if w == "has" || w == "have" {
			return true
		}
		if !adverbs[w] && !beForms[w] && !negations[w] {
			return false
		}
	}
	return false
}

// directive reports whether the "to" at p follows a past order: "told
// them to broadcast it", "had him arrested".
func (v *sentView) directive(p, cs int) bool {
	for q := p - 1; q >= cs && q >= p-5; q-- {
		if directiveVerbs[v.toks[q].w] {
			return true
		}
		if v.toks[q].punct {
			return false
		}
	}
	return false
}

// clauseIrrealis reports whether the clause before token k wishes, asks
// for or conditions what follows ("they want the overthrow of", "if we
// had expelled").
func (v *sentView) clauseIrrealis(cs, k int) bool {
	if v.ask {
		return true
	}
	if cs < len(v.toks) {
		switch v.toks[cs].w {
		case "if", "unless", "whether":
			return true
		}
	}
	for p := cs; p < k; p++ {
		w := v.toks[p].w
		if irrealisVerbs[w] || modals[w] {
			return true
		}
		if negations[w] && p >= k-3 {
			return true
		}
	}
	return false
}

// verbEvent makes an event of a past verb, or returns nil.
func (v *sentView) verbEvent(form *eventForm, k, end int) *draft {
	cs, ce := v.clauseOf(k)
	passive, irrealis, negated, adjective, aux := v.auxiliaries(k, cs)
	if irrealis || negated || adjective || v.ask {
		return nil
	}
	// "is negotiating with": a progressive, not a passive; without "be"
	// a gerund ("the difficulty of negotiating with them") tells no act
	if strings.HasSuffix(v.toks[k].w, "ing") {
		if !passive {
			return nil
		}
		passive = false
	}
	// "lost his post", "has been in prison": the subject undergoes it
	if form.entry.requires["undergo"] {
		passive = true
	}
	// "a document written for the project": a participle with no
	// auxiliary describes a thing, it does not tell an act
	if participleOnly[v.toks[k].w] && !aux {
		return nil
	}
	// "speeches published in the press": the same, when no subject stands
	// before the verb and no object after it
	gapObject := end-k > len(form.words)-strings.Count(strings.Join(form.words, " "), "…") // "declared the presidency vacant": the gap holds an object
	if !aux && !gapObject && (form.entry.typ == Publication || form.entry.typ == Purge) && end < len(v.toks) && reducedRelativePreps[v.toks[end].w] && !v.subjectBefore(k, cs) {
		return nil
	}
	// "extracts are printed in": a present passive tells what is usual
	if passive && v.presentBe(k, cs) {
		return nil
	}
	// "who have seen their leaders and have talked to them": a present
	// perfect without a date tells of experience, not of one meeting
	if (form.entry.typ == Meeting || form.entry.typ == Publication) && v.presentPerfect(k, cs) && len(v.dates) == 0 {
		return nil
	}
	if cs < len(v.toks) && (v.toks[cs].w == "if" || v.toks[cs].w == "unless" || v.toks[cs].w == "whether") {
		return nil
	}
	// "what the press printed": no act in particular
	if cs < len(v.toks) && (v.toks[cs].w == "what" || v.toks[cs].w == "whatever") {
		return nil
	}
	// a wish further back in the clause: "they wanted him dismissed"
	for p := cs; p < k; p++ {
		if irrealisVerbs[v.toks[p].w] && !v.toks[p].punct {
			return nil
		}
	}
	if !v.requirementsMet(form, k, end, ce) {
		return nil
	}
	d := v.newDraft(form, k, end)
	left := v.candsIn(cs, k, d.Type)
	subjFrom, subjTo := cs, k
	// "resolved to remove A ..., and to remove B": the subject is the
	// decision's
	if p := v.decision(k); p >= 0 && form.class == formBase {
		subjFrom, _ = v.clauseOf(p)
		subjTo = p
		left = v.candsIn(subjFrom, subjTo, d.Type)
	}
	// "Hanoi radio has praised X's coup and attacked Y": a verb joined by
	// "and" shares the first verb's subject, not the names between
	if q := k - 1; q > cs {
		for q > cs && adverbs[v.toks[q].w] {
			q--
		}
		if v.toks[q].w == "and" {
			for p := cs; p < q; p++ {
				w := v.toks[p].w
				if !v.inMention(p) && (beForms[w] || haveForms[w] || v.f.el.isPast(w)) {
					left = v.candsIn(cs, p, d.Type)
					break
				}
			}
		}
	}
	// "The plenum, with one abstention, the abstention of Molotov,
	// resolved": the assembly that opens the clause is the subject
	if !passive && d.Type != Meeting {
		if at := v.assemblyAt(subjFrom, subjTo); at >= 0 && (len(left) == 0 || at < left[0].i) {
			if pl := v.f.assemblyNamed(v, subjFrom, subjTo); pl != nil {
				left = cands{{i: at, j: at + 1, ents: organizationsOf(v.doc(), pl.Agents), typ: Organization}}
				d.assembly = pl
			}
		}
	}
	// "The plenum expelled ...": the body whose plenum it was, on its day
	if len(left) == 0 && !passive {
		if pl := v.f.assemblyNamed(v, cs, k); pl != nil {
			left = cands{{i: cs, j: cs + 1, ents: organizationsOf(v.doc(), pl.Agents), typ: Organization}}
			d.assembly = pl
		}
	}
	right := v.candsAfter(end, ce, d.Type, form)
	// in a gap pattern ("solved Luo Ruiqing's case") the gap holds the object
	if len(form.words) > 1 {
		right = append(v.candsIn(k+1, end-1, d.Type), right...)
	}
	// "the group ..., which we overthrew": the object stands before the relative
	relative := cs > 0 && cs < len(v.toks) && (v.toks[cs].w == "which" || v.toks[cs].w == "whom")
	switch d.Type {
	case Meeting:
		d.Agents = entsOf(append(left, right.withoutBy().without("in")...))
		for _, c := range right.after("by") {
			d.Agents = addInts(d.Agents, c.ents...)
		}
	default:
		switch {
		case passive:
			d.Patients = entsOf(v.heads(left))
			// "Liri Belishova and Koço Tashko, who had been removed": the names before "who"
			if len(d.Patients) == 0 && cs > 0 && (v.toks[cs].w == "who" || v.toks[cs].w == "which") {
				d.Patients = entsOf(v.antecedent(cs))
			}
			d.Agents = addInts(entsOf(right.after("by")), v.byAgents(end, ce)...)
			if d.Type == Publication {
				d.anaphoric = v.objectAnaphoric(cs, k)
			}
		case relative:
			// "the group ..., which we overthrew": the object comes before
			d.Agents = entsOf(left)
			pcs, _ := v.clauseOf(max(cs-1, 0))
			d.Patients = entsOf(v.candsIn(pcs, cs, d.Type))
		default:
			d.Agents = entsOf(left)
			d.Patients = entsOf(right.withoutBy())
			if d.Type == Purge {
				// "removed X from the Presidium", "from his post as
				// Secretary of the Central Committee": the body left is no
				// patient
				var ps cands
				for _, c := range right.withoutBy().without("from") {
					if c.prep == "of" && c.typ == Organization {
						continue
					}
					ps = append(ps, c)
				}
				d.Patients = entsOf(ps)
			}
			if d.Type == Publication {
				d.Patients = entsOf(v.notOwners(right.withoutBy().without("in")))
				d.anaphoric = v.objectAnaphoric(end, ce)
				d.Patients = addInts(d.Patients, v.namedTargets(ce)...)
			}
		}
	}
	d.Place = v.place(cs, ce)
	return d
}

// requirementsMet checks a row's conditions.
func (v *sentView) requirementsMet(form *eventForm, k, end, ce int) bool {
	req := form.entry.requires
	after := func(word string) bool {
		for p := end; p < ce && p < end+7; p++ {
			if v.toks[p].w == word {
				return true
			}
		}
		return false
	}
	if req["from"] && !after("from") {
		return false
	}
	if req["of"] && form.words[len(form.words)-1] != "of" && !after("of") {
		return false
	}
	if req["date"] && !v.dateInClause(k, ce) {
		return false
	}
	if req["with"] && !after("with") && !after("to") {
		return false
	}
	// "called on the Soviet Union to withdraw" urges, it does not visit
	if req["noinf"] && after("to") {
		return false
	}
	// "spoke on 6 September": no one spoken with
	if req["alone"] && end < ce && (v.toks[end].w == "with" || v.toks[end].w == "to") {
		return false
	}
	if req["alone"] && after("with") {
		return false
	}
	if req["medium"] && !v.mediumSubject(k) {
		return false
	}
	if req["frombody"] {
		ok := false
		for p := k; p < ce && p < end+2; p++ {
			if v.toks[p].w != "from" {
				continue
			}
			for _, c := range v.cands {
				if c.i > p && c.i <= p+3 && c.typ == Organization {
					ok = true
				}
			}
		}
		if !ok {
			return false
		}
	}
	if req["person"] {
		// the person met: after the verb, or its subject in the passive
		cs, _ := v.clauseOf(k)
		passive, _, _, _ := v.auxChain(k, cs)
		zone := v.candsAfter(end, min(ce, end+4), Meeting, form)
		if passive {
			zone = v.candsIn(cs, k, Meeting)
		}
		ok := false
		for _, c := range zone {
			if c.typ == Person {
				ok = true
			}
		}
		if !ok {
			return false
		}
	}
	if req["body"] {
		ok := false
		for _, c := range v.cands {
			if c.typ == Organization {
				ok = true
			}
		}
		if !ok {
			return false
		}
	}
	return true
}

// decisionVerbs are the past verbs by which a body decides an act: the
// decision is the act ("the plenum resolved to remove ...").
var decisionVerbs = set("resolved voted")

// decided reports whether the base verb at k follows "resolved to", or
// an infinitive joined to one ("resolved to remove A ..., and to remove
// B").
func (v *sentView) decided(k int) bool { return v.decision(k) >= 0 }

// decision returns the index of the decision verb that the base verb at
// k carries out, or -1.
func (v *sentView) decision(k int) int {
	if k < 2 || v.toks[k-1].w != "to" {
		return -1
	}
	for p := k - 2; p >= 0 && p >= k-40; p-- {
		w := v.toks[p].w
		if decisionVerbs[w] && v.toks[p+1].w == "to" {
			if p == k-2 || v.toks[k-2].w == "and" {
				return p
			}
			return -1
		}
		if v.toks[p].punct && (w == "." || w == ";" || w == "?") {
			return -1
		}
	}
	return -1
}

// namedTargets returns the names a text's phrase goes on to attack or
// name after its clause ends at a quotation: 'printed a series on
// "counter-revolutionary writers" naming Háy and Déry but not Illyés'.
func (v *sentView) namedTargets(ce int) []int {
	t := v.toks
	q := ce
	if q > 0 && q < len(t) && isQuote(t[q-1].w) {
		// skip the quoted title
		for r := q; r < len(t) && r < ce+10; r++ {
			if isQuote(t[r].w) {
				q = r + 1
				break
			}
		}
	}
	if q >= len(t) || !contentWords[t[q].w] || t[q].w == "against" {
		return nil
	}
	_, e := v.clauseOf(q + 1)
	return entsOf(v.candsIn(q+1, e, Publication))
}

func isQuote(w string) bool { return w == "\"" || w == "“" || w == "”" }

// monthOfSpan turns a span of days within one month into the month
// ("1957-06-22/1957-06-29" → "1957-06"); other values are kept.
func monthOfSpan(v string) string {
	a, b, ok := strings.Cut(v, "/")
	if ok && len(a) == 10 && len(b) == 10 && a[:7] == b[:7] {
		return a[:7]
	}
	return v
}

// mediumWords name a medium that announces, praises or attacks.
var mediumWords = set("radio radios press newspaper newspapers paper papers agency television broadcasting daily weekly journal")

// mediumSubject reports whether the clause before the verb at k names a
// medium ("Radio Cairo", "Hanoi radio", "the press"), in a word or in the
// name of an organization.
func (v *sentView) mediumSubject(k int) bool {
	cs, _ := v.clauseOf(k)
	// the subject just before the verb, its auxiliaries and adverbs
	// skipped: "Radio Cairo had announced", "Hanoi radio has repeatedly
	// praised", not "told the press that he had attacked"
	p := k - 1
	for p >= cs && (adverbs[v.toks[p].w] || haveForms[v.toks[p].w] || beForms[v.toks[p].w] || strings.HasSuffix(v.toks[p].w, "ly")) {
		p--
	}
	for q := p; q >= cs && q > p-3 && !v.inMention(q); q-- {
		if mediumWords[v.toks[q].w] {
			return true
		}
		if v.toks[q].punct && v.toks[q].w != "'s" || v.toks[q].w == "that" || v.toks[q].cls&wcSay != 0 {
			return false
		}
	}
	// "Radio Cairo announced" with the medium's name as one mention
	for _, c := range v.cands {
		if c.j == p+1 && c.typ == Organization {
			name := strings.ToLower(v.doc().Entities[c.ents[0]].Name)
			for w := range mediumWords {
				if strings.Contains(name, w) {
					return true
				}
			}
		}
	}
	return false
}

// --- nouns ----------------------------------------------------------------

// nounEvent makes an event of a noun the sentence asserts, or returns nil.
func (v *sentView) nounEvent(form *eventForm, k, end int) *draft {
	cs, ce := v.clauseOf(k)
	if v.ask {
		return nil
	}
	t := v.toks
	// what stands before the noun phrase: determiners, adjectives,
	// ordinals, a possessor
	p := k - 1
	possessor := -1
	for p >= cs && k-p <= 6 {
		w, cls := t[p].w, t[p].cls // the classes: futureModifiers[w] and the like
		if t[p].punct && w != "'s" && w != "-" {
			break
		}
		if cls&wcFutureModifier != 0 {
			return nil // "the next congress"
		}
		if cls&wcDemonstrative != 0 && p >= k-3 && !(w == "that" && t[p+1].cls&wcDeterminer != 0) {
			return nil // "this meeting": one named before
		}
		if cls&wcPossessive != 0 || w == "'s" {
			possessor = p
		}
		if cls&(wcOccurrence|wcCreation|wcRealization|wcTimePrep|wcBe|wcHave) != 0 || w == "in" || w == "of" || w == "to" || w == "with" || w == "for" || w == "on" || w == "by" || w == "against" || w == "about" || w == "from" || w == "and" && p < k-1 {
			break
		}
		p--
	}
	licensed := ""
	var verbTok = -1
	if p >= cs {
		w := t[p].w
		switch {
		case timePreps[w] && (form.entry.typ == Plenum || form.entry.typ == Meeting):
			licensed = "time"
		case w == "in" && form.entry.typ == Plenum:
			licensed, verbTok = "in", p // "the Central Committee met in plenary session"
		case occurrenceVerbs[w] && (form.entry.typ == Plenum || form.entry.typ == Meeting):
			licensed, verbTok = "verb", p
		case creationVerbs[w] && form.entry.typ == Publication:
			licensed, verbTok = "verb", p
		case realizationVerbs[w] && (form.entry.typ == Purge || form.entry.typ == Other):
			licensed, verbTok = "verb", p
		}
		if verbTok >= 0 && licensed != "in" && licensed != "subject" {
			passive, irrealis, negated, _ := v.auxChain(verbTok, cs)
			if irrealis || negated || passive && form.entry.typ != Publication || v.clauseIrrealis(cs, verbTok) {
				return nil
			}
		}
	}
	// the subject of "was held", "met", "adopted"
	subjEnd := ce // the clause of the assembly's verb, when it is further on
	if licensed == "" && (form.entry.typ == Plenum || form.entry.typ == Meeting) {
		limit := ce
		for q, n := end, 0; n < 10; q++ {
			if q >= limit {
				// "the plenum of the Central Committee which met in
				// Moscow": the relative clause's verb is the assembly's
				switch {
				case q == limit && q < len(t) && (t[q].w == "which" || t[q].w == "that"):
					_, limit = v.clauseOf(q)
				case q == limit && q < len(t) && t[q].w == "(":
					// "(Lao Dong)": a parenthesis is skipped
					for q+1 < len(t) && t[q].w != ")" {
						q++
					}
					if q+1 >= len(t) {
						break
					}
					q++
					_, limit = v.clauseOf(q)
				}
				if q >= limit {
					break
				}
			}
			w := t[q].w
			if v.inMention(q) {
				continue // "the Plenum of the Central Committee of the League of Communists ... met"
			}
			n++
			if modals[w] || negations[w] {
				break // "the plenum will resume tomorrow"
			}
			if subjectPredicates[w] {
				if q+1 < len(t) && (w == "took" && t[q+1].w != "place") {
					break
				}
				licensed, verbTok, subjEnd = "subject", q, max(ce, limit)
				break
			}
			if t[q].punct && w == "(" {
				// "(Lao Dong)": a parenthesis is skipped
				for q+1 < len(t) && t[q].w != ")" {
					q++
				}
				if q+1 < len(t) {
					_, limit = v.clauseOf(q + 1)
				}
				continue
			}
			if beForms[w] && w == "be" {
				break // "that the discussions be resumed": wished
			}
			// "The Twentieth Congress, held in February": a reduced relative
			if t[q].punct && w == "," && q+1 < len(t) && (t[q+1].w == "held" || t[q+1].w == "convened") {
				if limit < len(t) && q+1 >= limit {
					_, limit = v.clauseOf(q + 1)
				}
				continue
			}
			if t[q].punct && w != "'s" && w != "'" {
				break
			}
		}
	}
	// "the Bucharest meeting in June", "the visit to Belgrade in 1955": an
	// assembly or meeting its own phrase dates in the past
	if licensed == "" && (form.entry.typ == Plenum || form.entry.typ == Meeting) && v.pastDatedPhrase(end, ce) {
		licensed = "dated"
	}
	// a diary's note: "Lunch at the Gerbeaud with ...", a meeting noun that
	// opens a sentence with no verb
	if licensed == "" && form.entry.typ == Meeting && k == 0 && cs == 0 && v.toks[k].upper && !v.hasVerb(cs, ce) {
		licensed = "note"
	}
	if licensed != "" && form.entry.requires["with"] {
		with := false
		for q := end; q < ce && q < end+8; q++ {
			if t[q].w == "with" {
				with = true
			}
		}
		if !with {
			return nil
		}
	}
	// a text that calls for something, or one's own text to someone
	if licensed == "" && form.entry.typ == Publication {
		for q := end; q < ce && q < end+3; q++ {
			if contentWords[t[q].w] {
				licensed = "content"
				break
			}
		}
		if licensed == "" && possessor >= 0 && (v.followedBy(end, ce, "to") || v.dateNear(k)) {
			licensed = "possessor"
		}
		// "the article in the New York Times of February 27": a dated text
		if licensed == "" && v.datedPhrase(end, ce) {
			licensed = "dated"
		}
		if licensed != "" && v.clauseIrrealis(cs, k) && licensed != "content" {
			return nil
		}
	}
	if licensed == "" {
		return nil
	}
	if licensed != "content" && licensed != "verb" && v.clauseIrrealis(cs, k) {
		return nil // "looking forward to seeing them at the reception"
	}
	if form.entry.requires["party"] && !v.partyAssembly(k, end, ce) {
		return nil
	}
	d := v.newDraft(form, k, end)
	d.definite = k > 0 && v.toks[k-1].w == "the" && (form.entry.kind == "conversation" || form.entry.kind == "meeting")
	if subjEnd > ce {
		d.clause.End = t[subjEnd-1].End
		ce = subjEnd
	}
	d.byTime = licensed == "time"
	d.named = form.entry.typ == Plenum && v.toks[k].upper
	d.modified = form.entry.typ == Plenum && k > 0 && !determiners[v.toks[k-1].w] && !v.toks[k-1].punct
	right := v.candsAfter(end, ce, d.Type, form)
	var left cands
	switch {
	case licensed == "subject":
		// "the Presidium arrested Beria, and how the July plenum": names
		// before another verb are that verb's
		from := cs
		for q := k - 1; q > cs; q-- {
			if !v.inMention(q) && (v.f.el.isPast(t[q].w) || haveForms[t[q].w] || beForms[t[q].w]) {
				from = q + 1
				break
			}
		}
		left = v.candsIn(from, k, d.Type)
		d.licensedBy = Span{t[verbTok].Start, t[verbTok].End}
	case verbTok >= 0:
		left = v.candsIn(cs, verbTok, d.Type)
		// "Bulganin, who chaired the meeting": the names before "who"
		if len(left) == 0 && cs > 0 && t[cs].w == "who" && t[cs-1].w == "," {
			left = v.antecedent(cs)
		}
		// "The congress confirmed the expulsion of ...": the body whose congress it was
		if len(left) == 0 && form.entry.typ != Plenum {
			if pl := v.f.assemblyNamed(v, cs, verbTok); pl != nil {
				left = cands{{i: cs, j: cs + 1, ents: organizationsOf(v.doc(), pl.Agents), typ: Organization}}
				d.assembly = pl
			}
		}
	}
	switch d.Type {
	case Meeting:
		d.Agents = entsOf(append(left, right.withoutBy().without("in")...))
	case Plenum:
		// "the 11th Plenum of the Central Committee", "we called an extensive meeting"
		for _, c := range right.after("of") {
			if c.typ == Organization {
				d.Agents = addInts(d.Agents, c.ents...)
				break
			}
		}
		// "the Congress of the Vietnam Workers' Party (Lao Dong)": the
		// party's name in a parenthesis after its phrase
		if len(d.Agents) == 0 && end < len(t) && t[end].w == "of" {
			for q := end + 1; q < len(t) && q < end+12; q++ {
				if t[q].w == "(" {
					for _, c := range v.cands {
						if c.i == q+1 && c.typ == Organization && c.j < len(t) && t[c.j].w == ")" {
							d.Agents = addInts(d.Agents, c.ents...)
						}
					}
					break
				}
				if t[q].punct && t[q].w != "'" && t[q].w != "'s" {
					break
				}
			}
		}
		// "the Central Committee Plenum"
		for _, c := range v.cands {
			if c.j == k && c.typ == Organization {
				d.Agents = addInts(d.Agents, c.ents...)
			}
		}
		if len(d.Agents) == 0 && licensed != "time" {
			d.Agents = entsOf(left.organizations())
		}
		if len(d.Agents) == 0 {
			d.Agents = v.f.namedAssemblyOwner(v.doc().Text[t[max(k-1, 0)].Start:t[end-1].End], d.Trigger.Start)
		}
		// "the July plenum": a plenum of the body whose plenum the text
		// told last ("the plenum" alone is that plenum, merged with it)
		if len(d.Agents) == 0 && k > 0 && t[k-1].w != "the" {
			for i := len(v.f.drafts) - 1; i >= 0; i-- {
				if o := v.f.drafts[i]; o.Type == Plenum && !o.dropped && (o.lemma == d.lemma || d.lemma == "plenum") && len(o.Agents) > 0 {
					d.Agents = addInts(d.Agents, organizationsOf(v.doc(), o.Agents)...)
					break
				}
			}
		}
	case Publication:
		d.Agents = entsOf(left)
		if possessor >= 0 {
			d.Agents = addInts(d.Agents, v.possessorEnts(possessor)...)
		}
		// "Tito opened the session with a speech": the subject spoke
		if p >= cs && t[p].w == "with" && len(d.Agents) == 0 {
			d.Agents = entsOf(v.subjectOf(cs, p))
		}
		d.Agents = addInts(d.Agents, entsOf(right.after("by"))...)
		d.Agents = addInts(d.Agents, v.byAgents(end, ce)...)
		// "the report of the Central Committee": the text's owner, not its target
		var targets cands
		for _, c := range right.withoutBy().without("in") {
			if c.prep == "of" && c.i <= end+2 {
				continue
			}
			targets = append(targets, c)
		}
		d.Patients = entsOf(targets)
		if len(d.Agents) == 0 {
			d.Agents = entsOf(right.after("in").organizations()) // the paper it appeared in
		}
		d.anaphoric = false
	default:
		d.Agents = entsOf(left)
		d.Patients = entsOf(right.withoutBy())
	}
	d.Place = v.place(cs, ce)
	return d
}

func (v *sentView) doc() *Document { return v.f.doc }

// assemblyNamed returns the last Plenum before this sentence when the
// clause's subject is "the plenum", "the congress", "the conference".
func (f *eventFinder) assemblyNamed(v *sentView, cs, k int) *draft {
	found := false
	for p := cs; p+1 < k; p++ {
		if v.toks[p].w == "the" && assemblyNouns[v.toks[p+1].w] {
			found = true
		}
	}
	if !found {
		return nil
	}
	for i := len(f.drafts) - 1; i >= 0; i-- {
		if d := f.drafts[i]; d.Type == Plenum && !d.dropped && d.sent >= v.si-6 {
			// "the plenum" after "the July plenum of 1953", told in
			// passing, is still the plenum the text is about: the last
			// one it introduced plainly ("the plenum of the Central
			// Committee")
			if d.modified {
				var plain *draft
				for j := i - 1; j >= 0; j-- {
					if o := f.drafts[j]; o.Type == Plenum && !o.dropped && !o.modified && !o.byTime && o.lemma == d.lemma {
						if o.Date != "" {
							return o // the one that told its date, not "the plenum lasted eight days"
						}
						if plain == nil {
							plain = o
						}
					}
				}
				if plain != nil {
					return plain
				}
			}
			return d
		}
	}
	return nil
}

var assemblyNouns = set("plenum congress conference session assembly meeting")

// assemblyAt returns where "the plenum" (or congress, conference ...)
// stands in [from, to), or -1.
func (v *sentView) assemblyAt(from, to int) int {
	for p := max(from, 0); p+1 < to; p++ {
		if v.toks[p].w == "the" && assemblyNouns[v.toks[p+1].w] {
			return p
		}
	}
	return -1
}

// subjectOf returns the names before the first verb-like word of the
// clause: its subject.
func (v *sentView) subjectOf(cs, limit int) cands {
	for p := cs; p < limit; p++ {
		w := v.toks[p].w
		if !v.inMention(p) && (strings.HasSuffix(w, "ed") || beForms[w] || haveForms[w] || v.f.el.isPast(w)) {
			return v.candsIn(cs, p, Publication)
		}
	}
	return nil
}

// byAgents are the names after "by" anywhere in the rest of the clause:
// "your message to the Congress, brought to us by comrade Kang Sheng".
func (v *sentView) byAgents(end, ce int) []int {
	var out []int
	for _, c := range v.candsIn(end, ce, Publication) {
		for p := c.i - 1; p >= end && p >= c.i-2; p-- {
			if v.toks[p].w == "by" {
				if c.typ != Place {
					out = addInts(out, c.ents...)
				}
				break
			}
		}
	}
	return out
}

func (v *sentView) followedBy(end, ce int, word string) bool {
	for q := end; q < ce && q < end+3; q++ {
		if v.toks[q].w == word {
			return true
		}
	}
	return false
}

// datedPhrase reports whether a date follows in the noun's phrase,
// after "of", "dated", "on" or "from", within eight words.
func (v *sentView) datedPhrase(end, ce int) bool {
	if end >= len(v.toks) {
		return false
	}
	limit := v.toks[min(end+8, ce, len(v.toks))-1].End
	for _, di := range v.dates {
		d := v.doc().Dates[di]
		if d.Start < v.toks[end].Start || d.Start > limit || strings.Contains(d.Value, "T") {
			continue
		}
		i, _ := v.tokenRange(d.Span)
		if i > 0 {
			switch v.toks[i-1].w {
			case "of", "dated", "on", "from":
				return true
			}
		}
	}
	return false
}

// pastDatedPhrase reports whether a date no later than the document's
// follows the noun that ends at end within its phrase, after "in", "on"
// or "of" ("the Bucharest meeting in June").
func (v *sentView) pastDatedPhrase(end, ce int) bool {
	if end >= len(v.toks) {
		return false
	}
	limit := v.toks[min(end+6, ce, len(v.toks))-1].End
	for _, di := range v.dates {
		d := v.doc().Dates[di]
		if d.Start < v.toks[end].Start || d.Start > limit || d.Value == "" || strings.Contains(d.Value, "T") {
			continue
		}
		i, _ := v.tokenRange(d.Span)
		if i <= 0 {
			continue
		}
		switch v.toks[i-1].w {
		case "in", "on", "of":
		default:
			continue
		}
		// a verb between the noun and the date makes it another clause's
		for q := end; q < i-1; q++ {
			if v.toks[q].punct || beForms[v.toks[q].w] || haveForms[v.toks[q].w] || modals[v.toks[q].w] {
				return false
			}
		}
		if ref := v.doc().Meta.Date; ref != "" && d.Value[:min(len(d.Value), len(ref))] > ref {
			return false
		}
		return true
	}
	return false
}

// hasVerb reports whether the clause [cs, ce) holds a finite verb the finder
// can tell: an auxiliary, a modal or a verb of saying.
func (v *sentView) hasVerb(cs, ce int) bool {
	for _, t := range v.toks[cs:ce] {
		if beForms[t.w] || haveForms[t.w] || modals[t.w] || sayVerbs[t.w] {
			return true
		}
	}
	return false
}

// antecedent returns the names that end just before the relative pronoun
// at cs, with those listed together with them ("A and B, who ...").
func (v *sentView) antecedent(cs int) cands {
	var group cands
	next := cs
	for i := len(v.cands) - 1; i >= 0; i-- {
		c := v.cands[i]
		if c.j > next {
			continue
		}
		gap := ""
		for p := c.j; p < next; p++ {
			gap += v.toks[p].w + " "
		}
		switch strings.TrimSpace(gap) {
		case "", ",", "and", ", and", "or", ", or":
			group = append(cands{c}, group...)
			next = c.i
			continue
		}
		break
	}
	return group
}

// notOwners drops the names that own a text named before them: "reprinted
// the editorial of Renmin Ribao" is not against Renmin Ribao.
func (v *sentView) notOwners(cs cands) cands {
	var out cands
	for _, c := range cs {
		if c.prep == "of" && c.i >= 2 {
			if w := v.toks[c.i-2].w; v.f.el.isText(w) || c.i >= 3 && v.toks[c.i-2].w == "the" && v.f.el.isText(v.toks[c.i-3].w) {
				continue
			}
		}
		out = append(out, c)
	}
	return out
}

// inRelativeClause reports whether a span lies in a clause that begins
// with "who", "whom" or "which".
func (v *sentView) inRelativeClause(sp Span) bool {
	i, _ := v.tokenRange(sp)
	if i >= len(v.toks) {
		return false
	}
	cs, _ := v.clauseOf(i)
	w := v.toks[cs].w
	return w == "who" || w == "whom" || w == "which"
}

// dateInClause reports whether a date lies in the clause of token k:
// "I told him that the cuts announced last year ..." is not dated.
func (v *sentView) dateInClause(k, ce int) bool {
	cs, _ := v.clauseOf(k)
	from, to := v.toks[cs].Start, v.toks[ce-1].End
	for _, di := range v.dates {
		if d := v.doc().Dates[di]; d.Start >= from && d.End <= to && d.Value != "" {
			return true
		}
	}
	return false
}

// dateNear reports whether a date touches the noun at k ("his January 6
// speech").
func (v *sentView) dateNear(k int) bool {
	for _, di := range v.dates {
		d := v.doc().Dates[di]
		if d.End <= v.toks[k].Start && v.toks[k].Start-d.End <= 2 {
			return true
		}
	}
	return false
}

// partyAssembly: a congress is a party's assembly when it is numbered
// ("Fifth Congress", "20th Congress"), a party's ("party congress"), or of
// a party ("Congress of the Party of Labor"); "Congress" alone is a
// legislature.
func (v *sentView) partyAssembly(k, end, ce int) bool {
	t := v.toks
	for p := k - 1; p >= 0 && p >= k-3; p-- {
		w := t[p].w
		if ordinalWordsLower[w] || w == "party" || w == "communist" || len(w) > 2 && (strings.HasSuffix(w, "th") || strings.HasSuffix(w, "st") || strings.HasSuffix(w, "nd") || strings.HasSuffix(w, "rd")) && w[0] >= '0' && w[0] <= '9' {
			return true
		}
		if t[p].punct {
			break
		}
	}
	for _, c := range v.cands {
		if c.i >= end && c.i <= end+3 && c.typ == Organization && end < len(t) && t[end].w == "of" {
			if strings.Contains(strings.ToLower(v.doc().Entities[c.ents[0]].Name), "party") {
				return true
			}
		}
	}
	return false
}

// namedAssemblyOwner: "During the recent Fifth Congress" names the body
// it was of where the text first gave it in full ("the Fifth Congress of
// the Party of Labor of Albania").
func (f *eventFinder) namedAssemblyOwner(phrase string, before int) []int {
	words := strings.Fields(phrase)
	if len(words) < 2 {
		return nil
	}
	name := strings.Join(words[len(words)-2:], " ")
	if r, _ := utf8.DecodeRuneInString(name); !unicode.IsUpper(r) {
		return nil
	}
	// The search for a name goes on from where the last one for the
	// same name stopped (the sentences come in text order): a name
	// repeated in every sentence is not sought from the start each time.
	s := f.owners[name]
	if s == nil {
		if f.owners == nil {
			f.owners = map[string]*ownerSearch{}
		}
		s = &ownerSearch{at: -1}
		f.owners[name] = s
	}
	doc := f.doc
	for s.at < 0 && s.next < len(doc.Text) {
		i := s.next
		j := strings.Index(doc.Text[i:], name)
		if j < 0 {
			s.next = len(doc.Text)
			break
		}
		if i+j >= before {
			break // the next search begins here again
		}
		at := i + j + len(name)
		s.next = at
		if strings.HasPrefix(doc.Text[at:], " of ") {
			if e := f.organizationAt(at, at+12); e >= 0 {
				s.at, s.start, s.entity = at, i+j, e
			}
		}
	}
	if s.at >= 0 && s.start < before {
		return []int{s.entity}
	}
	return nil
}

// ownerSearch is the state of namedAssemblyOwner's search for one name:
// where it goes on, and the first occurrence found with its body.
type ownerSearch struct {
	next      int // where the search goes on
	at, start int // the occurrence found (its end and start), at -1 while none
	entity    int
}

// organizationAt returns the entity of the first organization mention
// (in the order of doc.Mentions) that starts within [from, to], or -1.
func (f *eventFinder) organizationAt(from, to int) int {
	ms := f.doc.Mentions
	sorted := f.mentionsSorted()
	k := 0
	if sorted {
		k = sort.Search(len(ms), func(i int) bool { return ms[i].Start >= from })
	}
	for ; k < len(ms); k++ {
		m := ms[k]
		if sorted && m.Start > to {
			break
		}
		if m.Start >= from && m.Start <= to && m.Type == Organization && m.Entity >= 0 {
			return m.Entity
		}
	}
	return -1
}

// mentionsSorted reports whether the document's mentions are in text
// order, as FindMentions leaves them (worked out once).
func (f *eventFinder) mentionsSorted() bool {
	if f.sorted == 0 {
		f.sorted = -1
		if slices.IsSortedFunc(f.doc.Mentions, func(a, b Mention) int { return a.Start - b.Start }) {
			f.sorted = 1
		}
	}
	return f.sorted > 0
}

// possessorEnts resolves the possessor at token p: "your", "Mao's".
func (v *sentView) possessorEnts(p int) []int {
	if v.toks[p].w == "'s" {
		for _, c := range v.cands {
			if c.j == p {
				return c.ents
			}
		}
		return nil
	}
	for _, c := range v.cands {
		if c.i == p {
			return c.ents
		}
	}
	if pronouns[v.toks[p].w] {
		return v.f.resolvePronoun(v, p, Publication)
	}
	return nil
}

// objectAnaphoric: the object of the act is "it" or "this article" — an
// act named before.
func (v *sentView) objectAnaphoric(from, to int) bool {
	for p := from; p < to && p < from+3; p++ {
		w := v.toks[p].w
		if w == "it" || w == "this" || w == "that" || w == "these" || w == "those" {
			return true
		}
	}
	return false
}

// demanded returns the targets of an act the sentence wants or calls for
// ("calling for the overthrow of X", "they want to overthrow him").
func (v *sentView) demanded(form *eventForm, k, end int) []cand {
	if form.entry.typ != Purge {
		return nil
	}
	cs, ce := v.clauseOf(k)
	wished := false
	for p := max(cs, k-4); p < k; p++ {
		if irrealisVerbs[v.toks[p].w] || v.toks[p].w == "for" {
			wished = true
		}
	}
	// "demanded that Khrushchev be removed": a subjunctive passive, its
	// subject the target
	subjunctive := k > cs && v.toks[k-1].w == "be" && (k-1 == cs || !modals[v.toks[k-2].w] && v.toks[k-2].w != "to")
	if !wished && !subjunctive {
		return nil
	}
	var out []cand
	if subjunctive {
		from := max(cs, k-6)
		for p := k - 2; p >= cs; p-- {
			if v.toks[p].w == "that" {
				from = p + 1
				break
			}
		}
		for _, c := range v.candsIn(from, k-1, Purge) {
			if c.typ == Person {
				out = append(out, c)
			}
		}
	}
	// "calling for my overthrow": the possessor
	if k > 0 && possessives[v.toks[k-1].w] {
		if ents := v.f.resolvePronoun(v, k-1, Purge); len(ents) > 0 {
			out = append(out, cand{i: k - 1, j: k, ents: ents, typ: v.doc().Entities[ents[0]].Type})
		}
	}
	for _, c := range v.candsAfter(end, ce, Purge, form).withoutBy() {
		if c.typ != Place {
			out = append(out, c)
		}
	}
	return out
}

// --- participants -----------------------------------------------------------

type cands []cand

func entsOf(cs []cand) []int {
	var out []int
	for _, c := range cs {
		if c.typ == Place {
			continue
		}
		out = addInts(out, c.ents...)
	}
	return out
}

// withoutBy drops the candidates after "by" (the agents of a passive) and
// after "from" (the body one is removed from).
func (cs cands) withoutBy() cands {
	var out cands
	for _, c := range cs {
		if c.prep != "by" && c.prep != "from" {
			out = append(out, c)
		}
	}
	return out
}

// without drops the candidates after the preposition.
func (cs cands) without(prep string) cands {
	var out cands
	for _, c := range cs {
		if c.prep != prep {
			out = append(out, c)
		}
	}
	return out
}

func (cs cands) after(word string) cands {
	var out cands
	for _, c := range cs {
		if c.prep == word {
			out = append(out, c)
		}
	}
	return out
}

func (cs cands) organizations() cands {
	var out cands
	for _, c := range cs {
		if c.typ == Organization {
			out = append(out, c)
		}
	}
	return out
}

// candsIn returns the participants in tokens [from, to): entity mentions
// and resolved pronouns.
func (v *sentView) candsIn(from, to int, typ EventType) cands {
	var out cands
	// the candidates are in token order: those in range are one run
	first := sort.Search(len(v.cands), func(k int) bool { return v.cands[k].i >= from })
	for _, c := range v.cands[first:] {
		if c.i >= to {
			break
		}
		out = append(out, c)
	}
	for p := max(from, 0); p < to && p < len(v.toks); p++ {
		if v.possessiveDeterminer(p) {
			continue // "our Central Committee": part of a name, not a participant
		}
		if pronouns[v.toks[p].w] && !v.toks[p].punct && !v.inMention(p) {
			if ents := v.f.resolvePronoun(v, p, typ); len(ents) > 0 {
				out = append(out, cand{i: p, j: p + 1, ents: ents, typ: v.doc().Entities[ents[0]].Type})
			}
		}
	}
	slices.SortFunc(out, func(a, b cand) int { return a.i - b.i })
	return out
}

// heads drops the names that only modify another noun: "the enemies of
// the Communist Party" were unmasked, not the party; but "the group of
// Peng Dehuai" stands for its members.
func (v *sentView) heads(cs cands) cands {
	var out cands
	for _, c := range cs {
		if c.i >= 2 && v.toks[c.i-1].w == "of" && !v.toks[c.i-2].punct && !v.toks[c.i-2].upper && !collectiveNouns[v.toks[c.i-2].w] && !v.inMention(c.i-2) {
			continue
		}
		out = append(out, c)
	}
	return out
}

var collectiveNouns = set("group groups clique faction gang members member leaders leadership followers supporters case cases people circle bloc")

// possessiveDeterminer reports whether the pronoun at p stands before a
// noun ("our party", "his posts", "her speech").
func (v *sentView) possessiveDeterminer(p int) bool {
	w := v.toks[p].w
	if !possessives[w] && w != "her" {
		return false
	}
	if p+1 >= len(v.toks) || v.toks[p+1].punct {
		return false
	}
	n := v.toks[p+1].w
	if w == "her" && (n == "to" || n == "that" || n == "and" || n == "in" || n == "on" || n == "at" || n == "by" || n == "with" || n == "for" || n == "about") {
		return false // "told her that"
	}
	return true
}

// candsAfter returns the participants of a trigger's right side up to the
// clause end, each marked (in prep) with the preposition it follows: "by",
// "from", "in" (also for "at" and "on"), "to", "of", "with", "against", or
// "" for a direct object. A comma ends the right side unless a list of
// names goes on after it ("the group of Peng Dehuai, Huang Kecheng, and
// Zhang Wentian").
func (v *sentView) candsAfter(end, ce int, typ EventType, form *eventForm) cands {
	for p := end; p < ce; p++ {
		if v.toks[p].w != "," {
			continue
		}
		q := p + 1
		if q < ce && (v.toks[q].w == "and" || v.toks[q].w == "or") {
			q++
		}
		if q >= ce || !v.startsMention(q) {
			ce = p
			break
		}
	}
	var cs cands
	for _, c := range v.candsIn(end, ce, typ) {
		if c.j < len(v.toks) && v.toks[c.j].w == "'s" {
			continue // "the text of Tito's speech": Tito wrote it, it is not against him
		}
		cs = append(cs, c)
	}
	for i := range cs {
		cs[i].prep = ""
		for p := cs[i].i - 1; p >= end && p >= cs[i].i-4; p-- {
			w := v.toks[p].w
			if w == "by" || w == "from" || w == "to" || w == "of" || w == "with" || w == "against" || w == "in" || w == "at" || w == "on" {
				cs[i].prep = w
				if w == "at" || w == "on" {
					cs[i].prep = "in"
				}
				break
			}
			if v.toks[p].punct && w != "'s" && w != "," {
				break
			}
		}
	}
	return cs
}

func (v *sentView) startsMention(k int) bool {
	i := sort.Search(len(v.cands), func(n int) bool { return v.cands[n].i >= k })
	return i < len(v.cands) && v.cands[i].i == k
}

// place is the first place named in the clause (or an organization after
// "at": "at Peking University"), or -1.
func (v *sentView) place(cs, ce int) int {
	for _, c := range v.cands {
		if c.i < cs || c.i >= ce || c.i == 0 {
			continue
		}
		prep := v.toks[c.i-1].w
		if c.typ == Place && (prep == "in" || prep == "at" || prep == "to" || prep == "near" || prep == "visited") {
			return c.ents[0]
		}
		if prep == "at" && c.typ == Organization {
			return c.ents[0]
		}
	}
	return -1
}

// --- pronouns ---------------------------------------------------------------

// resolvePronoun resolves the pronoun at token p to entities: I to the
// speaker, we to the speaker's party (in a meeting, the speaker), you to
// the one spoken to, he and she to the person last named, they to the
// persons or bodies last named together.
func (f *eventFinder) resolvePronoun(v *sentView, p int, typ EventType) []int {
	doc := f.doc
	w := v.toks[p].w
	turn := doc.Sentences[v.si].Turn
	speaker := -1
	if turn >= 0 {
		speaker = doc.Turns[turn].Speaker
	}
	switch w {
	case "i", "me", "my", "myself":
		if speaker >= 0 {
			return []int{speaker}
		}
	case "we", "us", "our", "ourselves":
		if speaker < 0 {
			return nil
		}
		if typ == Meeting {
			return []int{speaker}
		}
		if c := f.collective(speaker); c >= 0 {
			return []int{c}
		}
		return nil // a body the text does not name
	case "you", "your":
		if turn < 0 || p > 0 && v.toks[p-1].w == "of" {
			return nil // "some of you": unnamed
		}
		for t := turn - 1; t >= 0 && t >= turn-3; t-- {
			if s := doc.Turns[t].Speaker; s >= 0 && s != speaker {
				return []int{s}
			}
		}
	case "he", "him", "his", "himself", "she", "her", "herself":
		if g := f.lastNamed(v, p, false); len(g) > 0 {
			return g[len(g)-1:]
		}
	case "they", "them", "their", "themselves":
		return f.lastNamed(v, p, true)
	}
	return nil
}

// lastNamed returns the persons named last before token p of the
// sentence (with group, all those named together with the last: "Kang
// Sheng and Chen Boda"), looking back through the sentences of the same
// speaker.
func (f *eventFinder) lastNamed(v *sentView, p int, group bool) []int {
	doc := f.doc
	cur := doc.Sentences[v.si]
	for si, back := v.si, 0; si >= 0 && back <= 4; si-- {
		s := doc.Sentences[si]
		if si != v.si {
			if s.Paragraph != cur.Paragraph && (cur.Turn < 0 || s.Turn < 0) {
				if back >= 2 {
					break
				}
			}
			if cur.Turn >= 0 && s.Turn >= 0 && s.Turn != cur.Turn && doc.Turns[s.Turn].Speaker != doc.Turns[cur.Turn].Speaker {
				continue // another speaker's reply
			}
			back++
		}
		if s.End <= doc.Meta.Body.Start {
			break // not into the header's lists
		}
		var ms []*Mention
		for _, m := range f.mentionAt[si] {
			if si == v.si && m.Start >= v.toks[p].Start {
				continue
			}
			if m.Type == Person || group && m.Type == Organization {
				ms = append(ms, m)
			}
		}
		if len(ms) == 0 {
			continue
		}
		sort.Slice(ms, func(a, b int) bool { return ms[a].Start < ms[b].Start })
		last := ms[len(ms)-1]
		if !group && si != v.si {
			last = ms[0] // in an earlier sentence, its first person: most often its subject
		}
		out := []int{last.Entity}
		if group {
			for i := len(ms) - 2; i >= 0; i-- {
				gap := strings.TrimSpace(doc.Text[ms[i].End:ms[i+1].Start])
				gap = strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(gap, ","), " "))
				if gap == "" || gap == "and" || gap == ", and" || gap == "," || gap == "and comrade" || gap == "as well as" {
					out = append([]int{ms[i].Entity}, out...)
					continue
				}
				break
			}
		}
		return out
	}
	return nil
}

// collective is the body a speaker's "we" stands for: the party he
// belongs to, or the party of his country.
func (f *eventFinder) collective(speaker int) int {
	if c, ok := f.byPerson[speaker]; ok {
		return c
	}
	doc := f.doc
	best := -1
	isParty := func(i int) bool {
		e := doc.Entities[i]
		if e.Type != Organization {
			return false
		}
		if f.lex != nil {
			for _, n := range f.lex.Lookup(e.Name) {
				if n.Type == Organization {
					return n.Kind == "party"
				}
			}
		}
		return strings.Contains(e.Name, "Party")
	}
	for _, o := range doc.Entities[speaker].MemberOf {
		if o >= 0 && o < len(doc.Entities) && isParty(o) {
			best = o
			break
		}
	}
	if best < 0 {
		// the countries the speaker speaks of, weighted by how often
		countries := map[string]int{}
		if nat := doc.Entities[speaker].Nationality; nat != "" {
			countries[f.canonicalPlace(nat)] += 100
		}
		sorted := f.mentionsSorted()
		if f.turnsOf == nil {
			// each speaker's turns, found once for all speakers
			f.turnsOf = map[int][]int{}
			for ti, t := range doc.Turns {
				f.turnsOf[t.Speaker] = append(f.turnsOf[t.Speaker], ti)
			}
		}
		for _, ti := range f.turnsOf[speaker] {
			t := doc.Turns[ti]
			k := 0
			if sorted {
				k = sort.Search(len(doc.Mentions), func(i int) bool { return doc.Mentions[i].Start >= t.Start })
			}
			for ; k < len(doc.Mentions); k++ {
				m := doc.Mentions[k]
				if sorted && m.Start >= t.End {
					break
				}
				if m.Type == Place && t.Contains(m.Span) && m.Entity >= 0 {
					countries[f.canonicalPlace(doc.Entities[m.Entity].Name)]++
				}
			}
		}
		// the first party (in the order of the entities) of the country
		// spoken of most: the parties by country are found once for all
		// speakers
		if f.partyOf == nil {
			f.partyOf = map[string]int{}
			for i := range doc.Entities {
				if !isParty(i) || f.lex == nil {
					continue
				}
				for _, n := range f.lex.Lookup(doc.Entities[i].Name) {
					if n.Type == Organization && n.Country != "" {
						if c := f.canonicalPlace(n.Country); !hasKey(f.partyOf, c) {
							f.partyOf[c] = i
						}
					}
				}
			}
		}
		score := 0
		for c, s := range countries {
			i, ok := f.partyOf[c]
			if !ok || s <= 0 {
				continue
			}
			if s > score || s == score && i < best {
				best, score = i, s
			}
		}
	}
	f.byPerson[speaker] = best
	return best
}

func hasKey(m map[string]int, k string) bool {
	_, ok := m[k]
	return ok
}

func (f *eventFinder) canonicalPlace(name string) string {
	if f.lex != nil {
		for _, n := range f.lex.Lookup(name) {
			if n.Type == Place {
				return n.Name
			}
		}
	}
	return name
}

// --- the document's own meeting ---------------------------------------------

// headerMeeting makes the event of the conversation a record or
// memorandum is of: its time-of-meeting line or dateline, participants
// (the participants list, those the title says it is between, the
// speakers of the transcript, not interpreters), place and date.
func (f *eventFinder) headerMeeting() {
	doc := f.doc
	var evidence Span
	var participants []Span
	place := Span{-1, -1}
	for _, fl := range doc.Meta.Fields {
		l := strings.ToLower(fl.Label)
		switch {
		case strings.HasPrefix(l, "time of") || strings.HasPrefix(l, "date of"):
			if evidence.Len() == 0 {
				evidence = f.lineOf(fl.Span)
			}
		case l == "participants" || l == "present":
			participants = append(participants, fl.Span)
		case strings.HasPrefix(l, "place of") || strings.HasPrefix(l, "location of") || strings.HasPrefix(l, "venue of"):
			place = fl.Span
		}
	}
	conversation := conversationTitleRE.matchString(doc.Meta.Title) || len(doc.Turns) > 0
	titled := false // the meeting is the one the title names
	if evidence.Len() == 0 && len(participants) == 0 && len(doc.Turns) == 0 && conversation {
		// "Title: ... Report of Comrade X to the Meeting of the Party
		// Aktiv": the title's sentence that names the meeting, with
		// whoever it names
		for _, fl := range doc.Meta.Fields {
			if !strings.EqualFold(fl.Label, "title") || fl.Span.Len() == 0 {
				continue
			}
			title := doc.Text[fl.Span.Start:fl.Span.End]
			if loc := conversationTitleRE.findStringIndex(title); loc != nil {
				// the sentence's start: after a full stop that ends a word
				// longer than an initial ("A. B. Aristov")
				a := loc[0]
				for {
					i := strings.LastIndex(title[:a], ". ")
					if i < 0 {
						a = 0
						break
					}
					r1, n1 := utf8.DecodeLastRuneInString(title[:i])
					r2, _ := utf8.DecodeLastRuneInString(title[:i-n1])
					if unicode.IsLetter(r1) && unicode.IsLetter(r2) {
						a = i + 2
						break
					}
					a = i
				}
				b := strings.Index(title[loc[1]:], ". ")
				if b < 0 {
					b = len(title)
				} else {
					b += loc[1]
				}
				evidence = trimSpan(doc.Text, Span{fl.Span.Start + a, fl.Span.Start + b})
				titled = true
			}
			break
		}
	}
	if evidence.Len() == 0 {
		if !conversation && len(participants) == 0 {
			return // a telegram or report: no meeting of its own
		}
		// the dateline: the first line that holds the document's date
		for _, d := range doc.Dates {
			if d.Value == doc.Meta.Date && (d.Start < doc.Meta.Body.Start || d.Sentence < 3) {
				evidence = f.lineOf(d.Span)
				break
			}
		}
	}
	if evidence.Len() == 0 {
		return
	}
	h := &draft{header: true, kind: "conversation", ownDate: true}
	h.Type = Meeting
	h.Evidence, h.Trigger = evidence, evidence
	h.DateRef, h.Place = -1, -1
	h.Date = doc.Meta.Date
	for di, d := range doc.Dates {
		if evidence.Contains(d.Span) && d.Value != "" && !strings.Contains(d.Value, "T") {
			h.Date, h.DateRef = d.Value, di
			break
		}
	}
	// who took part
	// "Dr. Paul Crane, Interpreter", "Fan Ke (interpreter)"
	interpreter := func(m Mention) bool {
		line := f.lineOf(m.Span)
		rest := strings.ToLower(strings.TrimLeft(doc.Text[m.End:line.End], " ,(–—-"))
		return strings.HasPrefix(rest, "interpreter") || strings.HasPrefix(rest, "translator")
	}
	// many mentions share a line: search each line once, and only a line
	// that holds one of the nouns (in lower case, where the lower-case
	// text keeps the offsets and no 'ſ' matches an 's')
	betweenAt := map[Span][]int{}
	lower, aligned := doc.lowerText()
	between := func(line Span) []int {
		loc, ok := betweenAt[line]
		if !ok {
			text := doc.Text[line.Start:line.End]
			if !aligned || strings.Contains(text, "ſ") || conversationNouns.holds(lower[line.Start:line.End]) {
				loc = conversationBetweenRE.findStringIndex(text)
			}
			betweenAt[line] = loc
		}
		return loc
	}
	for _, m := range doc.Mentions {
		if m.Type != Person || m.Entity < 0 {
			continue
		}
		in := false
		for _, p := range participants {
			if p.Contains(m.Span) {
				in = true
			}
		}
		if !in && m.Start < doc.Meta.Body.Start+3000 {
			line := f.lineOf(m.Span)
			if loc := between(line); loc != nil && m.Start >= line.Start+loc[1] {
				// up to the end of the phrase: a closing quote, a bracket, a full stop
				rest := doc.Text[line.Start+loc[1] : line.End]
				stop := len(rest)
				if i := strings.IndexAny(rest, "\"”(;"); i >= 0 {
					stop = i
				}
				if i := phraseEnd(rest); i >= 0 && i < stop {
					stop = i
				}
				in = m.End <= line.Start+loc[1]+stop
			}
		}
		if titled && evidence.Contains(m.Span) {
			in = true
		}
		if in && !interpreter(m) {
			h.Agents = addInts(h.Agents, m.Entity)
		}
	}
	for _, t := range doc.Turns {
		if t.Speaker >= 0 {
			h.Agents = addInts(h.Agents, t.Speaker)
		}
	}
	if place.Start >= 0 {
		for _, m := range doc.Mentions {
			if place.Contains(m.Span) && m.Entity >= 0 && (m.Type == Place || h.Place < 0) {
				h.Place = m.Entity
			}
		}
	}
	if h.Place < 0 && doc.Meta.Place != "" {
		h.Place = doc.EntityByName(Place, doc.Meta.Place)
		if h.Place < 0 {
			for _, m := range doc.Mentions {
				if m.Type == Place && m.Entity >= 0 && m.Text == doc.Meta.Place {
					h.Place = m.Entity
					break
				}
			}
		}
	}
	f.header = h
	f.drafts = append(f.drafts, h)
}

var (
	conversationTitleRE   = mustCompileWord(`(?i)\b(?:conversation|meeting|talks?|discussion|interview|audience)\b`)
	conversationBetweenRE = mustCompileWord(`(?i)\b(?:conversation|meeting|talks?|discussions?|interview)\s+(?:between|with)\b`)
	conversationNouns     = wordList{"conversation", "meeting", "talk", "discussion", "interview"}
)

// phraseEnd returns where the first full stop after a word of two or more
// lower-case letters begins, two letters before the stop ("talks in
// Beijing on the situation in Laos. He"): the stop ends the text or a
// space follows it. It is -1 when there is none. (It is the expression
// [a-z]{2}\.(?:\s|$), without the expression: run on every mention of a
// long line, that was slow.)
func phraseEnd(s string) int {
	for i := 0; i+3 <= len(s); i++ {
		if isLowerASCII(s[i]) && isLowerASCII(s[i+1]) && s[i+2] == '.' && (i+3 == len(s) || isRegexpSpace(s[i+3])) {
			return i
		}
	}
	return -1
}

func isLowerASCII(c byte) bool { return 'a' <= c && c <= 'z' }

// wordList is a few lower-case words; holds reports whether a lower-case
// text contains one of them (as part of any word).
type wordList []string

func (wl wordList) holds(lower string) bool {
	for _, w := range wl {
		if strings.Contains(lower, w) {
			return true
		}
	}
	return false
}

// lineOf widens a span to its line.
func (f *eventFinder) lineOf(s Span) Span {
	text := f.doc.Text
	a := strings.LastIndexByte(text[:s.Start], '\n') + 1
	b := strings.IndexByte(text[s.End:], '\n')
	if b < 0 {
		b = len(text)
	} else {
		b += s.End
	}
	return trimSpan(text, Span{a, b})
}

// --- dates --------------------------------------------------------------------

var happenedRE = regexp.MustCompile(`(?i)^(?:this|that|it|all this|all of this)\s+(?:happened|took place|occurred|was)\b`)

// date dates an event: a date of its sentence, else those of a following
// "This happened in ...", else the last date of the paragraph or turn.
func (f *eventFinder) date(d *draft, v *sentView) {
	doc := f.doc
	best, bestDist := -1, 1<<30
	for _, di := range v.dates {
		dt := doc.Dates[di]
		if dt.Value == "" {
			continue
		}
		if v.inRelativeClause(dt.Span) && !d.clause.Contains(dt.Span) {
			continue // "X, who had been removed in September 1960": X's date, not this act's
		}
		if w, _ := wordBefore(doc.Text, dt.Start); strings.EqualFold(w, "since") && !d.clause.Contains(dt.Span) {
			continue // "has not printed a word since November": another clause's state
		}
		dist := abs(dt.Start - d.Trigger.Start)
		if !d.clause.Contains(dt.Span) {
			dist += 1 << 16 // another clause's date only if the trigger's has none
		}
		if strings.Contains(dt.Value, "T") {
			dist += 1 << 20 // a time of day only if nothing else
		}
		if dist < bestDist {
			best, bestDist = di, dist
		}
	}
	if best >= 0 {
		d.Date, d.DateRef, d.ownDate = dayValue(doc.Dates[best].Value), best, true
		return
	}
	if si := v.si + 1; si < len(doc.Sentences) && doc.Sentences[si].Paragraph == doc.Sentences[v.si].Paragraph {
		s := doc.Sentences[si]
		if happenedRE.MatchString(doc.Text[s.Start:s.End]) {
			var ds []int
			for _, di := range f.datesAt[si] {
				if dt := doc.Dates[di]; dt.Value != "" && !strings.Contains(dt.Value, "T") {
					ds = append(ds, di)
				}
			}
			if len(ds) > 0 {
				first, last := doc.Dates[ds[0]].Value, doc.Dates[ds[len(ds)-1]].Value
				a, _, _ := strings.Cut(first, "/")
				_, b, isSpan := strings.Cut(last, "/")
				if !isSpan {
					b = last
				}
				d.Date, d.DateRef, d.ownDate = a, ds[0], true
				if a != b {
					d.Date = a + "/" + b
				}
				return
			}
		}
	}
	if d.assembly != nil && d.assembly.Date != "" {
		// an act of an assembly that sat several days of one month, on a
		// day the text does not give, is dated by the month (as the gold
		// dates "the plenum resolved" of a plenum of 22 to 29 June)
		d.Date, d.DateRef, d.ownDate = monthOfSpan(d.assembly.Date), d.assembly.DateRef, true
		return
	}
	// the last date before, in the same paragraph or turn, three sentences
	// back at most; at a paragraph's start, a heading that is only a day
	// (a diary's entry)
	cur := doc.Sentences[v.si]
	for si := v.si - 1; si >= 0 && si >= v.si-3; si-- {
		s := doc.Sentences[si]
		if s.Paragraph != cur.Paragraph && (cur.Turn < 0 || s.Turn != cur.Turn) {
			if ds := f.datesAt[si]; cur.Turn < 0 && len(ds) == 1 && doc.Dates[ds[0]].Value != "" && ownParagraph(doc, si) &&
				headingOnly(doc.Text[s.Start:s.End], doc.Dates[ds[0]].Text) {
				d.Date, d.DateRef = dayValue(doc.Dates[ds[0]].Value), ds[0]
			}
			break
		}
		ds := f.datesAt[si]
		for i := len(ds) - 1; i >= 0; i-- {
			if dt := doc.Dates[ds[i]]; dt.Value != "" {
				d.Date, d.DateRef = dayValue(dt.Value), ds[i]
				return
			}
		}
	}
	// "The plenum resolved to remove A. B was reduced to a candidate
	// member": an act of a series told with the act before it
	if d.Date == "" {
		for i := len(f.drafts) - 1; i >= 0; i-- {
			o := f.drafts[i]
			if o.sent < v.si-2 {
				break
			}
			if o.sent < v.si && o.Type == d.Type && !o.dropped && o.Date != "" && doc.Sentences[o.sent].Paragraph == cur.Paragraph {
				d.Date, d.DateRef = o.Date, o.DateRef
				break
			}
		}
	}
}

// dayValue drops a time of day: an event is dated to its day.
func dayValue(v string) string {
	if a, b, ok := strings.Cut(v, "/"); ok {
		a, b = dayValue(a), dayValue(b)
		if a == b {
			return a
		}
		return a + "/" + b
	}
	if d, _, ok := strings.Cut(v, "T"); ok {
		return d
	}
	return v
}

// --- merging ------------------------------------------------------------------

func (d *draft) absorb(o *draft) {
	d.Agents = addInts(d.Agents, o.Agents...)
	d.Patients = addInts(d.Patients, o.Patients...)
	if d.Place < 0 {
		d.Place = o.Place
	}
	if d.Date == "" && o.Date != "" {
		d.Date, d.DateRef, d.ownDate = o.Date, o.DateRef, o.ownDate
	}
	if d.class == "" {
		d.class = o.class
	}
	d.anaphoric = d.anaphoric || o.anaphoric
}

// merge joins the events that are one: a text named again ("it was
// written by ...", "they wrote this article"), a text repeated in the
// next sentences ("slogans ... many slogans"), a meeting of the same
// people at compatible dates, and the document's own conversation named
// in its text.
func (f *eventFinder) merge() {
	headerAt := -1
	for i, d := range f.drafts {
		if d.header {
			headerAt = i
			break
		}
	}
	for i, d := range f.drafts {
		if d.header {
			continue
		}
		// an act is named again within the next events, not hundreds of
		// events later: looking back over every event from every event
		// would take time in proportion to the square of their number.
		// The document's own meeting is looked at whatever its distance.
		from := max(0, i-mergeWindow)
		merged := false
		for j := i - 1; j >= from && !merged; j-- {
			merged = f.mergeInto(f.drafts[j], d)
		}
		if !merged && headerAt >= 0 && headerAt < from {
			f.mergeInto(f.drafts[headerAt], d)
		}
	}
}

// mergeInto merges d into the earlier event o when they are one act, and
// reports whether it did.
func (f *eventFinder) mergeInto(o, d *draft) bool {
	doc := f.doc
	if o.dropped || o.Type != d.Type {
		return false
	}
	near := d.sent-o.sent <= 8
	switch {
	case o.header && d.Type == Meeting && !d.ownDate && (d.Place < 0 || d.Place == o.Place) && subset(d.Agents, o.Agents):
	case o.header && d.Type == Meeting && d.definite && subset(d.Agents, o.Agents):
	case d.Type == Publication && near && d.anaphoric && !d.ownDate && d.class == o.class && d.class != "":
	case d.noun && o.noun && d.lemma == o.lemma && d.sent-o.sent <= 2 && !d.ownDate && doc.Sentences[d.sent].Paragraph == doc.Sentences[o.sent].Paragraph:
	case d.Type == Meeting && len(d.Agents) >= 2 && sameInts(d.Agents, o.Agents) && compatibleDates(d.Date, o.Date):
	// "They have been unmasked", said in reply to "Many people have
	// been unmasked": the other speaker's act named again
	case !d.noun && !o.noun && d.lemma == o.lemma && !d.ownDate && len(d.Agents)+len(d.Patients) == 0 && len(o.Agents)+len(o.Patients) == 0 && f.otherSpeaker(o.sent, d.sent):
	default:
		return false
	}
	o.absorb(d)
	d.dropped = true
	return true
}

// mergeWindow is how many events back merge looks for the same act.
const mergeWindow = 256

func organizationsOf(doc *Document, idx []int) []int {
	var out []int
	for _, i := range idx {
		if doc.Entities[i].Type == Organization {
			out = append(out, i)
		}
	}
	return out
}

// otherSpeaker reports whether sentences a and b are spoken by different
// speakers of a transcript.
func (f *eventFinder) otherSpeaker(a, b int) bool {
	ta, tb := f.doc.Sentences[a].Turn, f.doc.Sentences[b].Turn
	return ta >= 0 && tb >= 0 && f.doc.Turns[ta].Speaker != f.doc.Turns[tb].Speaker
}

func subset(a, b []int) bool {
	for _, x := range a {
		if !hasInt(b, x) {
			return false
		}
	}
	return true
}

func sameInts(a, b []int) bool { return len(a) == len(b) && subset(a, b) }

func compatibleDates(a, b string) bool {
	return a == "" || b == "" || strings.HasPrefix(a, b) || strings.HasPrefix(b, a)
}

func addInts(xs []int, ys ...int) []int {
	if len(xs)*len(ys) > 256 {
		return addIntsSet(xs, ys)
	}
	for _, y := range ys {
		if y >= 0 && !hasInt(xs, y) {
			xs = append(xs, y)
		}
	}
	return xs
}

// finish keeps the events, labels them and gives them IDs.
func (f *eventFinder) finish() {
	doc := f.doc
	used := map[string]int{}
	doc.Events = slices.Grow(doc.Events, len(f.drafts)) // at most one each
	for _, d := range f.drafts {
		if d.dropped {
			continue
		}
		// a meeting or assembly with no one tells nothing new when it is
		// only a time ("after the meeting") or has no date either
		if (d.Type == Meeting || d.Type == Plenum) && !d.header && len(d.Agents) == 0 && (!d.ownDate || d.byTime) && !d.named {
			continue
		}
		ev := d.Event
		// an agent is not also a patient of the same act
		var patients []int
		for _, p := range ev.Patients {
			if !hasInt(ev.Agents, p) {
				patients = append(patients, p)
			}
		}
		ev.Patients = patients
		ev.Label = f.label(d, ev)
		id := Slug(string(ev.Type) + "-" + ev.Date + "-" + d.kind)
		used[id]++
		if used[id] > 1 {
			id = fmt.Sprintf("%s-%d", id, used[id])
		}
		ev.ID = id
		doc.Events = append(doc.Events, ev)
	}
	slices.SortStableFunc(doc.Events, func(a, b Event) int { return a.Evidence.Start - b.Evidence.Start })
}

// label says in a few words what happened: "Overthrow of Peng Dehuai,
// Huang Kecheng and Zhang Wentian", "Meeting of Mao Zedong and Red
// Guards".
func (f *eventFinder) label(d *draft, ev Event) string {
	doc := f.doc
	names := func(idx []int) string {
		var ns []string
		for _, i := range idx {
			ns = append(ns, doc.Entities[i].Name)
		}
		switch len(ns) {
		case 0:
			return ""
		case 1:
			return ns[0]
		}
		return strings.Join(ns[:len(ns)-1], ", ") + " and " + ns[len(ns)-1]
	}
	if d.header && doc.Meta.Title != "" {
		return doc.Meta.Title
	}
	kind := capitalize(d.kind)
	switch {
	case ev.Type == Meeting && len(ev.Agents) > 1:
		return kind + " between " + names(ev.Agents)
	case ev.Type == Meeting && len(ev.Agents) == 1:
		return kind + " with " + names(ev.Agents)
	case ev.Type == Plenum:
		t := strings.Join(strings.Fields(doc.Surface(ev.Trigger)), " ")
		if len(ev.Agents) > 0 {
			return capitalize(t) + " of " + names(ev.Agents)
		}
		return capitalize(t)
	case ev.Type == Publication:
		// "Article by Pravda, concerning Tito"
		l := kind
		if len(ev.Agents) > 0 {
			l += " by " + names(ev.Agents)
		}
		if len(ev.Patients) > 0 {
			l += ", concerning " + names(ev.Patients)
		}
		return l
	case len(ev.Patients) > 0 && len(ev.Agents) > 0:
		return kind + " of " + names(ev.Patients) + " by " + names(ev.Agents)
	case len(ev.Patients) > 0:
		return kind + " of " + names(ev.Patients)
	case len(ev.Agents) > 0:
		return kind + " by " + names(ev.Agents)
	}
	return kind
}

func capitalize(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

// addIntsSet is addInts for long lists (a sentence that names hundreds
// of people): a set instead of a search of xs for every y.
func addIntsSet(xs, ys []int) []int {
	seen := make(map[int]struct{}, len(xs)+len(ys))
	for _, x := range xs {
		seen[x] = struct{}{}
	}
	for _, y := range ys {
		if _, ok := seen[y]; !ok && y >= 0 {
			seen[y] = struct{}{}
			xs = append(xs, y)
		}
	}
	return xs
}

func hasInt(xs []int, x int) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}
