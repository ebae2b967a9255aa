package extract

import (
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// Tests of the fast forms of slow operations: each must give what the
// plain form gives.

// sampleLines returns the lines and paragraphs of the project's documents,
// with some made-up ones that test the edges.
func sampleLines(t *testing.T) []string {
	t.Helper()
	out := []string{
		"Chairman Mao: When will you be leaving?", "The Secretary:  Yes.", "Comrade Hysni Kapo:\tWe",
		"Mr. O'Neil-Smith: no", "Zhou Enlai:", "Zhou Enlai: ", "Zhou Enlai:x", "Zhou 2 Enlai: yes",
		"Dr. Müller ́: yes", "Jao Shu-shih’s: yes", "one two three four five six seven: yes", ": yes",
		"[2] note", " [^3] note", "\t[12]", "[^x]", "  [1]", "[1", "",
	}
	for _, pattern := range []string{"../data/samples/*", "testdata/events/*.txt", "testdata/heldout/*.txt", "../../shared/corpus/*.txt"} {
		files, _ := filepath.Glob(pattern)
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, strings.Split(string(b), "\n")...)
			out = append(out, strings.Split(string(b), "\n\n")...)
		}
	}
	return out
}

// The fast forms of the segmenter's expressions find what they find.
func TestSegmentExpressions(t *testing.T) {
	lines := sampleLines(t)
	// labels made of the pieces the expression reads
	rnd := rand.New(rand.NewSource(3))
	pieces := []string{"Mao", "the", "The", "they", "Zhou", "en-lai", "Ch’en", "O'Neil", "de", "Müller", "Élie", "ǅ", "éa", "x",
		"-x", ".", "'s", " ", "  ", "\t", "\n", ""}
	for range 20000 {
		var b strings.Builder
		for range 1 + rnd.Intn(8) {
			b.WriteString(pieces[rnd.Intn(len(pieces))])
		}
		b.WriteString([]string{":", ": ", ":  x", ":\tYes", " : x", ":x"}[rnd.Intn(6)])
		lines = append(lines, b.String())
	}
	for _, l := range lines {
		if got, want := fmt.Sprint(findSpeakerLabel(l)), fmt.Sprint(speakerLabelRE.FindStringSubmatchIndex(l)); got != want {
			t.Errorf("speaker label of %q: %s, want %s", l, got, want)
		}
		for i := range l {
			want := 0
			if m := footnoteRefRE.FindStringIndex(l[i:]); m != nil {
				want = m[1]
			}
			if got := footnoteRef(l[i:]); got != want {
				t.Errorf("footnote mark at %q: %d, want %d", l[i:], got, want)
			}
		}
	}
}

// removeFootnoteMarks drops what footnoteMarkRE finds.
func TestRemoveFootnoteMarks(t *testing.T) {
	lines := append(sampleLines(t), "Title[^1]", "Title [^12] and  \t[^3]", "[^1][^2] [^x] [^] [^4", " [^5]", "[^6] ", "a [ [^7]")
	rnd := rand.New(rand.NewSource(5))
	pieces := []string{"[^", "]", "1", "23", " ", "\t", "\n", "x", "[", "^", "é", "Source: "}
	for range 20000 {
		var b strings.Builder
		for range rnd.Intn(10) {
			b.WriteString(pieces[rnd.Intn(len(pieces))])
		}
		lines = append(lines, b.String())
	}
	for _, l := range lines {
		if got, want := removeFootnoteMarks(l), footnoteMarkRE.ReplaceAllString(l, ""); got != want {
			t.Errorf("removeFootnoteMarks(%q) = %q, want %q", l, got, want)
		}
	}
}

func TestToLower(t *testing.T) {
	for _, s := range append(sampleLines(t), "ÀÉÎ \u212Aelvin İstanbul ΣΑΣ ǅ ß ẞ", "bad \xff byte", "\xe2\x84", "ＡＢＣ") {
		got, aligned := toLower(s)
		if want := strings.ToLower(s); got != want {
			t.Errorf("toLower(%q) = %q, want %q", s, got, want)
		}
		wantAligned := true
		for i, r := range s {
			if utf8.RuneLen(unicode.ToLower(r)) != utf8.RuneLen(r) || r == utf8.RuneError && !strings.HasPrefix(s[i:], "\uFFFD") {
				wantAligned = false
			}
		}
		if aligned != wantAligned {
			t.Errorf("toLower(%q): aligned %v, want %v", s, aligned, wantAligned)
		}
	}
}

func TestToLowerAlignment(t *testing.T) {
	if _, aligned := toLower("Chou En-lai’s"); !aligned {
		t.Error("plain text not aligned")
	}
	if _, aligned := toLower("\u212A"); aligned {
		t.Error("the Kelvin sign lower-cases to one byte: not aligned")
	}
}

func TestSingleSpaced(t *testing.T) {
	for _, s := range append(sampleLines(t), "", " ", "a", "a b", "a  b", " a", "a ", "a\tb", "a\u00a0b", "a\u2003b", "Chou En-lai") {
		if got, want := singleSpaced(s), strings.Join(strings.Fields(s), " ") == s; got != want {
			t.Errorf("singleSpaced(%q) = %v, want %v", s, got, want)
		}
	}
}

// A line where the header's "conversation with" matches holds one of the
// nouns the prefilter of headerMeeting looks for.
func TestConversationNouns(t *testing.T) {
	lines := append(sampleLines(t), "Converſation with Mao", "TALKS BETWEEN", "tal\u212As with", "the Meeting  with", "interviews with")
	for _, l := range lines {
		if !conversationBetweenRE.re.MatchString(l) {
			continue
		}
		lower, aligned := toLower(l)
		if aligned && !strings.Contains(l, "ſ") && !conversationNouns.holds(lower) {
			t.Errorf("%q: the prefilter misses a match", l)
		}
	}
}

func TestWordShapes(t *testing.T) {
	words := []string{"the", "a", "said", "'s", ",", "overthrew", "ll"}
	ws := newWordShapes(words)
	for _, w := range append(words, "The", "SAID", "Overthrew") {
		if !ws.mayHold(w) {
			t.Errorf("%q: not held", w)
		}
	}
	for _, w := range []string{"then", "b", "sad", "'t", ";x", "overthrown", "", "everything"} {
		if ws.mayHold(w) {
			t.Errorf("%q: held", w)
		}
	}
}

// A word token is wide exactly when its text is not ASCII.
func TestTokenWide(t *testing.T) {
	for _, l := range append(sampleLines(t), "Teng Hsiao-p’ing", "Mëhilli’s", "O‘Brien", "a‐b", "Çako", "ǅ") {
		for _, tok := range tokenize(l, 0, nil) {
			if tok.kind == tWord && tok.wide == isASCII(l[tok.Start:tok.End]) {
				t.Errorf("%q: wide %v", l[tok.Start:tok.End], tok.wide)
			}
		}
	}
}

func TestClauseTokens(t *testing.T) {
	for _, l := range append(sampleLines(t), "a,b;c:(d)e", "Mëhilli’s, (1962)", "\xff bad") {
		var want []Span
		for _, m := range clauseTokenRE.FindAllStringIndex(l, -1) {
			want = append(want, Span{7 + m[0], 7 + m[1]})
		}
		if got := clauseTokens(l, 7, nil); fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%q: %v, want %v", l, got, want)
		}
	}
}

func TestWordTable(t *testing.T) {
	var wt wordTable
	for round := 0; round < 2; round++ {
		wt.reset(3)
		seen := map[string]int32{}
		for i := 0; i < 5000; i++ {
			w := fmt.Sprint("w", i%1700)
			id, added := wt.index(w)
			if old, ok := seen[w]; ok {
				if added || id != old {
					t.Fatalf("%q: index %d (added %v), want %d", w, id, added, old)
				}
			} else {
				if !added || int(id) != len(seen) {
					t.Fatalf("%q: index %d (added %v), want %d, new", w, id, added, len(seen))
				}
				seen[w] = id
			}
		}
	}
}
