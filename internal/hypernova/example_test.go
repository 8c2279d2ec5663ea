package hypernova_test

import (
	"log"
	"log/slog"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/ssrgate/ssrgate/internal/hypernova"
	"github.com/ssrgate/ssrgate/ssr"
)

// A render service for a Django, Rails or PHP site: its hypernova client
// points at http://ssr.internal:8080/batch, and its pages load
// /hypernova/client.js (proxied to this server with /_ssr/).
func ExampleRegister() {
	eng, err := ssr.New(ssr.Config{ComponentsDir: "components"})
	if err != nil {
		log.Fatal(err)
	}
	defer eng.Close()
	r := gin.New()
	eng.Mount(r) // the browser entries below /_ssr/
	hypernova.Register(r, eng, hypernova.Config{
		JobTimeout: 900 * time.Millisecond,
		Logger:     slog.Default(),
	})
	log.Fatal(http.ListenAndServe(":8080", r))
}
