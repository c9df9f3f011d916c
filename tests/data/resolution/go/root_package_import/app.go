package app

func Version() string { return "1" }
