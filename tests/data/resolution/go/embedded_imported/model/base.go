package model

type Base struct{}

func (b *Base) ID() int { return 1 }
