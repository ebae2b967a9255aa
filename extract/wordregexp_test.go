package extract

import (
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"regexp/syntax"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestMatchStarts(t *testing.T) {
	for _, c := range []struct {
		expr     string
		allow    []string
		disallow []string
	}{
		{`(?i)\bthe\s+(?-i:May|June)`, []string{"the May", "THE\tJune", "tHe  June"}, []string{"the party", "them May", "the may", "thy May"}},
		{`\b(?:1\d{3}|20\d{2})\b`, []string{"1962", "2001", "1999."}, []string{"2100", "3000", "a1962"}},
		{`(?i)\bsince\b`, []string{"since", "SINCE", "ſince"}, []string{"sinc", "xince"}},
		{`(?i)\btalks?\b`, []string{"talk", "Talks", "taLK", "tal\u212a"}, []string{"tall"}},
		{`\b(?:Mr|Mrs)\.?\s*[A-Z]`, []string{"Mr. B", "Mrs B", "MrB"}, []string{"Ms. B", "mr. B"}},
	} {
		re, err := syntax.Parse(c.expr, syntax.Perl)
		if err != nil {
			t.Fatal(err)
		}
		st := matchStarts(re)
		if st == nil {
			t.Errorf("%s: no start set", c.expr)
			continue
		}
		for _, s := range c.allow {
			if !st.allows(s, 0, len(s)) {
				t.Errorf("%s: %q not allowed", c.expr, s)
			}
		}
		for _, s := range c.disallow {
			if st.allows(s, 0, len(s)) {
				t.Errorf("%s: %q allowed", c.expr, s)
			}
		}
	}
	// expressions that may match anything, or nothing, get no filter
	for _, expr := range []string{`\b\p{L}+`, `\b(?:x)?`, `\b.`} {
		re, _ := syntax.Parse(expr, syntax.Perl)
		if matchStarts(re) != nil {
			t.Errorf("%s: a start set", expr)
		}
	}
}

// TestWordRegexp checks that the fast search finds exactly what the
// regexp package finds, for every date rule and the other fast
// expressions, on the sentences of the project's documents and on
// windows cut anywhere in them, odd characters included.
func TestWordRegexp(t *testing.T) {
	var texts []string
	for _, pattern := range []string{"../data/samples/*", "testdata/events/*.txt", "testdata/heldout/*.txt"} {
		files, _ := filepath.Glob(pattern)
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			texts = append(texts, strings.Split(string(b), "\n")...)
		}
	}
	texts = append(texts,
		"on 3 ſeptember and ſince Monday", "xſince 1962", "the Kelvin talK with", "ſ", "1ſt of May",
		"between 1962 and 1964, talks with Chou", "March 3-5, 1961; the first ten days of May 1960",
		"at 10:30 a.m. on the 29th of November", "then ſupper, a brea\u212afast; THEREAFTER talKs", "dinner_ talks2 meeting", "a year ago, an hour ago; at 1500 hours", "İn the winter of 1953", "e.g.May 3", "_May 3",
	)
	exprs := []*wordRegexp{conversationBetweenRE, conversationTitleRE, sequenceRE, eveningRE, morningRE, mdyRE, dmyRE, isoRE, classificationRE, mustCompileWord(`(?i)\bs\w+`), mustCompileWord(`\b\p{L}+`), mustCompileWord(`\b(?:x)?`)}
	for _, ru := range dateRules {
		exprs = append(exprs, ru.wordRegexp)
	}
	rnd := rand.New(rand.NewSource(1))
	runeStart := func(s string, i int) int {
		for i > 0 && i < len(s) && !utf8.RuneStart(s[i]) {
			i--
		}
		return i
	}
	for _, text := range texts {
		windows := [][2]int{{0, len(text)}}
		for k := 0; k < 3 && len(text) > 0; k++ {
			a, b := runeStart(text, rnd.Intn(len(text))), runeStart(text, rnd.Intn(len(text)+1))
			if a > b {
				a, b = b, a
			}
			windows = append(windows, [2]int{a, b})
		}
		at := ruleStarts(text, Span{0, len(text)}, nil)
		for ei, w := range exprs {
			for _, win := range windows {
				got := w.findAll(text, win[0], win[1], -1)
				want := w.findAllPlain(text, win[0], win[1], -1)
				if !reflect.DeepEqual(got, want) {
					t.Fatalf("%s on %q[%d:%d]:\n got %v\nwant %v", w.re, text, win[0], win[1], got, want)
				}
				if ei < len(exprs)-len(dateRules) {
					continue // ruleStarts knows the date rules only
				}
				// windows begin at a word (sentenceWords.windows)
				from := win[0]
				for from > 0 && text[from-1] != ' ' {
					from--
				}
				got = w.findAllAt(text, from, win[1], at)
				want = w.findAllPlain(text, from, win[1], -1)
				if !reflect.DeepEqual(got, want) {
					t.Fatalf("%s on %q[%d:%d], at %v:\n got %v\nwant %v", w.re, text, from, win[1], at, got, want)
				}
			}
			if got, want := fmt.Sprint(w.findStringIndex(text)), fmt.Sprint(w.re.FindStringIndex(text)); got != want {
				t.Fatalf("%s on %q: first match %s, want %s", w.re, text, got, want)
			}
			if got, want := fmt.Sprint(w.findStringSubmatchIndex(text)), fmt.Sprint(w.re.FindStringSubmatchIndex(text)); got != want {
				t.Fatalf("%s on %q: first match %s, want %s", w.re, text, got, want)
			}
		}
	}
}

// TestPhraseEnd checks phraseEnd against the expression it replaces.
func TestPhraseEnd(t *testing.T) {
	re := regexp.MustCompile(`[a-z]{2}\.(?:\s|$)`)
	texts := []string{"", "ab.", "ab. ", "Ab. x", "aB.\n", "a.b.", "in Laos.", "in Laos.He", "talks in Laos.\tAnd", "ö ab.\fx", "xyz..", "ab.ab. "}
	rnd := rand.New(rand.NewSource(2))
	for range 2000 {
		const alphabet = "abZ. \t\n\v\f."
		b := make([]byte, rnd.Intn(12))
		for i := range b {
			b[i] = alphabet[rnd.Intn(len(alphabet))]
		}
		texts = append(texts, string(b))
	}
	for _, s := range texts {
		want := -1
		if m := re.FindStringIndex(s); m != nil {
			want = m[0]
		}
		if got := phraseEnd(s); got != want {
			t.Errorf("phraseEnd(%q) = %d, want %d", s, got, want)
		}
	}
}
