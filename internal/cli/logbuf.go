package cli

import (
	"bufio"
	"context"
	"io"
	"log/slog"
	"strconv"
	"sync"
	"time"

	"github.com/httpstatus/httpstatus/internal/httpsyntax"
)

// A logBuffer buffers serve's log: a write(2) per request line is the
// biggest cost left in answering /status/200. It flushes every interval,
// when its 64 KiB fill, and on Close, so nothing written before Close is
// lost.
type logBuffer struct {
	mu      sync.Mutex
	w       *bufio.Writer
	scratch []byte // the line writeLine formats, reused
	stop    chan struct{}
	done    chan struct{}
}

func newLogBuffer(w io.Writer, interval time.Duration) *logBuffer {
	b := &logBuffer{w: bufio.NewWriterSize(w, 64<<10), stop: make(chan struct{}), done: make(chan struct{})}
	go func() {
		defer close(b.done)
		t := time.NewTicker(interval)
		defer t.Stop()
		for {
			select {
			case <-t.C:
				b.Flush()
			case <-b.stop:
				return
			}
		}
	}()
	return b
}

func (b *logBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.w.Write(p)
}

// writeLine buffers the line that format appends to its argument, or
// nothing when format returns nil.
func (b *logBuffer) writeLine(format func([]byte) []byte) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if line := format(b.scratch[:0]); line != nil {
		b.w.Write(line) //nolint:errcheck // a bufio.Writer keeps its error for Flush
		b.scratch = line
	}
}

// Flush writes out what is buffered.
func (b *logBuffer) Flush() error {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.w.Flush()
}

// Close stops the periodic flush and flushes what is left.
func (b *logBuffer) Close() error {
	close(b.stop)
	<-b.done
	return b.Flush()
}

// flushingHandler writes every record but the per-request lines through
// at once: start, shutdown, warnings and errors are not held back.
//
// It formats the request lines of internal/server's request log itself,
// into the buffer, byte for byte as the slog handler it wraps would (the
// tests compare the two): a text or JSON handler without options, which it
// was made with (root), for the record's usual shape (see
// appendRequestLine). Any other record goes through the slog handler.
type flushingHandler struct {
	slog.Handler
	logs *logBuffer
	json bool // the handler is slog's JSONHandler, else its TextHandler
	root bool // no WithAttrs or WithGroup has been applied
}

func (h flushingHandler) Handle(ctx context.Context, r slog.Record) error {
	if h.root && r.Message == "request" && r.Level == slog.LevelInfo {
		done := false
		h.logs.writeLine(func(b []byte) []byte {
			b, done = appendRequestLine(b, r, h.json)
			if !done {
				return nil
			}
			return b
		})
		if done {
			return nil
		}
	}
	err := h.Handler.Handle(ctx, r)
	if r.Message != "request" || r.Level > slog.LevelInfo {
		h.logs.Flush() //nolint:errcheck // nowhere to report a failed log write
	}
	return err
}

func (h flushingHandler) WithAttrs(as []slog.Attr) slog.Handler {
	return flushingHandler{h.Handler.WithAttrs(as), h.logs, h.json, false}
}

func (h flushingHandler) WithGroup(name string) slog.Handler {
	return flushingHandler{h.Handler.WithGroup(name), h.logs, h.json, false}
}

// requestKeys are the keys and kinds of a request record's attributes, in
// the order internal/server's request log adds them.
var requestKeys = [...]struct {
	key  string
	kind slog.Kind
}{
	{"method", slog.KindString},
	{"path", slog.KindString},
	{"status", slog.KindInt64},
	{"bytes", slog.KindInt64},
	{"duration", slog.KindDuration},
}

// appendRequestLine appends r as slog's TextHandler (or with json its
// JSONHandler), without options, would write it, and reports true; or
// reports false when r is not of the shape it formats: a time in years 0
// to 9999 and requestKeys' attributes, whose strings hold only bytes that
// neither form quotes or escapes (see plainByte); slog formats the others.
func appendRequestLine(b []byte, r slog.Record, json bool) ([]byte, bool) {
	if r.NumAttrs() != len(requestKeys) || r.Time.IsZero() {
		return b, false
	}
	var attrs [len(requestKeys)]slog.Value
	i, ok := 0, true
	r.Attrs(func(a slog.Attr) bool {
		a.Value = a.Value.Resolve()
		if a.Key != requestKeys[i].key || a.Value.Kind() != requestKeys[i].kind ||
			a.Value.Kind() == slog.KindString && !plainString(a.Value.String()) {
			ok = false
			return false
		}
		attrs[i] = a.Value
		i++
		return true
	})
	t := r.Time.Round(0)
	if y := t.Year(); !ok || y < 0 || y >= 10000 {
		return b, false
	}
	if json {
		b = append(b, `{"time":"`...)
		b = t.AppendFormat(b, time.RFC3339Nano)
		b = append(b, `","level":"INFO","msg":"request"`...)
		for i, a := range attrs {
			b = append(b, `,"`...)
			b = append(b, requestKeys[i].key...)
			b = append(b, `":`...)
			switch a.Kind() {
			case slog.KindString:
				b = append(b, '"')
				b = append(b, a.String()...)
				b = append(b, '"')
			case slog.KindInt64:
				b = strconv.AppendInt(b, a.Int64(), 10)
			case slog.KindDuration:
				b = strconv.AppendInt(b, int64(a.Duration()), 10)
			}
		}
		return append(b, "}\n"...), true
	}
	b = append(b, "time="...)
	b = appendRFC3339Millis(b, t)
	b = append(b, " level=INFO msg=request"...)
	for i, a := range attrs {
		b = append(b, ' ')
		b = append(b, requestKeys[i].key...)
		b = append(b, '=')
		switch a.Kind() {
		case slog.KindString:
			b = append(b, a.String()...)
		case slog.KindInt64:
			b = strconv.AppendInt(b, a.Int64(), 10)
		case slog.KindDuration:
			b = append(b, a.Duration().String()...)
		}
	}
	return append(b, '\n'), true
}

// appendRFC3339Millis appends t as slog's text handler writes a record's
// time: RFC 3339 with exactly three digits of milliseconds (slog's own
// function of that name does the same).
func appendRFC3339Millis(b []byte, t time.Time) []byte {
	const prefixLen = len("2006-01-02T15:04:05.000")
	n := len(b)
	// RFC3339Nano drops trailing zeros: a tenth of a millisecond added
	// keeps four digits, and the fourth is dropped.
	t = t.Truncate(time.Millisecond).Add(time.Millisecond / 10)
	b = t.AppendFormat(b, time.RFC3339Nano)
	return append(b[:n+prefixLen], b[n+prefixLen+1:]...)
}

// plainString reports whether s is not empty and all its bytes are
// plainByte: slog writes such a string as it is, unquoted in text and
// unescaped in JSON.
func plainString(s string) bool { return httpsyntax.AllIn(s, &plainByte) }

// plainByte are the ASCII letters, digits and the punctuation of a URL
// path other than '=' (which the text form quotes), '"' and '\\'; no
// space, control or non-ASCII byte.
var plainByte = httpsyntax.AlnumAnd("-._~!$&'()*+,;:@/%")
