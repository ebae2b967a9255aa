package extract

import (
	"math/rand"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// TestHandRules checks each date rule read by hand (handrules.go) against
// its expression: at every position of the project's documents, and on
// many strings made of the pieces the expression reads, perturbed.
func TestHandRules(t *testing.T) {
	var texts []string
	for _, pattern := range []string{"../data/samples/*", "testdata/events/*.txt", "testdata/heldout/*.txt", "../../shared/corpus/*.txt"} {
		files, _ := filepath.Glob(pattern)
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			texts = append(texts, string(b))
		}
	}
	rnd := rand.New(rand.NewSource(7))
	pick := func(xs ...string) string { return xs[rnd.Intn(len(xs))] }
	space := func() string { return pick("", " ", " ", "  ", "\t", "\n", ",", ", ", " ,") }
	weekday := func() string { return pick("", "", "Monday", "MONDAY", "Friday", "Sunday", "Mon", "Fri.") }
	month := func() string {
		return pick("February", "FEBRUARY", "Feb", "Feb.", "Sept", "Sept.", "Sep", "Sep.", "May", "MAY", "Mar.", "Mar",
			"March", "Jun.", "Jun", "June", "Dec", "Dec.", "Decem", "Oct", "october", "of")
	}
	day := func() string {
		return pick("3", "31", "4", "0", "09", "12", "39", "40", "123", "1") +
			pick("", "", "st", "ST", "ſt", "nd", "Nd", "rd", "th", "TH", "x", "s")
	}
	year := func() string { return pick("", "1967", "2001", "2100", "19677", "20", "2012", "1", "1962_") }
	of := func() string { return pick("", "", "of", "OF", "of ", "Of") }
	qual := func() string {
		return pick("", "last", "LAST", "laſt", "this", "thiſ", "next", "the following", "THE  previous", "the preceding",
			"the ſame", "the next", "the", "that", "lastyear")
	}
	unit := func() string {
		return pick("", "year", "YEAR", "years", "yea", "year.", "year_", "month", "MONTH", "week", "wee\u212a", "weeks")
	}
	tail := func() string { return pick("", "", "x", ".", "é", "_", "\u212a", " and", "5") }
	noise := []string{"January", "Feb.", "MAY", "Monday", ",", " ", "\t", "\v", "\u00a0", "3", "31", "3rd", "ſt", "1967",
		"of", "ſ", "last", "the", "year", "x", "_", "é", "K", "\u212a", ".", "-"}
	shapes := map[string]func() []string{
		"month-day": func() []string {
			return []string{weekday(), space(), month(), space(), day(), space(), year(), space(), of(), space(), qual(), space(), unit(), tail()}
		},
		"day-month": func() []string {
			return []string{weekday(), space(), pick("", "the ", "THE  ", "the"), day(), space(), of(), space(), month(), space(), year(), space(), of(), space(), qual(), space(), unit(), tail()}
		},
		"month-year": func() []string { return []string{month(), space(), of(), space(), year(), tail()} },
		"month":      func() []string { return []string{month(), tail()} },
		"year":       func() []string { return []string{year(), tail()} },
		"relative-unit": func() []string {
			return []string{qual(), space(), unit(), tail()}
		},
		"season": func() []string {
			return []string{pick("", "last", "THIS", "next", "that", "by", "By", "laſt", "the"), space(), pick("", "the", "The", "the "), space(),
				pick("winter", "Summer", "ſummer", "AUTUMN", "fall", "spring", "ſpring", "autumnal", "win"), pick("", "", "time", "TIME", "times"),
				space(), of(), space(), pick("", year(), "last", "this", "next", "laſt"), space(), pick("", "year", "YEAR", "years"), tail()}
		},
		"past": func() []string {
			sp := func() string { return pick(" ", " ", " ", "  ", "\n", "", ",") }
			return []string{pick("", "over", "OVER", "over "), sp(), pick("", "the", "THE", "the "), sp(),
				pick("past", "PAST", "paſt", "last", "preceding", "previous"), sp(),
				pick("", "", "17", "3", "1234", "12", "twenty", "twenty-one", "Twenty one", "thirty-", "seventeen", "seven", "sixty", "ſix", "ten", "an", "a", "one", "nine", "eleven", "twentyone"), sp(),
				pick("year", "years", "YEARS", "month", "months", "week", "wee\u212a", "weeks", "day", "days", "decade", "decades", "yearly", "dayſ"), tail()}
		},
		"anaphoric-day": func() []string {
			return []string{pick("", "the", "THE", "that", "That", "the "), space(),
				pick("", "previous", "preceding", "following", "next", "same", "ſame", "day", "evening", "morning", "afternoon", "night", "noon"), space(),
				pick("", "day", "evening", "morning", "afternoon", "night", "noon", "days", "before", "after", "earlier", "afterwards"), space(),
				pick("", "before", "after", "earlier", "x"), tail()}
		},
	}
	for _, ru := range dateRules {
		if ru.match == nil {
			continue
		}
		shape := shapes[ru.name]
		if shape == nil {
			t.Errorf("%s: no strings to test its matcher on", ru.name)
			continue
		}
		matched := 0
		check := func(s string) {
			t.Helper()
			got, want := ru.match(s), ru.anchored.FindStringSubmatchIndex(s)
			if want != nil {
				matched++
			}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("%s on %q:\n got %v\nwant %v", ru.name, s, got, want)
			}
		}
		for _, text := range texts {
			for i := range len(text) {
				check(text[i:min(len(text), i+80)])
			}
		}
		for range 100000 {
			parts := shape()
			if rnd.Intn(4) == 0 {
				parts[rnd.Intn(len(parts))] = noise[rnd.Intn(len(noise))]
			}
			s := strings.Join(parts, "")
			check(s)
			if cut := rnd.Intn(len(s) + 1); cut < len(s) {
				check(s[:cut]) // the window may end anywhere
			}
		}
		if matched < 5000 {
			t.Errorf("%s: the strings matched %d times: too few to tell", ru.name, matched)
		}
	}
}
