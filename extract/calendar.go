package extract

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
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
	mdyRE = regexp.MustCompile(`\b(` + monthAlt + `)\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b`)
	// "3 February 1967"
	dmyRE = regexp.MustCompile(`\b(\d{1,2})(?:st|nd|rd|th)?\s+(` + monthAlt + `),?\s+(\d{4})\b`)
	// "1967-02-03"
	isoRE = regexp.MustCompile(`\b(\d{4})-(\d{2})-(\d{2})\b`)
)

// firstAbsoluteDate finds the first complete date (day, month and year) in
// s and returns it as YYYY-MM-DD with its byte span in s. It is what the
// header reader needs to date a document; the date stage recognizes every
// other shape.
func firstAbsoluteDate(s string) (value string, span Span, ok bool) {
	best := Span{Start: -1}
	for _, re := range []*regexp.Regexp{mdyRE, dmyRE, isoRE} {
		m := re.FindStringSubmatchIndex(s)
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
