package app

type Hooks struct {
	onStart func()
}

func start() {}

func (h *Hooks) Fire() {
	h.onStart()
}
