package extract

import "strings"

// The month-day rule ("February 3, 1967", "Monday, May 3 of last year",
// "Sept. 5") is the date rule tried most often, and the regexp package is
// slow on it: a month name begins nearly every date of a document, and its
// expression tries two dozen month names and fourteen weekdays at each.
// matchMonthDay reads the same shape by hand, with the expression's
// choices in the expression's order, so that it finds the match the
// expression finds (TestMatchMonthDay compares the two):
//
//	(?i)\b(?:WEEKDAY,?\s+)?(?P<mon>MONTH)\s*(?P<d>[0-3]?\d(?:st|nd|rd|th)?\b)
//	(?:,?\s*(?P<y>(?:1\d{3}|20\d{2})\b))?(?P<yq>,?\s+(?:of\s+)?(?:last|this|next|
//	the\s+(?:following|previous|preceding|same|next))\s+year\b)?

// matchMonthDay returns what the month-day rule's anchored expression
// returns on s (FindStringSubmatchIndex: the match and the groups mon, d,
// y and yq, -1 where a group is unset), or nil.
func matchMonthDay(s string) []int {
	// the weekday and its comma are optional: with them first
	if w := weekdayEnd(s, 0); w > 0 {
		i := w
		if i < len(s) && s[i] == ',' && spacesEnd(s, i+1) > i+1 {
			i++ // ",?" takes the comma when spaces follow it
		}
		if j := spacesEnd(s, i); j > i {
			if m := monthDayFrom(s, j); m != nil {
				return m
			}
		}
	}
	return monthDayFrom(s, 0)
}

// monthDayFrom matches the month, the day and what may follow them at
// s[i:]; the match begins at 0.
func monthDayFrom(s string, i int) []int {
	for k := 0; ; k++ {
		monEnd, more := monthEnd(s, i, k)
		if !more {
			return nil
		}
		if monEnd < 0 {
			continue
		}
		d := spacesEnd(s, monEnd)
		dEnd := dayEnd(s, d)
		if dEnd < 0 {
			continue
		}
		m := []int{0, dEnd, i, monEnd, d, dEnd, -1, -1, -1, -1}
		end := dEnd
		// (?:,?\s*(?P<y>YEAR))?
		y := end
		if y < len(s) && s[y] == ',' {
			y++
		}
		y = spacesEnd(s, y)
		if yEnd := yearEnd(s, y); yEnd > 0 {
			m[6], m[7] = y, yEnd
			end = yEnd
		}
		if qEnd := yearQualEnd(s, end); qEnd > 0 {
			m[8], m[9] = end, qEnd
			end = qEnd
		}
		m[1] = end
		return m
	}
}

// monthNamesCased are the full month names as the expression lists them
// (capitalized, then in capitals), each to be followed by \b.
var monthNamesCased = [...]string{
	"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
	"JANUARY", "FEBRUARY", "MARCH", "APRIL", "MAY", "JUNE", "JULY", "AUGUST", "SEPTEMBER", "OCTOBER", "NOVEMBER", "DECEMBER",
}

// monthAbbrevEnds are the expression's abbreviations, in its order, each
// as the forms it tries in turn ("Sept?\.?": "Sept.", "Sept", "Sep.",
// "Sep").
var monthAbbrevEnds = [...][]string{
	{"Jan.", "Jan"}, {"Feb.", "Feb"}, {"Mar."}, {"Apr."}, {"Jun."}, {"Jul."}, {"Aug.", "Aug"},
	{"Sept.", "Sept", "Sep.", "Sep"}, {"Oct.", "Oct"}, {"Nov.", "Nov"}, {"Dec.", "Dec"},
}

// monthEnd returns the end of the month name that is the expression's
// k-th way of reading one at s[i:] (-1 when that way does not match), and
// false when there are no more ways.
func monthEnd(s string, i, k int) (int, bool) {
	if k == 0 {
		// the full names: they differ, and at most one matches
		for _, n := range monthNamesCased {
			if strings.HasPrefix(s[i:], n) && wordBoundary(s, i+len(n)) {
				return i + len(n), true
			}
		}
		return -1, true
	}
	k--
	for _, forms := range monthAbbrevEnds {
		if k < len(forms) {
			if strings.HasPrefix(s[i:], forms[k]) {
				return i + len(forms[k]), true
			}
			return -1, true
		}
		k -= len(forms)
	}
	return 0, false
}

// weekdayNamesCased are the weekdays as the expression lists them.
var weekdayNamesCased = [...]string{
	"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
	"MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY",
}

// weekdayEnd returns the end of the weekday at s[i:], or -1.
func weekdayEnd(s string, i int) int {
	for _, n := range weekdayNamesCased {
		if strings.HasPrefix(s[i:], n) {
			return i + len(n)
		}
	}
	return -1
}

// dayEnd returns the end of [0-3]?\d(?:st|nd|rd|th)?\b at s[i:], in any
// case, or -1: two digits before one, a suffix before none.
func dayEnd(s string, i int) int {
	for _, n := range [2]int{2, 1} {
		if n == 2 && !(i+1 < len(s) && '0' <= s[i] && s[i] <= '3' && isDigit(s[i+1])) {
			continue
		}
		if n == 1 && !(i < len(s) && isDigit(s[i])) {
			continue
		}
		e := i + n
		for _, suf := range [...]string{"st", "nd", "rd", "th"} {
			if l := foldPrefixLen(s[e:], suf); l > 0 && wordBoundary(s, e+l) {
				return e + l
			}
		}
		if wordBoundary(s, e) {
			return e
		}
	}
	return -1
}

// yearEnd returns the end of (?:1\d{3}|20\d{2})\b at s[i:], or -1.
func yearEnd(s string, i int) int {
	if i+4 > len(s) || !isDigit(s[i+1]) || !isDigit(s[i+2]) || !isDigit(s[i+3]) {
		return -1
	}
	if (s[i] == '1' || s[i] == '2' && s[i+1] == '0') && wordBoundary(s, i+4) {
		return i + 4
	}
	return -1
}

// yearQualEnd returns the end of the year qualifier (reYearQual: ", of
// last year", " the following year") at s[i:], in any case, or -1.
func yearQualEnd(s string, i int) int {
	j := i
	if j < len(s) && s[j] == ',' {
		j++
	}
	k := spacesEnd(s, j)
	if k == j {
		return -1 // \s+ after the comma, or where a comma would be
	}
	if l := foldPrefixLen(s[k:], "of"); l > 0 {
		if e := spacesEnd(s, k+l); e > k+l {
			k = e
		}
	}
	k = qualifierEnd(s, k)
	if k < 0 {
		return -1
	}
	e := spacesEnd(s, k)
	if e == k {
		return -1
	}
	l := foldPrefixLen(s[e:], "year")
	if l < 0 || !wordBoundary(s, e+l) {
		return -1
	}
	return e + l
}

// qualifierEnd returns the end of last|this|next|the\s+(?:following|
// previous|preceding|same|next) at s[i:], in any case, or -1.
func qualifierEnd(s string, i int) int {
	for _, w := range [...]string{"last", "this", "next"} {
		if l := foldPrefixLen(s[i:], w); l > 0 {
			return i + l
		}
	}
	l := foldPrefixLen(s[i:], "the")
	if l < 0 {
		return -1
	}
	j := spacesEnd(s, i+l)
	if j == i+l {
		return -1
	}
	for _, w := range [...]string{"following", "previous", "preceding", "same", "next"} {
		if l := foldPrefixLen(s[j:], w); l > 0 {
			return j + l
		}
	}
	return -1
}

// foldPrefixLen returns the length of the prefix of s that matches word
// (lower-case ASCII letters) case-insensitively as the regexp package
// folds case ('s' also matches 'ſ', 'k' the Kelvin sign), or -1.
func foldPrefixLen(s, word string) int {
	j := 0
	for i := 0; i < len(word); i++ {
		c := word[i]
		switch {
		case j < len(s) && s[j]|0x20 == c:
			j++
		case c == 's' && strings.HasPrefix(s[j:], "ſ"):
			j += len("ſ")
		case c == 'k' && strings.HasPrefix(s[j:], "\u212a"):
			j += len("\u212a")
		default:
			return -1
		}
	}
	return j
}

// spacesEnd returns the end of the run of \s at s[i:].
func spacesEnd(s string, i int) int {
	for i < len(s) && isRegexpSpace(s[i]) {
		i++
	}
	return i
}

// wordBoundary reports whether \b holds at s[i]: the bytes on its two
// sides are not both, nor both not, ASCII word characters (a wider
// character is none, and so are the ends of s).
func wordBoundary(s string, i int) bool {
	before := i > 0 && i <= len(s) && isRegexpWordByte(s[i-1])
	after := i < len(s) && isRegexpWordByte(s[i])
	return before != after
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }
