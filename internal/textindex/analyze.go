// Package textindex is the search engine behind httpstatus.Search: the text
// analysis (words, phrase rewrites, stop words, stemming), an inverted index
// that the generator builds once from the catalogue and writes out as Go
// data, and ranked retrieval over it with synonyms and typo tolerance.
package textindex

import (
	"slices"
	"strings"
)

// Field weights: how much one occurrence of a word in a field of an entry
// says about the entry.
const (
	WeightName     = 10
	WeightAlias    = 7
	WeightKeyword  = 5
	WeightVendor   = 10
	WeightSummary  = 3
	WeightUseCase  = 1.2
	WeightMessage  = 1
	WeightDescr    = 1
	WeightAPIUsage = 0.6
	WeightMistake  = 0.3
)

// stopWords carry no meaning for this catalogue: every entry is an HTTP
// status code.
var stopWords = setOf(
	"a", "an", "the", "is", "are", "was", "were", "be", "been", "being", "to", "of", "for", "my",
	"i", "it", "its", "this", "that", "these", "those", "with", "on", "in", "at", "by", "from", "and",
	"or", "me", "you", "your", "we", "our", "us", "what", "which", "who", "how", "do", "does", "did",
	"when", "where", "why", "should", "can", "could", "would", "will", "shall", "get", "got", "gets",
	"http", "status", "code", "codes", "has", "have", "had", "if", "then", "than", "so",
	"just", "about", "into", "as", "there", "please", "use", "return", "returns", "mean", "means",
	"meaning", "am", "some", "any",
)

// phrases are rewritten to one token before indexing and searching, so that
// the spellings people use meet the spellings the catalogue uses.
var phrases = []struct {
	from []string
	to   []string
}{
	{[]string{"time", "out"}, []string{"timeout"}},
	{[]string{"timed", "out"}, []string{"timeout"}},
	{[]string{"times", "out"}, []string{"timeout"}},
	{[]string{"timing", "out"}, []string{"timeout"}},
	{[]string{"took", "too", "long"}, []string{"timeout"}},
	{[]string{"taking", "too", "long"}, []string{"timeout"}},
	{[]string{"takes", "too", "long"}, []string{"timeout"}},
	{[]string{"wait", "too", "long"}, []string{"timeout"}},
	{[]string{"waits", "too", "long"}, []string{"timeout"}},
	{[]string{"waited", "too", "long"}, []string{"timeout"}},
	{[]string{"waiting", "too", "long"}, []string{"timeout"}},
	{[]string{"log", "in"}, []string{"login"}},
	{[]string{"logged", "in"}, []string{"login"}},
	{[]string{"sign", "in"}, []string{"login"}},
	{[]string{"signed", "in"}, []string{"login"}},
	{[]string{"log", "on"}, []string{"login"}},
	{[]string{"rate", "limit"}, []string{"ratelimit"}},
	{[]string{"rate", "limited"}, []string{"ratelimit"}},
	{[]string{"rate", "limiting"}, []string{"ratelimit"}},
	{[]string{"rate", "limits"}, []string{"ratelimit"}},
	{[]string{"too", "big"}, []string{"too", "large"}},
	{[]string{"wi", "fi"}, []string{"wifi"}},
	{[]string{"e", "mail"}, []string{"email"}},
	{[]string{"web", "socket"}, []string{"websocket"}},
	// HTTP versions ("HTTP/1.0", "http2", "HTTP/3") are one token and a
	// mention of versions; the bare digits would say nothing.
	{[]string{"http", "1", "0"}, []string{"http1", "version"}},
	{[]string{"http", "1", "1"}, []string{"http1", "version"}},
	{[]string{"http", "2", "0"}, []string{"http2", "version"}},
	{[]string{"http", "2"}, []string{"http2", "version"}},
	{[]string{"http", "3"}, []string{"http3", "version"}},
	{[]string{"http2"}, []string{"http2", "version"}},
	{[]string{"http3"}, []string{"http3", "version"}},
	{[]string{"h2"}, []string{"http2"}},
	{[]string{"h3"}, []string{"http3"}},
	{[]string{"web", "sockets"}, []string{"websocket"}},
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
	{"duplic", "conflict"},
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
	{"move", "redirect", "relocat"},
	{"partial", "part", "rang", "chunk"},
}

// related returns the synonyms of a stem.
func related(stem string) []string {
	var out []string
	for _, g := range synonyms {
		if slices.Contains(g, stem) {
			for _, s := range g {
				if s != stem {
					out = append(out, s)
				}
			}
		}
	}
	return out
}

// Words splits text into lower-case words of letters and digits; an
// apostrophe joins ("I'm" is "im").
func Words(text string) []string {
	var out []string
	start := -1
	lower := strings.ToLower(text)
	var b []byte
	for i := 0; i < len(lower); i++ {
		c := lower[i]
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
			if start < 0 {
				start = 0
				b = b[:0]
			}
			b = append(b, c)
		case c == '\'':
		case c == 0xe2 && strings.HasPrefix(lower[i:], "’"):
			i += len("’") - 1
		default:
			if start >= 0 {
				out = append(out, string(b))
				start = -1
			}
		}
	}
	if start >= 0 {
		out = append(out, string(b))
	}
	return out
}

// contractions are negations written short; they mean "not" ("doesn't"
// tokenizes as "doesnt"), and the verb carries no meaning here.
var contractions = setOf(
	"dont", "doesnt", "didnt", "isnt", "arent", "wasnt", "werent", "cant", "cannot", "couldnt",
	"wont", "wouldnt", "shouldnt", "hasnt", "havent", "hadnt", "mustnt", "neednt",
)

// rewrite applies the phrase rewrites to a word list.
func rewrite(ws []string) []string {
	out := make([]string, 0, len(ws))
next:
	for i := 0; i < len(ws); i++ {
		if contractions[ws[i]] {
			out = append(out, "not")
			continue
		}
		for _, p := range phrases {
			if i+len(p.from) <= len(ws) && slices.Equal(ws[i:i+len(p.from)], p.from) {
				out = append(out, p.to...)
				i += len(p.from) - 1
				continue next
			}
		}
		out = append(out, ws[i])
	}
	return out
}

// Analyze turns text into the stems the index holds: words, phrase
// rewrites, stop words out, stemming.
func Analyze(text string) []string {
	out, _ := analyze(text)
	return out
}

// analyze returns the stems of text and the surface words they came from.
func analyze(text string) (stems, surface []string) {
	for _, w := range rewrite(Words(text)) {
		if stopWords[w] {
			continue
		}
		stems = append(stems, Stem(american(w)))
		surface = append(surface, w)
	}
	return stems, surface
}

// britishEndings are suffixes whose British spelling differs from the
// American one the stemmer knows ("unauthorised", "behaviour").
var britishEndings = [][2]string{
	{"orisation", "orization"}, {"alisation", "alization"}, {"isation", "ization"},
	{"orised", "orized"}, {"orises", "orizes"}, {"orising", "orizing"}, {"orise", "orize"},
	{"alised", "alized"}, {"alises", "alizes"}, {"alising", "alizing"}, {"alise", "alize"},
	{"ognised", "ognized"}, {"ognise", "ognize"}, {"anised", "anized"}, {"anise", "anize"},
	{"imised", "imized"}, {"imise", "imize"}, {"itised", "itized"}, {"itise", "itize"},
	{"lyse", "lyze"}, {"lysed", "lyzed"},
	{"iour", "ior"}, {"olour", "olor"}, {"onour", "onor"}, {"avour", "avor"}, {"abour", "abor"},
	{"centre", "center"}, {"licence", "license"},
}

// american respells the common British endings the American way, so that
// both spellings meet in the index.
func american(w string) string {
	if len(w) < 5 {
		return w
	}
	for _, e := range britishEndings {
		if strings.HasSuffix(w, e[0]) {
			return w[:len(w)-len(e[0])] + e[1]
		}
	}
	return w
}

func setOf(ws ...string) map[string]bool {
	m := make(map[string]bool, len(ws))
	for _, w := range ws {
		m[w] = true
	}
	return m
}
