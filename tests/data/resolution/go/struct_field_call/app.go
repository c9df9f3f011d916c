package app

type App struct {
	db *DB
}

func (a *App) Load() {
	a.db.Query()
}
