package eval

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/dossier-archive/dossier/extract"
)

func TestNorm(t *testing.T) {
	tests := []struct {
		in     string
		person bool
		want   string
	}{
		{"Chairman Mao Zedong", true, "mao zedong"},
		{"Chairman Mao Zedong", false, "chairman mao zedong"},
		{"Secretary of State Rusk", true, "rusk"},
		{"Mrs. Rusk", true, "mrs. rusk"},
		{"Castro's", true, "castro"},
		{"Castro’s", true, "castro"},
		{"Nie Rongzhen^[2]", true, "nie rongzhen"},
		{"War^[3] Department", false, "war department"},
		{"Beijing\n\nMilitary  Region", false, "beijing military region"},
		{" (Dobrynin). ", true, "dobrynin"},
		{"Comrade", true, "comrade"}, // one word is never stripped
		{"STRASSE", false, "strasse"},
		{"Straße", false, "strasse"}, // case folding, not lower-casing
	}
	for _, tc := range tests {
		if got := Norm(tc.in, tc.person); got != tc.want {
			t.Errorf("Norm(%q, %v) = %q, want %q", tc.in, tc.person, got, tc.want)
		}
	}
}

func TestRound(t *testing.T) {
	// Python: round(0.03125, 4) == 0.0312, round(2/3, 4) == 0.6667
	for in, want := range map[float64]float64{0.03125: 0.0312, 2.0 / 3: 0.6667, 0.96875: 0.9688, 1: 1} {
		if got := round(in); got != want {
			t.Errorf("round(%v) = %v, want %v", in, got, want)
		}
	}
}

// TestScoreHandComputed checks the metrics on a case small enough to
// count by hand.
func TestScoreHandComputed(t *testing.T) {
	gold := decode(t, `{"persons": [
		{"name": "Dean Rusk", "mentions": ["Secretary Rusk", "Dean Rusk"]},
		{"name": "Virginia Rusk", "mentions": ["Mrs. Rusk"]},
		{"name": "Kim A", "mentions": ["Ambassador Kim", "Kim Hyun-chul"]},
		{"name": "Kim B", "mentions": ["Defense Minister Kim", "Kim Sung-eun"]}],
	 "organizations": [], "places": [{"name": "Moscow", "mentions": ["Moscow"]}]}`)
	pred := decode(t, `{"entities": [
		{"type": "Person", "name": "Dean Rusk", "mentions": [{"text": "Dean Rusk"}, {"text": "Rusk"}, {"text": "Mrs. Rusk"}]},
		{"type": "Person", "name": "Kim", "mentions": [{"text": "Kim Hyun-chul"}, {"text": "Kim Sung-eun"}, {"text": "Kim"}]},
		{"type": "Person", "name": "Gromyko", "mentions": [{"text": "Gromyko"}]},
		{"type": "Place", "name": "Moscow", "mentions": [{"text": "Moscow"}]}]}`)
	sc, _ := Score(gold, pred)
	p := sc.Entities["Person"]
	// gold forms: rusk, dean rusk, mrs. rusk, kim, kim hyun-chul, kim sung-eun (6)
	// predicted forms: dean rusk, rusk, mrs. rusk, kim hyun-chul, kim sung-eun, kim, gromyko (7); 6 right
	if p.Mention.Pred != 7 || p.Mention.Gold != 6 || p.Mention.P != round(6.0/7) || p.Mention.R != 1 {
		t.Errorf("mention %+v", p.Mention)
	}
	// entities: 2 of the 3 predicted persons are right (not Gromyko); all
	// 4 gold persons are found (Virginia Rusk through "mrs. rusk")
	if p.Entity.Pred != 3 || p.Entity.P != 0.6667 || p.Entity.R != 1 {
		t.Errorf("entity %+v", p.Entity)
	}
	// alias: Dean Rusk (rusk, dean rusk) is in one entity that also holds
	// Mrs. Rusk (another gold person): wrong. The Kims share "kim", which
	// is not judged; each has one unshared form left, so they do not count.
	if p.Alias.N != 1 || p.Alias.Acc != 0 {
		t.Errorf("alias %+v", p.Alias)
	}
}

func decode(t *testing.T, s string) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(s), &m); err != nil {
		t.Fatal(err)
	}
	return m
}

// TestAgreesWithScorePy runs ../shared/eval/score.py and this port on the
// same gold and prediction files and asserts the same figures: the seven
// development documents with this extractor's predictions, the project's
// held-out samples, and hand-made edge cases.
func TestAgreesWithScorePy(t *testing.T) {
	scorer := filepath.Join("..", "..", "shared", "eval", "score.py")
	if _, err := os.Stat(scorer); err != nil {
		t.Skip("score.py absent:", err)
	}
	if _, err := exec.LookPath("python3"); err != nil {
		t.Skip("python3 absent")
	}
	x, err := extract.New()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	type pair struct{ gold, pred string }
	var pairs []pair
	var golds []string
	for _, g := range []string{filepath.Join("..", "..", "shared", "gold"), filepath.Join("..", "extract", "testdata", "heldout")} {
		files, err := GoldFiles(g)
		if err == nil {
			golds = append(golds, files...)
		}
	}
	for i, g := range golds {
		gold, err := ReadJSON(g)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := FindDocument(g, gold, "")
		if err != nil {
			t.Fatal(err)
		}
		pred, err := Predict(x, doc)
		if err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(dir, filepath.Base(g)+".pred.json")
		writeJSON(t, p, pred)
		pairs = append(pairs, pair{g, p})
		_ = i
	}
	// edge cases: empty prediction, prediction as a list, entities
	// without mentions, events with ids and dict evidence, "Other" events,
	// untagged sections, dates with "when", ties in rounding
	edge := []struct{ gold, pred string }{
		{`{"persons": [{"name": "A B", "mentions": ["Mr. A B", "B"]}], "places": [], "organizations": []}`, `{}`},
		{`{"persons": [{"name": "A B", "mentions": ["Mr. A B", "B"]}], "organizations": [{"name": "UN", "mentions": []}], "places": [], "untagged": ["places"]}`,
			`[{"entities": [{"type": "Person", "name": "B", "mentions": []}, {"type": "Organization", "name": "UN"}]}]`},
		{`{"persons": [], "organizations": [], "places": [], "dates": [{"surface": "May 1966", "iso": "1966-05"}, {"surface": "last year", "when": "1966", "relative": true}, {"surface": "MAY 1966", "iso": "1966-05"}]}`,
			`{"dates": [{"text": "in May 1966", "value": "1966-05"}, {"text": "last year", "value": "1965"}, {"text": "1967", "value": "1967"}]}`},
		{`{"persons": [{"name": "Mao Zedong", "mentions": ["Chairman Mao"]}, {"name": "Peng Dehuai", "mentions": ["Peng Dehuai"]}], "organizations": [], "places": [],
		   "events": [{"type": "Purge", "date": "1959", "agents": ["Mao Zedong"], "patients": ["Peng Dehuai", "Huang Kecheng"], "evidence": "in 1959, we overthrew the group of Peng Dehuai"},
		              {"type": "Other", "evidence": "x"}, {"type": "Meeting", "date": "1967-02-03", "agents": [], "patients": [], "evidence": "Mao met the Albanians"}]}`,
			`{"entities": [{"id": "mao", "type": "Person", "name": "Mao", "mentions": [{"text": "Mao"}]}],
			  "events": [{"type": "Purge", "date": "1959", "agents": ["mao"], "patients": [{"name": "Peng Dehuai"}], "evidence": {"text": "we overthrew the group of Peng Dehuai, Huang Kecheng"}},
			             {"type": "Meeting", "agents": [], "patients": [], "evidence": "Albanians met Mao"}, {"type": "Other", "evidence": {"text": "x"}}]}`},
		{`{"persons": [], "organizations": [], "places": [{"name": "P", "mentions": ["a", "b", "c"]}]}`,
			`{"entities": [{"type": "Place", "name": "a", "mentions": [{"text": "a"}]}, {"type": "Place", "name": "x1", "mentions": [{"text": "x1"}]}, {"type": "Place", "name": "x2", "mentions": [{"text": "x2"}]}]}`},
	}
	for i, e := range edge {
		g := filepath.Join(dir, "edge"+string(rune('a'+i))+".gold.json")
		p := filepath.Join(dir, "edge"+string(rune('a'+i))+".pred.json")
		if err := os.WriteFile(g, []byte(e.gold), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(e.pred), 0o644); err != nil {
			t.Fatal(err)
		}
		pairs = append(pairs, pair{g, p})
	}
	if len(pairs) < 8 {
		t.Fatalf("only %d pairs", len(pairs))
	}
	for _, pr := range pairs {
		out, err := exec.Command("python3", scorer, "--gold", pr.gold, "--pred", pr.pred, "--json", "--verbose").Output()
		if err != nil {
			t.Fatalf("score.py on %s: %v", pr.gold, err)
		}
		var py struct {
			Scores any            `json:"scores"`
			Report map[string]any `json:"report"`
		}
		if err := json.Unmarshal(out, &py); err != nil {
			t.Fatal(err)
		}
		gold, err := ReadJSON(pr.gold)
		if err != nil {
			t.Fatal(err)
		}
		pred, err := ReadJSON(pr.pred)
		if err != nil {
			t.Fatal(err)
		}
		sc, rep := Score(gold, pred)
		b, err := json.Marshal(sc)
		if err != nil {
			t.Fatal(err)
		}
		var goScores any
		if err := json.Unmarshal(b, &goScores); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(goScores, py.Scores) {
			pb, _ := json.Marshal(py.Scores)
			t.Errorf("%s: scores differ\n  go: %s\n  py: %s", filepath.Base(pr.gold), b, pb)
		}
		// the lists of misses and spurious forms agree too
		for k, v := range py.Report {
			want, _ := json.Marshal(v)
			got, _ := json.Marshal(nonNil(rep[k]))
			if !bytes.Equal(want, got) {
				t.Errorf("%s: report %s differs\n  go: %s\n  py: %s", filepath.Base(pr.gold), k, got, want)
			}
		}
	}
}

func nonNil(xs []string) []string {
	if xs == nil {
		return []string{}
	}
	return xs
}

func writeJSON(t *testing.T, path string, v any) {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestMicro(t *testing.T) {
	a := Scores{Entities: map[string]*EntityScores{"Person": {Mention: prf(1, 2, 1, 4), Entity: prf(1, 1, 1, 2), Alias: &Alias{Acc: 1, N: 1, OK: 1}}}}
	b := Scores{Entities: map[string]*EntityScores{"Person": {Mention: prf(3, 3, 3, 4), Entity: prf(2, 2, 2, 2), Alias: &Alias{Acc: 0, N: 1}}}}
	m := Micro([]Scores{a, b})
	p := m.Entities["Person"]
	// pooled: mention 4/5 right, 4/8 found; entity 3/3, 3/4; alias 1/2
	if p.Mention.P != 0.8 || p.Mention.R != 0.5 || p.Entity.P != 1 || p.Entity.R != 0.75 || p.Alias.Acc != 0.5 {
		t.Errorf("micro %+v %+v %+v", p.Mention, p.Entity, p.Alias)
	}
}
