package app

func work() {}

func cleanup() {}

func run() {
	defer cleanup()
	go func() {
		work()
	}()
}
