package app

func helper() {}
