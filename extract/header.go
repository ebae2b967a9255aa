package extract

import (
	"regexp"
	"regexp/syntax"
	"strings"
)

// ReadHeader reads what a document says about itself into doc.Meta: its
// title, date, place, source, citation, summary, original language,
// translator and classification. Three layouts are understood:
//
//   - the Wilson Center Digital Archive's: a date line, a bold title, then
//     blocks headed "Citation:", "Summary:", "Credits:", "Original
//     Language:", "Contents:", after which the document itself begins;
//   - FRUS's: "72. Memorandum of Conversation ...[^1]", a dateline
//     ("Washington, November 18, 1964."), SUBJECT and PARTICIPANTS blocks,
//     and a source note ("[^1] Source: ... Secret; Limited Distribution.");
//   - a plain one: leading "Label: value" lines (Title, Date, Place, Source,
//     Author, Translator, Language, Classification, Subject) or a Markdown
//     "# Title".
//
// Labelled lines near the top of the body ("Time of meeting:", "Place of
// meeting:", "Participants:", "Translator:") are kept as Fields; a
// "Translator:" there is the meeting's interpreter, not the document's
// translator, so it only becomes a Field.
// Nothing is removed from the text: the header is text too, and its names
// are found like any other.
func ReadHeader(doc *Document) {
	lines := doc.textLines()
	m := &doc.Meta
	switch {
	case isWilsonCenter(lines):
		readWilsonCenter(doc, lines)
	case len(lines) > 0 && frusHeadingRE.MatchString(lines[firstNonEmpty(lines, 0)].text):
		readFRUS(doc, lines)
	default:
		readPlain(doc, lines)
	}
	readFields(doc, lines)
	if m.Date == "" {
		// the first complete date near the top dates the document
		limit := len(doc.Text)
		if len(lines) > 12 {
			limit = lines[12].span.Start
		}
		if v, _, ok := firstAbsoluteDate(doc.Text[:limit]); ok {
			m.Date = v
		}
	}
	if m.Source == "" {
		if u := urlRE.FindString(doc.Text[:min(len(doc.Text), 4000)]); u != "" {
			m.Source = u
		}
	}
}

// line is one line of the text with its byte span (newline excluded).
type line struct {
	text string
	span Span
}

func splitLines(s string) []line {
	out := make([]line, 0, strings.Count(s, "\n")+1)
	start := 0
	for {
		i := strings.IndexByte(s[start:], '\n')
		if i < 0 {
			return append(out, line{s[start:], Span{start, len(s)}})
		}
		out = append(out, line{s[start : start+i], Span{start, start + i}})
		start += i + 1
	}
}

func firstNonEmpty(lines []line, from int) int {
	for i := from; i < len(lines); i++ {
		if strings.TrimSpace(lines[i].text) != "" {
			return i
		}
	}
	return len(lines) - 1
}

var (
	urlRE          = regexp.MustCompile(`https?://[^\s<>"\)\]]+`)
	frusHeadingRE  = regexp.MustCompile(`^\d+\.\s+\S`)
	footnoteMarkRE = regexp.MustCompile(`\s*\[\^\d+\]`)
	blockLabelRE   = regexp.MustCompile(`^([A-Z][A-Za-z]*(?: [A-Za-z]+){0,3}):\s*$`)
	translatedByRE = regexp.MustCompile(`(?i)\btranslated by ([^.]+?)\.?(?:\s*<|\s*$)`)
)

func isWilsonCenter(lines []line) bool {
	for i, l := range lines {
		if i > 40 {
			break
		}
		if strings.TrimSpace(l.text) == "Citation:" {
			return true
		}
	}
	return false
}

// readWilsonCenter reads the archive's header blocks. Each block is a line
// "Label:" followed by paragraphs up to the next such line.
func readWilsonCenter(doc *Document, lines []line) {
	m := &doc.Meta
	i := firstNonEmpty(lines, 0)
	if v, _, ok := firstAbsoluteDate(lines[i].text); ok {
		m.Date = v
		i = firstNonEmpty(lines, i+1)
	}
	// the title: a **bold** block that may span lines
	if strings.HasPrefix(strings.TrimSpace(lines[i].text), "**") {
		var parts []string
		for ; i < len(lines); i++ {
			parts = append(parts, strings.TrimSpace(lines[i].text))
			if t := strings.TrimSpace(lines[i].text); len(parts) > 1 && strings.HasSuffix(t, "**") || len(parts) == 1 && len(t) > 4 && strings.HasSuffix(t, "**") {
				i++
				break
			}
		}
		m.Title = strings.Trim(strings.Join(parts, " "), "* ")
	}
	var label string
	var value []string
	var valueSpan Span
	flush := func() {
		if label == "" {
			return
		}
		v := strings.TrimSpace(strings.Join(value, "\n"))
		m.Fields = append(m.Fields, Field{Label: label, Value: v, Span: valueSpan})
		switch strings.ToLower(label) {
		case "citation":
			m.Citation = strings.TrimSpace(urlRE.ReplaceAllString(strings.ReplaceAll(v, "<>", ""), ""))
			m.Citation = strings.TrimSpace(strings.Trim(m.Citation, "<> \n"))
			if u := urlRE.FindString(v); u != "" {
				m.Source = u
			}
			if t := translatedByRE.FindStringSubmatch(v); t != nil && m.Translator == "" {
				m.Translator = strings.TrimSpace(t[1])
			}
		case "summary":
			m.Summary = v
		case "credits":
			m.Credits = v
		case "original language":
			m.Language = v
		}
	}
	for ; i < len(lines); i++ {
		t := strings.TrimSpace(lines[i].text)
		if bm := blockLabelRE.FindStringSubmatch(t); bm != nil {
			flush()
			label, value, valueSpan = bm[1], nil, Span{-1, -1}
			if strings.EqualFold(label, "contents") {
				// "Contents:" names the version that follows ("Translation -
				// English"); the document begins after that line.
				j := firstNonEmpty(lines, i+1)
				m.Fields = append(m.Fields, Field{Label: label, Value: strings.TrimSpace(lines[j].text), Span: lines[j].span})
				label = ""
				m.Body = Span{lines[min(j+1, len(lines)-1)].span.Start, len(doc.Text)}
				return
			}
			continue
		}
		if label != "" && t != "" {
			value = append(value, t)
			if valueSpan.Start < 0 {
				valueSpan.Start = lines[i].span.Start
			}
			valueSpan.End = lines[i].span.End
		}
	}
	flush()
	m.Body = Span{0, len(doc.Text)}
}

// readFRUS reads a FRUS document's heading, dateline, SUBJECT and
// PARTICIPANTS blocks, and its source note.
func readFRUS(doc *Document, lines []line) {
	m := &doc.Meta
	i := firstNonEmpty(lines, 0)
	title := frusHeadingRE.FindString(lines[i].text)
	m.Title = strings.TrimSpace(removeFootnoteMarks(lines[i].text[len(title)-1:]))
	j := firstNonEmpty(lines, i+1)
	dateline := lines[j].text
	if v, sp, ok := firstAbsoluteDate(dateline); ok {
		m.Date = v
		if place := strings.TrimRight(strings.TrimSpace(dateline[:sp.Start]), ", "); place != "" && len(place) < 60 && !strings.ContainsAny(place, ".;:") {
			m.Place = place
		}
	}
	body := lines[j].span.End
	// SUBJECT / PARTICIPANTS: an all-capitals label alone on a line, then
	// its items one per line up to a blank line
	for k := j + 1; k < len(lines) && k < j+80; k++ {
		t := strings.TrimSpace(lines[k].text)
		if t != "SUBJECT" && t != "PARTICIPANTS" && t != "PRESENT" {
			continue
		}
		var items []string
		sp := Span{-1, -1}
		n := k + 1
		for ; n < len(lines) && strings.TrimSpace(lines[n].text) != ""; n++ {
			items = append(items, strings.TrimSpace(lines[n].text))
			if sp.Start < 0 {
				sp.Start = lines[n].span.Start
			}
			sp.End = lines[n].span.End
		}
		v := strings.Join(items, "\n")
		m.Fields = append(m.Fields, Field{Label: t[:1] + strings.ToLower(t[1:]), Value: v, Span: sp})
		if t == "SUBJECT" {
			m.Subject = strings.Join(items, " ")
		}
		if sp.End > body {
			body = sp.End
		}
	}
	m.Body = Span{body, len(doc.Text)}
	// the source note: "[^1] Source: <archive citation>. Secret; ..."
	for _, l := range lines {
		t := strings.TrimSpace(l.text)
		if !strings.HasPrefix(t, "[^") {
			continue // checked first: the expression below is slow on every line
		}
		rest, ok := strings.CutPrefix(strings.TrimSpace(removeFootnoteMarks(t)), "Source: ")
		if !ok {
			continue
		}
		m.Citation = rest
		if loc := classificationRE.findStringIndex(rest); loc != nil {
			m.Classification = strings.TrimSuffix(strings.TrimSpace(rest[loc[0]:loc[1]]), ".")
			m.Citation = strings.TrimSpace(rest[:loc[0]])
		}
		break
	}
}

var classificationRE = mustCompileWord(`\b(?:Top Secret|Secret|Confidential|Restricted|Unclassified|Official Use Only|Eyes Only)\b[^.]*\.`)

// readPlain reads leading "Label: value" lines or a Markdown title.
func readPlain(doc *Document, lines []line) {
	m := &doc.Meta
	i := firstNonEmpty(lines, 0)
	if i < 0 || i >= len(lines) {
		return
	}
	first := strings.TrimSpace(lines[i].text)
	if strings.HasPrefix(first, "# ") {
		m.Title = strings.TrimSpace(strings.TrimPrefix(first, "# "))
		i++
	}
	body := lines[min(i, len(lines)-1)].span.Start
	for ; i < len(lines); i++ {
		t := strings.TrimSpace(lines[i].text)
		if t == "" {
			continue
		}
		k, v, ok := strings.Cut(t, ":")
		if !ok || !plainLabels[strings.ToLower(strings.TrimSpace(k))] {
			break
		}
		v = strings.TrimSpace(v)
		valueStart := lines[i].span.Start + strings.Index(lines[i].text, ":") + 1
		for valueStart < lines[i].span.End && doc.Text[valueStart] == ' ' {
			valueStart++
		}
		m.Fields = append(m.Fields, Field{Label: strings.TrimSpace(k), Value: v, Span: Span{valueStart, lines[i].span.End}})
		switch strings.ToLower(strings.TrimSpace(k)) {
		case "title":
			m.Title = v
		case "date":
			if val, _, ok := firstAbsoluteDate(v); ok {
				m.Date = val
			} else if isISODate(v) {
				m.Date = v
			}
		case "place":
			m.Place = v
		case "source", "url":
			m.Source = v
		case "translator", "translated by":
			m.Translator = v
		case "language", "original language":
			m.Language = v
		case "classification":
			m.Classification = v
		case "subject":
			m.Subject = v
		case "citation":
			m.Citation = v
		case "summary":
			m.Summary = v
		}
		body = lines[i].span.End
	}
	if m.Title == "" {
		// a short first line standing alone is the title
		if l := strings.TrimSpace(lines[firstNonEmpty(lines, 0)].text); len(l) < 200 && !strings.HasSuffix(l, ".") && len(m.Fields) == 0 {
			m.Title = strings.Trim(l, "*# ")
		}
	}
	m.Body = Span{body, len(doc.Text)}
}

var plainLabels = map[string]bool{
	"title": true, "date": true, "place": true, "source": true, "url": true,
	"author": true, "translator": true, "translated by": true, "language": true,
	"original language": true, "classification": true, "subject": true,
	"citation": true, "summary": true,
}

// fieldLineRE matches the labelled lines of a memorandum's own header:
// "Time of meeting: ...", "Place of conversation: ...", "Participants: ...".
var fieldLineRE = regexp.MustCompile(`^((?:Time|Date|Place|Location|Venue) of (?:the )?(?:meeting|conversation|talks?|interview|reception)|Participants|Present|Translator|Interpreter|Interpreters|Recorded by|Note-taker|Notetaker|Subject):[ \t]*(\S.*)$`)

// removeFootnoteMarks is footnoteMarkRE.ReplaceAllString(s, ""): it
// drops the marks ("[^3]") with the spaces before them.
func removeFootnoteMarks(s string) string {
	if !strings.Contains(s, "[^") {
		return s
	}
	var b strings.Builder
	last := 0
	for p := 0; p < len(s); {
		q := p
		for q < len(s) && isRegexpSpace(s[q]) {
			q++
		}
		if e := footnoteMarkEnd(s, q); e > 0 {
			b.WriteString(s[last:p])
			last, p = e, e
			continue
		}
		p = q + 1 // no mark begins at p, nor after any of its spaces
	}
	b.WriteString(s[last:])
	return b.String()
}

// footnoteMarkEnd returns the end of the mark "[^" digits "]" at s[i:], or
// -1.
func footnoteMarkEnd(s string, i int) int {
	if !strings.HasPrefix(s[i:], "[^") {
		return -1
	}
	j := i + 2
	for j < len(s) && isDigit(s[j]) {
		j++
	}
	if j == i+2 || j == len(s) || s[j] != ']' {
		return -1
	}
	return j + 1
}

// fieldLabelStarts are the bytes a line fieldLineRE matches can begin
// with (the first letters of its labels), from the expression itself.
var fieldLabelStarts = func() (t [256]bool) {
	re, err := syntax.Parse(fieldLineRE.String(), syntax.Perl)
	var st *startSet
	if err == nil {
		st = matchStarts(re)
	}
	for b := range t {
		t[b] = st == nil || len(st.byFirst[b]) > 0
	}
	return t
}()

// readFields keeps the labelled lines of the body's opening ("Time of
// meeting:", "Participants:") as Fields.
func readFields(doc *Document, lines []line) {
	for _, l := range lines {
		if l.span.Start < doc.Meta.Body.Start {
			continue
		}
		if l.span.Start > doc.Meta.Body.Start+3000 {
			break
		}
		if strings.IndexByte(l.text, ':') < 0 || !fieldLabelStarts[l.text[0]] {
			continue // no label: most lines, spared the expression
		}
		sm := fieldLineRE.FindStringSubmatchIndex(l.text)
		if sm == nil {
			continue
		}
		label := l.text[sm[2]:sm[3]]
		value := l.text[sm[4]:sm[5]]
		doc.Meta.Fields = append(doc.Meta.Fields, Field{Label: label, Value: value, Span: Span{l.span.Start + sm[4], l.span.Start + sm[5]}})
		if strings.HasPrefix(label, "Place") || strings.HasPrefix(label, "Location") || strings.HasPrefix(label, "Venue") {
			if doc.Meta.Place == "" {
				doc.Meta.Place = value
			}
		}
	}
}

// FieldValue returns the value of the first header field with this label
// (case-insensitive), or "".
func (m *Metadata) FieldValue(label string) string {
	for _, f := range m.Fields {
		if strings.EqualFold(f.Label, label) {
			return f.Value
		}
	}
	return ""
}
