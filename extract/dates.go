package extract

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// FindDates finds the temporal expressions of every sentence and
// normalizes each to a Date.Value: YYYY, YYYY-MM, YYYY-MM-DD,
// YYYY-MM-DDThh:mm, or START/END for a span.
//
// What is incomplete is filled in, and the date marked Relative, from two
// references: the document's own date (doc.Meta.Date, "now" for the
// speaker: "last year", "yesterday", "this January") and the running
// context, the last date that carried a year in the same paragraph (in a
// transcript, the same speaker turn): "Starting in August" after "1 June
// of last year" is August of that year. A date after "since" does not
// move the context ("since last year" reaches to now). The context does
// not carry into a clause about the future, which is reckoned from the
// document date ("the months February, March, and April will be
// decisive"). A bare month or day in a past-tense clause never lands more
// than two months after the document date (it is then the year before);
// in a clause about the future never more than a month before it (it is
// then the year after). A paragraph that is only a day (a diary's entry
// heading: "Thursday, 28 February", "Sunday 3rd") becomes the reference
// for what follows: "yesterday" in that entry is the day before it. "By
// Monday" and "until Monday" look ahead. "The next day" and "that morning" count from the
// last day the paragraph named by the calendar — or, in a transcript,
// the previous speaker — else from the document date; a time of day falls
// on the day its sentence names, else on that day.
//
// Not dates: durations ("for three months", "17 years", "two days
// later"), ages and counts ("2,400 districts", "600,000 men"), money,
// archival shelf marks and file numbers ("611.93/8–2355", "Lot 65 D 330",
// "RG 59", "CF 1136"), numbered documents and articles ("Document 24",
// "Article 19", "mytel 1708"), "May" as a verb, vague expressions ("in
// recent months", "a few years ago", "in the past", "now").
//
// Conventions follow the development gold: times joined by a word ("from
// 7:30 until midnight") are separate dates and a dashed range ("5:03–5:41
// p.m.") one span; a list of months ("February, March, and April") is the
// span from the first to the last, a list of years is one date per year;
// "the past year" is the twelve months before the document's month, "the
// past N years" (N ≥ 2) the years from N before to the document's year; a
// season is its three months (winter 1953 = 1953-12/1954-02); "the first
// ten days", "the middle" and "the end" of a month are its three decades
// (1–10, 11–20, 21–end), and a span between two parts of one month is the
// month; "early", "mid" and "late" in a year are its thirds (early 1957 =
// 1957-01/1957-04). A day written as an ordinal ("the 24th") is of the
// running month (in a clause about the future, a day already past is in
// the next); with a weekday ("Sunday 3rd", "MONDAY 6TH") it is in the
// near month where the two agree. A four-digit time ("0345 LOCAL", "ABOUT
// 2300") counts only with a zone or after a word of time, where no year or
// count can be meant. A month names a date in "the July plenum of that
// year", not in "the June plenum" (the event's name), "the October
// Revolution" or "the anniversary of October". The table in dates_test.go
// is the full specification.
func FindDates(doc *Document) {
	doc.Dates = doc.Dates[:0]
	r := &dateResolver{doc: doc}
	if t, ok := parseInstant(doc.Meta.Date); ok {
		r.ref = t
	}
	scopeKey := 1 << 30     // no scope yet
	var resBuf []dateResult // scratch of each sentence's resolved atoms
	words := sentenceWordsPool.Get().(*sentenceWords)
	defer func() {
		words.text = "" // let go of the document
		sentenceWordsPool.Put(words)
	}()
	for si, s := range doc.Sentences {
		key := s.Paragraph
		if s.Turn >= 0 {
			key = -1 - s.Turn
		}
		if key != scopeKey {
			// a reply may count days from a day the previous speaker named
			// ("on 14 October ..." — "We learned of it the next day")
			carry := key < 0 && scopeKey < 0 && key == scopeKey-1
			anchor, has := r.scope.anchor, r.scope.hasAnchor
			scopeKey = key
			r.scope = dateScope{}
			if carry {
				r.scope.anchor, r.scope.hasAnchor = anchor, has
			}
		}
		words.read(doc.Text, s.Span)
		r.startSentence(si, s.Span, words)
		atoms := scanDates(doc.Text, s.Span, words)
		// Dates first, then times of day, which fall on the day the
		// sentence names wherever it names it ("at 10 a.m. on May 3").
		if cap(resBuf) < len(atoms) {
			resBuf = make([]dateResult, len(atoms))
		}
		res := resBuf[:len(atoms)]
		clear(res)
		before := r.scope
		r.days = r.days[:0]
		for i, a := range atoms {
			if a.rule.kind != kindTime {
				res[i].w, res[i].rel, res[i].ok = r.resolveAtom(a)
				if w := res[i].w; res[i].ok && !w.isSpan() && w.a.prec >= precDay {
					r.days = append(r.days, sentenceDay{at: a.g.start(), day: w.a, rel: res[i].rel, part: partOfDay(doc.Surface(a.span()))})
				}
			}
		}
		after := r.scope
		for i, a := range atoms {
			if a.rule.kind == kindTime {
				r.scope = before
				res[i].w, res[i].rel, res[i].ok = r.resolveAtom(a)
			}
		}
		r.scope = after
		for i, a := range atoms {
			if !res[i].ok {
				continue
			}
			if a.rule.kind == kindTime && res[i].w.a.prec >= precDay {
				d := res[i].w.a
				r.scope.day, r.scope.hasDay, r.scope.dayRel, r.scope.daySent = instant{y: d.y, m: d.m, d: d.d, prec: precDay}, true, res[i].rel, si
			}
			sp := a.span()
			doc.Dates = append(doc.Dates, Date{
				Span: sp, Text: doc.Text[sp.Start:sp.End],
				Value: res[i].w.value(), Relative: res[i].rel, Sentence: si,
			})
		}
		// A paragraph that is a day and nothing else heads an entry (a
		// diary's "Sunday 3rd", a journal's "Thursday, 28 February"): the
		// entry's relative dates count from that day, not from the
		// document's date.
		if len(atoms) == 1 && res[0].ok && !res[0].w.isSpan() && res[0].w.a.prec == precDay &&
			atoms[0].rule.kind == kindDate && ownParagraph(doc, si) &&
			headingOnly(doc.Text[s.Span.Start:s.Span.End], doc.Text[atoms[0].span().Start:atoms[0].span().End]) {
			d := res[0].w.a
			r.ref = instant{y: d.y, m: d.m, d: d.d, prec: precDay}
		}
	}
}

// dateResult is what an atom resolved to.
type dateResult struct {
	w       when
	rel, ok bool
}

// sentenceWordsPool keeps the date filter's scratch from one document to
// the next.
var sentenceWordsPool = sync.Pool{New: func() any { return &sentenceWords{} }}

// ownParagraph reports whether sentence si is a paragraph by itself.
func ownParagraph(doc *Document, si int) bool {
	s := doc.Sentences[si]
	if si > 0 && doc.Sentences[si-1].Paragraph == s.Paragraph {
		return false
	}
	return si+1 >= len(doc.Sentences) || doc.Sentences[si+1].Paragraph != s.Paragraph
}

// headingOnly reports whether a sentence holds nothing but the date
// (and punctuation).
func headingOnly(sentence, date string) bool {
	trim := func(x string) string {
		return strings.TrimFunc(x, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsPunct(r) })
	}
	return trim(sentence) == trim(date)
}

// sentenceDay is a day the current sentence names, for its times of day.
type sentenceDay struct {
	at   int
	day  instant
	rel  bool
	part string
}

// --- values -----------------------------------------------------------

// when is a resolved temporal value: a point (b.prec == precNone) or a
// span from a to b.
type when struct{ a, b instant }

func (w when) value() string {
	if w.a.prec == precNone {
		return ""
	}
	a := w.a.String()
	if w.b.prec == precNone || a == "" {
		return a
	}
	b := w.b.String()
	if b == "" {
		return ""
	}
	return a + "/" + b
}

func (w when) isSpan() bool { return w.b.prec != precNone }

// start and end are the first and last instants a value covers.
func (w when) start() instant { return w.a }
func (w when) end() instant {
	if w.isSpan() {
		return w.b
	}
	return w.a
}

func point(t instant) when { return when{a: t} }

func span(a, b instant) when {
	if a == b {
		return point(a)
	}
	return when{a: a, b: b}
}

// --- recognition ------------------------------------------------------

// Regular-expression fragments. Month names must be capitalized (or all
// capitals): lower-case "may" and "march" are verbs. Relative words are
// matched in any case, since they may open a sentence.
const (
	monthFullAlt = `January|February|March|April|May|June|July|August|September|October|November|December|JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER`
	monthAbbrAlt = `Jan\.?|Feb\.?|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?`
	// a month name before a day or year: abbreviations allowed
	reMonAny = `(?-i:(?:` + monthFullAlt + `)\b|` + monthAbbrAlt + `)`
	// a month name standing alone
	reMonFull = `(?-i:(?:January|February|March|April|May|June|July|August|September|October|November|December)\b)`
	reYear    = `(?:1\d{3}|20\d{2})\b`
	reDay     = `[0-3]?\d(?:st|nd|rd|th)?\b`
	reWeekday = `(?-i:` + weekdayAlt + `|` + weekdayCapsAlt + `)`
	// a day of the month written as an ordinal: "the 24th", "3rd"
	reOrdDay = `(?P<d>[0-3]?\d(?:st|nd|rd|th))\b`
	// "of last year", "last year", "of the following year"
	reYearQual = `(?:,?\s+(?:of\s+)?(?:last|this|next|the\s+(?:following|previous|preceding|same|next))\s+year\b)`
	reAmPm     = `(?:[aApP]\.\s?[mM]\.|[aApP][mM]\b|[aApP]\.[mM]\b)`
	rePartDay  = `(?:in\s+the\s+(?:morning|afternoon|evening)|at\s+night|tonight)`
)

// atomKind says what an atom can combine with.
type atomKind int8

const (
	kindDate atomKind = iota
	kindTime
	kindPart // "the first ten days" without its month: only inside a span
)

// dateRule is one shape of temporal expression.
type dateRule struct {
	name        string
	kind        atomKind
	needs       [][]int  // cues (ruleNeeds): one of each group must occur in the sentence
	needSets    []cueSet // the groups of needs as sets
	group       int      // index into ruleGroups: the rules with the same first need
	*wordRegexp          // the expression, searched fast (wordregexp.go)
	accept      func(text string, g groups) bool
	resolve     func(r *dateResolver, g groups) (when, bool, bool) // value, relative, ok
}

// groups gives the named submatches of one match.
type groups struct {
	text string
	m    []int
	re   *regexp.Regexp
}

func (g groups) has(name string) bool {
	i := g.re.SubexpIndex(name)
	return i > 0 && g.m[2*i] >= 0
}

func (g groups) s(name string) string {
	i := g.re.SubexpIndex(name)
	if i <= 0 || g.m[2*i] < 0 {
		return ""
	}
	return g.text[g.m[2*i]:g.m[2*i+1]]
}

func (g groups) start() int { return g.m[0] }
func (g groups) end() int   { return g.m[1] }

func (g groups) num(name string) int {
	s := g.s(name)
	s = strings.TrimRight(s, "stndrhSTNDRH")
	n, _ := strconv.Atoi(s)
	return n
}

// atom is one recognized expression in a sentence, possibly joined with a
// second into a span ("July 1964 to August 1965").
type atom struct {
	rule  *dateRule
	g     groups
	start int // may precede the match: "from ..."
	to    *atom
	alias *atom // "last evening (November 18)": the value of the parenthesis
}

func (a *atom) span() Span {
	end := a.g.end()
	if a.to != nil {
		end = a.to.g.end()
	}
	return Span{a.start, end}
}

var dateRules []*dateRule

func rule(name string, kind atomKind, pattern string, accept func(string, groups) bool, resolve func(*dateResolver, groups) (when, bool, bool)) {
	ru := &dateRule{name: name, kind: kind, group: groupOf(ruleNeeds[name]), accept: accept, resolve: resolve}
	ru.needs, ru.needSets = cueIDs(ruleNeeds[name])
	ru.wordRegexp = mustCompileWord(`(?i)\b` + pattern)
	ru.matchNeeds = ruleMayMatch[name]
	ru.match = handMatchers[name]
	if len(ru.matchNeeds) > maxNeeds {
		panic("extract: too many match needs for rule " + name)
	}
	noteFirstBytes(ru.wordRegexp)
	dateRules = append(dateRules, ru)
}

// handMatchers are the rules' expressions written by hand (anchored, as
// wordRegexp.match), where the regexp package is slowest.
var handMatchers = map[string]func(string) []int{
	"month-day":     matchMonthDay,
	"day-month":     matchDayMonth,
	"month-year":    matchMonthYear,
	"month":         matchMonth,
	"year":          matchYear,
	"relative-unit": matchRelativeUnit,
	"season":        matchSeason,
	"past":          matchPast,
	"anaphoric-day": matchAnaphoricDay,
}

// ruleNeeds are words (lower case; "#" for a digit, ":" for a colon) a
// sentence must hold for a rule to be tried: a cheap filter, since most
// sentences hold no date.
var ruleNeeds = map[string][]string{
	"month-day":       {"#", "@month"},
	"day-month":       {"#", "@month"},
	"ordinal-month":   {"@month", "of"},
	"day-range":       {"#", "@month"},
	"month-day-range": {"@month", "#"},
	"month-year":      {"#", "@month"},
	"month-yq":        {"@month", "year"},
	"q-month":         {"@month", "last|this|next|past"},
	"month":           {"@month"},
	"month-list":      {"@month"},
	"year":            {"#"},
	"year-range":      {"#"},
	"decade":          {"#"},
	"iso":             {"#"},
	"deictic-day":     {"yesterday|tomorrow|today|tonight|night|evening|morning|afternoon"},
	"anaphoric-day":   {"day|evening|morning|afternoon|night|noon"},
	"relative-unit":   {"year|month|week"},
	"ago":             {"ago"},
	"past":            {"past|last|preceding"},
	"season":          {"winter|summer|autumn|fall|spring|wintertime|summertime|springtime"},
	"decade-of-month": {"ten", "days"},
	"part-of-month":   {"beginning|start|middle|end|close", "of"},
	"early-month":     {"early|mid|late"},
	"ten-days":        {"ten", "days"},
	"weekday":         {"monday|tuesday|wednesday|thursday|friday|saturday|sunday"},
	"weekday-ordinal": {"monday|tuesday|wednesday|thursday|friday|saturday|sunday", "#"},
	"ordinal-day":     {"the", "#"},
	"hhmm":            {"#", "local|gmt|z|hours|hrs|at|about|around|approximately|until|till|before|after|by|from"},
	"clock":           {":", "#"},
	"clock-range":     {":", "#"},
	"hour":            {"m|am|pm", "#"},
	"oclock":          {"clock"},
	"hours":           {"hours|hrs", "#"},
	"noon":            {"noon|midday|midnight"},
}

func init() {
	// "February 3, 1967", "Monday, May 3", "August 18", "Feb. 3 of last year"
	rule("month-day", kindDate, `(?:`+reWeekday+`,?\s+)?(?P<mon>`+reMonAny+`)\s*(?P<d>`+reDay+`)(?:,?\s*(?P<y>`+reYear+`))?(?P<yq>`+reYearQual+`)?`,
		acceptDay, resolveCalendar)
	// "3 February 1967", "1 June of last year", "the 29th of November"
	rule("day-month", kindDate, `(?:`+reWeekday+`,?\s+)?(?:the\s+)?(?P<d>`+reDay+`)(?:\s+of)?\s+(?P<mon>`+reMonAny+`)(?:,?\s+(?P<y>`+reYear+`))?(?P<yq>`+reYearQual+`)?`,
		acceptDay, resolveCalendar)
	// "the first of May", "the twenty-ninth of November"
	rule("ordinal-month", kindDate, `the\s+(?P<od>`+ordinalAlt+`)\s+of\s+(?P<mon>`+reMonFull+`)(?:,?\s+(?P<y>`+reYear+`))?(?P<yq>`+reYearQual+`)?`,
		nil, resolveCalendar)
	// "13 to 20 February 1961", "February 13–20, 1961"
	rule("day-range", kindDate, `(?P<d>[0-3]?\d)\s*(?:-|–|—|to|until)\s*(?P<d2>[0-3]?\d)(?:\s+of)?\s+(?P<mon>`+reMonAny+`)(?:,?\s+(?P<y>`+reYear+`))?(?P<yq>`+reYearQual+`)?`,
		acceptDayRange, resolveDayRange)
	rule("month-day-range", kindDate, `(?P<mon>`+reMonAny+`)\s*(?P<d>[0-3]?\d)\s*(?:-|–|—)\s*(?P<d2>[0-3]?\d)\b(?:,?\s*(?P<y>`+reYear+`))?`,
		acceptDayRange, resolveDayRange)
	// "January 1962", "May of 1966", "May of last year", "May last year"
	rule("month-year", kindDate, `(?P<mon>`+reMonAny+`),?\s+(?:of\s+)?(?P<y>`+reYear+`)`, acceptYearAt("y"), resolveCalendar)
	rule("month-yq", kindDate, `(?P<mon>`+reMonFull+`)(?P<yq>`+reYearQual+`)`, nil, resolveCalendar)
	// "last November", "this January", "next March"
	rule("q-month", kindDate, `(?P<q>last|this|next|past)\s+(?P<mon>`+reMonFull+`)`, nil, resolveQualifiedMonth)
	// "in August": a bare month after a preposition
	rule("month", kindDate, `(?P<mon>`+reMonFull+`)`, acceptBareMonth, resolveCalendar)
	// "the months February, March, and April of next year"
	rule("month-list", kindDate, `(?:the\s+months?\s+(?:of\s+)?)?(?P<mon>`+reMonFull+`)(?:\s*,\s*`+reMonFull+`)*(?:\s*,\s*|\s*(?:-|–|—)\s*|\s*,?\s+(?:and|or|to|through|until)\s+)(?P<mon2>`+reMonFull+`)(?:,?\s+(?P<y>`+reYear+`)|(?P<yq>`+reYearQual+`))?`,
		nil, resolveMonthList)
	// "1962", "V. 1967"; "1955–56", "1958-1960"; "the 1960s"
	rule("year", kindDate, `(?P<y>`+reYear+`)`, acceptYearAt("y"), resolveCalendar)
	rule("year-range", kindDate, `(?P<y>`+reYear+`)\s*(?P<dash>-|–|—|/)\s*(?P<y2>\d{4}|\d{2})\b`, acceptYearRange, resolveYearRange)
	rule("decade", kindDate, `(?:the\s+)?(?P<y>(?:1\d|20)\d0)['’]?s\b`, nil, resolveDecade)
	rule("iso", kindDate, `(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b`, acceptISO, resolveCalendar)
	// "yesterday", "the day after tomorrow", "last night", "this morning"
	rule("deictic-day", kindDate, `(?P<w>the\s+day\s+after\s+tomorrow|the\s+day\s+before\s+yesterday|(?:yesterday|tomorrow)(?:\s+(?:morning|afternoon|evening|night))?|today|tonight|(?:last|this)\s+(?:night|evening|morning|afternoon))\b`,
		nil, resolveDeicticDay)
	// "the previous day", "the evening before", "that morning", "that noon"
	rule("anaphoric-day", kindDate, `(?:(?:the\s+)?(?P<q>previous|preceding|following|next|same)\s+(?P<u>day|evening|morning|afternoon|night)|the\s+(?P<u2>day|evening|morning|afternoon|night)\s+(?P<q2>before|after|earlier)|that\s+(?P<u3>day|morning|afternoon|evening|night|noon))\b`,
		nil, resolveAnaphoricDay)
	// "last year", "next month", "the following year", "that year"
	rule("relative-unit", kindDate, `(?P<q>last|this|next|the\s+(?:previous|preceding|following|next|same)|that)\s+(?P<u>year|month|week)\b`,
		nil, resolveRelativeUnit)
	// "two years ago", "Two years ago, in November"
	rule("ago", kindDate, `(?P<n>`+numberAlt+`)\s+(?P<u>years?|months?|weeks?|days?)\s+ago\b(?:,?\s+in\s+(?:(?P<mon>`+reMonFull+`)|(?P<y>`+reYear+`)))?`,
		nil, resolveAgo)
	// "the past year", "the past one year", "over the past 17 years", "the last three years"
	rule("past", kindDate, `(?:over\s+)?(?:the\s+)?(?P<q>past|last|preceding)\s+(?:(?P<n>`+numberAlt+`)\s+)?(?P<u>years?|months?|weeks?|days?|decades?)\b`,
		acceptPast, resolvePast)
	// "the winter of 1953", "spring of 1954", "last summer", "By winter", "the summertime"
	rule("season", kindDate, `(?:(?P<q>last|this|next|that|by)\s+)?(?P<the>the\s+)?(?P<s>winter|summer|autumn|fall|spring)(?:time)?\b(?:\s+(?:of\s+)?(?P<y>`+reYear+`)|\s+of\s+(?P<yq>last|this|next)\s+year\b)?`,
		acceptSeason, resolveSeason)
	// "the first ten days of last November", "the middle of August", "early 1962", "mid-August"
	monthExpr := `(?:(?P<mq>last|this|next)\s+)?(?P<mon>` + reMonFull + `)(?:,?\s+(?P<y>` + reYear + `)|(?P<yq>` + reYearQual + `))?|(?P<yo>` + reYear + `)`
	rule("decade-of-month", kindDate, `(?:the\s+)?(?P<part>first|second|middle|last|final)\s+ten\s+days\s+of\s+(?:`+monthExpr+`)`, acceptPart, resolvePart)
	rule("part-of-month", kindDate, `(?:the\s+)?(?P<part>beginning|start|middle|end|close)\s+of\s+(?:`+monthExpr+`)`, acceptPart, resolvePart)
	rule("early-month", kindDate, `(?P<part>early|mid|late)[-\s]+(?:`+monthExpr+`)`, acceptPart, resolvePart)
	rule("ten-days", kindPart, `(?:the\s+)?(?P<part>first|second|middle|last|final)\s+ten\s+days\b`, nil, resolvePart)
	// "on Monday", "last Friday"
	rule("weekday", kindDate, `(?:(?P<q>last|this|next|on|that|by|since|until|before|after|from|till)\s+)?(?P<wd>`+reWeekday+`)(?:\s+(?P<pod>morning|afternoon|evening|night))?\b`,
		nil, resolveWeekday)
	// "Sunday 3rd", "MONDAY 6TH", "Monday the 11th": the month is the
	// one around the reference date in which that day is that weekday
	rule("weekday-ordinal", kindDate, `(?:(?P<q>last|this|next|on|that|by|since|until|before|after|from|till)\s+)?(?P<wd>`+reWeekday+`),?\s+(?:the\s+)?`+reOrdDay,
		nil, resolveWeekdayOrdinal)
	// "on the 24th", "after the 15th": a day of the running month
	rule("ordinal-day", kindDate, `the\s+`+reOrdDay, acceptOrdinalDay, resolveOrdinalDay)
	// times of day
	rule("clock", kindTime, `(?P<h>[01]?\d|2[0-3]):(?P<mi>[0-5]\d)\b(?:\s*(?P<ap>`+reAmPm+`))?(?:\s+(?P<pod>`+rePartDay+`))?`, acceptClock, resolveClock)
	rule("clock-range", kindTime, `(?P<h>[01]?\d|2[0-3]):(?P<mi>[0-5]\d)\s*(?P<ap1>`+reAmPm+`)?\s*(?:-|–|—)\s*(?P<h2>[01]?\d|2[0-3]):(?P<mi2>[0-5]\d)\b(?:\s*(?P<ap>`+reAmPm+`))?`, acceptClock, resolveClockRange)
	rule("hour", kindTime, `(?P<h>1[0-2]|0?[1-9])\s*(?P<ap>`+reAmPm+`)(?:\s+(?P<pod>`+rePartDay+`))?`, acceptClock, resolveClock)
	rule("oclock", kindTime, `(?P<h>1[0-2]|[1-9]|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+o['’]clock\b(?:\s+(?P<pod>`+rePartDay+`))?`, acceptClock, resolveClock)
	rule("hours", kindTime, `(?P<h>[01]\d|2[0-3])(?P<mi>[0-5]\d)\s+(?:hours|hrs)\b`, nil, resolveClock)
	// the telegram's four-digit time: "0345 LOCAL", "1530Z", "ABOUT 2300"
	rule("hhmm", kindTime, `(?:(?P<pre>at|about|around|approximately|until|till|before|after|by|from)\s+)?(?P<h>[01]\d|2[0-3])(?P<mi>[0-5]\d)(?:\s*(?P<zone>LOCAL|GMT|Z)\b)?`, acceptHHMM, resolveClock)
	rule("noon", kindTime, `(?P<nm>noon|midday|midnight)\b`, nil, resolveClock)
}

// scanDates finds the temporal expressions of one sentence: every rule's
// matches, the leftmost and then longest kept where they overlap, then
// neighbours joined into spans.
func scanDates(text string, sent Span, words *sentenceWords) []*atom {
	s := text[sent.Start:sent.End]
	var cands []*atom
	for _, ru := range dateRules {
		if !words.holdsNeeds(ru) {
			continue // most rules, in most sentences: asked here, inlined
		}
		for _, win := range words.windows(ru, s) {
			cands = appendMatches(cands, ru, text, sent.Start+win.Start, sent.Start+win.End, words.matchStarts())
		}
	}
	slices.SortStableFunc(cands, func(x, y *atom) int {
		a, b := x.g, y.g
		if a.start() != b.start() {
			return a.start() - b.start()
		}
		return b.end() - a.end()
	})
	var atoms []*atom
	end := sent.Start
	for _, c := range cands {
		if c.g.start() < end {
			continue
		}
		atoms = append(atoms, c)
		end = c.g.end()
	}
	// Join spans and parentheses.
	var out []*atom
	for i := 0; i < len(atoms); i++ {
		a := atoms[i]
		if i+1 < len(atoms) {
			b := atoms[i+1]
			gap := text[a.g.end():b.g.start()]
			before := text[max(sent.Start, a.g.start()-12):a.g.start()]
			switch {
			case joinsSpan(a, b, gap, before):
				a.to = b
				if m := fromRE.FindStringIndex(before); m != nil {
					a.start = a.g.start() - len(before) + m[0]
				}
				out = append(out, a)
				i++
				continue
			case parenAfter(text, a, b, gap):
				a.alias = b
			}
		}
		if a.rule.kind == kindPart {
			continue // "the first ten days" with no month to belong to
		}
		out = append(out, a)
	}
	return out
}

// appendMatches adds the rule's accepted matches in text[from:to], trying
// the positions at (sentenceWords.starts).
func appendMatches(cands []*atom, ru *dateRule, text string, from, to int, at []int) []*atom {
	for _, m := range ru.findAllAt(text, from, to, at) {
		g := groups{text: text, m: m, re: ru.re}
		if ru.accept != nil && !ru.accept(text, g) {
			continue
		}
		cands = append(cands, &atom{rule: ru, g: g, start: m[0]})
	}
	return cands
}

var (
	spanGapRE    = regexp.MustCompile(`(?i)^\s*(?:-|–|—|to|until|till|through|thru)\s*$`)
	betweenGapRE = regexp.MustCompile(`(?i)^\s+and\s+$`)
	fromRE       = regexp.MustCompile(`(?i)\b(?:from|between)\s+$`)
	betweenRE    = regexp.MustCompile(`(?i)\bbetween\s+$`)
)

// joinsSpan reports whether two neighbouring atoms are the ends of one
// span: "July 1964 to August 1965", "from the first ten days until the
// middle of August", "between 1962 and 1964". Times joined by words stay
// apart ("from 7:30 until midnight"); a dashed range of times is one rule.
func joinsSpan(a, b *atom, gap, before string) bool {
	if a.rule.kind == kindTime || b.rule.kind == kindTime || b.rule.kind == kindPart {
		return false
	}
	if betweenGapRE.MatchString(gap) {
		return betweenRE.MatchString(before)
	}
	return spanGapRE.MatchString(gap)
}

// parenAfter reports whether b stands in parentheses right after a
// relative expression that it dates: "last evening (November 18)".
func parenAfter(text string, a, b *atom, gap string) bool {
	if strings.TrimSpace(gap) != "(" {
		return false
	}
	switch a.rule.name {
	case "deictic-day", "anaphoric-day", "relative-unit", "weekday", "ago":
	default:
		return false
	}
	rest := strings.TrimLeft(text[b.g.end():], " ")
	return strings.HasPrefix(rest, ")")
}

// --- guards -----------------------------------------------------------

// docRefWords precede a number that names a document, a page, a file or a
// shelf mark rather than a year: "telegram 1708", "Document 1955",
// "Room 1118".
var docRefWords = map[string]bool{
	"no": true, "nos": true, "number": true, "numbers": true, "nr": true, "document": true,
	"documents": true, "doc": true, "docs": true, "page": true, "pages": true, "p": true,
	"pp": true, "para": true, "paragraph": true, "paragraphs": true, "section": true,
	"sections": true, "art": true, "article": true, "articles": true, "item": true,
	"items": true, "vol": true, "vols": true, "volume": true, "volumes": true, "file": true,
	"files": true, "box": true, "boxes": true, "folder": true, "folders": true, "lot": true,
	"room": true, "reel": true, "frame": true, "frames": true, "serial": true, "circular": true,
	"resolution": true, "resolutions": true, "telegram": true, "telegrams": true, "tel": true,
	"cable": true, "cables": true, "airgram": true, "airgrams": true, "despatch": true,
	"dispatch": true, "letter": true, "memo": true, "memorandum": true, "instruction": true,
	"code": true, "flight": true, "route": true, "tab": true, "annex": true, "appendix": true,
	"chapter": true, "ch": true, "fn": true, "footnote": true, "footnotes": true, "exhibit": true,
	"series": true, "fl": true, "dos": true, "f": true, "op": true, "d": true, "list": true,
	"law": false, "record": true, "records": true, "telex": true, "message": true, "report": true,
	"unit": true, "division": true, "regiment": true, "brigade": true, "battalion": true,
	"hill": true, "height": true, "km": true, "kilometer": true, "kilometre": true, "mile": true,
}

// countNouns follow a number that counts something.
var countNouns = map[string]bool{
	"people": true, "persons": true, "men": true, "women": true, "children": true,
	"percent": true, "per": true, "cent": true, "dollars": true, "troops": true,
	"soldiers": true, "cadres": true, "members": true, "delegates": true, "tons": true,
	"tonnes": true, "kilometers": true, "kilometres": true, "miles": true, "meters": true,
	"metres": true, "feet": true, "hectares": true, "acres": true, "yuan": true, "rubles": true,
	"roubles": true, "pounds": true, "francs": true, "marks": true, "lek": true, "copies": true,
	"pages": true, "characters": true, "words": true, "votes": true, "students": true,
	"workers": true, "prisoners": true, "villages": true, "districts": true, "units": true,
	"times": true, "years": true, "months": true, "days": true, "hours": true, "minutes": true,
	"million": true, "billion": true, "thousand": true, "hundred": true, "head": true,
}

// temporalPreps before a number make it a year whatever follows.
var temporalPreps = map[string]bool{
	"in": true, "of": true, "since": true, "until": true, "till": true, "by": true,
	"from": true, "to": true, "through": true, "during": true, "before": true, "after": true,
	"between": true, "around": true, "about": true, "circa": true, "ca": true, "c": true,
	"early": true, "late": true, "mid": true, "year": true, "summer": true, "winter": true,
	"spring": true, "autumn": true, "fall": true, "and": true, "or": true, "v": true,
}

// wordBefore returns the word that ends just before byte i (skipping
// spaces and one trailing period), and the character right before i.
func wordBefore(text string, i int) (word string, prev rune) {
	if i > 0 {
		prev, _ = utf8.DecodeLastRuneInString(text[:i])
	}
	j := i
	for j > 0 && text[j-1] == ' ' {
		j--
	}
	if j > 0 && text[j-1] == '.' {
		j--
	}
	k := j
	for k > 0 {
		r, size := utf8.DecodeLastRuneInString(text[:k])
		if !unicode.IsLetter(r) {
			break
		}
		k -= size
	}
	return text[k:j], prev
}

// wordAfter returns the word that begins after byte i (skipping spaces).
func wordAfter(text string, i int) string {
	j := i
	for j < len(text) && text[j] == ' ' {
		j++
	}
	k := j
	for k < len(text) {
		r, size := utf8.DecodeRuneInString(text[k:])
		if !unicode.IsLetter(r) {
			break
		}
		k += size
	}
	return text[j:k]
}

func isAllCaps(w string) bool {
	if utf8.RuneCountInString(w) < 2 {
		return false
	}
	for _, r := range w {
		if !unicode.IsUpper(r) {
			return false
		}
	}
	return true
}

// numberGlued reports whether the number at [i, j) is part of a longer
// token: a file number "611.93/8–1855", "1,967", "73C", "G-1955".
func numberGlued(text string, i, j int) bool {
	if i > 0 {
		p, _ := utf8.DecodeLastRuneInString(text[:i])
		if unicode.IsLetter(p) || unicode.IsDigit(p) || strings.ContainsRune("$£€¥#№/_", p) {
			return true
		}
		if strings.ContainsRune(".,-–—−:", p) && i >= 2 {
			pp, _ := utf8.DecodeLastRuneInString(text[:i-utf8.RuneLen(p)])
			if unicode.IsLetter(pp) || unicode.IsDigit(pp) {
				return true
			}
		}
	}
	if j < len(text) {
		n, _ := utf8.DecodeRuneInString(text[j:])
		if unicode.IsLetter(n) || unicode.IsDigit(n) || strings.ContainsRune("%/_", n) {
			return true
		}
		if strings.ContainsRune(".,:-–", n) && j+1 < len(text) {
			nn, _ := utf8.DecodeRuneInString(text[j+1:])
			if unicode.IsDigit(nn) {
				return true
			}
		}
	}
	return false
}

// yearOK decides whether the four digits at [i, j) are a year.
func yearOK(text string, i, j int) bool {
	return numberGlued(text, i, j) == false && yearWordsOK(text, i, j)
}

// yearWordsOK judges a four-digit number by its value and the words
// around it.
func yearWordsOK(text string, i, j int) bool {
	y, _ := strconv.Atoi(text[i:j])
	if y < 1500 || y > 2099 {
		return false // earlier years are written with their era, or not in figures
	}
	w, _ := wordBefore(text, i)
	lw := strings.ToLower(w)
	// a word right before the number (no comma between) may make it a
	// reference: "telegram 1708", "CF 1136", "NSC 5412"
	if prev := strings.TrimRight(text[:i], " "); prev != "" && !strings.ContainsRune(",;:(", rune(prev[len(prev)-1])) {
		if docRefWords[lw] || strings.HasSuffix(lw, "tel") && len(lw) > 3 {
			return false
		}
		if isAllCaps(w) && monthNumber(w) == 0 && w != "FY" && w != "AD" {
			return false
		}
		if lw == "at" {
			return false // "at 1500": a time of day
		}
	}
	next := strings.ToLower(wordAfter(text, j))
	if countNouns[next] {
		return false
	}
	if temporalPreps[lw] {
		return true
	}
	if (lw == "the" || lw == "its" || lw == "their" || lw == "his" || lw == "her") && y >= 1900 && y <= 2030 {
		return true // "the 1962 elections"
	}
	if n := wordAfter(text, j); n != "" && unicode.IsLower([]rune(n)[0]) && strings.HasSuffix(n, "s") && !notPlural[n] {
		return false // "1200 delegates"
	}
	return true
}

var notPlural = map[string]bool{
	"was": true, "is": true, "has": true, "as": true, "this": true, "thus": true, "its": true,
	"his": true, "us": true, "yes": true, "plus": true, "unless": true, "whereas": true,
	"less": true, "across": true, "does": true, "always": true, "perhaps": true, "besides": true,
}

func acceptYearAt(name string) func(string, groups) bool {
	return func(text string, g groups) bool {
		i := g.re.SubexpIndex(name)
		return yearOK(text, g.m[2*i], g.m[2*i+1])
	}
}

func acceptDay(text string, g groups) bool {
	d := g.num("d")
	if d < 1 || d > 31 {
		return false
	}
	m := monthNumber(g.s("mon"))
	if m == 0 || d > daysIn(2000, m) {
		return false
	}
	if g.has("y") {
		i := g.re.SubexpIndex("y")
		if !yearOK(text, g.m[2*i], g.m[2*i+1]) && numberGlued(text, g.m[2*i], g.m[2*i+1]) {
			return false
		}
	}
	// the day number must stand alone: not "8–23", "1,000 June"
	di := g.re.SubexpIndex("d")
	ds, de := g.m[2*di], g.m[2*di+1]
	for de > ds && unicode.IsLetter(rune(text[de-1])) {
		de--
	}
	if ds > 0 {
		p, _ := utf8.DecodeLastRuneInString(text[:ds])
		if unicode.IsDigit(p) || strings.ContainsRune(".,/-–", p) && ds >= 2 && unicode.IsDigit(rune(text[ds-2])) {
			return false
		}
	}
	return true
}

func acceptDayRange(text string, g groups) bool {
	d, d2 := g.num("d"), g.num("d2")
	m := monthNumber(g.s("mon"))
	if m == 0 || d < 1 || d2 <= d || d2 > daysIn(2000, m) {
		return false
	}
	return !numberGlued(text, g.m[2*g.re.SubexpIndex("d")], g.m[2*g.re.SubexpIndex("d")+1])
}

// acceptBareMonth keeps a month name standing alone only after a word
// that introduces a time ("in May", "since June", "by August", "of
// March"), or as the second of "June and August": "May I ask" and the
// Long March are not dates.
func acceptBareMonth(text string, g groups) bool {
	w, _ := wordBefore(text, g.start())
	after := wordAfter(text, g.end())
	if after == "Revolution" {
		return false // "the October Revolution" names an event
	}
	switch strings.ToLower(w) {
	case "of":
		// "the fortieth anniversary of October" counts from the event, it
		// gives no date
		if w2, _ := wordBefore(text, g.start()-len(w)-1); strings.EqualFold(w2, "anniversary") || strings.EqualFold(w2, "anniversaries") {
			return false
		}
		return true
	case "the":
		// "the July plenum of that year": a month naming when an event
		// was held, in a year the phrase gives; "the June plenum" alone
		// is the event's name
		if !monthEventNouns[after] {
			return false
		}
		rest := text[g.end():min(len(text), g.end()+len(after)+48)]
		return monthEventYearRE.MatchString(rest)
	case "in", "since", "until", "till", "by", "from", "to", "through", "during",
		"before", "after", "between", "early", "late", "mid", "around", "about",
		"throughout", "starting", "beginning", "ending", "that", "every":
		return true
	case "and", "or":
		return monthOrDayBeforeRE.MatchString(text[max(0, g.start()-24):g.start()])
	}
	return false
}

// monthEventNouns are the lower-case nouns of a gathering or a turn of
// events that a month names ("the July plenum", "the October events").
var monthEventNouns = map[string]bool{
	"plenum": true, "plenary": true, "session": true, "sessions": true, "congress": true,
	"conference": true, "meeting": true, "meetings": true, "events": true, "crisis": true,
	"talks": true, "elections": true, "uprising": true, "offensive": true, "decisions": true,
	"decision": true, "resolution": true, "resolutions": true, "days": true, "agreement": true,
	"agreements": true, "visit": true, "strike": true, "strikes": true, "coup": true,
}

// monthEventYearRE is the year after "the July plenum": "of that year",
// "of 1953".
var monthEventYearRE = regexp.MustCompile(`^\s*\pL+\s+of\s+(?:(?:that|this|last|next|the\s+(?:same|following|previous|preceding))\s+year\b|(?:1\d{3}|20\d{2})\b)`)

var monthOrDayBeforeRE = regexp.MustCompile(`(?:` + reMonFull + `|\d)\s*,?\s+(?:and|or)\s+$`)

func acceptYearRange(text string, g groups) bool {
	y := g.num("y")
	y2s := g.s("y2")
	y2 := g.num("y2")
	if len(y2s) == 2 {
		y2 += y / 100 * 100
	}
	if y2 <= y || y2-y > 200 || g.s("dash") == "/" && y2 != y+1 {
		return false // "1967/68" is a season or fiscal year; "1958/1960" no range
	}
	i := g.re.SubexpIndex("y")
	return yearWordsOK(text, g.m[2*i], g.m[2*i+1]) && !numberGlued(text, g.start(), g.end())
}

func acceptISO(text string, g groups) bool {
	return validDay(g.num("y"), g.num("m"), g.num("d")) && !numberGlued(text, g.start(), g.end())
}

func acceptPast(_ string, g groups) bool {
	// "last year" is the calendar year: the relative-unit rule. "the last
	// three years" and "the past year" are spans.
	q := strings.ToLower(g.s("q"))
	return q != "last" || g.has("n")
}

// acceptSeason keeps "spring" and "fall" only where they cannot be a
// noun or verb ("the fall of Saigon", "prices fall"): with a qualifier,
// a year, or after "in"; a capitalized season in mid-sentence is a name
// ("the Summer Palace").
func acceptSeason(text string, g groups) bool {
	s := strings.ToLower(g.s("s"))
	si := g.m[2*g.re.SubexpIndex("s")]
	dated := g.has("y") || g.has("yq")
	if r, _ := utf8.DecodeRuneInString(text[si:]); !dated && unicode.IsUpper(r) {
		if w, _ := wordBefore(text, si); w != "" {
			return false
		}
	}
	if dated || g.has("q") {
		return true
	}
	w, _ := wordBefore(text, g.start())
	lw := strings.ToLower(w)
	if s == "spring" || s == "fall" {
		return lw == "in" || lw == "during" || lw == "since" || lw == "until" || lw == "early" || lw == "late"
	}
	if g.has("the") {
		// "in the summertime", "the winter" but not "the winter offensive" of a name
		return true
	}
	switch lw {
	case "in", "by", "since", "until", "till", "during", "before", "after", "as", "when",
		"through", "throughout", "early", "late", "mid", "all", "every":
		return true
	}
	return false
}

func acceptPart(text string, g groups) bool {
	if g.has("yo") {
		i := g.re.SubexpIndex("yo")
		return yearOK(text, g.m[2*i], g.m[2*i+1]) || temporalPreps[strings.ToLower(g.s("part"))]
	}
	return true
}

func acceptClock(text string, g groups) bool {
	// not a ratio, a verse or a piece of a longer number: "12:30:45", "3.10:20"
	s, e := g.start(), g.end()
	if s > 0 {
		p, _ := utf8.DecodeLastRuneInString(text[:s])
		if unicode.IsDigit(p) || p == ':' || p == '.' || p == '/' || p == ',' {
			return false
		}
	}
	if e+1 < len(text) && text[e] == ':' && text[e+1] >= '0' && text[e+1] <= '9' {
		return false
	}
	return true
}

// --- resolution -------------------------------------------------------

// dateScope is what a paragraph (or speaker turn) has said so far.
type dateScope struct {
	ctx     instant // the last date with a year
	ctxRel  bool    // it was itself inferred
	ctxSent int
	ctxEnd  int
	day     instant // the last day named, for times of day
	dayPart string  // "night", "evening", "morning", "afternoon" of that day
	dayRel  bool    // the day was itself inferred
	daySent int
	hasDay  bool
	// anchor is the last day named by the calendar ("On 3 May ..."), from
	// which "the next day" and "that morning" count. Days named relative to
	// the document date ("the previous evening") do not move it: in a
	// memorandum they all count from the day of the conversation.
	anchor    instant
	hasAnchor bool
}

type dateResolver struct {
	doc    *Document
	ref    instant
	scope  dateScope
	sent   int
	span   Span
	future bool // the clause of the current expression speaks of the future
	cur    *atom
	days   []sentenceDay // days the current sentence names

	sentFuture bool   // the sentence has a word of the future at all
	clauseToks []Span // its words and clause marks, read when needed
}

// Words searched for in whole sentences: word expressions (wordregexp.go),
// which run only where such a word may begin.
var (
	sequenceRE = mustCompileWord(`(?i)\b(?:then|again|later|afterwards?|subsequently|thereafter)\b`)
	eveningRE  = mustCompileWord(`(?i)\b(?:evening|night|tonight|dinner|supper|reception|banquet)\b`)
	morningRE  = mustCompileWord(`(?i)\b(?:morning|breakfast)\b`)
)

func (r *dateResolver) startSentence(si int, s Span, words *sentenceWords) {
	r.sent, r.span = si, s
	r.sentFuture = words.hasAny(futureCues)
	r.future = r.sentFuture
	r.clauseToks = r.clauseToks[:0]
}

// futureAround reports whether the clause around [start, end) speaks of
// the future: "He recalled that the party had been banned in January and
// asked whether he would be removed" dates the ban in the past.
func (r *dateResolver) futureAround(start, end int) bool {
	if !r.sentFuture {
		return false
	}
	if len(r.clauseToks) == 0 {
		s := r.doc.Text[r.span.Start:r.span.End]
		r.clauseToks = clauseTokens(s, r.span.Start, r.clauseToks)
	}
	text := r.doc.Text
	isFuture := func(w string) bool {
		for _, f := range futureWords {
			if w == f {
				return true
			}
		}
		return false
	}
	stop := func(w string) bool {
		return clauseStops[w]
	}
	for i := len(r.clauseToks) - 1; i >= 0; i-- {
		t := r.clauseToks[i]
		if t.End > start {
			continue
		}
		w := strings.ToLower(text[t.Start:t.End])
		if isFuture(w) || w == "going" {
			return true
		}
		if stop(w) {
			break
		}
	}
	for _, t := range r.clauseToks {
		if t.Start < end {
			continue
		}
		w := strings.ToLower(text[t.Start:t.End])
		if isFuture(w) || w == "going" {
			return true
		}
		if stop(w) {
			break
		}
	}
	return false
}

var (
	clauseTokenRE = regexp.MustCompile(`[\p{L}]+|[,;:()]`) // what clauseTokens finds
	clauseStops   = map[string]bool{",": true, ";": true, ":": true, "(": true, ")": true, "and": true,
		"but": true, "that": true, "whether": true, "which": true, "who": true, "because": true,
		"although": true, "while": true, "when": true, "if": true}
)

// clauseTokens appends the words and clause marks of s, offset by base:
// clauseTokenRE.FindAllStringIndex(s, -1), without the expression.
func clauseTokens(s string, base int, out []Span) []Span {
	start := -1
	for i, r := range s {
		if unicode.IsLetter(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			out = append(out, Span{base + start, base + i})
			start = -1
		}
		if r == ',' || r == ';' || r == ':' || r == '(' || r == ')' {
			out = append(out, Span{base + i, base + i + 1})
		}
	}
	if start >= 0 {
		out = append(out, Span{base + start, base + len(s)})
	}
	return out
}

// futureWords mark a sentence about the future ("will", "would be held",
// "expected", "forthcoming"); "'ll" and "won't" leave "ll" and "won".
var futureWords = []string{"will", "shall", "would", "won", "ll", "expect", "expects", "expected",
	"expecting", "intend", "intends", "intended", "plan", "plans", "planned", "scheduled",
	"forthcoming", "upcoming"}

var futureGoingRE = regexp.MustCompile(`(?i)\bgoing\s+to\b`)

// resolveAtom resolves an atom, a span or an aliased expression and
// records what it says in the running context.
func (r *dateResolver) resolveAtom(a *atom) (when, bool, bool) {
	if a.to != nil {
		return r.resolveSpan(a)
	}
	if a.alias != nil {
		w, _, ok := r.resolveOne(a.alias)
		if ok {
			r.note(a, w, true)
			return w, true, true
		}
	}
	w, rel, ok := r.resolveOne(a)
	if ok {
		r.note(a, w, rel)
	}
	return w, rel, ok
}

// resolveOne resolves one atom. A rule reports an expression it cannot
// resolve for want of a reference (no document date) with rel set: that
// is still a date, with an empty value. Without rel it is no date at all.
func (r *dateResolver) resolveOne(a *atom) (when, bool, bool) {
	r.cur = a
	r.future = r.futureAround(a.g.start(), a.g.end())
	w, rel, ok := a.rule.resolve(r, a.g)
	if !ok {
		if rel && a.rule.kind != kindPart {
			return when{}, true, true
		}
		return when{}, false, false
	}
	return w, rel, true
}

// resolveSpan resolves "A to B". A part of a month without its month
// ("the first ten days until the middle of August") borrows B's.
func (r *dateResolver) resolveSpan(a *atom) (when, bool, bool) {
	var wa, wb when
	var ra, rb, ok bool
	if a.rule.kind == kindPart {
		wb, rb, ok = r.resolveOne(a.to)
		if !ok || wb.a.prec < precMonth {
			return when{}, false, false
		}
		mon := wb.a
		wa, ra, _ = resolvePartOf(a.g, mon, true)
	} else {
		wa, ra, ok = r.resolveOne(a)
		if !ok {
			return when{}, false, false
		}
		r.note(a, wa, ra)
		wb, rb, ok = r.resolveOne(a.to)
		if !ok {
			return when{}, false, false
		}
	}
	// the story goes on from the end of a span
	if !wb.isSpan() {
		r.note(a.to, wb, rb)
	}
	if wa.a.prec == precNone || wb.a.prec == precNone {
		return when{}, true, true // unresolvable without a document date
	}
	start, end := wa.start(), wb.end()
	if end.first().Before(start.first()) && rb && end.y == start.y {
		end.y++ // "November to January": the end is in the next year
	}
	if end.last().Before(start.first()) {
		return when{}, false, false
	}
	// two parts of one month make the month
	if isPartRule(a.rule) && isPartRule(a.to.rule) && start.y == end.y && start.m == end.m {
		return point(instant{y: start.y, m: start.m, prec: precMonth}), ra || rb, true
	}
	return span(start, end), ra || rb, true
}

func isPartRule(ru *dateRule) bool {
	switch ru.name {
	case "decade-of-month", "part-of-month", "early-month", "ten-days":
		return true
	}
	return false
}

// note records a resolved value in the running context.
func (r *dateResolver) note(a *atom, w when, rel bool) {
	if w.a.prec == precNone {
		return
	}
	// "since last year" bounds a period that reaches to now; it does not
	// move the story to last year
	since := false
	if w, _ := wordBefore(r.doc.Text, a.start); strings.EqualFold(w, "since") {
		since = true
	}
	if !w.isSpan() && a.rule.kind != kindTime && !since {
		r.scope.ctx, r.scope.ctxRel, r.scope.ctxSent, r.scope.ctxEnd = w.a, rel, r.sent, a.g.end()
		if r.scope.ctx.prec == precMinute {
			r.scope.ctx.prec = precDay
		}
	}
	if !w.isSpan() && w.a.prec >= precDay {
		r.scope.day = instant{y: w.a.y, m: w.a.m, d: w.a.d, prec: precDay}
		r.scope.hasDay, r.scope.dayRel, r.scope.daySent = true, rel, r.sent
		r.scope.dayPart = partOfDay(a.g.text[a.g.start():a.g.end()])
		if calendarRules[a.rule.name] {
			r.scope.anchor, r.scope.hasAnchor = r.scope.day, true
		}
	}
}

// calendarRules name a day by the calendar rather than by its distance
// from another.
var calendarRules = map[string]bool{
	"month-day": true, "day-month": true, "ordinal-month": true, "iso": true,
}

func partOfDay(s string) string {
	s = strings.ToLower(s)
	for _, p := range []string{"night", "evening", "afternoon", "morning"} {
		if strings.Contains(s, p) {
			return p
		}
	}
	return ""
}

// context returns the running context if it may resolve the current
// expression. A sentence about the future is reckoned from the document
// date, unless it names a year itself ("in 1966 he said he would come in
// May").
func (r *dateResolver) context() (instant, bool) {
	c := r.scope.ctx
	if c.prec < precYear {
		return c, false
	}
	if !r.future || r.scope.ctxSent == r.sent && !r.scope.ctxRel {
		return c, true
	}
	return c, false
}

// yearFor chooses the year of a month (and day, when d > 0) that the text
// gives without one.
func (r *dateResolver) yearFor(m, d int) (int, bool) {
	if c, ok := r.context(); ok {
		y := c.y
		if c.prec >= precMonth && (m < c.m || m == c.m && d > 0 && c.prec >= precDay && d < c.d) && r.sequenced() {
			if r.ref.prec == precNone || !(instant{y: y + 1, m: m, prec: precMonth}).first().After(r.ref.last()) {
				y++ // "on 1 June of last year, and then again in January"
			}
		}
		return r.clampPast(y, m, d), true
	}
	if r.ref.prec == precNone {
		return 0, false
	}
	y := r.ref.y
	if r.ref.prec == precYear {
		return y, true
	}
	return r.clampPast(r.clampFuture(y, m, d), m, d), true
}

// sequenced reports whether the text between the context and the current
// expression moves the story on ("then", "later", "again").
func (r *dateResolver) sequenced() bool {
	from := r.span.Start
	if r.scope.ctxSent == r.sent {
		from = r.scope.ctxEnd
	}
	to := r.cur.g.start()
	return from < to && sequenceRE.matchString(r.doc.Text[from:to])
}

// clampPast moves a past event that would fall more than two months after
// the document date back by a year ("I read it on 1 June", said in
// February).
func (r *dateResolver) clampPast(y, m, d int) int {
	if r.future || r.ref.prec < precMonth {
		return y
	}
	t := instant{y: y, m: m, d: max(d, 1), prec: precDay}
	if t.first().Sub(r.ref.last()).Hours() > 60*24 {
		return y - 1
	}
	return y
}

// clampFuture moves a future event that would fall more than a month
// before the document date on by a year ("the elections will be held on
// January 1", said in October).
func (r *dateResolver) clampFuture(y, m, d int) int {
	if !r.future || r.ref.prec < precMonth {
		return y
	}
	dd := d
	if dd == 0 {
		dd = daysIn(y, m)
	}
	t := instant{y: y, m: m, d: dd, prec: precDay}
	if r.ref.first().Sub(t.first()).Hours() > 30*24 {
		return y + 1
	}
	return y
}

// yearQual reads "of last year", "next year", "of the following year".
func (r *dateResolver) yearQual(q string) (int, bool) {
	q = strings.ToLower(strings.Join(strings.Fields(q), " "))
	q = strings.TrimPrefix(strings.TrimLeft(q, ", "), "of ")
	q = strings.TrimSuffix(q, " year")
	switch q {
	case "last", "this", "next":
		if r.ref.prec == precNone {
			return 0, false
		}
		return r.ref.y + map[string]int{"last": -1, "this": 0, "next": 1}[q], true
	case "the following", "the next", "the previous", "the preceding", "the same":
		base := r.ref.y
		if c, ok := r.context(); ok {
			base = c.y
		} else if r.ref.prec == precNone {
			return 0, false
		}
		return base + map[string]int{"the following": 1, "the next": 1, "the previous": -1, "the preceding": -1, "the same": 0}[q], true
	}
	return 0, false
}

func resolveCalendar(r *dateResolver, g groups) (when, bool, bool) {
	m := monthNumber(g.s("mon"))
	if g.has("m") {
		m = g.num("m")
	}
	d := g.num("d")
	if g.has("od") {
		d = parseOrdinal(g.s("od"))
	}
	rel := false
	var y int
	switch {
	case g.has("y"):
		y = g.num("y")
	case g.has("yq"):
		var ok bool
		if y, ok = r.yearQual(g.s("yq")); !ok {
			return when{}, true, false
		}
		rel = true
	default:
		var ok bool
		if y, ok = r.yearFor(m, d); !ok {
			return when{}, true, false
		}
		rel = true
	}
	switch {
	case m == 0:
		return point(instant{y: y, prec: precYear}), rel, true
	case d == 0:
		return point(instant{y: y, m: m, prec: precMonth}), rel, true
	}
	if !validDay(y, m, d) {
		return when{}, false, false
	}
	return point(instant{y: y, m: m, d: d, prec: precDay}), rel, true
}

func resolveDayRange(r *dateResolver, g groups) (when, bool, bool) {
	w, rel, ok := resolveCalendar(r, g)
	if !ok {
		return w, rel, ok
	}
	d2 := g.num("d2")
	if !validDay(w.a.y, w.a.m, d2) {
		return when{}, false, false
	}
	end := w.a
	end.d = d2
	return span(w.a, end), rel, true
}

// resolveQualifiedMonth: "last November" is the last November before the
// document's month, "next March" the first after it, "this January" the
// one of the document's year.
func resolveQualifiedMonth(r *dateResolver, g groups) (when, bool, bool) {
	t, ok := r.qualifiedMonth(g.s("q"), monthNumber(g.s("mon")))
	if !ok {
		return when{}, true, false
	}
	return point(t), true, true
}

func (r *dateResolver) qualifiedMonth(q string, m int) (instant, bool) {
	q = strings.ToLower(q)
	if r.ref.prec < precMonth {
		if r.ref.prec == precYear && q == "this" {
			return instant{y: r.ref.y, m: m, prec: precMonth}, true
		}
		return instant{}, false
	}
	y := r.ref.y
	switch q {
	case "last", "past":
		if m >= r.ref.m {
			y--
		}
	case "next":
		if m <= r.ref.m {
			y++
		}
	}
	return instant{y: y, m: m, prec: precMonth}, true
}

// resolveMonthList: "February, March, and April" is the span from the
// first month to the last.
func resolveMonthList(r *dateResolver, g groups) (when, bool, bool) {
	m1, m2 := monthNumber(g.s("mon")), monthNumber(g.s("mon2"))
	rel := false
	var y int
	switch {
	case g.has("y"):
		y = g.num("y")
		if m2 < m1 {
			y-- // "November, December and January 1967": the year is the last month's
		}
	case g.has("yq"):
		var ok bool
		if y, ok = r.yearQual(g.s("yq")); !ok {
			return when{}, true, false
		}
		rel = true
	default:
		var ok bool
		if y, ok = r.yearFor(m1, 0); !ok {
			return when{}, true, false
		}
		rel = true
	}
	y2 := y
	if m2 < m1 {
		y2++
	}
	return span(instant{y: y, m: m1, prec: precMonth}, instant{y: y2, m: m2, prec: precMonth}), rel, true
}

func resolveYearRange(_ *dateResolver, g groups) (when, bool, bool) {
	y := g.num("y")
	y2 := g.num("y2")
	if len(g.s("y2")) == 2 {
		y2 += y / 100 * 100
	}
	return span(instant{y: y, prec: precYear}, instant{y: y2, prec: precYear}), false, true
}

func resolveDecade(_ *dateResolver, g groups) (when, bool, bool) {
	y := g.num("y")
	return span(instant{y: y, prec: precYear}, instant{y: y + 9, prec: precYear}), false, true
}

// resolveDeicticDay: days counted from the document date.
func resolveDeicticDay(r *dateResolver, g groups) (when, bool, bool) {
	if r.ref.prec < precDay {
		return when{}, true, false
	}
	w := strings.ToLower(strings.Join(strings.Fields(g.s("w")), " "))
	off := 0
	switch {
	case w == "the day after tomorrow":
		off = 2
	case w == "the day before yesterday":
		off = -2
	case strings.HasPrefix(w, "yesterday"), w == "last night", w == "last evening":
		off = -1
	case strings.HasPrefix(w, "tomorrow"):
		off = 1
	}
	return point(addDays(r.ref, off)), true, true
}

// resolveAnaphoricDay: days counted from the last day the paragraph
// named, else from the document date.
func resolveAnaphoricDay(r *dateResolver, g groups) (when, bool, bool) {
	base := r.ref
	if r.scope.hasAnchor {
		base = r.scope.anchor
	}
	if base.prec < precDay {
		return when{}, true, false
	}
	off := 0
	switch strings.ToLower(g.s("q") + g.s("q2")) {
	case "previous", "preceding", "before", "earlier":
		off = -1
	case "following", "next", "after":
		off = 1
	}
	day := addDays(base, off)
	if strings.EqualFold(g.s("u3"), "noon") {
		day.hh, day.prec = 12, precMinute
	}
	return point(day), true, true
}

// resolveRelativeUnit: "last year" is the calendar year before the
// document's, "next month" the month after; "the following year" and
// "that year" count from the running context.
func resolveRelativeUnit(r *dateResolver, g groups) (when, bool, bool) {
	q := strings.ToLower(strings.Join(strings.Fields(g.s("q")), " "))
	u := strings.ToLower(g.s("u"))
	off := map[string]int{"last": -1, "this": 0, "next": 1, "the previous": -1, "the preceding": -1,
		"the following": 1, "the next": 1, "the same": 0, "that": 0}[q]
	base := r.ref
	if strings.HasPrefix(q, "the ") || q == "that" {
		if c, ok := r.context(); ok {
			base = c
		}
	}
	switch u {
	case "year":
		if base.prec < precYear {
			return when{}, true, false
		}
		return point(instant{y: base.y + off, prec: precYear}), true, true
	case "month":
		if base.prec < precMonth {
			return when{}, true, false
		}
		y, m := addMonths(base.y, base.m, off)
		return point(instant{y: y, m: m, prec: precMonth}), true, true
	}
	// a week: Monday to Sunday
	if base.prec < precDay {
		return when{}, true, false
	}
	wd := (int(base.first().Weekday()) + 6) % 7 // Monday = 0
	mon := addDays(base, -wd+7*off)
	return span(mon, addDays(mon, 6)), true, true
}

// resolveAgo: "two years ago" is the year two before the document's;
// "two years ago, in November" November of that year.
func resolveAgo(r *dateResolver, g groups) (when, bool, bool) {
	if g.has("y") {
		return point(instant{y: g.num("y"), prec: precYear}), false, true
	}
	n, ok := parseCount(g.s("n"))
	if !ok {
		return when{}, false, false
	}
	u := strings.TrimSuffix(strings.ToLower(g.s("u")), "s")
	if r.ref.prec == precNone || u != "year" && r.ref.prec < precMonth || (u == "week" || u == "day") && r.ref.prec < precDay {
		return when{}, true, false
	}
	switch u {
	case "year":
		if g.has("mon") {
			return point(instant{y: r.ref.y - n, m: monthNumber(g.s("mon")), prec: precMonth}), true, true
		}
		return point(instant{y: r.ref.y - n, prec: precYear}), true, true
	case "month":
		y, m := addMonths(r.ref.y, r.ref.m, -n)
		return point(instant{y: y, m: m, prec: precMonth}), true, true
	case "week":
		return point(addDays(r.ref, -7*n)), true, true
	}
	return point(addDays(r.ref, -n)), true, true
}

// resolvePast: "the past year" is the twelve months to the document's
// month; "the past N years" the years from N before to the document's.
func resolvePast(r *dateResolver, g groups) (when, bool, bool) {
	n := 1
	if g.has("n") {
		var ok bool
		if n, ok = parseCount(g.s("n")); !ok {
			return when{}, false, false
		}
	}
	u := strings.TrimSuffix(strings.ToLower(g.s("u")), "s")
	ref := r.ref
	switch {
	case u == "year" && n == 1 || u == "month":
		if ref.prec < precMonth {
			return when{}, true, false
		}
		k := n
		if u == "year" {
			k = 12
		}
		y, m := addMonths(ref.y, ref.m, -k)
		return span(instant{y: y, m: m, prec: precMonth}, instant{y: ref.y, m: ref.m, prec: precMonth}), true, true
	case u == "year" || u == "decade":
		if ref.prec < precYear {
			return when{}, true, false
		}
		if u == "decade" {
			n *= 10
		}
		return span(instant{y: ref.y - n, prec: precYear}, instant{y: ref.y, prec: precYear}), true, true
	}
	if ref.prec < precDay {
		return when{}, true, false
	}
	if u == "week" {
		n *= 7
	}
	return span(addDays(ref, -n), ref), true, true
}

// resolveSeason: a season with its year, or the one the context or the
// document date points to.
func resolveSeason(r *dateResolver, g groups) (when, bool, bool) {
	s := seasonNames[strings.ToLower(g.s("s"))]
	if g.has("y") {
		a, b := seasonSpan(s, g.num("y"))
		return span(a, b), false, true
	}
	if g.has("yq") {
		y, ok := r.yearQual(g.s("yq") + " year")
		if !ok {
			return when{}, true, false
		}
		a, b := seasonSpan(s, y)
		return span(a, b), true, true
	}
	q := strings.ToLower(g.s("q"))
	ref := r.ref
	if c, ok := r.context(); ok && (q == "" || q == "that" || q == "by") {
		y := c.y
		if s == winter && c.prec >= precMonth && c.m <= 2 {
			y-- // January 1967 lies in the winter of 1966
		}
		y = r.clampPast(y, seasonStartMonth(s), 1)
		a, b := seasonSpan(s, y)
		return span(a, b), true, true
	}
	if ref.prec < precMonth {
		if ref.prec == precYear && q != "last" && q != "next" {
			a, b := seasonSpan(s, ref.y)
			return span(a, b), true, true
		}
		return when{}, true, false
	}
	// the season year whose season contains the document date, or the
	// last one to begin before it
	cur := ref.y
	if sm := seasonStartMonth(s); ref.m < sm {
		cur--
	}
	a, b := seasonSpan(s, cur)
	inside := !ref.first().After(b.last())
	y := cur
	switch q {
	case "last":
		if inside {
			y--
		}
	case "next":
		y++
	case "this":
		if !inside {
			y++
		}
	default:
		if r.future && !inside {
			y++
		}
	}
	a, b = seasonSpan(s, y)
	return span(a, b), true, true
}

// resolvePart: "the first ten days of last November" is its 1st to 10th,
// "the middle of August" its 11th to 20th, "late August" its 21st to end;
// "early 1962" is the year.
func resolvePart(r *dateResolver, g groups) (when, bool, bool) {
	if g.has("yo") {
		y := g.num("yo")
		// "early 1957" is the first third of the year, as "early
		// January" is the first third of the month
		if r.cur != nil && r.cur.rule.name == "early-month" {
			third := 0
			switch strings.ToLower(g.s("part")) {
			case "mid":
				third = 1
			case "late":
				third = 2
			}
			return span(instant{y: y, m: 1 + 4*third, prec: precMonth}, instant{y: y, m: 4 + 4*third, prec: precMonth}), false, true
		}
		return point(instant{y: y, prec: precYear}), false, true
	}
	if !g.has("mon") {
		return when{}, false, false // a bare "first ten days" resolves in its span
	}
	var mon instant
	rel := true
	m := monthNumber(g.s("mon"))
	switch {
	case g.has("mq"):
		var ok bool
		if mon, ok = r.qualifiedMonth(g.s("mq"), m); !ok {
			return when{}, true, false
		}
	case g.has("y"):
		mon, rel = instant{y: g.num("y"), m: m, prec: precMonth}, false
	case g.has("yq"):
		y, ok := r.yearQual(g.s("yq"))
		if !ok {
			return when{}, true, false
		}
		mon = instant{y: y, m: m, prec: precMonth}
	default:
		y, ok := r.yearFor(m, 0)
		if !ok {
			return when{}, true, false
		}
		mon = instant{y: y, m: m, prec: precMonth}
	}
	w, _, ok := resolvePartOf(g, mon, false)
	return w, rel, ok
}

// resolvePartOf gives the days of a month that a part names.
func resolvePartOf(g groups, mon instant, _ bool) (when, bool, bool) {
	part := 1
	switch strings.ToLower(g.s("part")) {
	case "second", "middle", "mid":
		part = 2
	case "last", "final", "end", "close", "late":
		part = 3
	}
	first := 1 + 10*(part-1)
	last := first + 9
	if part == 3 {
		last = daysIn(mon.y, mon.m)
	}
	return span(instant{y: mon.y, m: mon.m, d: first, prec: precDay}, instant{y: mon.y, m: mon.m, d: last, prec: precDay}), true, true
}

// resolveWeekday: "last Friday" is the Friday before the document date,
// "next Monday" the Monday after; "on Monday" either, by the tense.
func resolveWeekday(r *dateResolver, g groups) (when, bool, bool) {
	if r.ref.prec < precDay {
		return when{}, true, false
	}
	wd := weekdayNames[strings.ToLower(g.s("wd"))]
	refWd := int(r.ref.first().Weekday())
	back := (refWd - wd + 7) % 7
	if back == 0 {
		back = 7
	}
	fwd := (wd - refWd + 7) % 7
	if fwd == 0 {
		fwd = 7
	}
	q := strings.ToLower(g.s("q"))
	switch {
	// "by Monday", "until Friday" look ahead
	case q == "next" || q == "until" || q == "till" || q == "by" || (q != "last" && q != "since" && q != "from" && r.future):
		return point(addDays(r.ref, fwd)), true, true
	}
	return point(addDays(r.ref, -back)), true, true
}

// resolveWeekdayOrdinal: "Sunday 3rd" is the 3rd of the month, nearest
// the reference date, on which the 3rd is a Sunday; a weekday that fits
// no near month leaves the reference month.
func resolveWeekdayOrdinal(r *dateResolver, g groups) (when, bool, bool) {
	base := r.ref
	if c, ok := r.context(); ok && c.prec >= precMonth {
		base = c
	}
	if base.prec < precMonth {
		return when{}, true, false
	}
	d := g.num("d")
	wd := weekdayNames[strings.ToLower(g.s("wd"))]
	best, found := instant{}, false
	for _, k := range []int{0, 1, -1, 2, -2} {
		y, m := addMonths(base.y, base.m, k)
		if !validDay(y, m, d) {
			continue
		}
		t := instant{y: y, m: m, d: d, prec: precDay}
		if int(t.first().Weekday()) == wd {
			best, found = t, true
			break
		}
	}
	if !found {
		if !validDay(base.y, base.m, d) {
			return when{}, true, false
		}
		best = instant{y: base.y, m: base.m, d: d, prec: precDay}
	}
	return point(best), true, true
}

// acceptOrdinalDay keeps "the 24th" standing alone as a day of the month,
// not "the 20th Congress", "the 15th century" or "the 38th parallel": the
// ordinal must end its phrase.
func acceptOrdinalDay(text string, g groups) bool {
	if n := g.num("d"); n < 1 || n > 31 {
		return false
	}
	w := wordAfter(text, g.end())
	if w == "" {
		return true
	}
	if lw := strings.ToLower(w); lw == "and" || lw == "or" {
		// "the 17th and 18th centuries"
		rest := strings.TrimLeft(text[g.end():], " ")[len(w):]
		if r := strings.TrimLeft(rest, " "); r != "" && r[0] >= '0' && r[0] <= '9' {
			return false
		}
	}
	return ordinalDayFollowers[strings.ToLower(w)]
}

// ordinalDayFollowers are the words that may follow a day written "the
// 24th": they open a new phrase or clause.
var ordinalDayFollowers = map[string]bool{
	"and": true, "or": true, "but": true, "when": true, "at": true, "in": true,
	"on": true, "we": true, "he": true, "she": true, "they": true, "i": true,
	"it": true, "to": true, "will": true, "would": true, "there": true, "if": true,
	"as": true, "so": true, "until": true, "till": true, "before": true, "after": true,
	"was": true, "is": true, "were": true, "had": true, "has": true,
}

// resolveOrdinalDay puts "the 24th" in the month the paragraph speaks of,
// else the reference month; in a clause about the future a day already
// past in that month is in the next ("the arrests will come after the
// 15th", written on 28 February).
func resolveOrdinalDay(r *dateResolver, g groups) (when, bool, bool) {
	d := g.num("d")
	base := r.ref
	fromRef := true
	if c, ok := r.context(); ok && c.prec >= precMonth {
		base, fromRef = c, false
	}
	if base.prec < precMonth {
		return when{}, true, false
	}
	y, m := base.y, base.m
	if fromRef && r.future && base.prec >= precDay && d < base.d {
		y, m = addMonths(y, m, 1)
	}
	if !validDay(y, m, d) {
		return when{}, true, false
	}
	return point(instant{y: y, m: m, d: d, prec: precDay}), true, true
}

// acceptHHMM keeps a four-digit time only where it cannot be a year or a
// count: with a time zone ("0345 LOCAL"), or after a word of time when
// the number is no plausible year ("ABOUT 2300", "at 0600") and ends its
// phrase.
func acceptHHMM(text string, g groups) bool {
	if end := g.end(); end < len(text) && text[end] >= '0' && text[end] <= '9' {
		return false
	}
	if b, _ := wordBefore(text, g.start()); b == "No" || b == "no" || b == "NO" {
		return false
	}
	if g.start() > 0 && (text[g.start()-1] == '#' || text[g.start()-1] == '/' || text[g.start()-1] == '-') {
		return false
	}
	if g.has("zone") {
		return true
	}
	if !g.has("pre") {
		return false
	}
	h := g.s("h")
	if h[0] == '1' || h == "20" { // 1000–2059 read as years
		return false
	}
	w := wordAfter(text, g.end())
	return w == "" || hhmmFollowers[strings.ToLower(w)]
}

var hhmmFollowers = map[string]bool{
	"local": true, "hours": true, "hrs": true, "gmt": true, "today": true, "tonight": true,
	"yesterday": true, "tomorrow": true, "this": true, "last": true, "and": true,
	"on": true, "in": true, "when": true,
}

// resolveClock puts a time of day on the day the sentence names, else on
// the last day the paragraph named, else on the document date. Hours
// without a.m. or p.m. are read as people speak of meetings: 1 to 7 are
// afternoon or evening, and any hour is in the evening in a sentence or
// on a day that speaks of the evening.
func resolveClock(r *dateResolver, g groups) (when, bool, bool) {
	day, rel, ok := r.dayForTime()
	if !ok {
		return when{}, true, false
	}
	h, mi := g.num("h"), g.num("mi")
	if n, ok := numberWords[strings.ToLower(g.s("h"))]; ok {
		h = n
	}
	switch strings.ToLower(g.s("nm")) {
	case "noon", "midday":
		h, mi = 12, 0
	case "midnight":
		return point(instant{y: addDays(day, 1).y, m: addDays(day, 1).m, d: addDays(day, 1).d, prec: precMinute}), true, true
	}
	// "17:20", "05:30" and "0530 hours" are read on a 24-hour clock
	h24 := g.has("mi") && len(g.s("h")) == 2 && (h >= 13 || g.s("h")[0] == '0' || r.cur.rule.name == "hours" || r.cur.rule.name == "hhmm")
	h = r.hour24(h, g.s("ap"), g.s("pod"), h24)
	if h < 0 || h > 23 {
		return when{}, false, false
	}
	day.hh, day.mi, day.prec = h, mi, precMinute
	return point(day), rel, true
}

func (r *dateResolver) hour24(h int, ap, pod string, explicit24 bool) int {
	ap = strings.ToLower(strings.ReplaceAll(strings.ReplaceAll(ap, ".", ""), " ", ""))
	sentence := r.doc.Text[r.span.Start:r.span.End]
	switch {
	case ap == "am":
		if h == 12 {
			return 0
		}
		return h
	case ap == "pm":
		if h < 12 {
			return h + 12
		}
		return h
	case explicit24 || h >= 13 || h == 0:
		return h
	case pod != "":
		if strings.Contains(strings.ToLower(pod), "morning") {
			return h
		}
		if h < 12 {
			return h + 12
		}
		return h
	case r.dayPartForTime() == "evening" || r.dayPartForTime() == "night",
		eveningRE.matchString(sentence) && !morningRE.matchString(sentence):
		if h < 12 && h >= 4 {
			return h + 12
		}
		return h
	case h <= 7 && !morningRE.matchString(sentence):
		return h + 12
	}
	return h
}

// dayForTime returns the day a time of day falls on, and whether that day
// was inferred rather than written in the same sentence.
func (r *dateResolver) dayForTime() (instant, bool, bool) {
	at := r.cur.g.start()
	best := -1
	for i, d := range r.days {
		if best < 0 || abs(d.at-at) < abs(r.days[best].at-at) {
			best = i
		}
	}
	if best >= 0 {
		return r.days[best].day, r.days[best].rel, true
	}
	sc := r.scope
	if sc.hasDay {
		return sc.day, true, true
	}
	if r.ref.prec < precDay {
		return instant{}, true, false
	}
	return r.ref, true, true
}

// dayPartForTime is the part of the day ("evening") the day of a time was
// named with: "last night ... from 7:30".
func (r *dateResolver) dayPartForTime() string {
	if len(r.days) > 0 {
		at := r.cur.g.start()
		best := 0
		for i, d := range r.days {
			if abs(d.at-at) < abs(r.days[best].at-at) {
				best = i
			}
		}
		return r.days[best].part
	}
	if r.scope.hasDay {
		return r.scope.dayPart
	}
	return ""
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

func resolveClockRange(r *dateResolver, g groups) (when, bool, bool) {
	day, rel, ok := r.dayForTime()
	if !ok {
		return when{}, true, false
	}
	h1, m1, h2, m2 := g.num("h"), g.num("mi"), g.num("h2"), g.num("mi2")
	ap2 := g.s("ap")
	ap1 := g.s("ap1")
	if ap1 == "" {
		ap1 = ap2
	}
	e := r.hour24(h2, ap2, "", len(g.s("h2")) == 2 && h2 >= 13)
	s := r.hour24(h1, ap1, "", len(g.s("h")) == 2 && h1 >= 13)
	if s > e && g.s("ap1") == "" && strings.EqualFold(strings.ReplaceAll(ap2, ".", ""), "pm") && h1 < 12 {
		s = h1 // "11:30–1:15 p.m."
	}
	a, b := day, day
	a.hh, a.mi, a.prec = s, m1, precMinute
	b.hh, b.mi, b.prec = e, m2, precMinute
	return span(a, b), rel, true
}
