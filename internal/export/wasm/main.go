//go:build js && wasm

// Command wasm is the library's search for the static export's pages:
// compiled with GOOS=js GOARCH=wasm, it sets
// globalThis.httpstatusWasmSearch(query, limit), which returns the JSON
// that GET /api/v1/search?q=query&limit=limit answers on the server, made
// by the same function (package searchapi).
package main

import (
	"bytes"
	"syscall/js"

	"github.com/httpstatus/httpstatus/internal/searchapi"
)

func main() {
	js.Global().Set("httpstatusWasmSearch", js.FuncOf(func(_ js.Value, args []js.Value) any {
		if len(args) == 0 || args[0].Type() != js.TypeString {
			return "[]"
		}
		limit := searchapi.DefaultLimit
		if len(args) > 1 && args[1].Type() == js.TypeNumber {
			limit = min(max(args[1].Int(), 1), searchapi.MaxLimit)
		}
		var buf bytes.Buffer
		if err := searchapi.Encode(&buf, searchapi.Hits(args[0].String(), limit)); err != nil {
			return "[]"
		}
		return buf.String()
	}))
	select {} // keep the function alive for the page's lifetime
}
