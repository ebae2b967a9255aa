package eval

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/dossier-archive/dossier/extract"
)

// MarshalJSON writes the scores as score.py --json does: one key per
// entity type, then "Date" and "Event" when scored.
func (s Scores) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	n := 0
	put := func(k string, v any) error {
		if n > 0 {
			b.WriteByte(',')
		}
		n++
		kb, _ := json.Marshal(k)
		b.Write(kb)
		b.WriteByte(':')
		vb, err := json.Marshal(v)
		if err != nil {
			return err
		}
		b.Write(vb)
		return nil
	}
	for _, t := range Types {
		if e, ok := s.Entities[t.Type]; ok {
			if err := put(t.Type, e); err != nil {
				return nil, err
			}
		}
	}
	if s.Date != nil {
		if err := put("Date", s.Date); err != nil {
			return nil, err
		}
	}
	if s.Event != nil {
		if err := put("Event", s.Event); err != nil {
			return nil, err
		}
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// Micro pools the counts of several documents' scores and computes the
// figures over the pool (micro-average).
func Micro(all []Scores) Scores {
	out := Scores{Entities: map[string]*EntityScores{}}
	pool := func(xs []PRF) PRF {
		var tpP, nP, tpR, nG int
		for _, x := range xs {
			tpP += x.TPP
			nP += x.Pred
			tpR += x.TPR
			nG += x.Gold
		}
		return prf(tpP, nP, tpR, nG)
	}
	for _, t := range Types {
		var ms, es []PRF
		var ok, n int
		alias := false
		for _, s := range all {
			e, has := s.Entities[t.Type]
			if !has {
				continue
			}
			ms = append(ms, e.Mention)
			es = append(es, e.Entity)
			if e.Alias != nil {
				alias = true
				ok += e.Alias.OK
				n += e.Alias.N
			}
		}
		if len(ms) == 0 {
			continue
		}
		r := &EntityScores{Mention: pool(ms), Entity: pool(es)}
		if alias {
			r.Alias = &Alias{Acc: 1, N: n, OK: ok}
			if n > 0 {
				r.Alias.Acc = round(float64(ok) / float64(n))
			}
		}
		out.Entities[t.Type] = r
	}
	var ds []PRF
	var good, valued, relOK, rel, relGold int
	for _, s := range all {
		if s.Date == nil {
			continue
		}
		ds = append(ds, s.Date.Detect)
		good += s.Date.ValueN[0]
		valued += s.Date.ValueN[1]
		relOK += s.Date.RelativeN[0]
		rel += s.Date.RelativeN[1]
		relGold += s.Date.relGold
	}
	if len(ds) > 0 {
		d := &DateScores{Detect: pool(ds), ValueN: [2]int{good, valued}, RelativeN: [2]int{relOK, rel}, relGold: relGold}
		d.ValueAcc = ratio(good, valued)
		d.RelativeAcc = ratio(relOK, rel)
		d.RelativeFound = fmt.Sprintf("%d/%d", rel, relGold)
		out.Date = d
	}
	var evs, roles []PRF
	var dok, dated int
	for _, s := range all {
		if s.Event == nil {
			continue
		}
		evs = append(evs, s.Event.Detect)
		dok += s.Event.DateN[0]
		dated += s.Event.DateN[1]
		if s.Event.Roles != nil {
			roles = append(roles, *s.Event.Roles)
		}
	}
	if len(evs) > 0 {
		e := &EventScores{Detect: pool(evs), DateN: [2]int{dok, dated}, DateAcc: ratio(dok, dated)}
		if len(roles) > 0 {
			r := pool(roles)
			e.Roles = &r
		}
		out.Event = e
	}
	return out
}

func ratio(a, b int) *float64 {
	if b == 0 {
		return nil
	}
	v := round(float64(a) / float64(b))
	return &v
}

// Doc is one scored document.
type Doc struct {
	Gold     string `json:"gold"`     // the gold file
	Document string `json:"document"` // the document it names, as found
	Scores   Scores `json:"scores"`
	Report   Report `json:"report,omitempty"`
}

// Result is the figures of a set of documents.
type Result struct {
	Docs  []Doc  `json:"documents"`
	Micro Scores `json:"micro"`
}

// GoldFiles returns the gold file at path, or the *.gold.json files of a
// directory in name order.
func GoldFiles(path string) ([]string, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !st.IsDir() {
		return []string{path}, nil
	}
	files, err := filepath.Glob(filepath.Join(path, "*.gold.json"))
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("%s: no *.gold.json files", path)
	}
	sort.Strings(files)
	return files, nil
}

// ReadJSON reads a JSON object (a gold file or a prediction; of a list of
// predictions the first is taken, as the scorer does).
func ReadJSON(path string) (map[string]any, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if l, ok := v.([]any); ok {
		if len(l) == 0 {
			return map[string]any{}, nil
		}
		v = l[0]
	}
	m, ok := v.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("%s: not a JSON object", path)
	}
	return m, nil
}

// FindDocument finds the document a gold file names (its "document"
// key): next to the gold file, in docsDir, or in ../corpus beside the
// gold file's folder.
func FindDocument(goldPath string, gold map[string]any, docsDir string) (string, error) {
	name := str(gold["document"])
	if name == "" {
		return "", fmt.Errorf("%s: no \"document\" key naming the annotated file", goldPath)
	}
	dir := filepath.Dir(goldPath)
	var tried []string
	for _, d := range []string{dir, docsDir, filepath.Join(dir, "..", "corpus")} {
		if d == "" {
			continue
		}
		p := filepath.Join(d, name)
		tried = append(tried, p)
		if st, err := os.Stat(p); err == nil && !st.IsDir() {
			return p, nil
		}
	}
	return "", fmt.Errorf("%s: document %q not found (looked at %s)", goldPath, name, strings.Join(tried, ", "))
}

// Predict extracts a document and returns its JSON contract as generic
// values, the form the scorer reads.
func Predict(x *extract.Extractor, path string) (map[string]any, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	doc, err := x.Extract(path, b)
	if err != nil {
		return nil, err
	}
	jb, err := json.Marshal(doc.JSON())
	if err != nil {
		return nil, err
	}
	var m map[string]any
	if err := json.Unmarshal(jb, &m); err != nil {
		return nil, err
	}
	return m, nil
}

// Evaluate extracts the document of each gold file and scores it, then
// micro-averages.
func Evaluate(x *extract.Extractor, goldPaths []string, docsDir string) (*Result, error) {
	res := &Result{}
	var all []Scores
	for _, gp := range goldPaths {
		gold, err := ReadJSON(gp)
		if err != nil {
			return nil, err
		}
		dp, err := FindDocument(gp, gold, docsDir)
		if err != nil {
			return nil, err
		}
		pred, err := Predict(x, dp)
		if err != nil {
			return nil, err
		}
		sc, rep := Score(gold, pred)
		res.Docs = append(res.Docs, Doc{Gold: gp, Document: dp, Scores: sc, Report: rep})
		all = append(all, sc)
	}
	res.Micro = Micro(all)
	return res, nil
}

// WriteTable prints one row per document and type, then the micro-average.
func WriteTable(w io.Writer, res *Result) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "document\ttype\tmention P\tR\tF1\tentity P\tR\tF1\talias\t")
	row := func(name string, s Scores) {
		for _, t := range Types {
			e, ok := s.Entities[t.Type]
			if !ok {
				continue
			}
			alias := ""
			if e.Alias != nil {
				alias = fmt.Sprintf("%.3f (%d)", e.Alias.Acc, e.Alias.N)
			}
			fmt.Fprintf(tw, "%s\t%s\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\t%s\t\n", name, t.Type,
				e.Mention.P, e.Mention.R, e.Mention.F1, e.Entity.P, e.Entity.R, e.Entity.F1, alias)
		}
		if s.Date != nil {
			v := "-"
			if s.Date.ValueAcc != nil {
				v = fmt.Sprintf("value %.3f (%d/%d)", *s.Date.ValueAcc, s.Date.ValueN[0], s.Date.ValueN[1])
			}
			fmt.Fprintf(tw, "%s\tDate\t%.3f\t%.3f\t%.3f\t\t\t\t%s\t\n", name, s.Date.Detect.P, s.Date.Detect.R, s.Date.Detect.F1, v)
		}
		if s.Event != nil {
			v := "-"
			if s.Event.Roles != nil {
				v = fmt.Sprintf("roles F1 %.3f", s.Event.Roles.F1)
			}
			fmt.Fprintf(tw, "%s\tEvent\t%.3f\t%.3f\t%.3f\t\t\t\t%s\t\n", name, s.Event.Detect.P, s.Event.Detect.R, s.Event.Detect.F1, v)
		}
	}
	for _, d := range res.Docs {
		row(strings.TrimSuffix(filepath.Base(d.Gold), ".gold.json"), d.Scores)
	}
	if len(res.Docs) > 1 {
		row("micro-average", res.Micro)
	}
	return tw.Flush()
}
