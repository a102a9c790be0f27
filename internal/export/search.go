package export

import (
	_ "embed"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// exportJS loads the WebAssembly search on first use and gives it to the
// site's app.js as window.httpstatusSearch, and the links of its results as
// window.httpstatusHref.
//
//go:embed export.js
var exportJS []byte

// Search builds the export's live search: package searchapi, which the
// server's /api/v1/search runs, compiled to WebAssembly with the Go
// toolchain from the module's source.
type Search struct {
	// Go is the go command; default "go" on $PATH.
	Go string
	// ModuleDir is the root of the httpstatus module's source.
	ModuleDir string
}

// wasmPackage is the command that is compiled, relative to the module.
const wasmPackage = "./internal/export/wasm"

// FindModule returns the root of the httpstatus module that dir is in, by
// asking the go command; an error says why there is none.
func FindModule(goCmd, dir string) (string, error) {
	if goCmd == "" {
		goCmd = "go"
	}
	cmd := exec.Command(goCmd, "list", "-m", "-f", "{{.Path}} {{.Dir}}")
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("the live search is built with the Go toolchain from the httpstatus source: %w", err)
	}
	mod, root, _ := strings.Cut(strings.TrimSpace(string(out)), " ")
	if mod != "github.com/httpstatus/httpstatus" {
		return "", fmt.Errorf("the live search is built from the httpstatus source, and %s is in module %q", dir, mod)
	}
	return root, nil
}

// build writes search.wasm and wasm_exec.js into dir and returns the size
// of search.wasm.
func (s *Search) build(dir string) (int64, error) {
	goCmd := s.Go
	if goCmd == "" {
		goCmd = "go"
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return 0, err
	}
	out := filepath.Join(dir, "search.wasm")
	cmd := exec.Command(goCmd, "build", "-trimpath", "-ldflags=-s -w", "-o", out, wasmPackage)
	cmd.Dir = s.ModuleDir
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm", "CGO_ENABLED=0")
	if msg, err := cmd.CombinedOutput(); err != nil {
		return 0, fmt.Errorf("building the WebAssembly search: %v\n%s", err, msg)
	}
	if err := os.Chmod(out, 0o644); err != nil { // a file to serve, not to run
		return 0, err
	}
	root, err := exec.Command(goCmd, "env", "GOROOT").Output()
	if err != nil {
		return 0, fmt.Errorf("finding GOROOT: %w", err)
	}
	goroot := strings.TrimSpace(string(root))
	var copied bool
	for _, src := range []string{"lib/wasm/wasm_exec.js", "misc/wasm/wasm_exec.js"} { // Go 1.24 moved it to lib/
		if _, err := copyFile(filepath.Join(dir, "wasm_exec.js"), filepath.Join(goroot, src)); err == nil {
			copied = true
			break
		}
	}
	if !copied {
		return 0, errors.New("wasm_exec.js is in neither lib/wasm nor misc/wasm of " + goroot)
	}
	return sizeOf(out), nil
}
