package extract

// FindDates finds temporal expressions and normalizes them.
func FindDates(doc *Document) {}
