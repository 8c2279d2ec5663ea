package hypernova

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gin-gonic/gin"
	"go.uber.org/goleak"

	"github.com/ssrgate/ssrgate/ssr"
)

// The engine is expensive (esbuild, goja): the tests share one, built on
// first use and closed before the leak check.
var (
	engOnce sync.Once
	testEng *ssr.Engine
	engErr  error
)

func TestMain(m *testing.M) {
	gin.SetMode(gin.TestMode)
	code := m.Run()
	if testEng != nil {
		testEng.Close()
	}
	if code == 0 {
		// regexp2's clock goroutine (match timeouts, see jsvm/guard.go)
		// outlives the engine by design and ends on its own.
		if err := goleak.Find(goleak.IgnoreAnyFunction("github.com/dlclark/regexp2/v2.runClock")); err != nil {
			fmt.Fprintln(os.Stderr, "goleak:", err)
			code = 1
		}
	}
	os.Exit(code)
}

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

func engine(t testing.TB) *ssr.Engine {
	t.Helper()
	engOnce.Do(func() {
		testEng, engErr = ssr.New(ssr.Config{
			ComponentsDir: "testdata/components",
			Root:          "../..",
			PoolSize:      2,
			RenderTimeout: 3 * time.Second, // longer than the JobTimeouts below: they must cut renders
			Logger:        quiet,
			// The tests make Boom throw and Loop time out again and again; their answers are under test,
			// not the circuit breaker (ssr/contain_test.go tests it).
			BreakerFailures: -1,
		})
	})
	if engErr != nil {
		t.Fatalf("engine: %v", engErr)
	}
	return testEng
}

// newServer is the real router with the service registered.
func newServer(t testing.TB, cfg Config) *httptest.Server {
	t.Helper()
	if cfg.Logger == nil {
		cfg.Logger = quiet
	}
	r := gin.New()
	eng := engine(t)
	eng.Mount(r)
	Register(r, eng, cfg)
	srv := httptest.NewServer(r)
	t.Cleanup(srv.Close)
	return srv
}

// post sends body to url and returns the status, headers and body.
func post(t testing.TB, method, url, body string) (int, http.Header, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res.StatusCode, res.Header, b
}

// batchOut is a decoded /batch response.
type batchOut struct {
	Success *bool                 `json:"success"`
	Error   *jsError              `json:"error"`
	Results map[string]*resultOut `json:"results"`
}

type resultOut struct {
	Name       string          `json:"name"`
	HTML       *string         `json:"html"`
	Meta       json.RawMessage `json:"meta"`
	Duration   *float64        `json:"duration"`
	StatusCode int             `json:"statusCode"`
	Success    bool            `json:"success"`
	Error      *jsError        `json:"error"`
}

func decodeBatchOut(t testing.TB, b []byte) batchOut {
	t.Helper()
	var out batchOut
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&out); err != nil {
		t.Fatalf("response is not a batch envelope: %v\n%s", err, b)
	}
	if out.Success == nil {
		t.Fatalf("response has no success field:\n%s", b)
	}
	return out
}
