package httpstatus

import (
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// A Result is one entry found by Search, with its relevance score.
type Result struct {
	Entry Entry   `json:"entry"`
	Score float64 `json:"score"`
}

// Search ranks the catalogue's entries against a query as people type it:
// codes ("418"), patterns ("4xx"), names, former names, and plain questions
// ("upload is too big", "hotel wifi login page"). It stems words, tolerates
// typos, knows common synonyms and weighs fields (a match in a name outranks
// one in a description). It returns at most limit results, best first; a
// limit of zero or less returns every match.
func Search(query string, limit int) []Result {
	var results []Result
	if entries, err := Match(strings.TrimSpace(query)); err == nil && len(entries) > 0 {
		for _, e := range entries {
			results = append(results, Result{Entry: e, Score: 1000})
		}
	} else {
		results = theIndex().search(query)
	}
	if limit > 0 && len(results) > limit {
		results = results[:limit]
	}
	return results
}

// Field weights: how much one occurrence of a word in a field says about an
// entry.
const (
	weightName     = 10
	weightAlias    = 7
	weightKeyword  = 5
	weightVendor   = 4
	weightSummary  = 3
	weightUseCase  = 1.2
	weightMessage  = 1
	weightDescr    = 1
	weightAPIUsage = 0.6
	weightMistake  = 0.3
)

// stopWords carry no meaning for this catalogue: every entry is an HTTP
// status code.
var stopWords = setOf(
	"a", "an", "the", "is", "are", "was", "were", "be", "been", "being", "to", "of", "for", "my",
	"i", "it", "its", "this", "that", "these", "those", "with", "on", "in", "at", "by", "from", "and",
	"or", "me", "you", "your", "we", "our", "us", "what", "which", "who", "how", "do", "does", "did",
	"when", "where", "why", "should", "can", "could", "would", "will", "shall", "get", "got", "gets",
	"http", "https", "status", "code", "codes", "has", "have", "had", "if", "then", "than", "so",
	"just", "about", "into", "as", "there", "please", "use", "return", "returns", "mean", "means",
	"meaning", "am", "some", "any",
)

// phrases are rewritten to one token before indexing and searching, so that
// the spellings people use meet the spellings the catalogue uses.
var phrases = []struct {
	from []string
	to   string
}{
	{[]string{"time", "out"}, "timeout"},
	{[]string{"timed", "out"}, "timeout"},
	{[]string{"times", "out"}, "timeout"},
	{[]string{"timing", "out"}, "timeout"},
	{[]string{"took", "too", "long"}, "timeout"},
	{[]string{"taking", "too", "long"}, "timeout"},
	{[]string{"takes", "too", "long"}, "timeout"},
	{[]string{"log", "in"}, "login"},
	{[]string{"logged", "in"}, "login"},
	{[]string{"sign", "in"}, "login"},
	{[]string{"signed", "in"}, "login"},
	{[]string{"log", "on"}, "login"},
	{[]string{"rate", "limit"}, "ratelimit"},
	{[]string{"rate", "limited"}, "ratelimit"},
	{[]string{"rate", "limiting"}, "ratelimit"},
	{[]string{"rate", "limits"}, "ratelimit"},
	{[]string{"too", "big"}, "too large"},
	{[]string{"wi", "fi"}, "wifi"},
	{[]string{"e", "mail"}, "email"},
	{[]string{"set", "up"}, "setup"},
	{[]string{"web", "socket"}, "websocket"},
	{[]string{"web", "sockets"}, "websocket"},
}

// synonyms are groups of stems that may stand for one another in a query,
// at a discount.
var synonyms = [][]string{
	{"timeout", "slow", "expir"},
	{"larg", "big", "huge", "long"},
	{"login", "authent", "credenti", "signin", "logon"},
	{"ratelimit", "throttl", "quota"},
	{"unauthor", "unauthent"},
	{"forbidden", "deni", "refus", "permiss"},
	{"duplic", "exist", "conflict"},
	{"delet", "remov"},
	{"upload", "bodi", "payload"},
	{"url", "uri", "link", "address"},
	{"down", "unavail", "offlin", "outag", "mainten"},
	{"overload", "busi", "capac"},
	{"upstream", "backend", "origin"},
	{"proxi", "gatewai"},
	{"ssl", "tl", "certif", "cert", "https"},
	{"wifi", "hotspot", "captiv"},
	{"invalid", "malform", "bad"},
	{"async", "asynchron", "queu", "background"},
	{"cach", "cache"},
	{"move", "redirect", "relocat"},
	{"partial", "rang", "chunk"},
}

const (
	synonymWeight = 0.6
	typoWeight    = 0.75
)

type indexedDoc struct {
	tf      map[string]float64 // weighted, sublinear term frequency
	phrases []indexedPhrase    // name, aliases and keywords as token sequences
}

type indexedPhrase struct {
	tokens []string
	weight float64
}

type index struct {
	docs    []indexedDoc
	df      map[string]int      // documents that contain a stem
	surface map[string]string   // every word seen in the catalogue, to its stem
	byLen   map[int][]string    // the surface words by length, for typo matching
	related map[string][]string // stem to its synonyms
}

var theIndex = sync.OnceValue(buildIndex)

func buildIndex() *index {
	ix := &index{
		docs:    make([]indexedDoc, len(entries)),
		df:      map[string]int{},
		surface: map[string]string{},
		byLen:   map[int][]string{},
		related: map[string][]string{},
	}
	for _, group := range synonyms {
		for _, a := range group {
			for _, b := range group {
				if a != b {
					ix.related[a] = append(ix.related[a], b)
				}
			}
		}
	}
	for i := range entries {
		e := &entries[i]
		counts := map[string]map[float64]int{}
		add := func(text string, weight float64) []string {
			toks := ix.analyze(text, true)
			for _, t := range toks {
				if counts[t] == nil {
					counts[t] = map[float64]int{}
				}
				counts[t][weight]++
			}
			return toks
		}
		d := &ix.docs[i]
		d.phrases = append(d.phrases, indexedPhrase{add(e.Name, weightName), weightName})
		if e.IANAName != "" && e.IANAName != e.Name {
			d.phrases = append(d.phrases, indexedPhrase{add(e.IANAName, weightAlias), weightAlias})
		}
		for _, a := range e.Aliases {
			d.phrases = append(d.phrases, indexedPhrase{add(a, weightAlias), weightAlias})
		}
		for _, k := range e.Keywords {
			d.phrases = append(d.phrases, indexedPhrase{add(k, weightKeyword), weightKeyword})
		}
		add(e.Vendor, weightVendor)
		add(e.Summary, weightSummary)
		for _, u := range e.UseCases {
			add(u, weightUseCase)
		}
		add(e.Message, weightMessage)
		add(e.Description, weightDescr)
		add(e.APIUsage, weightAPIUsage)
		for _, m := range e.Mistakes {
			add(m, weightMistake)
		}
		d.tf = make(map[string]float64, len(counts))
		for t, byWeight := range counts {
			for w, n := range byWeight {
				d.tf[t] += w * (1 + math.Log(float64(n)))
			}
			ix.df[t]++
		}
	}
	for w := range ix.surface {
		ix.byLen[len(w)] = append(ix.byLen[len(w)], w)
	}
	for _, ws := range ix.byLen {
		slices.Sort(ws)
	}
	return ix
}

// words splits text into lower-case words of letters and digits; an
// apostrophe joins ("I'm" is "im").
func words(text string) []string {
	var out []string
	var b strings.Builder
	flush := func() {
		if b.Len() > 0 {
			out = append(out, b.String())
			b.Reset()
		}
	}
	for _, r := range strings.ToLower(text) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == '\'' || r == '’':
		default:
			flush()
		}
	}
	flush()
	return out
}

// analyze turns text into stems: words, phrase rewrites, stop words out,
// stemming. When learning, it records the surface words for typo matching.
func (ix *index) analyze(text string, learning bool) []string {
	ws := rewrite(words(text))
	out := ws[:0]
	for _, w := range ws {
		if stopWords[w] {
			continue
		}
		s := stem(w)
		if learning {
			ix.surface[w] = s
		}
		out = append(out, s)
	}
	return out
}

// rewrite applies the phrase rewrites to a word list.
func rewrite(ws []string) []string {
	out := make([]string, 0, len(ws))
next:
	for i := 0; i < len(ws); i++ {
		for _, p := range phrases {
			if i+len(p.from) <= len(ws) && slices.Equal(ws[i:i+len(p.from)], p.from) {
				out = append(out, strings.Fields(p.to)...)
				i += len(p.from) - 1
				continue next
			}
		}
		out = append(out, ws[i])
	}
	return out
}

// queryTerm is one stem a query looks for, with how much it counts.
type queryTerm struct {
	stem   string
	weight float64
	slot   int // the query word it stands for
}

func (ix *index) search(query string) []Result {
	ws := rewrite(words(query))
	var terms []queryTerm
	var stems []string
	var codes []int
	slot := 0
	for _, w := range ws {
		if stopWords[w] {
			continue
		}
		if n, err := strconv.Atoi(w); err == nil && len(w) == 3 {
			codes = append(codes, n)
		}
		s := stem(w)
		stems = append(stems, s)
		if ix.df[s] > 0 {
			terms = append(terms, queryTerm{s, 1, slot})
		} else {
			for _, t := range ix.typos(w) {
				terms = append(terms, queryTerm{t, typoWeight, slot})
			}
		}
		for _, r := range ix.related[s] {
			if ix.df[r] > 0 {
				terms = append(terms, queryTerm{r, synonymWeight, slot})
			}
		}
		slot++
	}
	if slot == 0 {
		return nil
	}

	n := float64(len(entries))
	var results []Result
	for i := range ix.docs {
		d := &ix.docs[i]
		score := 0.0
		matched := make([]float64, slot)
		for _, t := range terms {
			tf := d.tf[t.stem]
			if tf == 0 {
				continue
			}
			df := float64(ix.df[t.stem])
			idf := math.Log(1 + (n-df+0.5)/(df+0.5))
			score += t.weight * idf * tf
			matched[t.slot] = max(matched[t.slot], t.weight)
		}
		for _, c := range codes {
			if entries[i].Code == c {
				score += 200
			}
		}
		if score == 0 {
			continue
		}
		score += phraseBonus(d.phrases, stems)
		coverage := 0.0
		for _, m := range matched {
			coverage += m
		}
		coverage /= float64(slot)
		score *= coverage * coverage
		if score > 0 {
			results = append(results, Result{Entry: entries[i], Score: score})
		}
	}
	slices.SortStableFunc(results, func(a, b Result) int {
		if a.Score != b.Score {
			if a.Score > b.Score {
				return -1
			}
			return 1
		}
		if (a.Entry.Registration == Unofficial) != (b.Entry.Registration == Unofficial) {
			if a.Entry.Registration == Unofficial {
				return 1
			}
			return -1
		}
		return a.Entry.Code - b.Entry.Code
	})
	for i := range results {
		results[i].Entry = results[i].Entry.clone()
	}
	return results
}

// phraseBonus rewards an entry whose name, alias or keyword is the query,
// or holds the whole query, or is held whole by it.
func phraseBonus(ps []indexedPhrase, q []string) float64 {
	best := 0.0
	for _, p := range ps {
		if len(p.tokens) == 0 {
			continue
		}
		var b float64
		switch {
		case slices.Equal(p.tokens, q):
			b = 4 * p.weight
		case len(q) >= 1 && contains(p.tokens, q):
			b = 2 * p.weight * float64(len(q)) / float64(len(p.tokens))
		case len(p.tokens) >= 2 && contains(q, p.tokens):
			b = 2 * p.weight * float64(len(p.tokens)) / float64(len(q))
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

// typos returns the stems of the catalogue's words within a small edit
// distance of w: one edit for words of 4 to 7 letters, two for longer ones.
func (ix *index) typos(w string) []string {
	if len(w) < 4 {
		return nil
	}
	maxDist := 1
	if len(w) >= 8 {
		maxDist = 2
	}
	best := maxDist + 1
	var out []string
	for l := len(w) - maxDist; l <= len(w)+maxDist; l++ {
		for _, c := range ix.byLen[l] {
			d := editDistance(w, c, maxDist)
			if d > maxDist || d > best {
				continue
			}
			s := ix.surface[c]
			if d < best {
				best, out = d, out[:0]
			}
			if !slices.Contains(out, s) {
				out = append(out, s)
			}
		}
	}
	return out
}

// editDistance is the optimal string alignment distance between a and b
// (insertions, deletions, substitutions and swaps of neighbours), or a value
// above limit once it is sure to exceed it.
func editDistance(a, b string, limit int) int {
	if a == b {
		return 0
	}
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
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

func setOf(ws ...string) map[string]bool {
	m := make(map[string]bool, len(ws))
	for _, w := range ws {
		m[w] = true
	}
	return m
}

// Suggest returns the query with each word the catalogue does not know
// replaced by the nearest word it does (within two edits), or "" when it
// has nothing better to offer.
func Suggest(query string) string {
	ix := theIndex()
	ws := words(query)
	changed := false
	for i, w := range ws {
		if stopWords[w] || len(w) < 3 {
			continue
		}
		if _, ok := ix.surface[w]; ok {
			continue
		}
		best, bestDist := "", 3
		for l := len(w) - 2; l <= len(w)+2; l++ {
			for _, c := range ix.byLen[l] {
				if d := editDistance(w, c, 2); d < bestDist {
					best, bestDist = c, d
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
