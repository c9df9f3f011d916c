// Package funcs shows plain funcs.
package funcs

// Add returns the sum of a and b.
//
// It never overflows in tests.
func Add(a, b int) int {
	return a + b
}

func helper() string { return "x" }

// Twice calls helper twice.
func Twice() string {
	return helper() + helper()
}

func Generic[T any](x T) T { return x }

func init() {
	Twice()
}
