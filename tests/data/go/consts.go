package consts

// Max is the limit.
const Max = 10

const (
	// A is first.
	A = iota
	B
	_
)

var Default = newThing()

var counter int

func newThing() int { return Max }
