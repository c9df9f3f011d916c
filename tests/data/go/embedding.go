package embed

import "sync"

type Base struct{}

func (b *Base) Hello() string { return "hi" }

type Derived struct {
	Base
	sync.Mutex
	name string
}

func run(d *Derived) {
	d.Hello()
	d.Lock()
}
