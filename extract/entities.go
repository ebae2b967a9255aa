package extract

// ResolveEntities groups mentions into entities with canonical names.
func ResolveEntities(doc *Document, lex *Lexicon) {}
