package endpoint

import (
	"fmt"
	"mime"
	"slices"
	"strings"
)

// maxHeaderName bounds the name of a ?header=.
const maxHeaderName = 64

// userHeaders are the headers ?header= may set, by canonical name, besides
// the X- names of xAllowed: headers a client under test reads, none of
// which a browser or a server in front turns into a policy for the whole
// site, a redirect, a fetch or a cookie. Content-Type and Link are checked
// further, by checkContentType and checkLink.
var userHeaders = []string{
	"Accept-Patch", "Accept-Post", "Accept-Ranges", "Age", "Allow",
	"Cache-Control", "Content-Disposition", "Content-Language", "Content-Type",
	"Deprecation", "Etag", "Expires", "Last-Modified", "Link", "Pragma",
	"Proxy-Authenticate", "Ratelimit", "Ratelimit-Limit", "Ratelimit-Policy",
	"Ratelimit-Remaining", "Ratelimit-Reset", "Retry-After", "Sunset", "Vary",
	"Warning", "Www-Authenticate",
}

// xRefused are the X- names, and X- prefixes ending in "-", that ?header=
// may not set although they start with X-: the security headers the server
// sets, older forms of them, and the headers a server in front (nginx,
// Apache, lighttpd, LiteSpeed, Perlbal) acts on, such as X-Accel-Redirect,
// which serves another file.
var xRefused = []string{
	"X-Content-Type-Options", "X-Frame-Options", "X-Xss-Protection",
	"X-Content-Security-Policy", "X-Webkit-Csp", "X-Permitted-Cross-Domain-Policies",
	"X-Dns-Prefetch-Control", "X-Download-Options", "X-Ua-Compatible",
	"X-Accel-", "X-Sendfile", "X-Lighttpd-", "X-Reproxy-", "X-Litespeed-",
}

// xAllowed reports whether name, canonical, is an X- name ?header= may set.
func xAllowed(name string) bool {
	if !strings.HasPrefix(name, "X-") || len(name) == 2 {
		return false
	}
	return !slices.ContainsFunc(xRefused, func(r string) bool {
		if strings.HasSuffix(r, "-") {
			return strings.HasPrefix(name, r)
		}
		return name == r || strings.HasPrefix(name, r+"-")
	})
}

// inertTypes are the media types a ?header=Content-Type may name: none is
// rendered as a document or run as a script or style by a browser. Any
// application/...+json type is allowed too.
var inertTypes = []string{
	"application/json", "application/octet-stream", "application/x-ndjson",
	"application/x-www-form-urlencoded", "text/csv", "text/plain",
}

// inertRels are the link relations a ?header=Link may carry: none makes a
// browser fetch, apply or run anything (as stylesheet, preload,
// modulepreload, prefetch, preconnect, dns-prefetch, prerender, manifest or
// icon do).
var inertRels = []string{
	"alternate", "author", "blocked-by", "canonical", "collection", "copyright",
	"deprecation", "describedby", "edit", "first", "help", "index", "item",
	"last", "latest-version", "license", "next", "prev", "previous", "profile",
	"related", "replies", "self", "service-desc", "service-doc", "sunset",
	"type", "up", "version-history", "via",
}

// checkUserHeader returns why ?header= may not set name (canonical) to
// value, or nil.
func checkUserHeader(name, value string) error {
	if len(name) > maxHeaderName {
		return fmt.Errorf("header name %s is longer than %d bytes", quote(name), maxHeaderName)
	}
	if strings.Contains(name, "_") {
		// Some servers and CGI gateways read _ as -: Transfer_Encoding.
		return fmt.Errorf("header name %s holds _, which some servers read as -", quote(name))
	}
	if why, ok := refused[name]; ok {
		return fmt.Errorf("header %s is refused: %s", name, why)
	}
	if !slices.Contains(userHeaders, name) && !xAllowed(name) {
		return fmt.Errorf("header %s is not one ?header= may set; it may set X- names, Cache-Control, "+
			"ETag, Vary, Retry-After, Link, WWW-Authenticate and the others the endpoint's documentation lists", quote(name))
	}
	switch name {
	case "Content-Type":
		return checkContentType(value)
	case "Link":
		return checkLink(value)
	}
	return nil
}

// checkContentType accepts an inert media type, with a charset at most.
func checkContentType(v string) error {
	mt, params, err := mime.ParseMediaType(v)
	if err != nil {
		return fmt.Errorf("header Content-Type %s is not a media type", quote(v))
	}
	if !slices.Contains(inertTypes, mt) && !(strings.HasPrefix(mt, "application/") && strings.HasSuffix(mt, "+json")) {
		return fmt.Errorf("header Content-Type %s is refused: ?header= may name only types a browser does not "+
			"render or run, such as text/plain, application/json or application/octet-stream", quote(mt))
	}
	for p := range params {
		if p != "charset" {
			return fmt.Errorf("header Content-Type: the parameter %s is refused; only charset is allowed", quote(p))
		}
	}
	return nil
}

// checkLink accepts a Link value (RFC 8288, Section 3) each of whose links
// has one rel parameter naming inert relations only.
func checkLink(v string) error {
	bad := func(why string) error { return fmt.Errorf("header Link %s %s", quote(v), why) }
	s := v
	for {
		s = strings.TrimLeft(s, " \t")
		if !strings.HasPrefix(s, "<") {
			return bad("is not <URI>; rel=...")
		}
		end := strings.IndexByte(s, '>')
		if end < 0 {
			return bad("has no closing >")
		}
		s = s[end+1:]
		rels := 0
		for {
			s = strings.TrimLeft(s, " \t")
			if s == "" || s[0] == ',' {
				break
			}
			if s[0] != ';' {
				return bad("has text after a parameter")
			}
			s = strings.TrimLeft(s[1:], " \t")
			i := strings.IndexAny(s, "=;,")
			if i < 0 {
				i = len(s)
			}
			pname := strings.ToLower(strings.TrimRight(s[:i], " \t"))
			s = s[i:]
			var pval string
			if strings.HasPrefix(s, "=") {
				var ok bool
				pval, s, ok = linkParamValue(strings.TrimLeft(s[1:], " \t"))
				if !ok {
					return bad("has an unterminated quoted string")
				}
			}
			if pname != "rel" && pname != "rel*" && pname != "rev" {
				continue
			}
			if pname != "rel" {
				return bad("uses " + pname + "; give rel=")
			}
			if rels++; rels > 1 {
				return bad("gives rel twice in one link")
			}
			for _, rel := range strings.Fields(strings.ToLower(pval)) {
				if !slices.Contains(inertRels, rel) {
					return bad("has rel=" + quote(rel) + ", which makes a browser fetch or apply something; " +
						"allowed are relations such as next, prev, alternate, canonical, describedby")
				}
			}
		}
		if rels == 0 {
			return bad("has a link without rel")
		}
		if s == "" {
			return nil
		}
		s = s[1:] // the comma
	}
}

// linkParamValue reads a token or quoted-string at the start of s, and
// returns it unquoted with the rest of s.
func linkParamValue(s string) (value, rest string, ok bool) {
	if !strings.HasPrefix(s, `"`) {
		i := strings.IndexAny(s, ";,")
		if i < 0 {
			i = len(s)
		}
		return strings.TrimRight(s[:i], " \t"), s[i:], true
	}
	var b strings.Builder
	for i := 1; i < len(s); i++ {
		switch c := s[i]; c {
		case '\\':
			if i+1 < len(s) {
				i++
				b.WriteByte(s[i])
			}
		case '"':
			return b.String(), s[i+1:], true
		default:
			b.WriteByte(c)
		}
	}
	return "", "", false
}
