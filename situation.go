package httpstatus

// Situations returns every situation of the catalogue, topic by topic: the
// cases developers meet while writing a handler, each with the code to
// return and why.
func Situations() []Situation {
	out := make([]Situation, len(situations))
	for i := range situations {
		out[i] = situations[i].clone()
	}
	return out
}

// SituationsFor returns the situations whose answer is code, in the order
// of Situations, or none.
func SituationsFor(code int) []Situation {
	var out []Situation
	for i := range situations {
		if situations[i].Code == code {
			out = append(out, situations[i].clone())
		}
	}
	return out
}

// LookupSituation returns the situation with the given id.
func LookupSituation(id string) (Situation, bool) {
	if i := situationIndex(id); i >= 0 {
		return situations[i].clone(), true
	}
	return Situation{}, false
}

func situationIndex(id string) int {
	for i := range situations {
		if situations[i].ID == id {
			return i
		}
	}
	return -1
}

// clone returns a deep copy of s, with empty lists rather than nil ones.
func (s Situation) clone() Situation {
	var a entryArena
	a.fitSituation(&s)
	s.own(&a)
	return s
}
