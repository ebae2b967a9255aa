package extract_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/dossier-archive/dossier/extract"
)

// Extraction must take time in proportion to the size of its input,
// whatever the input: a fuzzer, a bad OCR or a corrupt file must not make
// it hang. The shapes below are the inputs that defeat a careless scan:
// runs that a loop over "the words after this one" reads again from every
// word (capitals, names glued by footnote marks, "of" chains), lists that
// a loop over "every candidate" reads again for every candidate (turns,
// names, dates), and single characters repeated. BenchmarkAdversarial
// reports MB/s per shape at two sizes, 4× apart: the same MB/s at both is
// linear time. TestAdversarial only guards against hangs, with a generous
// bound on the time of each shape.

// adversarialShape is one kind of hostile input, made to about n bytes.
type adversarialShape struct {
	name string
	make func(n int) string
}

// repeat repeats unit up to about n bytes.
func repeat(unit string) func(n int) string {
	return func(n int) string { return strings.Repeat(unit, max(1, n/len(unit))) }
}

// numbered writes format with 0, 1, 2, ... up to about n bytes: distinct
// words, so that nothing is found once and reused.
func numbered(format string) func(n int) string {
	return func(n int) string {
		var b strings.Builder
		for i := 0; b.Len() < n; i++ {
			fmt.Fprintf(&b, format, name(i), name(i*7+3))
		}
		return b.String()
	}
}

// name is a made-up capitalized word, distinct for each i.
func name(i int) string {
	const cons, vows = "bdfgklmnprstvz", "aeiou"
	var b strings.Builder
	b.WriteByte("BDFGKLMNPRSTVZ"[i%14])
	i /= 14
	for {
		b.WriteByte(vows[i%5])
		i /= 5
		b.WriteByte(cons[i%14])
		i /= 14
		if i == 0 {
			return b.String()
		}
	}
}

var adversarialShapes = []adversarialShape{
	// capitals
	{"caps", repeat("A ")},                                                         // one long run of capitalized one-letter words
	{"capwords", repeat("Party Committee ")},                                       // a run of capitalized head words
	{"allcaps", repeat("MAO ZEDONG ")},                                             // a heading in capitals with no end
	{"names", numbered("%s %s met ")},                                              // thousands of distinct people
	{"titled", numbered("Comrade %s %s and ")},                                     // thousands of titled people in one sentence
	{"singles", numbered("Comrade %s said. %s agreed. ")},                          // single names to join to full ones
	{"ofchain", repeat("Party of Labor of ")},                                      // an organization name with no end
	{"ministries", numbered("Ministry of %s of %s, ")},                             // many nested organization names
	{"footnotes", repeat("Mao^[1]")},                                               // names glued by footnote marks, no space
	{"notes", repeat("Mao [^12] Zedong [2] ")},                                     // footnote marks between words
	{"hyphens", func(n int) string { return "Chou" + strings.Repeat("-En", n/3) }}, // one word with no end
	{"apostrophes", repeat("Mao's ")},                                              // possessives
	// punctuation and space
	{"nospace", repeat("abcdefgh")},     // one word
	{"nospacecaps", repeat("AbCdEfGh")}, // one word with capitals inside
	{"colons", repeat(":")},             // 50,000 colons
	{"dots", repeat(".")},               // a sentence end with no sentence
	{"initials", repeat("A.")},          // "A.A.A.": a dotted abbreviation with no end
	{"numbers", repeat("1.2.")},         // a number with no end
	{"dashes", repeat("-")},             // a rule line
	{"quotes", repeat("\"'")},           // quotes
	{"spaces", func(n int) string { return "Mao" + strings.Repeat(" ", n) + "Zedong" }},
	{"newlines", func(n int) string { return "Mao" + strings.Repeat("\n", n) + "Zedong" }},
	{"brackets", func(n int) string { return strings.Repeat("(", n/2) + strings.Repeat(")", n/2) }},
	{"bracketwords", func(n int) string { return strings.Repeat("(Mao ", n/10) + strings.Repeat(") ", n/10) }},
	// transcripts and headers
	{"turns", repeat("A: b\n")},                               // thousands of tiny turns
	{"comrades", repeat("Comrade X: yes\n")},                  // 10,000 "Comrade X:" lines
	{"speakers", numbered("Comrade %s %s: We met.\n\n")},      // many speakers
	{"fields", numbered("Participants: %s %s, Zhou Enlai\n")}, // header fields
	{"participants", func(n int) string { return "Participants: " + numbered("%s %s, ")(n) }},
	{"headings", repeat("SUBJECT\n")},
	// sentences
	{"sentence", repeat("the Chairman said that Zhou Enlai and ")}, // one sentence with no end
	{"commas", repeat("Mao, ")},
	{"lists", numbered("%s, %s and ")}, // one list of unknown names
	{"members", numbered("%s %s is a member of the Politburo and ")},
	// dates and events
	{"dates", repeat("on 1 May 1967, ")},
	{"monthdays", repeat("January 1 ")},         // date windows that merge into one: each scanned once per rule
	{"middleof", repeat("the middle of 1962 ")}, // the same, for the relative-part rules
	{"months", repeat("May June ")},
	{"times", repeat("10:15 ")},
	{"digits", repeat("1")},
	{"events", numbered("%s overthrew %s and ")},
	{"meetings", numbered("%s met %s in Tirana on 3 February. ")},
	{"assemblies", repeat("The plenum expelled him. ")},                                 // an assembly whose body is sought earlier in the text
	{"pronouns", repeat("He met him. ")},                                                // pronouns with no one named before them
	{"collectives", numbered("Comrade %s %s: We overthrew the revisionists.\n\n")},      // many speakers, each one's "we"
	{"garrison", repeat("Beijing garrison ")},                                           // city and lower-case head words, a body named again and again
	{"offices", numbered("%s %s, Minister of the %s. The Minister of the Navy said. ")}, // offices held by one person each
}

// adversarialLimit is the time extraction of one shape may take: so
// generous (typical documents take 0.2 ms per KB, the slowest shape a few
// ms per KB, ten times that under the race detector) that only a hang, or
// time that grows faster than the input, exceeds it. The test guards
// against hangs; speed is BenchmarkAdversarial's to show.
const adversarialLimit = 10 * time.Second

// extractWithin runs the extraction and fails the test when it does not
// finish within limit (the extraction goes on in its goroutine: a hang
// cannot be stopped, only reported).
func extractWithin(t *testing.T, x *extract.Extractor, text string, limit time.Duration) {
	t.Helper()
	done := make(chan struct{})
	go func() {
		d := &extract.Document{Text: text}
		d.Meta.ID = "adversarial"
		x.Run(d)
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(limit):
		t.Fatalf("%d bytes: extraction takes longer than %v", len(text), limit)
	}
}

// TestAdversarial extracts every adversarial shape at 256 KB (64 KB with
// -short or the race detector) and fails on any that does not finish
// within adversarialLimit: at these sizes, time that grows with the square
// of the input takes minutes.
func TestAdversarial(t *testing.T) {
	x, err := extract.New()
	if err != nil {
		t.Fatal(err)
	}
	n := 256 << 10
	if testing.Short() || raceEnabled {
		n = 64 << 10
	}
	for _, sh := range adversarialShapes {
		t.Run(sh.name, func(t *testing.T) {
			extractWithin(t, x, sh.make(n), adversarialLimit)
		})
	}
}

// BenchmarkAdversarial measures extraction of each adversarial shape at
// 64 KB and 256 KB (and the long sentence at 1 MB): linear time shows as
// the same MB/s at every size.
//
//	go test ./extract -run XXX -bench Adversarial -cpu 1
func BenchmarkAdversarial(b *testing.B) {
	x, err := extract.New()
	if err != nil {
		b.Fatal(err)
	}
	for _, sh := range adversarialShapes {
		sizes := []int{64 << 10, 256 << 10}
		if sh.name == "sentence" {
			sizes = append(sizes, 1<<20)
		}
		for _, n := range sizes {
			text := sh.make(n)
			b.Run(fmt.Sprintf("%s/%dKB", sh.name, n>>10), func(b *testing.B) {
				b.SetBytes(int64(len(text)))
				for i := 0; i < b.N; i++ {
					d := &extract.Document{Text: text}
					d.Meta.ID = "adversarial"
					x.Run(d)
				}
			})
		}
	}
}
