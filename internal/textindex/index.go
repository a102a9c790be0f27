package textindex

import (
	"cmp"
	"math"
	"math/bits"
	"slices"
	"strconv"
	"sync"
)

// A Doc is what the index learns of one entry: its fields with their
// weights, and the facts ranking needs.
type Doc struct {
	Code     int
	Official bool
	Fields   []Field
}

// A Field is a piece of text with its weight. A phrase field (a name, an
// alias, a keyword) also counts when the query is, holds, or is held by it.
type Field struct {
	Text   string
	Weight float64
	Phrase bool
	Vendor bool // the field names who uses an unofficial code
}

// Index is an inverted index over the catalogue. Its fields are exported so
// that the generator can write it out as Go data; treat it as read-only.
type Index struct {
	Codes    []int      // by document
	Official []bool     // by document
	Terms    []Term     // sorted by Stem
	Phrases  [][]Phrase // by document
	Surface  []Word     // every word seen, sorted by length then text, for typo matching
}

// A Term is a stem with the documents that hold it.
type Term struct {
	Stem     string
	Postings []Posting
}

// A Posting is one document's weighted, sublinear frequency of a term, and
// whether the term stands in one of the document's phrases.
type Posting struct {
	Doc      int
	TF       float64
	InPhrase bool
	InVendor bool
}

// A Phrase is a name, alias or keyword as a token sequence.
type Phrase struct {
	Tokens []string
	Weight float64
}

// A Word is a surface word of the catalogue, its stem, and the set of its
// letters (bit i for 'a'+i, bit 26 for any digit), which lets typo matching
// skip words that cannot be near.
type Word struct {
	Text    string
	Stem    string
	Letters uint32
}

// letters returns the letter set of w.
func letters(w string) uint32 {
	var m uint32
	for i := 0; i < len(w); i++ {
		switch c := w[i]; {
		case c >= 'a' && c <= 'z':
			m |= 1 << (c - 'a')
		default:
			m |= 1 << 26
		}
	}
	return m
}

// Build indexes docs.
func Build(docs []Doc) Index {
	ix := Index{Phrases: make([][]Phrase, len(docs))}
	postings := map[string][]Posting{}
	surface := map[string]string{}
	for d, doc := range docs {
		ix.Codes = append(ix.Codes, doc.Code)
		ix.Official = append(ix.Official, doc.Official)
		counts := map[string]map[float64]int{}
		inPhrase := map[string]bool{}
		inVendor := map[string]bool{}
		for _, f := range doc.Fields {
			stems, words := analyze(f.Text)
			for i, s := range stems {
				if counts[s] == nil {
					counts[s] = map[float64]int{}
				}
				counts[s][f.Weight]++
				surface[words[i]] = s
				if f.Vendor {
					inVendor[s] = true
				}
			}
			if f.Phrase && len(stems) > 0 {
				ix.Phrases[d] = append(ix.Phrases[d], Phrase{Tokens: stems, Weight: f.Weight})
				for _, s := range stems {
					inPhrase[s] = true
				}
			}
		}
		for s, byWeight := range counts {
			tf := 0.0
			for w, n := range byWeight {
				tf += w * (1 + math.Log(float64(n)))
			}
			postings[s] = append(postings[s], Posting{Doc: d, TF: math.Round(tf*1000) / 1000, InPhrase: inPhrase[s], InVendor: inVendor[s]})
		}
	}
	for s, ps := range postings {
		slices.SortFunc(ps, func(a, b Posting) int { return a.Doc - b.Doc })
		ix.Terms = append(ix.Terms, Term{Stem: s, Postings: ps})
	}
	slices.SortFunc(ix.Terms, func(a, b Term) int { return cmp.Compare(a.Stem, b.Stem) })
	for w, s := range surface {
		ix.Surface = append(ix.Surface, Word{Text: w, Stem: s, Letters: letters(w)})
	}
	slices.SortFunc(ix.Surface, func(a, b Word) int {
		return cmp.Or(len(a.Text)-len(b.Text), cmp.Compare(a.Text, b.Text))
	})
	return ix
}

func (ix *Index) term(stem string) *Term {
	i, ok := slices.BinarySearchFunc(ix.Terms, stem, func(t Term, s string) int { return cmp.Compare(t.Stem, s) })
	if !ok {
		return nil
	}
	return &ix.Terms[i]
}

// A Hit is a document found by Search, with its score.
type Hit struct {
	Doc   int
	Score float64
}

// How much a query word counts when it matched through a synonym or a typo.
const (
	synonymWeight = 0.6
	typoWeight    = 0.75
	codeBonus     = 200
	// saturation bounds how much repeating a word helps: a term's weighted
	// frequency tf counts as tf(k+1)/(tf+k), as in BM25.
	saturation = 8
	// unofficialPrior discounts vendor and informal meanings: a question that
	// names no vendor is most often about a registered code.
	unofficialPrior = 0.8
	// otherVendor discounts the meanings of other vendors when the query
	// names one ("nginx client closed": not AWS's 460).
	otherVendor = 0.6
)

type queryTerm struct {
	term   *Term
	weight float64
	slot   int // the query word it stands for
}

// Search ranks the documents against query and returns the best, at most
// limit of them (all when limit is 0 or less), best first.
func (ix *Index) Search(query string, limit int) []Hit {
	var terms []queryTerm
	var stems []string
	var codes []int
	slot := 0
	for _, w := range rewrite(Words(query)) {
		if stopWords[w] {
			continue
		}
		if n, err := strconv.Atoi(w); err == nil && len(w) == 3 {
			codes = append(codes, n)
		}
		s := Stem(w)
		stems = append(stems, s)
		if t := ix.term(s); t != nil {
			terms = append(terms, queryTerm{t, 1, slot})
		} else {
			for _, ts := range ix.typos(w) {
				if t := ix.term(ts); t != nil {
					terms = append(terms, queryTerm{t, typoWeight, slot})
				}
			}
		}
		for _, r := range related(s) {
			if t := ix.term(r); t != nil {
				terms = append(terms, queryTerm{t, synonymWeight, slot})
			}
		}
		slot++
	}
	if slot == 0 {
		return nil
	}

	n := float64(len(ix.Codes))
	sc := getScratch(len(ix.Codes), slot)
	defer scratchPool.Put(sc)
	scores := sc.scores
	phrased := sc.phrased // how many query words stand in one of its phrases
	vendorHit := sc.vendorHit
	vendorNamed := false
	matched := sc.matched
	idfSum := 0.0 // of the words matched exactly, for the phrase bonus
	for _, qt := range terms {
		df := float64(len(qt.term.Postings))
		idf := math.Log(1 + (n-df+0.5)/(df+0.5))
		if qt.weight == 1 {
			idfSum += idf
		}
		for _, p := range qt.term.Postings {
			scores[p.Doc] += qt.weight * idf * p.TF * (saturation + 1) / (p.TF + saturation)
			if p.InPhrase && qt.weight == 1 {
				phrased[p.Doc]++
			}
			if p.InVendor && qt.weight == 1 {
				vendorHit[p.Doc], vendorNamed = true, true
			}
			m := &matched[p.Doc*slot+qt.slot]
			*m = max(*m, qt.weight)
		}
	}
	hits := make([]Hit, 0, 16)
	for d, score := range scores {
		for _, c := range codes {
			if ix.Codes[d] == c {
				score += codeBonus
				for s := range slot {
					matched[d*slot+s] = max(matched[d*slot+s], 1)
				}
			}
		}
		if score == 0 {
			continue
		}
		// Every kind of phrase match needs the phrase to hold two of the
		// query's words, or its only word.
		if int(phrased[d]) >= min(2, slot) {
			score += idfSum * phraseBonus(ix.Phrases[d], stems)
		}
		coverage, words := 0.0, 0
		for _, m := range matched[d*slot : (d+1)*slot] {
			coverage += m
			if m > 0 {
				words++
			}
		}
		if 2*words < slot {
			continue // fewer than half the query's words: noise, not an answer
		}
		coverage /= float64(slot)
		score *= coverage * coverage
		if !ix.Official[d] {
			score *= unofficialPrior
			if vendorNamed && !vendorHit[d] {
				score *= otherVendor
			}
		}
		hits = append(hits, Hit{Doc: d, Score: score})
	}
	slices.SortFunc(hits, func(a, b Hit) int {
		if c := cmp.Compare(b.Score, a.Score); c != 0 {
			return c
		}
		if ix.Official[a.Doc] != ix.Official[b.Doc] {
			if ix.Official[a.Doc] {
				return -1
			}
			return 1
		}
		return cmp.Or(ix.Codes[a.Doc]-ix.Codes[b.Doc], a.Doc-b.Doc)
	})
	if limit > 0 && len(hits) > limit {
		hits = hits[:limit]
	}
	return hits
}

// scratch is the working space of one search, kept in a pool so that a
// search allocates little more than its answer.
type scratch struct {
	scores    []float64
	phrased   []uint8
	vendorHit []bool
	matched   []float64 // by document and query word
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// getScratch returns zeroed working space for docs documents and words
// query words.
func getScratch(docs, words int) *scratch {
	sc := scratchPool.Get().(*scratch)
	sc.scores = zeroed(sc.scores, docs)
	sc.phrased = zeroed(sc.phrased, docs)
	sc.vendorHit = zeroed(sc.vendorHit, docs)
	sc.matched = zeroed(sc.matched, docs*words)
	return sc
}

// zeroed returns s resized to n elements, all zero.
func zeroed[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	s = s[:n]
	clear(s)
	return s
}

// phraseBonus rewards a document whose name, alias or keyword is the query,
// or holds the whole query, or is held whole by it.
func phraseBonus(ps []Phrase, q []string) float64 {
	best := 0.0
	for _, p := range ps {
		// Every case below needs the query's first stem in the phrase or
		// the phrase's first stem in the query: check that cheaply first.
		if !slices.Contains(p.Tokens, q[0]) && !slices.Contains(q, p.Tokens[0]) {
			continue
		}
		var b float64
		switch {
		case slices.Equal(p.Tokens, q):
			b = p.Weight
		case contains(p.Tokens, q):
			b = 0.5 * p.Weight * float64(len(q)) / float64(len(p.Tokens))
		case len(p.Tokens) >= 2 && contains(q, p.Tokens):
			b = 0.5 * p.Weight * float64(len(p.Tokens)) / float64(len(q))
		}
		best = max(best, b)
	}
	return best
}

// contains reports whether seq holds sub as a contiguous run.
func contains(seq, sub []string) bool {
	for i := 0; i+len(sub) <= len(seq); i++ {
		if slices.Equal(seq[i:i+len(sub)], sub) {
			return true
		}
	}
	return false
}

// byLength returns the surface words of length n.
func (ix *Index) byLength(n int) []Word {
	lo, _ := slices.BinarySearchFunc(ix.Surface, n, func(w Word, n int) int { return len(w.Text) - n })
	hi, _ := slices.BinarySearchFunc(ix.Surface, n+1, func(w Word, n int) int { return len(w.Text) - n })
	return ix.Surface[lo:hi]
}

// typos returns the stems of the catalogue's words nearest to w: within one
// edit for words of 4 to 7 letters, two for longer ones.
func (ix *Index) typos(w string) []string {
	if len(w) < 4 {
		return nil
	}
	maxDist := 1
	if len(w) >= 8 {
		maxDist = 2
	}
	best := maxDist + 1
	var out []string
	wl := letters(w)
	for l := len(w) - maxDist; l <= len(w)+maxDist; l++ {
		for _, c := range ix.byLength(l) {
			// An edit adds at most one letter to the set and takes away at
			// most one, so sets far apart mean words far apart.
			if bits.OnesCount32(wl^c.Letters) > 2*maxDist {
				continue
			}
			d := editDistance(w, c.Text, maxDist)
			if d > maxDist || d > best {
				continue
			}
			if d < best {
				best, out = d, out[:0]
			}
			if !slices.Contains(out, c.Stem) {
				out = append(out, c.Stem)
			}
		}
	}
	return out
}

// Suggest returns words with each one the catalogue does not know replaced
// by the nearest it does (within two edits), or "" when nothing changed.
func (ix *Index) Suggest(query string) string {
	ws := Words(query)
	changed := false
	for i, w := range ws {
		if stopWords[w] || len(w) < 3 || ix.known(w) {
			continue
		}
		best, bestDist := "", 3
		wl := letters(w)
		for l := len(w) - 2; l <= len(w)+2; l++ {
			for _, c := range ix.byLength(l) {
				if bits.OnesCount32(wl^c.Letters) > 4 {
					continue
				}
				if d := editDistance(w, c.Text, 2); d < bestDist {
					best, bestDist = c.Text, d
				}
			}
		}
		if best != "" {
			ws[i], changed = best, true
		}
	}
	if !changed {
		return ""
	}
	out := ""
	for i, w := range ws {
		if i > 0 {
			out += " "
		}
		out += w
	}
	return out
}

func (ix *Index) known(w string) bool {
	for _, c := range ix.byLength(len(w)) {
		if c.Text == w {
			return true
		}
	}
	return false
}

// editDistance is the optimal string alignment distance between a and b
// (insertions, deletions, substitutions and swaps of neighbours), or
// limit+1 once it is sure to exceed limit.
func editDistance(a, b string, limit int) int {
	if a == b {
		return 0
	}
	var buf [3][32]int
	if len(b)+1 > len(buf[0]) {
		return limit + 1
	}
	prev2, prev, cur := buf[0][:len(b)+1], buf[1][:len(b)+1], buf[2][:len(b)+1]
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
			rowMin = min(rowMin, cur[j])
		}
		if rowMin > limit {
			return limit + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}
