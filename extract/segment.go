package extract

import (
	"regexp"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Segment splits the text into paragraphs, sentences and speaker turns.
//
// Paragraphs are blocks between blank lines. A block of short lines (a
// PARTICIPANTS list, a dateline, a signature) is a paragraph per line,
// while a block of long lines is hard-wrapped prose and stays one
// paragraph. Sentences end at '.', '!' or '?' before a capital, a digit or
// a quote, except after abbreviations ("Mr.", "U.S.", "Gen.") and initials
// ("U. Alexis Johnson"). A turn begins at a paragraph that opens with a
// speaker label ("Chairman Mao: ...", "The Secretary: ...") and runs to the
// next label, a notes section, or the end; a document needs two labelled
// paragraphs to count as a transcript.
func Segment(doc *Document) {
	doc.Paragraphs = paragraphs(doc.Text, doc.textLines())
	doc.Turns = turns(doc)
	// a sentence ends at '.', '!' or '?', or with its paragraph: room for
	// all at once
	most := len(doc.Paragraphs) + strings.Count(doc.Text, ".") + strings.Count(doc.Text, "!") + strings.Count(doc.Text, "?")
	doc.Sentences = slices.Grow(doc.Sentences[:0], most)
	for pi, p := range doc.Paragraphs {
		for _, s := range sentences(doc.Text, p) {
			if s.Len() <= maxSentence {
				doc.Sentences = append(doc.Sentences, Sentence{Span: s, Paragraph: pi, Turn: doc.TurnAt(s.Start)})
				continue
			}
			for _, s := range splitLong(doc.Text, s) {
				doc.Sentences = append(doc.Sentences, Sentence{Span: s, Paragraph: pi, Turn: doc.TurnAt(s.Start)})
			}
		}
	}
}

// maxSentence is the most bytes a sentence may hold. Prose sentences run
// to a few hundred bytes; a longer "sentence" is text with no sentence
// ends (a list, a table, OCR that lost its periods), and the later stages,
// which weigh every word of a sentence against the others, would take time
// in proportion to its square. It is cut into pieces of at most this size.
const maxSentence = 2000

// splitLong returns s, cut at spaces into pieces of at most maxSentence
// bytes when it is longer.
func splitLong(text string, s Span) []Span {
	if s.Len() <= maxSentence {
		return []Span{s}
	}
	var out []Span
	for s.Len() > maxSentence {
		cut := s.Start + maxSentence
		if k := strings.LastIndexAny(text[s.Start+maxSentence/2:cut], " \n\t"); k >= 0 {
			cut = s.Start + maxSentence/2 + k
		}
		for cut > s.Start && !utf8.RuneStart(text[cut]) {
			cut--
		}
		if piece := trimSpan(text, Span{s.Start, cut}); piece.Len() > 0 {
			out = append(out, piece)
		}
		s = trimSpan(text, Span{cut, s.End})
	}
	if s.Len() > 0 {
		out = append(out, s)
	}
	return out
}

// paragraphs returns the paragraph spans, trimmed of surrounding space,
// from the lines of the text.
func paragraphs(text string, lines []line) []Span {
	var out []Span
	for i := 0; i < len(lines); {
		if strings.TrimSpace(lines[i].text) == "" {
			i++
			continue
		}
		j := i
		for j < len(lines) && strings.TrimSpace(lines[j].text) != "" {
			j++
		}
		block := lines[i:j]
		if wrappedProse(block) {
			out = append(out, trimSpan(text, Span{block[0].span.Start, block[len(block)-1].span.End}))
		} else {
			for _, l := range block {
				out = append(out, trimSpan(text, l.span))
			}
		}
		i = j
	}
	return out
}

// wrappedProse reports whether a block of lines is one hard-wrapped
// paragraph: every line but the last is long, or a line ends without
// closing punctuation and the next begins in lower case.
func wrappedProse(block []line) bool {
	if len(block) < 2 {
		return false
	}
	long := 0
	for _, l := range block[:len(block)-1] {
		if utf8.RuneCountInString(strings.TrimSpace(l.text)) >= 50 {
			long++
		}
	}
	if long == len(block)-1 {
		return true
	}
	for k := 0; k+1 < len(block); k++ {
		a := strings.TrimSpace(block[k].text)
		b := strings.TrimSpace(block[k+1].text)
		if a == "" || b == "" {
			continue
		}
		last, _ := utf8.DecodeLastRuneInString(a)
		first, _ := utf8.DecodeRuneInString(b)
		if unicode.IsLower(first) && !strings.ContainsRune(".!?:;", last) {
			return true
		}
		if strings.HasPrefix(a, "**") && !strings.HasSuffix(a, "**") {
			return true // a bold title broken over lines
		}
	}
	return false
}

func trimSpan(text string, s Span) Span {
	for s.Start < s.End && isSpaceByte(text[s.Start]) {
		s.Start++
	}
	for s.End > s.Start && isSpaceByte(text[s.End-1]) {
		s.End--
	}
	return s
}

func isSpaceByte(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' }

// abbreviations end with a period that does not end a sentence. Compared
// without the period, case-sensitively.
var abbreviations = map[string]bool{
	"Mr": true, "Mrs": true, "Ms": true, "Messrs": true, "Mme": true, "Mlle": true, "Dr": true,
	"Prof": true, "St": true, "Gen": true, "Lt": true, "Col": true, "Maj": true, "Capt": true,
	"Adm": true, "Sgt": true, "Cdr": true, "Gov": true, "Sen": true, "Rep": true, "Amb": true,
	"Sec": true, "Asst": true, "Dep": true, "Jr": true, "Sr": true, "Rev": true, "Hon": true,
	"No": true, "Nos": true, "nr": true, "Nr": true, "Vol": true, "vol": true, "Vols": true,
	"p": true, "pp": true, "ff": true, "cf": true, "Cf": true, "ca": true, "vs": true, "etc": true,
	"Fig": true, "Art": true, "Dos": true, "Fl": true, "F": true, "V": true, "Trans": true,
	"Jan": true, "Feb": true, "Mar": true, "Apr": true, "Jun": true, "Jul": true, "Aug": true,
	"Sep": true, "Sept": true, "Oct": true, "Nov": true, "Dec": true,
	"Corp": true, "Inc": true, "Ltd": true, "Co": true, "Bros": true, "Dept": true, "Univ": true,
}

// sentences splits one paragraph into sentence spans.
// indexSentenceEnd is strings.IndexAny(s, ".!?"), without its set built
// at each call.
func indexSentenceEnd(s string) int {
	for j := 0; j < len(s); j++ {
		if c := s[j]; c == '.' || c == '!' || c == '?' {
			return j
		}
	}
	return -1
}

func sentences(text string, p Span) []Span {
	var out []Span
	start := p.Start
	s := text[:p.End]
	for i := p.Start; i < p.End; i++ {
		k := indexSentenceEnd(s[i:]) // the next candidate end
		if k < 0 {
			break
		}
		i += k
		c := s[i]
		// a run of closing punctuation and footnote marks belongs to this sentence
		end := i + 1
		for end < p.End {
			if strings.ContainsRune(`"')]’”»`, rune(s[end])) {
				end++
				continue
			}
			r, size := utf8.DecodeRuneInString(s[end:])
			if r == '’' || r == '”' || r == '»' {
				end += size
				continue
			}
			if m := footnoteRef(s[end:]); m > 0 {
				end += m
				continue
			}
			break
		}
		if end < p.End && !isSpaceByte(s[end]) {
			continue // "U.S.A.", "3.5", "a.m.,"
		}
		next := end
		for next < p.End && isSpaceByte(s[next]) {
			next++
		}
		if next < p.End && !opensSentence(s[next:]) {
			continue
		}
		if c == '.' && (isAbbreviation(s[start:i]) || isNumberOnly(s[start:i])) {
			continue
		}
		out = append(out, trimSpan(text, Span{start, end}))
		start = next
		i = next - 1
	}
	if start < p.End {
		if sp := trimSpan(text, Span{start, p.End}); sp.Len() > 0 {
			out = append(out, sp)
		}
	}
	return out
}

var footnoteRefRE = regexp.MustCompile(`^\s?\[\^?\d+\]`)

// footnoteRef returns the length of the footnote mark ("[^3]", " [2]") at
// the start of s, or 0. Most sentence ends have none: the expression runs
// only where a bracket opens.
func footnoteRef(s string) int {
	if !strings.HasPrefix(s, "[") && !(len(s) > 1 && isRegexpSpace(s[0]) && s[1] == '[') {
		return 0
	}
	if m := footnoteRefRE.FindStringIndex(s); m != nil {
		return m[1]
	}
	return 0
}

// isRegexpSpace reports whether \s matches the byte.
func isRegexpSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r' }

// isNumberOnly reports whether a would-be sentence is only a number, as
// in the heading "51. Memorandum of Conversation" or a numbered paragraph.
func isNumberOnly(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" {
		return false
	}
	for _, c := range s {
		if (c < '0' || c > '9') && c != '.' {
			return false
		}
	}
	return true
}

// opensSentence reports whether s begins like a sentence: a capital, a
// digit, an opening quote or bracket.
func opensSentence(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r) || unicode.IsDigit(r) || strings.ContainsRune(`"'(“‘«[`, r)
}

// isAbbreviation reports whether the word before a period (the end of
// before) is an abbreviation or an initial.
func isAbbreviation(before string) bool {
	k := len(before)
	for k > 0 {
		r, size := utf8.DecodeLastRuneInString(before[:k])
		if !unicode.IsLetter(r) && r != '.' {
			break
		}
		k -= size
	}
	w := before[k:]
	if w == "" {
		return false
	}
	if abbreviations[w] {
		return true
	}
	if utf8.RuneCountInString(w) == 1 {
		r, _ := utf8.DecodeRuneInString(w)
		return unicode.IsUpper(r) // an initial: "U. Alexis Johnson"
	}
	// dotted abbreviations: "U.S", "U.S.S.R", "a.m", "p.m"
	return strings.Contains(w, ".") && len(w) <= 10
}

// speakerLabelRE matches a speaker label opening a paragraph: up to six
// words, the first capitalized, then a colon and the words spoken.
var speakerLabelRE = regexp.MustCompile(`^((?:[\p{Lu}][\p{L}'’.\-]*|The|the)(?:\s+(?:[\p{L}][\p{L}'’.\-]*)){0,5}):\s+\S`)

// findSpeakerLabel is speakerLabelRE.FindStringSubmatchIndex(para), with
// the expression run only on the label and what follows the colon: the
// label holds letters, apostrophes, periods, hyphens and spaces only, so
// its colon is the paragraph's first other character, and the match ends
// at the first character after the colon and its spaces. Run on whole
// paragraphs the expression is slow.
func findSpeakerLabel(para string) []int {
	i := 0
	for i < len(para) {
		r, size := utf8.DecodeRuneInString(para[i:])
		if !unicode.IsLetter(r) && r != '\'' && r != '’' && r != '.' && r != '-' && !(r < utf8.RuneSelf && isRegexpSpace(byte(r))) {
			break
		}
		i += size
	}
	if i >= len(para) || para[i] != ':' {
		return nil
	}
	j := i + 1
	for j < len(para) && isRegexpSpace(para[j]) {
		j++
	}
	if j == len(para) {
		return nil
	}
	if j == i+1 || !speakerLabelShape(para[:i]) {
		return nil // \s+ after the colon; the label's words
	}
	_, size := utf8.DecodeRuneInString(para[j:])
	return []int{0, j + size, 0, i}
}

// speakerLabelShape reports whether label (letters, apostrophes, periods,
// hyphens and spaces only) is what speakerLabelRE's group reads: one to
// six words parted by spaces, the first capitalized or "the", the others
// beginning with a letter. (The expression, run on every paragraph that
// opens with such a label, was slow.)
func speakerLabelShape(label string) bool {
	words := 0
	for k := 0; k < len(label); {
		if words > 0 {
			// \s+ before every word but the first
			e := k
			for e < len(label) && isRegexpSpace(label[e]) {
				e++
			}
			if e == k || e == len(label) {
				return false // no space, or spaces before the colon
			}
			k = e
		}
		r, _ := utf8.DecodeRuneInString(label[k:])
		e := k
		for e < len(label) && !isRegexpSpace(label[e]) {
			e++
		}
		switch {
		case words == 0 && (unicode.IsUpper(r) || label[k:e] == "the"):
		case words > 0 && unicode.IsLetter(r):
		default:
			return false
		}
		if words++; words > 6 {
			return false
		}
		k = e
	}
	return words > 0
}

// notLabels are labels that head fields or notes, not speakers.
var notLabels = map[string]bool{
	"note": true, "notes": true, "source": true, "subject": true, "participants": true,
	"present": true, "translator": true, "interpreter": true, "summary": true, "citation": true,
	"credits": true, "contents": true, "original language": true, "date": true, "place": true,
	"time": true, "title": true, "location": true, "classification": true, "reference": true,
	"ref": true, "attachment": true, "enclosure": true, "copy": true, "copies": true,
	"distribution": true, "drafted by": true, "approved by": true, "cleared by": true,
	"action": true, "info": true, "agenda": true, "comment": true, "question": true,
	"answer": true, "conclusion": true, "result": true, "background": true, "recommendation": true,
	"trans. note": true, "editor's note": true, "editorial note": true, "ps": true, "p.s.": true,
}

// turns finds the speaker turns of a transcript.
func turns(doc *Document) []Turn {
	var out []Turn
	notes := notesStart(doc)
	for _, p := range doc.Paragraphs {
		if p.Start < doc.Meta.Body.Start || p.Start >= notes {
			continue
		}
		para := doc.Text[p.Start:p.End]
		m := findSpeakerLabel(para)
		if m == nil {
			continue
		}
		label := para[m[2]:m[3]]
		if !isSpeakerLabel(label) {
			continue
		}
		if n := len(out); n > 0 {
			out[n-1].End = lastParagraphEnd(doc.Paragraphs, p.Start)
		}
		out = append(out, Turn{Span: p, Label: Span{p.Start + m[2], p.Start + m[3]}, Speaker: -1})
	}
	if len(out) < 2 {
		return nil
	}
	out[len(out)-1].End = lastParagraphEnd(doc.Paragraphs, notes)
	return out
}

func isSpeakerLabel(label string) bool {
	l := strings.ToLower(strings.TrimSpace(label))
	if notLabels[l] || fieldLineRE.MatchString(label+": x") {
		return false
	}
	words := strings.Fields(label)
	for _, w := range words {
		if strings.ContainsAny(w, "0123456789") {
			return false
		}
	}
	// "The ambassador", "The Secretary", "Chairman Mao", "Comrade Hysni Kapo":
	// every word after the first is capitalized, or the label is "The x".
	if words[0] == "The" || words[0] == "the" {
		return len(words) <= 3
	}
	lower := 0
	for _, w := range words[1:] {
		r, _ := utf8.DecodeRuneInString(w)
		if unicode.IsLower(r) && !nameParticles[w] {
			lower++
		}
	}
	return lower == 0
}

// nameParticles are lower-case words inside names and titles.
var nameParticles = map[string]bool{
	"of": true, "the": true, "de": true, "del": true, "della": true, "di": true, "da": true,
	"van": true, "von": true, "der": true, "den": true, "la": true, "le": true, "al": true,
	"el": true, "bin": true, "ibn": true, "y": true, "and": true, "for": true, "du": true, "dos": true,
}

// lastParagraphEnd returns the end of the last paragraph that ends before
// off.
func lastParagraphEnd(paras []Span, off int) int {
	// the paragraphs are in order: a search, not a scan from the first
	// for every turn
	i := sort.Search(len(paras), func(i int) bool { return paras[i].End > off })
	if i == 0 {
		return 0
	}
	return paras[i-1].End
}

// notesStart is where the notes section begins (a line "Footnotes",
// "Notes", "Endnotes"), or the end of the text.
func notesStart(doc *Document) int {
	for _, p := range doc.Paragraphs {
		switch strings.TrimSpace(doc.Text[p.Start:p.End]) {
		case "Footnotes", "Notes", "Endnotes", "NOTES", "FOOTNOTES":
			return p.Start
		}
	}
	// the Wilson Center's translator notes: "[\[1\]](#) Trans. note—..."
	for _, p := range doc.Paragraphs {
		if strings.HasPrefix(doc.Text[p.Start:p.End], `[\[`) {
			return p.Start
		}
	}
	return len(doc.Text)
}
