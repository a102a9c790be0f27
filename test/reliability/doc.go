// Package reliability holds black-box tests of the real httpstatus binary
// under hostile or heavy traffic, on loopback only: slow headers
// (slowloris), oversized headers and URLs, a flood of delayed requests,
// SIGTERM under load, and a soak across the API, the pages and the test
// endpoint. TestMain builds ./cmd/httpstatus once; each test starts it as a
// subprocess with `serve --addr 127.0.0.1:0` and reads the port from its
// "listening on" line.
//
//	go test ./test/reliability -v                 (about a minute, soak included)
//	go test ./test/reliability -short             (the soak skipped)
//	HTTPSTATUS_SOAK_DURATION=2m go test ./test/reliability -run Soak -v
//
// The soak runs unless -short is given, for 30 s by default or for
// HTTPSTATUS_SOAK_DURATION (a Go duration). Every loop is bounded in count
// and time; the only timing assertions are the ones the behaviour defines
// (the server's 5 s ReadHeaderTimeout), with wide margins.
//
// The benchmarks (bench_test.go) drive the server's handler in-process, for
// CPU profiles:
//
//	go test ./test/reliability -run '^$' -bench . -benchmem -cpuprofile cpu.out
package reliability
