package deep

func Deep() {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	if true {
	Deep()
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}

func After() {}
