package main

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/spf13/cobra"
	"github.com/spf13/viper"

	"github.com/dossier-archive/dossier/archive"
	"github.com/dossier-archive/dossier/extract"
)

// timelineEntry is one event of the timeline, with the document it comes
// from and the sentence that states it.
type timelineEntry struct {
	Document string            `json:"document"`
	ID       string            `json:"id"`
	Type     extract.EventType `json:"type"`
	Label    string            `json:"label"`
	Date     string            `json:"date,omitempty"`
	Agents   []string          `json:"agents"`
	Patients []string          `json:"patients"`
	Place    string            `json:"place,omitempty"`
	Evidence extract.JSONSpan  `json:"evidence"`

	first, last time.Time // the days the date covers; zero when undated
	order       int       // position in the input, to keep ties stable
	people      []string  // every name of every participant, for --person
}

func newTimelineCmd(v *viper.Viper) *cobra.Command {
	var person, from, to, format, types string
	cmd := &cobra.Command{
		Use:   "timeline [--person NAME] [--from DATE --to DATE] [--format text|json|csv] [FILE...]",
		Short: "List events in date order, with their evidence",
		Long: `Timeline lists the events of the store (or, given files, of those
documents, extracted on the spot) (purges, plenums,
meetings, publications and others) from the earliest to the latest, each
with its type, date, who acted and on whom, and the sentence of the
document that states it. Events without a date come last.

--person keeps the events a person (or body) takes part in, matched on
any of the names the document gives it, case and accents aside ("Mao",
"Peng Dehuai", "Rankovic"). --from and --to (YYYY, YYYY-MM or YYYY-MM-DD) keep the events
whose date overlaps the period, and leave out the undated. --type keeps
some types (comma-separated: Purge,Plenum,Meeting,Publication,Other).
Given files, nothing is read from or written to the store.`,
		Example: `  dossier timeline --person "Peng Zhen"
  dossier timeline ../shared/corpus/*.txt
  dossier timeline --person "Peng Dehuai" --from 1950 --to 1966 doc.txt
  dossier timeline --format csv --type Purge docs/*.txt > purges.csv`,
		RunE: func(cmd *cobra.Command, args []string) error {
			switch format {
			case "text", "json", "csv":
			default:
				return fmt.Errorf("unknown format %q (text, json, csv)", format)
			}
			lo, hi, err := period(from, to)
			if err != nil {
				return err
			}
			keepType := map[extract.EventType]bool{}
			for _, t := range strings.Split(types, ",") {
				if t = strings.TrimSpace(t); t != "" {
					keepType[extract.EventType(t)] = true
				}
			}
			var entries []timelineEntry
			add := func(es []timelineEntry) {
				for _, e := range es {
					e.order = len(entries)
					if len(keepType) > 0 && !keepType[e.Type] {
						continue
					}
					if person != "" && !e.involves(person) {
						continue
					}
					if !lo.IsZero() || !hi.IsZero() {
						if e.first.IsZero() || !hi.IsZero() && e.first.After(hi) || !lo.IsZero() && e.last.Before(lo) {
							continue
						}
					}
					entries = append(entries, e)
				}
			}
			if len(args) == 0 {
				// the events of the store, one document at a time
				st, err := openStore(cmd.Context(), v, cmd.ErrOrStderr())
				if err != nil {
					return err
				}
				defer st.Close()
				err = archive.Each(cmd.Context(), st, func(d *archive.Document) error {
					add(storedTimeline(d))
					return nil
				})
				if err != nil {
					return err
				}
			} else {
				x, err := newExtractor(v)
				if err != nil {
					return err
				}
				for _, path := range args {
					b, err := os.ReadFile(path)
					if err != nil {
						return err
					}
					doc, err := x.Extract(path, b)
					if err != nil {
						return err
					}
					add(timelineOf(doc))
				}
			}
			sortTimeline(entries)
			out := cmd.OutOrStdout()
			switch format {
			case "json":
				return writeTimelineJSON(out, entries)
			case "csv":
				return writeTimelineCSV(out, entries)
			}
			return writeTimelineText(out, entries)
		},
	}
	f := cmd.Flags()
	f.StringVar(&person, "person", "", "keep the events this person or body takes part in")
	f.StringVar(&from, "from", "", "keep the events on or after this date (YYYY, YYYY-MM, YYYY-MM-DD)")
	f.StringVar(&to, "to", "", "keep the events on or before this date")
	f.StringVar(&types, "type", "", "keep these event types (comma-separated)")
	f.StringVar(&format, "format", "text", "output format: text, json or csv")
	return cmd
}

// period reads --from and --to: the first day of from, the last day of to.
func period(from, to string) (lo, hi time.Time, err error) {
	if from != "" {
		var ok bool
		if lo, _, ok = extract.DateBounds(from); !ok || strings.ContainsAny(from, "/T") {
			return lo, hi, fmt.Errorf("--from %q: want YYYY, YYYY-MM or YYYY-MM-DD", from)
		}
	}
	if to != "" {
		var ok bool
		if _, hi, ok = extract.DateBounds(to); !ok || strings.ContainsAny(to, "/T") {
			return lo, hi, fmt.Errorf("--to %q: want YYYY, YYYY-MM or YYYY-MM-DD", to)
		}
	}
	if !lo.IsZero() && !hi.IsZero() && hi.Before(lo) {
		return lo, hi, fmt.Errorf("--to %s is before --from %s", to, from)
	}
	return lo, hi, nil
}

// timelineOf turns a document's events into timeline entries.
func timelineOf(doc *extract.Document) []timelineEntry {
	var out []timelineEntry
	j := doc.JSON()
	for i, ev := range doc.Events {
		je := j.Events[i]
		e := timelineEntry{
			Document: doc.Meta.ID, ID: ev.ID, Type: ev.Type, Label: ev.Label, Date: ev.Date,
			Agents: je.Agents, Patients: je.Patients, Evidence: je.Evidence,
		}
		if je.Place != nil {
			e.Place = *je.Place
		}
		if a, b, ok := extract.DateBounds(ev.Date); ok {
			e.first, e.last = a, b
		}
		for _, k := range append(append([]int{}, ev.Agents...), ev.Patients...) {
			if k < 0 || k >= len(doc.Entities) {
				continue
			}
			ent := doc.Entities[k]
			e.people = append(e.people, ent.Name)
			e.people = append(e.people, ent.AltNames...)
			for _, mi := range ent.Mentions {
				if mi >= 0 && mi < len(doc.Mentions) {
					e.people = append(e.people, doc.Mentions[mi].Name, doc.Mentions[mi].Text)
				}
			}
		}
		out = append(out, e)
	}
	return out
}

// storedTimeline turns the events of a stored document into timeline
// entries, naming participants by their labels in that document.
func storedTimeline(d *archive.Document) []timelineEntry {
	var out []timelineEntry
	for _, ev := range d.Events {
		e := timelineEntry{
			Document: d.ID, ID: archive.LastSegment(ev.IRI), Label: ev.Label,
			Agents: []string{}, Patients: []string{}, Date: ev.Stamp,
		}
		for _, t := range ev.Types {
			e.Type = extract.EventType(t)
		}
		if e.Date == "" && (ev.Begin != "" || ev.End != "") {
			e.Date = ev.Begin + "/" + ev.End
		}
		if a, b, ok := extract.DateBounds(e.Date); ok {
			e.first, e.last = a, b
		}
		names := func(iris []string) []string {
			var ns []string
			for _, iri := range iris {
				ns = append(ns, d.Label(iri))
				e.people = append(e.people, d.Label(iri))
				if ent, ok := d.Entities[iri]; ok {
					e.people = append(e.people, ent.Alt...)
				}
			}
			return ns
		}
		e.Agents = append(e.Agents, names(ev.Agents)...)
		e.Patients = append(e.Patients, names(ev.Targets)...)
		if ev.Place != "" {
			e.Place = d.Label(ev.Place)
		}
		if ev.HasEvidence {
			e.Evidence = extract.JSONSpan{Text: d.Str(ev.Evidence), Start: ev.Evidence.Begin, End: ev.Evidence.End}
		}
		out = append(out, e)
	}
	return out
}

// involves reports whether one of the event's participants goes by the
// name: the same words, or a whole word of it ("Mao" for "Mao Zedong"),
// case and accents aside.
func (e timelineEntry) involves(name string) bool {
	want := extract.Slug(name)
	if want == "" {
		return false
	}
	for _, n := range e.people {
		got := extract.Slug(n)
		if got == want || strings.HasPrefix(got, want+"-") || strings.HasSuffix(got, "-"+want) || strings.Contains(got, "-"+want+"-") {
			return true
		}
	}
	return false
}

// sortTimeline orders entries by the first day of their date, the shorter
// period first, undated last, the input order breaking ties.
func sortTimeline(es []timelineEntry) {
	sort.SliceStable(es, func(i, j int) bool {
		a, b := es[i], es[j]
		if a.first.IsZero() != b.first.IsZero() {
			return !a.first.IsZero()
		}
		if !a.first.Equal(b.first) {
			return a.first.Before(b.first)
		}
		if !a.last.Equal(b.last) {
			return a.last.Before(b.last)
		}
		return a.order < b.order
	})
}

func writeTimelineJSON(w io.Writer, es []timelineEntry) error {
	if es == nil {
		es = []timelineEntry{}
	}
	for i := range es {
		if es[i].Agents == nil {
			es[i].Agents = []string{}
		}
		if es[i].Patients == nil {
			es[i].Patients = []string{}
		}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", " ")
	return enc.Encode(es)
}

func writeTimelineCSV(w io.Writer, es []timelineEntry) error {
	cw := csv.NewWriter(w)
	if err := cw.Write([]string{"date", "type", "label", "agents", "patients", "place", "document", "evidence_start", "evidence_end", "evidence"}); err != nil {
		return err
	}
	for _, e := range es {
		rec := []string{e.Date, string(e.Type), e.Label, strings.Join(e.Agents, "; "), strings.Join(e.Patients, "; "),
			e.Place, e.Document, fmt.Sprint(e.Evidence.Start), fmt.Sprint(e.Evidence.End), oneLine(e.Evidence.Text)}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// writeTimelineText prints, for the terminal, one event a paragraph: its
// date, type and label, who acted and on whom, then the evidence quoted
// with the document and character offsets it comes from.
func writeTimelineText(w io.Writer, es []timelineEntry) error {
	if len(es) == 0 {
		_, err := fmt.Fprintln(w, "no events")
		return err
	}
	width := len("undated")
	for _, e := range es {
		width = max(width, utf8.RuneCountInString(e.Date))
	}
	indent := strings.Repeat(" ", width+2)
	for i, e := range es {
		date := e.Date
		if date == "" {
			date = "undated"
		}
		var b strings.Builder
		if i > 0 {
			b.WriteString("\n")
		}
		fmt.Fprintf(&b, "%-*s  %-11s %s\n", width, date, e.Type, e.Label)
		if len(e.Agents) > 0 {
			fmt.Fprintf(&b, "%s%-11s %s\n", indent, "by", strings.Join(e.Agents, ", "))
		}
		if len(e.Patients) > 0 {
			fmt.Fprintf(&b, "%s%-11s %s\n", indent, "targets", strings.Join(e.Patients, ", "))
		}
		if e.Place != "" {
			fmt.Fprintf(&b, "%s%-11s %s\n", indent, "at", e.Place)
		}
		fmt.Fprintf(&b, "%s“%s”\n", indent, oneLine(e.Evidence.Text))
		fmt.Fprintf(&b, "%s— %s, characters %d–%d\n", indent, e.Document, e.Evidence.Start, e.Evidence.End)
		if _, err := io.WriteString(w, b.String()); err != nil {
			return err
		}
	}
	return nil
}

// oneLine folds the page breaks and line ends of a sentence.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
