// Package encode sends HTTP response bodies compressed with gzip, brotli or
// zstd, negotiated from Accept-Encoding, and compresses each distinct body
// once: compressed variants are kept in a bounded cache keyed by a 64-bit
// xxhash of the body, so a page served again from the render cache is sent
// from bytes compressed earlier. It also owns the validators of those
// responses: a strong ETag per content coding ("<hash>" for the identity
// body, "<hash>-br" for its brotli form, RFC 9110 §8.8.3), 304 Not Modified
// for a matching If-None-Match, Vary: Accept-Encoding, Content-Length, and
// HEAD answered with GET's headers.
package encode

import (
	"strconv"
	"strings"
)

// Coding is a content coding.
type Coding uint8

// The codings this package produces. Order is the server's preference
// among codings a client accepts equally: brotli makes the smallest pages,
// zstd is close and decodes fastest, gzip is understood everywhere.
const (
	Identity Coding = iota
	Brotli
	Zstd
	Gzip
	numCodings
)

var codingNames = [numCodings]string{"identity", "br", "zstd", "gzip"}

// String is the coding's token in Accept-Encoding and Content-Encoding.
func (c Coding) String() string { return codingNames[c] }

// etagSuffix tells a coding's ETag from the identity one's.
var etagSuffix = [numCodings]string{"", "-br", "-zst", "-gz"}

// FileExt is the extension of a coding's precompressed file ("" for
// identity): what `ssrgate build` writes next to each asset.
func (c Coding) FileExt() string {
	switch c {
	case Brotli:
		return ".br"
	case Gzip:
		return ".gz"
	case Zstd:
		return ".zst"
	}
	return ""
}

// Negotiate picks the coding for a response from the request's
// Accept-Encoding value, among the offered codings (identity is always
// available unless excluded). It follows RFC 9110 §12.5.3: q-values, "*"
// for any coding not listed, "identity;q=0" and "*;q=0" excluding the
// uncoded body. Among equal q-values the order of offered wins. A header
// that accepts nothing offered gets identity: like most servers (Caddy,
// nginx), it sends the body as it is rather than 406.
func Negotiate(header string, offered ...Coding) Coding {
	if header == "" {
		return Identity
	}
	var q [numCodings]int // in thousandths; -1: not mentioned
	for i := range q {
		q[i] = -1
	}
	star := -1
	for part := range strings.SplitSeq(header, ",") {
		name, params, _ := strings.Cut(part, ";")
		name = strings.ToLower(strings.TrimSpace(name))
		v := parseQ(params)
		switch name {
		case "*":
			star = v
		case "identity":
			q[Identity] = v
		case "br":
			q[Brotli] = v
		case "zstd":
			q[Zstd] = v
		case "gzip", "x-gzip":
			q[Gzip] = v
		}
	}
	for c := range q {
		if q[c] < 0 {
			q[c] = star
		}
	}
	if q[Identity] < 0 {
		q[Identity] = 1 // identity is acceptable unless excluded
	}
	best, bestQ := Identity, q[Identity]
	for _, c := range offered {
		if c == Identity || q[c] <= 0 {
			continue
		}
		// A coding beats identity at equal q (compression is what the
		// client asked for); among codings the first offered wins a tie.
		if q[c] > bestQ || (best == Identity && q[c] == bestQ) {
			best, bestQ = c, q[c]
		}
	}
	return best
}

// parseQ reads the q parameter of one Accept-Encoding member, in
// thousandths; a missing or malformed q counts as 1.
func parseQ(params string) int {
	for p := range strings.SplitSeq(params, ";") {
		k, v, ok := strings.Cut(strings.TrimSpace(p), "=")
		if !ok || strings.TrimSpace(strings.ToLower(k)) != "q" {
			continue
		}
		f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
		if err != nil || f < 0 || f > 1 {
			return 1000
		}
		return int(f*1000 + 0.5)
	}
	return 1000
}
