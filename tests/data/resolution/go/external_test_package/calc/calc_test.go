package calc_test

import (
	"testing"

	"example.com/app/calc"
)

func helper() int { return calc.Add(1, 2) }

func TestAdd(t *testing.T) {
	helper()
}
