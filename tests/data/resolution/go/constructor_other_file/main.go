package app

func main() {
	s := NewServer()
	s.Run()
}
