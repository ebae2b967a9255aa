package eval

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/dossier-archive/dossier/extract"
)

// heldoutDir holds the project's own held-out documents: six texts written
// in the genre by someone who has not tuned the extractor, each with a hand
// annotation in the development gold's format (see its README.md).
var heldoutDir = filepath.Join("testdata", "heldout")

// TestHeldoutFloors extracts the held-out documents, micro-averages the
// scores and fails if any figure named in testdata/heldout/floors.json is
// below its floor. As with .ci/floors.json for the development set, the
// floors only go up: when the extractor improves, raise them to just below
// the new figures (the test logs each figure next to its floor).
func TestHeldoutFloors(t *testing.T) {
	files, err := GoldFiles(heldoutDir)
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 6 {
		t.Fatalf("%d held-out gold files, want 6", len(files))
	}
	x, err := extract.New()
	if err != nil {
		t.Fatal(err)
	}
	res, err := Evaluate(x, files, "")
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(res.Micro)
	if err != nil {
		t.Fatal(err)
	}
	var micro map[string]any
	if err := json.Unmarshal(b, &micro); err != nil {
		t.Fatal(err)
	}
	fb, err := os.ReadFile(filepath.Join(heldoutDir, "floors.json"))
	if err != nil {
		t.Fatal(err)
	}
	var floors map[string]float64
	if err := json.Unmarshal(fb, &floors); err != nil {
		t.Fatal(err)
	}
	keys := make([]string, 0, len(floors))
	for k := range floors {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		var v any = micro
		for _, part := range strings.Split(k, ".") {
			m, _ := v.(map[string]any)
			v = m[part]
		}
		got, ok := v.(float64)
		switch {
		case !ok:
			t.Errorf("%s: no figure (got %v), floor %.2f", k, v, floors[k])
		case got < floors[k]:
			t.Errorf("%s = %.4f, below its floor %.2f", k, got, floors[k])
		default:
			t.Logf("%-24s %.4f  floor %.2f", k, got, floors[k])
		}
	}
}

// TestHeldoutGold checks the held-out annotations the way
// ../shared/gold/check_set.py does the development gold's: each names its
// text, and every mention, date surface and event evidence occurs in it
// (not only inside a longer word); event roles name annotated entities.
func TestHeldoutGold(t *testing.T) {
	files, err := GoldFiles(heldoutDir)
	if err != nil {
		t.Fatal(err)
	}
	isoRE := regexp.MustCompile(`^\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2})?)?)?(/\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2})?)?)?)?$`)
	for _, f := range files {
		gold, err := ReadJSON(f)
		if err != nil {
			t.Fatal(err)
		}
		base := strings.TrimSuffix(filepath.Base(f), ".gold.json")
		if got := str(gold["document"]); got != base+".txt" {
			t.Errorf("%s: document %q, want %q", f, got, base+".txt")
			continue
		}
		doc, err := FindDocument(f, gold, "")
		if err != nil {
			t.Fatal(err)
		}
		tb, err := os.ReadFile(doc)
		if err != nil {
			t.Fatal(err)
		}
		text := string(tb)
		occurs := func(what, s string) {
			if s == "" || !regexp.MustCompile(`(^|[^\pL\pN_])`+regexp.QuoteMeta(s)+`($|[^\pL\pN_])`).MatchString(text) {
				t.Errorf("%s: %s %q does not occur as a word in %s", base, what, s, filepath.Base(doc))
			}
		}
		names := map[string]string{}
		for _, sec := range []string{"persons", "organizations", "places"} {
			for _, e := range list(gold[sec]) {
				name := str(obj(e)["name"])
				names[name] = sec
				ms := list(obj(e)["mentions"])
				if len(ms) == 0 {
					t.Errorf("%s: %s %q has no mentions", base, sec, name)
				}
				for _, m := range ms {
					occurs(sec+" mention", str(m))
				}
			}
		}
		for _, d := range list(gold["dates"]) {
			occurs("date", str(obj(d)["surface"]))
			if iso := str(obj(d)["iso"]); !isoRE.MatchString(iso) {
				t.Errorf("%s: date %q has iso %q", base, str(obj(d)["surface"]), iso)
			}
		}
		for _, e := range list(gold["events"]) {
			ev := obj(e)
			occurs("event evidence", str(ev["evidence"]))
			for _, role := range []string{"agents", "patients"} {
				for _, n := range list(ev[role]) {
					if s := names[str(n)]; s != "persons" && s != "organizations" {
						t.Errorf("%s: event %s: %s %q is not an annotated person or organization", base, str(ev["id"]), role, str(n))
					}
				}
			}
			if p := ev["place"]; p != nil && names[str(p)] == "" {
				t.Errorf("%s: event %s: place %q is not annotated", base, str(ev["id"]), str(p))
			}
		}
	}
}
