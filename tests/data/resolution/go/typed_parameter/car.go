package app

type Car struct{}

func (c *Car) Start() {}
