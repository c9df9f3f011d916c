package ünï

// Grüße greets.
func Grüße() string { return "grüß" }

type Größe struct{}

func (g Größe) Maß() { Grüße() }
