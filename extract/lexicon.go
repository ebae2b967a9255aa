package extract

// Lexicon is the knowledge the extractor reads from data/lexicon: titles,
// places, organizations, authority lists, romanization tables.
type Lexicon struct{}

// DefaultLexicon loads the lexicons embedded in the binary.
func DefaultLexicon() (*Lexicon, error) { return &Lexicon{}, nil }
