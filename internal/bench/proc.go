package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// Child processes. Every server and Node process the harness starts is
// registered here and killed (with its whole process group) when the
// harness exits, panics or gets SIGINT/SIGTERM. Pdeathsig covers the harness
// dying without running any Go code (SIGKILL).

var (
	childMu  sync.Mutex
	children = map[int]*child{}
)

type child struct {
	name string
	cmd  *exec.Cmd
	done chan struct{} // closed when the process has exited
	err  error         // exit status, valid after done
	log  *tailBuffer   // last lines of stdout+stderr, for error messages
}

// startChild starts name with args in its own process group.
func startChild(label string, env []string, name string, args ...string) (*child, error) {
	cmd := exec.Command(name, args...)
	cmd.Env = append(os.Environ(), env...)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
	c := &child{name: label, cmd: cmd, done: make(chan struct{}), log: &tailBuffer{max: 4096}}
	cmd.Stdout, cmd.Stderr = c.log, c.log
	childMu.Lock()
	defer childMu.Unlock()
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start %s: %w", label, err)
	}
	children[cmd.Process.Pid] = c
	go func() {
		c.err = cmd.Wait()
		close(c.done)
	}()
	return c, nil
}

func (c *child) pid() int { return c.cmd.Process.Pid }

// stop kills the child's process group and waits for it.
func (c *child) stop() {
	_ = syscall.Kill(-c.pid(), syscall.SIGKILL)
	select {
	case <-c.done:
	case <-time.After(5 * time.Second):
	}
	childMu.Lock()
	delete(children, c.pid())
	childMu.Unlock()
}

// exited reports whether the child has died, with its output.
func (c *child) exited() error {
	select {
	case <-c.done:
		return fmt.Errorf("%s exited (%v):\n%s", c.name, c.err, c.log.String())
	default:
		return nil
	}
}

// killChildren kills every child still running. Safe to call more than once.
func killChildren() {
	childMu.Lock()
	defer childMu.Unlock()
	for pid := range children {
		_ = syscall.Kill(-pid, syscall.SIGKILL)
		delete(children, pid)
	}
}

// tailBuffer keeps the last max bytes written to it.
type tailBuffer struct {
	mu  sync.Mutex
	max int
	b   []byte
}

func (t *tailBuffer) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.b = append(t.b, p...)
	if len(t.b) > t.max {
		t.b = append([]byte(nil), t.b[len(t.b)-t.max:]...)
	}
	return len(p), nil
}

func (t *tailBuffer) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return string(t.b)
}

// freePort returns a loopback port that was free a moment ago.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// waitHTTP polls req until it answers 200, the child dies, or timeout.
// It returns the body of the first 200.
func waitHTTP(c *child, timeout time.Duration, newReq func() *http.Request) ([]byte, error) {
	deadline := time.Now().Add(timeout)
	client := &http.Client{Timeout: 10 * time.Second}
	for {
		if err := c.exited(); err != nil {
			return nil, err
		}
		resp, err := client.Do(newReq())
		if err == nil {
			body, rerr := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK && rerr == nil {
				return body, nil
			}
			err = fmt.Errorf("status %d: %.300s", resp.StatusCode, body)
		}
		if time.Now().After(deadline) {
			return nil, fmt.Errorf("%s not ready after %s: %v\n%s", c.name, timeout, err, c.log.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func getReq(url string) func() *http.Request {
	return func() *http.Request {
		r, _ := http.NewRequestWithContext(context.Background(), http.MethodGet, url, nil)
		return r
	}
}

// procStatus reads a "Name: N kB" field of /proc/PID/status, in bytes.
func procStatus(pid int, field string) (int64, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, err
	}
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		line := sc.Text()
		if v, ok := strings.CutPrefix(line, field+":"); ok {
			f := strings.Fields(v)
			if len(f) == 0 {
				break
			}
			kb, err := strconv.ParseInt(f[0], 10, 64)
			return kb * 1024, err
		}
	}
	return 0, fmt.Errorf("no %s in /proc/%d/status", field, pid)
}

// treePeakRSS sums VmHWM (peak resident set) over pid and all its
// descendants: Hypernova runs a cluster coordinator and workers, all of
// which are the service's memory. The sum of peaks is an upper bound of the
// peak of the sum.
func treePeakRSS(pid int) (int64, error) {
	var total int64
	for _, p := range append([]int{pid}, descendants(pid)...) {
		v, err := procStatus(p, "VmHWM")
		if err != nil {
			if p == pid {
				return 0, err
			}
			continue // a descendant that just exited
		}
		total += v
	}
	return total, nil
}

// descendants lists the processes below pid, from the ppid field of
// /proc/*/stat.
func descendants(pid int) []int {
	parent := map[int]int{}
	dirs, _ := filepath.Glob("/proc/[0-9]*/stat")
	for _, d := range dirs {
		b, err := os.ReadFile(d)
		if err != nil {
			continue
		}
		// pid (comm) state ppid ...; comm may contain spaces and parens.
		i := bytes.LastIndexByte(b, ')')
		if i < 0 {
			continue
		}
		f := strings.Fields(string(b[i+1:]))
		if len(f) < 2 {
			continue
		}
		p, _ := strconv.Atoi(filepath.Base(filepath.Dir(d)))
		pp, _ := strconv.Atoi(f[1])
		parent[p] = pp
	}
	var out []int
	frontier := []int{pid}
	for len(frontier) > 0 {
		cur := frontier[0]
		frontier = frontier[1:]
		for p, pp := range parent {
			if pp == cur {
				out = append(out, p)
				frontier = append(frontier, p)
			}
		}
	}
	return out
}

// The harness's temp dir (bundles, scripts, props), removed on exit and on
// a signal, where deferred calls do not run.
var (
	tmpMu  sync.Mutex
	tmpDir string
)

func setTempDir(d string) {
	tmpMu.Lock()
	tmpDir = d
	tmpMu.Unlock()
}

func removeTempDir() {
	tmpMu.Lock()
	defer tmpMu.Unlock()
	if tmpDir != "" {
		_ = os.RemoveAll(tmpDir)
		tmpDir = ""
	}
}
