package enc

import "testing"

func BenchmarkEncode(b *testing.B) {
	e := NewEncoder()
	for i := 0; i < b.N; i++ {
		e.Encode(i)
	}
}
