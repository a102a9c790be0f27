package export

import (
	"bytes"
	"html"
	"net/url"
	"strings"

	nethtml "golang.org/x/net/html"
)

// linkAttrs are the attributes that hold URLs in the site's pages.
var linkAttrs = map[string]bool{"href": true, "src": true, "action": true}

// htmlLinks returns the URLs in the link attributes of a page's tags.
func htmlLinks(page []byte) []string {
	var out []string
	z := nethtml.NewTokenizer(bytes.NewReader(page))
	for {
		tt := z.Next()
		if tt == nethtml.ErrorToken {
			return out
		}
		if tt != nethtml.StartTagToken && tt != nethtml.SelfClosingTagToken {
			continue
		}
		for _, a := range z.Token().Attr {
			if linkAttrs[a.Key] && a.Namespace == "" {
				out = append(out, a.Val)
			}
		}
	}
}

// rewriteHTML returns page with every link to the site rewritten by rel,
// which turns an export URL ("/guide/") into the link to write. Everything
// else is copied byte for byte: only the tags that change are
// re-serialized. A <link> to something not exported (the OpenSearch
// description without a base URL) is dropped; a form that posts is pointed
// at the page that says it needs the server, with a note at the top of
// <main>; with search on, export.js is loaded before </head>.
func (w *writer) rewriteHTML(page []byte, rel func(to string) string) ([]byte, error) {
	posts := bytes.Contains(page, []byte(`method="post"`))
	var out bytes.Buffer
	out.Grow(len(page) + 512)
	z := nethtml.NewTokenizer(bytes.NewReader(page))
	for {
		tt := z.Next()
		switch tt {
		case nethtml.ErrorToken:
			if err := z.Err(); err.Error() != "EOF" {
				return nil, err
			}
			return out.Bytes(), nil
		case nethtml.EndTagToken:
			if w.search {
				if name, _ := z.TagName(); string(name) == "head" {
					out.WriteString(`<script src="` + html.EscapeString(rel("/static/export.js")) + `" defer></script>` + "\n")
				}
			}
			out.Write(z.Raw())
			continue
		case nethtml.StartTagToken, nethtml.SelfClosingTagToken:
		default:
			out.Write(z.Raw())
			continue
		}
		mark := out.Len()
		out.Write(z.Raw())
		tok := z.Token()
		changed, drop := false, false
		isPostForm := tok.Data == "form" && strings.EqualFold(attr(tok, "method"), "post")
		for i, a := range tok.Attr {
			if !linkAttrs[a.Key] || a.Namespace != "" {
				continue
			}
			p, ok := sitePath(a.Val, w.prefix)
			if !ok {
				continue
			}
			to, exported := w.target(p)
			if !exported && tok.Data == "link" {
				drop = true
			}
			if isPostForm && a.Key == "action" {
				to, _ = w.target(needsServer)
			}
			tok.Attr[i].Val = rel(to) + suffix(a.Val)
			changed = true
		}
		if isPostForm {
			for i, a := range tok.Attr {
				if a.Key == "method" {
					tok.Attr[i].Val = "get"
				}
			}
			changed = true
		}
		switch {
		case drop:
			out.Truncate(mark)
		case changed:
			out.Truncate(mark)
			writeTag(&out, tok, tt == nethtml.SelfClosingTagToken)
		}
		if posts && tok.Data == "main" {
			out.WriteString("\n" + needsServerNote)
		}
	}
}

// suffix is the query and fragment of a link ("?q=x#top"), or "".
func suffix(ref string) string {
	u, err := url.Parse(ref)
	if err != nil {
		return ""
	}
	s := ""
	if u.RawQuery != "" {
		s = "?" + u.RawQuery
	}
	if u.Fragment != "" {
		s += "#" + u.EscapedFragment()
	}
	return s
}

func attr(tok nethtml.Token, key string) string {
	for _, a := range tok.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// writeTag writes a start tag with its attributes, values double-quoted and
// escaped.
func writeTag(out *bytes.Buffer, tok nethtml.Token, selfClosing bool) {
	out.WriteString("<" + tok.Data)
	for _, a := range tok.Attr {
		out.WriteString(" " + a.Key)
		out.WriteString(`="` + html.EscapeString(a.Val) + `"`)
	}
	if selfClosing {
		out.WriteString("/")
	}
	out.WriteString(">")
}
