package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"html/template"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/andybalholm/brotli"
	"github.com/klauspost/compress/zstd"

	"github.com/ssrgate/ssrgate/internal/vuesfc"
	"github.com/ssrgate/ssrgate/ssr"
)

// httpRow is one HTTP scenario's measurement.
type httpRow struct {
	Component string
	Rows      int
	Scenario  string // A, B, C or F
	Load      loadResult
	PeakRSS   int64 // VmHWM of the server process; F: Go front end + Hypernova's processes
	NodeRSS   int64 // F: the Hypernova part of PeakRSS
	PageBytes int
	Coding    string     // Ag, Bb: the Content-Encoding the browser's Accept-Encoding got
	WireBytes int        // Ag, Bb: the page's bytes on the wire
	Before    *memReport // B, C: after the warm-up load
	After     *memReport // B, C: after the measured load
	Served    int64      // B, C: requests served when After was taken (approx.)
}

// renderRow is one D/E pair.
type renderRow struct {
	Component, Framework string
	Rows                 int
	D, E                 renderStats
	Diff                 string // "" when Node's and ssrgate's HTML are identical
}

type results struct {
	cfg     config
	started time.Time
	elapsed time.Duration
	machine []string
	loader  string
	http    []httpRow
	render  []renderRow
	cold    []time.Duration
	coldErr error
	rtMem   runtimeMem
	memErr  error
	notes   []string
}

// scenario names, in the order they run for each case. Ag and Bb are A
// and B loaded with a browser's Accept-Encoding.
var scenarioOrder = []string{"A", "B", "Ag", "Bb", "C", "F"}

// browserEncoding is what Chrome and Firefox send.
const browserEncoding = "gzip, deflate, br, zstd"

func harness(cfg config) error {
	res := &results{cfg: cfg, started: time.Now()}
	if _, err := os.Stat(filepath.Join(cfg.root, "components")); err != nil {
		return fmt.Errorf("no components/ under -root %s (run from the repository root): %w", cfg.root, err)
	}
	if _, err := os.Stat(filepath.Join(cfg.root, "node_modules", "hypernova")); err != nil {
		return fmt.Errorf("npm packages missing under %s (make setup): %w", cfg.root, err)
	}
	self, err := os.Executable()
	if err != nil {
		return err
	}
	tmp, err := os.MkdirTemp("", "ssrgate-bench-")
	if err != nil {
		return err
	}
	setTempDir(tmp)
	defer removeTempDir()
	res.machine = machineInfo()

	ld, err := newLoader(cfg.loaderKind, cfg.root, tmp, cfg.conns)
	if err != nil {
		return err
	}
	res.loader = ld.name()

	// The Node side: the scripts (real files in node/, embedded) and the
	// components bundled for Node.
	scripts := filepath.Join(tmp, "scripts")
	if err := os.MkdirAll(scripts, 0o755); err != nil {
		return err
	}
	for _, n := range []string{"render.js", "hypernova.js"} {
		b, err := nodeScripts.ReadFile("node/" + n)
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(scripts, n), b, 0o644); err != nil {
			return err
		}
	}
	nodeEnv := []string{"NODE_PATH=" + filepath.Join(cfg.root, "node_modules"), "NODE_ENV=production"}
	bundles := filepath.Join(tmp, "node")
	sfc, err := vuesfc.New(filepath.Join(cfg.root, "node_modules"))
	if err != nil {
		return err
	}
	framework := map[string]string{}
	for _, c := range components {
		framework[c.Name] = c.Framework
		if _, err := bundleForNode(cfg.root, bundles, c.Name, c.File, sfc); err != nil {
			return err
		}
	}
	for _, c := range cfg.components {
		if framework[c] == "" {
			return fmt.Errorf("-components: %s is not a benchmark component", c)
		}
	}

	// The harness's own engine: E's renders (a pool of 1) and A's markup.
	logf("building the engine (pool of 1) for E and A's markup")
	eng, err := newEngine(cfg.root, 1)
	if err != nil {
		return err
	}
	defer eng.Close()

	for _, comp := range cfg.components {
		for _, n := range cfg.rows {
			p := props(comp, n)
			propsJSON, err := json.Marshal(p)
			if err != nil {
				return err
			}
			propsFile := filepath.Join(tmp, fmt.Sprintf("props-%s-%d.json", comp, n))
			if err := os.WriteFile(propsFile, propsJSON, 0o644); err != nil {
				return err
			}

			// E, then D with the same warm-up and iteration count.
			row := renderRow{Component: comp, Framework: framework[comp], Rows: n}
			if row.E, err = measureE(eng, comp, p, cfg.warmup, cfg.iters, cfg.renderBudget); err != nil {
				return fmt.Errorf("E %s/%d: %w", comp, n, err)
			}
			// Node gets at least nodeWarmup untimed renders so that V8 has
			// optimised the render path, as it has in a long-running server;
			// goja has no JIT to warm.
			if row.D, err = measureD(nodeEnv, filepath.Join(scripts, "render.js"), filepath.Join(bundles, comp+".js"),
				framework[comp], propsFile, max(row.E.Warmup, nodeWarmup), row.E.N); err != nil {
				return fmt.Errorf("D %s/%d: %w", comp, n, err)
			}
			row.Diff = firstDiff(row.D.HTML, row.E.HTML)
			logf("render %s rows=%d: node %s, ssrgate %s (n=%d)%s", comp, n, row.D.Mean, row.E.Mean, row.E.N,
				map[bool]string{true: "", false: "  HTML DIFFERS: " + row.Diff}[row.Diff == ""])
			res.render = append(res.render, row)

			if !cfg.httpComps[comp] {
				continue
			}
			// A's page parts, rendered once by the engine.
			pageFile := filepath.Join(tmp, fmt.Sprintf("page-%s-%d.json", comp, n))
			if err := writeStaticParts(eng, comp, p, pageFile); err != nil {
				return err
			}
			var ref []byte // A's page: B and C must serve exactly this
			for _, sc := range scenarioOrder {
				r, body, err := runScenario(cfg, ld, self, sc, comp, n, pageFile, scripts, bundles, nodeEnv)
				if err != nil {
					return fmt.Errorf("%s %s/%d: %w", sc, comp, n, err)
				}
				switch sc {
				case "A":
					ref = body
				case "B", "C", "Ag", "Bb":
					if !bytes.Equal(body, ref) {
						return fmt.Errorf("%s %s/%d serves a page different from A's: %s", sc, comp, n, firstDiff(string(ref), string(body)))
					}
				case "F":
					if !strings.Contains(string(body), row.D.HTML) {
						return fmt.Errorf("F %s/%d: the page does not contain Node's renderToString output", comp, n)
					}
				}
				res.http = append(res.http, r)
				logf("http %s %s rows=%d: %.0f req/s p50 %s p99 %s peak RSS %s errors %d", sc, comp, n,
					r.Load.RPS, r.Load.P50, r.Load.P99, mib(r.PeakRSS), r.Load.Errors)
			}
		}
	}

	logf("cold start of B's server (%d trials)", cfg.coldTrials)
	res.cold, res.coldErr = coldStart(self, cfg.root, 100, cfg.coldTrials)
	logf("memory of one warm runtime")
	res.rtMem, res.memErr = runtimeMemProbe(self, cfg.root, cfg.memK)

	res.machine = append(res.machine, "load average at end: "+loadavg())
	res.elapsed = time.Since(res.started)
	report := res.markdown()
	fmt.Print(report)
	if cfg.out != "" {
		if err := os.WriteFile(cfg.out, []byte(report), 0o644); err != nil {
			return err
		}
		logf("wrote %s (whole run %s)", cfg.out, res.elapsed.Round(time.Second))
	}
	return nil
}

// nodeWarmup is the least number of untimed renders D does before timing.
const nodeWarmup = 500

// writeStaticParts renders, once, what A embeds: ssrgate's head, island
// markup and scripts for the page, exactly as B produces them.
func writeStaticParts(eng *ssr.Engine, comp string, p any, file string) error {
	const sep = "\x00SPLIT\x00"
	t := template.Must(template.New("parts").Funcs(eng.FuncMap()).Parse(
		`{{ ssrHead }}` + sep + fmt.Sprintf(`{{ component %q .Props }}`, comp) + sep + `{{ ssrScripts }}`))
	var buf bytes.Buffer
	if err := eng.Execute(&buf, t, "parts", pageData{Props: p}); err != nil {
		return err
	}
	parts := strings.Split(buf.String(), sep)
	if len(parts) != 3 {
		return fmt.Errorf("page parts of %s: got %d parts", comp, len(parts))
	}
	b, err := json.Marshal(staticParts{Head: parts[0], Island: parts[1], Scripts: parts[2]})
	if err != nil {
		return err
	}
	return os.WriteFile(file, b, 0o644)
}

// runScenario starts scenario sc's server(s), checks the first page, warms
// up, measures and reads memory, then stops everything it started. It
// returns the measurement and the first page's body.
func runScenario(cfg config, ld *loader, self, sc, comp string, rows int, pageFile, scripts, bundles string, nodeEnv []string) (httpRow, []byte, error) {
	row := httpRow{Component: comp, Rows: rows, Scenario: sc}
	port, err := freePort()
	if err != nil {
		return row, nil, err
	}
	addr := "127.0.0.1:" + strconv.Itoa(port)
	args := []string{"-addr", addr, "-root", cfg.root, "-component", comp, "-rows", strconv.Itoa(rows)}
	var hn *child
	switch sc {
	case "A":
		args = append(args, "-serve", "static", "-page", pageFile)
	case "Ag":
		args = append(args, "-serve", "static-gzip", "-page", pageFile)
	case "B", "Bb":
		args = append(args, "-serve", "ssr")
	case "C":
		args = append(args, "-serve", "ssr-nocache")
	case "F":
		hnPort, err := freePort()
		if err != nil {
			return row, nil, err
		}
		hnURL := "http://127.0.0.1:" + strconv.Itoa(hnPort) + "/batch"
		hn, err = startChild("hypernova", nodeEnv, "node", filepath.Join(scripts, "hypernova.js"), strconv.Itoa(hnPort), bundles)
		if err != nil {
			return row, nil, err
		}
		defer hn.stop()
		probe, _ := json.Marshal(map[string]any{"0": map[string]any{"name": comp, "data": props(comp, 1)}})
		if _, err := waitHTTP(hn, time.Minute, func() *http.Request {
			r, _ := http.NewRequest(http.MethodPost, hnURL, bytes.NewReader(probe))
			r.Header.Set("Content-Type", "application/json")
			return r
		}); err != nil {
			return row, nil, err
		}
		args = append(args, "-serve", "hypernova", "-page", pageFile, "-hypernova", hnURL)
	}
	srv, err := startChild("server "+sc, nil, self, args...)
	if err != nil {
		return row, nil, err
	}
	defer srv.stop()
	url := "http://" + addr + "/"
	body, err := waitHTTP(srv, 2*time.Minute, getReq(url))
	if err != nil {
		return row, nil, err
	}
	row.PageBytes = len(body)
	accept := ""
	if sc == "Ag" || sc == "Bb" {
		accept = browserEncoding
		// The page as a browser gets it: its coding, its size on the
		// wire, and (decoded) the same page as A's.
		coding, wire, err := fetchEncoded(url, accept)
		if err != nil {
			return row, nil, err
		}
		if body, err = decodeBody(coding, wire); err != nil {
			return row, nil, fmt.Errorf("%s: %w", sc, err)
		}
		row.Coding, row.WireBytes = coding, len(wire)
	}

	if cfg.warm > 0 {
		// A slow scenario (C at 1,000 rows on a loaded machine) may
		// finish no request within the warm-up; only the measured run
		// must produce numbers.
		w, err := ld.run(url, cfg.warm, accept)
		if err != nil {
			logf("%s %s rows=%d: warm-up gave no result (%.80s); measuring anyway", sc, comp, rows, err.Error())
		}
		row.Served = w.Requests
	}
	if sc == "B" || sc == "C" {
		m, err := serverMem(addr)
		if err != nil {
			return row, nil, err
		}
		row.Before = &m
	}
	if row.Load, err = ld.run(url, cfg.duration, accept); err != nil {
		return row, nil, err
	}
	if sc == "B" || sc == "C" {
		m, err := serverMem(addr)
		if err != nil {
			return row, nil, err
		}
		row.After = &m
		row.Served += row.Load.Requests
	}
	if err := srv.exited(); err != nil {
		return row, nil, err
	}
	if row.PeakRSS, err = procStatus(srv.pid(), "VmHWM"); err != nil {
		return row, nil, err
	}
	if hn != nil {
		if row.NodeRSS, err = treePeakRSS(hn.pid()); err != nil {
			return row, nil, err
		}
		row.PeakRSS += row.NodeRSS
	}
	return row, body, nil
}

// fetchEncoded GETs url with an Accept-Encoding and returns the response's
// Content-Encoding and its body as sent.
func fetchEncoded(url, accept string) (string, []byte, error) {
	req, _ := http.NewRequest(http.MethodGet, url, nil)
	req.Header.Set("Accept-Encoding", accept)
	tr := &http.Transport{DisableCompression: true}
	defer tr.CloseIdleConnections()
	resp, err := (&http.Client{Transport: tr, Timeout: 10 * time.Second}).Do(req)
	if err != nil {
		return "", nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err == nil && resp.StatusCode != http.StatusOK {
		err = fmt.Errorf("status %d", resp.StatusCode)
	}
	return resp.Header.Get("Content-Encoding"), b, err
}

// decodeBody undoes a Content-Encoding.
func decodeBody(coding string, b []byte) ([]byte, error) {
	var r io.Reader
	switch coding {
	case "":
		return b, nil
	case "gzip":
		zr, err := gzip.NewReader(bytes.NewReader(b))
		if err != nil {
			return nil, err
		}
		r = zr
	case "br":
		r = brotli.NewReader(bytes.NewReader(b))
	case "zstd":
		zr, err := zstd.NewReader(bytes.NewReader(b))
		if err != nil {
			return nil, err
		}
		defer zr.Close()
		r = zr
	default:
		return nil, fmt.Errorf("unexpected Content-Encoding %q", coding)
	}
	return io.ReadAll(r)
}
