package jsvm

import (
	"container/heap"
	"time"

	"github.com/dop251/goja"
)

// timer is a pending setTimeout, setInterval, setImmediate or MessagePort delivery.
type timer struct {
	id       int64
	seq      uint64 // insertion order breaks ties between equal due times, as in Node
	due      time.Time
	fn       goja.Callable
	args     []goja.Value
	interval time.Duration // > 0 for setInterval
}

// loop is a minimal macrotask queue: timers ordered by due time. It is driven by VM.await only while a
// render's promise is pending, so no goroutine ever touches the runtime in the background.
type loop struct {
	queue  timerHeap
	active map[int64]*timer // cleared timers are removed here and skipped lazily in queue
	lastID int64
	seq    uint64
}

func (l *loop) add(fn goja.Callable, delay time.Duration, interval bool, args []goja.Value) int64 {
	if l.active == nil {
		l.active = make(map[int64]*timer)
	}
	l.lastID++
	t := &timer{id: l.lastID, fn: fn, args: args}
	if interval {
		t.interval = delay
	}
	l.schedule(t, delay)
	l.active[t.id] = t
	return t.id
}

func (l *loop) schedule(t *timer, delay time.Duration) {
	l.seq++
	t.seq = l.seq
	t.due = time.Now().Add(delay)
	heap.Push(&l.queue, t)
}

func (l *loop) cancel(id int64) { delete(l.active, id) }

// next returns the earliest live timer without removing it, or nil.
func (l *loop) next() *timer {
	for len(l.queue) > 0 {
		t := l.queue[0]
		if l.active[t.id] == t {
			return t
		}
		heap.Pop(&l.queue)
	}
	return nil
}

// fire runs t (which must be the one next returned) and reschedules it if it is an interval.
func (l *loop) fire(t *timer) error {
	heap.Pop(&l.queue)
	if t.interval > 0 {
		l.schedule(t, t.interval)
	} else {
		delete(l.active, t.id)
	}
	_, err := t.fn(goja.Undefined(), t.args...)
	return err
}

func (l *loop) clear() {
	l.queue = l.queue[:0]
	clear(l.active)
}

type timerHeap []*timer

func (h timerHeap) Len() int { return len(h) }
func (h timerHeap) Less(i, j int) bool {
	if !h[i].due.Equal(h[j].due) {
		return h[i].due.Before(h[j].due)
	}
	return h[i].seq < h[j].seq
}
func (h timerHeap) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *timerHeap) Push(x any)   { *h = append(*h, x.(*timer)) }
func (h *timerHeap) Pop() any {
	old := *h
	t := old[len(old)-1]
	old[len(old)-1] = nil
	*h = old[:len(old)-1]
	return t
}
