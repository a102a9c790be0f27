package errorpages

import (
	"fmt"
	"io"
	"sort"
	"strings"
)

// Servers are the web servers Config writes for.
var Servers = []string{"nginx", "apache", "caddy", "traefik", "haproxy"}

// Prefix is the URL path the configurations serve the pages under; the
// server reaches it only by an internal redirect where it can say so.
const Prefix = "/.httpstatus-errors/"

// Config writes the configuration with which server serves the pages in
// dir (an absolute path) with each error's own status, never 200.
func Config(w io.Writer, server, dir string, pages []Page) error {
	dir = strings.TrimSuffix(dir, "/")
	switch server {
	case "nginx":
		fmt.Fprintf(w, "# httpstatus error pages for nginx, from `httpstatus pages %s`.\n", dir)
		fmt.Fprintln(w, "# The map goes in the http block, the rest in each server block. error_page with a")
		fmt.Fprintln(w, "# local URI (and no \"=\") makes an internal redirect and keeps the error's status;")
		fmt.Fprintln(w, "# a client that asks for JSON gets problem details, for text/plain the text page.")
		fmt.Fprintln(w, "\n# --- http block ---")
		io.WriteString(w, NginxHTTP())
		fmt.Fprintln(w, "\n# --- server block ---")
		io.WriteString(w, NginxServer(dir, pages))
	case "apache":
		io.WriteString(w, Apache(dir, pages))
	case "caddy":
		io.WriteString(w, Caddy(dir))
	case "traefik":
		io.WriteString(w, Traefik(pages))
	case "haproxy":
		io.WriteString(w, HAProxy(dir, pages))
	default:
		return fmt.Errorf("--server must be one of %s, not %q", strings.Join(Servers, ", "), server)
	}
	return nil
}

// NginxHTTP is the part of the nginx configuration for the http block: the
// page's type by the request's Accept.
func NginxHTTP() string {
	return `map $http_accept $httpstatus_error_ext {
    default                             html;
    "~*application/(problem\+)?json"    json;
    "~*^text/plain"                     txt;
}
`
}

// nginxCodes are the codes nginx's error_page takes: 300 to 599, but not
// 499, which nginx only logs.
func nginxCode(code int) bool { return code >= 300 && code <= 599 && code != 499 }

// NginxServer is the part of the nginx configuration for a server block.
func NginxServer(dir string, pages []Page) string {
	var b strings.Builder
	for _, p := range pages {
		if nginxCode(p.Code) {
			fmt.Fprintf(&b, "error_page %03d %s%03d.$httpstatus_error_ext;\n", p.Code, Prefix, p.Code)
		}
	}
	fmt.Fprintf(&b, `location ^~ %s {
    internal;
    alias %s/;
    types { text/html html; application/problem+json json; text/plain txt; }
    charset utf-8;
    add_header Cache-Control "no-store" always;
}
`, Prefix, dir)
	return b.String()
}

// apacheCodes are the codes Apache httpd 2.4 knows, the ones its
// ErrorDocument takes (httpd's status_lines table in http_protocol.c; an
// unknown code stops it from starting).
var apacheCodes = codeSet("400-417 421-424 426 428 429 431 451 500-508 510 511")

// Apache is the configuration for Apache httpd 2.4 (mod_alias, mod_mime).
// ErrorDocument with a local path keeps the error's status; with a full URL
// it would redirect and the client would see 302, then 200.
func Apache(dir string, pages []Page) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# httpstatus error pages for Apache httpd 2.4, from `httpstatus pages %s`.\n", dir)
	b.WriteString("# In the server config or a <VirtualHost>; needs mod_alias and mod_mime. ErrorDocument\n" +
		"# with a local path keeps the error's status (a full URL would redirect).\n")
	fmt.Fprintf(&b, "Alias %s \"%s/\"\n", Prefix, dir)
	fmt.Fprintf(&b, "<Directory \"%s\">\n    Require all granted\n    Options None\n    AllowOverride None\n"+
		"    AddType \"text/html; charset=utf-8\" .html\n    AddType application/problem+json .json\n"+
		"    AddType \"text/plain; charset=utf-8\" .txt\n</Directory>\n", dir)
	for _, p := range pages {
		if apacheCodes[p.Code] {
			fmt.Fprintf(&b, "ErrorDocument %03d %s%03d.html\n", p.Code, Prefix, p.Code)
		}
	}
	return b.String()
}

// Caddy is the Caddyfile fragment for a site block. In handle_errors,
// file_server answers with the error's status.
func Caddy(dir string) string {
	return fmt.Sprintf(`# httpstatus error pages for Caddy 2, from `+"`httpstatus pages %[1]s`"+`.
# Inside a site block. file_server keeps the error's status in handle_errors; in the
# route the last rewrite that matches wins: JSON or text when asked for, else HTML.
handle_errors {
	root * %[1]s
	@json header Accept *json*
	@text header Accept text/plain*
	route {
		rewrite * /{err.status_code}.html
		rewrite @json /{err.status_code}.json
		rewrite @text /{err.status_code}.txt
	}
	header Cache-Control no-store
	file_server
}
`, dir)
}

// Traefik is the dynamic configuration (file provider, YAML) of an errors
// middleware: Traefik asks the service for the page and answers with the
// original status.
func Traefik(pages []Page) string {
	var codes []string
	for _, p := range pages {
		codes = append(codes, fmt.Sprintf("%03d", p.Code))
	}
	return `# httpstatus error pages for Traefik v2/v3: dynamic configuration (file provider).
# Any static server that holds the pages will do as the service, e.g.
# ` + "`python3 -m http.server -d DIR 8081`" + ` or nginx; attach the middleware to your routers
# (middlewares: [httpstatus-errors]). Traefik keeps the original status.
http:
  middlewares:
    httpstatus-errors:
      errors:
        status:
          - "` + strings.Join(ranges(codes), "\"\n          - \"") + `"
        service: httpstatus-error-pages
        query: "/{status}.html"
  services:
    httpstatus-error-pages:
      loadBalancer:
        servers:
          - url: "http://127.0.0.1:8081"
`
}

// HAProxy is the configuration of an http-errors section and its use:
// errorfile sends the whole response in haproxy/NNN.http as it is, for the
// codes HAProxy produces itself.
func HAProxy(dir string, pages []Page) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# httpstatus error pages for HAProxy 2.2 or later, from `httpstatus pages %s`.\n", dir)
	b.WriteString("# errorfile covers the responses HAProxy makes itself (a server down: 503, a timeout:\n" +
		"# 504, a denied request: 403, ...); each file is the whole response, status line included.\n" +
		"http-errors httpstatus\n")
	for _, p := range pages {
		if haproxyCodes[p.Code] {
			fmt.Fprintf(&b, "    errorfile %03d %s/haproxy/%03d.http\n", p.Code, dir, p.Code)
		}
	}
	b.WriteString("\n# then, in defaults, frontend or backend sections:\n#     errorfiles httpstatus\n")
	return b.String()
}

// codeSet reads "400-418 421" into a set.
func codeSet(s string) map[int]bool {
	out := map[int]bool{}
	for _, f := range strings.Fields(s) {
		var lo, hi int
		if n, _ := fmt.Sscanf(f, "%d-%d", &lo, &hi); n == 2 {
			for c := lo; c <= hi; c++ {
				out[c] = true
			}
			continue
		}
		fmt.Sscanf(f, "%d", &lo) //nolint:errcheck // our own constant
		out[lo] = true
	}
	return out
}

// ranges joins sorted three-digit codes into runs: "400-418", "421".
func ranges(codes []string) []string {
	sort.Strings(codes)
	var out []string
	for i := 0; i < len(codes); {
		j := i
		var a, b int
		for j+1 < len(codes) {
			fmt.Sscanf(codes[j], "%d", &a)   //nolint:errcheck // formatted by us
			fmt.Sscanf(codes[j+1], "%d", &b) //nolint:errcheck // as above
			if b != a+1 {
				break
			}
			j++
		}
		if j == i {
			out = append(out, codes[i])
		} else {
			out = append(out, codes[i]+"-"+codes[j])
		}
		i = j + 1
	}
	return out
}
