package textindex

import (
	"cmp"
	"math"
	"math/bits"
	"slices"
	"sort"
	"strings"
	"sync"
)

// A Doc is what the index learns of one entry: its fields with their
// weights, and the facts ranking needs.
type Doc struct {
	Code     int
	Official bool // a registered code, or a signal: no discount for being a vendor's
	// Target is the result the document counts for: an entry stands for
	// itself; a signal counts for the entry of the code it stands for.
	Target int
	// Prior scales the document's score: below 1 for a signal's second and
	// later codes. Zero means 1.
	Prior float64
	// Copied says the document's words are names people copy rather than
	// type (a signal's text): typo matching does not land on them.
	Copied bool
	// Vendor says the document is a vendor's own code ("420 Enhance Your
	// Calm", Twitter's): it follows the registered codes in a result list
	// unless the query names a vendor or the code, or it is the best match.
	Vendor bool
	Fields []Field
}

// A Field is a piece of text with its weight. A phrase field (a name, an
// alias, a keyword) also counts when the query is, holds, or is held by it.
type Field struct {
	Text   string
	Weight float64
	Phrase bool
	Vendor bool // the field names who uses an unofficial code or produces a signal
	Ident  bool // the field's identifiers are indexed whole ("http.StatusTeapot")
	// IdentOnly indexes only the identifiers: a constant's words repeat its
	// entry's name, and would add nothing but work.
	IdentOnly bool
}

// Index is an inverted index over the catalogue. Its fields are exported so
// that the generator can write it out as Go data; treat it as read-only.
//
// It holds no pointers but a few slices and strings: every list of lists
// is one flat array with the end of each list, and every set of strings one
// string with the end of each. The catalogue's index is package data, which
// the garbage collector scans at every cycle; a flat index costs it a few
// words rather than tens of thousands.
type Index struct {
	// Docs holds what ranking reads of each document, side by side: a
	// document it scores costs one cache line, not one in each of six
	// arrays.
	Docs []DocInfo
	// Results bounds the targets: every one is below it.
	Results int
	// The terms, sorted by stem: term t's stem is Stems[StemEnd[t-1]:StemEnd[t]]
	// (from 0 for the first), its postings Postings[PostingEnd[t-1]:PostingEnd[t]],
	// and VendorTerms[t] says the stem names a vendor: it stands in a vendor
	// field and in no registered code's name, alias, keyword or summary
	// ("nginx", "cloudflar", not "server" or "client").
	Stems       string
	StemEnd     []uint32
	Postings    []Posting
	PostingEnd  []uint32
	VendorTerms []bool
	// The phrases of document d are Phrases[Docs[d].PhraseStart:Docs[d].PhraseEnd];
	// their terms are in Tokens.
	Phrases []Phrase
	Tokens  []int32
	// Surface holds every word seen, sorted by length then text, for typo
	// matching; their texts are in Words.
	Words   string
	Surface []Word
	ByText  []int32 // Surface in text order, for stems and prefix matching
	// TypoLetters and TypoWords are the letter sets and Surface indexes of
	// the words a typo may land on (Word.Typed), in Surface order: a tight
	// array to scan. TypoFrom[n] is where the words of n letters start in
	// them, and TypoFrom[len(TypoFrom)-1] is their end.
	TypoLetters []uint32
	TypoWords   []int32
	TypoFrom    []int32
	// TypoKeys finds the typed words one edit from a word of 4 to 7
	// letters without scanning: each typed word of 3 to 8 letters is keyed
	// by itself and by each of its deletions of one letter, as
	// hash<<32 | index in Surface, sorted. A word within one edit of
	// another shares a key with it (a substitution or a swap: a deletion
	// of each; an insertion: one's deletion is the other).
	TypoKeys []uint64
	// StemTable finds a stem's term and TextTable a word's index in
	// Surface without a binary search of strings: open addressing by
	// fnv, probing linearly; a slot holds the index plus one, 0 when
	// empty. Each is a power of two long and at most half full.
	StemTable []int32
	TextTable []int32
	// noCut turns the exact cut of Search off, for the test that checks
	// it changes nothing.
	noCut bool
}

// A DocInfo is what ranking reads of one document.
type DocInfo struct {
	Prior                  float64 // Doc.Prior, 1 when unset
	Target                 int32   // the result it counts for
	Code                   int32
	PhraseStart, PhraseEnd uint32 // its phrases in Index.Phrases
	Official, Vendor       bool
	Copied                 bool // Doc.Copied: a signal's text
	// Named says the signal's text is one identifier or code
	// ("TOKEN_EXPIRED", "NotFoundException", "auth/too-many-requests"),
	// not a word or a sentence: a name, which its words typed apart
	// ("token expired") only hint at.
	Named bool
	// Sentence says the signal's text is a message that holds an
	// identifier ("TypeError: Failed to fetch").
	Sentence bool
}

// A Posting is one document's weighted, sublinear frequency of a term,
// saturated as in BM25 (tf(k+1)/(tf+k), computed once when the index is
// built), and whether the term stands in one of the document's phrases.
type Posting struct {
	TF       float64
	Doc      int32
	InPhrase bool
	InVendor bool
}

// A Phrase is a name, alias, keyword or signal as a sequence of terms, each
// the index of its Term: Index.Tokens[Start:End].
type Phrase struct {
	Start, End uint32
	Weight     float64
	// Mask has bit t%64 set for each term t of Tokens: a cheap test that
	// a term is not in the phrase, or that the phrase holds a term that
	// is not in a set.
	Mask uint64
	// Gaps has bit i set when a variable part ("*" in a signal's text)
	// stands before the phrase's term i: a query holds the phrase when it
	// holds the runs between the gaps in order, whatever stands in them.
	Gaps uint64
}

// bit returns the bit of term t in a Phrase's Mask, or 0 for no term (-1).
func bit(t int32) uint64 {
	if t < 0 {
		return 0
	}
	return 1 << (t % 64)
}

// A Word is a surface word of the catalogue (Index.Words[Start:End]), the
// term of its stem, and the set of its letters (bit i for 'a'+i, bit 26 for
// any digit), which lets typo matching skip words that cannot be near.
type Word struct {
	Start, End uint32
	Stem       int32
	Letters    uint32
	Typed      bool // in a document people type rather than copy: a typo may land on it
}

// stemOf returns the stem of term t.
func (ix *Index) stemOf(t int32) string {
	start := uint32(0)
	if t > 0 {
		start = ix.StemEnd[t-1]
	}
	return ix.Stems[start:ix.StemEnd[t]]
}

// postings returns the postings of term t.
func (ix *Index) postings(t int32) []Posting {
	start := uint32(0)
	if t > 0 {
		start = ix.PostingEnd[t-1]
	}
	return ix.Postings[start:ix.PostingEnd[t]]
}

// phrases returns the phrases of document d.
func (ix *Index) phrases(d int) []Phrase {
	return ix.Phrases[ix.Docs[d].PhraseStart:ix.Docs[d].PhraseEnd]
}

// tokens returns the terms of phrase p.
func (ix *Index) tokens(p *Phrase) []int32 { return ix.Tokens[p.Start:p.End] }

// text returns the text of word w.
func (ix *Index) text(w *Word) string { return ix.Words[w.Start:w.End] }

// terms returns the number of terms.
func (ix *Index) terms() int { return len(ix.StemEnd) }

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
func Build(docs []Doc) *Index {
	ix := &Index{}
	phraseStems := make([][][]string, len(docs))
	phraseWeights := make([][]float64, len(docs))
	phraseGaps := make([][]uint64, len(docs))
	postings := map[string][]Posting{}
	surface := map[string]string{}
	typed := map[string]bool{} // words of documents people type, for typo matching
	vendorWords := map[string]bool{}
	plain := map[string]bool{} // stems of registered codes' names, aliases, keywords and summaries
	for d, doc := range docs {
		ix.Docs = append(ix.Docs, DocInfo{Prior: cmp.Or(doc.Prior, 1), Target: int32(doc.Target), Code: int32(doc.Code), Official: doc.Official, Vendor: doc.Vendor, Copied: doc.Copied})
		for _, f := range doc.Fields {
			if !doc.Copied || !f.Ident {
				continue
			}
			spaced, named := strings.ContainsAny(f.Text, " \t"), len(Idents(f.Text)) > 0
			info := &ix.Docs[d]
			info.Named = info.Named || !spaced && (named || strings.ContainsAny(f.Text, "/-_:."))
			info.Sentence = info.Sentence || spaced && named
		}
		ix.Results = max(ix.Results, doc.Target+1)
		counts := map[string]map[float64]int{}
		inPhrase := map[string]bool{}
		inVendor := map[string]bool{}
		for _, f := range doc.Fields {
			if f.Ident || f.IdentOnly {
				for _, id := range Idents(f.Text) {
					counts[identPrefix+id] = map[float64]int{identWeight: 1}
				}
			}
			if f.IdentOnly {
				continue
			}
			stems, words := analyze(f.Text)
			for i, s := range stems {
				if counts[s] == nil {
					counts[s] = map[float64]int{}
				}
				counts[s][f.Weight]++
				surface[words[i]] = s
				if !doc.Copied {
					typed[words[i]] = true
				}
				if f.Vendor {
					inVendor[s] = true
					vendorWords[s] = true
				} else if doc.Official && doc.Target == d && f.Weight >= WeightSummary {
					plain[s] = true
				}
			}
			if f.Phrase && len(stems) > 0 {
				phraseStems[d] = append(phraseStems[d], stems)
				phraseWeights[d] = append(phraseWeights[d], f.Weight)
				phraseGaps[d] = append(phraseGaps[d], gaps(f.Text, stems))
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
			tf = math.Round(tf*1000) / 1000
			sat := tf * (saturation + 1) / (tf + saturation)
			postings[s] = append(postings[s], Posting{Doc: int32(d), TF: math.Round(sat*1e6) / 1e6, InPhrase: inPhrase[s], InVendor: inVendor[s]})
		}
	}
	stems := make([]string, 0, len(postings))
	for s := range postings {
		stems = append(stems, s)
	}
	slices.Sort(stems)
	var text strings.Builder
	for _, s := range stems {
		ps := postings[s]
		slices.SortFunc(ps, func(a, b Posting) int { return cmp.Compare(a.Doc, b.Doc) })
		text.WriteString(s)
		ix.StemEnd = append(ix.StemEnd, uint32(text.Len()))
		ix.Postings = append(ix.Postings, ps...)
		ix.PostingEnd = append(ix.PostingEnd, uint32(len(ix.Postings)))
		ix.VendorTerms = append(ix.VendorTerms, vendorWords[s] && !plain[s])
	}
	ix.Stems = text.String()
	for d, ps := range phraseStems {
		ix.Docs[d].PhraseStart = uint32(len(ix.Phrases))
		for i, pstems := range ps {
			p := Phrase{Start: uint32(len(ix.Tokens)), Weight: phraseWeights[d][i], Gaps: phraseGaps[d][i]}
			for _, st := range pstems {
				id := ix.termID(st)
				ix.Tokens = append(ix.Tokens, id)
				p.Mask |= bit(id)
			}
			p.End = uint32(len(ix.Tokens))
			ix.Phrases = append(ix.Phrases, p)
		}
		ix.Docs[d].PhraseEnd = uint32(len(ix.Phrases))
	}
	words := make([]string, 0, len(surface))
	for w := range surface {
		words = append(words, w)
	}
	slices.SortFunc(words, func(a, b string) int { return cmp.Or(len(a)-len(b), cmp.Compare(a, b)) })
	text.Reset()
	for _, w := range words {
		start := uint32(text.Len())
		text.WriteString(w)
		ix.Surface = append(ix.Surface, Word{Start: start, End: uint32(text.Len()), Stem: ix.termID(surface[w]), Letters: letters(w), Typed: typed[w]})
	}
	ix.Words = text.String()
	ix.ByText = make([]int32, len(ix.Surface))
	for i := range ix.ByText {
		ix.ByText[i] = int32(i)
	}
	slices.SortFunc(ix.ByText, func(a, b int32) int { return cmp.Compare(words[a], words[b]) })
	longest := 0
	for i, w := range words {
		if typed[w] {
			ix.TypoLetters = append(ix.TypoLetters, ix.Surface[i].Letters)
			ix.TypoWords = append(ix.TypoWords, int32(i))
			longest = len(w)
		}
	}
	for i, w := range words {
		if typed[w] && len(w) >= oneEditMin-1 && len(w) <= oneEditMax+1 {
			forKeys(w, func(h uint32) { ix.TypoKeys = append(ix.TypoKeys, uint64(h)<<32|uint64(i)) })
		}
	}
	slices.Sort(ix.TypoKeys)
	ix.TypoKeys = slices.Compact(ix.TypoKeys)
	ix.StemTable = hashTable(ix.terms(), ix.stemOf)
	ix.TextTable = hashTable(len(ix.Surface), func(i int32) string { return ix.text(&ix.Surface[i]) })
	ix.TypoFrom = make([]int32, longest+2)
	k := 0
	for n := range ix.TypoFrom {
		for k < len(ix.TypoWords) && len(words[ix.TypoWords[k]]) < n {
			k++
		}
		ix.TypoFrom[n] = int32(k)
	}
	return ix
}

// stem returns the stem of a query word and its term (-1 for none): the
// catalogue's own when it knows the word, which saves stemming it again.
func (ix *Index) stem(w string) (string, int32) {
	mask := uint32(len(ix.TextTable) - 1)
	for h := fnv(fnvOffset, w) & mask; len(ix.TextTable) > 0; h = (h + 1) & mask {
		i := ix.TextTable[h] - 1
		if i < 0 {
			break
		}
		if ix.text(&ix.Surface[i]) == w {
			t := ix.Surface[i].Stem
			return ix.stemOf(t), t
		}
	}
	s := Stem(american(w))
	return s, ix.termID(s)
}

// hashTable returns the table of Index.StemTable or Index.TextTable for n
// keys.
func hashTable(n int, key func(int32) string) []int32 {
	size := 1
	for size < 2*n {
		size <<= 1
	}
	t := make([]int32, size)
	mask := uint32(size - 1)
	for i := range int32(n) {
		h := fnv(fnvOffset, key(i)) & mask
		for t[h] != 0 {
			h = (h + 1) & mask
		}
		t[h] = i + 1
	}
	return t
}

// fnv continues the FNV-1a hash h with the bytes of s.
func fnv(h uint32, s string) uint32 {
	for i := 0; i < len(s); i++ {
		h = (h ^ uint32(s[i])) * 16777619
	}
	return h
}

const fnvOffset = 2166136261

// termsWithPrefix returns at most n terms whose stems begin with prefix and
// are longer.
func (ix *Index) termsWithPrefix(prefix string, n int) []int32 {
	i := ix.search(prefix)
	var out []int32
	for ; i < ix.terms() && len(out) < n && strings.HasPrefix(ix.stemOf(int32(i)), prefix); i++ {
		if len(ix.stemOf(int32(i))) > len(prefix) {
			out = append(out, int32(i))
		}
	}
	return out
}

// search returns the first term whose stem is not below stem.
func (ix *Index) search(stem string) int {
	return sort.Search(ix.terms(), func(t int) bool { return ix.stemOf(int32(t)) >= stem })
}

// termID returns the index of a stem's term, or -1.
func (ix *Index) termID(stem string) int32 {
	if len(ix.StemTable) == 0 { // while Build makes the index
		if i := ix.search(stem); i < ix.terms() && ix.stemOf(int32(i)) == stem {
			return int32(i)
		}
		return -1
	}
	mask := uint32(len(ix.StemTable) - 1)
	for h := fnv(fnvOffset, stem) & mask; ; h = (h + 1) & mask {
		t := ix.StemTable[h] - 1
		if t < 0 || ix.stemOf(t) == stem {
			return t
		}
	}
}

// A Hit is a result found by Search: the document that scored best for it,
// the result it counts for, and the score.
type Hit struct {
	Doc    int
	Target int
	Score  float64
	// follows says the hit is a vendor's own code that comes after the
	// registered codes in this search's order.
	follows bool
}

// How much a query word counts when it matched through a synonym, a typo or
// as the start of a longer word.
const (
	synonymWeight = 0.6
	typoWeight    = 0.75
	prefixWeight  = 0.9
	codeBonus     = 200
	// pastedCodeBonus is codeBonus in a pasted text: more than identBonus.
	pastedCodeBonus = 300
	// laterCode is the share of pastedCodeBonus a status earns that is not
	// the first a pasted text holds.
	laterCode = 0.8
	// identBonus rewards a document whose identifier the query names
	// exactly ("http.StatusTeapot", "NotFoundException"): the strongest
	// evidence a query can give short of a code.
	identBonus = 250
	identExtra = 50
	// namedWords discounts a signal that is one identifier, matched in a
	// typed query by its words alone.
	namedWords = 0.5
	// identPartial is the share of identBonus a message's identifier earns
	// when the query does not hold the message whole.
	identPartial = 0.4
	// otherCode discounts a signal that stands for a code other than the
	// statuses the query names.
	otherCode = 0.5
	// heldBonus rewards a signal whose whole text, of two words or more,
	// stands in the query as it is written.
	heldBonus = 120
	heldWords = 6 // a held text of fewer words earns a share of heldBonus
	// signalMargin is how far a signal must outscore its entry to be named
	// as the reason for the result.
	signalMargin = 1.25
	// pastedCut is the share of the best score below which a result of a
	// pasted text is dropped; relevanceCut the same for a typed query: a
	// word shared by chance ("limit" in 418's description) is no answer.
	pastedCut    = 0.15
	relevanceCut = 0.04
	// secondShare is how much the second best document of a result adds.
	secondShare = 0.5
	// saturation bounds how much repeating a word helps: a term's weighted
	// frequency tf counts as tf(k+1)/(tf+k), as in BM25.
	saturation = 8
	// unofficialPrior discounts vendor and informal meanings: a question that
	// names no vendor is most often about a registered code.
	unofficialPrior = 0.8
	// otherVendor discounts the meanings of other vendors when the query
	// names one ("nginx client closed": not AWS's 460).
	otherVendor = 0.6
	// A query of more than longQuery words is most likely pasted text: a
	// document may then stand on a phrase of its own that the query holds
	// mostly (phraseCover of its words) rather than on half the query.
	longQuery   = 6
	phraseCover = 0.75
	// commonShare is the share of documents above which a word of a pasted
	// text is passed over: "request", "server", "error".
	commonShare = 0.2
	// typedShare bounds the reach of a word of a typed query that is not
	// its rarest: past it, the word only adds to the documents rarer
	// words reached. It is the largest saving that left every measured
	// query set's figures unchanged (when it held for pasted text too, it
	// raised two of them slightly and cut the work by a fifth).
	typedShare = 0.08
	// pastedShare is typedShare for pasted text, whose many words each
	// reach documents of their own: past it, a word only adds to the
	// documents rarer words reached. It is the largest saving that left
	// every measured set's figures unchanged (one judge gained a query;
	// a pasted nginx line scores about a quarter fewer documents).
	pastedShare = 0.05
	// maxPrefixes bounds the words a last, unfinished word may stand for.
	maxPrefixes = 8
)

// Bounds on what a search reads of a query: a pasted megabyte costs what a
// pasted log line costs.
const (
	MaxQueryBytes = 1024
	MaxQueryWords = 48
)

// identPrefix marks the index terms that are whole identifiers, apart from
// the stems of words. identWeight is their (unused) frequency weight.
const (
	identPrefix = "="
	identWeight = 1
)

type queryTerm struct {
	term   int32
	weight float64
	kind   int // how it matched: exact, completion, misspelt or synonym
	slot   int // the query word it stands for
}

// sortByReach orders terms by how many documents each reaches, fewest
// first, keeping the order of equals: an insertion sort on the reach read
// once for each term, since a query has a few dozen terms at most.
func sortByReach(ix *Index, terms []queryTerm) {
	var reachBuf [32]int
	reach := reachBuf[:0]
	for _, qt := range terms {
		reach = append(reach, len(ix.postings(qt.term)))
	}
	for i := 1; i < len(terms); i++ {
		for j := i; j > 0 && reach[j] < reach[j-1]; j-- {
			terms[j], terms[j-1] = terms[j-1], terms[j]
			reach[j], reach[j-1] = reach[j-1], reach[j]
		}
	}
}

// The kinds of match of a query word, each with its weight.
const (
	exact = iota
	completion
	misspelt
	synonym
)

// Search ranks the documents against query and returns the best result for
// each target, at most limit of them (all when limit is 0 or less), best
// first. The query may be typed words, an identifier, or a pasted log line
// or stack trace; the last word may be unfinished ("unauth").
func (ix *Index) Search(query string, limit int) []Hit {
	return ix.SearchBuf(query, limit, nil)
}

// SearchBuf is Search with the hits written into buf's storage when it has
// room for limit of them (16 when limit is 0 or less): a caller with room on
// its stack saves an allocation.
func (ix *Index) SearchBuf(query string, limit int, buf []Hit) []Hit {
	hits, words := ix.searchCut(query, limit, buf, halfCut)
	if len(hits) > 0 || words < thirdCut {
		return hits // with fewer than three words, a third is a half
	}
	// Nothing holds half the query's words: a long message of a product
	// the catalogue does not know ("To perform this action, use an API key
	// from an API integration."). Its best partial matches, those that
	// hold a third, say more than nothing. A query none of whose words the
	// catalogue holds still finds nothing.
	hits, _ = ix.searchCut(query, limit, buf, thirdCut)
	return hits
}

// The shares of a query's words a document must hold to be kept: half,
// and a third when no document holds half.
const (
	halfCut  = 2
	thirdCut = 3
)

// searchCut is SearchBuf keeping only the documents that hold at least
// 1/share of the query's words; it also returns how many words the query
// has.
func (ix *Index) searchCut(query string, limit int, buf []Hit, share int) ([]Hit, int) {
	if len(query) > MaxQueryBytes {
		query = query[:MaxQueryBytes]
	}
	query, keyed := jsonKeys(query)
	var wordBuf [16]string
	words, idents := tokenize(query, true, wordBuf[:0])
	words = rewrite(words)
	// The words of a namespace ("System.Threading.Tasks") are optional:
	// qual holds them by index in words, unmarked.
	var qual [maxQueryTokens]bool
	for i, w := range words {
		if strings.HasPrefix(w, qualMark) {
			if i < len(qual) {
				qual[i] = true
			}
			words[i] = w[len(qualMark):]
		}
	}
	// The last word may be a prefix of the word being typed, unless the
	// query ends in a space or a mark.
	open := query != "" && isAlnum(query[len(query)-1])
	// A long query is pasted, not typed: its unknown words are names and
	// numbers, not typos.
	last, pasted := -1, 0
	for i, w := range words {
		if !stop(w) {
			last = i
			pasted++
		}
	}
	typed := pasted <= longQuery
	var identTerms []int32
	for i, id := range idents {
		if t := ix.termID(identPrefix + id); t >= 0 {
			identTerms = append(identTerms, t)
		} else if open && i == len(idents)-1 && len(id) >= 4 && endsLastWord(query, id) {
			// An identifier being typed: "StatusTeap", "ERR_TOO_MANY_RED".
			identTerms = append(identTerms, ix.termsWithPrefix(identPrefix+id, maxPrefixes)...)
		}
	}
	// Room on the stack for a typed query's terms; a pasted one may outgrow it.
	var termBuf [32]queryTerm
	var stemBuf [16]string
	var seqBuf, idBuf [16]int32
	terms, stems := termBuf[:0], stemBuf[:0]
	seq, ids := seqBuf[:0], idBuf[:0] // the query's terms, as typed and without repeats; -1 for unknown words
	codes := statusCodes(query)
	for _, c := range keyed {
		if !slices.Contains(codes, c) {
			codes = append(codes, c)
		}
	}
	slot := 0
	optional := uint64(0) // the slots of a namespace's words
	var completions [maxPrefixes]int32
	var typing []int32 // the words the last, unfinished word may stand for
	for i, w := range words {
		if stop(w) {
			continue
		}
		s, id := ix.stem(w)
		seq = append(seq, id)
		if k := slices.Index(stems, s); k >= 0 {
			if i >= len(qual) || !qual[i] {
				optional &^= 1 << k // a word of the query's own, too
			}
			continue
		}
		if len(stems) == MaxQueryWords {
			continue
		}
		if i < len(qual) && qual[i] {
			optional |= 1 << slot
		}
		stems = append(stems, s)
		ids = append(ids, id)
		if id >= 0 {
			terms = append(terms, queryTerm{id, 1, exact, slot})
			// The last word may be the start of a longer one ("req").
			if i == last && open && !isNumber(w) {
				typing = ix.prefixes(w, completions[:0])
				for _, pt := range typing {
					if pt != id {
						terms = append(terms, queryTerm{pt, prefixWeight, completion, slot})
					}
				}
			}
		} else {
			found := false
			if i == last && open {
				typing = ix.prefixes(w, completions[:0])
				for _, t := range typing {
					terms = append(terms, queryTerm{t, prefixWeight, completion, slot})
					found = true
				}
			}
			// A query that names an identifier is copied, not typed.
			if !found && typed && len(identTerms) == 0 {
				for _, t := range ix.typos(w) {
					terms = append(terms, queryTerm{t, typoWeight, misspelt, slot})
				}
			}
		}
		for _, r := range related(s) {
			if t := ix.termID(r); t >= 0 {
				terms = append(terms, queryTerm{t, synonymWeight, synonym, slot})
			}
		}
		slot++
	}
	if slot == 0 && len(identTerms) == 0 {
		return nil, 0
	}

	n := float64(len(ix.Docs))
	sc := getScratch(len(ix.Docs), ix.Results, ix.terms())
	for _, id := range ids {
		if id >= 0 && !sc.inQuery[id] {
			sc.inQuery[id] = true
			sc.queryIDs = append(sc.queryIDs, id)
		}
	}
	defer sc.release()
	docs, gen := sc.docs, sc.gen
	touch := func(d int32) *docState {
		ds := &docs[d]
		if ds.gen != gen {
			*ds = docState{gen: gen}
			sc.touched = append(sc.touched, d)
		}
		return ds
	}
	idfSum := 0.0 // of the words matched exactly, for the phrase bonus
	// Rare words first: a common word ("request", "not") then only adds to
	// the documents the rarer ones reached, instead of visiting a third of
	// the index for documents that hold nothing else of the query.
	sortByReach(ix, terms)
	// vendorNamed: a word of the query stands in a vendor field. A word's
	// postings are read for it whether their documents are reached or not
	// (all but those of a word pasted text passes over as too common), so
	// that it depends neither on the order of the terms nor on the cut
	// below.
	vendorNamed := false
	namesVendor := false // the query names a vendor: its codes need not follow the registered ones
	// A typed query keeps only the documents that hold at least 1/share of
	// its words (the cut below). Once the words whose terms are still to
	// come could not make up that share, a document that no term has reached
	// can no longer be kept, and the rest of the terms need only add to
	// the documents already reached. This changes no result, and so holds
	// only where that cut is the only one: no identifier or status in the
	// query, and not a pasted one.
	exactCut := !ix.noCut && slot <= longQuery && len(identTerms) == 0 && len(codes) == 0 && optional == 0
	var termsLeft [MaxQueryWords]uint8 // by query word: its terms still to come
	wordsLeft := 0                     // the query words with terms still to come
	for _, qt := range terms {
		if termsLeft[qt.slot] == 0 {
			wordsLeft++
		}
		termsLeft[qt.slot]++
	}
	long := slot > longQuery
	reachShare := typedShare
	if long {
		reachShare = pastedShare
	}
	for i, qt := range terms {
		closed := exactCut && share*wordsLeft < slot
		if termsLeft[qt.slot]--; termsLeft[qt.slot] == 0 {
			wordsLeft--
		}
		namesVendor = namesVendor || ix.VendorTerms[qt.term] && qt.weight == 1
		postings := ix.postings(qt.term)
		df := float64(len(postings))
		if !typed && df > n*commonShare {
			continue // in pasted text, a word half the catalogue holds says nothing
		}
		onlyTouched := closed || i > 0 && slot > 1 && df > n*reachShare && len(sc.touched) > 0
		idf := math.Log(1 + (n-df+0.5)/(df+0.5))
		w := qt.weight * idf
		if qt.weight == 1 {
			idfSum += idf
		}
		exactWord := qt.weight == 1
		kind, bit := qt.kind&3, uint64(1)<<qt.slot
		seekVendor := exactWord && !vendorNamed
		for i := range postings {
			p := &postings[i]
			ds := &docs[p.Doc]
			if ds.gen != gen {
				if onlyTouched {
					if seekVendor && p.InVendor {
						vendorNamed, seekVendor = true, false
					}
					continue
				}
				*ds = docState{gen: gen}
				sc.touched = append(sc.touched, p.Doc)
			}
			ds.score += w * p.TF
			ds.masks[kind] |= bit
			if exactWord && (p.InPhrase || p.InVendor) {
				if p.InPhrase {
					ds.phrased++
				}
				if p.InVendor {
					ds.vendorHit, vendorNamed = true, true
				}
			} else if kind == completion && p.InPhrase {
				ds.typing = true
			}
		}
	}
	for _, t := range identTerms {
		for _, p := range ix.postings(t) {
			touch(p.Doc).named++
		}
	}
	// Every entry of a code the query names counts, whatever its words.
	if len(codes) > 0 {
		for d := 0; d < len(ix.Docs) && int(ix.Docs[d].Target) == d; d++ {
			if slices.Contains(codes, int(ix.Docs[d].Code)) {
				touch(int32(d))
			}
		}
	}
	bonus := float64(codeBonus)
	if long {
		// A status standing alone in a pasted log line is its strongest
		// evidence: stronger than any name the line also holds.
		bonus = pastedCodeBonus
	}
	best, own, second := sc.best, sc.own, sc.second
	qMask, qKnown := uint64(0), true // the query's terms, for phraseBonus
	for _, t := range seq {
		qMask |= bit(t)
		qKnown = qKnown && t >= 0
	}
	for _, d32 := range sc.touched {
		d := int(d32)
		ds := &docs[d]
		named := ds.named
		if !long && named == 0 && len(codes) == 0 {
			// The common case of a typed query, cut early: fewer than
			// half its words is noise (as below).
			m := &ds.masks
			held := m[exact] | m[completion] | m[misspelt] | m[synonym]
			if share*bits.OnesCount64(held) < slot-bits.OnesCount64(optional&^held) {
				continue
			}
		}
		score := ds.score
		info := &ix.Docs[d]
		entry := int(info.Target) == d
		identAdd := 0.0
		if named > 0 {
			// Each further form of a name the query holds ("http.StatusTeapot"
			// holds StatusTeapot and http.StatusTeapot) makes it more
			// certain than a name it merely mentions.
			identAdd = identBonus + identExtra*float64(named-1)
			score += identAdd
		}
		if k := slices.Index(codes, int(info.Code)); k >= 0 && (entry || score > 0) {
			if long && k > 0 {
				// In a pasted line the status comes first: an access log
				// writes it before the byte counts ("504 - 412 202").
				score += bonus * laterCode
			} else {
				score += bonus
			}
			ds.masks[exact] = 1<<slot - 1
		} else if len(codes) > 0 && !entry {
			// The query names a status and this signal stands for another:
			// "HTTP 409" after a client's exception that carries any code.
			score *= otherCode
			identAdd *= otherCode
		}
		if score == 0 {
			continue
		}
		m := &ds.masks
		full := m[exact]
		pre := m[completion] &^ full
		typo := m[misspelt] &^ (full | pre)
		syn := m[synonym] &^ (full | pre | typo)
		words := bits.OnesCount64(full | pre | typo | syn)
		// The slots a document must answer for: a namespace's words only
		// when it holds them.
		need := slot - bits.OnesCount64(optional&^(full|pre|typo|syn))
		if !long && named == 0 && share*words < need {
			continue // a typed query: fewer than half its words is noise
		}
		// Every kind of phrase match needs the phrase to hold two of the
		// query's words, or its only word.
		held := 0.0    // how much of the query the document's own phrases hold
		whole := false // the signal's text of three words or more stands in the query
		if ds.typing && int(ds.phrased)+1 == slot && slot >= 2 {
			// A name being typed: "moved perm" is 301's "Moved Permanently".
			score += idfSum * typedPhrase(ix.phrases(d), ix.Tokens, seq, typing)
		} else if slot > 0 && int(ds.phrased) >= min(2, slot) {
			ps := ix.phrases(d)
			b := phraseBonus(ps, ix.Tokens, seq, sc.inQuery, qMask, qKnown)
			if ds.typing && slot >= 2 {
				// "request time" is also "Request Timeout" being typed.
				b = max(b, typedPhrase(ps, ix.Tokens, seq, typing))
			}
			score += idfSum * b
			// A signal's text pasted whole, amid whatever surrounds it, is
			// near-certain evidence; from three words on, the rest of the
			// query is taken for noise.
			if !entry && len(ps) > 0 {
				if p := ix.tokens(&ps[0]); len(p) >= 2 && ps[0].Mask&^qMask == 0 && allIn(p, sc.inQuery) && containsGapped(seq, p, ps[0].Gaps) {
					score += heldBonus * float64(min(len(p), heldWords)) / heldWords
					if len(p) >= 3 {
						held, whole = 1, true
					}
				}
			}
		}
		if info.Sentence && identAdd > 0 && !whole {
			// The name in a message ("TypeError: Failed to fetch") is a
			// class that many messages share: without the message, it is
			// weaker evidence.
			score -= (1 - identPartial) * identAdd
		}
		coverage := float64(bits.OnesCount64(full)) + prefixWeight*float64(bits.OnesCount64(pre)) +
			typoWeight*float64(bits.OnesCount64(typo)) + synonymWeight*float64(bits.OnesCount64(syn))
		if need > 0 {
			coverage /= float64(need)
		} else {
			coverage = 1
		}
		if long && ds.phrased >= 2 && held < 1 {
			held = phraseHeld(ix.phrases(d), ix.Tokens, sc.inQuery, qMask)
		}
		switch {
		case named > 0:
			coverage = 1
		case share*words >= need:
		case held >= phraseCover:
		default:
			continue // fewer than half the query's words: noise, not an answer
		}
		coverage = max(coverage, held)
		score *= coverage * coverage * info.Prior
		if info.Named && named == 0 && !long {
			// A name typed as words ("token expired" for Firebase's
			// TOKEN_EXPIRED) is a hint, not the name.
			score *= namedWords
		}
		if !info.Official {
			score *= unofficialPrior
			if vendorNamed && !ds.vendorHit {
				score *= otherVendor
			}
		}
		if score <= 0 {
			continue
		}
		t := int(info.Target)
		if best[t].Score == 0 {
			sc.targets = append(sc.targets, int32(t))
		}
		if entry {
			own[t] = score
		}
		// The second best document of a result adds to it, unless both
		// are signals found by their words and the second holds no query
		// word that the best lacks: two signals that share their words
		// ("* was challenged", "* was forbidden") are one piece of
		// evidence, not two. Which signal is best is known only at the
		// end, so signals are set aside until then.
		if best[t].Score < score || best[t].Score == score && best[t].Doc > d {
			if old := best[t]; old.Score > 0 && !ix.Docs[old.Doc].Copied {
				second[t] = max(second[t], old.Score)
			}
			best[t] = Hit{Doc: d, Target: t, Score: score}
		} else if !info.Copied {
			second[t] = max(second[t], score)
		}
		// (The second only grows: a signal below it now never counts.)
		// A signal's text pasted whole is evidence of its own, not a
		// detail of a name: as second evidence it counts in full
		// ("BadHttpRequestException: Request line too long." is 414,
		// whichever code the exception's name stands for first).
		sec := score
		if whole {
			sec = score / secondShare
		}
		if info.Copied && sec > second[t] {
			sc.scored = append(sc.scored, scored{doc: d32, target: int32(t), second: sec})
		}
	}
	for _, s := range sc.scored {
		d, t := int(s.doc), int(s.target)
		if s.second <= second[t] || d == best[t].Doc || sameEvidence(ix, docs, d, best[t].Doc, long) {
			continue
		}
		second[t] = s.second
	}
	// A signal is named as the reason for a result only when it clearly
	// beats the entry itself: "not found" is about 404, not about the
	// framework that prints those words.
	for _, t32 := range sc.targets {
		t := int(t32)
		if best[t].Doc != t && own[t]*signalMargin >= best[t].Score {
			best[t].Doc = t
		}
		// Two pieces of evidence for one result count for more than one:
		// an exception's name and its message, pasted together.
		best[t].Score += secondShare * second[t]
	}
	// A vendor's own code follows the registered codes, unless the query
	// names a vendor or the code, or a vendor's code is the best match of
	// all ("origin DNS error" is Cloudflare's 530; "client closed the
	// connection" is AWS's 460, and nginx's 499 is apt too); one found
	// through a signal of its own (an error message, a constant) keeps its
	// place.
	top := Hit{Doc: -1, Target: -1}
	for _, t := range sc.targets {
		if h := best[t]; h.Score > top.Score || h.Score == top.Score && h.Target < top.Target {
			top = h
		}
	}
	vendorLand := namesVendor || top.Doc >= 0 && ix.Docs[top.Doc].Vendor // a vendor's code is the best match: the others may be apt too
	order := func(a, b Hit) int {
		if a.follows != b.follows {
			if b.follows {
				return -1
			}
			return 1
		}
		if c := cmp.Compare(b.Score, a.Score); c != 0 {
			return c
		}
		if oa, ob := ix.Docs[a.Target].Official, ix.Docs[b.Target].Official; oa != ob {
			if oa {
				return -1
			}
			return 1
		}
		return cmp.Or(int(ix.Docs[a.Target].Code-ix.Docs[b.Target].Code), a.Target-b.Target)
	}
	// The best limit hits, kept in order as they come: most searches want
	// a handful of hundreds.
	//
	// Stray words find stray entries, the more so in pasted text: keep
	// only what stands near the best (before choosing the best limit, as a
	// vendor's code that follows the registered ones may still be among
	// them).
	cut := top.Score * relevanceCut
	if long {
		cut = top.Score * pastedCut
	}
	hits := buf[:0]
	if want := cmp.Or(max(limit, 0), 16); cap(hits) < want {
		hits = make([]Hit, 0, want)
	}
	for _, t := range sc.targets {
		h := best[t]
		if h.Score < cut {
			continue
		}
		h.follows = ix.Docs[h.Doc].Vendor && !vendorLand && !slices.Contains(codes, int(ix.Docs[h.Target].Code))
		if limit <= 0 || len(hits) < limit {
			hits = append(hits, h)
		} else if order(h, hits[len(hits)-1]) < 0 {
			hits[len(hits)-1] = h
		} else {
			continue
		}
		for i := len(hits) - 1; i > 0 && order(hits[i], hits[i-1]) < 0; i-- {
			if limit <= 0 {
				break // sorted below
			}
			hits[i], hits[i-1] = hits[i-1], hits[i]
		}
	}
	if limit <= 0 {
		slices.SortFunc(hits, order)
	}
	return hits, slot
}

// phraseHeld returns how much of the best of a document's phrases of two
// words or more the query's stems hold, as a fraction of its words. qMask
// has the bits of the query's terms (as in phraseBonus): a phrase with none
// of them holds nothing of the query and is passed over unread.
func phraseHeld(ps []Phrase, tokens []int32, q []bool, qMask uint64) float64 {
	best := 0.0
	for i := range ps {
		p := &ps[i]
		if p.Mask&qMask == 0 || p.End-p.Start < 2 {
			continue
		}
		toks := tokens[p.Start:p.End]
		in := 0
		for _, t := range toks {
			if q[t] {
				in++
			}
		}
		best = max(best, float64(in)/float64(len(toks)))
	}
	return best
}

// scratch is the working space of one search, kept in a pool so that a
// search allocates little more than its answer. Its arrays by document and
// by target are all zero between searches: release clears only what a
// search touched.
type scratch struct {
	docs     []docState // by document; only those of this search's gen are set
	gen      uint32     // the search using it, counted from 1
	touched  []int32    // the documents a query word, identifier or code reached
	best     []Hit      // by target
	own      []float64  // by target: the entry's own score
	second   []float64  // by target: the second best document's score
	targets  []int32    // the targets with a hit
	inQuery  []bool     // by term: the query holds it
	queryIDs []int32    // the terms set in inQuery
	scored   []scored   // the signals with a score, and their scores
}

// scored is a signal's document that scored, and what it would add as
// second evidence.
type scored struct {
	doc, target int32
	second      float64 // what it adds to its target as second evidence
}

// sameEvidence reports whether document d is a signal found by its words
// and holds no query word and no more names than b, a signal or, in pasted
// text, an entry (a product's "Not Found" page adds nothing to 404's own
// name; in a typed query the entry's words are too many to judge by). A name
// found alone (one ecosystem's constant, then another's of the same name)
// is not the same evidence: each ecosystem that gives the name that code
// says so again.
func sameEvidence(ix *Index, docs []docState, d, b int, pasted bool) bool {
	w := wordMask(&docs[d])
	if w == 0 || !ix.Docs[d].Copied || !ix.Docs[b].Copied && !pasted || docs[d].named > docs[b].named {
		return false
	}
	return w&^wordMask(&docs[b]) == 0
}

// wordMask returns the query words a document holds, in any way.
func wordMask(ds *docState) uint64 {
	m := &ds.masks
	return m[exact] | m[completion] | m[misspelt] | m[synonym]
}

// docState is what a search learns of one document, kept together so that
// a posting costs one cache line. A search reads it only when gen is its
// own: the state of an earlier search is cleared when first touched, not
// after that search.
type docState struct {
	score float64
	// masks holds which query words matched the document and how:
	// exactly, as a completion, through a typo or a synonym (one bit a
	// query word in each).
	masks     [4]uint64
	phrased   uint8  // how many query words stand in one of its phrases
	named     uint8  // how many forms of its identifiers the query holds
	vendorHit bool   // a query word stands in its vendor field
	typing    bool   // a phrase of it holds a word the last, unfinished word may stand for
	gen       uint32 // the search that set it (scratch.gen); then it is in touched
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// getScratch returns working space for docs documents, results targets and
// terms terms, with a new gen: zeroed, but for documents' states of other
// searches.
func getScratch(docs, results, terms int) *scratch {
	sc := scratchPool.Get().(*scratch)
	if len(sc.docs) != docs || len(sc.best) != results || len(sc.inQuery) != terms {
		*sc = scratch{
			docs: make([]docState, docs),
			best: make([]Hit, results), own: make([]float64, results), second: make([]float64, results),
			inQuery: make([]bool, terms),
		}
	}
	sc.next()
	return sc
}

// next starts a new search in sc. After 2³² searches the count starts
// again, and no document may keep a gen it could meet again.
func (sc *scratch) next() {
	sc.gen++
	if sc.gen == 0 {
		clear(sc.docs)
		sc.gen = 1
	}
}

// release clears what a search touched, but for the documents' states,
// and returns sc to the pool.
func (sc *scratch) release() {
	for _, t := range sc.targets {
		sc.best[t], sc.own[t], sc.second[t] = Hit{}, 0, 0
	}
	for _, t := range sc.queryIDs {
		sc.inQuery[t] = false
	}
	sc.touched, sc.targets, sc.queryIDs, sc.scored = sc.touched[:0], sc.targets[:0], sc.queryIDs[:0], sc.scored[:0]
	scratchPool.Put(sc)
}

// phraseBonus rewards a document whose name, alias or keyword is the query,
// or holds the whole query, or is held whole by it.
// qMask is the Mask of the query's terms q, and qKnown says every word of q
// is a term: the masks let most phrases be passed over without a scan.
func phraseBonus(ps []Phrase, tokens []int32, q []int32, inQuery []bool, qMask uint64, qKnown bool) float64 {
	best := 0.0
	for i := range ps {
		// Each case needs the phrase's terms and the query's to be the
		// same, or one set within the other: the masks rule most phrases
		// out before their terms are read.
		p := &ps[i]
		if p.Mask&qMask == 0 {
			continue // no term in common
		}
		var b float64
		switch n := int(p.End - p.Start); {
		case n == len(q):
			// The phrase holds the query, or the query holds the phrase,
			// only if they are equal.
			if p.Mask == qMask && slices.Equal(tokens[p.Start:p.End], q) {
				b = p.Weight
			}
		case n > len(q):
			if qKnown && qMask&^p.Mask == 0 && contains(tokens[p.Start:p.End], q) {
				b = 0.5 * p.Weight * float64(len(q)) / float64(n)
			}
		case n >= 2 && p.Mask&^qMask == 0:
			if toks := tokens[p.Start:p.End]; allIn(toks, inQuery) && containsGapped(q, toks, p.Gaps) {
				b = 0.5 * p.Weight * float64(n) / float64(len(q))
			}
		}
		if b > best {
			best = b
		}
	}
	return best
}

// typedPhrase rewards a document with a phrase that is the query, its last
// word completed as one of typing: the name being typed.
func typedPhrase(ps []Phrase, tokens []int32, q []int32, typing []int32) float64 {
	best := 0.0
	for i := range ps {
		p := &ps[i]
		n := int(p.End - p.Start)
		if n != len(q) || p.Weight*prefixWeight <= best {
			continue
		}
		toks := tokens[p.Start:p.End]
		if slices.Equal(toks[:n-1], q[:n-1]) && slices.Contains(typing, toks[n-1]) {
			best = p.Weight * prefixWeight
		}
	}
	return best
}

// allIn reports whether every term of p is one the query holds: a cheap
// test before looking for p as a run.
func allIn(p []int32, inQuery []bool) bool {
	for _, t := range p {
		if !inQuery[t] {
			return false
		}
	}
	return true
}

// containsGapped reports whether seq holds the runs of sub between its
// gaps (bit i of gaps: a gap before sub[i]) in order, each contiguous, with
// anything between them. Without gaps it is contains.
func containsGapped(seq, sub []int32, gaps uint64) bool {
	if gaps == 0 {
		return contains(seq, sub)
	}
	for start := 0; start < len(sub); {
		end := start + 1
		for end < len(sub) && (end >= 64 || gaps&(1<<end) == 0) {
			end++
		}
		i := index(seq, sub[start:end])
		if i < 0 {
			return false
		}
		seq = seq[i+end-start:]
		start = end
	}
	return true
}

// index returns where seq first holds sub as a contiguous run, or -1.
func index(seq, sub []int32) int {
	for i := 0; i+len(sub) <= len(seq); i++ {
		if slices.Equal(seq[i:i+len(sub)], sub) {
			return i
		}
	}
	return -1
}

// contains reports whether seq holds sub as a contiguous run.
func contains(seq, sub []int32) bool {
	if len(sub) == 0 || len(sub) > len(seq) {
		return len(sub) == 0
	}
	first := sub[0]
next:
	for i := 0; i+len(sub) <= len(seq); i++ {
		if seq[i] != first {
			continue
		}
		for k := 1; k < len(sub); k++ {
			if seq[i+k] != sub[k] {
				continue next
			}
		}
		return true
	}
	return false
}

// byLength returns the surface words of length n.
func (ix *Index) byLength(n int) []Word {
	lo := sort.Search(len(ix.Surface), func(i int) bool { w := &ix.Surface[i]; return int(w.End-w.Start) >= n })
	hi := sort.Search(len(ix.Surface), func(i int) bool { w := &ix.Surface[i]; return int(w.End-w.Start) > n })
	return ix.Surface[lo:hi]
}

// prefixes returns the stems of the most common catalogue words that begin
// with w and are longer, at most maxPrefixes of them, appended to out (which
// the caller may keep on its stack).
func (ix *Index) prefixes(w string, out []int32) []int32 {
	if len(w) < 2 {
		return out
	}
	i, _ := slices.BinarySearchFunc(ix.ByText, w, func(k int32, w string) int { return cmp.Compare(ix.text(&ix.Surface[k]), w) })
	var buf [64]Word // most prefixes have fewer completions
	words := buf[:0]
	for ; i < len(ix.ByText) && strings.HasPrefix(ix.text(&ix.Surface[ix.ByText[i]]), w); i++ {
		if c := ix.Surface[ix.ByText[i]]; int(c.End-c.Start) > len(w) {
			words = append(words, c)
		}
	}
	// The most common completions first: "al" is "allowed" before "alb".
	df := func(w Word) int { return len(ix.postings(w.Stem)) }
	slices.SortStableFunc(words, func(a, b Word) int { return df(b) - df(a) })
	first := len(out)
	for _, c := range words {
		if !slices.Contains(out[first:], c.Stem) {
			out = append(out, c.Stem)
			if len(out)-first == maxPrefixes {
				break
			}
		}
	}
	return out
}

// The words typos matches within one edit, through Index.TypoKeys.
const (
	oneEditMin = 4
	oneEditMax = 7
)

// forKeys calls f with the hash of w and of each deletion of one letter
// from it (FNV-1a).
func forKeys(w string, f func(uint32)) {
	f(fnv(fnvOffset, w))
	for i := range len(w) {
		f(fnv(fnv(fnvOffset, w[:i]), w[i+1:]))
	}
}

// typos returns the stems of the catalogue's words nearest to w: within one
// edit for words of 4 to 7 letters, two for longer ones.
func (ix *Index) typos(w string) []int32 {
	if len(w) < oneEditMin {
		return nil
	}
	if len(w) <= oneEditMax && len(ix.TypoKeys) > 0 {
		return ix.oneEdit(w)
	}
	maxDist := 1
	if len(w) >= 8 {
		maxDist = 2
	}
	near := nearest{maxDist: maxDist, best: maxDist + 1}
	wl := letters(w)
	from, to := max(len(w)-maxDist, 0), min(len(w)+maxDist+1, len(ix.TypoFrom)-1)
	if from >= to {
		return nil
	}
	lo, hi := ix.TypoFrom[from], ix.TypoFrom[to]
	for k, l := range ix.TypoLetters[lo:hi] {
		// An edit adds at most one letter to the set and takes away at
		// most one, so sets far apart mean words far apart: clear the
		// lowest set bit twice for each edit allowed, and see what is left.
		x := wl ^ l
		x &= x - 1
		x &= x - 1
		if maxDist == 2 {
			x &= x - 1
			x &= x - 1
		}
		if x != 0 {
			continue
		}
		c := &ix.Surface[ix.TypoWords[int(lo)+k]]
		near.offer(editDistance(w, ix.text(c), maxDist), c.Stem)
	}
	return near.out
}

// nearest gathers the stems of the words nearest to a query word, each
// once, as the words are offered in the order of Surface.
type nearest struct {
	maxDist, best int
	out           []int32
}

// offer considers a word at edit distance d with the given stem.
func (n *nearest) offer(d int, stem int32) {
	if d > n.maxDist || d > n.best {
		return
	}
	if d < n.best {
		n.best, n.out = d, n.out[:0]
	}
	if !slices.Contains(n.out, stem) {
		n.out = append(n.out, stem)
	}
}

// oneEdit returns the stems of the typed words one edit from w, in the
// order of Surface, as the scan of typos would: it looks up w's keys in
// TypoKeys and checks each word found.
func (ix *Index) oneEdit(w string) []int32 {
	var found [64]int32
	cands := found[:0]
	forKeys(w, func(h uint32) {
		i, _ := slices.BinarySearch(ix.TypoKeys, uint64(h)<<32)
		for ; i < len(ix.TypoKeys) && uint32(ix.TypoKeys[i]>>32) == h; i++ {
			cands = append(cands, int32(uint32(ix.TypoKeys[i])))
		}
	})
	slices.Sort(cands)
	near := nearest{maxDist: 1, best: 2}
	for k, c := range cands {
		if k > 0 && c == cands[k-1] {
			continue
		}
		word := &ix.Surface[c]
		near.offer(editDistance(w, ix.text(word), 1), word.Stem)
	}
	return near.out
}

// Suggest returns words with each one the catalogue does not know replaced
// by the nearest it does (within two edits), or "" when nothing changed. Like
// Search, it reads only the first MaxQueryBytes of query.
func (ix *Index) Suggest(query string) string {
	if len(query) > MaxQueryBytes {
		query = query[:MaxQueryBytes]
	}
	ws := Words(query)
	changed := false
	for i, w := range ws {
		if stop(w) || len(w) < 3 || ix.known(w) {
			continue
		}
		best, bestDist := "", 3
		wl := letters(w)
		for l := len(w) - 2; l <= len(w)+2; l++ {
			for _, c := range ix.byLength(l) {
				if bits.OnesCount32(wl^c.Letters) > 4 {
					continue
				}
				if d := editDistance(w, ix.text(&c), 2); d < bestDist {
					best, bestDist = ix.text(&c), d
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
	return strings.Join(ws, " ")
}

func (ix *Index) known(w string) bool {
	for _, c := range ix.byLength(len(w)) {
		if ix.text(&c) == w {
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

// endsLastWord reports whether the identifier id ends the last word of
// query: only that word may be unfinished, and an identifier earlier in the
// query ("OAuth" in "revoked when calling the OAuth token endpoint") is
// whole.
func endsLastWord(query, id string) bool {
	return strings.HasSuffix(norm(query[strings.LastIndexAny(query, " \t\r\n")+1:]), strings.TrimPrefix(id, capsMark))
}

func isNumber(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] < '0' || w[i] > '9' {
			return false
		}
	}
	return w != ""
}
