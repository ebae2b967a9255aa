package extract

// ReadHeader reads the document's own header into doc.Meta.
func ReadHeader(doc *Document) {}
