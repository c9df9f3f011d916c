package parser_test

import (
	"testing"

	"example.com/app/parser"
)

func TestNew(t *testing.T) {
	p := parser.New()
	p.Parse("x")
}
