package extract

import (
	"math/rand"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// TestMatchMonthDay checks the hand-written month-day rule against its
// expression: at every position of the project's documents, and on many
// strings made of the pieces the expression reads and pieces close to them.
func TestMatchMonthDay(t *testing.T) {
	var ru *dateRule
	for _, r := range dateRules {
		if r.name == "month-day" {
			ru = r
		}
	}
	if ru == nil || ru.match == nil {
		t.Fatal("no hand-written month-day rule")
	}
	matched, withYear, withQual := 0, 0, 0
	check := func(s string) {
		t.Helper()
		got, want := ru.match(s), ru.anchored.FindStringSubmatchIndex(s)
		if want != nil {
			matched++
			if want[6] >= 0 {
				withYear++
			}
			if want[8] >= 0 {
				withQual++
			}
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("on %q:\n got %v\nwant %v", s, got, want)
		}
	}
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
	for _, text := range texts {
		for i := range len(text) {
			check(text[i:min(len(text), i+80)])
		}
	}
	pieces := []string{
		"January", "February", "FEBRUARY", "Feb", "Feb.", "Febr", "Sept", "Sept.", "Sep", "Sep.", "September", "Septembre",
		"May", "MAY", "Mar.", "Mar", "March", "Jun.", "June", "Jun", "Jul.", "JULY", "Aug", "Aug.", "Oct", "Nov.", "Dec", "DECEMBER",
		"Monday", "MONDAY", "Friday", "Sunday", "SUNDAY", "Tuesday",
		",", ",", " ", " ", "  ", "\t", "\n", "\r\n", "\v", "\u00a0",
		"3", "31", "4", "0", "12", "39", "40", "123", "3rd", "st", "ST", "ſt", "nd", "Nd", "rd", "th", "TH",
		"1967", "2001", "2100", "1", "19677", "20", "2012",
		"of", "OF", "ſ", "last", "LAST", "laſt", "this", "thiſ", "next", "the", "THE", "tHe", "following", "previous", "preceding",
		"ſame", "same", "year", "YEAR", "years", "yea", "x", "_", "é", "K", "\u212a", ".", "-", "5th",
	}
	rnd := rand.New(rand.NewSource(7))
	pick := func(xs ...string) string { return xs[rnd.Intn(len(xs))] }
	space := func() string { return pick("", " ", " ", "  ", "\t", "\n", ",", ", ", " ,") }
	for range 300000 {
		// the rule's shape, each part perturbed now and then
		parts := []string{
			pick("", "", "Monday", "MONDAY", "Friday", "Sunday", "Mon", "Fri."), space(),
			pick("February", "FEBRUARY", "Feb", "Feb.", "Sept", "Sept.", "Sep", "Sep.", "May", "MAY", "Mar.", "Mar", "March", "Jun.", "Jun", "Dec", "Dec.", "Decem"), space(),
			pick("3", "31", "4", "0", "09", "12", "39", "40", "123", "1") + pick("", "", "st", "ST", "ſt", "nd", "Nd", "rd", "th", "TH", "x", "s"), space(),
			pick("", "1967", "2001", "2100", "19677", "20", "2012", "1"), space(),
			pick("", "of", "OF", "of "), space(),
			pick("", "last", "LAST", "laſt", "this", "thiſ", "next", "the following", "THE  previous", "the preceding", "the ſame", "the next", "the", "lastyear"), space(),
			pick("", "year", "YEAR", "years", "yea", "year.", "year_"),
			pick("", "", "x", ".", "é", "_", "\u212a"),
		}
		if rnd.Intn(4) == 0 {
			parts[rnd.Intn(len(parts))] = pieces[rnd.Intn(len(pieces))]
		}
		check(strings.Join(parts, ""))
	}
	// the shapes the rule is for, whole
	for _, s := range []string{
		"February 3, 1967", "Monday, May 3 of last year", "Sept. 5, 1961", "AUGUST 18 1965", "May 3rd, the following year",
		"Sunday,  Dec.31st , 2001 , of  THE  previous  year.", "Friday,May 3", "Jan5", "Sept 5", "Sep 5", "May5", "June 31x",
		"March 3, 1967 of this year", "March 3 ,of next year", "Feb. 29ſt", "Oct 4 th", "Nov. 3, 19677",
	} {
		check(s)
	}
	if matched < 10000 || withYear < 1000 || withQual < 100 {
		t.Errorf("the strings matched %d times, %d with a year, %d with a qualifier: too few to tell", matched, withYear, withQual)
	}
	t.Logf("%d matches, %d with a year, %d with a qualifier", matched, withYear, withQual)
}
