package extract

// wordShapes answers, without hashing, whether a word may be one of a set
// of words: by its length and its first two bytes (as lower-case ASCII
// letters, anything else counting as one "other" letter). Most words of a
// text are in none of the small sets the stages look words up in (date
// cues, event words), and this spares them the map.
type wordShapes []bool // by len(w)*27*27 + first*27 + second

// newWordShapes returns the shapes of the words (nil: none).
func newWordShapes(words []string) wordShapes {
	n := 0
	for _, w := range words {
		n = max(n, len(w))
	}
	ws := make(wordShapes, (n+1)*27*27)
	for _, w := range words {
		ws[shapeIndex(w)] = true
	}
	return ws
}

// shapeLetter is w[i] as a letter a-z (0-25, either case), else 26.
func shapeLetter(w string, i int) int {
	if i >= len(w) {
		return 26
	}
	return int(shapeLetters[w[i]])
}

// shapeLetters maps a byte to its letter (0-25, either case), else 26.
var shapeLetters = func() (t [256]uint8) {
	for b := range t {
		t[b] = 26
		if c := byte(b) | 0x20; 'a' <= c && c <= 'z' {
			t[b] = c - 'a'
		}
	}
	return t
}()

// mayHold reports whether w, or w in lower case when it is ASCII, may be
// one of the words: false means it is none of them.
func (ws wordShapes) mayHold(w string) bool {
	i := shapeIndex(w)
	return i < len(ws) && ws[i]
}

func shapeIndex(w string) int {
	return (len(w)*27+shapeLetter(w, 0))*27 + shapeLetter(w, 1)
}

// wordTable gives the distinct words of a document their indices: open
// addressing on an FNV-1a hash, cheaper than a map for the look-up each
// token of a document makes.
type wordTable struct {
	slots []int32 // 1 + index into keys; 0 for an empty slot
	keys  []string
}

// reset empties the table, sized for about n words.
func (t *wordTable) reset(n int) {
	size := 64
	for size < 2*n {
		size *= 2
	}
	if cap(t.slots) >= size {
		t.slots = t.slots[:size]
		clear(t.slots)
	} else {
		t.slots = make([]int32, size)
	}
	clear(t.keys) // let go of the last document's words
	t.keys = t.keys[:0]
}

// index returns the index of word w, adding it if it is new (added true).
func (t *wordTable) index(w string) (i int32, added bool) {
	if 2*len(t.keys) >= len(t.slots) {
		t.grow()
	}
	h := uint32(2166136261)
	for k := 0; k < len(w); k++ {
		h = (h ^ uint32(w[k])) * 16777619
	}
	mask := uint32(len(t.slots) - 1)
	for s := h & mask; ; s = (s + 1) & mask {
		switch j := t.slots[s]; {
		case j == 0:
			t.keys = append(t.keys, w)
			t.slots[s] = int32(len(t.keys))
			return int32(len(t.keys) - 1), true
		case t.keys[j-1] == w:
			return j - 1, false
		}
	}
}

func (t *wordTable) grow() {
	keys := t.keys
	t.slots = make([]int32, 2*len(t.slots))
	t.keys = t.keys[:0]
	for _, w := range keys {
		t.index(w)
	}
}
