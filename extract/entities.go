package extract

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"unicode"
)

// ResolveEntities groups the mentions of a document into entities, one per
// real referent, and gives each a canonical name and a stable ID.
//
// People: full names group with their spelling variants (case, spaces and
// hyphens, Wade-Giles and pinyin, forms the authority list gives one
// person). A single name ("Rusk", "Ramiz", "Mao") joins the one full name
// in the document that has it as its surname or given name; where two
// people share it, the title decides ("Ambassador Kim" is the ambassador),
// or the single name stays alone. A woman named by "Mrs." and a surname is
// never her husband. The canonical name is the authority list's when a
// full form matches an entry (or a single name with a title matches one
// entry only); otherwise the longest full form, in pinyin when it is
// Wade-Giles beyond doubt. A single name that no authority entry claims
// gets an ID scoped to the document, so that it never links two documents
// by a surname alone.
//
// Organizations and places group by name and by authority entry ("USSR"
// and "Soviet Union"). Transcript turns get the entity of the name in
// their speaker label.
func ResolveEntities(doc *Document, lex *Lexicon) {
	if lex == nil {
		lex = NewLexicon()
	}
	r := &resolver{doc: doc, lex: lex}
	r.sorted = slices.IsSortedFunc(doc.Mentions, func(a, b Mention) int { return a.Start - b.Start })
	// at most an entity per mention, and most are named more than once:
	// room for half, regrown at most once (an Entity is large, and room
	// for one per mention was a fifth of what extraction allocated)
	doc.Entities = slices.Grow(doc.Entities[:0], len(doc.Mentions)/2+1)
	r.bodies() // first: the places of a document help to identify its people
	r.people()
	for i := range doc.Entities {
		sort.Ints(doc.Entities[i].Mentions)
	}
	r.roles()
	r.speakers()
}

type resolver struct {
	doc *Document
	lex *Lexicon
	// the mentions are in text order (FindMentions emits them so): a
	// mention at an offset is found by a search, not a scan of them all
	sorted bool
	places map[string]bool // names of the document's places, made on first use
	forms  map[formKey]*personForm
	// honorifics caches honorificOnly by title, offices whether a
	// phrase after a name opens with a title (apposition)
	honorifics, offices map[string]bool
	buf                 []byte // scratch for keys looked up, not kept
}

// mentionsFrom returns the index of the first mention that starts at or
// after off, when the mentions are in text order (else 0: a scan of all).
func (r *resolver) mentionsFrom(off int) int {
	if !r.sorted {
		return 0
	}
	ms := r.doc.Mentions
	return sort.Search(len(ms), func(i int) bool { return ms[i].Start >= off })
}

// personForm is a person mention's name split into words.
type personForm struct {
	m      int      // mention index
	words  []string // folded words of the name, initials dropped
	all    []string // folded words, initials kept
	female bool     // "Mrs.", "Madame": not the man of the same surname
	title  string   // folded title without nationality
}

func (r *resolver) form(i int) personForm {
	// a name is mostly printed many times, with one title: its words are
	// split and folded once (the forms share them; none changes them)
	m := r.doc.Mentions[i]
	ck := formKey{m.Name, m.Title}
	if p, ok := r.forms[ck]; ok {
		q := *p
		q.m = i
		return q
	}
	p := r.newForm(i)
	if r.forms == nil {
		r.forms = map[formKey]*personForm{}
	}
	r.forms[ck] = &p
	return p
}

// formKey is what a person form is made from: a mention's name and title.
type formKey struct{ name, title string }

func (r *resolver) newForm(i int) personForm {
	m := r.doc.Mentions[i]
	name := m.Name
	fields := strings.Fields(name)
	p := personForm{m: i, all: make([]string, 0, len(fields)), words: make([]string, 0, len(fields))}
	for j, w := range fields {
		k := keyOf(w)
		if j > 0 && j == len(fields)-1 && isNameSuffix(k) {
			break // "Macomber, Jr.": the suffix is no word of the name's key
		}
		if j < len(fields)-1 && strings.HasSuffix(w, ",") && isNameSuffix(keyOf(fields[len(fields)-1])) {
			k = keyOf(strings.TrimSuffix(w, ","))
		}
		p.all = append(p.all, k)
		if len([]rune(k)) == 2 && strings.HasSuffix(w, ".") {
			continue // an initial
		}
		p.words = append(p.words, k)
	}
	if len(p.words) == 0 {
		p.words = p.all // initials only: they are the name
	}
	if len(p.words) == 0 {
		p.words = []string{keyOf(m.Text)}
	}
	if m.Title != "" {
		words := strings.Fields(m.Title)
		var kept []string
		for _, w := range words {
			if _, ok := r.lex.demonyms[keyOf(w)]; ok && len(kept) == 0 && len(words) > 1 {
				continue
			}
			kept = append(kept, w)
		}
		p.title = keyOf(strings.Join(kept, " "))
		for _, w := range kept {
			if femaleHonorifics[keyOf(w)] {
				p.female = true
			}
		}
	}
	return p
}

// femaleHonorifics name a woman by her husband's surname.
var femaleHonorifics = map[string]bool{
	"mrs.": true, "mrs": true, "madame": true, "mme.": true, "mme": true, "frau": true,
	"señora": true, "sra.": true, "signora": true, "senhora": true, "madam": true, "lady": true,
	"miss": true, "ms.": true, "ms": true, "mademoiselle": true, "mlle.": true, "mlle": true,
}

func joinNameKey(ws []string) string { return strings.Join(ws, " ") }

// squashName removes spaces, hyphens and apostrophes: "Yao Wen Yuan" and
// "Yao Wenyuan" squashName alike.
func squashName(ws []string) string {
	return squasher.Replace(strings.Join(ws, ""))
}

var squasher = strings.NewReplacer("-", "", "'", "", ".", "")

type personCluster struct {
	forms  []*personForm // into the forms of people (a form is large: no copies)
	full   bool          // has a form of two or more words
	female bool
	entry  int // authority entry, or -1
}

func (r *resolver) people() {
	d := r.doc
	n := 0
	for _, m := range d.Mentions {
		if m.Type == Person {
			n++
		}
	}
	forms := make([]personForm, 0, n)
	for i, m := range d.Mentions {
		if m.Type == Person {
			forms = append(forms, r.form(i))
		}
	}
	var cl []*personCluster
	bySquash := map[string]*personCluster{}
	byEntry := map[int]*personCluster{}
	// full names first; a name printed again has the key and the entry
	// it had the first time
	type keyed struct {
		key   string
		entry int
	}
	known := map[formKey]keyed{}
	for i := range forms {
		p := &forms[i]
		if len(p.all) < 2 || len(p.words) == 0 {
			continue
		}
		m := &d.Mentions[p.m]
		kd, ok := known[formKey{m.Name, m.Title}]
		if !ok {
			kd.key = squashName(p.all)
			if p.female {
				kd.key = "♀" + kd.key
			}
			kd.entry = r.authority(p.all)
			if kd.entry < 0 {
				kd.entry = r.authority(p.words)
			}
			if py, ok := r.lex.ToPinyin(strings.Join(p.words, " ")); ok && kd.entry < 0 {
				kd.key = squashName(strings.Fields(keyOf(py)))
				kd.entry = r.authority(strings.Fields(keyOf(py)))
			}
			known[formKey{m.Name, m.Title}] = kd
		}
		key, entry := kd.key, kd.entry
		c := bySquash[key]
		if c == nil && entry >= 0 && !p.female {
			c = byEntry[entry]
		}
		if c == nil {
			c = &personCluster{full: true, female: p.female, entry: entry}
			cl = append(cl, c)
		}
		c.forms = append(c.forms, p)
		bySquash[key] = c
		if entry >= 0 && !p.female {
			byEntry[entry] = c
			if c.entry < 0 {
				c.entry = entry
			}
		}
	}
	// a full name that differs from another by one letter in one word is
	// a typoSlip of the typist or the transliterator ("Todor Zhivkow", "Todor
	// Zhivkov"): the rarer form joins the more frequent
	r.mergeSlips(&cl)
	// single names join the one full name that has them; the full names
	// by word, so that a single name is not compared with every person
	// (the clusters made below hold single names only: the index stays
	// true)
	byWord := map[string][]*personCluster{}
	for _, c := range cl {
		if !c.full {
			continue
		}
		for _, f := range c.forms {
			if len(f.all) < 2 {
				continue
			}
			for _, x := range f.words {
				if hs := byWord[x]; len(hs) == 0 || hs[len(hs)-1] != c {
					byWord[x] = append(hs, c)
				}
			}
		}
	}
	single := map[string]*personCluster{}
	for i := range forms {
		p := &forms[i]
		if len(p.all) >= 2 || len(p.words) == 0 {
			continue
		}
		w := p.words[0]
		var hits []*personCluster
		for _, c := range byWord[w] {
			if c.female != p.female {
				continue
			}
			hits = append(hits, c)
		}
		if len(hits) > 1 {
			hits = r.byTitle(hits, p)
		}
		if len(hits) == 1 {
			hits[0].forms = append(hits[0].forms, p)
			continue
		}
		key := w
		if p.female {
			key = "♀" + key
		}
		if len(hits) > 1 {
			// shared by two people the text names in full: keep apart by title
			key += "\x00" + p.title
		}
		c := single[key]
		if c == nil {
			c = &personCluster{female: p.female, entry: -1}
			single[key] = c
			cl = append(cl, c)
		}
		c.forms = append(c.forms, p)
	}
	for _, c := range cl {
		r.personEntity(c)
	}
}

// byTitle narrows the people who share a name to those whose titles or
// offices agree with the mention's title.
func (r *resolver) byTitle(hits []*personCluster, p *personForm) []*personCluster {
	if p.title == "" {
		return hits
	}
	tw := titleWords(p.title)
	var out []*personCluster
	for _, c := range hits {
		for _, f := range c.forms {
			if f.title != "" && overlapWords(tw, titleWords(f.title)) {
				out = append(out, c)
				break
			}
			if role := r.apposition(f.m); role != "" && overlapWords(tw, titleWords(keyOf(role))) {
				out = append(out, c)
				break
			}
		}
	}
	return out
}

// genericTitleWords do not tell two people apart.
var genericTitleWords = map[string]bool{"mr.": true, "mr": true, "comrade": true, "comrades": true, "of": true,
	"the": true, "dr.": true, "dr": true, "sir": true, "for": true, "and": true, "to": true}

func titleWords(t string) []string {
	var out []string
	for _, w := range strings.Fields(t) {
		if !genericTitleWords[w] {
			out = append(out, w)
		}
	}
	return out
}

func overlapWords(a, b []string) bool {
	for _, x := range a {
		for _, y := range b {
			if x == y {
				return true
			}
		}
	}
	return false
}

func (r *resolver) mergeSlips(cl *[]*personCluster) {
	cs := *cl
	// with many people, each is compared only with those that share a
	// slip key with it (all others differ in more than one letter)
	var bySlip map[string][]int
	var near []int
	if len(cs) > 128 {
		bySlip = map[string][]int{}
		for i, c := range cs {
			for _, k := range slipKeys(c.female, c.forms[0].words) {
				bySlip[k] = append(bySlip[k], i)
			}
		}
	}
	all := allIndices(len(cs))
	for i := 0; i < len(cs); i++ {
		js := all
		if bySlip != nil {
			near = near[:0]
			if cs[i] != nil {
				for _, k := range slipKeys(cs[i].female, cs[i].forms[0].words) {
					near = append(near, bySlip[k]...)
				}
			}
			slices.Sort(near)
			js = slices.Compact(near)
		}
		for _, j := range js {
			if i == j || cs[i] == nil || cs[j] == nil || cs[i].female != cs[j].female {
				continue
			}
			a, b := cs[i], cs[j]
			if len(a.forms) > len(b.forms) || (len(a.forms) == len(b.forms) && a.forms[0].m < b.forms[0].m) {
				continue // merge the rarer (or later) into the other
			}
			if a.entry >= 0 && b.entry >= 0 && a.entry != b.entry {
				continue
			}
			if typoSlip(a.forms[0].words, b.forms[0].words) {
				b.forms = append(b.forms, a.forms...)
				if b.entry < 0 {
					b.entry = a.entry
				}
				cs[i] = nil
			}
		}
	}
	out := cs[:0]
	for _, c := range cs {
		if c != nil {
			out = append(out, c)
		}
	}
	*cl = out
}

// allIndices returns 0, 1, ..., n-1.
func allIndices(n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = i
	}
	return out
}

// slipKeys returns keys that two names share when typoSlip may hold
// between them: the name with one word (not the first) written as itself
// or with one letter deleted. Two words one edit apart have such a
// spelling in common.
func slipKeys(female bool, words []string) []string {
	if len(words) < 2 {
		return nil
	}
	var keys []string
	head := fmt.Sprint(female, len(words))
	for p := 1; p < len(words); p++ {
		rs := []rune(words[p])
		if len(rs) < 4 {
			continue
		}
		pre := strings.Join(words[:p], " ")
		post := strings.Join(words[p+1:], " ")
		for d := -1; d < len(rs); d++ {
			v := words[p]
			if d >= 0 {
				v = string(rs[:d]) + string(rs[d+1:])
			}
			keys = append(keys, head+"\x00"+fmt.Sprint(p)+"\x00"+pre+"\x00"+v+"\x00"+post)
		}
	}
	return keys
}

// typoSlip reports whether two names have the same number of words, the same
// first word, and differ in one letter of one word at least five letters
// long.
func typoSlip(a, b []string) bool {
	if len(a) != len(b) || len(a) < 2 || a[0] != b[0] {
		return false
	}
	diff := -1
	for i := range a {
		if a[i] != b[i] {
			if diff >= 0 {
				return false
			}
			diff = i
		}
	}
	if diff < 0 {
		return false
	}
	x, y := []rune(a[diff]), []rune(b[diff])
	if len(x) < 4 || len(y) < 4 {
		return false
	}
	return editDistance1(x, y)
}

func editDistance1(x, y []rune) bool {
	if len(x) > len(y) {
		x, y = y, x
	}
	if len(y)-len(x) > 1 {
		return false
	}
	i, j, edits := 0, 0, 0
	for i < len(x) && j < len(y) {
		if x[i] == y[j] {
			i++
			j++
			continue
		}
		edits++
		if edits > 1 {
			return false
		}
		if len(x) == len(y) {
			i++
		}
		j++
	}
	edits += len(y) - j - (len(x) - i)
	return edits <= 1
}

// authority returns the authority entry one of whose full forms is the
// name, or -1 (also when two entries claim it).
func (r *resolver) authority(words []string) int {
	if len(words) < 2 {
		return -1
	}
	b := r.buf[:0]
	for i, w := range words {
		if i > 0 {
			b = append(b, ' ')
		}
		b = append(b, w...)
	}
	r.buf = b
	found := -1
	for _, i := range r.lex.phrases[string(b)] { // the words joined, with no copy
		if r.lex.Entries[i].Type != Person {
			continue
		}
		if found >= 0 && found != i {
			return -1
		}
		found = i
	}
	return found
}

// personEntity makes the entity of a personCluster of person forms.
func (r *resolver) personEntity(c *personCluster) {
	d := r.doc
	e := Entity{Type: Person}
	best := ""
	for _, f := range c.forms {
		n := r.displayName(f.m)
		if len(f.all) >= 2 && len([]rune(n)) > len([]rune(best)) {
			best = n
		}
	}
	scoped := false
	if best == "" {
		// single names only
		best = r.displayName(c.forms[0].m)
		if c.female {
			best = strings.TrimSpace(d.Mentions[c.forms[0].m].Title + " " + best)
		}
		if c.entry < 0 && !c.female {
			c.entry = r.authorityBySurname(c)
		}
		scoped = c.entry < 0
	}
	if c.entry >= 0 {
		a := &r.lex.Entries[c.entry]
		e.Name = a.Name
		if iri := a.WikidataIRI(); iri != "" {
			e.SameAs = []string{iri}
		}
		e.Nationality = a.Nationality
	} else {
		e.Name = best
		if py, ok := r.lex.ToPinyin(best); ok {
			e.Name = py
		}
	}
	if scoped {
		e.ID = Slug(d.Meta.ID + "-" + e.Name)
	} else {
		e.ID = Slug(e.Name)
	}
	idx := len(d.Entities)
	seenAlt := map[string]bool{keyOf(e.Name): true}
	for _, f := range c.forms {
		e.Mentions = append(e.Mentions, f.m)
		d.Mentions[f.m].Entity = idx
	}
	sort.Ints(e.Mentions)
	for _, mi := range e.Mentions {
		n := r.displayName(mi)
		if c.female && len(strings.Fields(n)) == 1 {
			n = strings.TrimSpace(d.Mentions[mi].Title + " " + n)
		}
		// the key in scratch: most mentions repeat a name already seen
		r.buf = appendKey(r.buf[:0], n)
		if !seenAlt[string(r.buf)] {
			seenAlt[string(r.buf)] = true
			e.AltNames = append(e.AltNames, n)
		}
	}
	d.Entities = append(d.Entities, e)
}

// authorityBySurname links a person named by a single word to the
// authority list only when one entry has that surname, lived at the time,
// and the document agrees: the person's country is one of its places, or a
// title is printed with the name (and a nationality in it, if any, fits).
func (r *resolver) authorityBySurname(c *personCluster) int {
	w := c.forms[0].words[0]
	ids := r.lex.persSur[w]
	var persons []int
	for _, i := range ids {
		if r.lex.Entries[i].Type == Person {
			persons = append(persons, i)
		}
	}
	if len(persons) != 1 {
		return -1
	}
	a := &r.lex.Entries[persons[0]]
	// lived at the time of the document, when both are known
	if y := documentYear(r.doc.Meta.Date); y > 0 && a.Born > 0 && a.Born > y-15 {
		return -1
	}
	// the person's country is a place of the document: "Khrushchev" in a
	// telegram from Moscow about the Soviet Union
	if a.Nationality != "" {
		if r.places == nil {
			r.places = map[string]bool{}
			for _, e := range r.doc.Entities {
				if e.Type == Place {
					r.places[e.Name] = true
				}
			}
		}
		if r.places[a.Nationality] {
			return persons[0]
		}
	}
	for _, f := range c.forms {
		m := r.doc.Mentions[f.m]
		if m.Title == "" {
			continue
		}
		nat := ""
		for _, w := range strings.Fields(m.Title) {
			if i, ok := r.lex.demonyms[keyOf(w)]; ok {
				nat = r.lex.Entries[i].Demonym
			}
		}
		if nat != "" && a.Nationality != "" && !strings.Contains(strings.ToLower(a.Nationality), strings.ToLower(nat)) {
			return -1
		}
		return persons[0]
	}
	return -1
}

func documentYear(date string) int {
	if len(date) < 4 {
		return 0
	}
	y := 0
	for _, c := range date[:4] {
		if c < '0' || c > '9' {
			return 0
		}
		y = y*10 + int(c-'0')
	}
	return y
}

// displayName is a mention's name as a reader writes it: capitals of a
// heading turned to the usual case.
func (r *resolver) displayName(i int) string {
	n := r.doc.Mentions[i].Name
	if allCapsName(n) {
		words := strings.Fields(n)
		for j, w := range words {
			if k := keyOf(w); j > 0 && j < len(words)-1 && innerParticles[k] {
				words[j] = k // "Ribeiro da Costa", "Costa e Silva"
				continue
			}
			words[j] = titleCase(w)
		}
		n = strings.Join(words, " ")
	}
	if singleSpaced(n) {
		return n // what the line below gives, without the copy
	}
	return strings.Join(strings.Fields(n), " ")
}

// singleSpaced reports whether s is its words joined by single spaces:
// no other space, none at the ends.
func singleSpaced(s string) bool {
	prevSpace := true // at the start, a space would be leading
	for _, r := range s {
		space := r == ' ' || '\t' <= r && r <= '\r' || r >= 0x80 && unicode.IsSpace(r)
		if space && (r != ' ' || prevSpace) {
			return false
		}
		prevSpace = space
	}
	return !prevSpace || s == ""
}

func allCapsName(s string) bool {
	letters := 0
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			letters++
		}
	}
	return letters > 3 && !strings.Contains(s, ".")
}

// bodies groups organization and place mentions.
func (r *resolver) bodies() {
	d := r.doc
	// a body is keyed by its type and its lexicon entry, else its name's
	// phrase key; each name printed is keyed once
	type bodyKey struct {
		typ   EntityType
		entry bool
		key   string
	}
	type named struct {
		key   bodyKey
		entry int
	}
	byKey := map[bodyKey]int{}
	keys := map[formKey]named{} // by type (as title) and name
	for i, m := range d.Mentions {
		if m.Type == Person {
			continue
		}
		nk, ok := keys[formKey{m.Name, string(m.Type)}]
		if !ok {
			k, _ := phraseKey(m.Name)
			entry := -1
			for _, id := range r.lex.phrases[k] {
				if r.lex.Entries[id].Type == m.Type {
					entry = id
					break
				}
			}
			nk = named{bodyKey{m.Type, false, k}, entry}
			if entry >= 0 {
				nk.key = bodyKey{m.Type, true, r.lex.Entries[entry].Name}
			}
			keys[formKey{m.Name, string(m.Type)}] = nk
		}
		entry, key := nk.entry, nk.key
		if idx, ok := byKey[key]; ok {
			d.Entities[idx].Mentions = append(d.Entities[idx].Mentions, i)
			d.Mentions[i].Entity = idx
			if n := r.displayName(i); !sameKey(n, d.Entities[idx].Name) && !containsFold(d.Entities[idx].AltNames, n) {
				d.Entities[idx].AltNames = append(d.Entities[idx].AltNames, n)
			}
			continue
		}
		e := Entity{Type: m.Type, Name: r.displayName(i)}
		if entry >= 0 {
			a := &r.lex.Entries[entry]
			if !sameKey(a.Name, e.Name) {
				e.AltNames = append(e.AltNames, e.Name)
			}
			e.Name = a.Name
			if iri := a.WikidataIRI(); iri != "" {
				e.SameAs = []string{iri}
			}
			e.ID = Slug(e.Name)
		} else if m.Type == Organization && r.generic(m.Name) {
			// "Central Committee", "Politburo": whose depends on the document
			e.ID = Slug(d.Meta.ID + "-" + e.Name)
		} else {
			e.ID = Slug(e.Name)
		}
		e.Mentions = []int{i}
		d.Mentions[i].Entity = len(d.Entities)
		byKey[key] = len(d.Entities)
		d.Entities = append(d.Entities, e)
	}
}

// generic reports whether an organization's name is made of common words
// and head words only, with no proper name in it: such a name means
// different bodies in different documents.
func (r *resolver) generic(name string) bool {
	for _, w := range strings.Fields(name) {
		k := keyOf(strings.Trim(w, ".,"))
		if k == "of" || k == "the" || k == "for" || k == "and" || k == "in" {
			continue
		}
		if _, ok := r.lex.orgWords[k]; ok {
			continue
		}
		if r.lex.words[k] {
			continue
		}
		return false
	}
	return true
}

func containsFold(xs []string, s string) bool {
	for _, x := range xs {
		if sameKey(x, s) {
			return true
		}
	}
	return false
}

// sameKey reports whether keyOf(a) == keyOf(b), without making the keys
// of ASCII strings.
func sameKey(a, b string) bool {
	if len(a) != len(b) {
		if isASCII(a) && isASCII(b) {
			return false // keyOf keeps the length of ASCII
		}
		return keyOf(a) == keyOf(b)
	}
	for i := 0; i < len(a); i++ {
		x, y := a[i], b[i]
		if x >= 0x80 || y >= 0x80 {
			return keyOf(a) == keyOf(b)
		}
		if x >= 'A' && x <= 'Z' {
			x += 'a' - 'A'
		}
		if y >= 'A' && y <= 'Z' {
			y += 'a' - 'A'
		}
		if x != y {
			// the rest may hold non-ASCII, which keyOf changes
			if isASCII(a[i:]) && isASCII(b[i:]) {
				return false
			}
			return keyOf(a) == keyOf(b)
		}
	}
	return true
}

// apposition returns the office printed after a person's name and a
// comma: "Sung Eun Kim, Minister of National Defense".
func (r *resolver) apposition(mi int) string {
	d := r.doc
	m := d.Mentions[mi]
	rest := d.Text[m.End:]
	rest = strings.TrimLeft(rest, " \t")
	if !strings.HasPrefix(rest, ",") {
		return ""
	}
	rest = strings.TrimLeft(rest[1:], " \t")
	// an office is a few words: what runs on beyond a few hundred bytes
	// is none, and is not read to its end from every name
	if len(rest) > maxApposition {
		rest = rest[:maxApposition]
	}
	end := strings.IndexAny(rest, ",;.\n()")
	if end < 0 {
		end = len(rest)
	}
	phrase := strings.TrimSpace(rest[:end])
	phrase = strings.TrimPrefix(phrase, "the ")
	if phrase == "" || len(phrase) > 80 {
		return ""
	}
	// it must open with a title ("Minister of ...", "Deputy Prime
	// Minister") or a capitalized office ("Interpreter"); a phrase is
	// looked at once
	office, ok := r.offices[phrase]
	if !ok {
		words := strings.Fields(phrase)
		for n := min(len(words), 6); n >= 1 && !office; n-- {
			k, _ := phraseKey(strings.Join(words[:n], " "))
			_, office = r.lex.titles[k]
		}
		if r.offices == nil {
			r.offices = map[string]bool{}
		}
		r.offices[phrase] = office
	}
	if office {
		return phrase
	}
	return ""
}

// maxApposition is as far as apposition reads after a name's comma.
const maxApposition = 240

// roles gathers what the text says about each person: titles printed with
// the name, offices in apposition, nationality, membership.
func (r *resolver) roles() {
	d := r.doc
	for ei := range d.Entities {
		e := &d.Entities[ei]
		if e.Type != Person {
			continue
		}
		for _, mi := range e.Mentions {
			m := d.Mentions[mi]
			if m.Title != "" {
				words := strings.Fields(m.Title)
				var kept []string
				for _, w := range words {
					if i, ok := r.lex.demonyms[keyOf(w)]; ok && len(kept) == 0 {
						if e.Nationality == "" {
							e.Nationality = r.lex.Entries[i].Demonym
							if j := strings.IndexByte(e.Nationality, '|'); j > 0 {
								e.Nationality = e.Nationality[:j]
							}
						}
						continue
					}
					kept = append(kept, w)
				}
				t := strings.Join(kept, " ")
				if t != "" && !r.honorific(t) {
					e.Roles = appendUnique(e.Roles, t)
				}
			}
			if a := r.apposition(mi); a != "" {
				e.Roles = appendUnique(e.Roles, a)
			}
			if role, org := r.membership(mi); role != "" {
				e.Roles = appendUnique(e.Roles, role)
				if org >= 0 && !containsInt(e.MemberOf, org) {
					e.MemberOf = append(e.MemberOf, org)
				}
			}
		}
	}
}

// honorific reports, once per title, whether it is an honorific only.
func (r *resolver) honorific(t string) bool {
	h, ok := r.honorifics[t]
	if !ok {
		h = honorificOnly(r.lex, t)
		if r.honorifics == nil {
			r.honorifics = map[string]bool{}
		}
		r.honorifics[t] = h
	}
	return h
}

func honorificOnly(l *Lexicon, t string) bool {
	k, _ := phraseKey(t)
	c := l.titles[k]
	return c == "honorific"
}

func appendUnique(xs []string, s string) []string {
	for _, x := range xs {
		if strings.EqualFold(x, s) {
			return xs
		}
	}
	return append(xs, s)
}

// membership reads "X is a member of the Politburo" and "X is ... chief of
// the General Staff" after a person's mention, within its sentence; it
// returns the office and the organization entity named in it.
func (r *resolver) membership(mi int) (string, int) {
	d := r.doc
	m := d.Mentions[mi]
	si := m.Sentence
	if si < 0 {
		return "", -1
	}
	s := d.Sentences[si]
	if m.End >= s.End {
		return "", -1
	}
	rest := d.Text[m.End:s.End]
	for _, lead := range []string{" is a ", " was a ", " is the ", " was the ", " is ", " was ", " became ", " becomes "} {
		if !strings.HasPrefix(rest, lead) {
			continue
		}
		start := m.End + len(lead)
		end := s.End
		if k := strings.IndexAny(d.Text[start:end], ",;."); k >= 0 {
			end = start + k
		}
		// stop at a conjunction that starts another clause
		phrase := d.Text[start:end]
		if k := strings.Index(phrase, " whereas "); k >= 0 {
			end = start + k
			phrase = phrase[:k]
		}
		if !strings.HasPrefix(phrase, "member of") && !strings.HasPrefix(phrase, "chief of") && !strings.HasPrefix(phrase, "head of") && !strings.HasPrefix(phrase, "secretary of") && !strings.HasPrefix(phrase, "chairman of") {
			return "", -1
		}
		org := -1
		for j := r.mentionsFrom(start); j < len(d.Mentions); j++ {
			o := d.Mentions[j]
			if r.sorted && o.Start > end {
				break
			}
			if o.Type == Organization && o.Start >= start && o.End <= end && o.Entity >= 0 {
				org = o.Entity
				break
			}
		}
		return strings.TrimSpace(phrase), org
	}
	return "", -1
}

// speakers sets each turn's speaker: the person named in its label.
func (r *resolver) speakers() {
	d := r.doc
	for ti := range d.Turns {
		t := &d.Turns[ti]
		t.Speaker = -1
		for j := r.mentionsFrom(t.Label.Start); j < len(d.Mentions); j++ {
			m := d.Mentions[j]
			if r.sorted && m.Start > t.Label.End {
				break
			}
			if m.Type == Person && t.Label.Contains(m.Span) && m.Entity >= 0 {
				t.Speaker = m.Entity
				break
			}
		}
	}
}

// isNameSuffix reports whether a folded word is a generational suffix
// ("Jr.", "Sr.", "III").
func isNameSuffix(k string) bool {
	switch strings.TrimSuffix(k, ".") {
	case "jr", "sr", "ii", "iii", "iv":
		return true
	}
	return false
}
