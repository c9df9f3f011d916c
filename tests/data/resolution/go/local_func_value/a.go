package app

func helper() {}

func run() {
	f := helper
	f()
}
