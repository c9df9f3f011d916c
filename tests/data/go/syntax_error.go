package broken

func Good() int { return 1 }

func Bad( {
	Good(
}

type T struct {
	x int

func After() { Good() }
