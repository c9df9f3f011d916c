package queue

import "testing"

func filled() *Queue {
	q := New()
	q.Push(1)
	return q
}

func TestLen(t *testing.T) {
	q := filled()
	q.Len()
}
