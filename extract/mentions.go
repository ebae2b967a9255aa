package extract

// FindMentions finds mentions of people, organizations and places.
func FindMentions(doc *Document, lex *Lexicon) {}
