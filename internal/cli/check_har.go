package cli

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/textproto"
	"strings"

	"github.com/httpstatus/httpstatus/check"
)

// harFile is the part of a HAR 1.2 file (W3C Web Performance draft) that
// check reads.
type harFile struct {
	Log struct {
		Entries []harEntry `json:"entries"`
	} `json:"log"`
}

type harEntry struct {
	Request struct {
		Method      string      `json:"method"`
		URL         string      `json:"url"`
		HTTPVersion string      `json:"httpVersion"`
		Headers     []harHeader `json:"headers"`
	} `json:"request"`
	Response struct {
		Status      int         `json:"status"`
		HTTPVersion string      `json:"httpVersion"`
		Headers     []harHeader `json:"headers"`
		Content     struct {
			Size     int64  `json:"size"`
			Text     string `json:"text"`
			Encoding string `json:"encoding"`
		} `json:"content"`
	} `json:"response"`
}

type harHeader struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

// checkHAR checks every entry of a HAR file that holds a response.
func (e *env) checkHAR(name string) ([]checked, error) {
	raw, err := readFile(name, maxHAR)
	if err != nil {
		return nil, usageErr("--har: %v", err)
	}
	var har harFile
	if err := json.Unmarshal(raw, &har); err != nil {
		return nil, usageErr("--har: %s is not a HAR file: %v", name, err)
	}
	entries := har.Log.Entries
	if len(entries) == 0 {
		return nil, usageErr("--har: %s has no entries (log.entries)", name)
	}
	if len(entries) > maxHAREntries {
		return nil, usageErr("--har: %s has %d entries; at most %d are checked at once", name, len(entries), maxHAREntries)
	}
	var out []checked
	skipped := 0
	for i, en := range entries {
		if en.Response.Status < 100 || en.Response.Status > 999 {
			skipped++ // the browser got no response: blocked, aborted or failed
			continue
		}
		req, resp, err := harExchange(en)
		if err != nil {
			return nil, usageErr("--har: entry %d: %v", i+1, err)
		}
		rep, err := check.Response(resp, req)
		if err != nil {
			return nil, usageErr("--har: entry %d: %v", i+1, err)
		}
		out = append(out, checked{label: fmt.Sprintf("%s %s → %s", req.Method, en.Request.URL, statusText(rep.Status)), report: rep})
	}
	if len(out) == 0 {
		return nil, usageErr("--har: none of the %d entries of %s holds a response", len(entries), name)
	}
	if skipped > 0 {
		fmt.Fprintf(e.stderr, "httpstatus: %d entries without a response skipped\n", skipped)
	}
	return out, nil
}

// harExchange turns a HAR entry into the request and response it records.
// Browsers record content decoded, so it is not held to Content-Length.
func harExchange(en harEntry) (*http.Request, *http.Response, error) {
	if !isMethod(en.Request.Method) {
		return nil, nil, fmt.Errorf("request method %q is not a method name", en.Request.Method)
	}
	req := &http.Request{Method: en.Request.Method, Header: headersOf(en.Request.Headers)}
	var content []byte
	switch en.Response.Content.Encoding {
	case "":
		content = []byte(en.Response.Content.Text)
	case "base64":
		b, err := base64.StdEncoding.DecodeString(en.Response.Content.Text)
		if err != nil {
			return nil, nil, fmt.Errorf("content: %v", err)
		}
		content = b
	default:
		return nil, nil, fmt.Errorf("content encoding %q is not base64", en.Response.Content.Encoding)
	}
	major := 1
	if v := strings.ToLower(en.Response.HTTPVersion); strings.Contains(v, "2") && !strings.Contains(v, "1.") || v == "h2" {
		major = 2
	} else if strings.Contains(v, "3") {
		major = 3
	}
	resp := &http.Response{
		StatusCode:   en.Response.Status,
		ProtoMajor:   major,
		Header:       headersOf(en.Response.Headers),
		Body:         io.NopCloser(bytes.NewReader(content)),
		Request:      req,
		Uncompressed: true,
	}
	return req, resp, nil
}

// headersOf builds a header from HAR name/value pairs, leaving out HTTP/2
// pseudo-headers (:status, :path, ...).
func headersOf(hs []harHeader) http.Header {
	h := http.Header{}
	for _, f := range hs {
		if f.Name == "" || strings.HasPrefix(f.Name, ":") {
			continue
		}
		k := textproto.CanonicalMIMEHeaderKey(f.Name)
		h[k] = append(h[k], f.Value)
	}
	return h
}
