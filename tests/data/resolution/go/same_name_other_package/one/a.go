package one

func Run() { helper() }
