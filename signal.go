package httpstatus

import "slices"

// Signals returns every signal of the catalogue: the exceptions, constants,
// log lines, platform errors and client messages that stand for a status
// code, ordered by code, then product, then text. The identifiers an Entry
// lists in its Constants are not repeated here (Search finds them all).
func Signals() []Signal {
	out := make([]Signal, listedSignals)
	for i := range out {
		out[i] = signals[i].clone()
	}
	return out
}

// SignalsFor returns the signals that stand for code, in the order of
// Signals, or none.
func SignalsFor(code int) []Signal {
	var out []Signal
	for i := range listedSignals {
		if slices.Contains(signals[i].Codes, code) {
			out = append(out, signals[i].clone())
		}
	}
	return out
}

func (s Signal) clone() Signal {
	s.Codes = slices.Clone(s.Codes)
	s.Causes = slices.Clone(s.Causes)
	return s
}
