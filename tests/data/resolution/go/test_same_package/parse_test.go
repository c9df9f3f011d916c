package parse

import "testing"

func TestParse(t *testing.T) {
	if Parse("x") != 0 {
		t.Fatal("bad")
	}
}
