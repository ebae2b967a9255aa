package extract

import "strings"

// The date rules run most often are read here by hand as well as by
// their expressions (dates.go): the regexp package is slow on them, a
// month name beginning nearly every date of a document and the expression
// trying two dozen month names and fourteen weekdays at each. Each
// matcher makes the expression's choices in the expression's order, so
// that it finds the match the expression finds, groups included
// (TestHandRules compares the two). The pieces:
//
//	WEEKDAY  (?-i:Monday|...|Sunday|MONDAY|...|SUNDAY)
//	MONTH    (?-i:(?:January|...|December|JANUARY|...|DECEMBER)\b|Jan\.?|Feb\.?|Mar\.|...)
//	DAY      [0-3]?\d(?:st|nd|rd|th)?\b
//	YEAR     (?:1\d{3}|20\d{2})\b
//	QUAL     ,?\s+(?:of\s+)?(?:last|this|next|the\s+(?:following|previous|preceding|same|next))\s+year\b
//
// and every rule is (?i): its words match in any case, as the regexp
// package folds it ('s' also matches 'ſ', 'k' the Kelvin sign).

// matchMonth is the month rule: (?P<mon>January|...|December)\b.
func matchMonth(s string) []int {
	for _, n := range monthNamesCased[:12] {
		if strings.HasPrefix(s, n) && wordBoundary(s, len(n)) {
			return []int{0, len(n), 0, len(n)}
		}
	}
	return nil
}

// matchYear is the year rule: (?P<y>YEAR).
func matchYear(s string) []int {
	if e := yearEnd(s, 0); e > 0 {
		return []int{0, e, 0, e}
	}
	return nil
}

// matchMonthYear is the month-year rule: (?P<mon>MONTH),?\s+(?:of\s+)?(?P<y>YEAR).
func matchMonthYear(s string) []int {
	for k := 0; ; k++ {
		monEnd, more := monthEnd(s, 0, k)
		if !more {
			return nil
		}
		if monEnd < 0 {
			continue
		}
		i := monEnd
		if i < len(s) && s[i] == ',' && spacesEnd(s, i+1) > i+1 {
			i++ // ",?" takes the comma when spaces follow it
		}
		j := spacesEnd(s, i)
		if j == i {
			continue
		}
		if l := foldPrefixLen(s[j:], "of"); l > 0 {
			if e := spacesEnd(s, j+l); e > j+l {
				j = e
			}
		}
		if yEnd := yearEnd(s, j); yEnd > 0 {
			return []int{0, yEnd, 0, monEnd, j, yEnd}
		}
	}
}

// matchRelativeUnit is the relative-unit rule:
// (?P<q>last|this|next|the\s+(?:previous|preceding|following|next|same)|that)\s+(?P<u>year|month|week)\b.
func matchRelativeUnit(s string) []int {
	q := -1
	for _, w := range [...]string{"last", "this", "next"} {
		if l := foldPrefixLen(s, w); l > 0 {
			q = l
			break
		}
	}
	if q < 0 {
		if l := foldPrefixLen(s, "the"); l > 0 {
			if j := spacesEnd(s, l); j > l {
				for _, w := range [...]string{"previous", "preceding", "following", "next", "same"} {
					if l := foldPrefixLen(s[j:], w); l > 0 {
						q = j + l
						break
					}
				}
			}
		}
	}
	if q < 0 {
		if l := foldPrefixLen(s, "that"); l > 0 {
			q = l
		}
	}
	if q < 0 {
		return nil
	}
	u := spacesEnd(s, q)
	if u == q {
		return nil
	}
	for _, w := range [...]string{"year", "month", "week"} {
		if l := foldPrefixLen(s[u:], w); l > 0 && wordBoundary(s, u+l) {
			return []int{0, u + l, 0, q, u, u + l}
		}
	}
	return nil
}

// matchDayMonth is the day-month rule ("3 February 1967", "the 29th of
// November", "1 June of last year"):
// (?:WEEKDAY,?\s+)?(?:the\s+)?(?P<d>DAY)(?:\s+of)?\s+(?P<mon>MONTH)(?:,?\s+(?P<y>YEAR))?(?P<yq>QUAL)?.
func matchDayMonth(s string) []int { return afterOptionalWeekday(s, dayMonthFrom) }

// afterOptionalWeekday matches a rule that may begin with a weekday and
// its comma: from(s, i) is the rest of the rule at s[i:], tried after the
// weekday first, then at 0 (the expression's order).
func afterOptionalWeekday(s string, from func(s string, i int) []int) []int {
	if w := weekdayEnd(s, 0); w > 0 {
		if j := commaSpacesEnd(s, w); j > w {
			if m := from(s, j); m != nil {
				return m
			}
		}
	}
	return from(s, 0)
}

// dayMonthFrom matches the day-month rule after its weekday, at s[i:].
func dayMonthFrom(s string, i int) []int {
	if l := foldPrefixLen(s[i:], "the"); l > 0 {
		if j := spacesEnd(s, i+l); j > i+l {
			if m := dayMonthAt(s, j); m != nil {
				return m
			}
		}
	}
	return dayMonthAt(s, i)
}

// dayMonthAt matches the day-month rule from its day, at s[d:].
func dayMonthAt(s string, d int) []int {
	var ends [4]int
	for _, dEnd := range ends[:dayEnds(s, d, &ends)] {
		mon := -1
		// (?:\s+of)?\s+: "of" first
		if j := spacesEnd(s, dEnd); j > dEnd {
			if l := foldPrefixLen(s[j:], "of"); l > 0 {
				if k := spacesEnd(s, j+l); k > j+l && firstMonthEnd(s, k) > 0 {
					mon = k
				}
			}
			if mon < 0 && firstMonthEnd(s, j) > 0 {
				mon = j
			}
		}
		if mon < 0 {
			continue
		}
		monEnd := firstMonthEnd(s, mon)
		m := []int{0, monEnd, d, dEnd, mon, monEnd, -1, -1, -1, -1}
		end := monEnd
		// (?:,?\s+(?P<y>YEAR))?
		if y := commaSpacesEnd(s, end); y > end {
			if yEnd := yearEnd(s, y); yEnd > 0 {
				m[6], m[7] = y, yEnd
				end = yEnd
			}
		}
		return withYearQual(s, m, end)
	}
	return nil
}

// commaSpacesEnd returns the end of ,?\s+ at s[i:], or i when there is
// none: the comma is taken when spaces follow it.
func commaSpacesEnd(s string, i int) int {
	j := i
	if j < len(s) && s[j] == ',' && spacesEnd(s, j+1) > j+1 {
		j++
	}
	if k := spacesEnd(s, j); k > j {
		return k
	}
	return i
}

// firstMonthEnd returns the end of the first way MONTH reads at s[i:] (the
// rest of the rule being optional, that way is the match), or -1.
func firstMonthEnd(s string, i int) int {
	for k := 0; ; k++ {
		e, more := monthEnd(s, i, k)
		if !more {
			return -1
		}
		if e >= 0 {
			return e
		}
	}
}

// matchMonthDay is the month-day rule ("February 3, 1967", "Monday, May
// 3 of last year", "Sept. 5"):
// (?:WEEKDAY,?\s+)?(?P<mon>MONTH)\s*(?P<d>DAY)(?:,?\s*(?P<y>YEAR))?(?P<yq>QUAL)?.
// Like the other matchers it returns what the rule's anchored expression
// returns on s (FindStringSubmatchIndex: the match, then the groups, -1
// where one is unset), or nil.
func matchMonthDay(s string) []int { return afterOptionalWeekday(s, monthDayFrom) }

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
		return withYearQual(s, m, end)
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

// dayEnd returns the end of DAY at s[i:], or -1: the first of dayEnds.
func dayEnd(s string, i int) int {
	var ends [4]int
	if dayEnds(s, i, &ends) == 0 {
		return -1
	}
	return ends[0]
}

// dayEnds puts in ends the ways DAY reads at s[i:], in the expression's
// order (two digits before one, a suffix before none), and returns how
// many there are.
func dayEnds(s string, i int, ends *[4]int) int {
	n := 0
	for _, digits := range [2]int{2, 1} {
		if digits == 2 && !(i+1 < len(s) && '0' <= s[i] && s[i] <= '3' && isDigit(s[i+1])) {
			continue
		}
		if digits == 1 && !(i < len(s) && isDigit(s[i])) {
			continue
		}
		e := i + digits
		for _, suf := range [...]string{"st", "nd", "rd", "th"} {
			if l := foldPrefixLen(s[e:], suf); l > 0 && wordBoundary(s, e+l) {
				ends[n] = e + l
				n++
				break // the suffixes begin differently: one at most
			}
		}
		if wordBoundary(s, e) {
			ends[n] = e
			n++
		}
	}
	return n
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

// wordAmong returns the end of the first of the words (lower-case ASCII;
// no one a prefix of another) that s[i:] begins with in any case, or -1.
func wordAmong(s string, i int, words ...string) int {
	for _, w := range words {
		if l := foldPrefixLen(s[i:], w); l > 0 {
			return i + l
		}
	}
	return -1
}

// wordThenSpaces returns the end of word\s+ at s[i:], in any case, or -1.
func wordThenSpaces(s string, i int, word string) int {
	l := foldPrefixLen(s[i:], word)
	if l < 0 {
		return -1
	}
	if j := spacesEnd(s, i+l); j > i+l {
		return j
	}
	return -1
}

// matchSeason is the season rule ("the winter of 1953", "last summer",
// "spring of next year"):
// (?:(?P<q>last|this|next|that|by)\s+)?(?P<the>the\s+)?(?P<s>winter|summer|autumn|fall|spring)(?:time)?\b
// (?:\s+(?:of\s+)?(?P<y>YEAR)|\s+of\s+(?P<yq>last|this|next)\s+year\b)?.
func matchSeason(s string) []int {
	if !wordBoundary(s, 0) {
		return nil // "ſummer": the expression's \b fails before 'ſ'
	}
	if q := wordAmong(s, 0, "last", "this", "next", "that", "by"); q > 0 {
		if j := spacesEnd(s, q); j > q {
			if m := seasonFrom(s, j); m != nil {
				m[2], m[3] = 0, q
				return m
			}
		}
	}
	return seasonFrom(s, 0)
}

// seasonFrom matches the season rule after its qualifier, at s[i:].
func seasonFrom(s string, i int) []int {
	if j := wordThenSpaces(s, i, "the"); j > 0 {
		if m := seasonAt(s, j); m != nil {
			m[4], m[5] = i, j
			return m
		}
	}
	return seasonAt(s, i)
}

// seasonAt matches the season rule from the season's name, at s[i:].
func seasonAt(s string, i int) []int {
	w := wordAmong(s, i, "winter", "summer", "autumn", "fall", "spring")
	if w < 0 {
		return nil
	}
	e := -1
	if l := foldPrefixLen(s[w:], "time"); l > 0 && wordBoundary(s, w+l) {
		e = w + l
	} else if wordBoundary(s, w) {
		e = w
	}
	if e < 0 {
		return nil
	}
	m := []int{0, e, -1, -1, -1, -1, i, w, -1, -1, -1, -1}
	j := spacesEnd(s, e)
	if j == e {
		return m
	}
	// \s+(?:of\s+)?(?P<y>YEAR): "of" first
	if x := wordThenSpaces(s, j, "of"); x > 0 {
		if yEnd := yearEnd(s, x); yEnd > 0 {
			m[1], m[8], m[9] = yEnd, x, yEnd
			return m
		}
	}
	if yEnd := yearEnd(s, j); yEnd > 0 {
		m[1], m[8], m[9] = yEnd, j, yEnd
		return m
	}
	// \s+of\s+(?P<yq>last|this|next)\s+year\b
	if x := wordThenSpaces(s, j, "of"); x > 0 {
		if q := wordAmong(s, x, "last", "this", "next"); q > 0 {
			if y := spacesEnd(s, q); y > q {
				if l := foldPrefixLen(s[y:], "year"); l > 0 && wordBoundary(s, y+l) {
					m[1], m[10], m[11] = y+l, x, q
					return m
				}
			}
		}
	}
	return m
}

// matchPast is the past rule ("the past year", "over the past 17 years",
// "the last three years"):
// (?:over\s+)?(?:the\s+)?(?P<q>past|last|preceding)\s+(?:(?P<n>NUMBER)\s+)?(?P<u>years?|months?|weeks?|days?|decades?)\b,
// NUMBER being numberAlt.
func matchPast(s string) []int {
	if !wordBoundary(s, 0) {
		return nil
	}
	if o := wordThenSpaces(s, 0, "over"); o > 0 {
		if m := pastFrom(s, o); m != nil {
			return m
		}
	}
	return pastFrom(s, 0)
}

// pastFrom matches the past rule after "over", at s[i:].
func pastFrom(s string, i int) []int {
	if j := wordThenSpaces(s, i, "the"); j > 0 {
		if m := pastAt(s, j); m != nil {
			return m
		}
	}
	return pastAt(s, i)
}

// pastAt matches the past rule from its qualifier, at s[i:].
func pastAt(s string, i int) []int {
	q := wordAmong(s, i, "past", "last", "preceding")
	if q < 0 {
		return nil
	}
	n := spacesEnd(s, q)
	if n == q {
		return nil
	}
	var ends [10]int
	for _, nEnd := range ends[:numberEnds(s, n, &ends)] {
		if u := spacesEnd(s, nEnd); u > nEnd {
			if uEnd := pastUnitEnd(s, u); uEnd > 0 {
				return []int{0, uEnd, i, q, n, nEnd, u, uEnd}
			}
		}
	}
	if uEnd := pastUnitEnd(s, n); uEnd > 0 {
		return []int{0, uEnd, i, q, -1, -1, n, uEnd}
	}
	return nil
}

// pastUnitEnd returns the end of (?:years?|months?|weeks?|days?|decades?)\b
// at s[i:], in any case, or -1: the plural first.
func pastUnitEnd(s string, i int) int {
	e := wordAmong(s, i, "year", "month", "week", "day", "decade")
	if e < 0 {
		return -1
	}
	if l := foldPrefixLen(s[e:], "s"); l > 0 && wordBoundary(s, e+l) {
		return e + l
	}
	if wordBoundary(s, e) {
		return e
	}
	return -1
}

var (
	numberTens  = []string{"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"}
	numberUnits = []string{"one", "two", "three", "four", "five", "six", "seven", "eight", "nine"}
	numberTeens = []string{"eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"}
)

// numberEnds puts in ends the ways numberAlt reads at s[i:], in the
// expression's order, and returns how many there are: three digits, two,
// one; a tens word with its unit ("twenty-one", "twenty one"), without;
// a teen; a unit; "ten"; "an"; "a".
func numberEnds(s string, i int, ends *[10]int) int {
	n := 0
	add := func(e int) {
		if e > 0 {
			ends[n] = e
			n++
		}
	}
	digits := 0
	for digits < 3 && i+digits < len(s) && isDigit(s[i+digits]) {
		digits++
	}
	for d := digits; d >= 1; d-- {
		add(i + d)
	}
	if t := wordAmong(s, i, numberTens...); t > 0 {
		if t < len(s) && (s[t] == '-' || isRegexpSpace(s[t])) {
			add(wordAmong(s, t+1, numberUnits...))
		}
		add(t)
	}
	add(wordAmong(s, i, numberTeens...))
	add(wordAmong(s, i, numberUnits...))
	add(wordAmong(s, i, "ten"))
	add(wordAmong(s, i, "an"))
	add(wordAmong(s, i, "a"))
	return n
}

// matchAnaphoricDay is the anaphoric-day rule ("the previous day", "the
// evening before", "that morning"):
// (?:(?:the\s+)?(?P<q>previous|preceding|following|next|same)\s+(?P<u>day|evening|morning|afternoon|night)|
// the\s+(?P<u2>day|evening|morning|afternoon|night)\s+(?P<q2>before|after|earlier)|
// that\s+(?P<u3>day|morning|afternoon|evening|night|noon))\b.
func matchAnaphoricDay(s string) []int {
	if !wordBoundary(s, 0) {
		return nil // "ſame": the expression's \b fails before 'ſ'
	}
	// (?:the\s+)?(?P<q>...)\s+(?P<u>...)\b, "the" first
	for _, i := range [2]int{wordThenSpaces(s, 0, "the"), 0} {
		if i < 0 {
			continue
		}
		q := wordAmong(s, i, "previous", "preceding", "following", "next", "same")
		if q < 0 {
			continue
		}
		u := spacesEnd(s, q)
		if u == q {
			continue
		}
		if e := wordAmong(s, u, "day", "evening", "morning", "afternoon", "night"); e > 0 && wordBoundary(s, e) {
			return []int{0, e, i, q, u, e, -1, -1, -1, -1, -1, -1}
		}
	}
	if u := wordThenSpaces(s, 0, "the"); u > 0 {
		if e := wordAmong(s, u, "day", "evening", "morning", "afternoon", "night"); e > 0 {
			if q := spacesEnd(s, e); q > e {
				if qEnd := wordAmong(s, q, "before", "after", "earlier"); qEnd > 0 && wordBoundary(s, qEnd) {
					return []int{0, qEnd, -1, -1, -1, -1, u, e, q, qEnd, -1, -1}
				}
			}
		}
	}
	if u := wordThenSpaces(s, 0, "that"); u > 0 {
		if e := wordAmong(s, u, "day", "morning", "afternoon", "evening", "night", "noon"); e > 0 && wordBoundary(s, e) {
			return []int{0, e, -1, -1, -1, -1, -1, -1, -1, -1, u, e}
		}
	}
	return nil
}

// withYearQual ends a day-and-month match at end, taking the year
// qualifier that may follow ("of last year"): groups 8 and 9 of m.
func withYearQual(s string, m []int, end int) []int {
	if qEnd := yearQualEnd(s, end); qEnd > 0 {
		m[8], m[9] = end, qEnd
		end = qEnd
	}
	m[1] = end
	return m
}
