package ontology

// The classes and properties the mapping uses, as full IRIs, so that code
// elsewhere (queries, network projections) names them without typing
// namespaces by hand.
const (
	RDFType = RDF + "type"

	RDFSLabel   = RDFS + "label"
	RDFSComment = RDFS + "comment"

	OWLSameAs = OWL + "sameAs"

	SKOSAltLabel = SKOS + "altLabel"

	XSDString             = XSD + "string"
	XSDBoolean            = XSD + "boolean"
	XSDInteger            = XSD + "integer"
	XSDNonNegativeInteger = XSD + "nonNegativeInteger"
	XSDDate               = XSD + "date"
	XSDDateTime           = XSD + "dateTime"
	XSDGYear              = XSD + "gYear"
	XSDGYearMonth         = XSD + "gYearMonth"

	DCTermsTitle       = DCTerms + "title"
	DCTermsDate        = DCTerms + "date"
	DCTermsSource      = DCTerms + "source"
	DCTermsLanguage    = DCTerms + "language"
	DCTermsCitation    = DCTerms + "bibliographicCitation"
	DCTermsAbstract    = DCTerms + "abstract"
	DCTermsSubject     = DCTerms + "subject"
	DCTermsIdentifier  = DCTerms + "identifier"
	FOAFDocument       = FOAF + "Document"
	ProvWasDerivedFrom = PROV + "wasDerivedFrom"

	SchemaCreativeWork    = Schema + "CreativeWork"
	SchemaPerson          = Schema + "Person"
	SchemaOrganization    = Schema + "Organization"
	SchemaPlace           = Schema + "Place"
	SchemaMentions        = Schema + "mentions"
	SchemaTranslator      = Schema + "translator"
	SchemaCreditText      = Schema + "creditText"
	SchemaLocationCreated = Schema + "locationCreated"
	SchemaJobTitle        = Schema + "jobTitle"
	SchemaNationality     = Schema + "nationality"
	SchemaMemberOf        = Schema + "memberOf"
	SchemaPosition        = Schema + "position"

	SEMEvent              = SEM + "Event"
	SEMHasActor           = SEM + "hasActor"
	SEMHasPlace           = SEM + "hasPlace"
	SEMHasTimeStamp       = SEM + "hasTimeStamp"
	SEMHasBeginTimeStamp  = SEM + "hasBeginTimeStamp"
	SEMHasEndTimeStamp    = SEM + "hasEndTimeStamp"
	NIFContext            = NIF + "Context"
	NIFString             = NIF + "String"
	NIFRFC5147String      = NIF + "RFC5147String"
	NIFPhrase             = NIF + "Phrase"
	NIFSentence           = NIF + "Sentence"
	NIFIsString           = NIF + "isString"
	NIFAnchorOf           = NIF + "anchorOf"
	NIFBeginIndex         = NIF + "beginIndex"
	NIFEndIndex           = NIF + "endIndex"
	NIFReferenceContext   = NIF + "referenceContext"
	ITSRDFTaIdentRef      = ITSRDF + "taIdentRef"
	DossierPurge          = Dossier + "Purge"
	DossierPlenum         = Dossier + "Plenum"
	DossierMeeting        = Dossier + "Meeting"
	DossierPublication    = Dossier + "Publication"
	DossierTurn           = Dossier + "Turn"
	DossierTemporalExpr   = Dossier + "TemporalExpression"
	DossierAgent          = Dossier + "agent"
	DossierTarget         = Dossier + "target"
	DossierSpeaker        = Dossier + "speaker"
	DossierSpeakerLabel   = Dossier + "speakerLabel"
	DossierTurnOf         = Dossier + "turnOf"
	DossierEvidence       = Dossier + "evidence"
	DossierTrigger        = Dossier + "trigger"
	DossierDateExpression = Dossier + "dateExpression"
	DossierDateValue      = Dossier + "dateValue"
	DossierIsRelative     = Dossier + "isRelative"
	DossierContentHash    = Dossier + "contentHash"
	DossierClassification = Dossier + "classification"
	DossierText           = Dossier + "text"
	// DossierDateInterval is the datatype of a date span "START/END" (ISO
	// 8601 interval notation, each end an xsd:date, xsd:gYearMonth or
	// xsd:gYear lexical form).
	DossierDateInterval = Dossier + "dateInterval"
)
