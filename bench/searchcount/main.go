// Command searchcount runs a fixed set of searches a fixed number of times,
// for counting instructions under valgrind (bench/search-instructions.sh):
// unlike time, the count does not depend on what else the machine does.
package main

import (
	"flag"
	"fmt"
	"strings"

	"github.com/httpstatus/httpstatus"
)

func main() {
	n := flag.Int("n", 100, "rounds")
	set := flag.String("set", "typical", "typical, pasted or none (start-up only)")
	query := flag.String("q", "", "one query to run instead of a set")
	flag.Parse()
	var queries []string
	switch {
	case *query != "":
		queries = []string{*query}
	case *set == "typical":
		queries = []string{"not found", "too many requests", "upload is too big", "gatway timout", "http.StatusTeapot", "MethodArgumentNotValidException", "unauth", "H12 Request timeout"}
	case *set == "pasted":
		queries = []string{`2024/05/14 10:22:31 [error] 2231#2231: *881 upstream timed out (110: Connection timed out) while reading response header from upstream, client: 10.0.3.7, server: api.example.com, request: "GET /reports/2024/q1?format=csv HTTP/1.1", upstream: "http://127.0.0.1:9000/reports/2024/q1", host: "api.example.com"`}
	}
	hits := 0
	for range *n {
		for _, q := range queries {
			hits += len(httpstatus.Search(q, 10))
		}
	}
	fmt.Println(strings.Repeat("", 0), hits)
}
