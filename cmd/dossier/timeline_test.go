package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The project's own annotated documents (extract/testdata/events).
var timelineDocs = []string{
	filepath.Join("..", "..", "extract", "testdata", "events", "gomulka-zhivkov-1964-10-20.md"),
	filepath.Join("..", "..", "extract", "testdata", "events", "report-belgrade-1966-07-08.txt"),
}

func runTimeline(t *testing.T, args ...string) (string, int) {
	t.Helper()
	// an empty configuration, so that no dossier.yaml around changes the result
	cfg := filepath.Join(t.TempDir(), "dossier.yaml")
	if err := os.WriteFile(cfg, []byte("{}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	code := run(append([]string{"timeline", "--config", cfg}, args...), &out, &errOut)
	if code != 0 {
		return errOut.String(), code
	}
	return out.String(), code
}

func timelineJSON(t *testing.T, args ...string) []timelineEntry {
	t.Helper()
	out, code := runTimeline(t, append([]string{"--format", "json"}, args...)...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, out)
	}
	var es []timelineEntry
	if err := json.Unmarshal([]byte(out), &es); err != nil {
		t.Fatalf("%v in %s", err, out)
	}
	return es
}

func TestTimelineOrder(t *testing.T) {
	es := timelineJSON(t, timelineDocs...)
	if len(es) < 10 {
		t.Fatalf("%d events", len(es))
	}
	// dated events first, in the order of their first day, across documents
	var dates []string
	for _, e := range es {
		dates = append(dates, e.Date)
	}
	seenUndated := false
	last := ""
	for _, d := range dates {
		if d == "" {
			seenUndated = true
			continue
		}
		if seenUndated {
			t.Fatalf("dated event %s after an undated one: %v", d, dates)
		}
		if d[:4] < last {
			t.Fatalf("%s after %s: %v", d, last, dates)
		}
		last = d[:4]
	}
	if dates[0] != "1956" || es[0].Document != "gomulka-zhivkov-1964-10-20" {
		t.Errorf("first event %s of %s, want the 1956 plenum", dates[0], es[0].Document)
	}
	// every entry carries the sentence that states it
	for _, e := range es {
		if e.Evidence.Text == "" || e.Evidence.End <= e.Evidence.Start {
			t.Errorf("%s %q: no evidence", e.Date, e.Label)
		}
	}
}

func TestTimelineFilters(t *testing.T) {
	es := timelineJSON(t, append([]string{"--person", "khrushchev"}, timelineDocs...)...)
	if len(es) != 2 {
		t.Fatalf("--person khrushchev: %d events, want the dismissal of 1964 and the meeting of 1964", len(es))
	}
	for _, e := range es {
		if !strings.Contains(strings.Join(append(e.Agents, e.Patients...), " "), "Khrushchev") {
			t.Errorf("%q does not involve Khrushchev", e.Label)
		}
	}
	es = timelineJSON(t, append([]string{"--from", "1964-10", "--to", "1964-10-15", "--type", "Purge,Plenum"}, timelineDocs...)...)
	if len(es) != 2 || es[0].Date != "1964-10-14" || es[1].Date != "1964-10-14" {
		t.Errorf("October 1964, purges and plenums: %+v", es)
	}
	if out, code := runTimeline(t, append([]string{"--from", "soon"}, timelineDocs...)...); code == 0 || !strings.Contains(out, `--from "soon"`) {
		t.Errorf("a bad --from: exit %d, %q", code, out)
	}
	if out, code := runTimeline(t, append([]string{"--format", "yaml"}, timelineDocs...)...); code == 0 || !strings.Contains(out, "unknown format") {
		t.Errorf("a bad --format: exit %d, %q", code, out)
	}
}

func TestTimelineTextAndCSV(t *testing.T) {
	out, code := runTimeline(t, "--person", "Ranković", timelineDocs[1])
	if code != 0 {
		t.Fatal(out)
	}
	first := strings.Fields(strings.SplitN(out, "\n", 2)[0])
	if len(first) < 2 || first[0] != "1964" || first[1] != "Meeting" || !strings.Contains(out, "“In 1964 Ranković met Khrushchev in Moscow.”") {
		t.Errorf("text timeline:\n%s", out)
	}
	out, code = runTimeline(t, "--format", "csv", timelineDocs[1])
	if code != 0 {
		t.Fatal(out)
	}
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) < 2 || strings.Join(recs[0], ",") != "date,type,label,agents,patients,place,document,evidence_start,evidence_end,evidence" {
		t.Fatalf("csv: %q", recs)
	}
	for _, r := range recs[1:] {
		if len(r) != 10 || r[6] != "report-belgrade-1966-07-08" {
			t.Errorf("csv record %q", r)
		}
	}
}

func TestTimelineFromStore(t *testing.T) {
	store := filepath.Join(t.TempDir(), "db")
	mustDossier(t, "--store", store, "build", samples(t))
	out := mustDossier(t, "--store", store, "timeline", "--type", "Purge", "--format", "csv")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) < 3 || !strings.HasPrefix(lines[0], "date,type,label") {
		t.Fatalf("timeline:\n%s", out)
	}
	// in date order: the Lushan dismissal of 1959 before the 1966 one
	i59, i66 := strings.Index(out, "\n1959,"), strings.Index(out, "\n1966-05,")
	if i59 < 0 || i66 < 0 || i59 > i66 {
		t.Errorf("purges out of order or missing:\n%s", out)
	}
	who := mustDossier(t, "--store", store, "timeline", "--person", "Peng Zhen", "--format", "json")
	if !strings.Contains(who, "dismissed Peng Zhen") || strings.Contains(who, "Lushan") {
		t.Errorf("--person Peng Zhen:\n%s", who)
	}
}
