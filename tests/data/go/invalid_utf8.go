package utf

// Hello says hÿllo.
func Hello() string { return "hþ" }

func Caller() { Hello() }
