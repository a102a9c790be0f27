package server

import (
	"html/template"
	"strings"
)

// An exchange is an example message (a request or a response, raw HTTP/1.1
// text from the catalogue) split for display: its start line, its header
// lines and its content, each set apart on the page.
type exchange struct {
	Start   string
	Headers []headerLine
	Content string
	// Text is the whole message with LF line ends and no trailing blank
	// line: what the block shows, and so what its copy button copies.
	Text string
	// Curl is a curl command that sends a request example ("" for a
	// response).
	Curl string
}

type headerLine struct{ Name, Value string }

// splitMessage splits a raw HTTP message into an exchange. Text without a
// header section is all start line and content.
func splitMessage(raw string) exchange {
	text := strings.ReplaceAll(raw, "\r\n", "\n")
	text = strings.TrimRight(text, "\n")
	var x exchange
	x.Text = text
	head, content, _ := strings.Cut(text, "\n\n")
	lines := strings.Split(head, "\n")
	x.Start = lines[0]
	for _, l := range lines[1:] {
		name, value, ok := strings.Cut(l, ":")
		if !ok {
			x.Headers = append(x.Headers, headerLine{Value: l})
			continue
		}
		x.Headers = append(x.Headers, headerLine{Name: name, Value: strings.TrimLeft(value, " \t")})
	}
	x.Content = content
	if method, rest, ok := strings.Cut(x.Start, " "); ok && !strings.HasPrefix(x.Start, "HTTP/") {
		x.Curl = curlOf(method, rest, x.Headers, content)
	}
	return x
}

// curlOf returns a curl command that sends the request: the Host header
// and the target make the URL (https), Content-Length is left to curl.
func curlOf(method, rest string, headers []headerLine, content string) string {
	target, _, _ := strings.Cut(rest, " ")
	host := "example.com"
	var b strings.Builder
	var extra []string
	for _, h := range headers {
		switch {
		case strings.EqualFold(h.Name, "Host"):
			host = h.Value
		case strings.EqualFold(h.Name, "Content-Length"), h.Name == "":
		default:
			extra = append(extra, "-H "+shellQuote(h.Name+": "+h.Value))
		}
	}
	b.WriteString("curl -i")
	if method != "GET" {
		if method == "HEAD" {
			b.WriteString(" --head")
		} else {
			b.WriteString(" -X " + method)
		}
	}
	b.WriteString(" " + shellQuote("https://"+host+target))
	for _, e := range extra {
		b.WriteString(" " + e)
	}
	if content != "" {
		b.WriteString(" --data-raw " + shellQuote(content))
	}
	return b.String()
}

// shellQuote quotes s for a POSIX shell, in single quotes.
func shellQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// exampleHTML renders a message with its parts marked for the stylesheet:
// the start line, each header's name, the content. All text is escaped.
func exampleHTML(x exchange) template.HTML {
	var b strings.Builder
	b.WriteString(`<span class="start">`)
	b.WriteString(template.HTMLEscapeString(x.Start))
	b.WriteString("</span>")
	for _, h := range x.Headers {
		b.WriteString("\n")
		if h.Name != "" {
			b.WriteString(`<span class="hname">`)
			b.WriteString(template.HTMLEscapeString(h.Name))
			b.WriteString(":</span> ")
		}
		b.WriteString(template.HTMLEscapeString(h.Value))
	}
	if x.Content != "" {
		b.WriteString("\n\n")
		b.WriteString(`<span class="content">`)
		b.WriteString(template.HTMLEscapeString(x.Content))
		b.WriteString("</span>")
	}
	return template.HTML(b.String()) //nolint:gosec // built from escaped text
}
