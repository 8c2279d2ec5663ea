package ssr

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/base64"
	"net/http"
	"strings"
)

// A strict Content-Security-Policy (script-src with a nonce and
// 'strict-dynamic') lets a page run only the scripts it was sent with. Every
// script tag ssrgate writes carries the page's nonce: the island runtime and
// its module preloads. Props scripts are type="application/json" data
// blocks, which CSP does not govern; the runtime's import() of island
// entries, and their imports, are trusted through 'strict-dynamic'. The
// island wrapper has no style attribute (its display:contents comes from a
// linked stylesheet), so a style-src without 'unsafe-inline' passes too.
//
// Where the nonce comes from, first match wins:
//  1. WithCSPNonce on the context of ExecutePage (or ExecuteContext): the
//     application owns the policy and sends the header itself.
//  2. For the Gin HTMLRender, a Content-Security-Policy header already set
//     on the response (by the application's middleware) with a
//     'nonce-…' source: that nonce is used and the header left alone.
//  3. Config.CSPNonce: a fresh nonce per page, and the response gets
//     CSPPolicy(nonce) as its Content-Security-Policy header
//     (Page.CSPHeader for callers that write responses themselves).
//
// Nonces never enter the render cache: they are written only in the page's
// head and script tags, after the islands' (cached) markup is done. A page
// with a nonce differs in every response, so it must not be cached as a
// whole (no ETag, no shared cache, no cache of its compressed body).

// CSPPolicy is the Content-Security-Policy that Config.CSPNonce sends:
// scripts only by nonce (and what they load), no plugins, no <base>.
func CSPPolicy(nonce string) string {
	return "script-src 'nonce-" + nonce + "' 'strict-dynamic'; object-src 'none'; base-uri 'none'"
}

// NewCSPNonce returns a fresh nonce: 128 random bits, base64url without
// padding (valid in a CSP nonce-source and in an HTML attribute as is).
func NewCSPNonce() string {
	var b [16]byte
	rand.Read(b[:]) // never returns an error (crypto/rand, Go 1.24+)
	return base64.RawURLEncoding.EncodeToString(b[:])
}

type nonceKey struct{}

// WithCSPNonce returns a context that makes ExecutePage use nonce for the
// page's scripts and {{ cspNonce }}, for applications that send their own
// Content-Security-Policy header.
func WithCSPNonce(ctx context.Context, nonce string) context.Context {
	return context.WithValue(ctx, nonceKey{}, nonce)
}

// CSPNonceFromContext returns the nonce WithCSPNonce stored in ctx, or "".
func CSPNonceFromContext(ctx context.Context) string {
	s, _ := ctx.Value(nonceKey{}).(string)
	return s
}

// nonceFor picks the nonce of a page: the context's, or a fresh one when
// Config.CSPNonce is set. owned reports that ssrgate made it and so must
// send the policy.
func (e *Engine) nonceFor(ctx context.Context) (nonce string, owned bool) {
	if ctx != nil {
		if n := CSPNonceFromContext(ctx); n != "" {
			return n, false
		}
	}
	if e.cfg.CSPNonce {
		return NewCSPNonce(), true
	}
	return "", false
}

// nonceInHeader returns the nonce of the first 'nonce-…' source of the
// response's Content-Security-Policy header, or "".
func nonceInHeader(h http.Header) string {
	for _, policy := range h.Values("Content-Security-Policy") {
		for _, tok := range strings.Fields(policy) {
			tok = strings.TrimSuffix(tok, ";")
			if strings.HasPrefix(tok, "'nonce-") && strings.HasSuffix(tok, "'") && len(tok) > len("'nonce-'") {
				return tok[len("'nonce-") : len(tok)-1]
			}
		}
	}
	return ""
}

// nonceMarker is what {{ cspNonce }} prints in a template executed directly
// (no request state): Finish replaces it by the page's nonce, or by nothing.
// Letters and dashes only, so html/template prints it unescaped in any
// attribute or text context.
const nonceMarker = "ssrgate-csp-nonce-7f3a9c"

// replaceNonce replaces every nonceMarker in page by nonce.
func replaceNonce(page []byte, nonce string) []byte {
	if !bytes.Contains(page, []byte(nonceMarker)) {
		return page
	}
	return bytes.ReplaceAll(page, []byte(nonceMarker), []byte(nonce))
}
