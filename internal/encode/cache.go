package encode

import (
	"sync"
	"sync/atomic"
)

// vkey names one compressed variant: the body's hash and length, and the
// coding. The length makes a collision of the 64-bit hash need two bodies
// of equal size as well.
type vkey struct {
	sum uint64
	n   int
	c   Coding
}

type ventry struct {
	b   []byte // nil: compressing did not make the body smaller
	ref atomic.Bool
}

// entryOverhead is what an entry costs beyond its bytes (map slot, ring
// slot, entry), counted against MaxBytes.
const entryOverhead = 96

// variantCache holds compressed variants up to a byte bound, evicting with
// the CLOCK algorithm: a hit only sets a bit under the read lock, so hits
// on many cores do not queue on one mutex.
type variantCache struct {
	mu    sync.RWMutex
	m     map[vkey]*ventry
	ring  []vkey
	hand  int
	bytes int64
	max   int64
	door  map[vkey]struct{} // bodies seen once; see seen
}

// doorSize bounds the doorkeeper; it is cleared when full.
const doorSize = 8192

func newVariantCache(max int64) *variantCache {
	return &variantCache{m: map[vkey]*ventry{}, max: max, door: map[vkey]struct{}{}}
}

func (c *variantCache) get(k vkey) ([]byte, bool) {
	c.mu.RLock()
	v, ok := c.m[k]
	c.mu.RUnlock()
	if !ok {
		return nil, false
	}
	v.ref.Store(true)
	return v.b, true
}

// seen reports whether k was asked for before (and not yet cached), and
// remembers it otherwise: variants are kept from a body's second request.
func (c *variantCache) seen(k vkey) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.door[k]; ok {
		return true
	}
	if len(c.door) >= doorSize {
		clear(c.door)
	}
	c.door[k] = struct{}{}
	return false
}

func (c *variantCache) put(k vkey, b []byte) {
	size := int64(len(b)) + entryOverhead
	if size > c.max/4 { // one huge body must not empty the cache
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.door, k)
	if _, ok := c.m[k]; ok {
		return
	}
	for c.bytes+size > c.max && len(c.ring) > 0 {
		if c.hand >= len(c.ring) {
			c.hand = 0
		}
		victim := c.ring[c.hand]
		e := c.m[victim]
		if e.ref.Swap(false) {
			c.hand++
			continue
		}
		c.bytes -= int64(len(e.b)) + entryOverhead
		delete(c.m, victim)
		last := len(c.ring) - 1
		c.ring[c.hand] = c.ring[last]
		c.ring = c.ring[:last]
	}
	c.m[k] = &ventry{b: b}
	c.ring = append(c.ring, k)
	c.bytes += size
}

// len is the number of cached variants (for tests).
func (c *variantCache) len() int {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return len(c.m)
}
