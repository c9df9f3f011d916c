package app

type Base struct{}

func (b Base) Name() string { return "b" }

type Child struct{ Base }

func (c Child) Name() string { return "c" }

func show(c Child) {
	c.Name()
}
