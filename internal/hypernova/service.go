package hypernova

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/ssrgate/ssrgate/ssr"
)

// Extensions are the file extensions a job name may carry: "shop/Cart.tsx"
// names the component "shop/Cart". Hypernova clients usually send the
// bundle's file name ("Widget.js").
var Extensions = []string{".js", ".jsx", ".tsx", ".ts", ".vue"}

// service holds what the handlers share. It is safe for concurrent use:
// after newService nothing in it changes.
type service struct {
	eng      *ssr.Engine
	cfg      Config
	log      *slog.Logger
	known    map[string]bool
	manifest ssr.Manifest
	client   []byte // js/client.js, minified
	keys     []byte // manifest.json for the client
}

func newService(eng *ssr.Engine, cfg Config) *service {
	s := &service{eng: eng, cfg: cfg, log: cfg.Logger, known: map[string]bool{}, manifest: eng.Manifest()}
	for _, name := range eng.Components() {
		s.known[name] = true
	}
	s.client = buildClient(s.log)
	s.keys = s.clientManifest()
	return s
}

// component maps a job name to a component name: the name itself if it is
// one, else the name without one of Extensions.
func (s *service) component(name string) (string, bool) {
	if s.known[name] {
		return name, true
	}
	for _, ext := range Extensions {
		if base, ok := strings.CutSuffix(name, ext); ok && s.known[base] {
			return base, true
		}
	}
	return "", false
}

// jsError is an error in hypernova's serialization: what a JavaScript
// Error would give, with the stack split into lines ("Name: message" first,
// then "at …" frames), as hypernova's errorToSerializable does.
type jsError struct {
	Name    string   `json:"name"`
	Message string   `json:"message"`
	Stack   []string `json:"stack"`
}

func newError(name, msg string) *jsError {
	return &jsError{Name: name, Message: msg, Stack: []string{name + ": " + msg}}
}

// result is one job's entry in a batch response.
type result struct {
	Name       string   `json:"name"`
	HTML       *string  `json:"html"` // null when the job failed
	Meta       struct{} `json:"meta"`
	Duration   float64  `json:"duration"` // milliseconds, as hypernova reports it
	StatusCode int      `json:"statusCode"`
	Success    bool     `json:"success"`
	Error      *jsError `json:"error"`
}

// job is one decoded job of a batch.
type job struct {
	token string
	name  string // as sent; results and keys use it
	comp  string // the component it names
	props []byte // from ssr.EncodeProps
	// bad is set for a job that cannot render (malformed or unknown
	// component); it is the job's result as is.
	bad *result
}

func (s *service) failed(name string, status int, e *jsError, d time.Duration) result {
	return result{Name: name, StatusCode: status, Error: e, Duration: ms(d)}
}

func ms(d time.Duration) float64 { return float64(d.Nanoseconds()) / 1e6 }

// parseJob validates one job: an object with a string name, optional
// object data (the props) and metadata of any shape (ignored, as hypernova
// passes it only to its plugins).
func (s *service) parseJob(token string, raw json.RawMessage) job {
	j := job{token: token}
	var in struct {
		Name json.RawMessage `json:"name"`
		Data json.RawMessage `json:"data"`
	}
	if b := bytes.TrimSpace(raw); len(b) == 0 || b[0] != '{' || json.Unmarshal(b, &in) != nil {
		r := s.failed("", http.StatusBadRequest, newError("TypeError", fmt.Sprintf(`job %q is not an object like {"name": "Widget.js", "data": {...}}`, token)), 0)
		j.bad = &r
		return j
	}
	var name string
	if json.Unmarshal(in.Name, &name) != nil || name == "" {
		r := s.failed("", http.StatusBadRequest, newError("TypeError", fmt.Sprintf("job %q has no name (a string naming the component)", token)), 0)
		j.bad = &r
		return j
	}
	return s.newJob(token, name, in.Data)
}

// newJob resolves a job's component and encodes its props (data).
func (s *service) newJob(token, name string, data json.RawMessage) job {
	j := job{token: token, name: name}
	comp, ok := s.component(j.name)
	if !ok {
		// hypernova's notFound error, frame included, so logs built for
		// hypernova keep matching.
		msg := fmt.Sprintf("Component %q not registered", j.name)
		e := &jsError{Name: "ReferenceError", Message: msg, Stack: []string{"ReferenceError: " + msg, "at YOUR-COMPONENT-DID-NOT-REGISTER_" + j.name + ":1:1"}}
		r := s.failed(j.name, http.StatusNotFound, e, 0)
		j.bad = &r
		return j
	}
	j.comp = comp
	data = bytes.TrimSpace(data)
	if len(data) == 0 || string(data) == "null" {
		data = []byte("{}")
	}
	if data[0] != '{' {
		r := s.failed(j.name, http.StatusBadRequest, newError("TypeError", fmt.Sprintf("job %q: data must be a JSON object (the component's props), got %s", token, shorten(data))), 0)
		j.bad = &r
		return j
	}
	props, err := ssr.EncodeProps(json.RawMessage(data))
	if err != nil {
		r := s.failed(j.name, http.StatusBadRequest, newError("TypeError", fmt.Sprintf("job %q: %v", token, err)), 0)
		j.bad = &r
		return j
	}
	j.props = props
	return j
}

func shorten(b []byte) string {
	if len(b) > 40 {
		return string(b[:40]) + "…"
	}
	return string(b)
}

// runBatch renders the jobs, at most Config.Concurrency at a time, and
// returns their results in order by the deadline of ctx. A job that has
// not finished by then gets a TimeoutError; its render is interrupted
// through ctx and its goroutine ends on its own (the send is buffered).
func (s *service) runBatch(ctx context.Context, jobs []job) []result {
	start := time.Now()
	ctx, cancel := context.WithTimeout(ctx, s.cfg.JobTimeout)
	defer cancel()
	results := make([]result, len(jobs))
	pending := make([]chan result, len(jobs))
	sem := make(chan struct{}, s.cfg.Concurrency)
dispatch:
	for i, j := range jobs {
		if j.bad != nil {
			results[i] = *j.bad
			continue
		}
		select {
		case sem <- struct{}{}:
		case <-ctx.Done():
			break dispatch
		}
		ch := make(chan result, 1)
		pending[i] = ch
		go func() {
			defer func() { <-sem }()
			ch <- s.runJob(ctx, j)
		}()
	}
	for i, ch := range pending {
		if jobs[i].bad != nil {
			continue
		}
		if ch != nil {
			select {
			case results[i] = <-ch:
				continue
			case <-ctx.Done():
			}
			select {
			case results[i] = <-ch: // finished just as the deadline passed
				continue
			default:
			}
		}
		results[i] = s.timedOut(ctx, jobs[i], time.Since(start))
	}
	return results
}

func (s *service) timedOut(ctx context.Context, j job, d time.Duration) result {
	e := newError("TimeoutError", fmt.Sprintf("%s did not render within %s (JobTimeout)", j.comp, s.cfg.JobTimeout))
	if errors.Is(context.Cause(ctx), context.Canceled) {
		e = newError("AbortError", j.comp+" was not rendered: the request was cancelled")
	}
	s.log.Warn("hypernova job failed", "token", j.token, "component", j.comp, "err", e.Message)
	return s.failed(j.name, http.StatusInternalServerError, e, d)
}

// runJob renders one job on the engine. A render that finds every runtime
// busy is retried until ctx is done: within a batch, waiting for a runtime
// is better than failing while the deadline allows it.
func (s *service) runJob(ctx context.Context, j job) result {
	start := time.Now()
	var (
		html string
		err  error
	)
	for {
		html, err = s.eng.Render(ctx, j.comp, json.RawMessage(j.props))
		var re *ssr.RenderError
		if err == nil || !errors.As(err, &re) || re.Reason != ssr.ReasonBusy || ctx.Err() != nil {
			break
		}
	}
	d := time.Since(start)
	if err == nil {
		m := s.markup(j, html, true)
		return result{Name: j.name, HTML: &m, Duration: ms(d), StatusCode: http.StatusOK, Success: true}
	}
	if ctx.Err() != nil {
		return s.timedOut(ctx, j, d)
	}
	e := toJSError(err)
	s.log.Warn("hypernova job failed", "token", j.token, "component", j.comp, "err", err, "stack", strings.Join(e.Stack, "\n  "))
	if !s.cfg.Stacks && len(e.Stack) > 1 {
		e.Stack = e.Stack[:1]
	}
	return s.failed(j.name, http.StatusInternalServerError, e, d)
}

// markup is hypernova's markup of a job: with the server HTML (and the
// browser entry, which tells js/client.js to hydrate) if server is set,
// else the empty div of a client-rendering fallback.
func (s *service) markup(j job, html string, server bool) string {
	el := element{key: Key(j.name), id: newID(), html: html, props: j.props}
	if server {
		entry := s.manifest.Components[j.comp]
		el.src = s.manifest.PublicPath + entry.JS
		for _, c := range entry.CSS {
			el.css = append(el.css, s.manifest.PublicPath+c)
		}
	}
	var buf bytes.Buffer
	writeMarkup(&buf, el)
	return buf.String()
}

// errorName matches the "Name: " that starts a JavaScript error's message.
var errorName = regexp.MustCompile(`^([A-Za-z_$][\w$]*): `)

// toJSError converts a failed render to hypernova's error shape.
func toJSError(err error) *jsError {
	var re *ssr.RenderError
	if !errors.As(err, &re) {
		return newError("Error", err.Error())
	}
	var je *ssr.JSError
	if errors.As(err, &je) {
		name, msg := "Error", je.Message
		if m := errorName.FindStringSubmatch(je.Message); m != nil {
			name, msg = m[1], je.Message[len(m[0]):]
		}
		e := newError(name, msg)
		for _, line := range strings.Split(je.Stack, "\n") {
			line = strings.TrimSpace(line)
			if line != "" && line != e.Stack[0] {
				e.Stack = append(e.Stack, line)
			}
		}
		return e
	}
	switch re.Reason {
	case ssr.ReasonTimeout:
		return newError("TimeoutError", re.Err.Error())
	case ssr.ReasonTooBig:
		return newError("RangeError", re.Err.Error())
	}
	return newError("Error", re.Err.Error())
}

// requestError is a request that is not a batch at all; it maps to the
// response status in one place, status.
type requestError struct {
	status int
	err    *jsError
}

// readBody reads a POST body up to MaxBodyBytes.
func (s *service) readBody(c *gin.Context) ([]byte, *requestError) {
	if c.Request.Method != http.MethodPost {
		c.Header("Allow", http.MethodPost)
		return nil, &requestError{http.StatusMethodNotAllowed,
			newError("MethodNotAllowedError", c.Request.Method+" is not allowed: send the jobs with POST")}
	}
	if rerr := s.checkAccess(c); rerr != nil {
		return nil, rerr
	}
	b, err := io.ReadAll(http.MaxBytesReader(c.Writer, c.Request.Body, s.cfg.MaxBodyBytes))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return nil, &requestError{http.StatusRequestEntityTooLarge,
				newError("PayloadTooLargeError", fmt.Sprintf("request body is over the %d-byte limit (MaxBodyBytes)", s.cfg.MaxBodyBytes))}
		}
		return nil, &requestError{http.StatusBadRequest, newError("Error", "read request body: "+err.Error())}
	}
	return b, nil
}

// decodeBatch reads the jobs of a batch in order: an object of jobs keyed
// by token or, as hypernova accepts, an array (tokens "0", "1", …). An
// empty body is an empty batch, as with hypernova's body-parser. Of
// duplicate tokens the last job wins, in the first one's place, as with
// JSON.parse.
func (s *service) decodeBatch(body []byte) ([]job, *requestError) {
	if len(bytes.TrimSpace(body)) == 0 {
		return nil, nil
	}
	syntax := func(err error) *requestError {
		return &requestError{http.StatusBadRequest, newError("SyntaxError", "request body is not valid JSON: "+err.Error())}
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	open, err := dec.Token()
	if err != nil {
		return nil, syntax(err)
	}
	var raws []json.RawMessage
	var tokens []string
	switch open {
	case json.Delim('{'):
		seen := map[string]int{}
		for dec.More() {
			t, err := dec.Token()
			if err != nil {
				return nil, syntax(err)
			}
			var raw json.RawMessage
			if err := dec.Decode(&raw); err != nil {
				return nil, syntax(err)
			}
			token := t.(string)
			if i, dup := seen[token]; dup {
				raws[i] = raw
				continue
			}
			seen[token] = len(raws)
			tokens = append(tokens, token)
			raws = append(raws, raw)
		}
	case json.Delim('['):
		for dec.More() {
			var raw json.RawMessage
			if err := dec.Decode(&raw); err != nil {
				return nil, syntax(err)
			}
			tokens = append(tokens, strconv.Itoa(len(raws)))
			raws = append(raws, raw)
		}
	default:
		return nil, &requestError{http.StatusBadRequest,
			newError("TypeError", `a batch is a JSON object of jobs keyed by token: {"TOKEN": {"name": "Widget.js", "data": {...}}}`)}
	}
	if _, err := dec.Token(); err != nil { // the closing delimiter
		return nil, syntax(err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, syntax(errors.New("unexpected data after the batch"))
	}
	if len(raws) > s.cfg.MaxJobs {
		return nil, &requestError{http.StatusRequestEntityTooLarge,
			newError("PayloadTooLargeError", fmt.Sprintf("batch has %d jobs, over the limit of %d (MaxJobs); split it", len(raws), s.cfg.MaxJobs))}
	}
	jobs := make([]job, len(raws))
	for i, raw := range raws {
		jobs[i] = s.parseJob(tokens[i], raw)
	}
	return jobs, nil
}

// batch is POST BatchPath.
func (s *service) batch(c *gin.Context) {
	body, rerr := s.readBody(c)
	var jobs []job
	if rerr == nil {
		jobs, rerr = s.decodeBatch(body)
	}
	if rerr != nil {
		s.log.Info("hypernova: bad batch request", "status", rerr.status, "err", rerr.err.Message)
		s.writeJSON(c, rerr.status, batchResponse{Error: rerr.err, Results: orderedResults{}})
		return
	}
	results := s.runBatch(c.Request.Context(), jobs)
	s.writeJSON(c, http.StatusOK, batchResponse{Success: true, Results: orderedResults{jobs: jobs, results: results}})
}

// batchResponse is the body of every /batch answer. Hypernova's server
// answers request errors (bad JSON, too large) with an empty body; the same
// envelope with success false says what went wrong.
type batchResponse struct {
	Success bool           `json:"success"`
	Error   *jsError       `json:"error"`
	Results orderedResults `json:"results"`
}

// orderedResults marshals as a JSON object in job order, so that clients
// that concatenate the results (hypernova-client's toHTML) keep the order
// of the request.
type orderedResults struct {
	jobs    []job
	results []result
}

func (o orderedResults) MarshalJSON() ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteByte('{')
	for i, j := range o.jobs {
		if i > 0 {
			buf.WriteByte(',')
		}
		k, err := json.Marshal(j.token)
		if err != nil {
			return nil, err
		}
		buf.Write(k)
		buf.WriteByte(':')
		v, err := marshal(o.results[i])
		if err != nil {
			return nil, err
		}
		buf.Write(v)
	}
	buf.WriteByte('}')
	return buf.Bytes(), nil
}

// renderRequest is the body of POST RenderPath.
type renderRequest struct {
	Component string          `json:"component"`
	Props     json.RawMessage `json:"props"`
}

// renderResponse is the body of every /render answer. After a failed
// render of a known component, HTML holds the client-rendering fallback
// markup (what hypernova clients substitute for a failed job), so a caller
// can always print HTML and log Error.
type renderResponse struct {
	HTML  *string  `json:"html"`
	Error *jsError `json:"error"`
}

// render is POST RenderPath: one component, answered with its status.
func (s *service) render(c *gin.Context) {
	body, rerr := s.readBody(c)
	var req renderRequest
	if rerr == nil {
		if err := json.Unmarshal(body, &req); err != nil {
			var typeErr *json.UnmarshalTypeError
			if errors.As(err, &typeErr) {
				rerr = &requestError{http.StatusBadRequest, newError("TypeError", `send {"component": "Widget", "props": {...}}: `+err.Error())}
			} else {
				rerr = &requestError{http.StatusBadRequest, newError("SyntaxError", "request body is not valid JSON: "+err.Error())}
			}
		} else if req.Component == "" {
			rerr = &requestError{http.StatusBadRequest, newError("TypeError", `send {"component": "Widget", "props": {...}}: component is missing`)}
		}
	}
	if rerr != nil {
		s.log.Info("hypernova: bad render request", "status", rerr.status, "err", rerr.err.Message)
		s.writeJSON(c, rerr.status, renderResponse{Error: rerr.err})
		return
	}
	j := s.newJob("render", req.Component, req.Props)
	var r result
	if j.bad != nil {
		r = *j.bad
	} else {
		r = s.runBatch(c.Request.Context(), []job{j})[0]
	}
	resp := renderResponse{HTML: r.HTML, Error: r.Error}
	if r.StatusCode == http.StatusInternalServerError {
		fallback := s.markup(j, "", false)
		resp.HTML = &fallback
	}
	s.writeJSON(c, r.StatusCode, resp)
}

// marshal is json.Marshal without HTML escaping: responses are not
// embedded in pages as they are, and \u003c in every tag of every html
// result only makes them larger.
func marshal(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// writeJSON encodes v in full before writing anything, so a failure to
// encode becomes a bare 500 rather than half a body.
func (s *service) writeJSON(c *gin.Context, status int, v any) {
	b, err := marshal(v)
	if err != nil {
		s.log.Error("hypernova: encode response", "err", err)
		c.AbortWithStatus(http.StatusInternalServerError)
		return
	}
	c.Header("Cache-Control", "no-store")
	c.Data(status, "application/json; charset=utf-8", b)
}
