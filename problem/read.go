package problem

import (
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
)

// MaxRead is the most content Read reads from a response.
const MaxRead = 64 << 10

// Errors of Read, returned wrapped with the detail of what was found.
var (
	ErrNotProblem = errors.New("problem: the response is not problem details")
	ErrTooLarge   = fmt.Errorf("problem: the problem is larger than %d bytes", MaxRead)
)

// Read decodes the problem in resp's content. The Content-Type must be
// application/problem+json, or application/json from a server that sends
// its problems as plain JSON; any other is an error wrapping ErrNotProblem,
// and the content is left unread. At most MaxRead bytes are read: longer
// content is an error wrapping ErrTooLarge. Content that is not a JSON
// object is an error wrapping ErrMalformed. Read does not close the body.
//
// What RFC 9457 says an absent member means is filled in: an absent type is
// about:blank, and an absent status is resp.StatusCode.
func Read(resp *http.Response) (*Problem, error) {
	if resp == nil {
		return nil, fmt.Errorf("%w: no response", ErrNotProblem)
	}
	ct := resp.Header.Get("Content-Type")
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil || mt != "application/problem+json" && mt != "application/json" {
		if ct == "" {
			ct = "none"
		}
		return nil, fmt.Errorf("%w: Content-Type %q", ErrNotProblem, ct)
	}
	if resp.Body == nil || resp.Body == http.NoBody {
		return nil, fmt.Errorf("%w: no content", ErrMalformed)
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, MaxRead+1))
	if err != nil {
		return nil, fmt.Errorf("problem: reading the content: %w", err)
	}
	if len(data) > MaxRead {
		return nil, ErrTooLarge
	}
	p := new(Problem)
	if err := p.UnmarshalJSON(data); err != nil {
		return nil, err
	}
	if p.Type == "" {
		p.Type = "about:blank"
	}
	if p.Status == 0 {
		p.Status = resp.StatusCode
	}
	return p, nil
}
