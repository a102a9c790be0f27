package httpstatus

import "slices"

// Signals returns every signal of the catalogue: the exceptions, constants,
// log lines, platform errors and client messages that stand for a status
// code, ordered by code, then product, then text. The identifiers an Entry
// lists in its Constants are not repeated here (Search finds them all).
func Signals() []Signal {
	out := make([]Signal, listedSignals)
	for i := range out {
		out[i] = signalRecords[i].signal()
	}
	return out
}

// SignalsFor returns the signals that stand for code, in the order of
// Signals, or none.
func SignalsFor(code int) []Signal {
	var out []Signal
	for i := range listedSignals {
		if r := &signalRecords[i]; slices.Contains(r.codes(), code) {
			out = append(out, r.signal())
		}
	}
	return out
}

// The signals are generated without pointers, as spans of one text, so
// that the garbage collector, which scans package data at every cycle,
// does not walk thousands of strings that never change. A Signal is made
// from its record when asked for: its strings share the generated text,
// its lists are its own.

// A textSpan is the part [start, end) of a generated text or list.
type textSpan [2]uint32

// of returns the part of text s covers.
func (s textSpan) of(text string) string { return text[s[0]:s[1]] }

// A signalRecord is a Signal as spans, indexed by the constants below: of
// signalText for its strings, of signalCodes for Codes and of signalCauses
// for Causes.
type signalRecord [signalFields]textSpan

// The fields of a signalRecord, in the order the generator writes them.
const (
	sigText = iota
	sigKind
	sigProduct
	sigComponent
	sigVersions
	sigMeaning
	sigFix
	sigSource
	sigNote
	sigCodes
	sigCauses
	signalFields
)

// codes returns the span of signalCodes that holds r's codes.
func (r *signalRecord) codes() []int { return signalCodes[r[sigCodes][0]:r[sigCodes][1]] }

// signal returns the Signal r records.
func (r *signalRecord) signal() Signal {
	var a entryArena
	a.fitSignal(r)
	return r.signalIn(&a)
}

// fitSignal asks for room in a for the lists of the signal r records.
func (a *entryArena) fitSignal(r *signalRecord) {
	a.nInts += int(r[sigCodes][1] - r[sigCodes][0])
	a.nStrs += int(r[sigCauses][1] - r[sigCauses][0])
}

// signalIn returns the Signal r records, its lists copied into a.
func (r *signalRecord) signalIn(a *entryArena) Signal {
	str := func(f int) string { return r[f].of(signalText) }
	s := Signal{
		Text:      str(sigText),
		Kind:      SignalKind(str(sigKind)),
		Product:   str(sigProduct),
		Component: str(sigComponent),
		Versions:  str(sigVersions),
		Codes:     take(&a.ints, a.nInts, r.codes()),
		Meaning:   str(sigMeaning),
		Fix:       str(sigFix),
		Source:    str(sigSource),
		Note:      str(sigNote),
	}
	if c := r[sigCauses]; c[0] < c[1] {
		if a.strs == nil {
			a.strs = make([]string, 0, max(a.nStrs, int(c[1]-c[0])))
		}
		start := len(a.strs)
		for _, sp := range signalCauses[c[0]:c[1]] {
			a.strs = append(a.strs, sp.of(signalText))
		}
		s.Causes = a.strs[start:len(a.strs):len(a.strs)]
	}
	return s
}
