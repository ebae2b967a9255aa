package ontology

import "strings"

// DateLiteral returns a normalized date value (extract.Date.Value,
// extract.Event.Date, extract.Metadata.Date) as a literal typed by its
// precision:
//
//	1966                 "1966"^^xsd:gYear
//	1966-05              "1966-05"^^xsd:gYearMonth
//	1967-02-03           "1967-02-03"^^xsd:date
//	1967-02-03T17:20     "1967-02-03T17:20:00"^^xsd:dateTime (seconds added)
//	1967-02-03T17:20:05  "1967-02-03T17:20:05"^^xsd:dateTime
//	1959/1961            "1959/1961"^^dossier:dateInterval
//
// A value of any other shape becomes a plain string, so that nothing is
// lost and nothing is typed wrongly. ok reports whether it was typed.
func DateLiteral(value string) (t Term, ok bool) {
	if a, b, isSpan := strings.Cut(value, "/"); isSpan {
		if dateDatatype(a) != "" && dateDatatype(b) != "" {
			return NewTyped(value, DossierDateInterval), true
		}
		return NewString(value), false
	}
	if d, t, hasTime := strings.Cut(value, "T"); hasTime {
		if dateDatatype(d) != XSDDate || !validClock(t) {
			return NewString(value), false
		}
		if len(t) == 5 {
			value += ":00"
		}
		return NewTyped(value, XSDDateTime), true
	}
	if dt := dateDatatype(value); dt != "" {
		return NewTyped(value, dt), true
	}
	return NewString(value), false
}

// SplitInterval splits a span "START/END" into its ends, each typed as
// DateLiteral types it; ok is false when value is not a span of two dates.
func SplitInterval(value string) (begin, end Term, ok bool) {
	a, b, isSpan := strings.Cut(value, "/")
	if !isSpan {
		return Term{}, Term{}, false
	}
	begin, okA := DateLiteral(a)
	end, okB := DateLiteral(b)
	if !okA || !okB || strings.Contains(b, "/") {
		return Term{}, Term{}, false
	}
	return begin, end, true
}

// dateDatatype returns xsd:gYear, xsd:gYearMonth or xsd:date for YYYY,
// YYYY-MM and YYYY-MM-DD (month 01–12, day 01–31), or "".
func dateDatatype(s string) string {
	digits := func(s string) bool {
		for i := 0; i < len(s); i++ {
			if s[i] < '0' || s[i] > '9' {
				return false
			}
		}
		return true
	}
	inRange := func(s string, lo, hi string) bool { return len(s) == 2 && digits(s) && s >= lo && s <= hi }
	switch {
	case len(s) == 4 && digits(s):
		return XSDGYear
	case len(s) == 7 && digits(s[:4]) && s[4] == '-' && inRange(s[5:], "01", "12"):
		return XSDGYearMonth
	case len(s) == 10 && digits(s[:4]) && s[4] == '-' && inRange(s[5:7], "01", "12") && s[7] == '-' && inRange(s[8:], "01", "31"):
		return XSDDate
	}
	return ""
}

// validClock accepts hh:mm and hh:mm:ss (00–23, 00–59, 00–59).
func validClock(s string) bool {
	two := func(s, hi string) bool {
		return len(s) == 2 && s[0] >= '0' && s[0] <= '9' && s[1] >= '0' && s[1] <= '9' && s <= hi
	}
	switch len(s) {
	case 5:
		return two(s[:2], "23") && s[2] == ':' && two(s[3:], "59")
	case 8:
		return two(s[:2], "23") && s[2] == ':' && two(s[3:5], "59") && s[5] == ':' && two(s[6:], "59")
	}
	return false
}
