package app

func (a *App) Run() {
	a.log.Info()
}
