package types

// ID is a defined type.
type ID int64

// Alias is an alias.
type Alias = string

type (
	// Pair groups two.
	Pair struct{ A, B int }
	Handler func(int) error
)

type List[T any] struct{ items []T }

func (l *List[T]) Push(x T) { l.items = append(l.items, x) }

func conv(x int) ID {
	return ID(x)
}
