package server

import (
	"github.com/dossier-archive/dossier/archive"
	"html"
	"html/template"
	"sort"
	"strings"
)

// A mark wraps a stretch of a document's text in HTML, like a reader's
// pencil: an entity's name, a date, a sentence, a speaker's turn.
type mark struct {
	archive.Span
	level int    // nesting: lower levels hold higher ones (turn 0, sentence 1, name 2)
	open  string // the opening tag(s), HTML
	close string
}

// The levels of marks.
const (
	levelBlock    = 0 // speaker turns: block elements
	levelSentence = 1 // sentences: inline anchors
	levelName     = 2 // names, dates, highlights
)

// annotate writes the text of d in [within.Begin, within.End) as HTML with
// the marks around their stretches. Marks are taken in the order given
// (so the first win): a mark that would cross one already taken, or would
// nest the wrong way round (a sentence inside a name, a turn inside a
// sentence), is left out, so the HTML is always well formed. Marks outside
// within are left out.
func annotate(d *archive.Document, within archive.Span, marks []mark) template.HTML {
	var taken []mark
	for _, m := range marks {
		if m.Begin >= m.End || !within.Contains(m.Span) || !fits(m, taken) {
			continue
		}
		taken = append(taken, m)
	}
	sort.SliceStable(taken, func(i, j int) bool {
		a, b := taken[i], taken[j]
		if a.Begin != b.Begin {
			return a.Begin < b.Begin
		}
		if a.End != b.End {
			return a.End > b.End
		}
		return a.level < b.level
	})
	var b strings.Builder
	pos := within.Begin
	text := func(to int) {
		if to > pos {
			b.WriteString(html.EscapeString(d.Str(archive.Span{Begin: pos, End: to})))
			pos = to
		}
	}
	var stack []mark
	closeTop := func() {
		top := stack[len(stack)-1]
		text(top.End)
		b.WriteString(top.close)
		stack = stack[:len(stack)-1]
		// A block ends its line: the text's own line break after it
		// would show as an empty line.
		if top.level == levelBlock && pos < within.End && d.Str(archive.Span{Begin: pos, End: pos + 1}) == "\n" {
			pos++
		}
	}
	for _, m := range taken {
		for len(stack) > 0 && stack[len(stack)-1].End <= m.Begin {
			closeTop()
		}
		text(m.Begin)
		b.WriteString(m.open)
		stack = append(stack, m)
	}
	for len(stack) > 0 {
		closeTop()
	}
	text(within.End)
	return template.HTML(b.String())
}

// fits reports whether m can join the marks taken without crossing one or
// nesting the wrong way round.
func fits(m mark, taken []mark) bool {
	for _, t := range taken {
		switch {
		case m.End <= t.Begin || t.End <= m.Begin: // apart
		case m.Span == t.Span:
			if m.level == t.level {
				return false // one stretch, one mark of a kind
			}
		case t.Contains(m.Span):
			if t.level > m.level {
				return false
			}
		case m.Contains(t.Span):
			if m.level > t.level {
				return false
			}
		default:
			return false // they cross
		}
	}
	return true
}

// attr escapes a value for an HTML attribute.
func attr(s string) string { return html.EscapeString(s) }
