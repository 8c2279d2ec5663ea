package hypernova

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/gin-gonic/gin"

	"github.com/ssrgate/ssrgate/internal/server"
)

// TestStandaloneServerRoutes wires Register the way cmd/ssrgate does,
// through server.Config.Routes beside the demo site's pages and the
// engine's asset route: no route conflicts, and the endpoints answer.
func TestStandaloneServerRoutes(t *testing.T) {
	eng := engine(t)
	srv, err := server.New(server.Config{
		Engine: eng, TemplatesDir: "../../templates", Logger: quiet,
		Routes: func(r *gin.Engine) { Register(r, eng, Config{Logger: quiet}) },
	})
	if err != nil {
		t.Fatalf("the demo site (../../templates) must load beside the render API: %v", err)
	}
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	status, _, b := post(t, http.MethodPost, ts.URL+"/batch", `{"a": {"name": "Widget.js"}}`)
	if out := decodeBatchOut(t, b); status != 200 || !out.Results["a"].Success {
		t.Errorf("/batch: %d %s", status, b)
	}
	for _, path := range []string{"/hypernova/client.js", "/hypernova/manifest.json"} {
		res, err := http.Get(ts.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != 200 {
			t.Errorf("%s: %d", path, res.StatusCode)
		}
	}
}
