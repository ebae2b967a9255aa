package synthetic

import (
	"bufio"
	"fmt"
	"io/fs"
	"math"
	"math/rand/v2"
	"sort"
	"strings"

	"github.com/dossier-archive/dossier/data"
)

// Person is one member of the generated archive's cast.
type Person struct {
	Name        string // full name as first introduced ("Andrei Gromyko")
	Surname     string // what the text calls them after that ("Gromyko")
	Nationality string // a side: "United States", "Soviet Union", "China", …
	Office      string // printed before the name ("Foreign Minister")
	Honorific   string // "Comrade", "Mr.", "Ambassador"
	Real        bool   // from the lexicon's authority list, not generated
}

// Titled is the person with office and name, as a PARTICIPANTS line or a
// first mention has it.
func (p Person) Titled() string {
	if p.Office == "" {
		return p.Name
	}
	return p.Office + " " + p.Name
}

// Short is a later reference: office or honorific with the surname.
func (p Person) Short() string {
	if p.Office != "" {
		return p.Office + " " + p.Surname
	}
	return p.Honorific + " " + p.Surname
}

// side is one country's share of the cast with the conventions of its
// records.
type side struct {
	country   string
	culture   string // given-name origin in givennames.tsv, or "chinese"
	honorific string
	capital   string
	party     string // the ruling party as the documents name it
	paper     string // the party's newspaper
}

// sides are the states of the genre's records; the names are general
// knowledge, checked against the lexicons when the cast is made.
var sides = []side{
	{"China", "chinese", "Comrade", "Beijing", "Communist Party of China", "People's Daily"},
	{"Soviet Union", "russian", "Comrade", "Moscow", "Communist Party of the Soviet Union", "Pravda"},
	{"United States", "english", "Mr.", "Washington", "Department of State", "The New York Times"},
	{"Albania", "albanian", "Comrade", "Tirana", "Party of Labor of Albania", "Zëri i Popullit"},
	{"North Vietnam", "vietnamese", "Comrade", "Hanoi", "Workers' Party of Vietnam", "Nhan Dan"},
	{"United Kingdom", "english", "Mr.", "London", "Foreign Office", "The Times"},
	{"France", "french", "Monsieur", "Paris", "Quai d'Orsay", "Le Monde"},
	{"Poland", "polish", "Comrade", "Warsaw", "Polish United Workers' Party", "Trybuna Ludu"},
	{"East Germany", "german", "Comrade", "East Berlin", "Socialist Unity Party of Germany", "Neues Deutschland"},
	{"Yugoslavia", "serbian", "Comrade", "Belgrade", "League of Communists of Yugoslavia", "Borba"},
}

// offices are printed before names; a few, weighted by how often records
// of conversation use them.
var offices = []string{
	"Premier", "Vice Premier", "Foreign Minister", "Deputy Foreign Minister",
	"Ambassador", "Ambassador", "Ambassador", "Minister of Defense", "Marshal",
	"General", "General", "Secretary", "First Secretary", "Counselor",
	"Chairman", "Vice Chairman", "Minister of Trade", "Colonel", "Director",
}

// syllables of generated surnames, by culture: invented combinations in
// the sound of each language, not a list of real families.
var surnameParts = map[string][2][]string{
	"english":    {{"Hal", "Brad", "Carl", "Dun", "Fair", "Gar", "Hart", "Kel", "Lang", "Mor", "Pem", "Ren", "Stan", "Thorn", "Whit", "Ash", "Bel", "Cran", "Dal", "Elling"}, {"ford", "ton", "ley", "son", "well", "wood", "field", "man", "by", "more", "ridge", "worth"}},
	"russian":    {{"Bel", "Vor", "Gor", "Zhar", "Kal", "Lyub", "Mal", "Nov", "Pol", "Rod", "Sed", "Tik", "Khar", "Chern", "Shul", "Dub", "Yer", "Zab", "Krup", "Vesel"}, {"ov", "ev", "in", "enko", "sky", "akov", "ichev", "yshev", "anov", "itsyn"}},
	"albanian":   {{"Bal", "Dod", "Gjin", "Hox", "Kol", "Leka", "Marku", "Ndre", "Prend", "Qose", "Rrap", "Shkr", "Tafa", "Vok", "Xhaf", "Zen"}, {"aj", "i", "ku", "llari", "ja", "ani", "eti", "ollari"}},
	"vietnamese": {{"Nguyen", "Tran", "Le", "Pham", "Hoang", "Vu", "Dang", "Bui", "Do", "Ngo", "Duong", "Ly"}, {""}},
	"french":     {{"Beau", "Cham", "Dela", "Four", "Gir", "Lam", "Mar", "Per", "Roch", "Vau", "Bon", "Court"}, {"lieu", "bert", "ard", "chet", "ier", "oux", "eau", "and", "ville"}},
	"polish":     {{"Kowal", "Nowa", "Wiśniew", "Lewan", "Zieli", "Szyman", "Wozni", "Kaczm", "Mazur", "Krawc", "Pawl", "Dudz"}, {"ski", "cki", "czyk", "ak", "owicz", "ewski"}},
	"german":     {{"Hof", "Ober", "Stein", "Wald", "Kling", "Brand", "Lind", "Ros", "Schwar", "Feld", "Eich", "Holz"}, {"mann", "berg", "er", "hagen", "bach", "dorf", "ner", "inger"}},
	"serbian":    {{"Petr", "Jov", "Mark", "Nik", "Stef", "Ran", "Dragan", "Milut", "Vuk", "Tod", "Bog", "Mil"}, {"ović", "ić", "ević", "anović"}},
}

// vietnameseGiven are invented two-part given names in the style of the
// language (syllables of common words, in general knowledge).
var vietnameseGiven = [][]string{{"Van", "Duc", "Huu", "Thanh", "Quang", "Minh", "Xuan", "Ngoc"}, {"Long", "Hai", "Tam", "Binh", "Son", "Trung", "Phuc", "Dung", "Khanh", "Lam"}}

// chineseSurnames are one-syllable family names; given names are drawn
// from the Pinyin syllable table.
var chineseSurnames = []string{"Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou", "Xu", "Sun", "Ma", "Zhu", "Hu", "Guo", "He", "Gao", "Lin", "Luo", "Zheng", "Liang", "Xie", "Song", "Tang", "Han", "Feng", "Deng", "Cao", "Peng", "Zeng", "Xiao", "Tian", "Dong", "Pan", "Yuan", "Cai", "Jiang", "Yu", "Du", "Ye", "Cheng", "Wei", "Su", "Lu", "Ding", "Ren", "Shen", "Yao", "Kang"}

// lexicons is what the generator draws from package data.
type lexicons struct {
	persons     []lexPerson
	given       map[string][]string // origin → given names
	pinyin      []string
	cities      []string
	countries   []string
	orgs        []string // parties, ministries, international bodies
	newspapers  []string
	nationality map[string]bool // countries that persons.tsv knows
}

type lexPerson struct {
	name, nationality, description string
}

func readLexicons() (*lexicons, error) {
	lx := &lexicons{given: map[string][]string{}, nationality: map[string]bool{}}
	if err := eachRow("persons.tsv", func(r map[string]string) {
		if r["name"] == "" || r["nationality"] == "" {
			return
		}
		born := r["born"]
		if born != "" && (born < "1870" || born > "1945") || r["died"] != "" && r["died"] < "1950" {
			return // people of the period only
		}
		lx.persons = append(lx.persons, lexPerson{r["name"], r["nationality"], r["description"]})
		lx.nationality[r["nationality"]] = true
	}); err != nil {
		return nil, err
	}
	if err := eachRow("givennames.tsv", func(r map[string]string) {
		for _, o := range strings.Split(r["origin"], "|") {
			lx.given[o] = append(lx.given[o], r["name"])
		}
	}); err != nil {
		return nil, err
	}
	if err := eachRow("pinyin.tsv", func(r map[string]string) {
		if s := r["syllable"]; s != "" && !strings.ContainsAny(s, "üv") {
			lx.pinyin = append(lx.pinyin, s)
		}
	}); err != nil {
		return nil, err
	}
	if err := eachRow("places.tsv", func(r map[string]string) {
		switch r["kind"] {
		case "city":
			lx.cities = append(lx.cities, r["name"])
		case "country":
			lx.countries = append(lx.countries, r["name"])
		}
	}); err != nil {
		return nil, err
	}
	if err := eachRow("organizations.tsv", func(r map[string]string) {
		switch r["kind"] {
		case "newspaper", "news-agency":
			lx.newspapers = append(lx.newspapers, r["name"])
		case "party", "ministry", "international", "government", "legislature":
			lx.orgs = append(lx.orgs, r["name"])
		}
	}); err != nil {
		return nil, err
	}
	for what, n := range map[string]int{"persons": len(lx.persons), "pinyin syllables": len(lx.pinyin), "cities": len(lx.cities), "organizations": len(lx.orgs), "newspapers": len(lx.newspapers)} {
		if n < 10 {
			return nil, fmt.Errorf("synthetic: the lexicons hold only %d %s", n, what)
		}
	}
	return lx, nil
}

// eachRow calls fn with each row of an embedded lexicon, keyed by the
// header's column names (lexicon/README.md gives the format).
func eachRow(file string, fn func(map[string]string)) error {
	f, err := data.Lexicons.Open("lexicon/" + file)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	var header []string
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		cells := strings.Split(line, "\t")
		if header == nil {
			header = cells
			continue
		}
		row := make(map[string]string, len(header))
		for i, h := range header {
			if i < len(cells) {
				row[h] = cells[i]
			}
		}
		fn(row)
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s: %w", file, err)
	}
	return nil
}

var _ fs.FS = data.Lexicons

// makeCast makes n people: the first (most often named) come from the
// lexicon's authority list, the long tail is generated. Each keeps a fixed
// side, office and honorific for the whole archive.
func makeCast(lx *lexicons, r *rand.Rand, n int) []Person {
	known := make([]lexPerson, 0, len(lx.persons))
	bySide := map[string]bool{}
	for _, s := range sides {
		bySide[s.country] = true
	}
	for _, p := range lx.persons {
		if bySide[p.nationality] {
			known = append(known, p)
		}
	}
	r.Shuffle(len(known), func(i, j int) { known[i], known[j] = known[j], known[i] })
	// about a third of the cast is real, and the head entirely
	nKnown := min(len(known), max(n/3, min(n, 60)))
	cast := make([]Person, 0, n)
	seen := map[string]bool{}
	for _, p := range known[:nKnown] {
		s := sideOf(p.nationality)
		cast = append(cast, Person{
			Name: p.name, Surname: surnameOf(p.name, s.culture), Nationality: p.nationality,
			Office: pick(r, offices), Honorific: s.honorific, Real: true,
		})
		seen[p.name] = true
	}
	for len(cast) < n {
		s := sides[r.IntN(len(sides))]
		name, surname := inventName(lx, r, s.culture)
		if seen[name] {
			continue
		}
		seen[name] = true
		office := ""
		if r.IntN(3) > 0 {
			office = pick(r, offices)
		}
		cast = append(cast, Person{Name: name, Surname: surname, Nationality: s.country, Office: office, Honorific: s.honorific})
	}
	// interleave real and generated people in the tail, keep the head real
	head := min(len(cast), 20)
	tail := cast[head:]
	r.Shuffle(len(tail), func(i, j int) { tail[i], tail[j] = tail[j], tail[i] })
	return cast
}

func sideOf(country string) side {
	for _, s := range sides {
		if s.country == country {
			return s
		}
	}
	return sides[2]
}

// surnameOf is how later sentences call a known person: the family name,
// which comes first in Chinese and Vietnamese names.
func surnameOf(name, culture string) string {
	f := strings.Fields(name)
	if len(f) == 0 {
		return name
	}
	if culture == "chinese" || culture == "vietnamese" {
		return f[0]
	}
	return f[len(f)-1]
}

func inventName(lx *lexicons, r *rand.Rand, culture string) (name, surname string) {
	switch culture {
	case "chinese":
		s := pick(r, chineseSurnames)
		g := pick(r, lx.pinyin) + pick(r, lx.pinyin)
		g = strings.ToUpper(g[:1]) + g[1:]
		return s + " " + g, s
	case "vietnamese":
		s := pick(r, surnameParts["vietnamese"][0])
		return s + " " + pick(r, vietnameseGiven[0]) + " " + pick(r, vietnameseGiven[1]), s
	}
	parts := surnameParts[culture]
	s := pick(r, parts[0]) + pick(r, parts[1])
	given := lx.given[culture]
	if culture == "serbian" {
		given = lx.given["serbo-croatian-slovene"]
	}
	if len(given) == 0 {
		given = lx.given["english"]
	}
	g := pick(r, given)
	if culture == "english" && r.IntN(3) == 0 {
		g += " " + string(rune('A'+r.IntN(26))) + "."
	}
	return g + " " + s, s
}

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

// zipf draws ranks 0..n-1 with probability proportional to 1/(rank+1)^s:
// a few people in most documents, most people in one or two.
type zipf struct{ cum []float64 }

func newZipf(n int, s float64) zipf {
	cum := make([]float64, n)
	total := 0.0
	for i := range n {
		total += 1 / math.Pow(float64(i+1), s)
		cum[i] = total
	}
	for i := range cum {
		cum[i] /= total
	}
	return zipf{cum}
}

func (z zipf) draw(r *rand.Rand) int {
	return min(sort.SearchFloat64s(z.cum, r.Float64()), len(z.cum)-1)
}
