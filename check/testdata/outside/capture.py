#!/usr/bin/env python3
"""Capture raw responses of three independent HTTP servers on loopback:
Python's http.server, Node's http module and Go's net/http FileServer.
Each exchange is written as a txtar file: the raw request and the raw
response as read off the socket. Labels ("want:") are added by hand."""
import os, socket, subprocess, sys, tempfile, time

out = sys.argv[1]
os.makedirs(out, exist_ok=True)

def free_port():
    s = socket.socket(); s.bind(("127.0.0.1", 0)); p = s.getsockname()[1]; s.close(); return p

def wait(port):
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), 0.2).close(); return
        except OSError:
            time.sleep(0.1)
    raise SystemExit("server on %d did not start" % port)

def exchange(port, req):
    s = socket.create_connection(("127.0.0.1", port), 5)
    s.sendall(req.encode())
    data = b""
    s.settimeout(3)
    try:
        while True:
            b = s.recv(65536)
            if not b: break
            data += b
    except socket.timeout:
        pass
    s.close()
    return data

def save(name, server, req, resp):
    with open(os.path.join(out, name + ".txtar"), "wb") as f:
        f.write(("# server: %s\nwant:\n-- request --\n" % server).encode())
        f.write(req.encode().replace(b"\r\n", b"\n"))
        f.write(b"-- response --\n")
        f.write(resp)

def req(method, path, port, extra=""):
    return "%s %s HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nConnection: close\r\n%s\r\n" % (method, path, port, extra)

root = tempfile.mkdtemp()
open(os.path.join(root, "hello.txt"), "w").write("hello, world\n")
os.mkdir(os.path.join(root, "sub"))
os.utime(os.path.join(root, "hello.txt"), (1700000000, 1700000000))

cases = [
    ("get", "GET", "/hello.txt", ""),
    ("head", "HEAD", "/hello.txt", ""),
    ("not-found", "GET", "/missing.txt", ""),
    ("post", "POST", "/hello.txt", "Content-Length: 0\r\n"),
    ("delete", "DELETE", "/hello.txt", ""),
    ("options", "OPTIONS", "/hello.txt", ""),
    ("not-modified", "GET", "/hello.txt", "If-Modified-Since: Thu, 01 Jan 2099 00:00:00 GMT\r\n"),
    ("if-none-match", "GET", "/hello.txt", "If-None-Match: *\r\n"),
    ("range", "GET", "/hello.txt", "Range: bytes=0-4\r\n"),
    ("multi-range", "GET", "/hello.txt", "Range: bytes=0-0,5-6\r\n"),
    ("bad-range", "GET", "/hello.txt", "Range: bytes=500-\r\n"),
    ("dir-redirect", "GET", "/sub", ""),
    ("dir-list", "GET", "/", ""),
]

# Python's http.server.
port = free_port()
py = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "--directory", root],
                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
try:
    wait(port)
    for name, m, p, extra in cases:
        r = req(m, p, port, extra)
        save("python-" + name, "Python %s http.server" % sys.version.split()[0], r, exchange(port, r))
finally:
    py.terminate(); py.wait()

# Go's net/http FileServer.
gosrc = os.path.join(root, "..", "fs_%d.go" % os.getpid())
open(gosrc, "w").write('''package main
import ("net/http"; "os")
func main() { http.ListenAndServe("127.0.0.1:"+os.Args[1], http.FileServer(http.Dir(os.Args[2]))) }
''')
port = free_port()
gov = subprocess.run(["go", "version"], capture_output=True, text=True).stdout.split()[2]
gs = subprocess.Popen(["go", "run", gosrc, str(port), root], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
try:
    wait(port)
    for name, m, p, extra in cases:
        r = req(m, p, port, extra)
        save("go-" + name, "Go %s net/http FileServer" % gov, r, exchange(port, r))
finally:
    gs.terminate(); gs.wait()

# Node's http module: what its framing does with what handlers commonly
# write, including the status-only answers of hurried handlers.
nodesrc = r'''
const http = require("http");
http.createServer((req, res) => {
  const code = parseInt(req.url.slice(1), 10) || 200;
  if (code === 103) { res.writeEarlyHints({link: "</a.css>; rel=preload; as=style"}); res.statusCode = 200; res.end("ok\n"); return; }
  if (code === 100) { res.writeContinue(); res.statusCode = 200; res.end("ok\n"); return; }
  res.statusCode = code;
  if (code === 301 || code === 302) res.setHeader("Location", "/elsewhere");
  res.end(code === 204 || code === 304 ? undefined : "status " + code + "\n");
}).listen(parseInt(process.argv[1], 10), "127.0.0.1");
'''
port = free_port()
nv = subprocess.run(["node", "--version"], capture_output=True, text=True).stdout.strip()
nd = subprocess.Popen(["node", "-e", nodesrc, str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
try:
    wait(port)
    for code in [100, 103, 200, 201, 204, 301, 302, 304, 401, 404, 405, 407, 416, 426, 429, 500, 503]:
        for m in (["GET", "HEAD"] if code in (200, 404) else ["GET"]):
            r = req(m, "/%d" % code, port)
            save("node-%d%s" % (code, "-head" if m == "HEAD" else ""), "Node.js %s http" % nv, r, exchange(port, r))
finally:
    nd.terminate(); nd.wait()
