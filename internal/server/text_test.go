package server

import (
	"encoding/xml"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestTextFiles checks /robots.txt, /llms.txt and /index.txt without a base
// URL: root-relative links and no Sitemap line, which needs an absolute URL.
func TestTextFiles(t *testing.T) {
	srv := newTestServer(t)
	for _, tc := range []struct {
		path, ctype string
		want, not   []string
	}{
		{"/robots.txt", "text/plain; charset=utf-8", []string{"User-agent: *", "Disallow: /status/"}, []string{"Sitemap:"}},
		{"/llms.txt", "text/plain; charset=utf-8", []string{"# httpstatus\n\n> ", "- [Plain-text index](/index.txt): ", "- [4xx Client Error](/4xx): ", "## Optional"}, nil},
		{"/index.txt", "text/plain; charset=utf-8", []string{"\n404 Not Found: ", "\n499 Client Closed Request [nginx]: ", "\n418 I'm a teapot"}, []string{"`"}},
	} {
		t.Run(strings.TrimPrefix(tc.path, "/"), func(t *testing.T) {
			body, resp := get(t, srv.URL+tc.path)
			if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != tc.ctype {
				t.Fatalf("%s: %d %q", tc.path, resp.StatusCode, resp.Header.Get("Content-Type"))
			}
			for _, w := range tc.want {
				if !strings.Contains(body, w) {
					t.Errorf("%s lacks %q", tc.path, w)
				}
			}
			for _, w := range tc.not {
				if strings.Contains(body, w) {
					t.Errorf("%s has %q", tc.path, w)
				}
			}
		})
	}
}

func get(t *testing.T, url string) (string, *http.Response) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b), resp
}

type urlset struct {
	URLs []struct {
		Loc string `xml:"loc"`
	} `xml:"url"`
}

// TestSitemap checks that the sitemap lists every page, with the base URL
// when there is one and the request's host when not, and that robots.txt
// points at it.
func TestSitemap(t *testing.T) {
	h, err := New(Config{BaseURL: "https://example.org/http/"})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name    string
		h       http.Handler
		host    string
		want    string // the home page's URL
		robotsO string
	}{
		{"base", h, "other.example", "https://example.org/http/", "Sitemap: https://example.org/http/sitemap.xml\n"},
		{"host", nil, "ref.example:8080", "http://ref.example:8080/", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			hh := tc.h
			if hh == nil {
				hh = newTestServer(t).Config.Handler
			}
			rec := httptest.NewRecorder()
			req := httptest.NewRequest("GET", "http://"+tc.host+"/sitemap.xml", nil)
			hh.ServeHTTP(rec, req)
			if rec.Code != 200 || rec.Header().Get("Content-Type") != sitemapType {
				t.Fatalf("sitemap: %d %q", rec.Code, rec.Header().Get("Content-Type"))
			}
			var set urlset
			if err := xml.Unmarshal(rec.Body.Bytes(), &set); err != nil {
				t.Fatal(err)
			}
			locs := map[string]bool{}
			for _, u := range set.URLs {
				locs[u.Loc] = true
				if !strings.HasPrefix(u.Loc, tc.want) {
					t.Errorf("loc %q does not start with %q", u.Loc, tc.want)
				}
			}
			for _, p := range []string{"", "404", "4xx", "guide", "choose", "check"} {
				if !locs[tc.want+p] {
					t.Errorf("sitemap lacks %s", tc.want+p)
				}
			}
			if len(locs) < 100 {
				t.Errorf("sitemap lists %d pages, want every code page too", len(locs))
			}
			rec = httptest.NewRecorder()
			hh.ServeHTTP(rec, httptest.NewRequest("GET", "http://"+tc.host+"/robots.txt", nil))
			if robots := rec.Body.String(); tc.robotsO != "" && !strings.HasSuffix(robots, tc.robotsO) {
				t.Errorf("robots.txt = %q, want it to end %q", robots, tc.robotsO)
			}
		})
	}
}
