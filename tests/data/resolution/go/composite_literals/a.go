package app

func main() {
	c := Client{}
	c.Do()
	p := &Pool{}
	p.Get()
}
