package extract

// FindEvents finds typed events and their participants.
func FindEvents(doc *Document, lex *Lexicon) {}
