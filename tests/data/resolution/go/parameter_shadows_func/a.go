package app

func helper() {}

func run(helper func()) {
	helper()
}
