// Package endpoint serves /status/{codes}: a safe, spec-correct test
// endpoint that answers any request with the status code it names, so that
// HTTP clients can be tested against every code.
//
// Mount it on a mux, or use it directly in a test with httptest.NewServer:
//
//	mux.Handle("/status/", endpoint.New(endpoint.Config{}))
//
// # Codes
//
// The first path segment after the prefix names the code; anything after it
// is ignored, so /status/404/anything/here answers 404. Every code from 100
// to 599 is allowed, registered or not, and so is any number up to 999 that
// the catalogue gives a meaning (httpstatus.Lookup), such as 499, 520 or 999.
// Any method is answered the same way.
//
// Several codes may be given, up to 20, with optional weights:
// /status/200:0.9,500:0.1 or /status/200,500,503 (equal weights). A weight
// is a finite number, 0 or more; a code without one weighs 1. The choice is
// random, or reproducible with ?seed=N (a 64-bit integer).
//
// # Headers
//
// The headers a code calls for come from the catalogue's header rules
// (httpstatus.Headers), never from a table of this package: for every rule
// (MUST, SHOULD or MAY) whose header this package knows how to fill, it sends
// a value chosen by the header's name:
//
//	Location            the ?location= path, or "/"
//	WWW-Authenticate    Basic realm="httpstatus"
//	Proxy-Authenticate  Basic realm="httpstatus"
//	Allow               "GET, HEAD", or "POST" when the request was GET or HEAD,
//	                    so that a 405 never lists the method it refused
//	Retry-After         5 (seconds)
//	Upgrade             websocket, with Connection: Upgrade
//	Content-Range       on a 2xx, the range of the partial body sent (the first
//	                    half of the representation); otherwise bytes */N
//	ETag                "status-CODE"
//	Vary                Accept
//	Link                in an interim response (103), </style.css>; rel=preload;
//	                    as=style; in a final one (451), </>; rel="blocked-by"
//	Ms-Echo-Request     httpstatus (Microsoft's 449)
//	Upload-Draft-Interop-Version
//	                    6 (104, draft-ietf-httpbis-resumable-upload-05)
//
// When the connection is to close after the answer, a Connection the rules
// call for (426) lists close too, since net/http would otherwise replace it.
//
// Rules naming other headers (Date is always sent by net/http) are skipped,
// and a header a MUST NOT or SHOULD NOT rule names is removed, even one the
// client asked for.
//
// ?location= sets the Location of a code whose rules call for one. It takes
// only a path on this server: it must start with a single "/", hold no
// backslash or control character, and parse without scheme or host, so the
// endpoint is never an open redirect.
//
// ?header=Name:Value, repeatable, adds a header to the final response; the
// first of a name replaces the endpoint's own. It takes only names from an
// allow-list of headers a client under test reads, none of which a browser
// or a server in front turns into a policy for the whole site, a redirect, a
// fetch or a cookie:
//
//	X-*                 any X- name, except the security headers (X-Frame-Options,
//	                    X-Content-Type-Options, X-XSS-Protection, X-Content-Security-Policy,
//	                    X-WebKit-CSP, X-Permitted-Cross-Domain-Policies, X-DNS-Prefetch-Control,
//	                    X-Download-Options, X-UA-Compatible) and those a server in front
//	                    acts on (X-Accel-*, X-Sendfile*, X-Lighttpd-*, X-Reproxy-*, X-LiteSpeed-*)
//	caching             Cache-Control, Expires, Pragma, ETag, Last-Modified, Age, Vary
//	retries and limits  Retry-After, RateLimit, RateLimit-Policy, RateLimit-Limit,
//	                    RateLimit-Remaining, RateLimit-Reset
//	authentication      WWW-Authenticate, Proxy-Authenticate
//	content             Content-Language, Content-Disposition, Content-Type (only
//	                    text/plain, text/csv, application/json, application/*+json,
//	                    application/x-ndjson, application/octet-stream and
//	                    application/x-www-form-urlencoded, with a charset at most)
//	links               Link, each link with one rel whose relations are inert: alternate,
//	                    author, blocked-by, canonical, collection, copyright, deprecation,
//	                    describedby, edit, first, help, index, item, last, latest-version,
//	                    license, next, prev, previous, profile, related, replies, self,
//	                    service-desc, service-doc, sunset, type, up, version-history, via
//	                    (never stylesheet, preload, modulepreload, prefetch, preconnect,
//	                    icon, manifest and the like, which make a browser fetch or apply)
//	others              Accept-Patch, Accept-Post, Accept-Ranges, Allow, Deprecation,
//	                    Sunset, Warning
//
// So the security headers a server around the endpoint sets
// (Content-Security-Policy, X-Frame-Options, Referrer-Policy, ...) can never
// be replaced, and neither can Access-Control-Allow-Origin. A name is at most
// 64 bytes and holds no "_" (some servers read it as "-"); a value is at most
// 1024 bytes with no control character; at most 20 headers are given. Any
// other header gets a 400 that says why: Location (use ?location=), the
// hop-by-hop headers, Content-Length, Set-Cookie, Refresh, HSTS, NEL,
// Alt-Svc, Content-Security-Policy and so on.
//
// Responses carry Access-Control-Allow-Origin: * and an
// Access-Control-Expose-Headers that lists every header the endpoint sets
// that a browser would otherwise hide (not those a handler around it adds). An OPTIONS request with Origin and
// Access-Control-Request-Method is a CORS preflight and gets 204; any other
// OPTIONS request gets the code it asked for. Responses carry
// Cache-Control: no-store unless ?header= says otherwise, since the same URL
// may answer differently each time.
//
// # Bodies
//
// 1xx, 204 and 304 responses, answers to HEAD, and codes whose catalogue
// entry says body_allowed: false (205) have no body. Otherwise the body
// follows Accept: text/plain by default; application/json (code, name,
// summary, link to the reference page); application/problem+json (RFC 9457)
// for 4xx and 5xx; or text/html, a small page with a viewport that links
// Config.Stylesheet when one is set (the website sets its own). Input from
// the request never appears in a body.
//
// # Sequences
//
// With ?sequence=KEY the codes of the path are answered in order, one per
// request with the same key, and the last one again after that:
// /status/503,503,200?sequence=k answers 503, 503, then 200 for every
// later request, each with the headers its code calls for (503 and 429
// carry Retry-After; ?header=Retry-After:0 makes a test's client retry at
// once). A retry loop can thus be tested end to end with no setup: pick a
// fresh random key per test. A key is 1 to 64 letters, digits, "-", ".",
// "_" or "~"; the codes take no weights.
//
// A sequence is named by the client's address (IPv6 by /64), the key and
// the codes, so clients behind one address share keys, and the same key
// with other codes is another sequence. It lives for SequenceLimits.TTL
// after its first request (default 5 minutes); then it starts again. The
// state is bounded: a client address may have SequenceLimits.PerClient
// sequences running (default 32; one more gets 429 with a Retry-After
// until the first of them ends), and the endpoint keeps SequenceLimits.Total
// (default 10000; one more gets 503 with a Retry-After). The state lives in
// the value New returns, so it works the same under httptest.
//
// # Redirect chains
//
// Redirects returns a second handler, mounted at /redirect/ on the
// httpstatus server (beside /status/, not under it, so that its paths read
// as the hops they count). /redirect/N answers a redirect to
// /redirect/N-1, and /redirect/0 answers 200 with a JSON body naming the
// method it got ({"status":200,"method":"GET"}; a method other than GET,
// HEAD, POST, PUT, PATCH, DELETE, OPTIONS and TRACE is named "other"), so
// a client follows N hops and its test sees whether the method was
// rewritten. ?code=301|302|303|307|308 picks the redirect (default 302)
// and is kept along the chain. /redirect/loop redirects to itself forever,
// for testing a client's redirect limit. Every Location is a path on the
// same server; N is capped by RedirectConfig.MaxHops (default 50, never
// above 1000), and anything else gets a 400 problem+json that says why.
//
// # Interim responses and 101
//
// Any 1xx code but 101 (100 Continue, 102 Processing, 103 Early Hints, ...)
// is sent as a real interim response, carrying the headers of its rules (the
// Link of a 103), followed by a final response with its own code's headers:
// 200, or the code given by ?then=CODE (200 to 599). After a 100 Continue to
// a request with Expect: 100-continue, the endpoint reads the body the
// client then sends (up to 1 MiB), so the connection stays usable. An
// HTTP/1.0 client is never sent an interim response (RFC 9110, Section
// 15.2); it gets the final one only.
//
// 101 Switching Protocols is answered only to an HTTP/1.1 request that asks
// to upgrade (Connection: upgrade and an Upgrade header): the endpoint takes
// over the connection, sends 101 with the first protocol the client offered,
// and closes it, so the client sees a switch followed by end of stream. Any
// other request for 101 gets a 400 that says why. Either way no client is
// left waiting. Likewise a CONNECT request whose final answer would be a 2xx
// gets a 400: a 2xx to CONNECT opens a tunnel, with no content (RFC 9110,
// Section 9.3.6), and the endpoint has nowhere to tunnel to.
//
// # Delays and limits
//
// ?sleep=MS delays the answer by MS milliseconds (for an interim code, after
// the interim response and before the final one). The delay is capped by
// Config.MaxSleep; a larger one gets a 400 that says so. Before it sleeps,
// the endpoint reads the request's body (up to 1 MiB; a larger one gets a
// 413), unless the request holds it back for a 100 Continue, so that a
// client that leaves frees its slot at once. At most Config.MaxDelayed
// requests sleep at once, and at most Config.MaxDelayedPerClient of one
// client; beyond either the endpoint answers 503 with Retry-After.
// Pipelined requests on one connection are answered one after another, each
// sleeping in its turn, so they count against the same share. When
// Config.Shutdown is closed, every sleeping request ends at once with a 503
// and Connection: close.
//
// With Config.RatePerMinute, each client may make that many requests a
// minute, and at once; beyond it the endpoint answers 429 with Retry-After.
// An IPv4 client is its address. An IPv6 client is its /64, and each /48 may
// make 16 times the rate in all, so that the 65 536 /64s of one /48 are not
// 65 536 clients. The limiter remembers up to 65 536 buckets; when it is
// full, a new client takes the place of the one heard from least recently,
// so a flood of new addresses never resets a client that is still sending.
//
// A client is the connection's peer. Behind a proxy every client would be
// the proxy's: list the proxy in Config.TrustedProxies, and a request from
// it is counted under the rightmost address of its X-Forwarded-For (or, when
// it has none, of its Forwarded for=) that is not a trusted proxy itself.
// The proxy must append to that header, not pass on the client's own.
//
// # Errors
//
// Bad input (a code that is not a number, below 100, above 999 or unknown
// above 599, malformed weights, a bad sleep, seed, then, header or location)
// gets a 400 problem (RFC 9457, written by package problem) whose detail
// gives the reason: application/problem+json, unless Accept prefers plain
// application/json or text (see package problem). Unknown query parameters
// are ignored. The endpoint never answers 5xx unless asked to, or when its
// limit of delayed requests is reached.
package endpoint
