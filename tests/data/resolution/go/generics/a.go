package app

func Map[T, U any](xs []T, f func(T) U) []U { return nil }

type List[T any] struct{}

func (l *List[T]) Push(x T) {}

func use() {
	var l List[int]
	l.Push(1)
	Map[int, int](nil, nil)
}
