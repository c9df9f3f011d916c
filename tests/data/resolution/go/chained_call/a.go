package app

func main() {
	NewQueue().Push(1)
}
