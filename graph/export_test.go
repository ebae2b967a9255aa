package graph

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/dossier-archive/dossier/ontology"
)

func TestExportMerged(t *testing.T) {
	backends(t, func(t *testing.T, s *Store) {
		loadFixture(t, s)
		docs := synthetic(5, 30) // persons recur across these graphs too
		for g, qs := range docs {
			mustReplace(t, s, g, qs)
		}
		var c collect
		n, err := s.Export(context.Background(), &c, true)
		if err != nil {
			t.Fatal(err)
		}
		st := mustStats(t, s)
		if n != len(c.quads) || n != st.Triples {
			t.Fatalf("exported %d (reported %d), Stats.Triples %d", len(c.quads), n, st.Triples)
		}
		if st.Triples >= st.Quads {
			t.Fatalf("the data should hold triples in several graphs: %d triples, %d quads", st.Triples, st.Quads)
		}
		// No graph, no duplicate, each subject's triples contiguous.
		seen := map[ontology.Quad]bool{}
		done := map[ontology.Term]bool{}
		for i, q := range c.quads {
			if !q.G.IsZero() {
				t.Fatalf("triple %d has graph %v", i, q.G)
			}
			if seen[q] {
				t.Errorf("triple %v exported twice", q)
			}
			seen[q] = true
			if i > 0 && c.quads[i-1].S != q.S {
				if done[q.S] {
					t.Errorf("subject %v comes back after other subjects", q.S)
				}
				done[c.quads[i-1].S] = true
			}
		}
		// Every stored triple is there.
		for _, l := range dump(t, s) {
			q := parseNQ(t, l)[0]
			q.G = ontology.Term{}
			if !seen[q] {
				t.Errorf("missing from the export: %s", l)
			}
		}
		// An independent parser counts the same.
		if rapper, err := exec.LookPath("rapper"); err == nil {
			file := filepath.Join(t.TempDir(), "g.nt")
			os.WriteFile(file, []byte(strings.Join(nqText(t, c.quads), "\n")+"\n"), 0o644)
			var out, errb bytes.Buffer
			cmd := exec.Command(rapper, "-i", "ntriples", "-c", file)
			cmd.Stdout, cmd.Stderr = &out, &errb
			if err := cmd.Run(); err != nil {
				t.Fatalf("rapper: %v\n%s", err, errb.String())
			}
			if !strings.Contains(errb.String(), "returned "+strconv.Itoa(st.Triples)+" triples") {
				t.Errorf("rapper says %q, Stats.Triples is %d", errb.String(), st.Triples)
			}
		}
	})
}

func TestExportQuads(t *testing.T) {
	backends(t, func(t *testing.T, s *Store) {
		loadFixture(t, s)
		var c collect
		n, err := s.Export(context.Background(), &c, false)
		if err != nil || n != 19 || len(c.quads) != 19 {
			t.Fatalf("exported %d/%d quads, %v; want 19", n, len(c.quads), err)
		}
		want := strings.Split(strings.TrimSpace(statsFixture), "\n")
		got := nqText(t, c.quads)
		if strings.Join(sorted(got), "\n") != strings.Join(sorted(want), "\n") {
			t.Errorf("export:\n%s", diff(want, got))
		}
	})
}

// TestLiteralRoundTrip stores literals that need escaping and reads them
// back byte for byte, through the store and through N-Quads text.
func TestLiteralRoundTrip(t *testing.T) {
	lits := []ontology.Term{
		ontology.NewString(`He said "hi"` + "\nthen left\\"),
		ontology.NewString("Çako and Mëhilli\r\n\ttab\x01\u2028 毛泽东 😀"),
		ontology.NewLangString("Enver Hoxha: \"Shoku Mao\"", "sq"),
		ontology.NewLangString("x", "zh-Hant-TW"),
		ontology.NewTyped("1.50", ontology.XSD+"decimal"),
		ontology.NewTyped("007", ontology.XSD+"integer"),
		ontology.NewTyped("1.0", ontology.XSD+"float"),
		ontology.NewTyped("true", ontology.XSD+"boolean"),
		ontology.NewTyped("1967-02-03T10:00:00+01:00", ontology.XSD+"dateTime"),
		ontology.NewTyped("1967-02-03T10:00:00", ontology.XSD+"dateTime"),
		ontology.NewTyped("1966-05", ontology.XSD+"gYearMonth"),
		ontology.NewTyped(`18"50`, ontology.XSD+"gYear"),
		ontology.NewString(""),
	}
	backends(t, func(t *testing.T, s *Store) {
		G := ontology.NewIRI("http://ex.org/g")
		var qs []ontology.Quad
		for i, l := range lits {
			qs = append(qs, ontology.Quad{S: ontology.NewIRI("http://ex.org/s"), P: ontology.NewIRI("http://ex.org/p" + strconv.Itoa(i)), O: l, G: G})
		}
		mustReplace(t, s, G.Value, qs)
		var c collect
		if _, err := s.Export(context.Background(), &c, false); err != nil {
			t.Fatal(err)
		}
		got := map[string]ontology.Term{}
		for _, q := range c.quads {
			got[q.P.Value] = q.O
		}
		for i, l := range lits {
			if g := got["http://ex.org/p"+strconv.Itoa(i)]; g != l {
				t.Errorf("stored %#v, read back %#v", l, g)
			}
		}
		// Through N-Quads text and back into a second graph: same terms.
		text := strings.Join(nqText(t, c.quads), "\n")
		back := parseNQ(t, text)
		for i := range back {
			if back[i] != c.quads[i] {
				t.Errorf("N-Quads round trip: %#v became %#v", c.quads[i], back[i])
			}
		}
	})
}

func sorted(l []string) []string {
	l = slices.Clone(l)
	slices.Sort(l)
	return l
}
