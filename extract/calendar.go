package extract

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// monthNames maps English month names and their usual abbreviations to
// month numbers.
var monthNames = map[string]int{
	"january": 1, "jan": 1,
	"february": 2, "feb": 2,
	"march": 3, "mar": 3,
	"april": 4, "apr": 4,
	"may":  5,
	"june": 6, "jun": 6,
	"july": 7, "jul": 7,
	"august": 8, "aug": 8,
	"september": 9, "sep": 9, "sept": 9,
	"october": 10, "oct": 10,
	"november": 11, "nov": 11,
	"december": 12, "dec": 12,
}

// monthNumber returns the month a name stands for (case-insensitive, a
// trailing period allowed), or 0.
func monthNumber(name string) int {
	return monthNames[strings.TrimSuffix(strings.ToLower(name), ".")]
}

const monthAlt = `(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)`

var (
	// "February 3, 1967", "Feb. 3 1967"
	mdyRE = mustCompileWord(`\b(` + monthAlt + `)\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b`)
	// "3 February 1967"
	dmyRE = mustCompileWord(`\b(\d{1,2})(?:st|nd|rd|th)?\s+(` + monthAlt + `),?\s+(\d{4})\b`)
	// "1967-02-03"
	isoRE = mustCompileWord(`\b(\d{4})-(\d{2})-(\d{2})\b`)
)

// firstAbsoluteDate finds the first complete date (day, month and year) in
// s and returns it as YYYY-MM-DD with its byte span in s. It is what the
// header reader needs to date a document; the date stage recognizes every
// other shape.
func firstAbsoluteDate(s string) (value string, span Span, ok bool) {
	best := Span{Start: -1}
	for _, re := range []*wordRegexp{mdyRE, dmyRE, isoRE} {
		m := re.findStringSubmatchIndex(s)
		if m == nil || (best.Start >= 0 && m[0] >= best.Start) {
			continue
		}
		var y, mo, d int
		switch re {
		case mdyRE:
			mo = monthNumber(s[m[2]:m[3]])
			d, _ = strconv.Atoi(s[m[4]:m[5]])
			y, _ = strconv.Atoi(s[m[6]:m[7]])
		case dmyRE:
			d, _ = strconv.Atoi(s[m[2]:m[3]])
			mo = monthNumber(s[m[4]:m[5]])
			y, _ = strconv.Atoi(s[m[6]:m[7]])
		case isoRE:
			y, _ = strconv.Atoi(s[m[2]:m[3]])
			mo, _ = strconv.Atoi(s[m[4]:m[5]])
			d, _ = strconv.Atoi(s[m[6]:m[7]])
		}
		if !validDay(y, mo, d) {
			continue
		}
		value = fmt.Sprintf("%04d-%02d-%02d", y, mo, d)
		best = Span{m[0], m[1]}
	}
	return value, best, best.Start >= 0
}

// daysIn returns the number of days in a month of the proleptic Gregorian
// calendar.
func daysIn(year, month int) int {
	switch month {
	case 4, 6, 9, 11:
		return 30
	case 2:
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	}
	return 31
}

func validDay(y, m, d int) bool {
	return y > 0 && m >= 1 && m <= 12 && d >= 1 && d <= daysIn(y, m)
}

// weekdayNames maps English weekday names to time.Weekday numbers.
var weekdayNames = map[string]int{
	"sunday": 0, "monday": 1, "tuesday": 2, "wednesday": 3,
	"thursday": 4, "friday": 5, "saturday": 6,
}

const weekdayAlt = `(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)`

// weekdayCapsAlt are the weekdays in capitals, as telegrams write them.
const weekdayCapsAlt = `(?:MONDAY|TUESDAY|WEDNESDAY|THURSDAY|FRIDAY|SATURDAY|SUNDAY)`

// Seasons of the northern hemisphere by meteorological reckoning: each
// starts in startMonth of its season year and lasts three months, so
// winter 1953 runs from December 1953 to February 1954.
const (
	spring = iota
	summer
	autumn
	winter
)

var seasonNames = map[string]int{
	"spring": spring, "springtime": spring,
	"summer": summer, "summertime": summer,
	"autumn": autumn, "fall": autumn,
	"winter": winter, "wintertime": winter,
}

func seasonStartMonth(s int) int { return 3 + 3*s }

// seasonSpan returns the first and last month of season s in season year y.
func seasonSpan(s, y int) (a, b instant) {
	m := seasonStartMonth(s)
	a = instant{y: y, m: m, prec: precMonth}
	b = instant{y: y, m: m + 2, prec: precMonth}
	if b.m > 12 {
		b.y, b.m = y+1, b.m-12
	}
	return a, b
}

// numberWords are the cardinals a text spells out in "two years ago" or
// "the past eight years".
var numberWords = map[string]int{
	"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
	"six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11,
	"twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
	"seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
	"forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}

// numberAlt matches a cardinal up to 999 in digits or up to ninety-nine in
// words; longer words come first so that "seventeen" is not read as "seven".
const numberAlt = `(?:\d{1,3}|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[-\s](?:one|two|three|four|five|six|seven|eight|nine))?|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|one|two|three|four|five|six|seven|eight|nine|ten|an|a)`

// parseCount reads a cardinal matched by numberAlt.
func parseCount(s string) (int, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	if n, err := strconv.Atoi(s); err == nil {
		return n, true
	}
	total := 0
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return r == '-' || r == ' ' }) {
		n, ok := numberWords[w]
		if !ok {
			return 0, false
		}
		total += n
	}
	return total, total > 0
}

// ordinalWords are the spelled ordinals of the days of a month ("the
// first of May", "the twenty-ninth of November").
var ordinalWords = map[string]int{
	"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
	"seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11,
	"twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15,
	"sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
	"twentieth": 20, "thirtieth": 30,
}

const ordinalAlt = `(?:(?:twenty|thirty)[-\s](?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth)`

func parseOrdinal(s string) int {
	s = strings.ToLower(s)
	total := 0
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return r == '-' || r == ' ' }) {
		switch w {
		case "twenty":
			total += 20
		case "thirty":
			total += 30
		default:
			total += ordinalWords[w]
		}
	}
	return total
}

// precision says how much of a calendar point is known.
type precision int8

const (
	precNone precision = iota
	precYear
	precMonth
	precDay
	precMinute
)

// instant is a point of the calendar known to some precision: a year, a
// month, a day, or a minute of a day.
type instant struct {
	y, m, d, hh, mi int
	prec            precision
}

// String formats the instant as the date grammar of Date.Value wants it.
// A year outside 1–9999 has no value: "last year" in a document dated
// 0000 is not a date the grammar (or xsd:gYear as we write it) can hold.
func (t instant) String() string {
	if t.y < 1 || t.y > 9999 {
		return ""
	}
	switch t.prec {
	case precYear:
		return fmt.Sprintf("%04d", t.y)
	case precMonth:
		return fmt.Sprintf("%04d-%02d", t.y, t.m)
	case precDay:
		return fmt.Sprintf("%04d-%02d-%02d", t.y, t.m, t.d)
	case precMinute:
		return fmt.Sprintf("%04d-%02d-%02dT%02d:%02d", t.y, t.m, t.d, t.hh, t.mi)
	}
	return ""
}

// first is the first day the instant covers; last the last.
func (t instant) first() time.Time {
	m, d := max(t.m, 1), max(t.d, 1)
	if t.prec < precMonth {
		m = 1
	}
	if t.prec < precDay {
		d = 1
	}
	return time.Date(t.y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
}

func (t instant) last() time.Time {
	switch t.prec {
	case precYear:
		return time.Date(t.y, 12, 31, 0, 0, 0, 0, time.UTC)
	case precMonth:
		return time.Date(t.y, time.Month(t.m), daysIn(t.y, t.m), 0, 0, 0, 0, time.UTC)
	}
	return t.first()
}

// dayOf returns the day a time falls on as an instant of day precision.
func dayOf(t time.Time) instant {
	return instant{y: t.Year(), m: int(t.Month()), d: t.Day(), prec: precDay}
}

// addDays moves a day-precision instant by n days.
func addDays(t instant, n int) instant {
	return dayOf(t.first().AddDate(0, 0, n))
}

// addMonths moves year y, month m by n months.
func addMonths(y, m, n int) (int, int) {
	k := y*12 + (m - 1) + n
	return k / 12, k%12 + 1
}

// parseInstant reads YYYY, YYYY-MM or YYYY-MM-DD; ok is false otherwise.
func parseInstant(s string) (instant, bool) {
	if !isISODate(s) {
		return instant{}, false
	}
	var t instant
	t.y, _ = strconv.Atoi(s[:4])
	t.prec = precYear
	if len(s) >= 7 {
		t.m, _ = strconv.Atoi(s[5:7])
		t.prec = precMonth
	}
	if len(s) == 10 {
		t.d, _ = strconv.Atoi(s[8:10])
		if !validDay(t.y, t.m, t.d) {
			return instant{}, false
		}
		t.prec = precDay
	}
	return t, true
}

// dateValueRE is the grammar of Date.Value: YYYY, YYYY-MM, YYYY-MM-DD,
// YYYY-MM-DDThh:mm, or two of these joined by '/' for a span.
var dateValueRE = regexp.MustCompile(`^(\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01])(T([01]\d|2[0-3]):[0-5]\d)?)?)?)(/\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01])(T([01]\d|2[0-3]):[0-5]\d)?)?)?)?$`)

// IsDateValue reports whether s follows the grammar of Date.Value.
func IsDateValue(s string) bool { return dateValueRE.MatchString(s) }

// DateBounds returns the first and last day a Date.Value covers: 1966 is
// 1966-01-01 to 1966-12-31, 1953-12/1954-02 is 1953-12-01 to 1954-02-28;
// a time of day keeps its hour and minute. ok is false when value is not
// in the grammar.
func DateBounds(value string) (first, last time.Time, ok bool) {
	if !IsDateValue(value) {
		return time.Time{}, time.Time{}, false
	}
	a, b, isSpan := strings.Cut(value, "/")
	if !isSpan {
		b = a
	}
	pa, _ := parseValue(a)
	pb, _ := parseValue(b)
	first, last = pa.first(), pb.last()
	if pa.prec == precMinute {
		first = first.Add(time.Duration(pa.hh)*time.Hour + time.Duration(pa.mi)*time.Minute)
	}
	if pb.prec == precMinute {
		last = last.Add(time.Duration(pb.hh)*time.Hour + time.Duration(pb.mi)*time.Minute)
	}
	return first, last, !last.Before(first)
}

// parseValue reads one end of a Date.Value, time of day included.
func parseValue(s string) (instant, bool) {
	d, clock, hasTime := strings.Cut(s, "T")
	t, ok := parseInstant(d)
	if !ok || !hasTime {
		return t, ok
	}
	hh, err1 := strconv.Atoi(clock[:2])
	mi, err2 := strconv.Atoi(clock[3:])
	if err1 != nil || err2 != nil {
		return instant{}, false
	}
	t.hh, t.mi, t.prec = hh, mi, precMinute
	return t, true
}
