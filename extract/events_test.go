package extract

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// The scoring below mirrors the Event part of ../shared/eval/score.py:
// events match when their types are equal and their evidence overlaps
// (one text inside the other, or 80% of the smaller one's words shared);
// dates and agents/patients are then compared on the matched pairs, with
// names folded as the scorer folds them. Type "Other" is left out.

var (
	footnoteMarkGoldRE = regexp.MustCompile(`\^\[\d+\]`)
	spaceRunRE         = regexp.MustCompile(`\s+`)
	wordRE             = regexp.MustCompile(`[\p{L}\p{N}_]+`)
)

// scoreTitles are the leading words score.py strips from a person's name.
var scoreTitles = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`comrade comrades chairman emperor mr dr president premier prime minister vice general marshal
ambassador secretary professor prof sir lord king queen prince princess chancellor senator governor foreign deputy
first monsieur herr the admiral colonel captain lieutenant major chief chairwoman comandante under sec assistant asst dep
acting of state affairs defense counselor gen adm amb messrs congressman representative party central committee member members`) {
		scoreTitles[w] = true
	}
}

// scoreNorm is score.py's norm().
func scoreNorm(s string, person bool) string {
	s = norm.NFC.String(s)
	s = strings.NewReplacer("\u2019", "'", "\u2018", "'").Replace(s)
	s = footnoteMarkGoldRE.ReplaceAllString(s, "")
	s = strings.Trim(spaceRunRE.ReplaceAllString(s, " "), " \t\n.,;:!?\"'()[]*")
	s = strings.TrimSuffix(s, "'s")
	words := strings.Split(s, " ")
	for person && len(words) > 1 && scoreTitles[strings.Trim(strings.ToLower(words[0]), ".,")] {
		words = words[1:]
	}
	return strings.ToLower(strings.Join(words, " "))
}

// eventCounts are the pooled counts of score.py's Event part.
type eventCounts struct {
	pred, gold, matched int
	dateOK, dated       int
	roleTP, rolePred    int
	roleGold            int
	missed, extra, info []string
}

func (c eventCounts) f1() float64 {
	p, r := ratio(c.matched, c.pred), ratio(c.matched, c.gold)
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func (c eventCounts) roleF1() float64 {
	p, r := ratio(c.roleTP, c.rolePred), ratio(c.roleTP, c.roleGold)
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func evidenceMatch(g, p string) bool {
	if overlap(g, p) {
		return true
	}
	a, b := wordSet(g), wordSet(p)
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

func wordSet(s string) map[string]bool {
	out := map[string]bool{}
	for _, w := range wordRE.FindAllString(strings.ToLower(s), -1) {
		out[w] = true
	}
	return out
}

// scoreEvents scores one document's events as score.py does.
func scoreEvents(doc *Document, g goldDoc) eventCounts {
	forms := map[string]string{}
	for si, sec := range [][]goldNamed{g.Persons, g.Orgs, g.Places} {
		for _, e := range sec {
			fs := map[string]bool{}
			for _, m := range e.Mentions {
				fs[scoreNorm(m, si == 0)] = true
			}
			if len(fs) == 0 {
				fs[scoreNorm(e.Name, si == 0)] = true
			}
			fs[scoreNorm(e.Name, false)] = true
			for f := range fs {
				if _, ok := forms[f]; !ok && f != "" {
					forms[f] = e.Name
				}
			}
		}
	}
	canon := func(names []string) map[string]bool {
		out := map[string]bool{}
		for _, n := range names {
			if c, ok := forms[scoreNorm(n, false)]; ok {
				out[c] = true
			} else if c, ok := forms[scoreNorm(n, true)]; ok {
				out[c] = true
			} else {
				out[scoreNorm(n, false)] = true
			}
		}
		return out
	}
	var gs []goldEvent
	for _, e := range g.Events {
		if e.Type != "Other" {
			gs = append(gs, e)
		}
	}
	var ps []Event
	for _, e := range doc.Events {
		if e.Type != "Other" {
			ps = append(ps, e)
		}
	}
	c := eventCounts{pred: len(ps), gold: len(gs)}
	used := make([]bool, len(ps))
	for _, ge := range gs {
		hit := -1
		for i, pe := range ps {
			if !used[i] && string(pe.Type) == ge.Type && evidenceMatch(ge.Evidence, doc.Surface(pe.Evidence)) {
				hit = i
				break
			}
		}
		if hit < 0 {
			c.missed = append(c.missed, ge.Type+": "+ge.Label)
			continue
		}
		used[hit] = true
		c.matched++
		pe := ps[hit]
		if ge.Date != "" {
			c.dated++
			if pe.Date == ge.Date {
				c.dateOK++
			} else {
				c.info = append(c.info, "date "+ge.Label+": gold "+ge.Date+" got "+pe.Date)
			}
		}
		for _, role := range []struct {
			gold []string
			pred []int
		}{{ge.Agents, pe.Agents}, {ge.Patients, pe.Patients}} {
			gset := canon(role.gold)
			pset := canon(doc.entityNames(role.pred))
			for k := range gset {
				if pset[k] {
					c.roleTP++
				}
			}
			c.rolePred += len(pset)
			c.roleGold += len(gset)
			if !sameSet(gset, pset) {
				c.info = append(c.info, "roles "+ge.Label+": gold "+keys(gset)+" got "+keys(pset))
			}
		}
	}
	for i, pe := range ps {
		if !used[i] {
			c.extra = append(c.extra, string(pe.Type)+": "+truncate(doc.Surface(pe.Evidence), 90))
		}
	}
	return c
}

func sameSet(a, b map[string]bool) bool {
	if len(a) != len(b) {
		return false
	}
	for k := range a {
		if !b[k] {
			return false
		}
	}
	return true
}

func keys(m map[string]bool) string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return "[" + strings.Join(out, ", ") + "]"
}

func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n]) + "…"
}

// eventFigures runs the whole pipeline on annotated documents and pools
// the counts.
func eventFigures(t *testing.T, docs []devDoc) eventCounts {
	t.Helper()
	x, err := New()
	if err != nil {
		t.Fatal(err)
	}
	var all eventCounts
	for _, d := range docs {
		if len(d.gold.Events) == 0 {
			continue
		}
		doc, err := x.Extract(d.name, d.text)
		if err != nil {
			t.Fatal(err)
		}
		c := scoreEvents(doc, d.gold)
		all.pred += c.pred
		all.gold += c.gold
		all.matched += c.matched
		all.dateOK += c.dateOK
		all.dated += c.dated
		all.roleTP += c.roleTP
		all.rolePred += c.rolePred
		all.roleGold += c.roleGold
		for _, s := range c.missed {
			t.Log("missed:", d.name, s)
		}
		for _, s := range c.extra {
			t.Log("not in gold:", d.name, s)
		}
		for _, s := range c.info {
			t.Log(d.name, s)
		}
	}
	t.Logf("events: detection F1 %.3f (P %.3f R %.3f, %d/%d/%d), date accuracy %.3f (%d/%d), agent/patient F1 %.3f (P %.3f R %.3f)",
		all.f1(), ratio(all.matched, all.pred), ratio(all.matched, all.gold), all.matched, all.pred, all.gold,
		ratio(all.dateOK, all.dated), all.dateOK, all.dated, all.roleF1(), ratio(all.roleTP, all.rolePred), ratio(all.roleTP, all.roleGold))
	return all
}

// The event figures on the development set (events are annotated in the
// Mao document only), pooled as score.py counts them. Run with -v for the
// figures and every miss. Achieved: detection F1 0.984, date accuracy
// 1.000, agent/patient F1 0.826 (the bars: 0.70, 0.80, 0.60). The
// floors sit a little below, since the participants are entities of
// another layer whose names still change; a drop past them is a
// regression of this stage or of that layer.
func TestDevSetEvents(t *testing.T) {
	all := eventFigures(t, loadDevSet(t))
	for _, f := range []struct {
		name      string
		got, want float64
	}{
		{"detection F1", all.f1(), 0.95},
		{"date accuracy", ratio(all.dateOK, all.dated), 0.95},
		{"agent/patient F1", all.roleF1(), 0.78},
	} {
		if f.got < f.want {
			t.Errorf("%s %.3f below its floor %.3f", f.name, f.got, f.want)
		}
	}
}

// The project's own two documents, annotated before the event stage was
// run on them.
// Achieved: detection F1 1.000, date accuracy 0.958, agent/patient F1
// 0.938; floors as above.
func TestOwnDocumentsEvents(t *testing.T) {
	all := eventFigures(t, loadOwnDocs(t))
	if all.f1() < 0.95 || ratio(all.dateOK, all.dated) < 0.9 || all.roleF1() < 0.85 {
		t.Errorf("own documents: detection F1 %.3f, date accuracy %.3f, agent/patient F1 %.3f below their floors 0.95, 0.90, 0.85",
			all.f1(), ratio(all.dateOK, all.dated), all.roleF1())
	}
}

// BenchmarkFindEvents measures the event stage alone on the project's
// sample documents, the stages before it run once beforehand.
func BenchmarkFindEvents(b *testing.B) {
	x, err := New()
	if err != nil {
		b.Fatal(err)
	}
	var docs []*Document
	size := 0
	for _, name := range []string{"zhou-pham-1966-11-20.md", "frus-style-rusk-gromyko-1963.txt", "report-tirana-1961.txt"} {
		text, err := os.ReadFile(filepath.Join("..", "data", "samples", name))
		if err != nil {
			b.Fatal(err)
		}
		doc, err := x.Extract(name, text)
		if err != nil {
			b.Fatal(err)
		}
		docs = append(docs, doc)
		size += len(text)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		for _, d := range docs {
			FindEvents(d, x.lex)
		}
	}
}

// markedDoc builds a document from text in which the names are marked by
// hand — [Person], {Organization}, <Place> — so that the event stage is
// tested apart from the entity layer. Speaker labels ("Mao Zedong: ...")
// are resolved to the person of that name.
func markedDoc(t testing.TB, text, docDate string) *Document {
	t.Helper()
	var b strings.Builder
	doc := &Document{}
	ids := map[string]int{}
	for i := 0; i < len(text); {
		open := strings.IndexAny(text[i:], "[{<")
		if open < 0 {
			b.WriteString(text[i:])
			break
		}
		b.WriteString(text[i : i+open])
		i += open
		closer := map[byte]byte{'[': ']', '{': '}', '<': '>'}[text[i]]
		typ := map[byte]EntityType{'[': Person, '{': Organization, '<': Place}[text[i]]
		end := strings.IndexByte(text[i:], closer)
		if end < 0 {
			t.Fatalf("unclosed %q in %q", text[i], text)
		}
		name := text[i+1 : i+end]
		key := string(typ) + name
		if _, ok := ids[key]; !ok {
			ids[key] = len(doc.Entities)
			doc.Entities = append(doc.Entities, Entity{ID: Slug(name), Type: typ, Name: name})
		}
		start := b.Len()
		b.WriteString(name)
		doc.Mentions = append(doc.Mentions, Mention{Span: Span{start, b.Len()}, Text: name, Type: typ, Name: name, Entity: ids[key], Sentence: -1})
		i += end + 1
	}
	doc.Text = b.String()
	doc.Meta.ID = "test"
	ReadHeader(doc)
	if docDate != "" {
		doc.Meta.Date = docDate
	}
	Segment(doc)
	for mi := range doc.Mentions {
		doc.Mentions[mi].Sentence = doc.SentenceAt(doc.Mentions[mi].Start)
		e := &doc.Entities[doc.Mentions[mi].Entity]
		e.Mentions = append(e.Mentions, mi)
	}
	for ti := range doc.Turns {
		doc.Turns[ti].Speaker = doc.EntityByName(Person, doc.Surface(doc.Turns[ti].Label))
	}
	FindDates(doc)
	lex, err := DefaultLexicon()
	if err != nil {
		t.Fatal(err)
	}
	FindEvents(doc, lex)
	return doc
}

// eventLine prints an event as the table below expects it.
func eventLine(doc *Document, e Event) string {
	s := string(e.Type) + " " + e.Date
	if len(e.Agents) > 0 {
		s += " by " + strings.Join(doc.entityNames(e.Agents), ", ")
	}
	if len(e.Patients) > 0 {
		s += " to " + strings.Join(doc.entityNames(e.Patients), ", ")
	}
	if e.Place >= 0 {
		s += " at " + doc.Entities[e.Place].Name
	}
	return strings.Join(strings.Fields(s), " ")
}

// The event stage's specification: a text (names marked by hand), the
// document's date, and the events found, in order, joined by " | " ("" for
// none): type, date, "by" agents, "to" patients, "at" place.
var eventCases = []struct{ text, docDate, want string }{
	// acts done, active and passive, with their dates
	{"The {Central Committee} relieved [Nikita Khrushchev] of all his posts on 14 October.", "1964-10-20",
		"Purge 1964-10-14 by Central Committee to Nikita Khrushchev"},
	{"[Rokossovsky] was dismissed by the {Politburo} in 1956.", "1964-10-20", "Purge 1956 by Politburo to Rokossovsky"},
	{"In 1959 the {Politburo} overthrew the group of [Peng Dehuai], [Huang Kecheng], and [Zhang Wentian].", "1967-02-03",
		"Purge 1959 by Politburo to Peng Dehuai, Huang Kecheng, Zhang Wentian"},
	{"This was the group of [Gao Gang], which the {Politburo} overthrew. This happened in the winter of 1953 and in spring of 1954.", "1967-02-03",
		"Purge 1953-12/1954-05 by Politburo to Gao Gang"},
	{"The {Army} had dismissed three commanders in January.", "1965-03-04", "Purge 1965-01 by Army"},
	{"The {Murba Party} had been banned in January.", "1965-03-04", "Purge 1965-01 to Murba Party"},
	{"The {Politburo} solved [Luo Ruiqing]'s case in December 1965.", "1967-02-03", "Purge 1965-12 by Politburo to Luo Ruiqing"},
	// assemblies
	{"The Eighth Plenum of the {Central Committee} was held in October 1956.", "1964-10-20", "Plenum 1956-10 by Central Committee"},
	{"The {Central Committee} met in plenary session on 14 October.", "1964-10-20", "Plenum 1964-10-14 by Central Committee"},
	{"During the recent Fifth Congress, some people proposed a new name.", "1967-02-03", "Plenum"},
	{"In January 1962 the {Politburo} called an extended meeting of 7,000 cadres.", "1967-02-03", "Plenum 1962-01 by Politburo"},
	// meetings: everyone who takes part is an agent
	{"[Brezhnev] met [Tito] in <Belgrade> in 1962.", "1964-10-20", "Meeting 1962 by Brezhnev, Tito at Belgrade"},
	{"On 18 August [Lin Biao] held a meeting with the {Red Guards}.", "1967-02-03", "Meeting 1966-08-18 by Lin Biao, Red Guards"},
	{"[Mikoyan] visited <Warsaw> in the summer of 1963.", "1964-10-20", "Meeting 1963-06/1963-08 by Mikoyan at Warsaw"},
	{"[Brezhnev] telephoned [Zhivkov] on 15 October.", "1964-10-20", "Meeting 1964-10-15 by Brezhnev, Zhivkov"},
	{"The Ambassador called on [Marko Nikezić] the next day.", "1966-07-08", "Meeting 1966-07-09 by Marko Nikezić"},
	// texts: their authors and whom they are against or addressed to
	{"{Pravda} published an article against [Tito] on 5 May.", "1964-10-20", "Publication 1964-05-05 by Pravda to Tito"},
	{"On 1 June [Mao Zedong] wrote to the {Red Guards}.", "1966-10-01", "Publication 1966-06-01 by Mao Zedong to Red Guards"},
	{"It was written by [Nie Yuanzi] on 25 May.", "1966-10-01", "Publication 1966-05-25 by Nie Yuanzi"},
	{"You will see slogans calling for the overthrow of [Lin Biao] and [Zhou Enlai].", "1967-02-03", "Publication to Lin Biao, Zhou Enlai"},
	{"[Tito] opened the session with a speech against the security service.", "1966-07-08", "Publication by Tito"},
	{"On July 4 {Borba} published the full text of [Tito]'s speech.", "1966-07-08", "Publication 1966-07-04 by Borba"},
	{"{Nhan Dan} reprinted the editorial of {Renmin Ribao} of 1 June.", "1966-11-20", "Publication 1966-06-01 by Nhan Dan"},
	// "the congress" is the one just told, its act dated by the month of
	// its days; a relative clause dates its own act
	{"The Fourth Congress of the {Party of Labor} met in <Tirana> from 13 to 20 February 1961. The congress confirmed the expulsion of [Liri Belishova] and [Koço Tashko], who had been removed from the {Politburo} in September 1960.", "1961-03-02",
		"Plenum 1961-02-13/1961-02-20 by Party of Labor at Tirana | Purge 1961-02 by Party of Labor to Liri Belishova, Koço Tashko | Purge 1960-09 to Liri Belishova, Koço Tashko"},
	// a text named again is the same text
	{"In 1965 the {Politburo} published an article against [Wu Han]. Later [Yao Wenyuan] wrote this article again.", "1967-02-03",
		"Publication 1965 by Politburo, Yao Wenyuan to Wu Han"},
	// acts not done: wished, demanded, ordered to come, denied, asked, conditioned, planned
	{"They wanted to overthrow [Tito].", "1967-02-03", ""},
	{"[Tito] must be dismissed.", "1967-02-03", ""},
	{"[Tito] was not dismissed.", "1967-02-03", ""},
	{"Was [Tito] dismissed?", "1967-02-03", ""},
	{"If [Tito] had been dismissed, the army would have rebelled.", "1967-02-03", ""},
	{"They want the overthrow of imperialism.", "1967-02-03", ""},
	{"The next congress will meet in May.", "1967-02-03", ""},
	{"We will meet the Soviet comrades at the beginning of November.", "1964-10-20", ""},
	{"The dismissed officials went home.", "1967-02-03", ""},
	{"A sample document written for the project.", "1967-02-03", ""},
	{"Extracts are printed in the press.", "1967-02-03", ""},
	{"Those who have met their leaders have talked to them.", "1967-02-03", ""},
	{"[Tito] called on the {Soviet Union} to withdraw.", "1967-02-03", ""},
	{"He was not responsible for what the press printed.", "1967-02-03", ""},
	{"The Congress voted the budget in 1964.", "1966-02-03", ""},
	// removals told without a verb of purging; the one removed is no agent
	{"[Pervukhin] was reduced to a candidate member of the {Presidium}, and [Saburov] was released from the {Presidium}.", "1957-07-06",
		"Purge to Pervukhin, Saburov"},
	{"[Truong Chinh], who lost the secretaryship in 1956, keeps his seat.", "1960-09-15", "Purge 1956 to Truong Chinh"},
	{"Its chairman, [Sandor Racz], has been in prison since 11 December.", "1957-03-01", "Purge 1956-12-11 to Sandor Racz"},
	{"The {Congress} declared the presidency vacant on 2 April.", "1964-04-03", "Purge 1964-04-02 by Congress"},
	// a body's decision is its act
	{"The {Central Committee} resolved to remove [Malenkov] from the {Presidium}, and to remove [Shepilov] from his post.", "1957-07-06",
		"Purge by Central Committee to Malenkov, Shepilov"},
	// wished, demanded, denied: no act
	{"They demanded that [Khrushchev] be removed from the leadership.", "1957-07-06", ""},
	{"[Dery] not yet arrested.", "1957-03-07", ""},
	// assemblies: a reduced relative, a relative clause, "since", interrupted
	{"The Twentieth Congress, held in February of last year, set the course.", "1957-07-06", "Plenum 1956-02"},
	{"He spoke about the plenum of the {Central Committee} which met in <Moscow> from 22 to 29 June.", "1957-07-06",
		"Plenum 1957-06-22/1957-06-29 by Central Committee at Moscow"},
	{"They have argued for it since the Fifteenth Plenum of January 1959.", "1960-09-15", "Plenum 1959-01"},
	{"The Eighth Plenum of the {Central Committee} had been interrupted this morning.", "1956-10-19", "Plenum 1956-10-19 by Central Committee"},
	{"The plenum will resume tomorrow.", "1956-10-19", ""},
	// meetings: a dated phrase, a diary's note, a negotiation going on
	{"He praised the line of the Bucharest meeting in June.", "1960-09-15", "Meeting 1960-06"},
	{"Lunch at the <Gerbeaud> with [Pal Szentgyorgyi].", "1957-02-28", "Meeting by Pal Szentgyorgyi"},
	{"[Souvanna Phouma]'s government is negotiating with the {Pathet Lao}.", "1960-09-15", "Meeting by Souvanna Phouma, Pathet Lao"},
	{"The meeting in June will decide.", "1960-05-15", ""},
	// speeches, and what radio and press announce or attack
	{"[Mukhitdinov] spoke on 6 September.", "1960-09-15", "Publication 1960-09-06 by Mukhitdinov"},
	{"[Mukhitdinov] spoke with [Ho Chi Minh] on 6 September.", "1960-09-15", "Meeting 1960-09-06 by Mukhitdinov, Ho Chi Minh"},
	{"{Radio Cairo} had announced on Wednesday that Lebanon would be next.", "1958-07-18", "Publication 1958-07-16 by Radio Cairo"},
	{"Hanoi radio has repeatedly attacked [Phoumi Nosavan] since 9 August.", "1960-09-15", "Publication 1960-08-09 to Phoumi Nosavan"},
	{"[Tito] announced on Monday that he would resign.", "1958-07-18", ""},
	{"Comrade [Ochab] said that the Eighth Plenum of the {Central Committee} had been interrupted this morning.", "1956-10-19", "Plenum 1956-10-19 by Central Committee"},
	{"The Third National Congress of the Vietnam Workers' Party ({Lao Dong}), held in <Hanoi> from 5 to 10 September, confirmed him.", "1960-09-15",
		"Plenum 1960-09-05/1960-09-10 by Lao Dong at Hanoi"},
	// a plenum the sentence introduces and its act are one event
	{"In June 1953 the {Presidium} arrested [Beria], and the July plenum of that year expelled him from the party.", "1957-07-06",
		"Purge 1953-06 by Presidium to Beria | Plenum 1953-07 to Beria"},
	{"CONGRESS PRESIDENT DECLARED PRESIDENCY VACANT AT JOINT SESSION THIS MORNING.", "1964-04-02", "Purge 1964-04-02"},
	// the names a text goes on to attack; a meeting's demands are its targets
	{"{Nepszabadsag} printed a series on \"counter-revolutionary writers\" naming [Hay] and [Dery] but not [Illyes].", "1957-03-07",
		"Publication by Nepszabadsag to Hay, Dery"},
	{"On 18 June, at a meeting of the {Presidium}, [Malenkov] and [Molotov] demanded that [Khrushchev] be removed. [Bulganin], who chaired the meeting, took their side.", "1957-07-06",
		"Meeting 1957-06-18 by Presidium, Malenkov, Molotov, Bulganin to Khrushchev"},
	// not removals, speeches or negotiations
	{"The {Liberal Party} lost its seat in the assembly in 1959.", "1960-09-15", ""},
	{"The {Soviets} released him from prison in May.", "1960-09-15", ""},
	{"He told the press that [Tito] had attacked the proposal.", "1960-09-15", ""},
	{"It showed the difficulty of negotiating with the {Soviets}.", "1960-09-15", ""},
	// the meeting a title names is the document's own
	{"Title: On the Group of Three. Report of Comrade [A. B. Aristov] to the Meeting of the Party Aktiv\nDate: 6 July 1957\n\nComrades! The harvest is good.", "",
		"Meeting 1957-07-06 by A. B. Aristov"},
	// "the plenum" is the one the text introduced plainly, not one told in passing
	{"The plenum of the {Central Committee} met in <Moscow> from 22 to 29 June. In June 1953 the {Presidium} arrested [Beria], and the July plenum of that year expelled him. The plenum resolved to remove [Malenkov] from the {Presidium}.", "1957-07-06",
		"Plenum 1957-06-22/1957-06-29 by Central Committee at Moscow | Purge 1953-06 by Presidium to Beria | Plenum 1953-07 by Central Committee to Beria | Purge 1957-06 by Central Committee to Malenkov"},
	// a diary's entry dates its acts; "since" dates another clause's state
	{"Thursday, 28 February\n\nSnow again. Lunch at the <Gerbeaud> with [Pal Szentgyorgyi], who says {Magyar Nemzet} has not printed him since November.", "1957-03-15",
		"Meeting 1957-02-28 by Pal Szentgyorgyi"},
	// other acts are events too, of type Other
	{"[Brezhnev] was elected First Secretary on 14 October.", "1964-10-20", "Other 1964-10-14 to Brezhnev"},
}

func TestEventTable(t *testing.T) {
	for _, c := range eventCases {
		doc := markedDoc(t, c.text, c.docDate)
		var got []string
		for _, e := range doc.Events {
			got = append(got, eventLine(doc, e))
		}
		if g := strings.Join(got, " | "); g != c.want {
			t.Errorf("%q:\n got  %q\n want %q", c.text, g, c.want)
		}
	}
}

// A record of conversation: the document's own meeting from its header,
// the speakers' pronouns, and a later mention of the same meeting merged.
func TestEventsInTranscript(t *testing.T) {
	text := `Record of Conversation

Time of meeting: 3 February 1967, from 17:20 until 19:00

Participants: [Kang Sheng] and [Fan Ke], Interpreter

[Mao Zedong]: When was [Mehmet Shehu] here in <China>?

[Zhou Enlai]: In May of last year.

[Mao Zedong]: In May of last year, I told him that we cannot say yet. In 1959 we overthrew the group of [Peng Dehuai] and [Huang Kecheng]. The {Communist Party of China} is strong in <China>. It looks like we are more optimistic than the last time I talked to [Mehmet Shehu] last year.

[Zhou Enlai]: [Kang Sheng] told me yesterday that this is so.
`
	doc := markedDoc(t, text, "")
	var got []string
	for _, e := range doc.Events {
		got = append(got, eventLine(doc, e))
	}
	want := []string{
		"Meeting 1967-02-03 by Kang Sheng, Mao Zedong, Zhou Enlai",
		"Meeting 1966-05 by Mao Zedong, Mehmet Shehu",
		"Purge 1959 by Communist Party of China to Peng Dehuai, Huang Kecheng",
		"Meeting 1967-02-02 by Kang Sheng, Zhou Enlai",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if len(doc.Events) > 0 {
		if ev := doc.Surface(doc.Events[0].Evidence); ev != "Time of meeting: 3 February 1967, from 17:20 until 19:00" {
			t.Errorf("header meeting evidence %q", ev)
		}
		if tr := doc.Events[0].DateRef; tr < 0 || doc.Dates[tr].Text != "3 February 1967" {
			t.Errorf("header meeting dated by %d", tr)
		}
	}
}

// Every event points inside its document: trigger within evidence,
// evidence within the text, indices in range.
func TestEventInvariants(t *testing.T) {
	for _, c := range eventCases {
		doc := markedDoc(t, c.text, c.docDate)
		checkEvents(t, doc)
	}
}

func checkEvents(t testing.TB, doc *Document) {
	t.Helper()
	ids := map[string]bool{}
	for _, e := range doc.Events {
		if e.Evidence.Start < 0 || e.Evidence.End > len(doc.Text) || e.Evidence.Len() <= 0 {
			t.Fatalf("evidence %v outside the text", e.Evidence)
		}
		if !e.Evidence.Contains(e.Trigger) {
			t.Fatalf("trigger %v outside evidence %v", e.Trigger, e.Evidence)
		}
		for _, i := range append(append([]int{}, e.Agents...), e.Patients...) {
			if i < 0 || i >= len(doc.Entities) {
				t.Fatalf("participant %d out of range", i)
			}
		}
		if e.Place < -1 || e.Place >= len(doc.Entities) || e.DateRef < -1 || e.DateRef >= len(doc.Dates) {
			t.Fatalf("place %d or date %d out of range", e.Place, e.DateRef)
		}
		if e.Date != "" && !IsDateValue(e.Date) {
			t.Fatalf("date %q not in the grammar", e.Date)
		}
		if ids[e.ID] || e.ID == "" {
			t.Fatalf("ID %q empty or repeated", e.ID)
		}
		ids[e.ID] = true
	}
}

func TestEventLexicon(t *testing.T) {
	el, err := defaultEventLexicon()
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"overthrew", "plenum", "met", "article"} {
		if len(el.byFirst[w]) == 0 {
			t.Errorf("the lexicon has no form beginning %q", w)
		}
	}
	for _, c := range []struct{ file, err string }{
		{"kind\ttype\tpast\tbase\tnoun\trequires\nx\tCoup\tcouped\t\t\t\n", "events.tsv:2: unknown event type \"Coup\""},
		{"kind\ttype\tpast\nx\tPurge\ty\n", "events.tsv:1: no column \"base\" in the header"},
		{"kind\ttype\tpast\tbase\tnoun\trequires\nx\tPurge\t… case\t\t\t\n", "events.tsv:2: form \"… case\" begins or ends with a gap"},
		{"# only comments\n", "events.tsv: no header line"},
	} {
		_, err := loadEventLexicon(fstest.MapFS{"events.tsv": {Data: []byte(c.file)}}, "events.tsv")
		if err == nil || err.Error() != c.err {
			t.Errorf("%q: error %v, want %q", c.file, err, c.err)
		}
	}
}

// FuzzFindEvents: no panic, every event inside the text.
func FuzzFindEvents(f *testing.F) {
	for _, c := range eventCases {
		f.Add(c.text, c.docDate)
	}
	f.Fuzz(func(t *testing.T, text, docDate string) {
		if !utf8.ValidString(text) || strings.ContainsAny(text, "[]{}<>") {
			return
		}
		if !isISODate(docDate) {
			docDate = ""
		}
		checkEvents(t, markedDoc(t, text, docDate))
	})
}
