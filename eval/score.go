// Package eval measures an extraction against a hand annotation (a gold
// file), with the metrics of ../shared/eval/score.py, the project's
// contract: mention, entity and alias scores per entity type, date
// detection and values, event detection, dates and roles. It also finds
// and extracts the documents that gold files name, and micro-averages the
// figures of several documents.
//
// The port is faithful to the scorer, down to its normalization of surface
// forms and its rounding to four decimals, so that a user who annotates
// their own documents gets the same figures from `dossier eval` as from
// score.py.
package eval

import (
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

// titles are the words the scorer strips from the front of a person's
// surface form ("Chairman Mao" → "mao"); "Mrs." and "Madame" are kept, so
// "Mrs. Rusk" is not Dean Rusk.
var titles = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`comrade comrades chairman emperor mr dr
		president premier prime minister vice general marshal
		ambassador secretary professor prof sir lord king queen
		prince princess chancellor senator governor foreign deputy
		first monsieur herr the admiral colonel
		captain lieutenant major chief chairwoman comandante
		under sec assistant asst dep acting of state affairs
		defense counselor gen adm amb messrs congressman
		representative party central committee member members`) {
		titles[w] = true
	}
}

// Types maps the contract's entity types to the gold file's sections.
var Types = []struct{ Type, Section string }{
	{"Person", "persons"}, {"Organization", "organizations"}, {"Place", "places"},
}

var (
	footnoteRE = regexp.MustCompile(`\^\[\p{Nd}+\]`)
	folder     = cases.Fold()
)

// pySpace is Python's str.isspace, which its regular expressions' \s
// follows.
func pySpace(r rune) bool { return unicode.IsSpace(r) || (r >= 0x1c && r <= 0x1f) }

// Norm folds a surface form as the scorer does: NFC, typographic quotes
// made plain, footnote marks dropped, space folded, surrounding
// punctuation and a possessive removed, case folded; for a person, leading
// titles are removed too.
func Norm(s string, person bool) string {
	s = norm.NFC.String(s)
	s = strings.NewReplacer("\u2019", "'", "\u2018", "'").Replace(s)
	s = footnoteRE.ReplaceAllString(s, "")
	s = collapseSpace(s)
	s = strings.Trim(s, " \t\n.,;:!?\"'()[]*")
	s = strings.TrimSuffix(s, "'s")
	words := strings.Split(s, " ")
	for person && len(words) > 1 && titles[strings.Trim(strings.ToLower(words[0]), ".,")] {
		words = words[1:]
	}
	return folder.String(strings.Join(words, " "))
}

func collapseSpace(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		if pySpace(r) {
			space = true
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	if space {
		b.WriteByte(' ')
	}
	return strings.TrimSpace(b.String())
}

// round rounds like Python's round(x, 4): to the nearest, ties to even on
// the exact binary value.
func round(x float64) float64 {
	v, _ := strconv.ParseFloat(strconv.FormatFloat(x, 'f', 4, 64), 64)
	return v
}

// PRF is precision, recall and F1 with the counts behind them.
type PRF struct {
	P    float64 `json:"p"`
	R    float64 `json:"r"`
	F1   float64 `json:"f1"`
	Pred int     `json:"pred"`
	Gold int     `json:"gold"`
	// TPP are the predictions judged right, TPR the gold items found;
	// they differ for entities, where several predictions may find one
	// gold entity.
	TPP int `json:"-"`
	TPR int `json:"-"`
}

func prf(tpP, nP, tpR, nG int) PRF {
	var p, r, f float64
	switch {
	case nP > 0:
		p = float64(tpP) / float64(nP)
	case nG == 0:
		p = 1
	}
	r = 1
	if nG > 0 {
		r = float64(tpR) / float64(nG)
	}
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return PRF{P: round(p), R: round(r), F1: round(f), Pred: nP, Gold: nG, TPP: tpP, TPR: tpR}
}

// Alias is the share of found gold persons with two or more forms whose
// found forms all sit in one predicted entity that holds no other gold
// person.
type Alias struct {
	Acc float64 `json:"acc"`
	N   int     `json:"n"`
	OK  int     `json:"-"`
}

// EntityScores are the scores of one entity type.
type EntityScores struct {
	Mention PRF    `json:"mention"`
	Entity  PRF    `json:"entity"`
	Alias   *Alias `json:"alias,omitempty"`
}

// DateScores are the scores of temporal expressions.
type DateScores struct {
	Detect        PRF      `json:"detect"`
	ValueAcc      *float64 `json:"value_acc"`
	ValueN        [2]int   `json:"value_n"`
	RelativeAcc   *float64 `json:"relative_acc"`
	RelativeFound string   `json:"relative_found"`
	RelativeN     [2]int   `json:"relative_n"`
	relGold       int
}

// EventScores are the scores of events.
type EventScores struct {
	Detect  PRF      `json:"detect"`
	DateN   [2]int   `json:"date_n"`
	DateAcc *float64 `json:"date_acc"`
	Roles   *PRF     `json:"roles"`
}

// Scores are one document's figures, or several documents' pooled.
type Scores struct {
	Entities map[string]*EntityScores // by type: Person, Organization, Place
	Date     *DateScores
	Event    *EventScores
}

// Report lists what was missed and what was spurious, by kind.
type Report map[string][]string

// Score compares a prediction (the extraction contract's JSON, decoded
// into generic values) with a gold annotation.
func Score(gold, pred map[string]any) (Scores, Report) {
	rep := Report{}
	sc := Scores{Entities: map[string]*EntityScores{}}
	untagged := map[string]bool{}
	for _, u := range list(gold["untagged"]) {
		if s, ok := u.(string); ok {
			untagged[s] = true
		}
	}
	for _, t := range Types {
		if untagged[t.Section] {
			continue
		}
		sc.Entities[t.Type] = scoreEntities(gold, pred, t.Type, t.Section, rep)
	}
	if !untagged["dates"] && truthy(gold["dates"]) {
		sc.Date = scoreDates(gold, pred, rep)
	}
	if !untagged["events"] && truthy(gold["events"]) {
		sc.Event = scoreEvents(gold, pred, rep)
	}
	return sc, rep
}

// ---- generic JSON helpers, after Python's dict.get ----

func list(v any) []any {
	l, _ := v.([]any)
	return l
}

func obj(v any) map[string]any {
	m, _ := v.(map[string]any)
	return m
}

func str(v any) string {
	s, _ := v.(string)
	return s
}

// truthy is Python's truth value of a JSON value.
func truthy(v any) bool {
	switch x := v.(type) {
	case nil:
		return false
	case bool:
		return x
	case string:
		return x != ""
	case float64:
		return x != 0
	case []any:
		return len(x) > 0
	case map[string]any:
		return len(x) > 0
	}
	return true
}

// ---- entities ----

type formSet map[string]bool

type goldEntity struct {
	name  string
	forms formSet
}

func goldEntities(gold map[string]any, section string) []goldEntity {
	person := section == "persons"
	var out []goldEntity
	for _, e := range list(gold[section]) {
		m := obj(e)
		forms := formSet{}
		for _, x := range list(m["mentions"]) {
			forms[Norm(str(x), person)] = true
		}
		if len(forms) == 0 {
			forms[Norm(str(m["name"]), person)] = true
		}
		delete(forms, "")
		out = append(out, goldEntity{name: str(m["name"]), forms: forms})
	}
	return out
}

func predEntities(pred map[string]any, etype string) []goldEntity {
	person := etype == "Person"
	var out []goldEntity
	for _, e := range list(pred["entities"]) {
		m := obj(e)
		if str(m["type"]) != etype {
			continue
		}
		forms := formSet{}
		for _, x := range list(m["mentions"]) {
			forms[Norm(str(obj(x)["text"]), person)] = true
		}
		if len(forms) == 0 {
			forms[Norm(str(m["name"]), person)] = true
		}
		delete(forms, "")
		out = append(out, goldEntity{name: str(m["name"]), forms: forms})
	}
	return out
}

func union(es []goldEntity) formSet {
	u := formSet{}
	for _, e := range es {
		for f := range e.forms {
			u[f] = true
		}
	}
	return u
}

func intersects(a, b formSet) bool {
	for f := range a {
		if b[f] {
			return true
		}
	}
	return false
}

func scoreEntities(gold, pred map[string]any, etype, section string, rep Report) *EntityScores {
	g := goldEntities(gold, section)
	p := predEntities(pred, etype)
	gforms, pforms := union(g), union(p)
	both := 0
	for f := range pforms {
		if gforms[f] {
			both++
		}
	}
	res := &EntityScores{Mention: prf(both, len(pforms), both, len(gforms))}
	var found []int // indices into g: the scorer compares gold entities by identity
	for gi, e := range g {
		if intersects(e.forms, pforms) {
			found = append(found, gi)
		}
	}
	right := 0
	for _, e := range p {
		if intersects(e.forms, gforms) {
			right++
		}
	}
	res.Entity = prf(right, len(p), len(found), len(g))
	if etype == "Person" {
		// a form two gold persons share cannot be judged
		seen, shared := formSet{}, formSet{}
		for _, e := range g {
			for f := range e.forms {
				if seen[f] {
					shared[f] = true
				}
			}
			for f := range e.forms {
				seen[f] = true
			}
		}
		multi, ok := 0, 0
		for _, ei := range found {
			e := g[ei]
			hit := formSet{}
			for f := range e.forms {
				if !shared[f] && pforms[f] {
					hit[f] = true
				}
			}
			if len(hit) < 2 {
				continue
			}
			multi++
			var holders []goldEntity
			for _, x := range p {
				if intersects(x.forms, hit) {
					holders = append(holders, x)
				}
			}
			if len(holders) != 1 {
				continue
			}
			rest := formSet{}
			for f := range holders[0].forms {
				if !e.forms[f] {
					rest[f] = true
				}
			}
			other := false
			for gi, o := range g {
				if gi != ei && intersects(o.forms, rest) {
					other = true
					break
				}
			}
			if !other {
				ok++
			}
		}
		a := &Alias{Acc: 1, N: multi, OK: ok}
		if multi > 0 {
			a.Acc = round(float64(ok) / float64(multi))
		}
		res.Alias = a
	}
	var missed, spurious []string
	for _, e := range g {
		if !intersects(e.forms, pforms) {
			missed = append(missed, e.name)
		}
	}
	for f := range pforms {
		if !gforms[f] {
			spurious = append(spurious, f)
		}
	}
	rep["missed_"+section] = sortedPy(missed)
	rep["spurious_"+section] = sortedPy(spurious)
	return res
}

// ---- dates ----

func overlap(a, b string) bool {
	a, b = folder.String(a), folder.String(b)
	return a != "" && b != "" && (strings.Contains(b, a) || strings.Contains(a, b))
}

type dateItem struct {
	text, value string
	relative    bool
}

func scoreDates(gold, pred map[string]any, rep Report) *DateScores {
	var g, p []dateItem
	for _, d := range list(gold["dates"]) {
		m := obj(d)
		v := m["iso"]
		if !truthy(v) {
			v = m["when"]
		}
		g = append(g, dateItem{text: str(m["surface"]), value: strings.TrimSpace(str(v)), relative: truthy(m["relative"])})
	}
	for _, d := range list(pred["dates"]) {
		m := obj(d)
		p = append(p, dateItem{text: str(m["text"]), value: strings.TrimSpace(str(m["value"]))})
	}
	// distinct surfaces on both sides, first occurrence kept, in order
	distinct := func(xs []dateItem) ([]string, map[string]dateItem) {
		var keys []string
		m := map[string]dateItem{}
		for _, d := range xs {
			k := folder.String(d.text)
			if _, ok := m[k]; !ok {
				m[k] = d
				keys = append(keys, k)
			}
		}
		return keys, m
	}
	gk, gs := distinct(g)
	pk, ps := distinct(p)
	type pair struct{ g, p dateItem }
	var matched []pair
	matchedG := map[string]bool{}
	used := map[string]bool{}
	for _, a := range gk {
		for _, b := range pk {
			if !used[b] && overlap(a, b) {
				matched = append(matched, pair{gs[a], ps[b]})
				matchedG[a] = true
				used[b] = true
				break
			}
		}
	}
	res := &DateScores{Detect: prf(len(used), len(pk), len(matched), len(gk))}
	good, valued := 0, 0
	for _, m := range matched {
		if m.g.value != "" {
			valued++
			if m.p.value == m.g.value {
				good++
			}
		}
	}
	if valued > 0 {
		v := round(float64(good) / float64(valued))
		res.ValueAcc = &v
	}
	res.ValueN = [2]int{good, valued}
	relOK, rel := 0, 0
	for _, m := range matched {
		if m.g.relative {
			rel++
			if m.p.value == m.g.value {
				relOK++
			}
		}
	}
	if rel > 0 {
		v := round(float64(relOK) / float64(rel))
		res.RelativeAcc = &v
	}
	relGold := 0
	for _, k := range gk {
		if gs[k].relative {
			relGold++
		}
	}
	res.relGold = relGold
	res.RelativeFound = strconv.Itoa(rel) + "/" + strconv.Itoa(relGold)
	res.RelativeN = [2]int{relOK, rel}
	var wrong, missed []string
	for _, m := range matched {
		if m.g.value != "" && m.p.value != m.g.value {
			wrong = append(wrong, pyRepr(m.g.text)+": gold "+m.g.value+" got "+m.p.value)
		}
	}
	for _, k := range gk {
		if !matchedG[k] {
			missed = append(missed, gs[k].text)
		}
	}
	rep["dates_wrong_value"] = wrong
	rep["dates_missed"] = sortedPy(missed)
	return res
}

// ---- events ----

var wordRE = regexp.MustCompile(`[\p{L}\p{N}_]+`)

func words(s string) formSet {
	out := formSet{}
	for _, w := range wordRE.FindAllString(folder.String(s), -1) {
		out[w] = true
	}
	return out
}

func evidenceMatch(g, p string) bool {
	if overlap(g, p) {
		return true
	}
	a, b := words(g), words(p)
	if len(a) == 0 || len(b) == 0 {
		return false
	}
	n := 0
	for w := range a {
		if b[w] {
			n++
		}
	}
	return float64(n)/float64(min(len(a), len(b))) >= 0.8
}

// nameMap maps every gold form (and each gold name, folded) to the gold
// entity's name, across all entity sections.
func nameMap(gold map[string]any) map[string]string {
	m := map[string]string{}
	for _, t := range Types {
		for _, e := range goldEntities(gold, t.Section) {
			add := func(f string) {
				if _, ok := m[f]; !ok {
					m[f] = e.name
				}
			}
			// Python iterates a set here; every form of one entity maps to
			// the same name, so the order does not matter
			for f := range e.forms {
				add(f)
			}
			add(Norm(e.name, false))
		}
	}
	return m
}

func canon(names []any, forms map[string]string) formSet {
	out := formSet{}
	for _, n := range names {
		s := ""
		switch x := n.(type) {
		case string:
			s = x
		case map[string]any:
			s = str(x["name"])
		default:
			continue
		}
		if v := forms[Norm(s, false)]; v != "" {
			out[v] = true
		} else if v := forms[Norm(s, true)]; v != "" {
			out[v] = true
		} else {
			out[Norm(s, false)] = true
		}
	}
	return out
}

func scoreEvents(gold, pred map[string]any, rep Report) *EventScores {
	var g, p []map[string]any
	for _, e := range list(gold["events"]) {
		if m := obj(e); str(m["type"]) != "Other" {
			g = append(g, m)
		}
	}
	for _, e := range list(pred["events"]) {
		if m := obj(e); str(m["type"]) != "Other" {
			p = append(p, m)
		}
	}
	forms := nameMap(gold)
	entNames := map[string]any{}
	for _, e := range list(pred["entities"]) {
		m := obj(e)
		if id, ok := m["id"].(string); ok {
			entNames[id] = m["name"]
		}
	}
	resolve := func(xs []any) []any {
		out := make([]any, 0, len(xs))
		for _, x := range xs {
			if s, ok := x.(string); ok {
				if n, ok := entNames[s]; ok {
					out = append(out, n)
					continue
				}
			}
			out = append(out, x)
		}
		return out
	}
	type pair struct{ g, p map[string]any }
	var pairs []pair
	used := map[int]bool{}
	matchedG := map[int]bool{}
	for gi, ge := range g {
		gev := str(ge["evidence"])
		for pi, pe := range p {
			if used[pi] || str(pe["type"]) != str(ge["type"]) {
				continue
			}
			pev := ""
			switch ev := pe["evidence"].(type) {
			case map[string]any:
				pev = str(ev["text"])
			case nil:
			case string:
				pev = ev
			}
			if evidenceMatch(gev, pev) {
				pairs = append(pairs, pair{ge, pe})
				used[pi] = true
				matchedG[gi] = true
				break
			}
		}
	}
	res := &EventScores{Detect: prf(len(used), len(p), len(pairs), len(g))}
	dated, dok := 0, 0
	for _, pr := range pairs {
		if truthy(pr.g["date"]) {
			dated++
			if jsonEqual(pr.p["date"], pr.g["date"]) {
				dok++
			}
		}
	}
	res.DateN = [2]int{dok, dated}
	if dated > 0 {
		v := round(float64(dok) / float64(dated))
		res.DateAcc = &v
	}
	tp, npred, ngold := 0, 0, 0
	for _, pr := range pairs {
		for _, role := range []string{"agents", "patients"} {
			gs := canon(list(pr.g[role]), forms)
			ps := canon(resolve(list(pr.p[role])), forms)
			for x := range gs {
				if ps[x] {
					tp++
				}
			}
			npred += len(ps)
			ngold += len(gs)
		}
	}
	if len(pairs) > 0 {
		r := prf(tp, npred, tp, ngold)
		res.Roles = &r
	}
	var missed []string
	for gi, ge := range g {
		if !matchedG[gi] {
			missed = append(missed, str(ge["type"])+": "+str(ge["label"]))
		}
	}
	rep["events_missed"] = missed
	return res
}

func jsonEqual(a, b any) bool {
	switch x := a.(type) {
	case string:
		y, ok := b.(string)
		return ok && x == y
	case float64:
		y, ok := b.(float64)
		return ok && x == y
	case nil:
		return b == nil
	case bool:
		y, ok := b.(bool)
		return ok && x == y
	}
	return false
}

func sortedPy(xs []string) []string {
	out := append([]string{}, xs...)
	sort.Strings(out) // byte order of UTF-8 is code point order, as Python sorts
	return out
}

// pyRepr quotes a string as Python's repr does, for the report.
func pyRepr(s string) string {
	if strings.Contains(s, "'") && !strings.Contains(s, `"`) {
		return `"` + s + `"`
	}
	return "'" + strings.ReplaceAll(strings.ReplaceAll(s, `\`, `\\`), "'", `\'`) + "'"
}
