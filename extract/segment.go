package extract

// Segment splits the body into paragraphs, sentences and speaker turns.
func Segment(doc *Document) {}
