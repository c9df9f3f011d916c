package app

type Base struct{}

func (b *Base) Hello() {}

type Derived struct {
	Base
}

func run(d *Derived) {
	d.Hello()
}
