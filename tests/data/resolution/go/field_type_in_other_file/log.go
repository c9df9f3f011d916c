package app

type Logger struct{}

func (l Logger) Info() {}
