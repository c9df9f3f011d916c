package app

type App struct {
	log Logger
}
