package synthetic

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"unicode"
	"unicode/utf8"
)

// date is a calendar day of the period.
type date struct{ y, m, d int }

var months = []string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}

func (t date) iso() string       { return fmt.Sprintf("%04d-%02d-%02d", t.y, t.m, t.d) }
func (t date) us() string        { return fmt.Sprintf("%s %d, %d", months[t.m-1], t.d, t.y) }
func (t date) eu() string        { return fmt.Sprintf("%d %s %d", t.d, months[t.m-1], t.y) }
func (t date) monthYear() string { return fmt.Sprintf("%s %d", months[t.m-1], t.y) }

// before is a day some months earlier, in the same period.
func (t date) before(r *rand.Rand, maxMonths int) date {
	back := 1 + r.IntN(maxMonths)
	m := t.m - back
	y := t.y
	for m < 1 {
		m += 12
		y--
	}
	return date{y, m, 1 + r.IntN(28)}
}

// writer builds one document.
type writer struct {
	g      *Generator
	r      *rand.Rand
	b      strings.Builder
	date   date
	place  string
	host   side
	guest  side
	named  map[int]bool // cast indices named so far
	people []int        // the participants, principals first
	topic  string
}

var topics = []string{
	"the Cultural Revolution", "the Berlin question", "economic aid", "the situation in Laos",
	"the Soviet line", "disarmament", "the border question", "trade and credits",
	"the war in Vietnam", "the unity of the socialist camp", "the nuclear test ban",
	"the United Nations", "the situation in the Middle East", "the five-year plan",
	"the Taiwan Strait", "relations with Yugoslavia", "the Warsaw Pact", "the grain harvest",
}

func newWriter(g *Generator, r *rand.Rand) *writer {
	w := &writer{g: g, r: r, named: map[int]bool{}}
	w.date = date{1949 + r.IntN(41), 1 + r.IntN(12), 1 + r.IntN(28)}
	w.host = pick(r, sides)
	for w.guest = pick(r, sides); w.guest.country == w.host.country; w.guest = pick(r, sides) {
	}
	w.place = w.host.capital
	if r.IntN(4) == 0 {
		w.place = pick(r, g.lx.cities)
	}
	w.topic = pick(r, topics)
	n := 2 + r.IntN(5)
	for len(w.people) < n {
		p := g.z.draw(r)
		if !contains(w.people, p) {
			w.people = append(w.people, p)
		}
	}
	return w
}

func contains(xs []int, x int) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// person returns how the text names cast member i: in full with office the
// first time, shorter after.
func (w *writer) person(i int) string {
	p := w.g.cast[i]
	if !w.named[i] {
		w.named[i] = true
		return p.Titled()
	}
	if w.r.IntN(2) == 0 {
		return p.Short()
	}
	return p.Surname
}

// someone is a person drawn from the whole cast (mostly the central
// figures), or one of the participants.
func (w *writer) someone() int {
	if w.r.IntN(3) == 0 {
		return pick(w.r, w.people)
	}
	return w.g.z.draw(w.r)
}

func (w *writer) other(not int) int {
	for {
		if p := w.someone(); p != not {
			return p
		}
	}
}

func (w *writer) org() string {
	switch w.r.IntN(3) {
	case 0:
		return "the " + w.host.party
	case 1:
		return "the " + pick(w.r, w.g.lx.orgs)
	}
	return "the Central Committee"
}

func (w *writer) paper() string {
	if w.r.IntN(2) == 0 {
		return w.host.paper
	}
	return pick(w.r, w.g.lx.newspapers)
}

func (w *writer) country() string {
	if w.r.IntN(2) == 0 {
		return pick(w.r, sides).country
	}
	return pick(w.r, w.g.lx.countries)
}

// when is a past time of an event: an absolute date, a month, a year, or an
// expression relative to the document's date.
func (w *writer) when() string {
	t := w.date.before(w.r, 48)
	switch w.r.IntN(9) {
	case 0:
		return "on " + t.us()
	case 1:
		return "on " + t.eu()
	case 2:
		return "in " + t.monthYear()
	case 3:
		return fmt.Sprintf("in %d", t.y)
	case 4:
		return "last year"
	case 5:
		return fmt.Sprintf("in %s of last year", months[w.r.IntN(12)])
	case 6:
		return fmt.Sprintf("%s years ago, in %s", pick(w.r, []string{"two", "three", "four"}), months[w.r.IntN(12)])
	case 7:
		return pick(w.r, []string{"the day before yesterday", "yesterday", "last month", "last week", "earlier this year"})
	}
	return fmt.Sprintf("in the spring of %d", t.y)
}

// future is a time to come, relative to the document's date.
func (w *writer) future() string {
	return pick(w.r, []string{"tomorrow", "next week", "next month", "next year", "in the coming days", "before the end of the year"})
}

var ordinals = []string{"First", "Second", "Third", "Fourth", "Fifth", "Sixth", "Seventh", "Eighth", "Ninth", "Tenth", "Eleventh", "Twelfth"}

// sentence is one sentence of the body: an event (purge, plenum, meeting,
// publication) about half the time, else talk that names people, places
// and countries, or plain diplomatic filler.
func (w *writer) sentence(speaker int) string {
	r := w.r
	// real records name someone in about every other sentence; the rest is
	// talk about positions, principles and the course of the meeting
	if r.IntN(2) == 0 {
		return pick(r, filler)
	}
	switch r.IntN(16) {
	case 0:
		return fmt.Sprintf("%s, %s, %s expelled %s from the party.", upperFirst(w.when()), w.aside(), w.org(), w.person(w.someone()))
	case 1:
		a := w.someone()
		return fmt.Sprintf("The Politburo dismissed %s and %s from their posts %s.", w.person(a), w.person(w.other(a)), w.when())
	case 2:
		return fmt.Sprintf("%s was purged %s for his contacts with %s.", upperFirst(w.person(w.someone())), w.when(), w.country())
	case 3:
		return fmt.Sprintf("The %s Plenum of the Central Committee met in %s %s.", pick(r, ordinals), pick(r, w.g.lx.cities), w.when())
	case 4:
		return fmt.Sprintf("At the plenum %s %s spoke on %s.", w.when(), w.person(w.someone()), pick(r, topics))
	case 5:
		a := w.someone()
		return fmt.Sprintf("%s met %s in %s %s.", upperFirst(w.person(a)), w.person(w.other(a)), pick(r, w.g.lx.cities), w.when())
	case 6:
		return fmt.Sprintf("%s received the delegation of %s %s.", upperFirst(w.person(w.someone())), w.org(), w.when())
	case 7:
		return fmt.Sprintf("%s published an editorial %s on %s.", w.paper(), w.when(), pick(r, topics))
	case 8:
		return fmt.Sprintf("%s published an article in %s %s.", upperFirst(w.person(w.someone())), w.paper(), w.when())
	case 9:
		return fmt.Sprintf("%s said that the situation in %s remained serious.", upperFirst(w.person(w.someone())), w.country())
	case 10:
		return fmt.Sprintf("He added that %s could not accept such terms, and that %s knew it well.", w.country(), w.person(w.someone()))
	case 11:
		return fmt.Sprintf("%s will go to %s %s to discuss %s.", upperFirst(w.person(w.someone())), pick(r, w.g.lx.cities), w.future(), pick(r, topics))
	case 12:
		return fmt.Sprintf("We have followed closely what %s said %s about %s.", w.person(w.someone()), w.when(), pick(r, topics))
	}
	return pick(r, filler)
}

func (w *writer) aside() string {
	return pick(w.r, []string{"as is well known", "as you know", "after a long struggle", "on the proposal of the Politburo"})
}

var filler = []string{
	"The two sides agreed to continue the exchange of views.",
	"This question cannot be settled by one side alone.",
	"Our position on this matter has not changed.",
	"The talks were held in a friendly and frank atmosphere.",
	"He said that he would report the conversation to his government.",
	"There was no disagreement on the main point.",
	"The harvest this year was better than expected.",
	"Our party has always defended the principles of equality between parties.",
	"The imperialists want to divide us, but they will not succeed.",
	"The question of credits was left for a later meeting.",
	"He replied that he had no instructions on this point.",
	"It is necessary to be vigilant against revisionism.",
	"He went on to say that the question had been discussed at length on both sides, and that in his view there was no reason why it should stand in the way of better relations between the two countries.",
	"The discussion then turned to the economic situation, which he described as difficult but improving, and to the measures that had been taken to increase production in industry and in the countryside.",
	"He said that the position of his government had been made clear many times, that it rested on the principles of equality and non-interference, and that it would not be changed by pressure from any quarter.",
	"In reply to a question he said that the matter was being studied and that a decision would be taken only after all the consequences had been weighed with the greatest care.",
	"It was agreed that the experts of both sides would meet to prepare the documents, and that the results of their work would be reported to the leaders before any public statement was made.",
	"He stressed that the people would not forget the help they had received in the most difficult years, and that the friendship between the two parties was founded on common principles and not on passing interests.",
	"The press of the other side had printed many false reports on this subject, and it was necessary to answer them calmly, with facts, and without descending to the level of abuse.",
	"He remarked that the international situation was becoming more tense, that the danger of war had not diminished, and that all peace-loving countries had to remain united and vigilant.",
	"Asked whether this meant a change of policy, he answered that it did not, and that the line adopted earlier remained in force in all its parts.",
	"He then spoke at some length about the difficulties of transport and supply in the remote provinces, where the roads were poor and the winter had been unusually hard.",
}

func upperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

// paragraph is 2–6 sentences.
func (w *writer) paragraph(speaker int) string {
	n := 2 + w.r.IntN(5)
	parts := make([]string, n)
	for i := range parts {
		parts[i] = w.sentence(speaker)
	}
	return strings.Join(parts, " ")
}

func (w *writer) line(format string, args ...any) {
	fmt.Fprintf(&w.b, format, args...)
	w.b.WriteByte('\n')
}

func (w *writer) blank() { w.b.WriteByte('\n') }

// classification of the document.
func (w *writer) classification() string {
	return pick(w.r, []string{"Secret", "Top Secret", "Confidential", "Secret", "Strictly Confidential"})
}

// record writes a translated record of conversation in the Wilson Center
// layout, with speaker turns.
func (w *writer) record(target, i int) {
	a, b := w.people[0], w.people[1]
	pa, pb := w.g.cast[a], w.g.cast[b]
	title := fmt.Sprintf("Record of Conversation between %s and %s %s", pa.Titled(), pb.Honorific, pb.Name)
	w.line("%s", w.date.us())
	w.blank()
	w.line("**%s**", title)
	w.blank()
	w.line("Citation:")
	w.blank()
	translator := w.g.cast[w.g.z.draw(w.r)].Name
	w.line("%q, %s, Synthetic Archive, Fond %d, Dos. %d. A synthetic document generated by dossier gen (seed %d), not an archival record. Translated by %s.",
		title, w.date.us(), 1+w.r.IntN(120), 1+w.r.IntN(40), w.g.seed, translator)
	w.line("<https://synthetic.dossier-archive.example/document/%d-%d>", w.g.seed, i)
	w.blank()
	w.line("Summary:")
	w.blank()
	w.line("%s and %s discuss %s.", pa.Name, pb.Name, w.topic)
	w.blank()
	w.line("Original Language:")
	w.blank()
	w.line("%s", pick(w.r, []string{"Chinese", "Russian", "Albanian", "Vietnamese", "German", "Polish"}))
	w.blank()
	w.line("Contents:")
	w.blank()
	w.line("Translation - English")
	w.blank()
	w.line("%s", w.classification())
	w.blank()
	start := 8 + w.r.IntN(10)
	w.line("Time of meeting: %s, from %d:00 until %d:30", w.date.eu(), start, start+1+w.r.IntN(3))
	w.blank()
	w.line("Place of meeting: %s, %s", pick(w.r, []string{"Great Hall", "Reception Room", "Government Guest House", "Room nr. 12", "Embassy Residence"}), w.place)
	w.blank()
	var parts []string
	for _, p := range w.people[2:] {
		parts = append(parts, w.g.cast[p].Name)
		w.named[p] = true
	}
	if len(parts) > 0 {
		w.line("Participants: %s", strings.Join(parts, ", "))
		w.blank()
	}
	w.named[b] = true
	w.line("%s received %s %s and the members of the %s delegation.", w.person(a), pb.Honorific, pb.Name, w.guest.country)
	w.blank()
	labels := []string{pa.Short() + ":", pb.Honorific + " " + pb.Name + ":"}
	for turn := 0; w.b.Len() < target; turn++ {
		speaker := []int{a, b}[turn%2]
		w.line("%s %s", labels[turn%2], w.paragraph(speaker))
		w.blank()
	}
	w.line("The conversation ended %s.", pick(w.r, []string{"at a late hour", "in a cordial atmosphere", "with an exchange of toasts"}))
}

// memo writes a FRUS-style memorandum of conversation.
func (w *writer) memo(target, i int) {
	w.line("%d. Memorandum of Conversation[^1]", 1+i%400)
	w.blank()
	h := 1 + w.r.IntN(12)
	w.line("%s, %s, %d:%02d %s", w.place, w.date.us(), h, 15*w.r.IntN(4), pick(w.r, []string{"a.m.", "p.m."}))
	w.blank()
	w.line("SUBJECT")
	w.line("%s", upperFirst(w.topic))
	w.blank()
	w.line("PARTICIPANTS")
	for _, p := range w.people {
		w.line("%s", w.g.cast[p].Titled())
		w.named[p] = true
	}
	w.blank()
	for w.b.Len() < target {
		w.line("%s", w.paragraph(-1))
		w.blank()
	}
	drafter := w.g.cast[w.people[len(w.people)-1]]
	w.line("Footnotes")
	w.blank()
	w.line("[^1] Source: Synthetic Archive, Lot %d D %d, Box %d; a synthetic document generated by dossier gen (seed %d), not an archival record. %s; Limited Distribution. Drafted by %s on %s %d.",
		60+w.r.IntN(20), 100+w.r.IntN(400), 1+w.r.IntN(30), w.g.seed, w.classification(), drafter.Surname, months[w.date.m-1], w.date.d)
}

// report writes a plain embassy report with "Label: value" lines.
func (w *writer) report(target, i int) {
	w.line("Title: Report of the Embassy in %s on %s", w.place, w.topic)
	w.line("Date: %s", w.date.iso())
	w.line("Place: %s", w.place)
	w.line("Classification: %s", w.classification())
	w.line("Source: https://synthetic.dossier-archive.example/document/%d-%d", w.g.seed, i)
	w.line("Summary: A synthetic document generated by dossier gen (seed %d), not an archival record.", w.g.seed)
	w.blank()
	for n := 1; w.b.Len() < target; n++ {
		w.line("%d. %s", n, w.paragraph(-1))
		w.blank()
	}
	w.line("Ambassador")
}
