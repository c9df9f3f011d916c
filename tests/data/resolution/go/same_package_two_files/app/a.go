package app

func Start() {
	helper()
}
