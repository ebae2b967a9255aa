package extract

// Context that makes an unknown name a place: a single capitalized word
// after a locative preposition ("in Snagov", "near Pleiku", "flew to
// Xiengkhouang") or before a generic place noun in lower case ("the
// Csepel works", "Khammouane province") is far more often a place than a
// person. Persons are kept where the document says so (a title, a given
// name, the authority list, speech).

// locPreps are prepositions that put a place after them, whatever the
// verb before.
var locPreps = map[string]bool{
	"in": true, "at": true, "near": true, "outside": true, "around": true, "via": true,
	"across": true, "throughout": true, "beyond": true, "within": true, "inside": true,
	"into": true, "towards": true, "toward": true,
}

// motionWords are words before "to" or "from" that make what follows a
// place ("flew to", "returned from", "the road to", "50 km from").
var motionWords = map[string]bool{
	"went": true, "go": true, "goes": true, "going": true, "gone": true, "flew": true, "fly": true, "flying": true,
	"flight": true, "flights": true, "travel": true, "traveled": true, "travelled": true, "traveling": true,
	"travelling": true, "trip": true, "trips": true, "journey": true, "visit": true, "visits": true, "visited": true,
	"way": true, "road": true, "route": true, "railway": true, "railroad": true, "line": true, "moved": true,
	"move": true, "transferred": true, "came": true, "come": true, "comes": true, "coming": true, "arrived": true,
	"back": true, "returned": true, "return": true, "returning": true, "headed": true, "fled": true, "escaped": true,
	"deported": true, "exiled": true, "evacuated": true, "withdrawn": true, "withdrew": true, "marched": true,
	"advanced": true, "drove": true, "driven": true, "sailed": true, "shipped": true,
	"km": true, "kilometers": true, "kilometres": true, "miles": true, "north": true, "south": true, "east": true,
	"west": true, "train": true, "trains": true, "bus": true, "convoy": true, "convoys": true, "troops": true,
	"units": true, "refugees": true, "emigrated": true, "departed": true, "left": true, "reached": true,
}

// placeNouns are lower-case nouns after a name that make it a place
// ("Savannakhet province", "the Csepel works").
var placeNouns = map[string]bool{
	"province": true, "provinces": true, "region": true, "district": true, "districts": true, "oblast": true,
	"county": true, "city": true, "town": true, "village": true, "villages": true, "area": true,
	"plant": true, "works": true, "steelworks": true, "factory": true, "shipyard": true, "shipyards": true,
	"airfield": true, "airport": true, "mine": true, "mines": true, "valley": true, "river": true,
	"border": true, "frontier": true, "crossing": true, "station": true, "harbor": true, "harbour": true,
	"garrison": true, "base": true, "camp": true, "prison": true, "suburb": true, "quarter": true,
	"residence": true, "villa": true, "monastery": true, "highway": true, "sector": true, "front": true,
}

// placeCue reports whether the context of candidate c says it is a place.
func (f *finder) placeCue(c *nameCand) bool {
	n := 0
	for k := c.start; k < c.end; k = f.next(k) {
		if f.toks[k].kind != tWord {
			continue
		}
		n++
		if f.givenName(k) || f.toks[k].initial || f.toks[k].hasDigit || f.toks[k].allCaps && !f.toks[k].caps {
			return false
		}
		if _, ok := f.lex.persSur[f.keys[k]]; ok {
			return false
		}
		if _, ok := f.lex.titles[f.keys[k]]; ok {
			return false
		}
	}
	if n == 0 || n > 3 {
		return false
	}
	last := c.end - 1
	if nx := f.next(last); f.word(nx) && !f.toks[nx].cap && f.toks[last].poss == 0 && f.joinable(last, nx) && placeNouns[f.keys[nx]] {
		return true
	}
	if n > 1 || f.personCue(c) {
		return false
	}
	p := c.start - 1
	for p >= 0 && f.toks[p].kind == tFoot {
		p--
	}
	if !f.word(p) || f.toks[p].cap && !f.toks[p].sentStart || !f.joinable(p, c.start) {
		return false
	}
	key := f.keys[p]
	if f.toks[p].sentStart && (key == "to" || key == "from" || locPreps[key]) {
		// "To Hegyeshalom in the Legation car", "In Pskovitsa he met"
		return f.toks[last].poss == 0 && (locPreps[key] || !f.isComma(f.next(last)))
	}
	if key == "the" && !f.commonish(c.start) && f.word(p-1) && !f.toks[p-1].cap && f.joinable(p-1, p) && locPreps[f.keys[p-1]] {
		return f.toks[last].poss == 0 // "lunch at the Gerbeaud"
	}
	if locPreps[key] {
		// "in Tito's view": a possessive before a noun is a person's
		if f.toks[last].poss > 0 {
			return false
		}
		// "confidence in Mobutu", "angry at Ulbricht": a person
		if q := p - 1; f.word(q) && personBeforePrep[f.keys[q]+" "+key] {
			return false
		}
		return true
	}
	if key == "to" || key == "from" {
		if f.toks[last].poss > 0 {
			return false
		}
		q := p - 1
		if !f.word(q) {
			return false
		}
		if key == "to" && f.toks[q].cap && q >= 1 && f.word(q-1) && f.keys[q-1] == "from" && f.placeEndsAt(q) {
			return true // "moved from Kretovo to Zalesye"
		}
		// "went to Hillenbrand, Brown, and Sonnenfeldt": a list is typed
		// by its items
		if nx := f.next(last); nx < len(f.toks) && (f.isComma(nx) || f.isAnd(nx)) {
			return false
		}
		return motionWords[f.keys[q]] || f.toks[q].hasDigit
	}
	return false
}

// orgNouns are lower-case nouns after a name that make it an enterprise
// or a body ("the Uralasbest combine", "the Lenin kolkhoz").
var orgNouns = map[string]bool{
	"combine": true, "kombinat": true, "trust": true, "kolkhoz": true, "sovkhoz": true,
	"cooperative": true, "enterprise": true, "conglomerate": true, "consortium": true,
}

// contextType is the type the context gives an unknown candidate: a place
// (placeCue), an organization before an enterprise noun, or none.
func (f *finder) contextType(c *nameCand) EntityType {
	last := c.end - 1
	if nx := f.next(last); c.end-c.start <= 2 && f.word(nx) && !f.toks[nx].cap && f.toks[last].poss == 0 && f.joinable(last, nx) && orgNouns[f.keys[nx]] && f.determinerBefore(c.start) {
		return Organization
	}
	if f.placeCue(c) {
		return Place
	}
	return ""
}

// placeEndsAt reports whether a candidate typed as a place ends at token k.
func (f *finder) placeEndsAt(k int) bool {
	if k < 0 || k >= len(f.byLast) {
		return false
	}
	for ci := f.byLast[k]; ci >= 0; ci = f.nextLast[ci] {
		if f.cands[ci].typ == Place {
			return true
		}
	}
	return false
}

// personBeforePrep are a word and a locative preposition that put a
// person, not a place, after them.
var personBeforePrep = map[string]bool{
	"confidence in": true, "faith in": true, "interest in": true, "interested in": true,
	"belief in": true, "believe in": true, "believed in": true, "disappointed in": true,
	"look at": true, "looked at": true, "angry at": true, "aimed at": true, "directed at": true,
	"laughed at": true, "shouted at": true, "glanced at": true, "smiled at": true, "pointed at": true,
	"jab at": true, "swipe at": true, "dig at": true, "attack at": true, "sneered at": true,
}
