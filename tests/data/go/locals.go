package locals

func target() {}

func shadow(target func()) {
	target()
}

func closures() {
	f := func() { target() }
	f()
	func() {
		target()
	}()
}

func ranges(xs []func()) {
	for _, g := range xs {
		g()
	}
}
