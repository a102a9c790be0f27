package check

import (
	"bytes"
	"fmt"
	"github.com/httpstatus/httpstatus/internal/httpsyntax"
	"io"
	"net/http"
	"net/textproto"
	"strconv"
	"strings"
)

// Bounds of ParseResponse and Raw.
const (
	MaxSize    = 8 << 20 // the most bytes of raw text
	MaxHeaders = 256     // the most header lines of one response
	MaxInterim = 32      // the most interim (1xx) responses before the final one
)

// A ParseError says why a text is not an HTTP response and where parsing
// stopped.
type ParseError struct {
	Line   int    // 1-based line of the raw text where parsing stopped
	Reason string // e.g. "header line without a colon"
}

func (e *ParseError) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Reason) }

// message is one parsed response.
type message struct {
	status  int
	major   int
	header  http.Header
	content []byte
	chunked bool
}

// ParseResponse parses raw, the text of one HTTP/1.1 exchange's response
// side as curl -si prints it: any interim (1xx) responses, then the final
// response. Lines may end in CRLF or LF alone. The content is what follows
// the final response's blank line; chunked content is decoded when it is
// still chunked (curl prints it decoded). A status line may name HTTP/1.0,
// HTTP/1.1, HTTP/2 or HTTP/3, as curl writes them.
//
// It returns the responses in order, the final one last, each with its
// request set to req and its body holding its content. The error, if any,
// is a *ParseError. raw is bounded by MaxSize, each head by MaxHeaders
// lines, and the interim responses by MaxInterim.
func ParseResponse(raw []byte, req *http.Request) ([]*http.Response, error) {
	msgs, err := parse(raw)
	if err != nil {
		return nil, err
	}
	out := make([]*http.Response, len(msgs))
	for i, m := range msgs {
		r := &http.Response{
			Status:        itoa3(m.status) + " " + http.StatusText(m.status),
			StatusCode:    m.status,
			Proto:         fmt.Sprintf("HTTP/%d.%d", m.major, minor(m.major)),
			ProtoMajor:    m.major,
			ProtoMinor:    minor(m.major),
			Header:        m.header,
			Body:          io.NopCloser(bytes.NewReader(m.content)),
			ContentLength: int64(len(m.content)),
			Request:       req,
		}
		if m.chunked {
			r.TransferEncoding = []string{"chunked"}
		}
		out[i] = r
	}
	return out, nil
}

func minor(major int) int {
	if major == 1 {
		return 1
	}
	return 0
}

// parser walks raw text line by line.
type parser struct {
	raw  []byte
	pos  int
	line int // the number of the line last read
}

// next returns the next line without its line end, and false at the end of
// the text.
func (p *parser) next() ([]byte, bool) {
	if p.pos >= len(p.raw) {
		return nil, false
	}
	p.line++
	rest := p.raw[p.pos:]
	i := bytes.IndexByte(rest, '\n')
	if i < 0 {
		p.pos = len(p.raw)
		return bytes.TrimSuffix(rest, []byte("\r")), true
	}
	p.pos += i + 1
	return bytes.TrimSuffix(rest[:i], []byte("\r")), true
}

func (p *parser) fail(format string, args ...any) error {
	return &ParseError{Line: max(p.line, 1), Reason: fmt.Sprintf(format, args...)}
}

func parse(raw []byte) ([]message, error) {
	p := &parser{raw: raw}
	if len(raw) > MaxSize {
		return nil, &ParseError{Line: 1, Reason: fmt.Sprintf("the text is longer than %d bytes", MaxSize)}
	}
	// Blank lines before the first status line are a paste's, not the
	// server's.
	for p.pos < len(raw) && (raw[p.pos] == '\n' || raw[p.pos] == '\r' && p.pos+1 < len(raw) && raw[p.pos+1] == '\n') {
		if raw[p.pos] == '\r' {
			p.pos++
		}
		p.pos++
		p.line++
	}
	var msgs []message
	for {
		m, err := p.head()
		if err != nil {
			return nil, err
		}
		rest := raw[p.pos:]
		interim := m.status/100 == 1 && m.status != http.StatusSwitchingProtocols
		if interim && bytes.HasPrefix(rest, []byte("HTTP/")) {
			if len(msgs) == MaxInterim {
				return nil, p.fail("more than %d interim responses", MaxInterim)
			}
			msgs = append(msgs, m)
			continue
		}
		if m.status == http.StatusSwitchingProtocols {
			rest = nil // what follows speaks the new protocol
		}
		m.content = rest
		if m.chunked && len(rest) > 0 {
			if dec, ok := dechunk(rest); ok {
				m.content = dec
			}
		}
		return append(msgs, m), nil
	}
}

// head parses a status line and a header section.
func (p *parser) head() (message, error) {
	line, ok := p.next()
	if !ok {
		return message{}, &ParseError{Line: p.line + 1, Reason: "no status line: the text is empty"}
	}
	m := message{header: http.Header{}}
	var err error
	if m.major, m.status, err = statusLine(line); err != nil {
		return message{}, p.fail("%v", err)
	}
	lines := 0
	for {
		line, ok := p.next()
		if !ok || len(line) == 0 {
			break // a head the text ends in, without its blank line, is taken as whole
		}
		if lines++; lines > MaxHeaders {
			return message{}, p.fail("more than %d header lines", MaxHeaders)
		}
		if line[0] == ' ' || line[0] == '\t' {
			return message{}, p.fail("obsolete line folding (a header line starting with white space)")
		}
		colon := bytes.IndexByte(line, ':')
		if colon < 0 {
			return message{}, p.fail("header line without a colon")
		}
		name := string(line[:colon])
		if name == "" {
			return message{}, p.fail("header line with an empty name")
		}
		if !httpsyntax.IsToken(name) {
			if strings.TrimRight(name, " \t") != name {
				return message{}, p.fail("white space between a header name and its colon")
			}
			return message{}, p.fail("header name %s is not a token", quote(name))
		}
		value := strings.Trim(string(line[colon+1:]), " \t")
		if i := strings.IndexFunc(value, func(r rune) bool { return r < ' ' && r != '\t' || r == 0x7f }); i >= 0 {
			return message{}, p.fail("control character in the value of %s", name)
		}
		key := textproto.CanonicalMIMEHeaderKey(name)
		m.header[key] = append(m.header[key], value)
		if key == "Transfer-Encoding" {
			m.chunked = true
		}
	}
	return m, nil
}

// statusLine parses "HTTP/1.1 404 Not Found" (the reason may be empty).
func statusLine(line []byte) (major, status int, err error) {
	s := string(line)
	proto, rest, ok := strings.Cut(s, " ")
	if !strings.HasPrefix(proto, "HTTP/") {
		return 0, 0, fmt.Errorf("not a status line: want HTTP/1.1 and a three-digit code, got %s", quote(s))
	}
	switch v := proto[len("HTTP/"):]; v {
	case "1.0", "1.1":
		major = 1
	case "2", "2.0":
		major = 2
	case "3", "3.0":
		major = 3
	default:
		return 0, 0, fmt.Errorf("unknown HTTP version %s in the status line", quote(v))
	}
	if !ok {
		return 0, 0, fmt.Errorf("status line without a status code")
	}
	code, _, _ := strings.Cut(rest, " ")
	if len(code) != 3 || code[0] < '1' || code[0] > '9' || code[1] < '0' || code[1] > '9' || code[2] < '0' || code[2] > '9' {
		return 0, 0, fmt.Errorf("status code %s is not three digits from 100 to 999", quote(code))
	}
	status, _ = strconv.Atoi(code)
	return major, status, nil
}

// dechunk decodes chunked content, ignoring extensions and trailers. It
// reports false when the content is not in chunked form (curl prints
// chunked content decoded).
func dechunk(b []byte) ([]byte, bool) {
	var out []byte
	for {
		i := bytes.IndexByte(b, '\n')
		if i < 0 {
			return nil, false
		}
		sizeText := strings.TrimSpace(string(b[:i]))
		sizeText, _, _ = strings.Cut(sizeText, ";")
		size, err := strconv.ParseUint(strings.TrimSpace(sizeText), 16, 31)
		if err != nil || sizeText == "" {
			return nil, false
		}
		b = b[i+1:]
		if size == 0 {
			return out, true
		}
		if uint64(len(b)) < size {
			return nil, false
		}
		out = append(out, b[:size]...)
		b = b[size:]
		switch {
		case bytes.HasPrefix(b, []byte("\r\n")):
			b = b[2:]
		case bytes.HasPrefix(b, []byte("\n")):
			b = b[1:]
		default:
			return nil, false
		}
	}
}

// quote quotes at most 40 bytes of s for an error message.
func quote(s string) string {
	if len(s) > 40 {
		return strconv.Quote(s[:40]) + "…"
	}
	return strconv.Quote(s)
}
