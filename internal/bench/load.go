package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// loadResult is one bounded load run against one URL.
type loadResult struct {
	Requests int64         `json:"requests"`
	Errors   int64         `json:"errors"` // socket errors, timeouts and non-2xx responses
	RPS      float64       `json:"rps"`
	P50      time.Duration `json:"p50"`
	P99      time.Duration `json:"p99"`
}

// loader drives HTTP load from a separate process on loopback: wrk when it
// is installed, otherwise the Go load generator of ./load.
type loader struct {
	wrk     string // path of wrk, or ""
	goLoad  string // path of the built ./load binary, or ""
	conns   int
	timeout time.Duration // per request
}

func newLoader(kind, root, tmp string, conns int) (*loader, error) {
	l := &loader{conns: conns, timeout: 30 * time.Second}
	if kind == "wrk" || kind == "auto" {
		if p, err := exec.LookPath("wrk"); err == nil {
			l.wrk = p
			return l, nil
		} else if kind == "wrk" {
			return nil, fmt.Errorf("wrk not found (apt-get install -y wrk, or -loader go): %w", err)
		}
	}
	// Built once, then run as its own process for every scenario.
	l.goLoad = filepath.Join(tmp, "load")
	cmd := exec.Command("go", "build", "-o", l.goLoad, "./internal/bench/load")
	cmd.Dir = root
	if out, err := cmd.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("build the Go load generator: %v\n%s", err, out)
	}
	return l, nil
}

func (l *loader) name() string {
	if l.wrk != "" {
		return fmt.Sprintf("wrk -t1 -c%d --latency", l.conns)
	}
	return fmt.Sprintf("internal/bench/load -c %d", l.conns)
}

// run loads url for d and returns what the load generator measured.
// acceptEncoding, if not empty, is sent with every request.
func (l *loader) run(url string, d time.Duration, acceptEncoding string) (loadResult, error) {
	ctx, cancel := context.WithTimeout(context.Background(), d+l.timeout+30*time.Second)
	defer cancel()
	var cmd *exec.Cmd
	if l.wrk != "" {
		secs := strconv.Itoa(max(1, int(d.Round(time.Second)/time.Second)))
		args := []string{"-t1", "-c" + strconv.Itoa(l.conns), "-d" + secs + "s",
			"--timeout", strconv.Itoa(int(l.timeout/time.Second)) + "s", "--latency"}
		if acceptEncoding != "" {
			args = append(args, "-H", "Accept-Encoding: "+acceptEncoding)
		}
		cmd = exec.CommandContext(ctx, l.wrk, append(args, url)...)
	} else {
		cmd = exec.CommandContext(ctx, l.goLoad, "-url", url, "-c", strconv.Itoa(l.conns),
			"-d", d.String(), "-timeout", l.timeout.String(), "-accept-encoding", acceptEncoding)
	}
	out, err := cmd.CombinedOutput()
	if err != nil {
		return loadResult{}, fmt.Errorf("%s: %v\n%s", cmd.Path, err, out)
	}
	if l.wrk != "" {
		return parseWrk(string(out))
	}
	var r loadResult
	if err := json.Unmarshal(out, &r); err != nil {
		return r, fmt.Errorf("load generator output: %v\n%s", err, out)
	}
	return r, nil
}

var (
	wrkRPS      = regexp.MustCompile(`(?m)^Requests/sec:\s+([0-9.]+)`)
	wrkTotal    = regexp.MustCompile(`(?m)^\s*(\d+) requests in`)
	wrkPct      = regexp.MustCompile(`(?m)^\s+(50|99)%\s+([0-9.]+)(us|ms|s|m)\s*$`)
	wrkNon2xx   = regexp.MustCompile(`(?m)^\s*Non-2xx or 3xx responses:\s+(\d+)`)
	wrkSockErrs = regexp.MustCompile(`(?m)^\s*Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)`)
)

// parseWrk reads wrk --latency output.
func parseWrk(out string) (loadResult, error) {
	var r loadResult
	m := wrkRPS.FindStringSubmatch(out)
	t := wrkTotal.FindStringSubmatch(out)
	if m == nil || t == nil {
		return r, fmt.Errorf("unexpected wrk output:\n%s", out)
	}
	r.RPS, _ = strconv.ParseFloat(m[1], 64)
	r.Requests, _ = strconv.ParseInt(t[1], 10, 64)
	for _, p := range wrkPct.FindAllStringSubmatch(out, -1) {
		v, _ := strconv.ParseFloat(p[2], 64)
		unit := map[string]time.Duration{"us": time.Microsecond, "ms": time.Millisecond, "s": time.Second, "m": time.Minute}[p[3]]
		d := time.Duration(v * float64(unit))
		if p[1] == "50" {
			r.P50 = d
		} else {
			r.P99 = d
		}
	}
	if r.P50 == 0 || r.P99 == 0 {
		return r, fmt.Errorf("no latency distribution in wrk output (needs --latency):\n%s", out)
	}
	if e := wrkNon2xx.FindStringSubmatch(out); e != nil {
		n, _ := strconv.ParseInt(e[1], 10, 64)
		r.Errors += n
	}
	if e := wrkSockErrs.FindStringSubmatch(out); e != nil {
		for _, s := range e[1:] {
			n, _ := strconv.ParseInt(s, 10, 64)
			r.Errors += n
		}
	}
	if strings.Contains(out, "requests in 0") {
		return r, fmt.Errorf("wrk made no requests:\n%s", out)
	}
	return r, nil
}
