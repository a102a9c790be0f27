package cli

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"testing"
	"time"
)

// requestRecord is a record as internal/server's request log makes it.
func requestRecord(t time.Time, method, path string, status int, n int64, d time.Duration) slog.Record {
	r := slog.NewRecord(t, slog.LevelInfo, "request", 0)
	r.AddAttrs(slog.String("method", method), slog.String("path", path), slog.Int("status", status),
		slog.Int64("bytes", n), slog.Duration("duration", d))
	return r
}

// compareRequestLine checks that appendRequestLine writes r as slog's
// handler does, or declines it.
func compareRequestLine(t *testing.T, r slog.Record) (formatted bool) {
	t.Helper()
	for _, json := range []bool{false, true} {
		var want bytes.Buffer
		var h slog.Handler = slog.NewTextHandler(&want, nil)
		if json {
			h = slog.NewJSONHandler(&want, nil)
		}
		if err := h.Handle(context.Background(), r); err != nil {
			t.Fatal(err)
		}
		got, ok := appendRequestLine([]byte("prefix "), r, json)
		if !bytes.HasPrefix(got, []byte("prefix ")) {
			t.Fatalf("appendRequestLine changed what was in its buffer: %q", got)
		}
		if !ok {
			if len(got) != len("prefix ") {
				t.Errorf("json %v: declined, but appended %q", json, got)
			}
			continue
		}
		formatted = true
		if got := string(got[len("prefix "):]); got != want.String() {
			t.Errorf("json %v:\ngot  %q\nwant %q", json, got, want.String())
		}
	}
	return formatted
}

// TestRequestLine: serve's own formatting of the request lines is slog's,
// byte for byte, in text and JSON, and it leaves to slog what it does not
// format.
func TestRequestLine(t *testing.T) {
	t.Parallel()
	utc := time.Date(2026, 12, 1, 8, 22, 51, 123456789, time.UTC)
	zones := []time.Time{
		utc,
		utc.Truncate(time.Second),
		utc.Truncate(time.Millisecond),
		utc.Add(999 * time.Microsecond),
		utc.In(time.FixedZone("", -7*3600-30*60)),
		utc.In(time.FixedZone("X", 14*3600)),
		time.Now(), // with a monotonic reading
		time.Date(0, 1, 1, 0, 0, 0, 0, time.UTC),
		time.Date(9999, 12, 31, 23, 59, 59, 999999999, time.UTC),
	}
	for _, tm := range zones {
		if !compareRequestLine(t, requestRecord(tm, "GET", "/status/200", 200, 89, 41234*time.Nanosecond)) {
			t.Errorf("time %v: the usual line was left to slog", tm)
		}
	}
	formatted := []struct {
		method, path string
		status       int
		n            int64
		d            time.Duration
	}{
		{"GET", "/", 200, 0, 0},
		{"HEAD", "/status/418", 418, 0, time.Nanosecond},
		{"POST", "/api/v1/check", 400, 123456789012, 3*time.Second + 5*time.Millisecond},
		{"OPTIONS", "/a-b_c.d~e!f$g&h'i(j)k*l+m,n;o:p@q%2F", 204, 0, 999 * time.Microsecond},
		{"PATCH", "/x", 599, -1, -5 * time.Minute},
		{"M-SEARCH", "*", 405, 1 << 40, 90 * time.Hour},
	}
	for _, c := range formatted {
		if !compareRequestLine(t, requestRecord(utc, c.method, c.path, c.status, c.n, c.d)) {
			t.Errorf("%s %s: left to slog", c.method, c.path)
		}
	}
	// Strings one of the forms quotes or escapes, a time out of range, and
	// records of another shape: slog writes them.
	for _, path := range []string{"", "/a b", "/a=b", `/a"b`, `/a\b`, "/a\nb", "/a\tb", "/é", "/\xff", "/a<b>&", "/a\u2028"} {
		if compareRequestLine(t, requestRecord(utc, "GET", path, 200, 1, 1)) {
			t.Errorf("path %q: formatted, want it left to slog", path)
		}
	}
	for _, tm := range []time.Time{{}, time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(-1, 1, 1, 0, 0, 0, 0, time.UTC)} {
		if compareRequestLine(t, requestRecord(tm, "GET", "/", 200, 1, 1)) {
			t.Errorf("time %v: formatted, want it left to slog", tm)
		}
	}
	other := slog.NewRecord(utc, slog.LevelInfo, "request", 0)
	other.AddAttrs(slog.String("method", "GET"), slog.String("path", "/"), slog.Int("status", 200), slog.Int64("bytes", 1))
	if compareRequestLine(t, other) {
		t.Error("a record with four attributes was formatted")
	}
	other.AddAttrs(slog.String("duration", "1s"))
	if compareRequestLine(t, other) {
		t.Error("a record whose duration is a string was formatted")
	}
}

// TestRequestLineLogger: through serve's logger, a request line comes out
// as slog writes it, and WithAttrs or WithGroup leave the lines to slog.
func TestRequestLineLogger(t *testing.T) {
	t.Parallel()
	for _, format := range []string{"text", "json"} {
		var out, want lockedBuffer
		logs := newLogBuffer(&out, time.Hour)
		logger := (&serveFlags{logFormat: format}).logger(logs)
		var wantH slog.Handler = slog.NewTextHandler(&want, nil)
		if format == "json" {
			wantH = slog.NewJSONHandler(&want, nil)
		}
		tm := time.Date(2026, 12, 1, 8, 0, 0, 5e6, time.UTC)
		for _, path := range []string{"/status/200", "/a b", "/x"} {
			r := requestRecord(tm, "GET", path, 200, 89, time.Millisecond)
			logger.Handler().Handle(context.Background(), r) //nolint:errcheck // compared below
			wantH.Handle(context.Background(), r)            //nolint:errcheck // compared below
		}
		r := requestRecord(tm, "GET", "/g", 200, 1, 1)
		logger.WithGroup("g").Handler().Handle(context.Background(), r)                     //nolint:errcheck // compared below
		wantH.WithGroup("g").Handle(context.Background(), r)                                //nolint:errcheck // compared below
		logger.With("k", "v").Handler().Handle(context.Background(), r)                     //nolint:errcheck // compared below
		wantH.WithAttrs([]slog.Attr{slog.String("k", "v")}).Handle(context.Background(), r) //nolint:errcheck // compared below
		logs.Close()
		if out.String() != want.String() {
			t.Errorf("%s:\ngot\n%s\nwant\n%s", format, out.String(), want.String())
		}
	}
}

// FuzzRequestLine: for any method, path, numbers and time, the request
// line is slog's or left to slog.
func FuzzRequestLine(f *testing.F) {
	f.Add("GET", "/status/200", 200, int64(89), int64(41234), int64(1764577371123456789), 0)
	f.Add("POST", "/a b=\"c\"\\", 500, int64(-1), int64(-3), int64(0), -3600)
	f.Add("GET", "/\xff\u2028<&>", 0, int64(1)<<62, int64(1)<<62, int64(-1)<<62, 50400)
	f.Fuzz(func(t *testing.T, method, path string, status int, n, d, unixNano int64, offset int) {
		tm := time.Unix(0, unixNano).In(time.FixedZone("", offset%(18*3600)))
		compareRequestLine(t, requestRecord(tm, method, path, status, n, time.Duration(d)))
	})
}

// BenchmarkRequestLine is one request record handled by serve's logger
// into its buffer (over io.Discard), as internal/server's request log hands
// it over: formatted by serve ("serve") or by slog ("slog", the same
// handler made to pass every record on).
//
//	go test ./internal/cli -run '^$' -bench RequestLine -count 5
func BenchmarkRequestLine(b *testing.B) {
	for _, format := range []string{"text", "json"} {
		for _, own := range []bool{true, false} {
			name := format + "/slog"
			if own {
				name = format + "/serve"
			}
			b.Run(name, func(b *testing.B) {
				logs := newLogBuffer(io.Discard, time.Hour)
				defer logs.Close()
				h := (&serveFlags{logFormat: format}).logger(logs).Handler().(flushingHandler)
				h.root = own
				r := requestRecord(time.Now(), "GET", "/status/200", 200, 89, 41234*time.Nanosecond)
				ctx := context.Background()
				b.ReportAllocs()
				for b.Loop() {
					h.Handle(ctx, r) //nolint:errcheck // to io.Discard
				}
			})
		}
	}
}
