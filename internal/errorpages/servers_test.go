package errorpages

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// The pages' directory in the golden files.
const goldenDir = "/srv/httpstatus-errors"

// TestConfigGolden pins each server's configuration; -update rewrites
// testdata/*.golden after a change was checked (by the real servers below).
func TestConfigGolden(t *testing.T) {
	pages := Pages(Options{})
	for _, srv := range Servers {
		t.Run(srv, func(t *testing.T) {
			var b bytes.Buffer
			if err := Config(&b, srv, goldenDir, pages); err != nil {
				t.Fatal(err)
			}
			name := filepath.Join("testdata", srv+".golden")
			if *update {
				if err := os.WriteFile(name, b.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(b.Bytes(), want) {
				t.Errorf("the %s configuration differs from %s (go test -update after checking it)", srv, name)
			}
		})
	}
	if err := Config(io.Discard, "iis", goldenDir, pages); err == nil {
		t.Error("Config took an unknown server")
	}
}

// need returns the path of a web server's binary, or skips the test; in CI
// (where scripts/test installs them) its absence fails the test.
func need(t *testing.T, bin string) string {
	t.Helper()
	p, err := exec.LookPath(bin)
	if err != nil { // /usr/sbin may not be on a user's PATH
		if _, serr := os.Stat("/usr/sbin/" + bin); serr == nil {
			return "/usr/sbin/" + bin
		}
		if os.Getenv("CI") != "" {
			t.Fatalf("CI needs %s (scripts/test installs it): %v", bin, err)
		}
		t.Skipf("%s is not installed", bin)
	}
	return p
}

func freePort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

// run starts a server in the foreground until the test ends, and waits
// until addr accepts connections.
func run(t *testing.T, addr string, env []string, name string, args ...string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Env = append(os.Environ(), env...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cancel(); cmd.Wait() }) //nolint:errcheck // killed on purpose
	for deadline := time.Now().Add(15 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if c, err := net.Dial("tcp", addr); err == nil {
			c.Close()
			return
		}
	}
	t.Fatalf("%s did not listen on %s in 15 s:\n%s", name, addr, out.String())
}

// probe is one request to a configured server and what must come back.
type probe struct {
	path, accept string
	status       int
	file, ctype  string // the page's file and its Content-Type prefix
}

func check(t *testing.T, base, dir string, probes []probe) {
	t.Helper()
	client := &http.Client{Timeout: 10 * time.Second, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	for _, p := range probes {
		req, _ := http.NewRequest("GET", base+p.path, nil)
		if p.accept != "" {
			req.Header.Set("Accept", p.accept)
		}
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != p.status {
			t.Errorf("GET %s (Accept %q): %d, want %d", p.path, p.accept, resp.StatusCode, p.status)
		}
		if p.file == "" {
			continue
		}
		want, err := os.ReadFile(filepath.Join(dir, p.file))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(body, want) {
			t.Errorf("GET %s (Accept %q): the body is not %s:\n%.300s", p.path, p.accept, p.file, body)
		}
		if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, p.ctype) {
			t.Errorf("GET %s (Accept %q): Content-Type %q, want %q", p.path, p.accept, ct, p.ctype)
		}
	}
}

// site makes the pages and a document root with one page.
func site(t *testing.T) (tmp, dir, root string, pages []Page) {
	t.Helper()
	tmp = t.TempDir()
	dir, root = filepath.Join(tmp, "errors"), filepath.Join(tmp, "site")
	pages, err := Write(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(root, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, "index.html"), []byte("<p>home</p>\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return tmp, dir, root, pages
}

// TestNginx loads the nginx configuration into a real nginx on loopback: a
// missing page is a 404 with our page (problem details when JSON is
// asked for), a 503 has its page, and the pages are not reachable directly.
func TestNginx(t *testing.T) {
	nginx := need(t, "nginx")
	tmp, dir, root, pages := site(t)
	port := freePort(t)
	conf := fmt.Sprintf(`daemon off;
master_process off;
pid %[1]s/nginx.pid;
error_log %[1]s/error.log;
events {}
http {
    access_log off;
    client_body_temp_path %[1]s/body;
    proxy_temp_path %[1]s/proxy;
    fastcgi_temp_path %[1]s/fastcgi;
    uwsgi_temp_path %[1]s/uwsgi;
    scgi_temp_path %[1]s/scgi;
    types { text/html html; }
%[2]s
    server {
        listen 127.0.0.1:%[3]d;
        root %[4]s;
        location = /maintenance { return 503; }
%[5]s
    }
}
`, tmp, NginxHTTP(), port, root, NginxServer(dir, pages))
	cfg := filepath.Join(tmp, "nginx.conf")
	if err := os.WriteFile(cfg, []byte(conf), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(nginx, "-t", "-e", filepath.Join(tmp, "error.log"), "-p", tmp, "-c", cfg).CombinedOutput(); err != nil {
		t.Fatalf("nginx -t: %v\n%s", err, out)
	}
	addr := fmt.Sprintf("127.0.0.1:%d", port)
	run(t, addr, nil, nginx, "-e", filepath.Join(tmp, "error.log"), "-p", tmp, "-c", cfg) // -e: not the system's log, which a user cannot open
	check(t, "http://"+addr, dir, []probe{
		{"/", "", 200, "", ""},
		{"/missing", "text/html", 404, "404.html", "text/html; charset=utf-8"},
		{"/missing", "application/json", 404, "404.json", "application/problem+json"},
		{"/missing", "text/plain", 404, "404.txt", "text/plain; charset=utf-8"},
		{"/maintenance", "", 503, "503.html", "text/html"},
		{Prefix + "404.html", "", 404, "404.html", "text/html"},
	})
}

// TestApache runs Apache httpd with the configuration on loopback: 404 and
// 503 (mod_alias's Redirect with a status) keep their status and get our
// pages.
func TestApache(t *testing.T) {
	apache := need(t, "apache2")
	tmp, dir, root, pages := site(t)
	port := freePort(t)
	mods := "/usr/lib/apache2/modules"
	conf := fmt.Sprintf(`ServerRoot %[1]s
PidFile %[1]s/httpd.pid
ErrorLog %[1]s/error.log
LoadModule mpm_event_module %[2]s/mod_mpm_event.so
LoadModule authz_core_module %[2]s/mod_authz_core.so
LoadModule alias_module %[2]s/mod_alias.so
LoadModule mime_module %[2]s/mod_mime.so
TypesConfig /dev/null
Listen 127.0.0.1:%[3]d
ServerName 127.0.0.1
DocumentRoot %[4]s
<Directory "%[4]s">
    Require all granted
</Directory>
Redirect 503 /maintenance
%[5]s`, tmp, mods, port, root, Apache(dir, pages))
	cfg := filepath.Join(tmp, "httpd.conf")
	if err := os.WriteFile(cfg, []byte(conf), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(apache, "-t", "-f", cfg).CombinedOutput(); err != nil {
		t.Fatalf("apache2 -t: %v\n%s", err, out)
	}
	addr := fmt.Sprintf("127.0.0.1:%d", port)
	run(t, addr, nil, apache, "-X", "-f", cfg)
	check(t, "http://"+addr, dir, []probe{
		{"/index.html", "", 200, "", ""}, // no mod_dir here
		{"/missing", "", 404, "404.html", "text/html; charset=utf-8"},
		{"/maintenance", "", 503, "503.html", "text/html; charset=utf-8"},
	})
}

// TestCaddy runs Caddy with the Caddyfile fragment on loopback.
func TestCaddy(t *testing.T) {
	caddy := need(t, "caddy")
	tmp, dir, root, _ := site(t)
	port := freePort(t)
	conf := fmt.Sprintf(`{
	admin off
	auto_https off
}
http://127.0.0.1:%d {
	root * %s
	error /maintenance 503
	file_server
%s}
`, port, root, Caddy(dir))
	cfg := filepath.Join(tmp, "Caddyfile")
	if err := os.WriteFile(cfg, []byte(conf), 0o644); err != nil {
		t.Fatal(err)
	}
	env := []string{"HOME=" + tmp, "XDG_DATA_HOME=" + tmp, "XDG_CONFIG_HOME=" + tmp}
	validate := exec.Command(caddy, "validate", "--config", cfg, "--adapter", "caddyfile")
	validate.Env = append(os.Environ(), env...)
	if out, err := validate.CombinedOutput(); err != nil {
		t.Fatalf("caddy validate: %v\n%s", err, out)
	}
	addr := fmt.Sprintf("127.0.0.1:%d", port)
	run(t, addr, env, caddy, "run", "--config", cfg, "--adapter", "caddyfile")
	check(t, "http://"+addr, dir, []probe{
		{"/", "", 200, "", ""},
		{"/missing", "", 404, "404.html", "text/html"},
		{"/missing", "application/json", 404, "404.json", "application/json"},
		{"/maintenance", "", 503, "503.html", "text/html"},
	})
}

// TestHAProxy runs HAProxy with the http-errors section: a backend with no
// server answers 503 from haproxy/503.http, a denied request 403.
func TestHAProxy(t *testing.T) {
	haproxy := need(t, "haproxy")
	tmp, dir, _, pages := site(t)
	port := freePort(t)
	conf := fmt.Sprintf(`%s
defaults
    mode http
    timeout connect 2s
    timeout client 5s
    timeout server 5s
    errorfiles httpstatus
frontend web
    bind 127.0.0.1:%d
    http-request deny deny_status 403 if { path /forbidden }
    default_backend nobody
backend nobody
`, HAProxy(dir, pages), port)
	cfg := filepath.Join(tmp, "haproxy.cfg")
	if err := os.WriteFile(cfg, []byte(conf), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(haproxy, "-c", "-f", cfg).CombinedOutput(); err != nil {
		t.Fatalf("haproxy -c: %v\n%s", err, out)
	}
	addr := fmt.Sprintf("127.0.0.1:%d", port)
	run(t, addr, nil, haproxy, "-db", "-f", cfg)
	check(t, "http://"+addr, dir, []probe{
		{"/anything", "", 503, "503.html", "text/html; charset=utf-8"},
		{"/forbidden", "", 403, "403.html", "text/html; charset=utf-8"},
	})
}
