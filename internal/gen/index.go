package main

import (
	"github.com/httpstatus/httpstatus"
	"github.com/httpstatus/httpstatus/internal/textindex"
)

// searchDocs says what the search index learns of each entry, in catalogue
// order, and how much each field weighs.
func searchDocs(es []httpstatus.Entry) []textindex.Doc {
	docs := make([]textindex.Doc, len(es))
	for i, e := range es {
		f := []textindex.Field{{Text: e.Name, Weight: textindex.WeightName, Phrase: true}}
		if e.IANAName != "" && e.IANAName != e.Name {
			f = append(f, textindex.Field{Text: e.IANAName, Weight: textindex.WeightAlias, Phrase: true})
		}
		for _, a := range e.Aliases {
			f = append(f, textindex.Field{Text: a, Weight: textindex.WeightAlias, Phrase: true})
		}
		for _, k := range e.Keywords {
			f = append(f, textindex.Field{Text: k, Weight: textindex.WeightKeyword, Phrase: true})
		}
		f = append(f,
			textindex.Field{Text: e.Vendor, Weight: textindex.WeightVendor, Vendor: true},
			textindex.Field{Text: e.Summary, Weight: textindex.WeightSummary},
			textindex.Field{Text: e.Message, Weight: textindex.WeightMessage},
			textindex.Field{Text: e.Description, Weight: textindex.WeightDescr},
			textindex.Field{Text: e.APIUsage, Weight: textindex.WeightAPIUsage},
		)
		for _, u := range e.UseCases {
			f = append(f, textindex.Field{Text: u, Weight: textindex.WeightUseCase})
		}
		for _, m := range e.Mistakes {
			f = append(f, textindex.Field{Text: m, Weight: textindex.WeightMistake})
		}
		docs[i] = textindex.Doc{Code: e.Code, Official: e.Registration != httpstatus.Unofficial, Vendor: e.Vendor != "", Target: i, Fields: f}
	}
	return docs
}

// signalDocs returns the search documents of a signal: one for each code it
// stands for, counting for that code's entry, the later codes a little less.
// A signal is evidence of its own, so a vendor's meaning found through one
// is not discounted as vendor meanings are.
func signalDocs(es []httpstatus.Entry, s httpstatus.Signal) []textindex.Doc {
	text := textindex.Field{Text: s.Text, Weight: textindex.WeightSignal, Phrase: true, Ident: true}
	if s.Kind == httpstatus.Constant {
		text = textindex.Field{Text: s.Text, IdentOnly: true}
	}
	f := []textindex.Field{text, {Text: s.Product, Weight: textindex.WeightProduct, Vendor: true}}
	docs := make([]textindex.Doc, len(s.Codes))
	for i, c := range s.Codes {
		docs[i] = textindex.Doc{Code: c, Official: true, Target: target(es, c, s.Product), Prior: 1 - 0.05*float64(i), Copied: true, Fields: f}
	}
	return docs
}

// situationDoc returns the search document of a situation: its title and
// keywords in the words developers use, and its reasoning, counting for
// its code's entry as a signal does. A situation is evidence of its own,
// like a signal, so it is not discounted.
func situationDoc(es []httpstatus.Entry, s httpstatus.Situation) textindex.Doc {
	f := []textindex.Field{{Text: s.Title, Weight: textindex.WeightName, Phrase: true}}
	for _, k := range s.Keywords {
		f = append(f, textindex.Field{Text: k, Weight: textindex.WeightKeyword, Phrase: true})
	}
	f = append(f, textindex.Field{Text: s.Why, Weight: textindex.WeightUseCase})
	return textindex.Doc{Code: s.Code, Official: true, Target: target(es, s.Code, ""), Fields: f}
}

// guideDoc returns the search document of a row of the REST/JSON API
// guide: its method and outcome, and why, counting for its code's entry.
func guideDoc(es []httpstatus.Entry, r httpstatus.GuideRow) textindex.Doc {
	f := []textindex.Field{
		{Text: r.Method + " " + r.Outcome, Weight: textindex.WeightKeyword, Phrase: true},
		{Text: r.Why, Weight: textindex.WeightUseCase},
	}
	return textindex.Doc{Code: r.Code, Official: true, Target: target(es, r.Code, ""), Fields: f}
}
