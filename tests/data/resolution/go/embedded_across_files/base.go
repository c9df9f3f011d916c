package app

type Base struct{}

func (b *Base) Close() {}
