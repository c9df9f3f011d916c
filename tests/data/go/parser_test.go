package parser

import "testing"

func setup() *Parser { return New() }

func TestParse(t *testing.T) {
	p := setup()
	if p.Parse("x") == nil {
		t.Fatal("nil")
	}
}

func BenchmarkParse(b *testing.B) {
	for i := 0; i < b.N; i++ {
		Parse("x")
	}
}

func ExampleParse() {
	Parse("y")
}

func Testify() {}
