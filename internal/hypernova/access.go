package hypernova

import (
	"crypto/subtle"
	"mime"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"
)

// checkAccess applies the service's request rules before a body is read:
// the bearer token (Config.Token) and a JSON content type. Hypernova
// clients send application/json; a form post or a missing type is a caller
// bug that should fail loudly rather than be guessed at.
func (s *service) checkAccess(c *gin.Context) *requestError {
	if s.cfg.Token != "" {
		got, ok := strings.CutPrefix(c.GetHeader("Authorization"), "Bearer ")
		if !ok || subtle.ConstantTimeCompare([]byte(strings.TrimSpace(got)), []byte(s.cfg.Token)) != 1 {
			c.Header("WWW-Authenticate", `Bearer realm="ssrgate"`)
			return &requestError{http.StatusUnauthorized,
				newError("UnauthorizedError", "this render service requires Authorization: Bearer TOKEN (ssrgate serve --render-token)")}
		}
	}
	ct := c.GetHeader("Content-Type")
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil || (mt != "application/json" && !strings.HasSuffix(mt, "+json")) {
		return &requestError{http.StatusUnsupportedMediaType,
			newError("UnsupportedMediaTypeError", "Content-Type is "+quoteOrNone(ct)+": send the body as JSON with Content-Type: application/json")}
	}
	return nil
}

func quoteOrNone(s string) string {
	if s == "" {
		return "missing"
	}
	return `"` + s + `"`
}
