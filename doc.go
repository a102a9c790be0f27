// Package httpstatus is a reference of HTTP status codes: every code in the
// IANA HTTP Status Code Registry and the well-known vendor codes (nginx 499,
// Cloudflare 52x, IIS 440, ...), each with what it means, when to use it and
// when not, how a JSON API should use it, the header rules the specification
// sets (MUST, SHOULD, ...), caching and retry facts, a message for end users,
// an example exchange, its former names, and how other ecosystems spell it.
//
// The catalogue is compiled into the package from the YAML files under data/
// by go generate, so it costs nothing to load. Values it returns are copies:
// changing them never changes the catalogue.
//
// A number can carry several meanings (499 is nginx's Client Closed Request
// and Esri's Token Required), so Lookup returns every meaning, the registered
// one first, and Registered returns only the registry's.
//
// Search ranks entries against the words people type, with stemming, typo
// tolerance and synonyms; Match expands patterns such as "4xx" and "5x3".
//
// For choosing a code to return: Situations lists cases developers meet,
// each with its code, alternatives, reasoning and the section that says
// so; Choose walks a tree of plain questions (Questions) to a code with
// its header rules; Compare sets two or three codes side by side with a
// verdict.
//
// For retries: every entry carries RetryFacts beside its prose Retry (can
// the same request succeed, only after a change, only with an idempotent
// method, what Retry-After means with the code). ParseRetryAfter reads a
// Retry-After in both of its forms with a cap the caller sets;
// RetryPolicy decides for a request and its response or error whether to
// retry, after how long and why, honouring idempotency (RFC 9110, Section
// 9.2.2) and Idempotency-Key, and offers CheckRetry and Backoff with the
// signatures of go-retryablehttp's. RetryClients is the table of what
// well-known clients retry by default, each row with the version checked
// and its source; RetriesFor sets one code against it.
package httpstatus
